import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionItem, Decision } from '../../src/model/index.js';
import { applyRegions, findRegions, generateRegions, insertRow, overviewRow, renderOverview, statusMarker, tasksMarker, updateOverview } from '../../src/edit/overview.js';
import { parseDate } from '../../src/parse/vocab.js';
import { ADOPTED_MARKER } from '../../src/edit/overview-merge.js';
import { lineDiff } from '../judge/helpers.js';
import { parseOverview } from '../../src/parse/overview.js';
import { readLog } from '../../src/store/read-log.js';
import { NOW, runCli, tempDir, writeFiles } from '../authoring-new/helpers.js';

const FIXTURES = resolve(__dirname, '../fixtures/overview');
let root: string;
beforeEach(() => {
  root = tempDir('adr-overview-');
  cpSync(join(FIXTURES, 'log'), root, { recursive: true });
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

function item(over: Partial<ActionItem>): ActionItem {
  const pos = { line: 1, column: 1, offset: 0 };
  return { text: 'x', note: null, raw: 'x', done: false, aborted: false, group: null, horizon: null, ref: null, line: 1, span: { start: pos, end: pos }, ...over };
}

describe('the Status and Tasks columns', () => {
  const open = item({});
  const done = item({ done: true });
  const aborted = item({ done: true, aborted: true });
  it.each([
    ['proposed, no items', { status: 'proposed', statusText: 'Under Discussion', date: '2025-01-01', actionItems: [] }, '❓', '**—**'],
    ['proposed, in progress', { status: 'proposed', statusText: '🔄 In Progress', date: null, actionItems: [open] }, '🔄', '◯'],
    ['proposed, work started', { status: 'proposed', statusText: 'Open', date: null, actionItems: [open, done] }, '🔄', '🏃'],
    ['accepted, queued', { status: 'accepted', statusText: 'Decided', date: '2025-01-01', actionItems: [open] }, '**✓**', '📌'],
    ['accepted, under way', { status: 'accepted', statusText: 'Decided', date: '2025-01-01', actionItems: [done, open] }, '**✓**', '🏃'],
    ['accepted, done', { status: 'accepted', statusText: 'Decided', date: '2025-01-01', actionItems: [done, done] }, '**✓**', '**✓**'],
    ['aborted after deciding', { status: 'aborted', statusText: 'ABORTED', date: '2025-01-01', actionItems: [aborted] }, '**✓**', '**✗**'],
    ['aborted before deciding', { status: 'aborted', statusText: 'ABORTED', date: null, actionItems: [aborted] }, '**✗**', '**—**'],
    ['rejected', { status: 'rejected', statusText: 'Rejected', date: '2025-01-01', actionItems: [open] }, '**✗**', '**—**'],
    ['postponed', { status: 'postponed', statusText: 'Postponed', date: null, actionItems: [open] }, '⏸️', '◯'],
    ['superseded, items left', { status: 'superseded', statusText: 'Superseded', date: '2025-01-01', actionItems: [open] }, '**✓**', '**—**'],
    ['unknown status', { status: null, statusText: null, date: null, actionItems: [] }, '❓', '**—**'],
  ] as const)('%s', (_name, d, status, tasks) => {
    expect(statusMarker(d as never)).toBe(status);
    expect(tasksMarker(d as never)).toBe(tasks);
  });
});

describe('adr overview on a fixture log', () => {
  it('creates DECISIONS.md exactly as the golden file', async () => {
    const r = await runCli(['overview', '--no-cache'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('DECISIONS.md created: 7 records\n');
    expect(read('DECISIONS.md')).toBe(fixture('expected/DECISIONS.md'));
  });

  it('is deterministic: a second run, even another day, changes nothing, and --check passes', async () => {
    await runCli(['overview'], root);
    const first = read('DECISIONS.md');
    const later = new Date('2026-03-01T00:00:00Z');
    expect((await runCli(['overview'], root, { now: later })).stdout).toContain('up to date');
    expect(read('DECISIONS.md')).toBe(first);
    expect((await runCli(['overview', '--check'], root, { now: later })).code).toBe(0);
  });

  it('--check exits 1 on a missing or stale file and writes nothing; --dry-run prints a diff', async () => {
    let r = await runCli(['overview', '--check'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('does not exist');
    await runCli(['overview'], root);
    const path = 'decisions/2025-08-10-community-platform.md';
    writeFileSync(join(root, path), read(path).replace('- [ ] Compare Discord', '- [x] Compare Discord'));
    const before = read('DECISIONS.md');
    r = await runCli(['overview', '--check'], root, { now: new Date('2026-02-02T00:00:00Z') });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('stale');
    r = await runCli(['overview', '--dry-run'], root, { now: new Date('2026-02-02T00:00:00Z') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('-- [ ] Compare Discord and Zulip');
    expect(r.stdout).toContain('+_Last Updated: 2026-02-02_');
    expect(read('DECISIONS.md')).toBe(before);
    r = await runCli(['overview'], root, { now: new Date('2026-02-02T00:00:00Z') });
    expect(read('DECISIONS.md')).not.toContain('Compare Discord');
    expect(read('DECISIONS.md')).toContain('_Last Updated: 2026-02-02_');
  });

  it('keeps hand-written text around the regions byte for byte', async () => {
    await runCli(['overview'], root);
    const mine = '# Our decisions\n\nWritten by hand, with a [link](https://example.com).\n\n';
    const tail = '\n## Glossary\n\n- **ADR**: architecture decision record\n';
    writeFileSync(join(root, 'DECISIONS.md'), read('DECISIONS.md').replace(/^[\s\S]*?(?=<!-- adr:begin overview -->)/, mine) + tail);
    const path = 'decisions/2025-08-12-pricing.md';
    writeFileSync(join(root, path), read(path).replace('Postponed - waiting for the first customers', 'Decided').replace('TBD', '2025-09-01'));
    await runCli(['overview'], root, { now: new Date('2026-02-02T00:00:00Z') });
    const after = read('DECISIONS.md');
    expect(after.startsWith(mine + '<!-- adr:begin overview -->\n')).toBe(true);
    expect(after.endsWith('<!-- adr:end footer -->\n' + tail)).toBe(true);
    expect(after).toContain('| [Pricing Model](decisions/2025-08-12-pricing.md) | **✓** Decided |');
  });
});

describe('adopting a hand-kept overview (no markers)', () => {
  it('keeps every hand-written line, rewrites only drifting cells and stale items, and is then stable', async () => {
    const original = fixture('hand-kept/DECISIONS.md');
    writeFileSync(join(root, 'DECISIONS.md'), original);
    // Without --adopt it merges the same way and adds no marker line.
    const plain = await runCli(['overview'], root);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('in place');
    expect(read('DECISIONS.md')).toBe(fixture('expected/hand-kept-adopted.md').replace(`${ADOPTED_MARKER}\n`, '').replace(/\n\n$/, '\n'));
    writeFileSync(join(root, 'DECISIONS.md'), original);
    const r = await runCli(['overview', '--adopt'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('adopted');
    const adopted = read('DECISIONS.md');
    expect(adopted).toBe(fixture('expected/hand-kept-adopted.md'));

    // Nothing restructured: no regions; every removed line is a row or an item of a record that drifted.
    expect(findRegions(adopted)).toEqual([]);
    const { removed, added } = lineDiff(original, adopted);
    expect(removed).toEqual([
      '| 🎨 Branding | [Product Names](decisions/2025-08-01-product-names.md) | LogFusion + MetaRust | 1.8.25 | 🔴 | **✓** | 📌 |\n',
      '| 🏗️ Infra | [Nix](decisions/2025-08-06-nix-development-environment.md) | Nix flakes | 6.8.25 | 🟡 | 🔄 | 🏃 |\n',
      // The Nix record aborted it; with no Completed/Aborted group to move it to, it is struck where it stands.
      '- [ ] Add a Nix flake [[Nix]](decisions/2025-08-06-nix-development-environment.md)\n',
      '_Last Updated: 2025-08-07 | Version: 2.2_\n',
    ]);
    // The hand-written Decision cells stay; only Tasks / Status change.
    expect(added).toContain('| 🎨 Branding | [Product Names](decisions/2025-08-01-product-names.md) | LogFusion + MetaRust | 1.8.25 | 🔴 | **✓** | 🏃 |\n');
    expect(added).toContain('| 🏗️ Infra | [Nix](decisions/2025-08-06-nix-development-environment.md) | Nix flakes | 6.8.25 | 🟡 | **✓** | **✗** |\n');
    expect(added).toContain('- [x] ~~Add a Nix flake~~ **✗** **ABORTED** - Use Makefile + proto instead for simpler development setup [[Nix]](decisions/2025-08-06-nix-development-environment.md)\n');
    expect(added).toContain('_Last Updated: 2026-01-15 | Version: 2.2_\n');
    expect(added.at(-1)).toBe(`${ADOPTED_MARKER}\n`);

    const again = await runCli(['overview'], root, { now: new Date('2026-03-01T00:00:00Z') });
    expect(again.stdout).toContain('up to date');
    expect(read('DECISIONS.md')).toBe(adopted);
    expect((await runCli(['overview', '--check'], root)).code).toBe(0);
  });

  it('keeps CRLF line endings and a BOM', async () => {
    const original = '\uFEFF' + fixture('hand-kept/DECISIONS.md').replace(/\n/g, '\r\n');
    writeFileSync(join(root, 'DECISIONS.md'), original);
    await runCli(['overview', '--adopt'], root);
    const bytes = readFileSync(join(root, 'DECISIONS.md'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\n').length).toBe(text.split('\r\n').length);
    expect(text.replace(/\r\n/g, '\n').slice(1)).toBe(fixture('expected/hand-kept-adopted.md'));
    expect((await runCli(['overview', '--check'], root)).code).toBe(0);
  });

  it('refuses an overview that is not UTF-8 and leaves it alone', async () => {
    const bytes = Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]);
    writeFileSync(join(root, 'DECISIONS.md'), bytes);
    const r = await runCli(['overview'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not UTF-8');
    expect(readFileSync(join(root, 'DECISIONS.md'))).toEqual(bytes);
  });
});

describe('generation is a function of the records', () => {
  it('parses back: every row links its record, with the record\'s priority and a matching status', async () => {
    const log = await readLog({ cwd: root, cache: false });
    const text = renderOverview(log.decisions, { logPrefix: 'decisions', today: '2026-01-15' });
    const overview = parseOverview('../DECISIONS.md', text, 'decisions');
    expect([...new Set(overview.rows.map((r) => r.target))].sort()).toEqual(log.decisions.map((d) => d.file).sort());
    // A record with sub-decisions gets a row per sub-decision, linked by its anchor.
    expect(overview.rows.filter((r) => r.anchor).map((r) => [r.target, r.anchor, r.status])).toEqual([
      ['2025-06-01-infrastructure.md', 'monorepo', 'accepted'],
      ['2025-06-01-infrastructure.md', 'ci', 'proposed'],
    ]);
    for (const row of overview.rows) {
      const d = log.decisions.find((x) => x.file === row.target)!;
      expect(row.priority).toBe(d.priority);
      expect(row.date).toBe(d.date);
    }
    const open = log.decisions.flatMap((d) => d.actionItems.filter((i) => !i.done && !i.aborted).map(() => d.file));
    expect(overview.actionItems.map((i) => i.target).sort()).toEqual(open.sort());
  });

  it('inserting one row gives what a full regeneration gives, for every record left out', async () => {
    const log = await readLog({ cwd: root, cache: false });
    const opts = { logPrefix: 'decisions', today: '2026-01-15' };
    const full = generateRegions(log.decisions, opts);
    const dateOf = (t: string) => (t === '-' ? null : parseDate(t).date);
    // `adr new` inserts rows only for records without sub-decisions (a new record has none).
    for (const d of log.decisions.filter((x) => x.subDecisions.length === 0)) {
      const rest = log.decisions.filter((x) => x !== d);
      const partial = generateRegions(rest, opts);
      expect(insertRow(partial.overview, overviewRow(d, 'decisions'), d, 'decisions', dateOf)).toBe(full.overview);
    }
  });

  it('does not depend on the order the records were read in', async () => {
    const log = await readLog({ cwd: root, cache: false });
    const opts = { logPrefix: 'decisions', today: '2026-01-15' };
    expect(renderOverview([...log.decisions].reverse(), opts)).toBe(renderOverview(log.decisions, opts));
  });

  it('escapes pipes and brackets so a title cannot break the table', () => {
    const d = { file: 'x.md', title: 'A | B [c]', summary: 'one | two', reason: null, category: null, date: null, priority: null, status: 'proposed', statusText: null, actionItems: [] } as unknown as Decision;
    expect(overviewRow(d, 'decisions')).toBe('| - | [A \\| B \\[c\\]](decisions/x.md) | one \\| two | - | - | ❓ | **—** |');
  });

  it('applyRegions leaves a file without changes alone, footer date included', () => {
    const text = renderOverview([], { logPrefix: 'decisions', today: '2025-01-01' });
    const result = updateOverview(text, [], { logPrefix: 'decisions', today: '2026-01-01' });
    expect(result.changed).toBe(false);
    expect(result.text).toBe(text);
    expect(applyRegions(text, {}, '2026-01-01').text).toBe(text);
  });
});

describe('Nygard and MADR logs', () => {
  it('get an overview with - for priority and category', async () => {
    const dir = tempDir('adr-overview-nygard-');
    try {
      writeFiles(dir, {
        '.adr-dir': 'doc/adr\n',
        'doc/adr/0001-record-architecture-decisions.md': '# 1. Record architecture decisions\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n',
        'doc/adr/0002-use-madr.md': '---\nstatus: proposed\ndate: 2024-01-01\n---\n# Use MADR\n',
      });
      const r = await runCli(['overview'], dir, { now: NOW });
      expect(r.code).toBe(0);
      const text = readFileSync(join(dir, 'doc/DECISIONS.md'), 'utf8');
      expect(text).toContain('| - | [Record architecture decisions](adr/0001-record-architecture-decisions.md) | - | 12.2.16 | - | **✓** | **—** |');
      expect(text).toContain('| - | [Use MADR](adr/0002-use-madr.md) | - | 1.1.24 | - | ❓ | **—** |');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
