/**
 * `adr renumber`: every kind of link a log has to a record follows it; nothing else moves; the
 * bytes of each file (CRLF, BOM) are kept; an interrupted run is finished or undone by the next
 * command.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeFiles } from '../authoring-new/helpers.js';
import { nygard } from './helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'bin.js');

/** A Nygard log with every kind of reference to record 3. */
function linkedLog(): string {
  const root = tempDir('adr-renumber-');
  writeFiles(root, {
    '.adr-dir': 'doc/adr\n',
    'doc/adr/0001-first.md': nygard(1, 'First', 'Accepted', [
      '',
      'Inline: [3. Use Kafka](0003-use-kafka.md), with an anchor [Kafka](./0003-use-kafka.md#decision).',
      'Reference style: [the Kafka record][k].',
      '',
      '[k]: 0003-use-kafka.md',
      '',
      '```',
      'In code it stays: [3. Use Kafka](0003-use-kafka.md)',
      '```',
      '',
      'Not a record link: [3. Use Kafka](https://example.com/0003-use-kafka.md) and `0003-use-kafka.md` in code.',
      '',
    ].join('\n')),
    'doc/adr/0002-second.md': nygard(2, 'Second', 'Superseded by [3. Use Kafka](0003-use-kafka.md)'),
    'doc/adr/0003-use-kafka.md': nygard(3, 'Use Kafka', 'Accepted\n\nSupersedes [2. Second](0002-second.md)'),
    'doc/adr/sub/0001-nested.md': nygard(1, 'Nested', 'Accepted', '\nUp: [ADR-0003](../0003-use-kafka.md)\n'),
    'doc/adr/README.md': '# Decisions\n\n* [3. Use Kafka](0003-use-kafka.md)\n',
    'doc/DECISIONS.md': '# Overview\n\n| Topic | Status |\n|---|---|\n| [Use Kafka](adr/0003-use-kafka.md) | ✓ |\n\n- [ ] Migrate [[Use Kafka]](adr/0003-use-kafka.md)\n',
    '.adr.json': JSON.stringify({ dir: 'doc/adr', overview: '../DECISIONS.md' }),
  });
  return root;
}

