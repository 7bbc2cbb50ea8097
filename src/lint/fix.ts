/**
 * The fix engine: what `adr check --fix` does with the fixes the rules offer. Per file, the fixes
 * whose edits do not overlap are applied together (`planFixes`); each file is spliced, re-parsed
 * and verified to still read as the same record (or overview) before an atomic write under its
 * lock (`applyFixes`); then the log is read and checked again, since a fix can reveal or unblock
 * another, up to five passes (`fixLog`). Nothing here re-serialises a user's markdown.
 *
 * @example
 * ```ts
 * import { fixLog, lintLogAt, RULES } from 'adrkit';
 * const lint = () => lintLogAt({ cwd: process.cwd(), now: new Date(), rules: RULES });
 * const run = await fixLog({ lint });
 * for (const [file, what] of run.changed) console.log(file, what.join('; '));
 * ```
 */
import { basename, resolve } from 'node:path';
import type { BaseSnapshot, Decision, Diagnostic, Log, TextEdit } from '../model/index.js';
import { findMojibake } from '../parse/encoding.js';
import { parseRecord } from '../parse/index.js';
import { parseOverview } from '../parse/overview.js';
import { lockRecord } from '../store/apply-edit.js';
import { confineAll, logBounds, repositoryBounds } from '../store/confine.js';
import type { LogLocation } from '../store/find-log.js';
import { readLog } from '../store/read-log.js';
import { EditError, editFile } from '../store/transaction.js';
import type { LogWalk } from '../store/walk.js';
import { lintLog, type LintResult } from './engine.js';
import type { Rule, SourceText } from './rule.js';
import { logSource, type LogSource } from './source.js';

/** How many times `fixLog` re-reads the log and fixes again (a fix can reveal or unblock another). */
export const MAX_FIX_PASSES = 5;

/** One fix chosen for a file in a pass. */
export interface ChosenFix {
  rule: string;
  description: string;
  edits: TextEdit[];
  /** Part of what `adr overview` writes (see `Fix.inStep`). */
  inStep?: boolean;
}

/**
 * Picks, per file, the fixes whose edits do not overlap (or insert at the same point as) an already
 * chosen one; the rest wait for the next pass, when they are recomputed on the new text.
 */
export function planFixes(diagnostics: readonly Diagnostic[]): Map<string, ChosenFix[]> {
  const plan = new Map<string, ChosenFix[]>();
  const taken = new Map<string, Array<[number, number, string]>>();
  for (const d of diagnostics) {
    if (!d.fix || d.fix.edits.length === 0) continue;
    const files = new Set(d.fix.edits.map((e) => e.file));
    // A fix spanning several files is applied only whole; keep it simple: one file per fix.
    if (files.size !== 1) continue;
    const file = d.fix.edits[0].file;
    const spans = taken.get(file) ?? [];
    // Inserts of one rule at one point (rows appended to a table) keep their order and do not clash.
    const clash = d.fix.edits.some((e) =>
      spans.some(([s, t, rule]) => {
        if (e.start === e.end && s === t && e.start === s) return rule !== d.rule;
        return (e.start < t && s < e.end) || e.start === s || (e.start === e.end && e.start >= s && e.start <= t) || (s === t && s >= e.start && s <= e.end);
      }),
    );
    if (clash) continue;
    for (const e of d.fix.edits) spans.push([e.start, e.end, d.rule]);
    taken.set(file, spans);
    const list = plan.get(file) ?? [];
    list.push({ rule: d.rule, description: d.fix.description, edits: d.fix.edits, ...(d.fix.inStep ? { inStep: true } : {}) });
    plan.set(file, list);
  }
  return plan;
}

/** How many characters of a text are mangled (a repair always shortens them, even a second layer). */
function mangledLength(text: string): number {
  return findMojibake(text).reduce((sum, run) => sum + run.end - run.start, 0);
}

/**
 * Checks that a fixed record still reads as the same record: same dialect, title and status, no
 * lost links or action items. A repair of mangled text (`mangledBefore` set: how much was mangled)
 * may change what the record reads as (that is its point); it must parse and leave less mangled
 * text than before. `superseding`: the fix writes "superseded by", which makes the record superseded.
 * Returns the reason the fixed text is refused, or null.
 */
