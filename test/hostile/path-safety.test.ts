/**
 * Titles and REFs cannot escape the log, and links that point outside the repository are never
 * followed for writing: `adr new` with path-like, absolute, NUL-bearing, enormous and symbol-only
 * titles; `adr abort/status/link/supersede` with REFs outside the log; a record that links
 * `../../outside.md` through `adr link` and `adr check --fix`; a record that is a symbolic link to
 * a file outside the repository. After each, nothing outside the log folder (and its overview)
 * has changed.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changedPaths, fingerprint } from './files.js';
import { crashLines, describeRun, runAdr } from './run-adr.js';
import { runInProcess } from '../helpers/run-in-process.js';

const OUTSIDE = '# Outside record\n\n**Status**: ✅ Approved\\\n**Date**: 2025-01-01\n\n## Action Items\n\n### 🔴 This Week (Urgent)\n\n- [ ] Outside task\n';

const cleanups: string[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) rmSync(c, { recursive: true, force: true });
});

/**
 * A sandbox: `base/outside.md` and `base/outside/record.md` (records outside the repository),
 * `base/repo/decisions/` (the log) with one record that links outside and one record that is a
 * symbolic link to `base/outside/record.md`.
 */
function sandbox(): { base: string; root: string; dir: string } {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'adr-paths-')));
  cleanups.push(base);
  const root = join(base, 'repo');
  const dir = join(root, 'decisions');
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside.md'), OUTSIDE);
  writeFileSync(join(base, 'outside', 'record.md'), OUTSIDE);
  writeFileSync(
    join(dir, '2025-01-01-first.md'),
    '# First\n\n**Status**: ✅ Approved\\\n**Date**: 2025-01-01\n\n## Related\n\n- Supersedes: [Outside](../../outside.md)\n- Amends: [Outside record](../../outside/record.md)\n',
  );
  writeFileSync(join(dir, '2025-01-03-second.md'), '# Second\n\n**Status**: ❓ Under Discussion\\\n**Date**: 2025-01-03\n\n## Action Items\n\n### 🔴 This Week (Urgent)\n\n- [ ] Inside task\n');
  symlinkSync('../../outside/record.md', join(dir, '2025-01-02-symlinked.md'));
  return { base, root, dir };
}

/** Everything in `base` except the log folder, the overview and the test cache. */
function outsideLog(base: string): Map<string, string> {
  const all = fingerprint(base);
  for (const k of [...all.keys()]) if (k.startsWith('repo/decisions/') || k === 'repo/DECISIONS.md' || k.startsWith('repo/.adr-test-cache/')) all.delete(k);
  return all;
}

const adr = (root: string, args: string[]) => runAdr(args, { cwd: root, limitMs: 60_000 });

describe('titles cannot escape the log', () => {
  const titles: Array<[string, string]> = [
    ['a relative path', '../../etc/passwd'],
    ['an absolute path', '/tmp/adr-evil-absolute'],
    ['dot-dot alone', '..'],
    ['only symbols', '!!!@@@###$$$%%%^^^&&&***((()))'],
    ['only non-Latin letters', '決定を記録する'],
    ['a backslash path', '..\\..\\windows\\system32'],
    ['a 5,000-character title', 'Very long title '.repeat(313).slice(0, 5000)],
  ];
  for (const [what, title] of titles) {
    it(`adr new with ${what} writes one sanely named file inside the log`, async () => {
      const { base, root, dir } = sandbox();
      const before = outsideLog(base);
      const listing = new Set(readdirSync(dir));
      const args = ['new', '--', title];
      const r = await adr(root, args);
      expect(crashLines(r.stderr), describeRun(args, r)).toEqual([]);
      expect(r.code, describeRun(args, r)).toBe(0);
      expect(changedPaths(before, outsideLog(base))).toEqual([]);
      const made = readdirSync(dir).filter((f) => !listing.has(f));
      expect(made).toHaveLength(1);
      const name = made[0];
      // A sane file name: the log's date prefix, lowercase ASCII, dashes, short enough for every file system.
      expect(name).toMatch(/^2025-08-07-[a-z0-9][a-z0-9-]*\.md$/);
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(120);
      expect(r.stdout.trim()).toBe(`decisions/${name}`);
      // The title itself is kept in the record (it is text, not a path).
      const text = readFileSync(join(dir, name), 'utf8');
      expect(text).toContain(title.trim().slice(0, 200));
    }, 60_000);
  }

  it('adr new with a NUL in the title writes a file without it, inside the log (in-process: argv cannot carry NUL)', async () => {
    const { base, root, dir } = sandbox();
    const before = outsideLog(base);
    const { code, stdout, stderr } = await runInProcess(['new', '../evil\u0000.md/../../x'], root, { now: new Date('2025-08-07T12:00:00Z'), env: { ADR_CACHE_DIR: join(base, 'cache') } });
    expect([0, 1], stderr).toContain(code);
    expect(changedPaths(before, outsideLog(base)).filter((p) => !p.startsWith('cache/'))).toEqual([]);
    for (const name of readdirSync(dir)) expect(name).not.toContain('\u0000');
    if (code === 0) {
      const made = stdout.trim();
      expect(made).toMatch(/^decisions\/2025-08-07-[a-z0-9-]+\.md$/);
      expect(readFileSync(join(root, made), 'utf8')).not.toContain('\u0000');
    } else {
      expect(stderr).toMatch(/NUL|control|invalid/i);
    }
  }, 60_000);
});

