/**
 * The user's own faults are exit 1 with a message naming the file (or port) and what to do, never
 * "internal error" and exit 2: a full disk and a read-only file system on a real tmpfs (root only:
 * mount), no permission as an unprivileged user (setpriv), `--dir` naming a file, a taken port for
 * `site serve` and `site dev`. Nothing is left half-written, and no temp or lock file is left
 * behind. A command that did part of its work says what it did and what it did not: `adr abort`
 * that wrote the record but could not write the overview exits 1 saying so, and `adr check`
 * reports the overview row that is now out of step.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { changedPaths, fingerprint } from './files.js';
import { crashLines, describeRun, runAdr, type AdrRun } from './run-adr.js';

const RECORD = `# Use Postgres

**Status**: ❓ Under Discussion\\
**Date**: 2025-08-01

## Action Items

### 🔴 This Week (Urgent)

- [ ] Try it
`;

const isRoot = process.getuid?.() === 0;

/** Whether this machine lets us mount a tmpfs (root, and not forbidden by a container). */
const canMount = (() => {
  if (!isRoot || process.platform !== 'linux') return false;
  const probe = mkdtempSync(join(tmpdir(), 'adr-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();

/** Whether `setpriv` can run a command as nobody (root, util-linux present). */
const canDropPrivileges = (() => {
  if (!isRoot) return false;
  try {
    return execFileSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'id', '-u'], { encoding: 'utf8' }).trim() === '65534';
  } catch {
    return false;
  }
})();

const mounts: string[] = [];
const cleanups: string[] = [];
afterEach(() => {
  for (const m of mounts.splice(0).reverse()) execFileSync('umount', ['-l', m], { stdio: 'ignore' });
  for (const c of cleanups.splice(0)) rmSync(c, { recursive: true, force: true });
});

function tempBase(): string {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'adr-faults-')));
  chmodSync(base, 0o755);
  cleanups.push(base);
  return base;
}

