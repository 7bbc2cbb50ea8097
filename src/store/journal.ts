/**
 * All or nothing for an edit that spans several files (`adr renumber`: a rename, the links in
 * other records, the overview, the redirects file).
 *
 * Before the first file is touched, a journal (`.adr-journal.json` in the log folder, created
 * exclusively) records every file's bytes before and after. The files are then written one by
 * one, each atomically (temp file + rename), and the journal is removed. A run killed in between
 * leaves the journal; the next `adr` command of any kind finds it (src/store/find-log.ts) and:
 * - finishes the edit when every file still holds either its old or its new bytes;
 * - rolls back the files it wrote when someone has changed one of them since (their change is
 *   kept, and named).
 * A journal whose writer is still running (its pid, on this host) is left alone.
 *
 * Every file is written and removed through store/write.ts within its bounds: records and the
 * redirects file in the log folder, the overview in the repository (store/confine.ts). A journal
 * naming a path outside the repository was not written by adr and is not obeyed.
 */
import { readFile, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';
import { lockHolderGone, lockText } from './apply-edit.js';
import { JOURNAL_NAME } from './find-log.js';
import { notice } from './notices.js';
import { isWithin, logBounds, realTarget, repositoryBounds, repositoryOf, type Bounds } from './confine.js';
import { createExclusive, removeFile, writeFileAtomic } from './write.js';

/** One file of a journaled edit: its bytes before and after (null: the file does not exist then). */
export interface JournalStep {
  /** Absolute path. */
  path: string;
  before: Uint8Array | null;
  after: Uint8Array | null;
  /** Where the write may land: the log folder for records, the repository for the overview. */
  where: Bounds;
}

/** The log a journal belongs to: its folder, and what its bounds are found from (store/confine.ts). */
export interface JournalLog {
  dir: string;
  configFile?: string | null;
  root?: string;
}

/** The bounds a recovery writes `path` within: the log folder's when it lies there, else the repository's. */
function boundsOf(log: JournalLog, path: string): Bounds {
  const inLog = logBounds(log);
  return isWithin(inLog.dir, path) && path !== inLog.dir ? inLog : repositoryBounds(log);
}

interface JournalFile {
  adrJournal: 1;
  /** What the edit does, for messages (`renumber 0003-x.md to 0004-x.md`). */
  operation: string;
  /** `pid host` of the writer (as the record locks write it). */
  holder: string;
  started: string;
  steps: Array<{ path: string; before: string | null; after: string | null }>;
}

/** A journal older than this is recovered even when its pid runs (the pid was reused). */
const ABANDONED_MS = 10 * 60_000;

function encode(bytes: Uint8Array | null): string | null {
  return bytes === null ? null : Buffer.from(bytes).toString('base64');
}

function decode(text: string | null): Buffer | null {
  return text === null ? null : Buffer.from(text, 'base64');
}

/** The bytes at `path` now, or null when there is no file. */
async function current(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function same(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/**
 * Puts `path` in the state `bytes` (null removes it). A file that did not exist before (`fresh`) is
 * created exclusively: one made by someone else meanwhile (an `adr new` taking that name) is never
 * overwritten, and the edit is undone instead.
 */
async function put(path: string, bytes: Uint8Array | null, where: Bounds, fresh = false): Promise<void> {
  if (bytes === null) {
    await removeFile(path, where);
  } else if (fresh) {
    if (!(await createExclusive(path, bytes, where))) throw Object.assign(new Error(`${path} was created by someone else meanwhile`), { code: 'EEXIST' });
  } else {
    await writeFileAtomic(path, bytes, where);
  }
}

/** A path for messages: relative to the log folder. */
function shown(dir: string, path: string): string {
  return relative(dir, path).split('\\').join('/') || path;
}

/**
 * Applies `steps` all or nothing. Every file must hold its `before` bytes now (else nothing is
 * written); the journal is written first and removed last. A failure midway (a full disk) puts
 * back what was written and throws a UserError saying so. Every step's target is checked against
 * its bounds before anything is written, so a refusal (a symbolic link out of the log) leaves
 * every file as it was.
 * @param log the log, whose folder keeps the journal
 */
export async function applyJournaled(log: JournalLog, operation: string, steps: readonly JournalStep[], signal?: AbortSignal): Promise<void> {
  const dir = resolve(log.dir);
  const repo = repositoryOf(log);
  const outside = steps.find((s) => !isWithin(repo, resolve(s.path)));
  if (outside) throw new Error(`a journaled edit may only touch its log and the repository holding it, not ${outside.path}`);
  for (const step of steps) realTarget(step.path, step.where);
  for (const step of steps) {
    if (!same(await current(step.path), step.before)) {
      throw new UserError(`${shown(dir, step.path)} changed on disk while the ${operation} was planned; nothing was written (run it again)`);
    }
  }
  const journal = join(dir, JOURNAL_NAME);
  const body: JournalFile = {
    adrJournal: 1,
    operation,
    holder: lockText().trim(),
    started: new Date().toISOString(),
    steps: steps.map((s) => ({ path: relative(dir, s.path).split(sep).join('/'), before: encode(s.before), after: encode(s.after) })),
  };
  let created: boolean;
  try {
    created = await createExclusive(journal, `${JSON.stringify(body)}\n`, logBounds(log));
  } catch (error) {
    throw new UserError(`cannot write the journal ${journal}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; nothing was written`);
  }
  if (!created) throw new UserError(`another multi-file edit of this log is in progress (${journal}); try again when it is done`);
  const done: JournalStep[] = [];
  try {
    for (const step of steps) {
      // Ctrl-C between two files: undo the ones written, as for any failure.
      if (signal?.aborted) throw Object.assign(new Error('interrupted'), { code: 'interrupted' });
      await put(step.path, step.after, step.where, step.before === null);
      done.push(step);
    }
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    const interrupted = why === 'interrupted';
    const failed: string[] = [];
    for (const step of done.reverse()) {
      await put(step.path, step.before, step.where).catch(() => failed.push(shown(dir, step.path)));
    }
    if (failed.length === 0) await removeFile(journal, logBounds(log)).catch(() => undefined);
    const what = interrupted ? `the ${operation} was interrupted` : `the ${operation} failed (${why})`;
    throw new UserError(
      failed.length === 0
        ? `${what}; every file is as it was`
        : `${what} and ${failed.join(', ')} could not be put back; the journal ${journal} is kept, and the next adr command finishes or undoes it`,
      interrupted ? 130 : 1,
    );
  }
  await removeFile(journal, logBounds(log));
}

/**
 * Finishes or rolls back the edit a journal in the log folder describes (see the module comment), then
 * removes the journal. Says what it did through the store's notices. Never throws: a journal it
 * cannot act on is left for the next command, with a notice saying why.
 */
export async function recoverJournal(log: JournalLog): Promise<void> {
  const dir = resolve(log.dir);
  const journal = join(dir, JOURNAL_NAME);
  let body: JournalFile;
  let age = 0;
  try {
    const [text, info] = await Promise.all([readFile(journal, 'utf8'), stat(journal)]);
    age = Date.now() - info.mtimeMs;
    body = JSON.parse(text) as JournalFile;
    if (body.adrJournal !== 1 || !Array.isArray(body.steps)) throw new Error('not a journal of this version');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    notice(`${journal} cannot be read (${(error as Error).message}); remove it if no adr command is running`);
    return;
  }
  const holder = String(body.holder ?? '');
  const [pid, host] = holder.split(' ');
  if (pid === String(process.pid) && host === hostname()) return;
  // A writer still at work (or on another machine, whose pid tells nothing) is given time.
  if (!lockHolderGone(`${holder}\n`) && age < ABANDONED_MS) return;
  const steps = body.steps.map((s) => ({ path: resolve(dir, String(s.path)), before: decode(s.before), after: decode(s.after) }));
  // Journaled paths lie in the log folder or its repository (the overview); a journal naming
  // anything else was not written by adr and is not obeyed.
  const repo = repositoryOf(log);
  const outside = steps.find((s) => !isWithin(repo, s.path) || s.path === repo);
  if (outside) {
    notice(`${journal} names ${outside.path}, outside the log's repository ${repo}; it was not applied (remove the journal)`);
    return;
  }
  const states = await Promise.all(steps.map(async (s) => {
    const now = await current(s.path).catch(() => undefined);
    return now === undefined ? 'other' : same(now, s.after) ? 'after' : same(now, s.before) ? 'before' : 'other';
  }));
  try {
    if (states.every((s) => s !== 'other')) {
      for (const [k, step] of steps.entries()) if (states[k] === 'before') await put(step.path, step.after, boundsOf(log, step.path), step.before === null);
      await removeFile(journal, logBounds(log));
      notice(`finished the interrupted ${body.operation}`);
      return;
    }
    const changed = steps.filter((_, k) => states[k] === 'other').map((s) => shown(dir, s.path));
    for (const [k, step] of steps.entries()) if (states[k] === 'after') await put(step.path, step.before, boundsOf(log, step.path));
    await removeFile(journal, logBounds(log));
    notice(`rolled back the interrupted ${body.operation}: ${changed.join(', ')} changed since, and ${changed.length === 1 ? 'was' : 'were'} left as found`);
  } catch (error) {
    notice(`could not finish the interrupted ${body.operation} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the journal ${journal} is kept for the next command`);
  }
}
