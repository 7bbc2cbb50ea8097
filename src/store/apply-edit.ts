/**
 * Read, plan, verify, write: the one way the lifecycle commands change a record on disk.
 *
 * Each edit of a record runs under a per-record lock file (`.<name>.adr-lock` next to it, created
 * exclusively), re-reads the record from disk under that lock, lets the caller plan its edits on
 * exactly that text, and hands them to the transaction (src/store/transaction.ts), which verifies
 * by re-parsing and writes atomically only when the file still holds the bytes that were read.
 * So two `adr abort` on one record run one after the other: the second one plans on the first
 * one's result (and, for an abort, refuses because the record is already aborted).
 */
import { lstat, readFile, realpath, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { UserError } from '../errors.js';
import { EditError, editFile } from './transaction.js';
import type { Decision, Log, TextEdit } from '../model/index.js';
import { parseBytes, parseRecord } from '../parse/index.js';
import { createExclusive } from './write.js';

/** How long a lock may be held before another process may take it over (a crashed holder). */
export const STALE_EDIT_LOCK_MS = 30_000;
/** How long to wait for another process's lock before giving up. */
export const EDIT_LOCK_WAIT_MS = 20_000;

/** The overview's file name, which the parser needs to tell the back-link from record links. */
export function overviewName(log: Log): string {
  const o = log.overview?.file ?? (typeof log.config.overview === 'string' ? log.config.overview : 'DECISIONS.md');
  return basename(o);
}

/** A record read fresh from disk: its decoded text, BOM flag and the parsed decision. */
export interface FreshRecord {
  path: string;
  text: string;
  bom: boolean;
  decision: Decision;
}

/** Reads and parses one record of `log` from disk (never from a cache). */
export async function readRecord(log: Log, file: string, path = join(log.dir, ...file.split('/'))): Promise<FreshRecord> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const parsed = parseBytes(file, bytes, { overviewName: overviewName(log) });
  if (parsed.text === null || parsed.decision === null) {
    const why = parsed.diagnostics[0]?.message ?? 'it is not a readable record';
    throw new UserError(`cannot edit ${file}: ${why}`);
  }
  const previous = log.decisions.find((d) => d.file === file);
  if (previous) parsed.decision.backlinks = previous.backlinks;
  return { path, text: parsed.text, bom: parsed.decision.encoding.bom, decision: parsed.decision };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the per-record lock; resolves to its release function. */
export async function lockRecord(path: string, waitMs = EDIT_LOCK_WAIT_MS): Promise<() => Promise<void>> {
  const lock = join(dirname(path), `.${basename(path)}.adr-lock`);
  const started = Date.now();
  let delay = 10;
  for (;;) {
    // Created with its pid already in it (temp file linked into place): a lock is never seen empty.
    if (await createExclusive(lock, `${process.pid}\n`)) {
      return async () => {
        await unlink(lock).catch(() => {});
      };
    }
    // Someone holds it: take it over only when its holder is gone or it is very old.
    try {
      const [info, content] = await Promise.all([stat(lock), readFile(lock, 'utf8')]);
      const pid = Number.parseInt(content, 10);
      const dead = Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid);
      if (dead || Date.now() - info.mtimeMs > STALE_EDIT_LOCK_MS) {
        await unlink(lock).catch(() => {});
        continue;
      }
    } catch {
      // Vanished between our attempts, or half-written by its creator: try again.
    }
    if (Date.now() - started > waitMs) {
      throw new UserError(`${basename(path)} is being edited by another adr process (lock ${lock}); try again`);
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 200);
  }
}

/**
 * The real file behind a record, for writing. A symlinked record is edited where it really is
 * (so the link stays a link), but only when that lies inside the log folder: a link pointing
 * elsewhere is never followed for writing.
 */
export async function writablePath(log: Log, file: string): Promise<string> {
  const path = join(log.dir, ...file.split('/'));
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!info.isSymbolicLink()) return path;
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    throw new UserError(`${file} is a symbolic link that leads nowhere; not edited`);
  }
  const rel = relative(await realpath(log.dir), real);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new UserError(`${file} is a symbolic link to ${real}, outside the log; adr does not write through it`);
  }
  return real;
}

/** A planned edit of one record. */
export interface EditPlan<T> {
  edits: TextEdit[];
  /** What the plan does, for the caller's report. */
  result: T;
}

/** What {@link editRecord} needs. */
export interface EditRecordOptions<T> {
  log: Log;
  /** The record's file, relative to the log folder. */
  file: string;
  /** Plans the edits on the record as it is on disk now. Throw a UserError to refuse. */
  plan: (record: FreshRecord) => EditPlan<T>;
  /** Null when the re-parsed record reads as intended, else what is wrong. */
  verify: (after: Decision | null, record: FreshRecord, result: T) => string | null;
  dryRun?: boolean;
  /** The name in the diff (default: the file relative to the log). */
  displayName?: string;
}

/** What {@link editRecord} did. */
export interface EditRecordResult<T> {
  result: T;
  before: FreshRecord;
  /** The record as written (or as it would be, on a dry run). */
  after: Decision;
  afterText: string;
  diff: string;
  written: boolean;
}

/**
 * Edits one record safely: lock, read, plan, verify by re-parsing, atomic write. A file changed
 * on disk between reading and writing is read and planned again (a few times) rather than
 * overwritten. Throws a UserError, writing nothing, when the plan or the verification refuses.
 */
export async function editRecord<T>(options: EditRecordOptions<T>): Promise<EditRecordResult<T>> {
  const { log, file } = options;
  const path = await writablePath(log, file);
  const release = options.dryRun ? async () => {} : await lockRecord(path);
  try {
    for (let attempt = 0; ; attempt++) {
      const record = await readRecord(log, file, path);
      const planned = options.plan(record);
      let after: Decision | null = null;
      try {
        const done = await editFile({
          path,
          text: record.text,
          bom: record.bom,
          edits: planned.edits,
          dryRun: options.dryRun,
          displayName: options.displayName ?? file,
          verify: (text) => {
            after = parseRecord(file, text, { bom: record.bom, overviewName: overviewName(log) }).decision;
            return options.verify(after, record, planned.result);
          },
        });
        const decision = (after ?? record.decision) as Decision;
        decision.backlinks = record.decision.backlinks;
        return { result: planned.result, before: record, after: decision, afterText: done.after, diff: done.diff, written: done.written };
      } catch (error) {
        if (error instanceof EditError && error.kind === 'changed' && attempt < 4) continue;
        if (error instanceof EditError) throw new UserError(error.message);
        throw error;
      }
    }
  } finally {
    await release();
  }
}

/** Replaces a record of `log` by its edited version (so the overview sync sees the new facts). */
export function replaceDecision(log: Log, decision: Decision): void {
  const i = log.decisions.findIndex((d) => d.file === decision.file);
  if (i === -1) log.decisions.push(decision);
  else log.decisions[i] = decision;
}
