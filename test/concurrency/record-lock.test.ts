/**
 * The per-record edit lock: a lock file always holds its holder's pid, a lock whose
 * holder is dead is taken over at once, and one that names no live holder (empty, garbage) only
 * once it is old. Taking over a stale lock never removes a fresh one made in the meantime.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockHolderGone, lockRecord, lockText, removeStaleLock, STALE_EDIT_LOCK_MS } from '../../src/store/apply-edit.js';
import { lockIsStale } from '../../src/store/lock.js';
import { createExclusive, type Bounds } from '../../src/store/write.js';

let dir: string;
let record: string;
let lock: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'adr-record-lock-')));
  record = join(dir, '0001-a.md');
  lock = join(dir, '.0001-a.md.adr-lock');
  writeFileSync(record, '# 1. A\n');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited (so certainly not running now, barring reuse within the test). */
const deadPid = () =>
  new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['-e', '0']);
    child.on('close', () => resolve(child.pid!));
  });

const age = (path: string, ms: number) => {
  const then = new Date(Date.now() - ms);
  utimesSync(path, then, then);
};

/** The folder is the log: locks are created inside it. */
const inLog = (): Bounds => ({ dir, what: 'log folder' });

// waitMs 0: lockRecord either takes the lock in its first rounds or throws "being edited".
const tryLock = () => lockRecord(record, { where: inLog(), waitMs: 0 });

