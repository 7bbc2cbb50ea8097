// adr new follows the log's own byte conventions: the majority line ending of
// the existing records, a BOM when most of them carry one, and the overview's own ending and BOM.
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/parse/index.js';
import { sniffLog } from '../../src/store/naming.js';
import { dominantEol as headEol } from '../../src/parse/eol.js';
import { runCli, tempDir, writeFiles } from './helpers.js';

const FIXTURE = resolve(__dirname, '../fixtures/judge/adr-tools');
const JUDGE_NOW = new Date('2025-08-08T12:00:00Z');

let root: string;
beforeEach(() => {
  root = tempDir('adr-conventions-');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Every file under `dir` (relative path -> bytes), skipping the test's parse cache. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (name === '.cache-test') continue;
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const NYGARD = (n: number, title: string) => `# ${n}. ${title}\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\n## Context\n\nx\n`;

describe('adr new in a CRLF log (a Windows checkout with core.autocrlf)', () => {
  it('adr-tools log, every file CRLF: `new -s 3` writes the edited 0003 and the new 0010 in CRLF, every other byte unchanged', async () => {
    cpSync(FIXTURE, root, { recursive: true });
    const adr = join(root, 'doc/adr');
    for (const name of readdirSync(adr)) writeFileSync(join(adr, name), crlf(readFileSync(join(adr, name), 'utf8')));
    const before = snapshot(root);

    const r = await runCli(['new', '-s', '3', 'Use one binary'], root, { now: JUDGE_NOW });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('doc/adr/0010-use-one-binary.md\n');

    const after = snapshot(root);
    const old = 'doc/adr/0003-single-command-with-subcommands.md';
    const created = 'doc/adr/0010-use-one-binary.md';
    expect([...after.keys()].sort()).toEqual([...before.keys(), created].sort());
    for (const [path, bytes] of before) {
      if (path !== old) expect(after.get(path)!.equals(bytes), path).toBe(true);
    }
    // 0003: only its status line changed, and it is CRLF like the rest of the file.
    const was = before.get(old)!.toString('utf8');
    expect(was).toContain('\r\nAccepted\r\n');
    expect(after.get(old)!.toString('utf8')).toBe(
      was.replace('\r\nAccepted\r\n', '\r\nSuperseded by [10. Use one binary](0010-use-one-binary.md)\r\n'),
    );
    // 0010: the adr-tools form, every line ending CRLF.
    expect(after.get(created)!.toString('utf8')).toBe(
      crlf(
        [
          '# 10. Use one binary',
          '',
          'Date: 2025-08-08',
          '',
          '## Status',
          '',
          'Proposed',
          '',
          'Supersedes [3. Single command with subcommands](0003-single-command-with-subcommands.md)',
          '',
          '## Context',
          '',
          'The issue motivating this decision, and any context that influences or constrains the decision.',
          '',
          '## Decision',
          '',
          "The change that we're proposing or have agreed to implement.",
          '',
          '## Consequences',
          '',
          'What becomes easier or more difficult to do and any risks introduced by the change that will need to be mitigated.',
          '',
        ].join('\n'),
      ),
    );
    expect((await runCli(['check'], root, { now: JUDGE_NOW })).code).toBe(0);
  });

  it('follows the majority of records (each counted by its own majority ending), not the newest one alone', async () => {
    writeFiles(root, {
      'doc/adr/0001-a.md': crlf(NYGARD(1, 'A')),
      'doc/adr/0002-b.md': crlf(NYGARD(2, 'B')),
      'doc/adr/0003-c.md': NYGARD(3, 'C'),
    });
    await runCli(['new', 'D'], root);
    const text = readFileSync(join(root, 'doc/adr/0004-d.md'), 'utf8');
    expect(text.split('\n').length).toBe(text.split('\r\n').length);
    // An LF majority stays LF, even when one LF record has a stray CRLF line (an editor's slip).
    writeFiles(root, {
      'doc/adr/0005-e.md': NYGARD(5, 'E').replace('\n', '\r\n'),
      'doc/adr/0006-f.md': NYGARD(6, 'F').replace('\n', '\r\n'),
      'doc/adr/0007-g.md': NYGARD(7, 'G'),
    });
    await runCli(['new', 'H'], root);
    expect(readFileSync(join(root, 'doc/adr/0008-h.md'), 'utf8')).not.toContain('\r');
  });

  it('a --template kept in LF is written in the log\'s CRLF', async () => {
    writeFiles(root, {
      'doc/adr/0001-a.md': crlf(NYGARD(1, 'A')),
      'tpl.md': '# {{number}}. {{title}}\n\nDate: {{date}}\n\n## Status\n\n{{status}}\n',
    });
    expect((await runCli(['new', '--template', 'tpl.md', 'Templated'], root)).code).toBe(0);
    expect(readFileSync(join(root, 'doc/adr/0002-templated.md'), 'utf8')).toBe('# 2. Templated\r\n\r\nDate: 2026-01-15\r\n\r\n## Status\r\n\r\nproposed\r\n');
  });
});

describe('adr new in a log whose records carry a BOM', () => {
  it('writes a BOM (and CRLF) when most records have one; the overview row keeps the overview\'s BOM and CRLF', async () => {
    expect((await runCli(['init'], root)).code).toBe(0);
    expect((await runCli(['new', 'Second'], root)).code).toBe(0);
    // Make the whole log a Windows one: BOM + CRLF everywhere, overview included.
    const files = ['DECISIONS.md', ...readdirSync(join(root, 'decisions')).map((n) => `decisions/${n}`)];
    for (const f of files) writeFileSync(join(root, f), Buffer.concat([BOM, Buffer.from(crlf(readFileSync(join(root, f), 'utf8')))]));
    const overviewBefore = readFileSync(join(root, 'DECISIONS.md'), 'utf8');

    const r = await runCli(['new', '-p', 'urgent', 'Third'], root);
    expect(r.code, r.stderr).toBe(0);
    const bytes = readFileSync(join(root, 'decisions/2026-01-15-third.md'));
    expect(bytes.subarray(0, 3).equals(BOM)).toBe(true);
    const text = bytes.toString('utf8');
    expect(text.split('\n').length).toBe(text.split('\r\n').length);
    expect(parseRecord('2026-01-15-third.md', text.slice(1), { bom: true }).decision).toMatchObject({ title: 'Third', status: 'proposed', priority: 'urgent' });

    const overview = readFileSync(join(root, 'DECISIONS.md'));
    expect(overview.subarray(0, 3).equals(BOM)).toBe(true);
    const overviewText = overview.toString('utf8');
    expect(overviewText.split('\n').length).toBe(overviewText.split('\r\n').length);
    expect(overviewText).toContain('[Third](decisions/2026-01-15-third.md)');
    expect(overviewText.length).toBeGreaterThan(overviewBefore.length);
    expect((await runCli(['overview', '--check'], root)).code).toBe(0);
  });

  it('-s in a BOM + CRLF adr-tools log: both records keep BOM and CRLF', async () => {
    for (const [file, n, t] of [['doc/adr/0001-t1.md', 1, 'T1'], ['doc/adr/0002-t2.md', 2, 'T2']] as const) {
      writeFiles(root, { [file]: '' });
      writeFileSync(join(root, file), Buffer.concat([BOM, Buffer.from(crlf(NYGARD(n, t)))]));
    }
    expect((await runCli(['new', '-s', '1', 'X'], root)).code).toBe(0);
    for (const file of ['doc/adr/0001-t1.md', 'doc/adr/0003-x.md']) {
      const bytes = readFileSync(join(root, file));
      expect(bytes.subarray(0, 3).equals(BOM), file).toBe(true);
      const text = bytes.toString('utf8');
      expect(text.split('\n').length, file).toBe(text.split('\r\n').length);
    }
    expect(readFileSync(join(root, 'doc/adr/0001-t1.md'), 'utf8')).toContain('\r\nSuperseded by [3. X](0003-x.md)\r\n');
    expect(readFileSync(join(root, 'doc/adr/0003-x.md'), 'utf8')).toContain('\r\nSupersedes [1. T1](0001-t1.md)\r\n');
  });

  it('writes no BOM when only a minority of records has one', async () => {
    writeFiles(root, { 'doc/adr/0001-a.md': NYGARD(1, 'A'), 'doc/adr/0002-b.md': NYGARD(2, 'B') });
    writeFileSync(join(root, 'doc/adr/0003-c.md'), Buffer.concat([BOM, Buffer.from(NYGARD(3, 'C'))]));
    await runCli(['new', 'D'], root);
    expect(readFileSync(join(root, 'doc/adr/0004-d.md'))[0]).toBe('#'.charCodeAt(0));
  });
});

describe('the sniff', () => {
  it('counts each file by its own majority ending, and says nothing for an empty log', () => {
    expect(headEol('a\r\nb\r\nc\n')).toBe('\r\n');
    expect(headEol('a\nb\r\nc\n')).toBe('\n');
    expect(headEol('no break')).toBe(null);
    expect(sniffLog(root, [])).toEqual({ dialect: null, eol: null, bom: null, frontMatter: [] });
  });
});
