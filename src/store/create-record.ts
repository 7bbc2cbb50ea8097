/**
 * Creating a new record file without ever handing out a name or a number twice.
 *
 * Names are claimed with an exclusive create (`wx`): two writers can never both get one file.
 * Numbers need more, because `0012-a.md` and `0012-b.md` are different files: every `adr new`
 * allocates under a short lock (the `.adr-new.lock` file of store/lock.ts, created exclusively with
 * its holder's pid), re-reading the folder inside it, so twenty `adr new` at once get twenty numbers.
 * A name that exists anyway (another tool, a slug taken the same day) moves on to the next
 * number, or to `-2`, `-3`... for date-named files.
 */
import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { unusableLogReason } from './confine.js';
import { join, resolve } from 'node:path';
import { createExclusive, ensureFolder, type Bounds } from './write.js';
import { LOCK_NAME, sweepStale, withLockAt } from './lock.js';
import { maxNumber, recordFileName, type NamingScheme } from './naming.js';

// The locks live in lock.ts; these names stay importable from here.
export { LOCK_NAME, LockTimeoutError, removeStaleLockDir, STALE_LOCK_MS, withLockAt } from './lock.js';

/** How many names a writer tries before giving up (a log with 1,000 same-titled records a day is not real). */
const MAX_ATTEMPTS = 1000;

/** The bounds of a new record: the log folder it is created in (directly, never below). */
function recordBounds(dir: string): Bounds {
  return { dir: resolve(dir), what: 'log folder' };
}

/** Refuses a log folder that is a file, a file-system root or a pseudo file system, before anything is made. */
function assertUsableFolder(dir: string): void {
  const unusable = unusableLogReason(dir);
  if (unusable) throw new UserError(`${dir} cannot be a decision log: ${unusable}; name a folder inside your project with --dir`);
  let info;
  try {
    info = statSync(dir);
  } catch {
    return; // made below
  }
  if (!info.isDirectory()) throw new UserError(`${dir} is a file, not a folder: --dir names the folder holding the records`);
}

/** Runs `fn` holding the log's allocation lock. */
function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  return withLockAt(join(dir, LOCK_NAME), recordBounds(dir), fn, dir);
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
  assertUsableFolder(dir);
  await ensureFolder(dir, recordBounds(dir));
  return withLock(dir, async () => {
    const files = await listing(dir);
    // What killed writers left here (temp files, locks of dead processes) goes now.
    await sweepStale(dir, files);
    const planned = options.plan(files);
    const { naming, render } = planned;
    let number = (planned.maxNumber ?? maxNumber(files)) + 1;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const file = recordFileName(naming, { date, number, slug, attempt: i });
      const text = render(number, file);
      const path = join(dir, file);
      // Another tool (or a writer that ignores the lock) may have taken the name: move on.
      if (await createExclusive(path, text, recordBounds(dir))) return { path, file, number, text };
      if (naming.kind === 'number') number++;
    }
    throw new Error(`could not find a free file name for '${slug}' in ${dir} after ${MAX_ATTEMPTS} tries`);
  });
}

/** The name, number and text `createRecord` would use now, creating nothing (for --dry-run). */
export async function previewRecord(options: CreateRecordOptions): Promise<CreatedRecord> {
  const { dir, date, slug } = options;
  assertUsableFolder(dir);
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
