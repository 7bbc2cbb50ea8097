/**
 * One judge of the overview (src/store/overview-judge.ts): `adr overview --check` and `adr check`
 * agree. Each case is a drift where they used to disagree (`--check` said stale, `adr check` said
 * nothing, or said it but `--fix` had "Nothing to fix"): now `adr check` reports it, naming the
 * command that fixes it, `adr check --fix` writes what `adr overview` writes, and then both say the
 * overview is in step.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeFiles } from '../authoring-new/helpers.js';

const record = (title: string, date: string, status: string, items: string[] = []) =>
  [
    `# ${title}`,
    '',
    '[🚪 ← Back to Decisions Overview](../DECISIONS.md)',
    '',
    '## Decision Summary',
    '',
    `**Status**: ${status}\\`,
    '**Priority**: 🟡 **Important** (2 weeks)\\',
    `**Date**: ${date}\\`,
    '**Category**: 🏗️ Infrastructure',
    '',
    ...(items.length ? ['## Action Items', '', '### 🟡 Next 2 Weeks (Important)', '', ...items, ''] : []),
    '---',
    '',
    '## Context',
    '',
    'Text.',
    '',
  ].join('\n');

interface Finding {
  file: string;
  line: number;
  rule: string;
  message: string;
  fixable: boolean;
}

async function findings(root: string): Promise<Finding[]> {
  const r = await runCli(['check', '--format', 'json', '--no-cache'], root);
  expect(r.code, r.stderr).toBeLessThan(2);
  return (JSON.parse(r.stdout) as Finding[]).filter((f) => f.rule.startsWith('overview-'));
}

/** A log whose overview `adr overview` generated (with regions), or a hand-kept one given as text. */
async function log(files: Record<string, string>, overview?: string): Promise<string> {
  const root = tempDir('adr-judge-');
  writeFiles(root, Object.fromEntries(Object.entries(files).map(([f, t]) => [`decisions/${f}`, t])));
  if (overview === undefined) expect((await runCli(['overview'], root)).code).toBe(0);
  else writeFileSync(join(root, 'DECISIONS.md'), overview);
  return root;
}

const edit = (root: string, from: string | RegExp, to: string) => {
  const path = join(root, 'DECISIONS.md');
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next, `${String(from)} not found in the overview`).not.toBe(text);
  writeFileSync(path, next);
};

/** The agreement every case ends with. */
async function expectAgreement(root: string, rule: string): Promise<void> {
  // Before: both see the drift; the finding names the command that fixes it, and is fixable.
  const stale = await runCli(['overview', '--check'], root);
  expect(stale.code).toBe(1);
  expect(stale.stdout).toMatch(/is stale/);
  const before = await findings(root);
  expect(before.map((f) => f.rule)).toContain(rule);
  for (const f of before) {
    expect(f.message, `${f.rule}: ${f.message}`).toMatch(/`adr overview`/);
    expect(f.fixable, `${f.rule}: ${f.message}`).toBe(true);
  }
  // --fix writes what adr overview writes.
  const fix = await runCli(['check', '--fix', '--no-cache'], root);
  expect(fix.stdout).toContain('Fixed DECISIONS.md');
  expect(fix.stdout).not.toContain('Nothing to fix');
  // After: both say the overview is in step.
  expect(await findings(root)).toEqual([]);
  const now = await runCli(['overview', '--check'], root);
  expect(now.stdout, now.stdout).toMatch(/is up to date/);
  expect(now.code).toBe(0);
}

