/**
 * Lifecycle commands on copies of real logs, judged strictly: the edit changes exactly the lines it
 * was asked to change (every other byte identical), the result re-reads right with `adr list --json`, and
 * `adr check` has no new findings.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ADOPTED_MARKER } from '../../src/edit/overview-merge.js';
import { adr, bytes, copyLog, findings, fixtureBytes, lineDiff, LOG_DIR, type RealLog, records, text } from './helpers.js';

// Each case runs the whole CLI in-process on a real log; the first one also pays for loading it.
vi.setConfig({ testTimeout: 60_000 });

/** Every file of the copy that differs from the committed fixture (new files included). */
function changedFiles(root: string, log: RealLog): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      // Dot folders hold the parse cache; the MADR image placeholder is made by copyLog.
      if (entry.name.startsWith('.') || entry.name === '0013-example.png') continue;
      if (entry.isDirectory()) walk(path);
      else if (!existsSync(new URL(`../fixtures/judge/${log}/${path}`, import.meta.url)) || !fixtureBytes(log, path).equals(bytes(root, path))) out.push(path);
    }
  };
  walk('');
  return out.sort();
}

/** Lines removed and added in `file` of the copy, compared with the committed fixture. */
function diffOf(root: string, log: RealLog, file: string): { removed: string[]; added: string[] } {
  return lineDiff(fixtureBytes(log, file).toString('utf8'), text(root, file));
}

/** Findings that are new after the edit (by file, rule and message). */
async function newFindings(root: string, log: RealLog): Promise<string[]> {
  const before = new Set((await findings(copyLog(log))).map((f) => `${f.file}\0${f.rule}\0${f.message}`));
  return (await findings(root)).filter((f) => !before.has(`${f.file}\0${f.rule}\0${f.message}`)).map((f) => `${f.file}:${f.line} ${f.rule}: ${f.message}`);
}

