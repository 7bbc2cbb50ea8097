/**
 * Read, plan, verify, write: the one way the lifecycle commands change a record on disk.
 *
 * Each edit of a record runs under a per-record lock file (`.<name>.adr-lock` next to it, created
 * exclusively), re-reads the record from disk under that lock, lets the caller plan its edits on
 * exactly that text, and hands them to the transaction (src/store/transaction.ts), which verifies
 * by re-parsing and writes atomically only when the file still holds the bytes that were read.
 * A record that changed since the command read it is not edited: of two `adr abort` (or an abort
 * and a status) on one record at once, the second refuses with "changed since this command read
 * it" and writes nothing; run again, it acts on the record as it is then.
 */
import { lstat, readFile, realpath } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UserError } from '../errors.js';
import { EditError, editFile } from './transaction.js';
import type { Decision, Log, TextEdit } from '../model/index.js';
import { parseBytes, parseRecord } from '../parse/index.js';
import { confineAll, logBounds, realTarget, repositoryBounds } from './confine.js';
import { lockRecord } from './lock.js';
import { resolveOverviewPath } from './naming.js';
import { resolveNumberRefs } from './number-refs.js';

// The locks live in lock.ts; these names stay importable from here.
export { EDIT_LOCK_WAIT_MS, lockHolderGone, lockRecord, lockText, removeStaleLock, STALE_EDIT_LOCK_MS } from './lock.js';

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

/**
 * The real file behind a record, for writing, and the log's bounds it was checked against. A
 * symlinked record is edited where it really is (so the link stays a link), but only when that,
 * and every folder on the way, lies inside the log folder: a link leading elsewhere is never
 * followed for writing (store/confine.ts says which link, and nothing is written).
 */
export async function writablePath(log: Log, file: string): Promise<string> {
  const path = join(log.dir, ...file.split('/'));
  try {
    await lstat(path);
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    await realpath(path);
  } catch {
    throw new UserError(`${file} is a symbolic link that leads nowhere; not edited`);
  }
  return realTarget(path, logBounds(log));
}

/**
 * Every file an edit of `files` (records of `log`) will write, checked before the first is
 * written: the records inside the log folder, and the overview (which every record edit brings in
 * step) inside the repository. Throws an OutsideError naming the file and the link otherwise.
 */
export function confineEdit(log: Log, files: readonly string[]): void {
  const records = logBounds(log);
  const targets = files.map((file) => ({ path: join(log.dir, ...file.split('/')), bounds: records }));
  const overview = resolveOverviewPath(log.dir, log.config);
  if (overview) targets.push({ path: overview, bounds: repositoryBounds(log) });
  confineAll(targets);
}

/**
 * The facts of a record as a command read them, for telling whether it changed since: every
 * parsed fact but the back-links, which come from the other records.
 */
function factsOf(d: Decision): string {
  const { backlinks: _backlinks, ...facts } = d;
  return JSON.stringify(facts);
}

/** The message of an edit refused because the record changed after the command read it. */
function changedSinceRead(file: string, by: string): UserError {
  return new UserError(`${file} changed since this command read it (${by}); nothing was written: run the command again to act on it as it is now`);
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

/** A short account of what differs between two readings of a record, for the refusal message. */
function whatChanged(before: Decision, now: Decision): string {
  if (before.status !== now.status) return `its status is now ${now.status ?? 'none'}, it was ${before.status ?? 'none'}`;
  if (before.title !== now.title) return `its title is now "${now.title}"`;
  return 'another process wrote it meanwhile';
}

/**
 * Edits one record safely: confine (the record and the overview, before anything is written),
 * lock, read, plan, verify by re-parsing, atomic write.
 *
 * An edit is refused, writing nothing, when the record changed since the command read it: its
 * facts differ from those in `log` (read when the command started), or its bytes differ between
 * the reading before the lock was taken and the one under it (another `adr` wrote it while this
 * one waited), or another program wrote it between that reading and the write. The loser of two
 * concurrent edits of one record therefore refuses with a message saying so, rather than applying
 * its change to a record its user has not seen. Throws a UserError, writing nothing, when the plan
 * or the verification refuses.
 */
export async function editRecord<T>(options: EditRecordOptions<T>): Promise<EditRecordResult<T>> {
  const { log, file } = options;
  const path = await writablePath(log, file);
  confineEdit(log, [file]);
  const known = log.decisions.find((d) => d.file === file);
  // The record as this command knows it, taken before waiting for the lock.
  const seen = await readRecord(log, file, path);
  if (known && factsOf(known) !== factsOf(seen.decision)) throw changedSinceRead(file, whatChanged(known, seen.decision));
  const release = options.dryRun ? async () => {} : await lockRecord(path, { where: logBounds(log) });
  try {
    const record = await readRecord(log, file, path);
    if (record.text !== seen.text || record.bom !== seen.bom) throw changedSinceRead(file, whatChanged(seen.decision, record.decision));
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
        where: logBounds(log),
        verify: (text) => {
          after = parseRecord(file, text, { bom: record.bom, overviewName: overviewName(log) }).decision;
          return options.verify(after, record, planned.result);
        },
      });
      const decision = (after ?? record.decision) as Decision;
      decision.backlinks = record.decision.backlinks;
      return { result: planned.result, before: record, after: decision, afterText: done.after, diff: done.diff, written: done.written };
    } catch (error) {
      // Another program (an editor, not holding our lock) wrote it between our reading and our write.
      if (error instanceof EditError && error.kind === 'changed') throw changedSinceRead(file, 'another program wrote it while adr was editing it');
      if (error instanceof EditError) throw new UserError(error.message);
      throw error;
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
