/**
 * The one place that decides where adr may write (store/confine.ts), the classification of the
 * user's own system faults (errors.ts), and the sweep of what killed processes leave (store/lock.ts),
 * tested directly.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { userErrorFrom } from '../../src/errors.js';
import { confineAll, logBounds, OutsideError, realTarget, repositoryBounds, repositoryOf, unusableLogReason } from '../../src/store/confine.js';
import { sweepStale } from '../../src/store/lock.js';
import { isDebrisName } from '../../src/store/walk.js';
import { createExclusive, ensureFolder, hostTag, tempPathFor, USER_OUTPUT, writeFileAtomic } from '../../src/store/write.js';

const cleanups: string[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) rmSync(c, { recursive: true, force: true });
});

function sandbox(): { base: string; root: string; dir: string } {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'adr-confine-unit-')));
  cleanups.push(base);
  const root = join(base, 'repo');
  const dir = join(root, 'decisions');
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(dir);
  mkdirSync(join(base, 'outside'));
  return { base, root, dir };
}

describe('realTarget', () => {
  it('lets a record inside the log through, and resolves links that stay inside', () => {
    const { dir } = sandbox();
    const log = logBounds({ dir });
    expect(realTarget(join(dir, 'a.md'), log)).toBe(join(dir, 'a.md'));
    mkdirSync(join(dir, 'real'));
    symlinkSync('real', join(dir, 'alias'));
    writeFileSync(join(dir, 'real', 'b.md'), 'x');
    symlinkSync('real/b.md', join(dir, 'c.md'));
    expect(realTarget(join(dir, 'alias', 'b.md'), log)).toBe(join(dir, 'real', 'b.md'));
    expect(realTarget(join(dir, 'c.md'), log)).toBe(join(dir, 'real', 'b.md'));
    // Missing folders on the way cannot be links: they are created where named.
    expect(realTarget(join(dir, 'new', 'deep', 'd.md'), log)).toBe(join(dir, 'new', 'deep', 'd.md'));
  });

  it('refuses a folder link, a file link and a link of a link that leave, naming the link', () => {
    const { base, dir } = sandbox();
    const log = logBounds({ dir });
    symlinkSync('../../outside', join(dir, 'ext'));
    expect(() => realTarget(join(dir, 'ext', 'x.md'), log)).toThrow(/decisions\/ext\/x\.md is not written: decisions\/ext is a symbolic link to .*outside, outside the log folder decisions/);
    writeFileSync(join(base, 'outside', 'y.md'), 'y');
    symlinkSync(join(base, 'outside', 'y.md'), join(dir, 'y.md'));
    expect(() => realTarget(join(dir, 'y.md'), log)).toThrow(/decisions\/y\.md is a symbolic link to .*outside\/y\.md, outside the log folder decisions; adr does not write through it/);
    mkdirSync(join(dir, 'sub'));
    symlinkSync('../ext', join(dir, 'sub', 'hop'));
    expect(() => realTarget(join(dir, 'sub', 'hop', 'z.md'), log)).toThrow(OutsideError);
    try {
      realTarget(join(dir, 'ext', 'x.md'), log);
    } catch (error) {
      expect((error as OutsideError).link).toBe(join(dir, 'ext'));
      expect((error as OutsideError).exitCode).toBe(1);
    }
  });

  it('refuses paths outside by name, and the bounds themselves', () => {
    const { root, dir } = sandbox();
    expect(() => realTarget(join(dir, '..', '..', 'x.md'), repositoryBounds({ dir }))).toThrow(/x\.md is outside the repository/);
    expect(() => realTarget('/etc/passwd', logBounds({ dir }))).toThrow(/outside the log folder/);
    expect(() => realTarget(dir, logBounds({ dir }))).toThrow(OutsideError);
    expect(realTarget(join(root, 'DECISIONS.md'), repositoryBounds({ dir }))).toBe(join(root, 'DECISIONS.md'));
  });

  it('a dangling link is replaced where it is, not followed', () => {
    const { dir } = sandbox();
    symlinkSync('/nonexistent/far/away.md', join(dir, 'gone.md'));
    expect(realTarget(join(dir, 'gone.md'), logBounds({ dir }))).toBe(join(dir, 'gone.md'));
  });

  it('confineAll checks every target before any is written, and the write primitives check too', async () => {
    const { root, dir } = sandbox();
    symlinkSync('../../outside', join(dir, 'ext'));
    const targets = [
      { path: join(dir, 'a.md'), bounds: logBounds({ dir }) },
      { path: join(dir, 'ext', 'b.md'), bounds: logBounds({ dir }) },
    ];
    expect(() => confineAll(targets)).toThrow(/decisions\/ext is a symbolic link/);
    await expect(writeFileAtomic(join(dir, 'ext', 'b.md'), 'x', logBounds({ dir }))).rejects.toThrow(OutsideError);
    await expect(createExclusive(join(dir, 'ext', 'b.md'), 'x', logBounds({ dir }))).rejects.toThrow(OutsideError);
    await expect(ensureFolder(join(dir, 'ext', 'deeper'), logBounds({ dir }))).rejects.toThrow(OutsideError);
    // A write without bounds is a bug, refused at run time too (TypeScript refuses it first).
    await expect((writeFileAtomic as (p: string, d: string) => Promise<void>)(join(root, 'x.md'), 'x')).rejects.toThrow(/without bounds/);
    expect(readdirSync(join(dir, '..', '..', 'outside'))).toEqual([]);
  });
});

describe('repositoryOf', () => {
  it('is the git work tree, else the config folder, else the log parent, never the file-system root', () => {
    const { base, root, dir } = sandbox();
    expect(repositoryOf({ dir })).toBe(root);
    const plain = join(base, 'plain', 'docs', 'adr');
    mkdirSync(plain, { recursive: true });
    expect(repositoryOf({ dir: plain, configFile: join(base, 'plain', '.adr.json') })).toBe(join(base, 'plain'));
    expect(repositoryOf({ dir: plain, root: join(base, 'plain', 'docs') })).toBe(join(base, 'plain', 'docs'));
    expect(repositoryOf({ dir: '/run', root: '/' })).toBe('/run');
  });
});

describe('unusableLogReason', () => {
  it('refuses the file-system root and pseudo file systems, accepts ordinary folders and tmpfs', () => {
    expect(unusableLogReason('/')).toMatch(/root of the file system/);
    if (process.platform === 'linux') {
      expect(unusableLogReason('/proc')).toMatch(/on proc, a pseudo file system/);
      expect(unusableLogReason('/proc/self/fd')).toMatch(/pseudo file system/);
      expect(unusableLogReason('/sys')).toMatch(/on sysfs/);
      expect(unusableLogReason('/dev')).toMatch(/devtmpfs/);
    }
    const { dir } = sandbox();
    expect(unusableLogReason(dir)).toBeNull();
    expect(unusableLogReason(join(dir, 'not-made-yet'))).toBeNull();
  });
});

describe('userErrorFrom', () => {
  const fault = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(code), { code, path: '/repo/decisions/x.md', syscall: 'write', ...extra });
  it('names the file and says what to do for each fault of the user', () => {
    const shown = (p: string) => p.replace('/repo/', '');
    expect(userErrorFrom(fault('ENOSPC'), shown)?.message).toBe('no space left on the device holding decisions/x.md: free some space (df -h shows how much is left) and run the command again');
    expect(userErrorFrom(fault('EROFS'), shown)?.message).toMatch(/^decisions\/x\.md is on a read-only file system: remount it read-write/);
    expect(userErrorFrom(fault('EACCES'), shown)?.message).toMatch(/^permission denied writing decisions\/x\.md: check its owner and permissions/);
    expect(userErrorFrom(fault('EACCES', { syscall: 'scandir' }), shown)?.message).toMatch(/^permission denied reading/);
    expect(userErrorFrom(fault('EPERM'), shown)?.message).toMatch(/^operation not permitted writing decisions\/x\.md/);
    expect(userErrorFrom(fault('EEXIST', { syscall: 'mkdir' }), shown)?.message).toMatch(/already exists and is in the way/);
    expect(userErrorFrom(fault('ENOTDIR'), shown)?.message).toMatch(/is a file where a folder is needed/);
    expect(userErrorFrom(fault('EDQUOT'), shown)?.message).toMatch(/quota/);
    expect(userErrorFrom(fault('EMFILE'), shown)?.message).toMatch(/ulimit -n/);
    const port = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', syscall: 'listen', address: '127.0.0.1', port: 4321 });
    expect(userErrorFrom(port)?.message).toBe('port 4321 on 127.0.0.1 is already in use: stop the program using it, or choose another port with --port N (--port 0 picks a free one)');
    for (const e of Object.values({ ENOSPC: fault('ENOSPC'), port })) expect(userErrorFrom(e)?.exitCode).toBe(1);
  });

  it('a copy or a move that fails for lack of space, a read-only or a forbidden place names its destination', () => {
    const copy = (code: string) => fault(code, { syscall: 'copyfile', path: '/cache/site/out/index.html', dest: '/mnt/full/site/index.html' });
    expect(userErrorFrom(copy('ENOSPC'))?.message).toMatch(/^no space left on the device holding \/mnt\/full\/site\/index\.html:/);
    expect(userErrorFrom(copy('EROFS'))?.message).toMatch(/^\/mnt\/full\/site\/index\.html is on a read-only file system/);
    expect(userErrorFrom(copy('EACCES'))?.message).toMatch(/\/mnt\/full\/site\/index\.html/);
    expect(userErrorFrom(copy('ENOENT'))?.message).toMatch(/^\/cache\/site\/out\/index\.html does not exist/);
  });

  it('leaves real bugs alone', () => {
    expect(userErrorFrom(new TypeError('x is undefined'))).toBeNull();
    expect(userErrorFrom(Object.assign(new Error('odd'), { code: 'ERR_SOMETHING' }))).toBeNull();
    expect(userErrorFrom(Object.assign(new Error('no path'), { code: 'ENOSPC' }))).toBeNull();
    expect(userErrorFrom(null)).toBeNull();
  });
});

describe('sweepStale', () => {
  /** The pid of a process that has exited. */
  const deadPid = () =>
    new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '0']);
      child.on('close', () => resolve(child.pid!));
    });

  it("removes the temp files, locks and set-aside locks of dead processes on this host, and nothing else", async () => {
    const { dir } = sandbox();
    const dead = await deadPid();
    const live = process.ppid;
    const me = hostTag();
    const old = (name: string, ms: number) => {
      const t = new Date(Date.now() - ms);
      utimesSync(join(dir, name), t, t);
    };
    const files: Record<string, string> = {
      [`.a.md.${dead}-${me}.0123456789ab.tmp`]: 'x', // dead writer, this host: stale
      [`.b.md.${live}-${me}.0123456789ab.tmp`]: 'x', // live writer: kept
      [`.c.md.${dead}-0badc0de.0123456789ab.tmp`]: 'x', // another host: kept while young
      [`.d.md.${dead}.0123456789ab.tmp`]: 'x', // an earlier version's name, young: kept
      [`.e.md.${dead}.0123456789ac.tmp`]: 'x', // an earlier version's name, old: stale
      '.f.md.adr-lock': `${dead} ${hostname()}\n`, // dead holder: stale
      '.g.md.adr-lock': `${live} ${hostname()}\n`, // live holder: kept
      '.h.md.adr-lock': `${dead} some-other-host\n`, // another host: kept while young
      '.adr-new.lock': `${dead} ${hostname()}\n`, // dead allocation lock: stale
      [`.i.md.adr-lock.${dead}.0123456789ab.stale`]: 'x', // set aside by a dead process: stale
      'record.md': '# keep\n',
      '.notes.tmp': 'not ours',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    old(`.e.md.${dead}.0123456789ac.tmp`, 120_000);
    mkdirSync(join(dir, '.DECISIONS.md.adr-overview-lock')); // a lock folder of an earlier version, old
    old('.DECISIONS.md.adr-overview-lock', 60_000);
    const removed = await sweepStale(dir);
    expect(removed).toEqual(
      [`.a.md.${dead}-${me}.0123456789ab.tmp`, `.e.md.${dead}.0123456789ac.tmp`, '.f.md.adr-lock', '.adr-new.lock', `.i.md.adr-lock.${dead}.0123456789ab.stale`, '.DECISIONS.md.adr-overview-lock'].sort(),
    );
    expect(readdirSync(dir).sort()).toEqual(['.b.md.' + `${live}-${me}.0123456789ab.tmp`, `.c.md.${dead}-0badc0de.0123456789ab.tmp`, `.d.md.${dead}.0123456789ab.tmp`, '.g.md.adr-lock', '.h.md.adr-lock', '.notes.tmp', 'record.md'].sort());
    // Anything of ours older than ten minutes is left over, whoever made it.
    old('.h.md.adr-lock', 11 * 60_000);
    old(`.c.md.${dead}-0badc0de.0123456789ab.tmp`, 11 * 60_000);
    expect(await sweepStale(dir)).toEqual([`.c.md.${dead}-0badc0de.0123456789ab.tmp`, '.h.md.adr-lock'].sort());
  });

  it('knows every name the writers make', () => {
    expect(isDebrisName(tempPathFor('/x/2025-08-06-nix.md').split('/').pop()!)).toBe(true);
    for (const name of ['..DECISIONS.md.adr-overview-lock.42-1a2b3c4d.0123456789ab.tmp', '.x.md.adr-lock', '.adr-new.lock', '.DECISIONS.md.adr-overview-lock', '.x.md.adr-lock.42.0123456789ab.stale', '.x.md.42.0123456789ab.tmp']) expect(isDebrisName(name), name).toBe(true);
    for (const name of ['x.md', '.adr.json', '.notes.tmp', 'x.md.adr-lock', '.git']) expect(isDebrisName(name), name).toBe(false);
    expect(USER_OUTPUT.exempt).toBe('user output');
  });
});
