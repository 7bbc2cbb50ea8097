/**
 * Creating a new record file without ever handing out a name or a number twice.
 *
 * Names are claimed with an exclusive create (`wx`): two writers can never both get one file.
 * Numbers need more, because `0012-a.md` and `0012-b.md` are different files: every `adr new`
 * allocates under a short lock (a `.adr-new.lock` folder; mkdir is atomic on every file system
 * we run on), re-reading the folder inside it, so twenty `adr new` at once get twenty numbers.
 * A name that exists anyway (another tool, a slug taken the same day) moves on to the next
 * number, or to `-2`, `-3`... for date-named files.
 */
import type { Stats } from 'node:fs';
import { mkdir, readdir, rename, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createExclusive, uniqueSuffix } from './write.js';
import { maxNumber, recordFileName, type NamingScheme } from './naming.js';

/** The lock folder numbered logs allocate under. */
export const LOCK_NAME = '.adr-new.lock';

/** A lock older than this is left over from a killed process and is taken over. */
export const STALE_LOCK_MS = 10_000;

/** How long a writer waits for the lock before giving up. */
const LOCK_WAIT_MS = 30_000;

/** How many names a writer tries before giving up (a log with 1,000 same-titled records a day is not real). */
const MAX_ATTEMPTS = 1000;

/** The lock could not be taken in time: another writer holds it, or a stale lock could not be removed. */
export class LockTimeoutError extends Error {
  constructor(readonly lock: string) {
    super(`another 'adr new' is writing to this log (lock ${lock}); if none is running, remove that folder`);
    this.name = 'LockTimeoutError';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` holding the log's allocation lock. */
function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  return withLockAt(join(dir, LOCK_NAME), fn);
}

/**
 * Removes the stale lock folder `lock` as it was seen, and nothing else. Two waiters can judge one
 * stale lock at once; with a plain rmdir the slower one would remove the fresh lock the faster one
 * just made, and both would write. So the lock is moved aside (atomic), checked to be the one
 * judged, and moved back when it is not.
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

/**
 * Runs `fn` holding the lock folder `lock` (created with mkdir, atomic everywhere; one older
 * than STALE_LOCK_MS is left from a killed process and taken over).
 */
export async function withLockAt<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    try {
      const info = await stat(lock);
      if (Date.now() - info.mtimeMs > STALE_LOCK_MS) {
        // A killed writer's lock: take it over.
        await removeStaleLockDir(lock, info);
        continue;
      }
    } catch {
      continue; // released between mkdir and stat: try again at once
    }
    if (Date.now() > deadline) throw new LockTimeoutError(lock);
    await sleep(3 + Math.random() * 15);
  }
  try {
    return await fn();
  } finally {
    await rmdir(lock).catch(() => undefined);
  }
}

/** How to name and what to write, decided from the folder's listing. */
export interface RecordPlan {
  naming: NamingScheme;
  /** The text for a given number and file name (Nygard titles carry the number). */
  render: (number: number, file: string) => string;
  /** The highest number among the files, when the planner counted it already (else counted here). */
  maxNumber?: number;
}

/** What to create. */
export interface CreateRecordOptions {
  /** Absolute log folder (created when missing). */
  dir: string;
  /** YYYY-MM-DD, for date-named files. */
  date: string;
  slug: string;
  /**
   * Called once with the folder's file names, read under the allocation lock (so the numbers
   * it sees are current): returns the naming and the text. One readdir serves detection and
   * allocation, which matters in logs of 10,000 records.
   */
  plan: (files: string[]) => RecordPlan;
}

/** What was created. */
export interface CreatedRecord {
  /** Absolute path. */
  path: string;
  /** File name inside the log folder. */
  file: string;
  number: number;
  text: string;
}

async function listing(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Creates the record under a name nobody else has, and returns it. The number is the highest
 * in the folder plus one (date-named logs number too, for `{{number}}`). Runs under the log's
 * allocation lock: twenty of these at once get twenty numbers.
 */
export async function createRecord(options: CreateRecordOptions): Promise<CreatedRecord> {
  const { dir, date, slug } = options;
  await mkdir(dir, { recursive: true });
  return withLock(dir, async () => {
    const files = await listing(dir);
    const planned = options.plan(files);
    const { naming, render } = planned;
    let number = (planned.maxNumber ?? maxNumber(files)) + 1;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const file = recordFileName(naming, { date, number, slug, attempt: i });
      const text = render(number, file);
      const path = join(dir, file);
      // Another tool (or a writer that ignores the lock) may have taken the name: move on.
      if (await createExclusive(path, text)) return { path, file, number, text };
      if (naming.kind === 'number') number++;
    }
    throw new Error(`could not find a free file name for '${slug}' in ${dir} after ${MAX_ATTEMPTS} tries`);
  });
}

/** The name, number and text `createRecord` would use now, creating nothing (for --dry-run). */
export async function previewRecord(options: CreateRecordOptions): Promise<CreatedRecord> {
  const { dir, date, slug } = options;
  const files = await listing(dir);
  const planned = options.plan(files);
  const { naming, render } = planned;
  const taken = new Set(files.map((n) => n.toLowerCase()));
  let number = (planned.maxNumber ?? maxNumber(files)) + 1;
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const file = recordFileName(naming, { date, number, slug, attempt: i });
    if (!taken.has(file.toLowerCase())) return { path: join(dir, file), file, number, text: render(number, file) };
    if (naming.kind === 'number') number++;
  }
  throw new Error(`could not find a free file name for '${slug}' in ${dir}`);
}
