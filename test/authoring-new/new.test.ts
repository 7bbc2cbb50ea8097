import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/parse/index.js';
import { NOW, runCli, tempDir, writeFiles } from './helpers.js';

let root: string;
beforeEach(() => {
  root = tempDir();
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const records = (dir = 'decisions') => readdirSync(join(root, dir)).filter((f) => f.endsWith('.md')).sort();
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const NYGARD = (n: number, title: string) => `# ${n}. ${title}\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\n## Context\n\nx\n`;

describe('adr new in a new log', () => {
  it('writes a date-named summary record, proposed and dated today, and prints its path', async () => {
    writeFiles(root, { 'decisions/.keep': '' });
    const r = await runCli(['new', 'Use PostgreSQL for storage', '--priority', 'high', '--category', 'infra'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('decisions/2026-01-15-use-postgresql-for-storage.md\n');
    const text = read('decisions/2026-01-15-use-postgresql-for-storage.md');
    const { decision } = parseRecord('2026-01-15-use-postgresql-for-storage.md', text);
    expect(decision).toMatchObject({ dialect: 'summary', title: 'Use PostgreSQL for storage', status: 'proposed', date: '2026-01-15', priority: 'urgent', category: 'Infrastructure' });
    // No overview file: no back-link to a file that does not exist.
    expect(text).not.toContain('Back to Decisions Overview');
  });

  it('a title that markdown would read as raw HTML or a closing # reads back exactly as typed, in every dialect', async () => {
    const titles = ['Replace List<String> with arrays', 'Use <br/> tags', 'A <!-- c --> B', 'x <? y', 'Use F #', 'Map<K, V> & a < b', 'Use C#'];
    for (const [log, seed] of [
      ['decisions', {}],
      ['nygard', { 'nygard/0001-record-architecture-decisions.md': NYGARD(1, 'Record architecture decisions') }],
    ] as const) {
      writeFiles(root, { [`${log}/.keep`]: '', ...seed });
      for (const title of titles) {
        const r = await runCli(['new', '--dir', log, '--', title], root);
        expect(r.code, r.stderr).toBe(0);
        const file = r.stdout.trim();
        expect(parseRecord(file, read(file)).decision?.title, `${log}: ${title}`).toBe(title);
      }
    }
  });

  it('joins several words into the title (adr-tools habit) and prints the path relative to cwd', async () => {
    writeFiles(root, { 'decisions/.keep': '' });
    const r = await runCli(['new', 'Use', 'MySQL', 'instead'], join(root, 'decisions'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2026-01-15-use-mysql-instead.md\n');
  });

  it('refuses a missing title without a terminal (exit 2), and never prompts', async () => {
    writeFiles(root, { 'decisions/.keep': '' });
    const r = await runCli(['new'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a title is required');
    expect(records()).toEqual([]);
  });

  it('refuses unknown flags and bad values (exit 2)', async () => {
    writeFiles(root, { 'decisions/.keep': '' });
    expect((await runCli(['new', '--bogus', 'T'], root)).code).toBe(2);
    expect((await runCli(['new', '--priority', 'whenever', 'T'], root)).code).toBe(2);
    expect((await runCli(['new', '--status', 'maybe', 'T'], root)).code).toBe(2);
    expect((await runCli(['new', '--link', '3', 'T'], root)).code).toBe(2);
    expect(records()).toEqual([]);
  });

  it('--dry-run prints the record and writes nothing', async () => {
    writeFiles(root, { 'decisions/.keep': '' });
    const r = await runCli(['new', '--dry-run', 'Try it'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# Try it\n');
    expect(r.stderr).toContain('would write decisions/2026-01-15-try-it.md');
    expect(records()).toEqual([]);
  });

  it('dates in the zone TZ names', async () => {
    writeFiles(root, { 'decisions/.keep': '' });
    const r = await runCli(['new', 'Late'], root, { now: new Date('2026-01-15T23:30:00Z'), env: { TZ: 'Asia/Tokyo' } });
    expect(r.stdout).toBe('decisions/2026-01-16-late.md\n');
  });

  it('never writes outside the log, whatever the title', async () => {
    writeFiles(root, { 'decisions/.keep': '' });
    for (const title of ['../../etc/passwd', '/absolute/x', 'nul\0byte', '.', '🚀🚀🚀', 'x'.repeat(5000)]) {
      const r = await runCli(['new', title], root);
      expect(r.code).toBe(0);
      const path = resolve(root, r.stdout.trim());
      expect(path.startsWith(join(root, 'decisions') + '/')).toBe(true);
      expect(path.split('/').pop()!.length).toBeLessThan(80);
    }
    expect(records()).toContain('2026-01-15-decision.md');
    expect(records()).toContain('2026-01-15-decision-2.md');
    expect(readdirSync(root).sort()).toEqual(['.cache-test', 'decisions'].filter((n) => existsSync(join(root, n))));
  });

  it('gives the same title on the same day -2, -3', async () => {
    writeFiles(root, { 'decisions/.keep': '' });
    for (let i = 0; i < 3; i++) await runCli(['new', 'Same'], root);
    expect(records()).toEqual(['2026-01-15-same-2.md', '2026-01-15-same-3.md', '2026-01-15-same.md']);
  });
});

describe('adr new follows the log it is in', () => {
  it('numbers and writes Nygard in an adr-tools log (.adr-dir), and ignores priority with a note', async () => {
    writeFiles(root, {
      '.adr-dir': 'doc/adr\n',
      'doc/adr/0001-record-architecture-decisions.md': NYGARD(1, 'Record architecture decisions'),
      'doc/adr/0002-use-x.md': NYGARD(2, 'Use X'),
      'doc/adr/0009-use-y.md': NYGARD(9, 'Use Y'),
    });
    const r = await runCli(['new', '-p', 'urgent', 'Use Z'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('doc/adr/0010-use-z.md\n');
    expect(r.stderr).toContain('no place for priority');
    const text = read('doc/adr/0010-use-z.md');
    expect(text.startsWith('# 10. Use Z\n\nDate: 2026-01-15\n\n## Status\n\nProposed\n')).toBe(true);
    expect(parseRecord('0010-use-z.md', text).decision).toMatchObject({ dialect: 'nygard', number: 10, status: 'proposed' });
  });

  it('writes CRLF into a log kept in CRLF', async () => {
    writeFiles(root, { 'doc/adr/0001-a.md': NYGARD(1, 'A').replace(/\n/g, '\r\n'), 'doc/adr/0002-b.md': NYGARD(2, 'B').replace(/\n/g, '\r\n') });
    await runCli(['new', 'Windows'], root);
    const text = read('doc/adr/0003-windows.md');
    expect(text.split('\n').length).toBe(text.split('\r\n').length);
    expect(parseRecord('0003-windows.md', text).decision).toMatchObject({ title: 'Windows', status: 'proposed', number: 3 });
  });

  it('writes the majority dialect (MADR 3) and config overrides it', async () => {
    const madr = (s: string) => `---\nstatus: accepted\ndate: 2024-01-01\ndeciders: [a]\n---\n# ${s}\n`;
    writeFiles(root, { 'docs/decisions/0001-a.md': madr('A'), 'docs/decisions/0002-b.md': madr('B'), 'docs/decisions/0003-c.md': NYGARD(3, 'C') });
    let r = await runCli(['new', 'Next'], root);
    expect(r.stdout).toBe('docs/decisions/0004-next.md\n');
    expect(read('docs/decisions/0004-next.md').startsWith('---\nstatus: proposed\ndate: 2026-01-15\n')).toBe(true);
    writeFiles(root, { '.adr.json': JSON.stringify({ dir: 'docs/decisions', dialect: 'madr2', naming: 'date' }) });
    r = await runCli(['new', 'Then'], root);
    expect(r.stdout).toBe('docs/decisions/2026-01-15-then.md\n');
    expect(parseRecord('2026-01-15-then.md', read('docs/decisions/2026-01-15-then.md')).decision!.dialect).toBe('madr2');
  });

  it('uses an adr-tools template (templates/template.md in the log, or ADR_TEMPLATE) the way adr-tools does', async () => {
    const tpl = '# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Context\n\nOurs.\n';
    writeFiles(root, { 'doc/adr/0001-a.md': NYGARD(1, 'A'), 'doc/adr/templates/template.md': tpl });
    expect((await runCli(['new', 'From adr-tools'], root)).stdout).toBe('doc/adr/0002-from-adr-tools.md\n');
    expect(read('doc/adr/0002-from-adr-tools.md')).toBe('# 2. From adr-tools\n\nDate: 2026-01-15\n\n## Status\n\nProposed\n\n## Context\n\nOurs.\n');
    writeFiles(root, { 'elsewhere.md': '# {{title}}\n\nStatus: {{status}}\n' });
    await runCli(['new', 'From env'], root, { env: { ADR_TEMPLATE: join(root, 'elsewhere.md') } });
    expect(read('doc/adr/0003-from-env.md')).toBe('# From env\n\nStatus: proposed\n');
  });

  it('fills --template FILE', async () => {
    writeFiles(root, { 'decisions/0003-x.md': NYGARD(3, 'X'), 'tpl.md': '# {{number}}. {{title}}\n\nDate: {{date}}\n\n## Status\n\n{{status}}\n' });
    const r = await runCli(['new', '--template', 'tpl.md', 'From template'], root);
    expect(r.code).toBe(0);
    expect(read('decisions/0004-from-template.md')).toBe('# 4. From template\n\nDate: 2026-01-15\n\n## Status\n\nproposed\n');
    expect((await runCli(['new', '--template', 'missing.md', 'T'], root)).code).toBe(1);
  });

  it('links back to the overview and adds its row where `adr overview` would put it', async () => {
    writeFiles(root, { 'decisions/.keep': '' });
    expect((await runCli(['init'], root)).code).toBe(0);
    const r = await runCli(['new', '-p', 'planning', 'Adopt Nix'], root, { now: new Date('2026-02-01T10:00:00Z') });
    expect(r.code).toBe(0);
    expect(read('decisions/2026-02-01-adopt-nix.md')).toContain('[🚪 ← Back to Decisions Overview](../DECISIONS.md)');
    const overview = read('DECISIONS.md');
    expect(overview).toContain('| - | [Adopt Nix](decisions/2026-02-01-adopt-nix.md) | - | 1.2.26 | 🟢 | ❓ | **—** |');
    expect(overview).toContain('_Last Updated: 2026-02-01_');
    // The incremental row is exactly what a full regeneration gives.
    const check = await runCli(['overview', '--check'], root, { now: new Date('2026-02-01T10:00:00Z') });
    expect(check.stdout).toContain('up to date');
    expect(check.code).toBe(0);
  });

  it('inserts into a generated CRLF overview, touching no byte outside its rows (even bytes that are not UTF-8)', async () => {
    writeFiles(root, { 'decisions/.keep': '' });
    await runCli(['init'], root);
    const crlf = read('DECISIONS.md').replace(/\n/g, '\r\n');
    writeFileSync(join(root, 'DECISIONS.md'), crlf);
    await runCli(['new', 'Crlf one'], root, { now: new Date('2026-02-01T10:00:00Z') });
    const after = read('DECISIONS.md');
    expect(after.split('\n').length).toBe(after.split('\r\n').length);
    expect(after).toContain('| - | [Crlf one](decisions/2026-02-01-crlf-one.md) | - | 1.2.26 | - | ❓ | **—** |\r\n');
    expect((await runCli(['overview', '--check'], root, { now: new Date('2026-02-01T10:00:00Z') })).code).toBe(0);

    const latin1 = Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from('\r\n\r\n'), readFileSync(join(root, 'DECISIONS.md'))]);
    writeFileSync(join(root, 'DECISIONS.md'), latin1);
    expect((await runCli(['new', 'Crlf two'], root, { now: new Date('2026-02-02T10:00:00Z') })).code).toBe(0);
    const bytes = readFileSync(join(root, 'DECISIONS.md'));
    expect(bytes.subarray(0, 400).equals(latin1.subarray(0, 400))).toBe(true);
    expect(bytes.toString('latin1')).toContain('[Crlf two](decisions/2026-02-02-crlf-two.md)');
    expect(bytes.toString('latin1')).toContain('_Last Updated: 2026-02-02_');
  });

  it('appends a row to a hand-kept overview table without touching anything else', async () => {
    const handKept = '# Decisions\r\n\r\n## Decision Overview\r\n\r\n| Category | Topic | Status |\r\n|---|---|---|\r\n| Infra | [Old](decisions/2025-01-01-old.md) | ✓ |\r\n\r\nHand-written notes.\r\n';
    writeFiles(root, { 'decisions/2025-01-01-old.md': '# Old\n\n**Status**: Decided\n', 'DECISIONS.md': handKept });
    const r = await runCli(['new', 'Brand new'], root);
    expect(r.code).toBe(0);
    expect(read('DECISIONS.md')).toBe(handKept.replace('| ✓ |\r\n', '| ✓ |\r\n| - | [Brand new](decisions/2026-01-15-brand-new.md) | ❓ |\r\n'));
  });
});

describe('adr new --supersedes / --link', () => {
  it('writes both sides and keeps the overview in step', async () => {
    writeFiles(root, {
      'doc/adr/0001-record-architecture-decisions.md': NYGARD(1, 'Record architecture decisions'),
      'doc/adr/0002-use-mysql.md': NYGARD(2, 'Use MySQL'),
    });
    const r = await runCli(['new', '-s', '2', 'Use', 'PostgreSQL'], root);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('doc/adr/0003-use-postgresql.md\n');
    const fresh = parseRecord('0003-use-postgresql.md', read('doc/adr/0003-use-postgresql.md')).decision!;
    expect(fresh.links.map((l) => [l.kind, l.target])).toContainEqual(['supersedes', '0002-use-mysql.md']);
    const old = parseRecord('0002-use-mysql.md', read('doc/adr/0002-use-mysql.md')).decision!;
    expect(old.status).toBe('superseded');
    expect(old.links.map((l) => [l.kind, l.target])).toContainEqual(['superseded-by', '0003-use-postgresql.md']);
  });

  it('an unknown REF is an error and writes nothing', async () => {
    writeFiles(root, { 'doc/adr/0001-a.md': NYGARD(1, 'A') });
    const r = await runCli(['new', '--supersedes', '42', 'B'], root);
    expect(r.code).toBe(1);
    expect(records('doc/adr')).toEqual(['0001-a.md']);
  });

  it('understands adr-tools link syntax: -l "1:Amends:Amended by"', async () => {
    writeFiles(root, { 'doc/adr/0001-a.md': NYGARD(1, 'A') });
    const r = await runCli(['new', '-l', '1:Amends:Amended by', 'B'], root);
    expect(r.code).toBe(0);
    const b = parseRecord('0002-b.md', read('doc/adr/0002-b.md')).decision!;
    expect(b.links.map((l) => [l.kind, l.target])).toContainEqual(['amends', '0001-a.md']);
    const a = parseRecord('0001-a.md', read('doc/adr/0001-a.md')).decision!;
    expect(a.links.map((l) => [l.kind, l.target])).toContainEqual(['amended-by', '0002-b.md']);
  });

  it('--link REF:KIND writes the reverse kind on the other side', async () => {
    writeFiles(root, { 'doc/adr/0001-a.md': NYGARD(1, 'A') });
    const r = await runCli(['new', '--link', '1:amends', 'B'], root);
    expect(r.code).toBe(0);
    const a = parseRecord('0001-a.md', read('doc/adr/0001-a.md')).decision!;
    expect(a.links.map((l) => [l.kind, l.target])).toContainEqual(['amended-by', '0002-b.md']);
  });
});

describe('concurrency', () => {
  const bin = resolve(__dirname, '../../dist/cli/bin.js');
  const spawnNew = (cwd: string, title: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = spawn(process.execPath, [bin, 'new', title], { cwd, env: { ...process.env, ADR_NOW: NOW.toISOString(), VISUAL: '', EDITOR: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => done({ code, stdout, stderr }));
    });

  it('20 adr new at once in a numbered log give 20 distinct numbers and 20 readable files', async () => {
    writeFiles(root, { 'doc/adr/0001-a.md': NYGARD(1, 'A') });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => spawnNew(root, `Concurrent decision ${i}`)));
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    const files = records('doc/adr');
    expect(files).toHaveLength(21);
    const numbers = files.map((f) => Number(f.slice(0, 4)));
    expect(new Set(numbers).size).toBe(21);
    expect(Math.max(...numbers)).toBe(21);
    for (const f of files.slice(1)) {
      const d = parseRecord(f, read(`doc/adr/${f}`)).decision!;
      expect(d.status).toBe('proposed');
      expect(d.number).toBe(Number(f.slice(0, 4)));
    }
    expect(existsSync(join(root, 'doc/adr/.adr-new.lock'))).toBe(false);
  }, 60_000);

  it('20 adr new of one title at once in a date-named log give 20 files', async () => {
    writeFiles(root, { 'decisions/2025-01-01-a.md': '# A\n\n**Status**: Decided\n' });
    const results = await Promise.all(Array.from({ length: 20 }, () => spawnNew(root, 'Same title')));
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    const printed = new Set(results.map((r) => r.stdout.trim()));
    expect(printed.size).toBe(20);
    expect(records().filter((f) => f.startsWith('2026-01-15-same-title'))).toHaveLength(20);
  }, 60_000);

  it('takes over a lock left by a killed process', async () => {
    writeFiles(root, { 'doc/adr/0001-a.md': NYGARD(1, 'A') });
    const { mkdirSync, utimesSync } = await import('node:fs');
    mkdirSync(join(root, 'doc/adr/.adr-new.lock'));
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'doc/adr/.adr-new.lock'), old, old);
    const r = await runCli(['new', 'After crash'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('doc/adr/0002-after-crash.md\n');
  });
});

describe('--edit', () => {
  it('runs $VISUAL on the new file and waits for it', async () => {
    writeFiles(root, { 'decisions/.keep': '' });
    const editor = join(root, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\necho "edited" >> "$1"\n', { mode: 0o755 });
    const r = await runCli(['new', '--edit', 'Edit me'], root, { env: { VISUAL: editor } });
    expect(r.code).toBe(0);
    expect(read('decisions/2026-01-15-edit-me.md').endsWith('edited\n')).toBe(true);
  });

  it('the overview gets the record as saved in the editor', async () => {
    writeFiles(root, { 'decisions/.keep': '' });
    await runCli(['init'], root);
    const editor = join(root, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/^# Draft title$/# Final title/" "$1"\n', { mode: 0o755 });
    const r = await runCli(['new', '--edit', 'Draft title'], root, { env: { EDITOR: editor, VISUAL: '' } });
    expect(r.code).toBe(0);
    expect(read('DECISIONS.md')).toContain('[Final title](decisions/2026-01-15-draft-title.md)');
    expect((await runCli(['overview', '--check'], root)).code).toBe(0);
  });

  it('says so when no editor is set (the record is still written)', async () => {
    writeFiles(root, { 'decisions/.keep': '' });
    const r = await runCli(['new', '--edit', 'No editor'], root, { env: { VISUAL: '', EDITOR: '' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('VISUAL or EDITOR');
    expect(records()).toEqual(['2026-01-15-no-editor.md']);
  });
});

describe('hostile logs', () => {
  it('adr new and adr overview work next to binary, empty, odd and looping files and a FIFO', async () => {
    const { mkdirSync, symlinkSync } = await import('node:fs');
    writeFiles(root, {
      'my decisions/0001-good.md': NYGARD(1, 'Good'),
      'my decisions/0002-empty.md': '',
      'my decisions/0003-front-matter-only.md': '---\nstatus: [broken\n---\n',
      'my decisions/0004-nul.md': '# 4. Nul\0byte\n\n## Status\n\nAccepted\n',
    });
    writeFileSync(join(root, 'my decisions/0005-binary.md'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x81]));
    mkdirSync(join(root, 'my decisions/0006-folder.md'));
    symlinkSync('0007-loop.md', join(root, 'my decisions/0007-loop.md'));
    symlinkSync('missing.md', join(root, 'my decisions/0008-dangling.md'));
    const { execFileSync } = await import('node:child_process');
    // A FIFO named .md: opening it for a sniff must not block.
    execFileSync('mkfifo', [join(root, 'my decisions/0008-fifo.md')]);
    writeFiles(root, { '.adr.json': JSON.stringify({ dir: 'my decisions' }) });
    const r = await runCli(['new', 'Still works'], root);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('my decisions/0009-still-works.md\n');
    expect(parseRecord('0009-still-works.md', read('my decisions/0009-still-works.md')).decision!.dialect).toBe('nygard');
    const o = await runCli(['overview'], root);
    expect(o.code).toBe(0);
    expect(o.stderr).not.toContain('internal error');
    const text = read('DECISIONS.md');
    expect(text).toContain('[Still works](my%20decisions/0009-still-works.md)');
    expect(text).toContain('[Good](my%20decisions/0001-good.md)');
    // The new record's row, inserted without reading the log, agrees with a full regeneration.
    await runCli(['new', 'And again'], root);
    expect((await runCli(['overview', '--check'], root)).code).toBe(0);
  });
});
