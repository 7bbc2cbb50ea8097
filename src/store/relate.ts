/**
 * Linking two records on both sides: `adr supersede`, `adr link`, and `adr new --supersedes`.
 *
 * `source KIND target` writes KIND on the source (a link to the target) and the reverse kind on
 * the target (supersedes ↔ superseded-by, amends ↔ amended-by, relates ↔ relates), each in its
 * own dialect (src/edit/links.ts). The superseded side's status becomes superseded. Linking
 * again adds nothing. When the second side cannot be written, the first is put back as it was,
 * so a link never exists on one side only because of us.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { UserError } from '../errors.js';
import { linkEdits, reverseKind, verifyLink, type LinkTarget } from '../edit/links.js';
import { supersededSpelling } from '../model/spelling.js';
import { localDate } from '../model/today.js';
import type { Decision, LinkKind, Log } from '../model/index.js';
import { encodeText } from '../parse/encoding.js';
import { editRecord, lockRecord, readRecord, replaceDecision, type EditRecordResult } from './apply-edit.js';
import { resolveRef } from './resolve-ref.js';
import { writeFileAtomic } from './write.js';

/** What {@link relateRecords} needs. */
export interface RelateOptions {
  log: Log;
  /** The record that gets `kind`: a Decision of the log, a file (relative to the log, or absolute) or a REF. */
  source: Decision | string;
  kind: LinkKind;
  /** The other record, in the same forms. */
  target: Decision | string;
  /** The spelling of "Superseded" (default: config, else the log's habit, else `Superseded`). */
  spelling?: 'Superseded' | 'Superceded';
  /** adr-tools' free labels for a `relates` link: the source's words and the target's. */
  labels?: { forward?: string | null; reverse?: string | null };
  now?: Date;
  /** A command context may be passed instead of `now` (its clock and TZ are used). */
  ctx?: { now: Date; env?: Record<string, string | undefined> };
  dryRun?: boolean;
}

/** One side's outcome. */
export interface RelateSide {
  file: string;
  kind: LinkKind;
  /** False when the link was already there (nothing to write). */
  changed: boolean;
  written: boolean;
  diff: string;
  status: Decision['status'];
  previousStatus: Decision['status'];
}

/** What {@link relateRecords} did. */
export interface RelateResult {
  source: RelateSide;
  target: RelateSide;
  /**
   * Puts both records back as they were before, each under its lock and only while it still holds
   * what was written (a record changed since is left alone). Resolves to the files it could not put
   * back. For a caller whose larger change failed after this one (`adr new` with several relations).
   */
  undo(): Promise<string[]>;
}

/**
 * Puts a record an edit wrote back to its text before the edit, under the record's lock, when it
 * still holds exactly what the edit wrote. Returns false (and writes nothing) when it changed since.
 */
export async function putBack(log: Log, done: EditRecordResult<unknown>): Promise<boolean> {
  if (!done.written) return true;
  const { path, text, bom, decision } = done.before;
  const release = await lockRecord(path);
  try {
    const now = await readFile(path).catch(() => null);
    if (!now || !Buffer.from(encodeText(done.afterText, { bom })).equals(now)) return false;
    await writeFileAtomic(path, encodeText(text, { bom }));
    replaceDecision(log, decision);
    return true;
  } finally {
    await release();
  }
}

/** The record a `source`/`target` option names. */
async function recordOf(log: Log, ref: Decision | string): Promise<Decision> {
  if (typeof ref !== 'string') return ref;
  // A file just created (by `adr new`) is not in the log read before it: read it from disk.
  const rel = isAbsolute(ref) ? relative(log.dir, ref).split(sep).join('/') : ref;
  const known = log.decisions.find((d) => d.file === rel);
  if (known) return known;
  if (!rel.startsWith('..') && !isAbsolute(rel) && /\.(md|markdown)$/i.test(rel) && existsSync(join(log.dir, rel))) {
    const fresh = await readRecord(log, rel);
    replaceDecision(log, fresh.decision);
    return fresh.decision;
  }
  return resolveRef(log, ref);
}

function targetOf(d: Decision): LinkTarget {
  return { file: d.file, title: d.title, number: d.number, dialect: d.dialect };
}

/**
 * Writes both sides of `source KIND target`. Throws a UserError (writing nothing, or putting
 * back what it wrote) when a side cannot be written as intended.
 */
export async function relateRecords(options: RelateOptions): Promise<RelateResult> {
  const { log, kind } = options;
  const source = await recordOf(log, options.source);
  const target = await recordOf(log, options.target);
  if (source.file === target.file) throw new UserError(`a record cannot ${kind} itself (${source.file})`);
  const now = options.now ?? options.ctx?.now ?? new Date();
  const today = localDate(now, options.ctx?.env?.TZ);
  const spelling = options.spelling ?? supersededSpelling(log.config, log.decisions);

  const side = async (self: Decision, other: Decision, k: LinkKind, label: string | null = null): Promise<EditRecordResult<null>> =>
    editRecord({
      log,
      file: self.file,
      dryRun: options.dryRun,
      // Plan against the other record as it is now (its title may have been read fresh).
      plan: (record) => ({ edits: linkEdits(record.decision, record.text, { kind: k, target: targetOf(other), spelling, today, label }), result: null }),
      verify: (after) => verifyLink(after, k, other.file, other.number),
    });

  const first = await side(source, target, kind, options.labels?.forward ?? null);
  let second: EditRecordResult<null>;
  try {
    second = await side(target, first.after, reverseKind(kind), options.labels?.reverse ?? null);
  } catch (error) {
    await putBack(log, first);
    throw error;
  }
  if (!options.dryRun) {
    replaceDecision(log, first.after);
    replaceDecision(log, second.after);
  }
  const report = (r: EditRecordResult<null>, k: LinkKind): RelateSide => ({
    file: r.before.decision.file,
    kind: k,
    changed: r.diff !== '',
    written: r.written,
    diff: r.diff,
    status: r.after.status,
    previousStatus: r.before.decision.status,
  });
  const undo = async (): Promise<string[]> => {
    const kept: string[] = [];
    for (const done of [second, first]) if (!(await putBack(log, done))) kept.push(done.before.decision.file);
    return kept;
  };
  return { source: report(first, kind), target: report(second, reverseKind(kind)), undo };
}
