/**
 * Creating a new record file without ever handing out a name or a number twice.
 *
 * Names are claimed with an exclusive create (`wx`): two writers can never both get one file.
 * Numbers need more, because `0012-a.md` and `0012-b.md` are different files: numbered logs
 * allocate under a short lock (a `.adr-new.lock` folder; mkdir is atomic on every file system
 * we run on), re-reading the folder inside it, so twenty `adr new` at once get twenty numbers.
 * A name that exists anyway (another tool, a slug taken the same day) moves on to the next
 * number, or to `-2`, `-3`... for date-named files.
 */
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createExclusive } from './write.js';
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
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = join(dir, LOCK_NAME);
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
        // A killed writer's lock: take it over (rmdir fails harmlessly if another writer did first).
        await rmdir(lock).catch(() => undefined);
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

/** What to create. */
export interface CreateRecordOptions {
  /** Absolute log folder (created when missing). */
  dir: string;
  naming: NamingScheme;
  /** YYYY-MM-DD, for date-named files. */
  date: string;
  slug: string;
  /** The text for a given number and file name (Nygard titles carry the number). */
  render: (number: number, file: string) => string;
  /** The folder's file names as the caller just read them: spares date-named logs a second readdir. */
  files?: readonly string[];
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

/** The highest number in the folder now (read again under the lock: the caller's scan may be stale). */
async function currentMax(dir: string): Promise<number> {
  return maxNumber(await readdir(dir));
}

/**
 * Creates the record under a name nobody else has, and returns it. The number is the
 * highest in the folder plus one (date-named logs number too, for `{{number}}`).
 */
export async function createRecord(options: CreateRecordOptions): Promise<CreatedRecord> {
  const { dir, naming, date, slug, render } = options;
  await mkdir(dir, { recursive: true });
  const attempt = async (): Promise<CreatedRecord> => {
    // Numbered logs must read the folder again under the lock; for date-named ones the number
    // is only informative and the exclusive create alone keeps names unique.
    let number = (naming.kind !== 'number' && options.files ? maxNumber(options.files) : await currentMax(dir)) + 1;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const file = recordFileName(naming, { date, number, slug, attempt: i });
      const text = render(number, file);
      const path = join(dir, file);
      if (await createExclusive(path, text)) return { path, file, number, text };
      if (naming.kind === 'number') number++;
    }
    throw new Error(`could not find a free file name for '${slug}' in ${dir} after ${MAX_ATTEMPTS} tries`);
  };
  return naming.kind === 'number' ? withLock(dir, attempt) : attempt();
}

/** The name and number `createRecord` would use now, without creating anything (for --dry-run). */
export async function previewRecord(options: CreateRecordOptions): Promise<Omit<CreatedRecord, 'path'> & { path: string }> {
  const { dir, naming, date, slug, render } = options;
  let names: string[] = [];
  try {
    names = await readdir(dir);
  } catch {
    // a log folder that does not exist yet: everything is free
  }
  const taken = new Set(names.map((n) => n.toLowerCase()));
  let number = maxNumber(names) + 1;
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const file = recordFileName(naming, { date, number, slug, attempt: i });
    if (!taken.has(file.toLowerCase())) return { path: join(dir, file), file, number, text: render(number, file) };
    if (naming.kind === 'number') number++;
  }
  throw new Error(`could not find a free file name for '${slug}' in ${dir}`);
}
