/**
 * Linking two records on both sides: `adr supersede`, `adr link`, and `adr new --supersedes`.
 *
 * `source KIND target` writes KIND on the source (a link to the target) and the reverse kind on
 * the target (supersedes ↔ superseded-by, amends ↔ amended-by, relates ↔ relates), each in its
 * own dialect (src/edit/links.ts). The superseded side's status becomes superseded. Linking
 * again adds nothing. When the second side cannot be written, the first is put back as it was,
 * so a link never exists on one side only because of us.
 *
 * A record has one successor. Superseding a record that already has one (a record it names as
 * its successor, or a live record that says it supersedes it) is refused, since the older record
 * would name only the new one and leave the earlier claim standing: `force` makes the new record
 * the only successor and takes the earlier claim out of the earlier successor. Superseding with a
 * rejected or aborted record is done, with a warning.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { UserError } from '../errors.js';
import { linkEdits, reverseKind, unlinkEdits, verifyLink, verifyUnlinked, type LinkTarget } from '../edit/links.js';
import { supersededSpelling } from '../model/spelling.js';
import { localDate } from '../model/today.js';
import type { Decision, LinkKind, Log } from '../model/index.js';
import { encodeText } from '../parse/encoding.js';
import { applyEdits, spliceBetween } from '../edit/splice.js';
import { parseRecord } from '../parse/index.js';
import { confineEdit, editRecord, lockRecord, overviewName, readRecord, replaceDecision, type EditRecordResult } from './apply-edit.js';
import { logBounds } from './confine.js';
import { recordRefs, resolveRef } from './resolve-ref.js';
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
  /** Supersede a record that already has a successor: the new one replaces it (see the module doc). */
  force?: boolean;
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
  /** Earlier successors whose `Supersedes` link was taken out (with `force`). */
  released: RelateSide[];
  /** What the person should know (superseding with a rejected or aborted record). */
  warnings: string[];
  /**
   * Puts every record this wrote back as it was before, each under its lock and only while it still
   * holds what was written (a record changed since is left alone). Resolves to the files it could not
   * put back. For a caller whose larger change failed after this one (`adr new` with several relations).
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
  const release = await lockRecord(path, { where: logBounds(log) });
  try {
    const now = await readFile(path).catch(() => null);
    if (!now || !Buffer.from(encodeText(done.afterText, { bom })).equals(now)) return false;
    await writeFileAtomic(path, encodeText(text, { bom }), logBounds(log));
    replaceDecision(log, decision);
    return true;
  } finally {
    await release();
  }
}

/** Statuses of a record whose claims are no longer in play. */
const ENDED = new Set(['rejected', 'aborted']);

/**
 * The records that already succeed `older`, other than `newer` (a file; null for a record not
 * written yet): those it names with `Superseded by`, and the records not rejected or aborted that
 * say they supersede it.
 */
export function earlierSuccessors(log: Log, older: Decision, newer: string | null): Decision[] {
  const files = new Set<string>();
  for (const l of older.links) if (l.kind === 'superseded-by' && l.target !== older.file) files.add(l.target);
  for (const d of log.decisions) {
    if (d.file === older.file || (d.status !== null && ENDED.has(d.status))) continue;
    if (d.links.some((l) => l.kind === 'supersedes' && l.target === older.file)) files.add(d.file);
  }
  if (newer !== null) files.delete(newer);
  return log.decisions.filter((d) => files.has(d.file));
}

/** How messages name a record: by the REF `adr list` shows, with the title when that is a bare number (`record 2 (Adopt Kafka)`). */
function recordNamer(log: Log): (d: Decision) => string {
  const refs = recordRefs(log);
  return (d) => {
    const ref = refs.get(d.file) ?? d.file;
    return /^\d+$/.test(ref) ? `record ${ref} (${d.title})` : ref;
  };
}

