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
import { isAbsolute, join, relative, sep } from 'node:path';
import { UserError } from '../errors.js';
import { linkEdits, reverseKind, verifyLink, type LinkTarget } from '../edit/links.js';
import { localDate } from '../model/today.js';
import type { Decision, LinkKind, Log } from '../model/index.js';
import { encodeText } from '../parse/encoding.js';
import { editRecord, readRecord, replaceDecision, type EditRecordResult } from './apply-edit.js';
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

/** The spelling to write: the config's, else the one the log already uses, else `Superseded`. */
export function supersededSpelling(log: Log): 'Superseded' | 'Superceded' {
  if (log.config.supersededSpelling) return log.config.supersededSpelling;
  let seded = 0;
  let ceded = 0;
  for (const d of log.decisions) {
    for (const l of d.links) {
      if (!l.label) continue;
      if (/superceded/i.test(l.label)) ceded++;
      else if (/superseded/i.test(l.label)) seded++;
    }
  }
  return ceded > seded ? 'Superceded' : 'Superseded';
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
  const spelling = options.spelling ?? supersededSpelling(log);

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
    if (first.written) {
      await writeFileAtomic(first.before.path, encodeText(first.before.text, { bom: first.before.bom }));
      replaceDecision(log, first.before.decision);
    }
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
  return { source: report(first, kind), target: report(second, reverseKind(kind)) };
}
