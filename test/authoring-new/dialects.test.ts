// adr new on real logs of each dialect: a MADR log keeps its front-matter conventions,
// a log4brains log's own template.md fills on --template, --supersedes writes both sides in each dialect.
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/parse/index.js';
import { fillPlainTemplate } from '../../src/edit/templates.js';
import { frontMatterLines, sharedFrontMatter } from '../../src/store/naming.js';
import { runCli, tempDir, writeFiles } from './helpers.js';

const JUDGE = resolve(__dirname, '../fixtures/judge');
const NOW = new Date('2025-08-08T12:00:00Z');

let root: string;
beforeEach(() => {
  root = tempDir('adr-dialects-');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const fixture = (name: string) => cpSync(join(JUDGE, name), root, { recursive: true });

describe('adr new in the MADR log (front matter parent/nav_order on most records)', () => {
  it('writes the next number with the front-matter lines the records share: parent kept, nav_order = the number', async () => {
    fixture('madr');
    const r = await runCli(['new', 'Use one binary'], root, { now: NOW });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('docs/decisions/0019-use-one-binary.md\n');
    const text = read('docs/decisions/0019-use-one-binary.md');
    expect(text.startsWith('---\nparent: Decisions\nnav_order: 19\nstatus: proposed\ndate: 2025-08-08\n')).toBe(true);
    expect(parseRecord('0019-use-one-binary.md', text).decision).toMatchObject({ title: 'Use one binary', status: 'proposed', date: '2025-08-08', number: 19 });
    const check = await runCli(['check'], root, { now: NOW });
    expect(check.stdout).not.toContain('0019');
  });

  it('--supersedes writes both sides in front matter and body', async () => {
    fixture('madr');
    const r = await runCli(['new', '-s', '18', 'Replace confirmation'], root, { now: NOW });
    expect(r.code, r.stderr).toBe(0);
    const fresh = parseRecord('0019-replace-confirmation.md', read('docs/decisions/0019-replace-confirmation.md')).decision!;
    expect(fresh.links.map((l) => [l.kind, l.target])).toContainEqual(['supersedes', '0018-use-confirmation-as-heading.md']);
    const old = parseRecord('0018-use-confirmation-as-heading.md', read('docs/decisions/0018-use-confirmation-as-heading.md')).decision!;
    expect(old.status).toBe('superseded');
    const check = await runCli(['check'], root, { now: NOW });
    expect(check.stdout).not.toMatch(/0018|0019/);
  });

  it('shares only what most records carry the same way', () => {
    const heads = [
      { file: '0001-a.md', front: frontMatterLines('---\nparent: Decisions\nnav_order: 1\nstatus: accepted\nlayout: a\n---\n# A\n')! },
      { file: '0002-b.md', front: frontMatterLines('---\nparent: Decisions\nnav_order: 2\nlayout: b\n---\n# B\n')! },
      { file: '0003-c.md', front: frontMatterLines('---\r\nparent: Decisions\r\nnav_order: 3\r\n---\r\n# C\r\n')! },
      { file: '0004-d.md', front: frontMatterLines('---\nnav_order: 4\ntags: |\n  x\n---\n')! },
    ];
    expect(sharedFrontMatter(heads)).toEqual([
      { key: 'parent', value: 'Decisions' },
      { key: 'nav_order', number: true },
    ]);
    expect(sharedFrontMatter(heads.slice(0, 1))).toEqual([]);
    expect(frontMatterLines('# no front matter\n')).toBe(null);
  });
});

describe('adr new in the log4brains log (YYYYMMDD-slug.md, template.md in the folder)', () => {
  it('--template docs/adr/template.md fills the log\'s own template: title, status and date set, every other line as the team wrote it', async () => {
    fixture('log4brains');
    const template = read('docs/adr/template.md');
    const r = await runCli(['new', '--template', 'docs/adr/template.md', 'Use one binary'], root, { now: NOW });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('docs/adr/20250808-use-one-binary.md\n');
    const text = read('docs/adr/20250808-use-one-binary.md');
    const expected = template
      .replace(/^# .*$/m, '# Use one binary')
      .replace(/^- Status: .*$/m, '- Status: proposed')
      .replace(/^- Date: .*$/m, '- Date: 2025-08-08');
    expect(text).toBe(expected);
    expect(text).toContain('## Decision Drivers <!-- optional -->');
    expect(parseRecord('20250808-use-one-binary.md', text).decision).toMatchObject({ title: 'Use one binary', status: 'proposed', date: '2025-08-08', dialect: 'log4brains' });
  });

  it('--supersedes a log4brains record marks it superseded and links back', async () => {
    fixture('log4brains');
    const r = await runCli(['new', '-s', '20241217-switch-back-to-github-flow', 'Go back again'], root, { now: NOW });
    expect(r.code, r.stderr).toBe(0);
    const old = parseRecord('20241217-switch-back-to-github-flow.md', read('docs/adr/20241217-switch-back-to-github-flow.md')).decision!;
    expect(old.status).toBe('superseded');
    expect(old.links.map((l) => [l.kind, l.target])).toContainEqual(['superseded-by', '20250808-go-back-again.md']);
    const fresh = parseRecord('20250808-go-back-again.md', read('docs/adr/20250808-go-back-again.md')).decision!;
    expect(fresh.links.map((l) => [l.kind, l.target])).toContainEqual(['supersedes', '20241217-switch-back-to-github-flow.md']);
  });

  it('--template docs/adr/template.md with -s: the Supersedes bullet joins the template\'s Links section, and check finds nothing new', async () => {
    fixture('log4brains');
    const before = await runCli(['check'], root, { now: NOW });
    const r = await runCli(['new', '--template', 'docs/adr/template.md', '-s', '20241217-switch-back-to-github-flow', 'Go back'], root, { now: NOW });
    expect(r.code, r.stderr).toBe(0);
    const text = read('docs/adr/20250808-go-back.md');
    expect(text.match(/^## Links/gm)).toHaveLength(1);
    expect(text).toContain('- Supersedes [Switch back to GitHub Flow, but keeping the automated beta releases](20241217-switch-back-to-github-flow.md)');
    const after = await runCli(['check'], root, { now: NOW });
    expect(after.stdout).not.toContain('20250808-go-back');
    expect(after.code).toBe(before.code);
  });

  it('without --template, the log4brains header of the built-in MADR 2 text (its template.md is taken only when asked)', async () => {
    fixture('log4brains');
    await runCli(['new', 'Unasked'], root, { now: NOW });
    expect(read('docs/adr/20250808-unasked.md').startsWith('# Unasked\n\n- Status: proposed\n- Date: 2025-08-08\n\n## Context and Problem Statement\n')).toBe(true);
    const check = await runCli(['check'], root, { now: NOW });
    expect(check.stdout).not.toContain('20250808-unasked');
  });
});

describe('templates without placeholders', () => {
  it('--template FILE of a MADR 4 adr-template.md: front matter status/date and the title set, the rest kept', async () => {
    const tpl = [
      '---',
      '# These are optional metadata elements. Feel free to remove any of them.',
      'status: "{proposed | rejected | accepted | deprecated | … | superseded by ADR-0123}"',
      'date: {YYYY-MM-DD when the decision was last updated}',
      'decision-makers: {list everyone involved in the decision}',
      '---',
      '',
      '# {short title, representative of solved problem and found solution}',
      '',
      '## Context and Problem Statement',
      '',
      '```markdown',
      '# not a title',
      '- Status: not metadata',
      '```',
      '',
    ].join('\n');
    writeFiles(root, { 'docs/decisions/0001-a.md': '---\nstatus: accepted\n---\n# A\n', 'adr-template.md': tpl });
    const r = await runCli(['new', '--template', 'adr-template.md', 'Use MADR'], root, { now: NOW });
    expect(r.code, r.stderr).toBe(0);
    const text = read('docs/decisions/0002-use-madr.md');
    expect(text).toBe(
      tpl
        .replace(/^status: .*$/m, 'status: proposed')
        .replace(/^date: .*$/m, 'date: 2025-08-08')
        .replace(/^# \{short.*$/m, '# Use MADR'),
    );
    expect(parseRecord('0002-use-madr.md', text).decision).toMatchObject({ title: 'Use MADR', status: 'proposed', date: '2025-08-08' });
  });

  it('a template with no heading gets one; CRLF templates keep CRLF', () => {
    const facts = { title: 'T', date: '2025-08-08', number: 3, status: 'proposed' as const, priority: null, category: null, overviewLink: null };
    expect(fillPlainTemplate('Some text\n', facts)).toBe('# T\n\nSome text\n');
    expect(fillPlainTemplate('# X\r\n\r\n* Date: x\r\n', facts)).toBe('# T\r\n\r\n* Date: 2025-08-08\r\n');
    expect(fillPlainTemplate('---\ntitle: [short title]\n---\n\nBody\n', { ...facts, title: 'Use: colons' })).toBe('---\ntitle: "Use: colons"\n---\n\nBody\n');
    expect(fillPlainTemplate('---\nstatus: x\n---\n\nBody\n', facts)).toBe('---\nstatus: proposed\n---\n\n# T\n\nBody\n');
  });

  it('the mixed log: numbered like most of its files, its template.md (not a record) left alone', async () => {
    cpSync(resolve(__dirname, '../fixtures/dialects/mixed'), root, { recursive: true });
    const template = read('decisions/template.md');
    const r = await runCli(['new', 'Use one binary'], root, { now: NOW });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('decisions/0005-use-one-binary.md\n');
    expect(parseRecord('0005-use-one-binary.md', read('decisions/0005-use-one-binary.md')).decision).toMatchObject({ title: 'Use one binary', status: 'proposed', number: 5 });
    expect(readdirSync(join(root, 'decisions')).filter((f) => f.startsWith('0005'))).toHaveLength(1);
    expect(read('decisions/template.md')).toBe(template);
    expect(read('DECISIONS.md')).toContain('[Use one binary](decisions/0005-use-one-binary.md)');
  });
});