describe('adr renumber', { timeout: 30_000 }, () => {
  it('renames the file and its title, and points every link at the new name', async () => {
    const root = linkedLog();
    const r = await runCli(['renumber', '3', '--to', '7'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'renumbered 3 → 7: doc/adr/0003-use-kafka.md → doc/adr/0007-use-kafka.md (Use Kafka)',
        '  doc/adr/0007-use-kafka.md: renamed; title',
        '  doc/adr/0001-first.md: 3 links',
        '  doc/adr/0002-second.md: 1 link',
        '  doc/adr/sub/0001-nested.md: 1 link',
        '  doc/adr/README.md: 1 link',
        '  doc/DECISIONS.md: 2 links',
        '  doc/adr/.adr-renames.json: 0003-use-kafka.md → 0007-use-kafka.md recorded for the site',
        '',
      ].join('\n'),
    );
    const adr = join(root, 'doc/adr');
    expect(existsSync(join(adr, '0003-use-kafka.md'))).toBe(false);
    expect(readFileSync(join(adr, '0007-use-kafka.md'), 'utf8')).toMatch(/^# 7\. Use Kafka\n/);
    const first = readFileSync(join(adr, '0001-first.md'), 'utf8');
    expect(first).toContain('Inline: [7. Use Kafka](0007-use-kafka.md), with an anchor [Kafka](./0007-use-kafka.md#decision).');
    expect(first).toContain('[k]: 0007-use-kafka.md');
    // Code and other sites are left alone.
    expect(first).toContain('In code it stays: [3. Use Kafka](0003-use-kafka.md)');
    expect(first).toContain('[3. Use Kafka](https://example.com/0003-use-kafka.md) and `0003-use-kafka.md` in code.');
    expect(readFileSync(join(adr, '0002-second.md'), 'utf8')).toContain('Superseded by [7. Use Kafka](0007-use-kafka.md)');
    expect(readFileSync(join(adr, 'sub/0001-nested.md'), 'utf8')).toContain('Up: [ADR-0007](../0007-use-kafka.md)');
    expect(readFileSync(join(adr, 'README.md'), 'utf8')).toContain('* [7. Use Kafka](0007-use-kafka.md)');
    const overview = readFileSync(join(root, 'doc/DECISIONS.md'), 'utf8');
    expect(overview).toContain('| [Use Kafka](adr/0007-use-kafka.md) |');
    expect(overview).toContain('- [ ] Migrate [[Use Kafka]](adr/0007-use-kafka.md)');
    // The nested record 1 is another folder's record 1: untouched by number.
    expect(readFileSync(join(adr, 'sub/0001-nested.md'), 'utf8')).toMatch(/^# 1\. Nested/);
    const check = await runCli(['check'], root);
    expect(check.code).toBe(0);
    expect(check.stdout).not.toMatch(/link-missing|dead-link|id-duplicate/);
    // No journal, lock or temp file is left behind.
    expect(readdirSync(adr).filter((n) => n.startsWith('.'))).toEqual(['.adr-renames.json']);
  });

  it('--dry-run prints a rename and the diffs, and writes nothing', async () => {
    const root = linkedLog();
    const before = readFileSync(join(root, 'doc/adr/0001-first.md'), 'utf8');
    const r = await runCli(['renumber', 'use-kafka', '--dry-run'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^diff --git a\/0003-use-kafka\.md b\/0004-use-kafka\.md\nrename from 0003-use-kafka\.md\nrename to 0004-use-kafka\.md\n--- a\/0003-use-kafka\.md\n\+\+\+ b\/0004-use-kafka\.md\n@@ -1,4 \+1,4 @@\n-# 3\. Use Kafka\n\+# 4\. Use Kafka\n/);
    expect(r.stdout).toContain('--- a/../DECISIONS.md');
    expect(r.stdout).toContain('+| [Use Kafka](adr/0004-use-kafka.md) | ✓ |');
    expect(r.stderr).toMatch(/^would renumber 3 → 4:/);
    expect(existsSync(join(root, 'doc/adr/0003-use-kafka.md'))).toBe(true);
    expect(existsSync(join(root, 'doc/adr/0004-use-kafka.md'))).toBe(false);
    expect(existsSync(join(root, 'doc/adr/.adr-renames.json'))).toBe(false);
    expect(readFileSync(join(root, 'doc/adr/0001-first.md'), 'utf8')).toBe(before);
  });

  it('keeps CRLF line endings and a byte-order mark, and follows numbers written in place of links', async () => {
    const root = tempDir('adr-renumber-');
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    writeFiles(root, {
      'docs/decisions/0001-old.md': crlf('---\nstatus: superseded by ADR-0012\ndate: 2026-01-01\n---\n\n# Old\n\nText.\n'),
      'docs/decisions/0012-new.md': `\uFEFF${crlf('---\nstatus: accepted\ndate: 2026-01-02\nnav_order: 12\n---\n\n# ADR-0012: New\n\nSupersedes [ADR-0001](0001-old.md).\n')}`,
    });
    const r = await runCli(['renumber', '12', '--to', '2'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const moved = readFileSync(join(root, 'docs/decisions/0002-new.md'));
    expect([...moved.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(moved.toString('utf8')).toBe(`\uFEFF${crlf('---\nstatus: accepted\ndate: 2026-01-02\nnav_order: 2\n---\n\n# ADR-0002: New\n\nSupersedes [ADR-0001](0001-old.md).\n')}`);
    expect(readFileSync(join(root, 'docs/decisions/0001-old.md'), 'utf8')).toBe(crlf('---\nstatus: superseded by ADR-0002\ndate: 2026-01-01\n---\n\n# Old\n\nText.\n'));
  });

  it('refuses what it cannot do cleanly, writing nothing', async () => {
    const root = linkedLog();
    const snapshot = () => readdirSync(join(root, 'doc/adr')).sort().join(',');
    const before = snapshot();
    let r = await runCli(['renumber', '3', '--to', '2'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('adr renumber: number 2 is taken by 0002-second.md; the next free number is 4\n');
    r = await runCli(['renumber', '3', '--to', '3'], root);
    expect(r.stderr).toBe('adr renumber: 0003-use-kafka.md already has number 3\n');
    r = await runCli(['renumber', '3', '--to', 'four'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--to wants a record number (digits), got 'four'");
    r = await runCli(['renumber', 'nothing-like-this'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no record matches 'nothing-like-this'/);
    r = await runCli(['renumber'], root);
    expect(r.code).toBe(2);
    expect(snapshot()).toBe(before);

    const dated = tempDir('adr-renumber-');
    writeFiles(dated, { 'decisions/2026-01-02-cache.md': '# Cache\n\n**Status**: Accepted\n' });
    r = await runCli(['renumber', 'cache'], dated);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2026-01-02-cache.md has no number in its file name');
  });

  it('records redirects for the site, collapsing chains', async () => {
    const root = linkedLog();
    await runCli(['renumber', '3', '--to', '7'], root);
    await runCli(['renumber', '7', '--to', '9'], root);
    const { renames } = JSON.parse(readFileSync(join(root, 'doc/adr/.adr-renames.json'), 'utf8'));
    expect(renames.map((r: { from: string; to: string }) => `${r.from} → ${r.to}`)).toEqual(['0003-use-kafka.md → 0009-use-kafka.md', '0007-use-kafka.md → 0009-use-kafka.md']);
    // Back to an old number: that name is a record again, not a redirect.
    await runCli(['renumber', '9', '--to', '3'], root);
    const after = JSON.parse(readFileSync(join(root, 'doc/adr/.adr-renames.json'), 'utf8')).renames;
    expect(after.map((r: { from: string; to: string }) => `${r.from} → ${r.to}`)).toEqual(['0007-use-kafka.md → 0003-use-kafka.md', '0009-use-kafka.md → 0003-use-kafka.md']);
    expect((await runCli(['check'], root)).code).toBe(0);
  });

  it("keeps the folder's zero-padded width when the number fills it (9999 back to 3 is 0003)", async () => {
    const root = linkedLog();
    expect((await runCli(['renumber', '3', '--to', '9999'], root)).code).toBe(0);
    expect(existsSync(join(root, 'doc/adr/9999-use-kafka.md'))).toBe(true);
    const r = await runCli(['renumber', '9999', '--to', '3'], root);
    expect(r.stderr).toBe('');
    expect(existsSync(join(root, 'doc/adr/0003-use-kafka.md'))).toBe(true);
    expect(readFileSync(join(root, 'doc/adr/0002-second.md'), 'utf8')).toContain('[3. Use Kafka](0003-use-kafka.md)');
    expect((await runCli(['check'], root)).code).toBe(0);
  });

  it('--json reports the files and the redirect', async () => {
    const root = linkedLog();
    const r = await runCli(['renumber', '3', '--json'], root);
    const out = JSON.parse(r.stdout);
    expect(out.from).toEqual({ file: '0003-use-kafka.md', number: 3 });
    expect(out.to).toEqual({ file: '0004-use-kafka.md', number: 4 });
    expect(out.written).toBe(true);
    expect(out.files.map((f: { file: string; links: number }) => `${f.file}:${f.links}`)).toEqual([
      '0004-use-kafka.md:0',
      '0001-first.md:3',
      '0002-second.md:1',
      'sub/0001-nested.md:1',
      'README.md:1',
      '../DECISIONS.md:2',
      '.adr-renames.json:0',
    ]);
  });
});

describe('adr renumber writes only inside the log and its repository', { timeout: 30_000 }, () => {
  /** Every file under `root` (following no links) with its bytes, and the outside folder's. */
  function snapshot(...folders: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.name.startsWith('.cache')) continue;
        if (e.isDirectory()) walk(p);
        else out[p] = e.isSymbolicLink() ? `-> ${p}` : readFileSync(p, 'utf8');
      }
    };
    for (const f of folders) walk(f);
    return out;
  }

  /** doc/adr with records 1 and 2, and doc/adr/ext, a link to a folder outside whose record 3 links to record 2. */
  function withFolderLinkOut(): { base: string; root: string } {
    const base = tempDir('adr-renumber-confine-');
    const root = join(base, 'repo');
    writeFiles(root, {
      '.adr-dir': 'doc/adr\n',
      'doc/adr/0001-first.md': nygard(1, 'First', 'Accepted'),
      'doc/adr/0002-second.md': nygard(2, 'Second', 'Accepted'),
    });
    mkdirSync(join(root, '.git'));
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(base, 'outside', '0003-ext.md'), nygard(3, 'Ext', 'Accepted', '\nBuilds on [2. Second](../0002-second.md).\n'));
    symlinkSync('../../../outside', join(root, 'doc/adr/ext'));
    return { base, root };
  }

  it('refuses, naming the file and the link, when a link to the record lies in a folder linked out of the log; nothing changes', async () => {
    const { base, root } = withFolderLinkOut();
    const before = snapshot(base);
    const r = await runCli(['renumber', '2', '--to', '9'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ext\/0003-ext\.md/);
    expect(r.stderr).toMatch(/ext is a symbolic link to .*outside, outside the log folder/);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(snapshot(base)).toEqual(before);
  });

  it('refuses to renumber a record in a folder linked out of the log; nothing changes', async () => {
    const { base, root } = withFolderLinkOut();
    const before = snapshot(base);
    const r = await runCli(['renumber', 'ext/0003-ext.md', '--to', '7'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ext is a symbolic link to .*outside, outside the log folder/);
    expect(snapshot(base)).toEqual(before);
  });

  it('rewrites an overview kept higher up in the repository than the log folder', async () => {
    const root = tempDir('adr-renumber-overview-');
    writeFiles(root, {
      '.adr.json': JSON.stringify({ dir: 'docs/architecture/decisions', overview: '../../../DECISIONS.md' }),
      'docs/architecture/decisions/0001-first.md': nygard(1, 'First', 'Accepted'),
      'DECISIONS.md': '# Overview\n\n- [First](docs/architecture/decisions/0001-first.md)\n',
    });
    mkdirSync(join(root, '.git'));
    const r = await runCli(['renumber', '1', '--to', '5'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, 'DECISIONS.md'), 'utf8')).toBe('# Overview\n\n- [First](docs/architecture/decisions/0005-first.md)\n');
  });
});

describe('an interrupted renumber', { timeout: 30_000 }, () => {
  /** Writes the journal a renumber killed after its first file would leave, and the state it left. */
  function halfDone(root: string, touched: 'none' | 'foreign'): void {
    const adr = join(root, 'doc/adr');
    const oldText = readFileSync(join(adr, '0003-use-kafka.md'));
    const newText = Buffer.from(oldText.toString('utf8').replace('# 3. Use Kafka', '# 4. Use Kafka'));
    const second = readFileSync(join(adr, '0002-second.md'));
    const secondAfter = Buffer.from(second.toString('utf8').replace('0003-use-kafka.md', '0004-use-kafka.md').replace('[3. Use', '[4. Use'));
    const b64 = (b: Buffer | null) => (b === null ? null : b.toString('base64'));
    writeFileSync(join(adr, '0004-use-kafka.md'), newText);
    if (touched === 'foreign') writeFileSync(join(adr, '0002-second.md'), `${second.toString('utf8')}\nEdited by hand meanwhile.\n`);
    writeFileSync(
      join(adr, '.adr-journal.json'),
      JSON.stringify({
        adrJournal: 1,
        operation: 'renumber of 0003-use-kafka.md to 0004-use-kafka.md',
        holder: '999999999 another-host-that-is-gone',
        started: '2026-01-15T12:00:00Z',
        steps: [
          { path: '0004-use-kafka.md', before: null, after: b64(newText) },
          { path: '0002-second.md', before: b64(second), after: b64(secondAfter) },
          { path: '0003-use-kafka.md', before: b64(oldText), after: null },
        ],
      }),
    );
    // The writer is on another host: its journal counts as abandoned once it is old enough.
    const old = new Date(Date.now() - 3600_000);
    utimesSync(join(adr, '.adr-journal.json'), old, old);
  }

  it('is finished by the next command when every file is as the journal left it', async () => {
    const root = linkedLog();
    halfDone(root, 'none');
    const r = await runCli(['list'], root);
    expect(r.stderr).toBe('adr: finished the interrupted renumber of 0003-use-kafka.md to 0004-use-kafka.md\n');
    const adr = join(root, 'doc/adr');
    expect(existsSync(join(adr, '0003-use-kafka.md'))).toBe(false);
    expect(existsSync(join(adr, '.adr-journal.json'))).toBe(false);
    expect(readFileSync(join(adr, '0002-second.md'), 'utf8')).toContain('Superseded by [4. Use Kafka](0004-use-kafka.md)');
  });

  it('is rolled back when a file was changed since, keeping that change', async () => {
    const root = linkedLog();
    halfDone(root, 'foreign');
    const r = await runCli(['list'], root);
    expect(r.stderr).toBe('adr: rolled back the interrupted renumber of 0003-use-kafka.md to 0004-use-kafka.md: 0002-second.md changed since, and was left as found\n');
    const adr = join(root, 'doc/adr');
    expect(existsSync(join(adr, '0003-use-kafka.md'))).toBe(true);
    expect(existsSync(join(adr, '0004-use-kafka.md'))).toBe(false);
    expect(readFileSync(join(adr, '0002-second.md'), 'utf8')).toContain('Edited by hand meanwhile.');
  });

  it('a journal naming files outside the log is not obeyed', async () => {
    const root = linkedLog();
    writeFileSync(join(root, 'doc/adr/.adr-journal.json'), JSON.stringify({ adrJournal: 1, operation: 'x', holder: '999999999', started: '', steps: [{ path: '../../../../../../tmp/evil', before: null, after: 'aGk=' }] }));
    const r = await runCli(['list'], root);
    expect(r.stderr).toMatch(/names \/tmp\/evil, outside the log's repository .*; it was not applied/);
    expect(existsSync('/tmp/evil')).toBe(false);
  });

  it('Ctrl-C while it writes undoes what it wrote, leaving no lock, journal or temp file', async () => {
    const root = tempDir('adr-renumber-int-');
    const files: Record<string, string> = { '.adr-dir': 'doc/adr\n', 'doc/adr/0003-target.md': nygard(3, 'Target', 'Accepted') };
    for (let n = 4; n < 28; n++) files[`doc/adr/${String(n).padStart(4, '0')}-r${n}.md`] = nygard(n, `R${n}`, 'Accepted', `\nSee [3. Target](0003-target.md).\n`);
    writeFiles(root, files);
    const adr = join(root, 'doc/adr');
    const before = Object.fromEntries(readdirSync(adr).map((n) => [n, readFileSync(join(adr, n), 'utf8')]));
    const child = spawn(process.execPath, [BIN, 'renumber', 'target', '--to', '99'], { cwd: root, env: { ...process.env, ADR_CACHE_DIR: join(root, '.cache') }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    let done = false;
    void exited.then(() => (done = true));
    while (!done && !existsSync(join(adr, '.adr-journal.json'))) await new Promise((r) => setTimeout(r, 1));
    child.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(130);
    expect(stderr).toBe('adr renumber: the renumber of 0003-target.md to 0099-target.md was interrupted; every file is as it was\n');
    expect(Object.fromEntries(readdirSync(adr).map((n) => [n, readFileSync(join(adr, n), 'utf8')]))).toEqual(before);
  });

  it('killed at any moment, the next command leaves the log whole: all old names or all new', async () => {
    // A log where record 3 is linked from 24 records, so a renumber writes 26 files.
    const root = tempDir('adr-renumber-kill-');
    const files: Record<string, string> = { '.adr-dir': 'doc/adr\n', 'doc/adr/0003-target.md': nygard(3, 'Target', 'Accepted') };
    for (let n = 4; n < 28; n++) files[`doc/adr/${String(n).padStart(4, '0')}-r${n}.md`] = nygard(n, `R${n}`, 'Accepted', `\nSee [3. Target](0003-target.md).\n`);
    writeFiles(root, files);
    const adr = join(root, 'doc/adr');
    const recovered: string[] = [];
    for (const delay of [0, 10, 40, 120]) {
      const child = spawn(process.execPath, [BIN, 'renumber', 'target', '--to', '99'], { cwd: root, env: { ...process.env, ADR_CACHE_DIR: join(root, '.cache') }, stdio: 'ignore' });
      const exited = new Promise((r) => child.on('exit', r));
      // Kill it while it writes: the journal exists from before the first write to after the last.
      let done = false;
      void exited.then(() => (done = true));
      while (!done && !existsSync(join(adr, '.adr-journal.json'))) await new Promise((r) => setTimeout(r, 1));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      // The next command finishes or undoes what the killed one began.
      recovered.push((await runCli(['list', '--json'], root)).stderr);
      const names = readdirSync(adr);
      expect(names.filter((n) => n.includes('.adr-journal'))).toEqual([]);
      const at3 = names.includes('0003-target.md');
      const at99 = names.includes('0099-target.md');
      expect(at3 !== at99).toBe(true);
      const want = at3 ? '0003-target.md' : '0099-target.md';
      for (let n = 4; n < 28; n++) expect(readFileSync(join(adr, `${String(n).padStart(4, '0')}-r${n}.md`), 'utf8')).toContain(`](${want})`);
      expect((await runCli(['check'], root)).code).toBe(0);
      // Put it back for the next round.
      if (at99) await runCli(['renumber', '99', '--to', '3'], root);
    }
    // At least one run was caught in the middle and finished by the next command.
    expect(recovered.some((text) => /finished the interrupted renumber/.test(text))).toBe(true);
  }, 60_000);
});