describe('adr check and adr overview --check agree', { timeout: 60_000 }, () => {
  it('a generated Status cell that reads as allowed but is not what adr overview writes (🔄 once an item is done)', async () => {
    const root = await log({ '2025-08-06-cache.md': record('Cache', '2025-08-06', '❓ **Under Discussion**', ['- [x] ~~Pick Redis~~ ✅', '- [ ] Deploy Redis']) });
    edit(root, '| 🔄 |', '| ❓ |');
    await expectAgreement(root, 'overview-stale');
  });

  it('a generated documents table that lacks a record', async () => {
    const root = await log({ '2025-08-06-cache.md': record('Cache', '2025-08-06', '✅ **Accepted**'), '2025-08-07-queue.md': record('Queue', '2025-08-07', '✅ **Accepted**') });
    edit(root, /\| 2025-08-07 \| \[Queue\][^\n]*\n/, '');
    await expectAgreement(root, 'overview-stale');
  });

  it('a generated row linking a record that is gone (overview-dead-link used to have nothing to fix)', async () => {
    const root = await log({ '2025-08-06-cache.md': record('Cache', '2025-08-06', '✅ **Accepted**'), '2025-08-07-queue.md': record('Queue', '2025-08-07', '✅ **Accepted**') });
    const { rmSync } = await import('node:fs');
    rmSync(join(root, 'decisions/2025-08-07-queue.md'));
    await expectAgreement(root, 'overview-dead-link');
  });

  it('an open item missing from the generated action items (overview-action-items used to have nothing to fix)', async () => {
    const root = await log({ '2025-08-06-cache.md': record('Cache', '2025-08-06', '✅ **Accepted**', ['- [ ] Deploy Redis', '- [ ] Monitor Redis']) });
    edit(root, /- \[ \] Monitor Redis[^\n]*\n/, '');
    await expectAgreement(root, 'overview-action-items');
  });

  it('a hand-kept row whose Tasks cell still says not started for a deprecated record with every item done', async () => {
    const overview = [
      '# Decisions',
      '',
      '## Decision Overview',
      '',
      '| Category | Topic | Decision | Date | Priority | Status | Tasks |',
      '|---|---|---|---|---|---|---|',
      '| 🏗️ Infra | [Cache](decisions/2025-08-06-cache.md) | Redis | 6.8.25 | 🟡 | **✓** | ◯ |',
      '',
      '_Last Updated: 2025-08-06_',
      '',
    ].join('\n');
    const root = await log({ '2025-08-06-cache.md': record('Cache', '2025-08-06', 'Deprecated', ['- [x] ~~Deploy Redis~~ ✅']) }, overview);
    await expectAgreement(root, 'overview-stale');
    // Only the Tasks cell (and the date of the change) moved: the hand-kept table keeps its wording.
    expect(readFileSync(join(root, 'DECISIONS.md'), 'utf8')).toContain('| 🏗️ Infra | [Cache](decisions/2025-08-06-cache.md) | Redis | 6.8.25 | 🟡 | **✓** | **✓** |');
  });

  it('a hand-kept row whose Priority ⚪ marks finished business: in step for both', async () => {
    const overview = [
      '| Category | Topic | Decision | Date | Priority | Status | Tasks |',
      '|---|---|---|---|---|---|---|',
      '| 🏗️ Infra | [Cache](decisions/2025-08-06-cache.md) | Redis | 6.8.25 | ⚪ | **✓** | **✓** |',
      '',
    ].join('\n');
    const root = await log({ '2025-08-06-cache.md': record('Cache', '2025-08-06', '✅ **Accepted**', ['- [x] ~~Deploy Redis~~ ✅']) }, overview);
    expect(await findings(root)).toEqual([]);
    expect((await runCli(['overview', '--check'], root)).code).toBe(0);
  });
});

describe('adr overview --check names what differs, as adr check does', { timeout: 60_000 }, () => {
  it('lists the lines adr overview would change', async () => {
    const root = await log({ '2025-08-06-cache.md': record('Cache', '2025-08-06', '✅ **Accepted**') });
    edit(root, /\| 2025-08-06 \| \[Cache\][^\n]*\n/, '');
    const r = await runCli(['overview', '--check'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}DECISIONS\.md:\d+: `adr overview` adds a line here, `\| 2025-08-06 \| \[Cache\]\(decisions\/2025-08-06-cache\.md\) \| - \|`$/m);
    const stale = (await findings(root)).filter((f) => f.rule === 'overview-stale');
    expect(stale.map((f) => f.message)).toEqual([expect.stringContaining('`adr overview` adds a line here, `| 2025-08-06 | [Cache](decisions/2025-08-06-cache.md) | - |`')]);
  });
});