async function ok(argv: string[], root: string): Promise<string> {
  const r = await adr(argv, root);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('adr-tools log', () => {
  it('adr new -s 8 writes the adr-tools record and replaces only the status line of 8', async () => {
    const root = copyLog('adr-tools');
    expect(await ok(['new', '-s', '8', 'Use RFC 3339 timestamps'], root)).toContain('doc/adr/0010-use-rfc-3339-timestamps.md');
    expect(changedFiles(root, 'adr-tools')).toEqual(['doc/adr/0008-use-iso-8601-format-for-dates.md', 'doc/adr/0010-use-rfc-3339-timestamps.md']);
    expect(diffOf(root, 'adr-tools', 'doc/adr/0008-use-iso-8601-format-for-dates.md')).toEqual({
      removed: ['Accepted\n'],
      added: ['Superseded by [10. Use RFC 3339 timestamps](0010-use-rfc-3339-timestamps.md)\n'],
    });
    const created = text(root, 'doc/adr/0010-use-rfc-3339-timestamps.md');
    expect(created.startsWith('# 10. Use RFC 3339 timestamps\n\nDate: 2025-08-08\n\n## Status\n\nProposed\n\nSupersedes [8. Use ISO 8601 Format for Dates](0008-use-iso-8601-format-for-dates.md)\n')).toBe(true);
    const list = await records(root);
    expect(list.find((r) => r.number === 8)?.status).toBe('superseded');
    expect(list.find((r) => r.number === 10)?.status).toBe('proposed');
    expect(await newFindings(root, 'adr-tools')).toEqual([]);
  });

  it('adr link 9 amends 5 adds one line to each Status section and nothing else', async () => {
    const root = copyLog('adr-tools');
    await ok(['link', '9', 'amends', '5'], root);
    expect(changedFiles(root, 'adr-tools')).toEqual(['doc/adr/0005-help-comments.md', 'doc/adr/0009-help-scripts.md']);
    expect(diffOf(root, 'adr-tools', 'doc/adr/0009-help-scripts.md')).toEqual({ removed: [], added: ['Amends [5. Help comments](0005-help-comments.md)\n', '\n'] });
    expect(diffOf(root, 'adr-tools', 'doc/adr/0005-help-comments.md')).toEqual({ removed: [], added: ['Amended by [9. Help scripts](0009-help-scripts.md)\n', '\n'] });
    expect(await newFindings(root, 'adr-tools')).toEqual([]);
  });

  it('adr abort 7 --reason sets the status with its reason and appends a rationale', async () => {
    const root = copyLog('adr-tools');
    const file = 'doc/adr/0007-invoke-adr-config-executable-to-get-configuration.md';
    await ok(['abort', '7', '--reason', 'Packagers preferred plain env vars'], root);
    expect(changedFiles(root, 'adr-tools')).toEqual([file]);
    const { removed, added } = diffOf(root, 'adr-tools', file);
    expect(removed).toEqual(['Accepted\n']);
    expect(added[0]).toBe('Aborted - Packagers preferred plain env vars\n');
    expect(added.join('')).toContain('## Abort Rationale');
    expect(text(root, file).startsWith(fixtureBytes('adr-tools', file).toString('utf8').replace('Accepted\n', 'Aborted - Packagers preferred plain env vars\n'))).toBe(true);
    const r = (await records(root)).find((x) => x.number === 7);
    expect([r?.status, r?.reason]).toEqual(['aborted', 'Packagers preferred plain env vars']);
    expect(await newFindings(root, 'adr-tools')).toEqual([]);
  });

  it('adr deprecate 2 changes one line', async () => {
    const root = copyLog('adr-tools');
    await ok(['deprecate', '2'], root);
    expect(diffOf(root, 'adr-tools', 'doc/adr/0002-implement-as-shell-scripts.md')).toEqual({ removed: ['Accepted\n'], added: ['Deprecated\n'] });
    expect(await newFindings(root, 'adr-tools')).toEqual([]);
  });

  // accept/reject/deprecate/postpone are shortcuts of `adr status REF STATUS`, and the verbs work as words there too.
  it('adr status 2 deprecate works like adr deprecate 2', async () => {
    const root = copyLog('adr-tools');
    await ok(['status', '2', 'deprecate'], root);
    expect(diffOf(root, 'adr-tools', 'doc/adr/0002-implement-as-shell-scripts.md')).toEqual({ removed: ['Accepted\n'], added: ['Deprecated\n'] });
  });
});

describe('a log written by an older adr-tools', () => {
  it('adr supersede writes the spelling the log already uses (Superceded by / Supercedes)', async () => {
    const root = copyLog('adr-tools-superceded');
    await ok(['supersede', '2', '3'], root);
    expect(changedFiles(root, 'adr-tools-superceded')).toEqual(['doc/adr/0002-or-maybe-we-wont-use-it.md', 'doc/adr/0003-use-plaintext-instead.md']);
    expect(diffOf(root, 'adr-tools-superceded', 'doc/adr/0002-or-maybe-we-wont-use-it.md')).toEqual({
      removed: ['Accepted\n'],
      added: ['Superceded by [3. use plaintext instead](0003-use-plaintext-instead.md)\n'],
    });
    expect(diffOf(root, 'adr-tools-superceded', 'doc/adr/0003-use-plaintext-instead.md')).toEqual({
      removed: [],
      added: ['Supercedes [2. or maybe we wont use it](0002-or-maybe-we-wont-use-it.md)\n', '\n'],
    });
    expect((await records(root)).map((r) => r.status)).toEqual(['superseded', 'superseded', 'accepted']);
    expect(await newFindings(root, 'adr-tools-superceded')).toEqual([]);
  });
});

describe('log4brains log', () => {
  it('adr new names the file like the log (YYYYMMDD-slug.md) and writes the log4brains header', async () => {
    const root = copyLog('log4brains');
    expect((await ok(['new', 'Use pnpm workspaces'], root)).trim()).toBe('docs/adr/20250808-use-pnpm-workspaces.md');
    expect(text(root, 'docs/adr/20250808-use-pnpm-workspaces.md').startsWith('# Use pnpm workspaces\n\n- Status: proposed\n- Date: 2025-08-08\n')).toBe(true);
    expect(changedFiles(root, 'log4brains')).toEqual(['docs/adr/20250808-use-pnpm-workspaces.md']);
    expect(await newFindings(root, 'log4brains')).toEqual([]);
  });

  it('adr supersede writes the status bullet of the old record and a Supersedes link in the new one', async () => {
    const root = copyLog('log4brains');
    const oldFile = 'docs/adr/20200925-multi-packages-architecture-in-a-monorepo-with-yarn-and-lerna.md';
    const newFile = 'docs/adr/20201103-use-lunr-for-search.md';
    await ok(['supersede', '20200925-multi-packages', '20201103'], root);
    expect(changedFiles(root, 'log4brains')).toEqual([oldFile, newFile]);
    expect(diffOf(root, 'log4brains', oldFile)).toEqual({
      removed: ['- Status: accepted\n'],
      added: ['- Status: superseded by [Use Lunr for search](20201103-use-lunr-for-search.md)\n'],
    });
    expect(diffOf(root, 'log4brains', newFile).removed).toEqual([]);
    expect(await newFindings(root, 'log4brains')).toEqual([]);
  });
});

describe('MADR log', () => {
  it('adr accept adds the status to the front matter and changes nothing else', async () => {
    const root = copyLog('madr');
    await ok(['status', '0', 'accepted'], root);
    expect(diffOf(root, 'madr', 'docs/decisions/0000-use-markdown-architectural-decision-records.md')).toEqual({ removed: [], added: ['status: accepted\n'] });
    expect((await records(root)).find((r) => r.number === 0)?.status).toBe('accepted');
    expect(await newFindings(root, 'madr')).toEqual([]);
  });

  it('adr abort 3 replaces "on hold" in the front matter and appends the rationale', async () => {
    const root = copyLog('madr');
    const file = 'docs/decisions/0003-provide-own-madr-tools.md';
    await ok(['abort', '3', '--reason', 'Tooling moved elsewhere'], root);
    const { removed, added } = diffOf(root, 'madr', file);
    expect(removed).toEqual(['status: on hold\n']);
    expect(added[0]).toBe('status: aborted\n');
    expect(added.join('')).toContain('Tooling moved elsewhere');
    expect(await newFindings(root, 'madr')).toEqual([]);
  });
});

describe('the real summary log with its hand-kept DECISIONS.md', () => {
  it('adr abort closes the open items, adds the rationale, and touches one overview row plus its items', async () => {
    const root = copyLog('summary');
    const file = 'decisions/2025-08-06-development-focus.md';
    await ok(['abort', 'development-focus', '--reason', 'LogFusion split postponed'], root);
    expect(changedFiles(root, 'summary')).toEqual(['DECISIONS.md', file]);
    const rec = diffOf(root, 'summary', file);
    expect(rec.removed.filter((l) => l.startsWith('- [ ] '))).toHaveLength(6);
    expect(rec.added.filter((l) => /^- \[x\] ~~.+~~ \*\*✗\*\* \*\*ABORTED\*\* - LogFusion split postponed\n$/u.test(l))).toHaveLength(6);
    // The row, and its six listed items moved to "✅ Completed/Aborted" in the overview's own style.
    const ov = diffOf(root, 'summary', 'DECISIONS.md');
    expect(ov.removed.every((l) => l.includes('2025-08-06-development-focus.md'))).toBe(true);
    expect(ov.added.every((l) => l.includes('2025-08-06-development-focus.md'))).toBe(true);
    expect(ov.removed).toHaveLength(7);
    expect(ov.added).toHaveLength(7);
    const r = (await records(root)).find((x) => x.file === '2025-08-06-development-focus.md');
    expect([r?.status, r?.actionItems.filter((a: any) => !a.done).length]).toEqual(['aborted', 0]);
    expect(await newFindings(root, 'summary')).toEqual([]);
  });

  it('after adr abort, adr list --json differs only in the aborted record\'s status, reason and items', async () => {
    const before = await records(copyLog('summary'));
    const root = copyLog('summary');
    await ok(['abort', 'development-focus', '--reason', 'LogFusion split postponed'], root);
    const after = await records(root);
    expect(after.map((r) => r.file)).toEqual(before.map((r) => r.file));
    for (const [i, r] of before.entries()) {
      const changed = Object.keys(r).filter((k) => JSON.stringify(r[k]) !== JSON.stringify(after[i][k]));
      if (r.file === '2025-08-06-development-focus.md') {
        expect(changed.filter((k) => !['lines', 'sections', 'headings', 'links', 'span'].includes(k)).sort()).toEqual(['actionItems', 'reason', 'status', 'statusText']);
        expect(after[i].actionItems.map((a: any) => a.text)).toEqual(r.actionItems.map((a: any) => a.text));
      } else expect(changed, r.file).toEqual([]);
    }
  });

  it('adr postpone changes the status line, the footer and the row status only', async () => {
    const root = copyLog('summary');
    const file = 'decisions/2025-08-07-superconfig-cli-library-selection.md';
    await ok(['postpone', 'cli-library'], root);
    expect(changedFiles(root, 'summary')).toEqual(['DECISIONS.md', file]);
    const rec = diffOf(root, 'summary', file);
    expect(rec.removed.map((l) => l.split(':')[0])).toEqual(['**Status**', '_Decision Status']);
    expect(rec.added.join('')).toContain('Postponed');
    const ov = diffOf(root, 'summary', 'DECISIONS.md');
    expect(ov.removed).toHaveLength(1);
    expect(ov.added).toHaveLength(1);
    expect(ov.added[0]).toBe(ov.removed[0].replace('|   ❓   |', '|   ⏸️   |'));
    expect(await newFindings(root, 'summary')).toEqual([]);
  });

  // the bullet used to land after the italic footer.
  it('adr link relates joins the existing Related Decisions list, above the footer', async () => {
    const root = copyLog('summary');
    const file = 'decisions/2025-08-07-serena-mcp-integration.md';
    await ok(['link', 'serena', 'relates', 'cli-library'], root);
    const { removed, added } = diffOf(root, 'summary', file);
    expect(removed).toEqual([]);
    expect(added).toEqual(['- [SuperConfig CLI Library Selection](2025-08-07-superconfig-cli-library-selection.md)\n']);
    const lines = text(root, file).split('\n');
    const at = lines.indexOf(added[0].trimEnd());
    expect(lines[at - 1]).toBe('- [Task Management System](2025-08-06-task-management-system.md) - Keep markdown + Claude Code for transparency');
    expect(lines.at(-2)).toBe('_Decision Status: **✗** ABORTED | Next Review: Not applicable - decision final_');
  });

  // a REF equal to a file's slug is not ambiguous.
  it('a REF equal to a slug picks that record, not the one whose title contains it', async () => {
    const root = copyLog('summary');
    await ok(['deprecate', 'infrastructure'], root);
    const r = (await records(root)).find((x) => x.file === '2025-08-06-infrastructure.md');
    expect(r?.status).toBe('deprecated');
    expect((await records(root)).find((x) => x.file === '2025-08-06-development-focus.md')?.status).toBe('accepted');
  });

  // an older-generation record says "Decided", as the whole log does.
  it('accepting an older-generation record writes the log\'s own word, Decided', async () => {
    const root = copyLog('summary');
    const file = 'decisions/2025-08-06-task-management-system.md';
    await ok(['status', 'task-management', 'accepted'], root);
    const { removed, added } = diffOf(root, 'summary', file);
    expect(removed).toContain('**Status**: ❓ Under Discussion\\\n');
    expect(added).toContain('**Status**: ✅ Decided\\\n');
  });

  // a record aborted before it was decided is "abandoned" (Status ✗), not "decided".
  it('aborting an undecided record marks its row abandoned', async () => {
    const root = copyLog('summary');
    await ok(['abort', 'cli-library', '--reason', 'SuperConfig stays a library'], root);
    const rowOf = () => text(root, 'DECISIONS.md').split('\n').find((l) => l.includes('2025-08-07-superconfig-cli-library-selection.md)'))!;
    expect(rowOf().split('|').slice(6, 8).map((c) => c.trim())).toEqual(['**✗**', '**✗**']);
    // The record remembers it: its rationale says it was abandoned while under discussion.
    expect(text(root, 'decisions/2025-08-07-superconfig-cli-library-selection.md')).toContain(
      '### Decision to Abandon "SuperConfig CLI Library Selection" While Still Under Discussion (2025-08-08)\n',
    );
    // So a later regeneration and adr check agree with it.
    await ok(['overview', '--adopt'], root);
    expect(rowOf().split('|').slice(6, 8).map((c) => c.trim())).toEqual(['**✗**', '**✗**']);
    expect((await findings(root)).filter((f) => f.rule === 'overview-row-drift')).toEqual([]);
  });

  it('aborting a decided record keeps its row Status decided', async () => {
    const root = copyLog('summary');
    await ok(['abort', 'development-focus', '--reason', 'LogFusion split postponed'], root);
    const row = text(root, 'DECISIONS.md').split('\n').find((l) => l.includes('2025-08-06-development-focus.md)'))!;
    expect(row.split('|').slice(6, 8).map((c) => c.trim())).toEqual(['**✓**', '**✗**']);
    expect(text(root, 'decisions/2025-08-06-development-focus.md')).toContain('### Decision to Abandon Development Focus Decision: SuperConfig vs LogFusion Infrastructure (2025-08-08)\n');
  });

  // the sub-decision rows' priorities (🟡, 🟢) used to be overwritten with "-".
  it('a status change never erases hand-kept overview priorities', async () => {
    const root = copyLog('summary');
    await ok(['deprecate', '2025-08-06-infrastructure'], root);
    const rows = text(root, 'DECISIONS.md').split('\n').filter((l) => l.includes('2025-08-06-infrastructure.md#'));
    expect(rows.map((l) => l.split('|')[5].trim())).toEqual(['🟡', '🟢']);
  });

  // the replaced Tasks marker does not keep the hand-aligned cell width.
  it('an overview row keeps its cell widths', async () => {
    const root = copyLog('summary');
    await ok(['abort', 'development-focus', '--reason', 'LogFusion split postponed'], root);
    const { removed, added } = diffOf(root, 'summary', 'DECISIONS.md');
    const row = (lines: string[]) => lines.find((l) => l.includes('2025-08-06-development-focus.md)'))!;
    expect([...row(added)].length).toBe([...row(removed)].length);
    // Centred like the column (`:---:`): `|   ◯   |` becomes `| **✗** |`.
    expect(row(added)).toBe(row(removed).replace('| **✓**  |   ◯   |', '| **✓**  | **✗** |'));
  });

  it('a status change keeps the widths of a shrinking cell too', async () => {
    const root = copyLog('summary');
    await ok(['status', 'task-management', 'accepted'], root);
    const { removed, added } = diffOf(root, 'summary', 'DECISIONS.md');
    expect(removed).toHaveLength(1);
    expect(added).toEqual([removed[0].replace('| **✓**  | **✓** |', '| **✓**  |  📌   |')]);
  });

  // a hand-kept overview is merged in place by plain `adr overview` too; --adopt only adds the marker.
  it('adr overview without --adopt brings the real hand-kept overview in step in place, like --adopt but without the marker', async () => {
    const plain = copyLog('summary');
    const r = await adr(['overview'], plain);
    expect(r.code, r.stderr).toBe(0);
    expect(changedFiles(plain, 'summary')).toEqual(['DECISIONS.md']);
    const adopted = copyLog('summary');
    await ok(['overview', '--adopt'], adopted);
    const withoutMarker = text(adopted, 'DECISIONS.md').replace(/\n*<!-- adr:hand-kept:[^\n]*-->\n$/, '\n');
    expect(text(plain, 'DECISIONS.md')).toBe(withoutMarker);
    // A second run writes nothing.
    const again = await adr(['overview'], plain);
    expect(again.stdout).toContain('up to date');
  });

  it('adr overview --check on the never-merged real overview says stale, names adr overview and writes nothing', async () => {
    const root = copyLog('summary');
    const r = await adr(['overview', '--check'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("run 'adr overview' to bring it in step");
    expect(changedFiles(root, 'summary')).toEqual([]);
  });

  // adopting the hand-kept overview used to throw rows, items and the history away.
  it('adr overview --adopt keeps every hand-written row and item of the real overview', async () => {
    const root = copyLog('summary');
    await ok(['overview', '--adopt'], root);
    const after = text(root, 'DECISIONS.md');
    for (const kept of ['| Launch strategy', '| Launch timeline', '2025-08-06-infrastructure.md#hosting', '2025-08-06-infrastructure.md#monorepo', 'Keep markdown + Claude Code', '[Community Platform Decision - TBD]', 'Setup Serena for Claude Code development workflow']) {
      expect(after, kept).toContain(kept);
    }
  });

  it('adr overview --adopt changes only what drifts from the records: the whole byte diff', async () => {
    const root = copyLog('summary');
    const before = fixtureBytes('summary', 'DECISIONS.md').toString('utf8');
    await ok(['overview', '--adopt'], root);
    const after = text(root, 'DECISIONS.md');
    const { removed, added } = diffOf(root, 'summary', 'DECISIONS.md');
    // One row drifted (the record is under discussion with three open items); the footer date moves.
    expect(removed).toEqual([
      '| 🏗️ **Infra**          | [Task management system](decisions/2025-08-06-task-management-system.md)                                     | Keep markdown + Claude Code             | 6.8.25 | 🔴       | **✓**  | **✓** |\n',
      '_Last Updated: 2025-08-07 | Version: 2.2_\n',
    ]);
    expect(added).toEqual([
      '| 🏗️ **Infra**          | [Task management system](decisions/2025-08-06-task-management-system.md)                                     | Keep markdown + Claude Code             | 6.8.25 | 🔴       |   ❓   |   ◯   |\n',
      // Open items of the records that the list lacked, under their horizon, with the list's own references.
      '- [ ] Update documentation links and references [[Business Repo Location]](decisions/2025-08-06-business-repo-location.md)\n',
      '- [ ] Continue business decisions in dedicated business repository [[Business Repo Location]](decisions/2025-08-06-business-repo-location.md)\n',
      '- [ ] Return focus to SuperConfig development [[Development Focus]](decisions/2025-08-06-development-focus.md)\n',
      '- [ ] Evaluate Jira setup complexity and integration with existing workflow [[Task Management System Decision]](decisions/2025-08-06-task-management-system.md)\n',
      "- [ ] Test Jira's Claude Sonnet 4 AI agent capabilities vs Claude Code [[Task Management System Decision]](decisions/2025-08-06-task-management-system.md)\n",
      '- [ ] Make final decision on task management approach [[Task Management System Decision]](decisions/2025-08-06-task-management-system.md)\n',
      '- [ ] Evaluate CLI library options for SuperConfig interactive features [[SuperConfig CLI Library Selection]](decisions/2025-08-07-superconfig-cli-library-selection.md)\n',
      '- [ ] Create proof-of-concept with selected library [[SuperConfig CLI Library Selection]](decisions/2025-08-07-superconfig-cli-library-selection.md)\n',
      '- [ ] Design CLI user experience flow [[SuperConfig CLI Library Selection]](decisions/2025-08-07-superconfig-cli-library-selection.md)\n',
      '_Last Updated: 2025-08-08 | Version: 2.2_\n',
      '\n',
      `${ADOPTED_MARKER}\n`,
    ]);
    // Every other line is where it was: the original lines minus the two removed ones form a subsequence of the result.
    expect(after.startsWith(before.slice(0, before.indexOf('| 🏗️ **Infra**          | [Task management')))).toBe(true);
  });

  it('after adr overview --adopt, a second run writes nothing, --check agrees and adr check has no drift', async () => {
    const root = copyLog('summary');
    await ok(['overview', '--adopt'], root);
    const adopted = bytes(root, 'DECISIONS.md');
    expect(await ok(['overview'], root)).toContain('up to date');
    expect(await ok(['overview', '--check'], root)).toContain('up to date');
    expect(bytes(root, 'DECISIONS.md').equals(adopted)).toBe(true);
    // What remains is what no merge can settle without dropping the user's text: rows and items linking
    // the ten records this copy lacks, and one item that exists only in the overview.
    const left = (await findings(root)).filter((f) => f.file === '../DECISIONS.md' || f.rule.startsWith('overview-'));
    expect(new Set(left.map((f) => f.rule))).toEqual(new Set(['overview-dead-link', 'overview-action-items']));
    expect(left.filter((f) => f.rule === 'overview-action-items').map((f) => f.message)).toEqual([
      'The overview lists `Extract GitHub repository template from logfusion patterns` as an open item of `2025-08-06-development-focus.md`, which has no such open item',
    ]);
    // And later edits keep the adopted overview wholly in step.
    await ok(['abort', 'cli-library', '--reason', 'SuperConfig stays a library'], root);
    await ok(['postpone', 'task-management'], root);
    expect(await ok(['overview', '--check'], root)).toContain('up to date');
    const after = text(root, 'DECISIONS.md');
    for (const kept of ['| Launch strategy', '| Launch timeline', '2025-08-06-infrastructure.md#hosting', '[Community Platform Decision - TBD]', '| **✓** Decided       |']) {
      expect(after, kept).toContain(kept);
    }
  });

  it('adr overview --adopt keeps CRLF line endings and a BOM, and changes the same lines', async () => {
    const root = copyLog('summary');
    const original = fixtureBytes('summary', 'DECISIONS.md').toString('utf8');
    writeFileSync(join(root, 'DECISIONS.md'), '\uFEFF' + original.replace(/\n/g, '\r\n'));
    await ok(['overview', '--adopt'], root);
    const lf = copyLog('summary');
    await ok(['overview', '--adopt'], lf);
    const got = bytes(root, 'DECISIONS.md');
    expect([...got.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const t = got.toString('utf8');
    expect(t.split('\n').length).toBe(t.split('\r\n').length);
    expect(t.slice(1).replace(/\r\n/g, '\n')).toBe(text(lf, 'DECISIONS.md'));
    expect(await ok(['overview', '--check'], root)).toContain('up to date');
  });

  it('adr new adds its row in the table\'s style, with the other rows of its status', async () => {
    const root = copyLog('summary');
    await ok(['new', 'Use Fumadocs for LogFusion docs', '--priority', 'important', '--category', 'Documentation'], root);
    const { removed, added } = diffOf(root, 'summary', 'DECISIONS.md');
    expect(removed).toEqual([]);
    expect(added).toEqual([
      '| 📚 **Documentation** | [Use Fumadocs for LogFusion docs](decisions/2025-08-08-use-fumadocs-for-logfusion-docs.md)                   | -                                       | 8.8.25 | 🟡       |   ❓   | **—** |\n',
    ]);
    // Right after the last ❓ row, not below the aborted ones at the end.
    const lines = text(root, 'DECISIONS.md').split('\n');
    const at = lines.indexOf(added[0].trimEnd());
    expect(lines[at - 1]).toContain('[SuperConfig CLI library selection]');
    // As wide as the other Documentation row, whose category cell it borrows.
    expect([...added[0].trimEnd()].length).toBe([...lines.find((l) => l.includes('[Doc strategy & sync]'))!].length);
    expect(await newFindings(root, 'summary')).toEqual([]);
  });

  it('adr todo lists the open items of the records by horizon', async () => {
    const root = copyLog('summary');
    const items = JSON.parse(await ok(['todo', '--json'], root));
    expect(items).toHaveLength(16);
    expect(new Set(items.map((i: any) => i.file))).toEqual(
      new Set([
        '2025-08-06-business-repo-location.md',
        '2025-08-06-development-focus.md',
        '2025-08-06-task-management-system.md',
        '2025-08-07-superconfig-cli-library-selection.md',
      ]),
    );
    expect(changedFiles(root, 'summary')).toEqual([]);
  });
});

describe('every committed real log', () => {
  for (const log of ['adr-tools', 'adr-tools-superceded', 'log4brains', 'madr', 'summary'] as RealLog[]) {
    it(`${log}: list and check leave every byte alone`, async () => {
      const root = copyLog(log);
      await adr(['list', '--json'], root);
      await adr(['check'], root);
      await adr(['todo'], root);
      expect(changedFiles(root, log)).toEqual([]);
      expect(readdirSync(join(root, LOG_DIR[log])).length).toBeGreaterThan(0);
    });
  }
});
