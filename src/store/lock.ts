/**
 * Locks, and the sweep of what killed processes leave behind.
 *
 * Every lock `adr` takes is a small file created exclusively with its holder's pid and host in it
 * from the moment it exists (`4242 build-7`, a temp file linked into place): the per-record lock
 * `.<name>.adr-lock` next to a record, the allocation lock `.adr-new.lock` in the log folder (so
 * twenty `adr new` at once get twenty numbers) and `.<overview>.adr-overview-lock` next to the
 * overview. A lock whose holder is certainly gone (same host, pid no longer running) is taken
 * over at once; one naming no live holder we can judge (another host, empty, a folder left by an
 * earlier version) only once it is older than its stale limit.
 *
 * {@link sweepStale} removes, in a folder it is shown, the temp files, locks and set-aside stale
 * locks of processes that are gone: every command that walks the log passes it the names it saw,
 * so the command after a `kill -9` leaves no `.adr-lock` or `.tmp` behind.
 */
import type { Stats } from 'node:fs';
import { link, lstat, mkdir, readFile, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { isDebrisName } from './debris.js';
import { createExclusive, hostTag, tempOwner, uniqueSuffix, type Where } from './write.js';

export { isDebrisName } from './debris.js';

/** How long a record lock may be held before another process may take it over (a crashed holder elsewhere). */
export const STALE_EDIT_LOCK_MS = 30_000;
/** How long to wait for another process's record lock before giving up. */
export const EDIT_LOCK_WAIT_MS = 20_000;
/** The allocation and overview locks are held for milliseconds: older than this, one is left over. */
export const STALE_LOCK_MS = 10_000;
/** How long `adr new` and an overview update wait for those locks. */
const LOCK_WAIT_MS = 30_000;
/** A temp file or lock whose holder cannot be judged (another host) is left over after this long. */
const ORPHAN_MS = 10 * 60_000;

/** The allocation lock of a log folder. */
export const LOCK_NAME = '.adr-new.lock';

/** The lock could not be taken in time: another writer holds it, or a stale lock could not be removed. */
export class LockTimeoutError extends UserError {
  constructor(
    readonly lock: string,
    message = `another 'adr' is writing to this log (lock ${lock}); if none is running, remove that file`,
  ) {
    super(message);
    this.name = 'LockTimeoutError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What a lock file holds: its holder's pid and host (`4242 build-7`). The host keeps a lock made on
 * another machine (a shared network folder) from being judged by this machine's process table.
 */
export function lockText(): string {
  return `${process.pid} ${hostname()}\n`;
}

/** Who a lock's text names: pid and host (null for the pid-only locks of older versions), or null when it names no one. */
function lockHolder(text: string): { pid: number; host: string | null } | null {
  const m = /^(\d+)(?:[ \t]+(\S+))?[ \t]*\r?\n?$/.exec(text);
  if (!m) return null;
  const pid = Number(m[1]);
  return Number.isSafeInteger(pid) && pid > 0 ? { pid, host: m[2] ?? null } : null;
}

/**
 * Whether a lock's text names a holder that is certainly gone: a pid on this host (or a lock of
 * older versions, pid alone) that no longer runs. Empty or unreadable text proves nothing: such a
 * lock is only taken over once it is older than its stale limit.
 */
export function lockHolderGone(text: string): boolean {
  const holder = lockHolder(text);
  if (!holder || (holder.host !== null && holder.host !== hostname())) return false;
  return holder.pid !== process.pid && !alive(holder.pid);
}

/**
 * The one judge of whether a lock of age `ageMs` may be taken over. A holder on this host that is
 * gone: at once. A holder on this host that still runs: never by the stale limit, however long it
 * holds the lock (on a loaded machine a live `adr new` can hold the allocation lock for seconds,
 * and taking its lock over gives two records one number), only after ORPHAN_MS, when the pid may
 * have been reused. A holder we cannot judge (another host, a pid-only lock of an older version, empty or garbage
 * text): after `staleMs`.
 */
export function lockIsStale(text: string, ageMs: number, staleMs: number): boolean {
  if (lockHolderGone(text)) return true;
  const holder = lockHolder(text);
  const judged = holder !== null && holder.host === hostname();
  return ageMs > (judged ? ORPHAN_MS : staleMs);
}

/**
 * Removes the lock `lock` that was judged stale as it was seen (`seen`, `text`), and nothing else.
 * A plain unlink could remove a fresh lock that another waiter made after taking the stale one
 * over first, and then both would edit. So the lock is moved aside (atomic), checked to be the one
 * judged, and put back when it is not.
 */
export async function removeStaleLock(lock: string, seen: Stats, text: string): Promise<void> {
  const aside = `${lock}.${process.pid}.${uniqueSuffix()}.stale`;
  try {
    await rename(lock, aside);
  } catch {
    return; // already gone: someone else took it over
  }
  let same = false;
  try {
    const [info, now] = await Promise.all([stat(aside), readFile(aside, 'utf8')]);
    same = info.ino === seen.ino && info.dev === seen.dev && info.mtimeMs === seen.mtimeMs && now === text;
  } catch {
    // unreadable: treat as not the one judged, and give it back
  }
  // Not the lock judged: another process holds it now. Give it back (the link fails only when a
  // third process made one in between, which then holds the lock).
  if (!same) await link(aside, lock).catch(() => {});
  await unlink(aside).catch(() => {});
}

/**
 * Removes the stale lock folder `lock` (as earlier versions made them) as it was seen, and nothing
 * else: moved aside, checked to be the one judged, moved back when it is not.
 */
export async function removeStaleLockDir(lock: string, seen: Stats): Promise<void> {
  const aside = `${lock}.${process.pid}.${uniqueSuffix()}.stale`;
  try {
    await rename(lock, aside);
  } catch {
    return; // already gone: another waiter took it over
  }
  const now = await stat(aside).catch(() => null);
  if (now && !(now.ino === seen.ino && now.dev === seen.dev && now.mtimeMs === seen.mtimeMs)) {
    // A fresh lock: give it back (fails only if a third writer made one in between, which then holds it).
    await mkdir(lock).then(
      () => rename(aside, lock),
      () => undefined,
    ).catch(() => undefined);
  }
  await rmdir(aside).catch(() => undefined);
}

/** What {@link acquireLock} needs. */
export interface LockOptions {
  /** Where the lock file may be created: the bounds of the file it guards. */
  where: Where;
  /** Older than this, a lock whose holder cannot be judged is taken over. */
  staleMs: number;
  /** How long to wait for a live holder. */
  waitMs: number;
  /** The error when the wait runs out. */
  busy: () => Error;
  /** The file or folder the lock guards: a system error (a full disk) names it, not the lock. */
  guards: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Takes the lock file `lock`; resolves to its release function. The file appears with our pid and
 * host already in it, so a kill at any point never leaves an empty lock of ours.
 */
export async function acquireLock(lock: string, options: LockOptions): Promise<() => Promise<void>> {
  const started = Date.now();
  let delay = 3;
  for (;;) {
    let made: boolean;
    try {
      made = await createExclusive(lock, lockText(), options.where, { durable: false });
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      // The error names the file being guarded; a forbidden folder is named too (the lock is a
      // new file in it, so the guarded file's own permissions may not be what to fix).
      if (typeof e?.code === 'string' && e.name !== 'OutsideError') {
        e.path = options.guards;
        if (e.code === 'EACCES' || e.code === 'EPERM') (e as NodeJS.ErrnoException & { folder?: string }).folder = dirname(lock);
      }
      throw error;
    }
    if (made) {
      return async () => {
        await unlink(lock).catch(() => {});
      };
    }
    // Someone holds it: take it over only when its holder is gone or it is very old.
    try {
      const info = await lstat(lock);
      if (info.isSymbolicLink()) {
        // adr never makes a lock that is a link: whatever put it there, it is no holder to wait
        // for, and nothing is read or written through it.
        throw new UserError(`${lock} is a symbolic link, not a lock adr made; remove it (rm '${lock}') and run the command again`);
      }
      if (info.isDirectory()) {
        // A lock folder of an earlier version: it names no holder, so only its age counts.
        if (Date.now() - info.mtimeMs > options.staleMs) {
          await removeStaleLockDir(lock, info);
          continue;
        }
      } else {
        const text = await readFile(lock, 'utf8');
        if (lockIsStale(text, Date.now() - info.mtimeMs, options.staleMs)) {
          await removeStaleLock(lock, info, text);
          continue;
        }
      }
    } catch (error) {
      if (error instanceof UserError) throw error;
      // Vanished between our attempts: try again at once (but never spin past the wait).
      if (Date.now() - started <= options.waitMs) continue;
    }
    if (Date.now() - started > options.waitMs) throw options.busy();
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 200);
  }
}

/**
 * Takes the per-record lock (`.<name>.adr-lock` next to the record at `path`, its real path);
 * resolves to its release function. A lock whose holder is gone (a dead pid on this host) is taken
 * over at once; one that names no live holder (empty, garbage, another host) only after
 * STALE_EDIT_LOCK_MS.
 */
export async function lockRecord(path: string, options: { where: Where; waitMs?: number }): Promise<() => Promise<void>> {
  const lock = join(dirname(path), `.${basename(path)}.adr-lock`);
  return acquireLock(lock, {
    where: options.where,
    staleMs: STALE_EDIT_LOCK_MS,
    waitMs: options.waitMs ?? EDIT_LOCK_WAIT_MS,
    busy: () => new UserError(`${basename(path)} is being edited by another adr process (lock ${lock}); try again`),
    guards: path,
  });
}

/** Runs `fn` holding the lock file `lock` (the allocation or the overview lock). */
export async function withLockAt<T>(lock: string, where: Where, fn: () => Promise<T>, guards = lock): Promise<T> {
  const release = await acquireLock(lock, { where, staleMs: STALE_LOCK_MS, waitMs: LOCK_WAIT_MS, busy: () => new LockTimeoutError(lock), guards });
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Whether the debris `name` (seen as `info`) belongs to a process that is gone, judged `now`. */
async function isStale(path: string, name: string, info: Stats, now: number): Promise<boolean> {
  const age = now - info.mtimeMs;
  if (age > ORPHAN_MS) return true;
  const owner = tempOwner(name);
  if (owner) {
    const ours = owner.host === null ? age > 60_000 : owner.host === hostTag();
    return ours && owner.pid !== process.pid && !alive(owner.pid);
  }
  const aside = /\.(\d+)\.[0-9a-f]{12}\.stale$/.exec(name);
  if (aside) return Number(aside[1]) !== process.pid && !alive(Number(aside[1]));
  if (info.isDirectory()) return age > STALE_LOCK_MS; // a lock folder of an earlier version
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return false;
  return lockIsStale(text, age, name === LOCK_NAME || name.endsWith('.adr-overview-lock') ? STALE_LOCK_MS : STALE_EDIT_LOCK_MS);
}

/**
 * Removes from `folder` the temp files, locks and set-aside locks (among `names`, when the caller
 * listed the folder already) whose process is gone: same host and a pid that no longer runs, or
 * older than a stale limit when the holder cannot be judged. A lock is removed the way a waiter
 * takes it over (moved aside, checked, removed), so a fresh one is never lost. Never throws: a
 * read-only log keeps its debris, and the next writer takes over the locks anyway. Returns the
 * names removed.
 */
export async function sweepStale(folder: string, names?: readonly string[]): Promise<string[]> {
  let list = names;
  if (!list) {
    const { readdir } = await import('node:fs/promises');
    list = await readdir(folder).catch(() => [] as string[]);
  }
  const removed: string[] = [];
  const now = Date.now();
  for (const name of list) {
    if (!isDebrisName(name)) continue;
    const path = join(folder, name);
    try {
      const info = await lstat(path);
      if (!(await isStale(path, name, info, now))) continue;
      if (info.isDirectory()) await removeStaleLockDir(path, info);
      else if (name.endsWith('.adr-lock') || name === LOCK_NAME || name.endsWith('.adr-overview-lock')) {
        await removeStaleLock(path, info, await readFile(path, 'utf8'));
      } else await unlink(path);
      removed.push(name);
    } catch {
      // gone already, or not ours to remove (permissions, read-only): leave it
    }
  }
  return removed.sort();
}
