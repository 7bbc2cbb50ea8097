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
import type { Stats } from 'node:fs';
import { link, lstat, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { UserError } from '../errors.js';
import { EditError, editFile } from './transaction.js';
import type { Decision, Log, TextEdit } from '../model/index.js';
import { parseBytes, parseRecord } from '../parse/index.js';
import { createExclusive, uniqueSuffix } from './write.js';
import { resolveNumberRefs } from './number-refs.js';

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
  resolveNumberRefs([parsed.decision], log.decisions);
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

/**
 * What a lock file holds: its holder's pid and host (`4242 build-7`). The host keeps a lock made on
 * another machine (a shared network folder) from being judged by this machine's process table.
 */
export function lockText(): string {
  return `${process.pid} ${hostname()}\n`;
}

/**
 * Whether a lock's text names a holder that is certainly gone: a pid on this host (or a lock of
 * older versions, pid alone) that no longer runs. Empty or unreadable text proves nothing: such a
 * lock is only taken over once it is older than STALE_EDIT_LOCK_MS.
 */
export function lockHolderGone(text: string): boolean {
  const m = /^(\d+)(?:[ \t]+(\S+))?[ \t]*\r?\n?$/.exec(text);
  if (!m) return false;
  const pid = Number(m[1]);
  if (m[2] !== undefined && m[2] !== hostname()) return false;
  return Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid);
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
 * Takes the per-record lock (`.<name>.adr-lock` next to it); resolves to its release function.
 * The lock file appears with its pid already in it (temp file linked into place), so a kill at
 * any point never leaves an empty lock of ours. A lock whose holder is gone (a dead pid on this
 * host) is taken over at once; one that names no live holder (empty, garbage, another host) only
 * after STALE_EDIT_LOCK_MS.
 */
export async function lockRecord(path: string, waitMs = EDIT_LOCK_WAIT_MS): Promise<() => Promise<void>> {
  const lock = join(dirname(path), `.${basename(path)}.adr-lock`);
  const started = Date.now();
  let delay = 10;
  for (;;) {
    if (await createExclusive(lock, lockText())) {
      return async () => {
        await unlink(lock).catch(() => {});
      };
    }
    // Someone holds it: take it over only when its holder is gone or it is very old.
    try {
      const [info, text] = await Promise.all([stat(lock), readFile(lock, 'utf8')]);
      if (lockHolderGone(text) || Date.now() - info.mtimeMs > STALE_EDIT_LOCK_MS) {
        await removeStaleLock(lock, info, text);
        continue;
      }
    } catch {
      // Vanished between our attempts: try again.
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