describe('REFs cannot escape the log', () => {
  const commands: Array<[string, (o: string) => string[]]> = [
    ['abort', (o) => ['abort', o, '--reason', 'escape']],
    ['status', (o) => ['status', o, 'accepted']],
    ['supersede (old outside)', (o) => ['supersede', o, 'first']],
    ['supersede (new outside)', (o) => ['supersede', 'second', o]],
    ['link (target outside)', (o) => ['link', 'second', 'amends', o]],
    ['link (source outside)', (o) => ['link', o, 'relates', 'second']],
  ];
  for (const [what, make] of commands) {
    it(`adr ${what} refuses REFs outside the log and changes nothing`, async () => {
      const { base, root, dir } = sandbox();
      const before = outsideLog(base);
      const inLog = fingerprint(dir);
      const refs = ['../../outside.md', join(base, 'outside.md'), '../outside/record.md', join(base, 'outside', 'record.md'), 'symlinked'];
      // All at once: each must refuse before writing anything, so they cannot disturb each other.
      const runs = await Promise.all(refs.map((ref) => adr(root, make(ref))));
      runs.forEach((r, k) => {
        const args = make(refs[k]);
        expect(crashLines(r.stderr), describeRun(args, r)).toEqual([]);
        expect(r.code, describeRun(args, r)).toBe(1);
        expect(r.stderr, describeRun(args, r)).toMatch(/outside|symbolic link|not found|no record/i);
      });
      expect(changedPaths(before, outsideLog(base))).toEqual([]);
      expect(changedPaths(inLog, fingerprint(dir))).toEqual([]);
    }, 120_000);
  }
});

describe('links that point outside are never followed for writing', () => {
  it('adr check --fix leaves the outside files alone (reciprocal links are not written there)', async () => {
    const { base, root } = sandbox();
    const before = outsideLog(base);
    for (const args of [['check', '--fix'], ['check', '--fix', '--format', 'json']]) {
      const r = await adr(root, args);
      expect(crashLines(r.stderr), describeRun(args, r)).toEqual([]);
      expect([0, 1], describeRun(args, r)).toContain(r.code);
    }
    expect(changedPaths(before, outsideLog(base))).toEqual([]);
    expect(readFileSync(join(base, 'outside.md'), 'utf8')).toBe(OUTSIDE);
    expect(readFileSync(join(base, 'outside', 'record.md'), 'utf8')).toBe(OUTSIDE);
  }, 60_000);

  it('an overview file that is a symbolic link out of the repository is not written through', async () => {
    const { base, root } = sandbox();
    writeFileSync(join(base, 'outside-overview.md'), '# Somebody else\'s file\n\nPrecious.\n');
    symlinkSync('../outside-overview.md', join(root, 'DECISIONS.md'));
    const before = outsideLog(base);
    for (const args of [['overview'], ['new', 'Through the overview link'], ['abort', 'second', '--reason', 'r'], ['check', '--fix']]) {
      const r = await adr(root, args);
      expect(crashLines(r.stderr), describeRun(args, r)).toEqual([]);
      expect([0, 1], describeRun(args, r)).toContain(r.code);
    }
    expect(readFileSync(join(base, 'outside-overview.md'), 'utf8')).toBe('# Somebody else\'s file\n\nPrecious.\n');
    expect(changedPaths(before, outsideLog(base))).toEqual([]);
  }, 120_000);

  it('adr abort / link on a record that is a symbolic link out of the repository do not write through it', async () => {
    const { base, root, dir } = sandbox();
    const before = outsideLog(base);
    for (const args of [
      ['abort', '2025-01-02-symlinked.md', '--reason', 'through the link'],
      ['link', 'second', 'amends', '2025-01-02-symlinked.md'],
      ['status', '2025-01-02-symlinked.md', 'rejected'],
    ]) {
      const r = await adr(root, args);
      expect(crashLines(r.stderr), describeRun(args, r)).toEqual([]);
      expect(r.code, describeRun(args, r)).toBe(1);
      expect(r.stderr).toMatch(/symbolic link|outside/i);
    }
    expect(changedPaths(before, outsideLog(base))).toEqual([]);
    expect(basename(realpathSync(join(dir, '2025-01-02-symlinked.md')))).toBe('record.md');
  }, 60_000);
});