describe('the record lock', () => {
  it('holds its pid and host from the moment it exists, and is removed on release', async () => {
    const release = await tryLock();
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid} ${hostname()}\n`);
    expect(lockText()).toBe(`${process.pid} ${hostname()}\n`);
    // No temp file is left next to it: the content was linked into place.
    expect(readdirSync(dir).sort()).toEqual(['.0001-a.md.adr-lock', '0001-a.md']);
    await release();
    expect(readdirSync(dir)).toEqual(['0001-a.md']);
  });

  it('a lock of a dead pid is taken over at once (old pid-only locks too)', async () => {
    const gone = await deadPid();
    for (const text of [`${gone} ${hostname()}\n`, `${gone}\n`, `${gone}`]) {
      writeFileSync(lock, text);
      const release = await tryLock();
      expect(readFileSync(lock, 'utf8')).toBe(lockText());
      await release();
    }
    expect(readdirSync(dir)).toEqual(['0001-a.md']);
  });

  it('a lock of a live holder, or of a pid on another host, is respected', async () => {
    writeFileSync(lock, `${process.ppid} ${hostname()}\n`);
    await expect(tryLock()).rejects.toThrow(/being edited by another adr process/);
    const gone = await deadPid();
    writeFileSync(lock, `${gone} some-other-host.example\n`);
    await expect(tryLock()).rejects.toThrow(/being edited/);
    expect(lockHolderGone(`${gone} some-other-host.example\n`)).toBe(false);
    expect(lockHolderGone(`${gone} ${hostname()}\n`)).toBe(true);
    expect(lockHolderGone(`${process.pid} ${hostname()}\n`)).toBe(false);
  });

  it('a live holder on this host keeps its lock past the stale limit (a slow holder on a loaded machine)', async () => {
    writeFileSync(lock, `${process.ppid} ${hostname()}\n`);
    age(lock, STALE_EDIT_LOCK_MS + 5_000);
    await expect(tryLock()).rejects.toThrow(/being edited by another adr process/);
    expect(readFileSync(lock, 'utf8')).toBe(`${process.ppid} ${hostname()}\n`);
    expect(lockIsStale(`${process.ppid} ${hostname()}\n`, STALE_EDIT_LOCK_MS + 5_000, STALE_EDIT_LOCK_MS)).toBe(false);
    // Only after ten minutes, when its pid may belong to another process by now.
    expect(lockIsStale(`${process.ppid} ${hostname()}\n`, 11 * 60_000, STALE_EDIT_LOCK_MS)).toBe(true);
    // A holder we cannot judge (another host, a pid-only lock of an older version) still goes by age.
    expect(lockIsStale(`${process.ppid} some-other-host.example\n`, STALE_EDIT_LOCK_MS + 5_000, STALE_EDIT_LOCK_MS)).toBe(true);
    expect(lockIsStale(`${process.ppid}\n`, STALE_EDIT_LOCK_MS + 5_000, STALE_EDIT_LOCK_MS)).toBe(true);
  });

  it('an empty or garbage lock waits for the stale rule, then is taken over', async () => {
    for (const text of ['', 'garbage\n', '12ab\n', '\0\0\0']) {
      writeFileSync(lock, text);
      expect(lockHolderGone(text)).toBe(false);
      await expect(tryLock(), JSON.stringify(text)).rejects.toThrow(/being edited/);
      expect(readFileSync(lock, 'utf8')).toBe(text);
      age(lock, STALE_EDIT_LOCK_MS + 5_000);
      const release = await tryLock();
      expect(readFileSync(lock, 'utf8')).toBe(lockText());
      await release();
    }
  });

  it('taking over a stale lock never removes a fresh lock another process made in the meantime', async () => {
    const gone = await deadPid();
    const staleText = `${gone} ${hostname()}\n`;
    writeFileSync(lock, staleText);
    const seen = statSync(lock);
    // Another waiter saw the same dead lock, took it over first and holds a fresh one now.
    rmSync(lock);
    const fresh = `${process.ppid} ${hostname()}\n`;
    expect(await createExclusive(lock, fresh, inLog())).toBe(true);
    await removeStaleLock(lock, seen, staleText);
    expect(readFileSync(lock, 'utf8')).toBe(fresh);
    expect(readdirSync(dir).sort()).toEqual(['.0001-a.md.adr-lock', '0001-a.md']);
    // The lock judged is the one there: it goes.
    writeFileSync(lock, staleText);
    await removeStaleLock(lock, statSync(lock), staleText);
    expect(readdirSync(dir)).toEqual(['0001-a.md']);
  });

  it('many waiters on one dead lock: one holder at a time', async () => {
    writeFileSync(lock, `${await deadPid()} ${hostname()}\n`);
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const release = await lockRecord(record, { where: inLog() });
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 5));
        inside--;
        await release();
      }),
    );
    expect(most).toBe(1);
    expect(readdirSync(dir)).toEqual(['0001-a.md']);
  });
});

describe('the allocation and overview locks (withLockAt)', () => {
  it('are files holding their pid and host while held, and go on release', async () => {
    const { withLockAt } = await import('../../src/store/lock.js');
    const file = join(dir, '.adr-new.lock');
    const inside = await withLockAt(file, inLog(), async () => readFileSync(file, 'utf8'));
    expect(inside).toBe(lockText());
    expect(readdirSync(dir)).toEqual(['0001-a.md']);
  });

  it('a lock of a dead holder is taken over at once, not after the stale limit', async () => {
    const { withLockAt } = await import('../../src/store/lock.js');
    const file = join(dir, '.DECISIONS.md.adr-overview-lock');
    writeFileSync(file, `${await deadPid()} ${hostname()}\n`);
    const started = Date.now();
    expect(await withLockAt(file, inLog(), async () => 'in')).toBe('in');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(readdirSync(dir)).toEqual(['0001-a.md']);
  });

  it('taking over a stale lock folder (of an earlier version) never removes a fresh one made in the meantime; the stale one goes', async () => {
    const { mkdirSync, existsSync } = await import('node:fs');
    const { removeStaleLockDir, withLockAt } = await import('../../src/store/create-record.js');
    const folder = join(dir, '.adr-new.lock');
    mkdirSync(folder);
    age(folder, 60_000);
    const seen = statSync(folder);
    // Another writer took the stale lock over first and holds a fresh one now.
    rmSync(folder, { recursive: true });
    mkdirSync(folder);
    const fresh = statSync(folder);
    await removeStaleLockDir(folder, seen);
    expect(statSync(folder).ino).toBe(fresh.ino);
    expect(readdirSync(dir).sort()).toEqual(['.adr-new.lock', '0001-a.md']);
    // The stale one itself is removed, and withLockAt takes an old lock over.
    age(folder, 60_000);
    expect(await withLockAt(folder, inLog(), async () => existsSync(folder))).toBe(true);
    expect(readdirSync(dir)).toEqual(['0001-a.md']);
  });
});