export function verifyRecord(
  file: string,
  before: Decision | undefined,
  options: { bom: boolean; overviewName: string; mangledBefore: number | null; superseding: boolean },
): (after: string) => string | null {
  return (after) => {
    const parsed = parseRecord(file, after, { bom: options.bom, overviewName: options.overviewName });
    const d = parsed.decision;
    if (!d) return 'the fixed file no longer reads as a record';
    if (options.mangledBefore !== null) return mangledLength(after) < options.mangledBefore ? null : 'the repair left as much mangled text as before';
    if (!before) return null;
    if (d.dialect !== before.dialect) return `the fixed file reads as ${d.dialect}, not ${before.dialect}`;
    // Writing "superseded by" makes the record superseded, as `adr supersede` does; nothing else may change it.
    if (d.status !== before.status && !(options.superseding && d.status === 'superseded')) {
      return `the fixed file's status reads as ${d.status ?? 'none'}, not ${before.status ?? 'none'}`;
    }
    if (d.title !== before.title) return 'the fixed file has another title';
    if (d.links.length < before.links.length) return 'the fixed file lost a link';
    if (d.actionItems.length !== before.actionItems.length) return 'the fixed file has another number of action items';
    return null;
  };
}

/**
 * Checks that a fixed overview has the same rows (plus `addedRows` appended ones) linking the same
 * records, and the same number of open items. A repair of mangled text, and a change the overview's
 * judge made (what `adr overview` writes: rows and items may come and go), are only asked to parse.
 */
export function verifyOverview(file: string, before: Log['overview'], options: { logName: string; repairing: boolean; addedRows: number }): (after: string) => string | null {
  return (after) => {
    const parsed = parseOverview(file, after, options.logName);
    if (!before || options.repairing) return null;
    const added = options.addedRows;
    if (added > 0 ? parsed.rows.length < before.rows.length + added : parsed.rows.length !== before.rows.length) {
      return 'the fixed overview has another number of rows';
    }
    if (parsed.actionItems.length !== before.actionItems.length) return 'the fixed overview has another number of action items';
    if (before.rows.some((r, i) => parsed.rows[i]?.target !== r.target)) return 'the fixed overview links other records';
    return null;
  };
}

/**
 * One pass of fixes on one file, as `applyFixes` writes it: the edits to splice into its text, and the
 * check the fixed text must pass (the reason it is refused, or null). Pure, so tests can hold a
 * rule's fixes to the text `adr check --fix` would write without touching a disk.
 */
export function fileFix(log: Log, file: string, fixes: readonly ChosenFix[], src: SourceText): { edits: Array<{ start: number; end: number; text: string }>; verify: (after: string) => string | null } {
  const edits = fixes.flatMap((f) => f.edits.map(({ start, end, text }) => ({ start, end, text })));
  const repairing = fixes.some((f) => f.rule === 'encoding-mojibake');
  const verify =
    log.overview?.file === file
      ? verifyOverview(file, log.overview, { logName: basename(log.dir), repairing: repairing || fixes.some((f) => f.inStep), addedRows: fixes.filter((f) => f.rule === 'overview-missing-row').length })
      : verifyRecord(file, log.decisions.find((d) => d.file === file), {
          bom: src.bom,
          overviewName: log.overview ? basename(log.overview.file) : 'DECISIONS.md',
          mangledBefore: repairing ? mangledLength(src.text) : null,
          superseding: fixes.some((f) => f.rule === 'relation-reciprocal'),
        });
  return { edits, verify };
}

/** What a pass of fixes did to one file: the fixes' descriptions, whether it was written, the diff, or why not. */
export interface FixOutcome {
  file: string;
  descriptions: string[];
  written: boolean;
  diff: string;
  error?: string;
}

/**
 * Applies one pass of planned fixes (`planFixes`), file by file: each under its record lock, spliced,
 * re-parsed and verified (`verifyRecord`, `verifyOverview`) before an atomic write. A file whose fix
 * does not verify, or cannot be read, is left as it was and says why. Returns what happened per file.
 */
export async function applyFixes(log: Log, plan: ReadonlyMap<string, ChosenFix[]>, source: (file: string) => SourceText | null, dryRun = false): Promise<FixOutcome[]> {
  const outcomes: FixOutcome[] = [];
  // Every file this pass writes lands inside its bounds (records in the log folder, the overview in
  // the repository), checked before the first is written: a refusal leaves all of them as they were.
  const boundsOf = (file: string) => (log.overview?.file === file ? repositoryBounds(log) : logBounds(log));
  if (!dryRun) confineAll([...plan.keys()].map((file) => ({ path: resolve(log.dir, file), bounds: boundsOf(file) })));
  for (const [file, fixes] of plan) {
    const src = source(file);
    const descriptions = fixes.map((f) => f.description);
    if (!src) {
      outcomes.push({ file, descriptions, written: false, diff: '', error: 'cannot read the file' });
      continue;
    }
    const { edits, verify } = fileFix(log, file, fixes, src);
    const path = resolve(log.dir, file);
    let release: (() => Promise<void>) | null = null;
    try {
      if (!dryRun) release = await lockRecord(path, { where: boundsOf(file) });
      const result = await editFile({ path, text: src.text, bom: src.bom, edits, verify, dryRun, displayName: file, where: boundsOf(file) });
      outcomes.push({ file, descriptions, written: result.written, diff: result.diff });
    } catch (error) {
      if (!(error instanceof EditError) && !(error instanceof Error && error.name === 'UserError')) throw error;
      outcomes.push({ file, descriptions, written: false, diff: '', error: error.message });
    } finally {
      await release?.();
    }
  }
  return outcomes;
}