/** The refusal of a second successor for `older`, naming the earlier ones by the REF `adr list` shows. */
export function secondSuccessorError(log: Log, older: Decision, earlier: readonly Decision[]): UserError {
  const ref = recordNamer(log);
  const names = earlier.map(ref).join(' and ');
  const claimants = earlier.filter((d) => d.links.some((l) => l.kind === 'supersedes' && l.target === older.file));
  const takenOut = claimants.length ? ` (its 'Supersedes' link is taken out of ${claimants.map(ref).join(' and ')})` : '';
  return new UserError(
    `${ref(older)} is already superseded by ${names}; a second successor would leave that claim standing. ` +
      `Run it again with --force to make the new record its only successor${takenOut}, or supersede ${earlier.length === 1 ? 'that record' : 'those'} instead`,
  );
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

  /**
   * One side of the link. `drop`: earlier successors the older record must stop naming (with force);
   * the status edit replaces a successor named in the status, but a record that keeps each
   * successor on a line of its own (Nygard) still names them after it, so those lines go too.
   */
  const side = async (self: Decision, other: Decision, k: LinkKind, label: string | null = null, drop: readonly string[] = []): Promise<EditRecordResult<null>> =>
    editRecord({
      log,
      file: self.file,
      dryRun: options.dryRun,
      // Plan against the other record as it is now (its title may have been read fresh).
      plan: (record) => {
        const edits = linkEdits(record.decision, record.text, { kind: k, target: targetOf(other), spelling, today, label });
        if (drop.length === 0) return { edits, result: null };
        const linked = applyEdits(record.text, edits);
        const after = parseRecord(self.file, linked, { overviewName: overviewName(log) }).decision;
        const named = drop.filter((f) => after?.links.some((l) => l.kind === 'superseded-by' && l.target === f));
        if (!after || named.length === 0) return { edits, result: null };
        let unlinked: string;
        try {
          unlinked = applyEdits(linked, named.flatMap((f) => unlinkEdits(after, linked, 'superseded-by', f, today)));
        } catch (error) {
          throw new UserError(`cannot take the earlier successor out: ${(error as Error).message}`);
        }
        // Both steps as one splice of the text on disk: the bytes outside it are the file's own.
        return { edits: [{ file: self.file, ...spliceBetween(record.text, unlinked) }], result: null };
      },
      verify: (after) => drop.map((f) => verifyUnlinked(after, 'superseded-by', f)).find((x) => x !== null) ?? verifyLink(after, k, other.file, other.number),
    });

  // Superseding: which record is the older one, and what already succeeds it.
  const pair = kind === 'supersedes' ? { older: target, newer: source } : kind === 'superseded-by' ? { older: source, newer: target } : null;
  const earlier = pair ? earlierSuccessors(log, pair.older, pair.newer.file) : [];
  if (earlier.length && !options.force) throw secondSuccessorError(log, pair!.older, earlier);
  const warnings: string[] = [];
  if (pair && pair.newer.status !== null && ENDED.has(pair.newer.status)) {
    const name = recordNamer(log);
    warnings.push(`${name(pair.newer)} is ${pair.newer.status}: ${name(pair.older)} now reads as superseded by a decision that was ${pair.newer.status} (adr check warns about it until one of them changes)`);
  }

  const written: Array<EditRecordResult<null>> = [];
  const undo = async (): Promise<string[]> => {
    const kept: string[] = [];
    for (const r of [...written].reverse()) if (!(await putBack(log, r))) kept.push(r.before.decision.file);
    return kept;
  };
  const drop = earlier.map((e) => e.file);
  // Every record this writes, and the overview, are checked before the first is written.
  confineEdit(log, [source.file, target.file, ...drop]);
  const first = await side(source, target, kind, options.labels?.forward ?? null, kind === 'superseded-by' ? drop : []);
  written.push(first);
  let second: EditRecordResult<null>;
  const released: Array<EditRecordResult<null>> = [];
  try {
    second = await side(target, first.after, reverseKind(kind), options.labels?.reverse ?? null, kind === 'supersedes' ? drop : []);
    written.push(second);
    // With force: the earlier successors' own claims go, so the older record's one successor is the only claim.
    for (const e of earlier) {
      if (!e.links.some((l) => l.kind === 'supersedes' && l.target === pair!.older.file)) continue;
      const r = await editRecord({
        log,
        file: e.file,
        dryRun: options.dryRun,
        plan: (record) => {
          try {
            return { edits: unlinkEdits(record.decision, record.text, 'supersedes', pair!.older.file, today), result: null };
          } catch (error) {
            throw new UserError(`cannot take the earlier claim out: ${(error as Error).message}`);
          }
        },
        verify: (after) => verifyUnlinked(after, 'supersedes', pair!.older.file),
      });
      written.push(r);
      released.push(r);
    }
  } catch (error) {
    await undo();
    throw error;
  }
  if (!options.dryRun) {
    for (const r of written) replaceDecision(log, r.after);
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
  return {
    source: report(first, kind),
    target: report(second, reverseKind(kind)),
    released: released.map((r) => ({ ...report(r, 'supersedes'), changed: r.diff !== '' })),
    warnings,
    undo,
  };
}