function mountTmpfs(dir: string, kb: number): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k,mode=0777`, 'tmpfs', dir]);
  mounts.push(dir);
}

/** Fills the file system holding `dir` until writes fail with ENOSPC. */
function fill(dir: string): void {
  const chunk = Buffer.alloc(4096, 0x61);
  for (let i = 0; i < 100_000; i++) {
    try {
      writeFileSync(join(dir, `.filler-${i}`), chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return;
      throw error;
    }
  }
  throw new Error('the file system never filled up');
}

/** Our temp and lock names: none may be left after a refused or failed command. */
const debris = (dir: string) => readdirSync(dir).filter((n) => /\.(tmp|adr-lock|stale)$|\.adr-new\.lock$|\.adr-overview-lock$/.test(n));

/** A repository at `root`: a log with one record and a generated overview. */
async function seed(root: string, cacheDir: string): Promise<void> {
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(join(root, 'decisions'), { recursive: true });
  writeFileSync(join(root, 'decisions', '2025-08-01-use-postgres.md'), RECORD);
  const made = await runAdr(['overview'], { cwd: root, cacheDir });
  expect(made.code, describeRun(['overview'], made)).toBe(0);
}

function expectUserFault(args: string[], r: AdrRun, message: RegExp): void {
  expect(crashLines(r.stderr), describeRun(args, r)).toEqual([]);
  expect(r.stderr, describeRun(args, r)).not.toMatch(/internal error/);
  expect(r.code, describeRun(args, r)).toBe(1);
  expect(r.stderr, describeRun(args, r)).toMatch(message);
}

/** Everything in `root` but the filler files. */
const state = (root: string) => {
  const all = fingerprint(root);
  for (const k of [...all.keys()]) if (k.includes('.filler-')) all.delete(k);
  return all;
};

describe.skipIf(!canMount)('a full disk (a real 96 KB tmpfs; needs root and mount)', () => {
  const writers: Array<[string[], RegExp]> = [
    [['new', 'Use Redis'], /no space left on the device holding decisions.*free some space/],
    [['abort', 'postgres', '--reason', 'Too heavy'], /no space left on the device holding decisions\/2025-08-01-use-postgres\.md.*free some space/],
    [['accept', 'postgres'], /no space left on the device holding decisions\/2025-08-01-use-postgres\.md/],
    [['overview', '--adopt'], /no space left on the device holding DECISIONS\.md/],
    [['check', '--format', 'json', '-o', 'report.json'], /no space left on the device holding report\.json/],
  ];
  for (const [args, message] of writers) {
    it(`adr ${args.join(' ')}: exit 1 naming the file, nothing changed, nothing left behind`, async () => {
      const base = tempBase();
      const root = join(base, 'repo');
      mountTmpfs(root, 96);
      const cache = join(base, 'cache');
      await seed(root, cache);
      fill(root);
      const before = state(root);
      const r = await runAdr(args, { cwd: root, cacheDir: cache });
      expectUserFault(args, r, message);
      expect(changedPaths(before, state(root))).toEqual([]);
      expect(debris(root)).toEqual([]);
      expect(debris(join(root, 'decisions'))).toEqual([]);
    }, 60_000);
  }

  it('adr init on a full disk: exit 1 naming what it could not create', async () => {
    const base = tempBase();
    const root = join(base, 'repo');
    mountTmpfs(root, 64);
    fill(root);
    const r = await runAdr(['init'], { cwd: root, cacheDir: join(base, 'cache') });
    expectUserFault(['init'], r, /no space left on the device holding .*(\.adr\.json|decisions|DECISIONS\.md)/);
  }, 60_000);

  it('abort that wrote the record but not the overview says so, exits 1, and check reports the row', async () => {
    const base = tempBase();
    const root = join(base, 'repo');
    mountTmpfs(root, 96);
    const cache = join(base, 'cache');
    mkdirSync(join(root, 'decisions'));
    // The log folder has room; the repository folder, where the overview is, has none.
    mountTmpfs(join(root, 'decisions'), 1024);
    await seed(root, cache);
    fill(root);
    const overview = readFileSync(join(root, 'DECISIONS.md'));
    const args = ['abort', 'postgres', '--reason', 'Too heavy'];
    const r = await runAdr(args, { cwd: root, cacheDir: cache });
    expectUserFault(args, r, /the record change is written, but the overview was not updated: no space left on the device holding DECISIONS\.md.*run 'adr overview' once that is fixed/);
    expect(r.stdout).toMatch(/aborted decisions\/2025-08-01-use-postgres\.md/);
    expect(readFileSync(join(root, 'decisions', '2025-08-01-use-postgres.md'), 'utf8')).toMatch(/ABORTED/);
    expect(readFileSync(join(root, 'DECISIONS.md')).equals(overview)).toBe(true);
    const check = await runAdr(['check', '--format', 'json', '--no-cache'], { cwd: root, cacheDir: cache });
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).map((d: { rule: string }) => d.rule)).toContain('overview-row-drift');
    expect(debris(root)).toEqual([]);
  }, 60_000);
});

describe.skipIf(!canMount)('a read-only file system (a real tmpfs remounted ro; needs root and mount)', () => {
  const writers: Array<[string[], RegExp]> = [
    [['new', 'Use Redis'], /decisions is on a read-only file system/],
    [['abort', 'postgres', '--reason', 'Too heavy'], /decisions\/2025-08-01-use-postgres\.md is on a read-only file system/],
    [['status', 'postgres', 'rejected'], /decisions\/2025-08-01-use-postgres\.md is on a read-only file system/],
    [['overview', '--adopt'], /DECISIONS\.md is on a read-only file system/],
    [['init', 'other'], /other is on a read-only file system/],
  ];
  for (const [args, message] of writers) {
    it(`adr ${args.join(' ')}: exit 1 naming the file and what to do`, async () => {
      const base = tempBase();
      const root = join(base, 'repo');
      mountTmpfs(root, 512);
      const cache = join(base, 'cache');
      await seed(root, cache);
      execFileSync('mount', ['-o', 'remount,ro', root]);
      const before = state(root);
      const r = await runAdr(args, { cwd: root, cacheDir: cache });
      expectUserFault(args, r, message);
      expect(r.stderr).toMatch(/remount it read-write or work on a writable copy/);
      expect(changedPaths(before, state(root))).toEqual([]);
    }, 60_000);
  }

  it('reading commands work on a read-only log', async () => {
    const base = tempBase();
    const root = join(base, 'repo');
    mountTmpfs(root, 512);
    const cache = join(base, 'cache');
    await seed(root, cache);
    execFileSync('mount', ['-o', 'remount,ro', root]);
    for (const args of [['list'], ['check'], ['todo']]) {
      const r = await runAdr(args, { cwd: root, cacheDir: cache });
      expect(crashLines(r.stderr), describeRun(args, r)).toEqual([]);
      expect(r.code, describeRun(args, r)).toBe(0);
    }
  }, 60_000);
});

describe.skipIf(!canDropPrivileges)('no permission (run as nobody through setpriv; needs root to set up)', () => {
  /** A repository owned by root: folders 0555 unless opened up, files 0644. */
  async function lockedRepo(open: { root?: boolean; log?: boolean }): Promise<{ root: string; cache: string }> {
    const base = tempBase();
    const root = join(base, 'repo');
    const cache = join(base, 'cache');
    await seed(root, cache);
    mkdirSync(join(base, 'nobody-cache'), { mode: 0o777 });
    chmodSync(join(base, 'nobody-cache'), 0o777);
    chmodSync(root, open.root ? 0o777 : 0o555);
    chmodSync(join(root, 'decisions'), open.log ? 0o777 : 0o555);
    if (open.log) chmodSync(join(root, 'decisions', '2025-08-01-use-postgres.md'), 0o666);
    return { root, cache: join(base, 'nobody-cache') };
  }

  const writers: Array<[string[], RegExp]> = [
    [['new', 'Use Redis'], /permission denied (creating|writing) decisions: check its owner and permissions/],
    [['abort', 'postgres', '--reason', 'Too heavy'], /permission denied writing decisions\/2025-08-01-use-postgres\.md/],
    [['reject', 'postgres'], /permission denied writing decisions\/2025-08-01-use-postgres\.md/],
    [['overview', '--adopt'], /permission denied writing DECISIONS\.md/],
    [['init', 'other'], /permission denied creating other: check its owner and permissions/],
  ];
  for (const [args, message] of writers) {
    it(`adr ${args.join(' ')} in a 0555 folder: exit 1 naming the file`, async () => {
      const { root, cache } = await lockedRepo({});
      const before = state(root);
      const r = await runAdr(args, { cwd: root, cacheDir: cache, user: 'nobody' });
      expectUserFault(args, r, message);
      expect(changedPaths(before, state(root))).toEqual([]);
    }, 60_000);
  }

  it('a record the user may write in a folder they may not: the message names the folder to fix', async () => {
    const { root, cache } = await lockedRepo({});
    chownSync(join(root, 'decisions', '2025-08-01-use-postgres.md'), 65534, 65534);
    const before = state(root);
    const args = ['reject', 'postgres'];
    const r = await runAdr(args, { cwd: root, cacheDir: cache, user: 'nobody' });
    expectUserFault(args, r, /permission denied writing decisions\/2025-08-01-use-postgres\.md: .*you may not create files in decisions; check the folder's owner and permissions \(ls -ld decisions\)/);
    expect(changedPaths(before, state(root))).toEqual([]);
  }, 60_000);

  it('a record made read-only in a writable folder is not replaced behind its owner', async () => {
    const { root, cache } = await lockedRepo({ root: true, log: true });
    const record = join(root, 'decisions', '2025-08-01-use-postgres.md');
    chmodSync(record, 0o444);
    const before = state(root);
    const args = ['abort', 'postgres', '--reason', 'Too heavy'];
    const r = await runAdr(args, { cwd: root, cacheDir: cache, user: 'nobody' });
    expectUserFault(args, r, /permission denied writing decisions\/2025-08-01-use-postgres\.md: check its owner and permissions/);
    expect(changedPaths(before, state(root))).toEqual([]);
  }, 60_000);

  it('abort with a writable log but an overview folder it may not write: the record is written, the rest is said', async () => {
    const { root, cache } = await lockedRepo({ log: true });
    const args = ['abort', 'postgres', '--reason', 'Too heavy'];
    const r = await runAdr(args, { cwd: root, cacheDir: cache, user: 'nobody' });
    expectUserFault(args, r, /the record change is written, but the overview was not updated: permission denied writing DECISIONS\.md/);
    expect(readFileSync(join(root, 'decisions', '2025-08-01-use-postgres.md'), 'utf8')).toMatch(/ABORTED/);
  }, 60_000);
});

describe('--dir naming a file', () => {
  for (const args of [['list'], ['check'], ['overview'], ['abort', 'x', '--reason', 'r'], ['new', 'X'], ['todo']]) {
    it(`adr ${args[0]} --dir notes.txt: exit 1, "is a file, not a folder"`, async () => {
      const base = tempBase();
      writeFileSync(join(base, 'notes.txt'), 'not a log\n');
      const full = [...args, '--dir', 'notes.txt'];
      const r = await runAdr(full, { cwd: base, cacheDir: join(base, 'cache') });
      expectUserFault(full, r, /notes\.txt is a file, not a folder/);
      expect(readFileSync(join(base, 'notes.txt'), 'utf8')).toBe('not a log\n');
    }, 60_000);
  }

  it('adr init notes.txt: exit 1, "is a file, not a folder"', async () => {
    const base = tempBase();
    writeFileSync(join(base, 'notes.txt'), 'not a log\n');
    const r = await runAdr(['init', 'notes.txt'], { cwd: base, cacheDir: join(base, 'cache') });
    expectUserFault(['init', 'notes.txt'], r, /notes\.txt is a file, not a folder/);
    expect(existsSync(join(base, '.adr.json'))).toBe(false);
  }, 60_000);

  it('a report path through a file: exit 1 naming it', async () => {
    const base = tempBase();
    await seed(base, join(base, 'cache'));
    writeFileSync(join(base, 'reports'), 'a file\n');
    const args = ['check', '-o', 'reports/adr.json'];
    const r = await runAdr(args, { cwd: base, cacheDir: join(base, 'cache') });
    expectUserFault(args, r, /reports(\/adr\.json)? (already exists and is in the way|.*is a file where a folder is needed)/);
  }, 60_000);
});

describe('a taken port', () => {
  let server: Server;
  let port = 0;
  const taken = new Promise<void>((resolve) => {
    server = createServer();
    server.listen(0, '127.0.0.1', () => {
      port = (server.address() as { port: number }).port;
      resolve();
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('adr site serve --port N: exit 1 naming the port and what to do', async () => {
    await taken;
    const base = tempBase();
    mkdirSync(join(base, 'site'));
    writeFileSync(join(base, 'site', '.adr-site.json'), JSON.stringify({ generator: 'adr', base: '/', logs: [] }));
    writeFileSync(join(base, 'site', 'index.html'), '<!doctype html><title>x</title>');
    const args = ['site', 'serve', '--port', String(port), '--out', 'site'];
    const r = await runAdr(args, { cwd: base, cacheDir: join(base, 'cache'), limitMs: 30_000 });
    expect(r.timedOut).toBe(false);
    expectUserFault(args, r, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use.*choose another port with --port`));
  }, 60_000);

  it('adr site dev --port N: exit 1 at once, never a silent move to another port', async () => {
    await taken;
    const base = tempBase();
    await seed(base, join(base, 'cache'));
    const args = ['site', 'dev', '--port', String(port)];
    const r = await runAdr(args, { cwd: base, cacheDir: join(base, 'cache'), limitMs: 30_000 });
    expect(r.timedOut, describeRun(args, r)).toBe(false);
    expectUserFault(args, r, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
  }, 60_000);
});