/** A log read and checked: what `fixLog` works on and returns. */
export interface Linted {
  log: Log;
  source: LogSource;
  result: LintResult;
}

/** What `lintLogAt` reads and how it checks. */
export interface LintLogAtOptions {
  /** The folder relative paths are resolved from; the log is found from here unless `dir` names it. */
  cwd: string;
  dir?: string;
  now: Date;
  /** The zone (`TZ`) of the day a fix writes; UTC when unset. */
  timeZone?: string;
  /** Environment, for the parse cache's place. */
  env?: Record<string, string | undefined>;
  /** Use the parse cache (default true). */
  cache?: boolean;
  /** The rules to run (the registry, `RULES`, for all of them). */
  rules: readonly Rule[];
  /** Only these rule ids (`parse` keeps the reader's diagnostics). */
  only?: readonly string[];
  /** An already found location and walk of the log (the check result cache takes them first). */
  location?: LogLocation;
  walk?: LogWalk;
  /** Loads the base branch to compare with (`adr check --base`), given the log once it is read. */
  base?: (log: Log) => Promise<BaseSnapshot | undefined>;
}

/** Reads the log and checks it: the log, its files as the rules read them, and what they found. */
export async function lintLogAt(options: LintLogAtOptions): Promise<Linted> {
  const log = await readLog({ cwd: options.cwd, dir: options.dir, cache: options.cache, env: options.env, location: options.location, walk: options.walk });
  const source = logSource(log);
  const repoFiles = await repoListing(log, options.cwd, source, options.env);
  const base = await options.base?.(log);
  const result = lintLog(log, { rules: options.rules, now: options.now, timeZone: options.timeZone, source: source.source, exists: source.exists, only: options.only, repoFiles, base });
  return { log, source, result };
}

/**
 * The repository's files for the applies-to rules, listed only when some record names paths. The
 * listing's witnesses (git's index, the folders, the ignore files) join what the check result cache
 * stamps, so a file added or removed anywhere makes the next check look again.
 */
async function repoListing(log: Log, cwd: string, source: LogSource, env?: Record<string, string | undefined>): Promise<() => readonly string[] | null> {
  if (!log.decisions.some((d) => d.appliesTo.length > 0)) return () => null;
  const { listRepoFiles, repoRootOf } = await import('../store/repo-files.js');
  const listing = await listRepoFiles(repoRootOf(log, cwd), env);
  for (const w of listing.witnesses) source.trace.read.add(w);
  return () => listing.files;
}

/** What `fixLog` did. */
export interface FixRun {
  /** Files written, relative to the log folder, with what was fixed in each (in pass order). */
  changed: Map<string, string[]>;
  /** Files whose fixes were refused or could not be applied, with why. */
  notFixed: Array<{ file: string; error: string }>;
  /** With `dryRun`: the unified diff of each file the first pass would change. */
  diffs: string[];
  /** The log as checked after the last pass: what is left to report. */
  last: Linted;
}

/**
 * Fixes what can be fixed safely: plans and applies a pass (`planFixes`, `applyFixes`), reads and
 * checks the log again with `lint`, and repeats while a pass wrote something, up to `maxPasses`.
 * `first` is the log as already checked (else `lint` is called first). `dryRun` makes one pass that
 * writes nothing and collects the diffs.
 */
export async function fixLog(options: { lint: () => Promise<Linted>; first?: Linted; dryRun?: boolean; maxPasses?: number }): Promise<FixRun> {
  const dryRun = options.dryRun ?? false;
  let last = options.first ?? (await options.lint());
  const run: FixRun = { changed: new Map(), notFixed: [], diffs: [], last };
  for (let pass = 0; pass < (dryRun ? 1 : (options.maxPasses ?? MAX_FIX_PASSES)); pass++) {
    const plan = planFixes(last.result.diagnostics);
    if (plan.size === 0) break;
    const outcomes = await applyFixes(last.log, plan, last.source.source, dryRun);
    let wrote = false;
    for (const o of outcomes) {
      if (o.error) {
        run.notFixed.push({ file: o.file, error: o.error });
        continue;
      }
      if (dryRun) {
        if (o.diff) run.diffs.push(o.diff);
        continue;
      }
      if (!o.written) continue;
      wrote = true;
      run.changed.set(o.file, [...(run.changed.get(o.file) ?? []), ...o.descriptions]);
    }
    if (dryRun || !wrote) break;
    last = await options.lint();
  }
  run.last = last;
  return run;
}
