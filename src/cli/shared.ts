/**
 * What several commands share, in one module so that no command imports another: finding the
 * record a REF names, asking for a required value, bringing the overview in step after an edit,
 * linking two records on both sides (`adr link` and `adr supersede`), the base branch a command
 * compares with (`check`, `diff`, `new`, `renumber`), and the log's git history (`list --history`).
 */
import type { BaseSnapshot, Decision, LinkKind, Log, RecordHistory } from '../model/index.js';
import { displayPath } from '../output.js';
import { UsageError, type CommandContext } from './context.js';

/** Asks for a value on a terminal; a UsageError naming the flag otherwise. */
export async function required(ctx: CommandContext, value: unknown, flag: string, question: string, command: string): Promise<string> {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'string') throw new UsageError(`${flag} must not be empty`, command);
  if (!ctx.interactive) throw new UsageError(`${flag} is required`, command);
  const { ask, closePrompts } = await import('./prompt.js');
  try {
    return await ask(ctx, question, { required: `${flag} is required (Ctrl-C cancels)` });
  } finally {
    closePrompts();
  }
}

/**
 * A note for each record that still reads as superseded by `decision`, now that `decision` ended
 * (rejected or aborted): it was replaced by nothing (adr check warns: superseded-by-abandoned).
 */
export async function noteOrphanedPredecessors(ctx: CommandContext, command: string, log: Log, decision: Decision): Promise<void> {
  const orphans = log.decisions.filter((d) => d.status === 'superseded' && d.links.some((l) => l.kind === 'superseded-by' && l.target === decision.file));
  if (orphans.length === 0) return;
  const { recordRefs } = await import('../store/resolve-ref.js');
  const refs = recordRefs(log, ctx.cwd);
  for (const d of orphans) {
    const ref = refs.get(d.file) ?? d.file;
    ctx.stderr.write(`adr ${command}: note: ${d.file} still reads as superseded by it; bring its status back (adr status ${ref} accepted) or supersede it with another record\n`);
  }
}

/** Reads the log and finds the record REF names. */
export async function loadRecord(ctx: CommandContext, dir: string | undefined, ref: string): Promise<{ log: Log; decision: Decision }> {
  const { readLog } = await import('../store/read-log.js');
  const { resolveRef } = await import('../store/resolve-ref.js');
  const log = await readLog({ cwd: ctx.cwd, dir, env: ctx.env });
  return { log, decision: resolveRef(log, ref, { cwd: ctx.cwd }) };
}

/** Reports whose overview update failed: the command did part of its work and exits 1. */
const partial = new WeakSet<string[]>();

/** A command's exit code once its record change is written: 1 when the overview could not follow. */
export function exitAfter(report: string[]): number {
  return partial.has(report) ? 1 : 0;
}

/**
 * Brings the overview in step after `files` changed; returns its path, or null. When that fails,
 * the record change stands (written and verified): the failure is said (what was done, what was
 * not, what to do), `report` gets a line, and {@link exitAfter} makes the command exit 1.
 */
export async function syncOverviewAfter(ctx: CommandContext, log: Log, files: string[], report: string[]): Promise<string | null> {
  const { syncOverview } = await import('../store/sync-overview.js');
  try {
    const result = await syncOverview(log, ctx, { files });
    if (!result) return null;
    if (result.note) ctx.stderr.write(`adr: note: ${result.note}\n`);
    if (result.changed) report.push(`updated ${displayPath(ctx.cwd, result.path)}`);
    return result.path;
  } catch (error) {
    const { userErrorFrom } = await import('../errors.js');
    const why = (userErrorFrom(error, (p) => displayPath(ctx.cwd, p)) ?? (error as Error)).message.replace(/ and run the command again$/, '');
    ctx.stderr.write(`adr: the record change is written, but the overview was not updated: ${why}; run 'adr overview' once that is fixed ('adr check' reports the stale rows until then)\n`);
    report.push('overview NOT updated (see above)');
    partial.add(report);
    return null;
  }
}

/** Links `src` to `tgt` with `kind` on both sides and reports; shared with `adr supersede`. */
export async function linkRecords(
  ctx: CommandContext,
  values: Record<string, unknown>,
  srcRef: string,
  kind: LinkKind,
  tgtRef: string,
  labels: { forward?: string | null; reverse?: string | null } = {},
): Promise<number> {
  const dryRun = values['dry-run'] === true;
  const outcome = await relate(ctx, { dir: values.dir as string | undefined, source: srcRef, kind, target: tgtRef, labels, dryRun, force: values.force === true });
  return printEdit(ctx, outcome, {
    json: values.json === true,
    dryRun,
    headline: `${dryRun ? 'would link' : 'linked'} ${outcome.names}`,
    unchanged: outcome.changed.length === 0 ? `${outcome.names}: already linked on both sides; nothing changed` : null,
  });
}

/** What {@link relate} needs: the arguments of `adr link` and `adr supersede`, as values. */
export interface LinkOptions {
  dir?: string;
  /** REF of the record that does `kind` to `target`. */
  source: string;
  kind: LinkKind;
  target: string;
  /** adr-tools' free labels, written as a `relates` link on both sides. */
  labels?: { forward?: string | null; reverse?: string | null };
  /** Supersede a record that already has another successor (the older claim is taken out). */
  force?: boolean;
  dryRun?: boolean;
}

/**
 * Links two records on both sides (each in its own dialect, each under its lock, each verified),
 * then brings the overview in step when a status changed: the body of `adr link` and `adr
 * supersede`, shared with the MCP server's `link` and `supersede` tools. Warnings go to `ctx.stderr`.
 */
export async function relate(ctx: CommandContext, options: LinkOptions) {
  const { kind, labels = {} } = options;
  const dryRun = options.dryRun === true;
  const { log, decision: source } = await loadRecord(ctx, options.dir, options.source);
  const { resolveRef } = await import('../store/resolve-ref.js');
  const target = resolveRef(log, options.target, { cwd: ctx.cwd });
  const { relateRecords } = await import('../store/relate.js');
  const result = await relateRecords({ log, source, kind, target, ctx, dryRun, labels, force: options.force === true });
  const sides = [result.source, result.target];
  const report: string[] = [];
  for (const side of sides) {
    if (!side.changed) continue;
    const change = side.status !== side.previousStatus ? ` (status ${side.previousStatus ?? 'none'} → ${side.status})` : '';
    report.push(`${dryRun ? 'would write' : 'wrote'} ${side.kind} in ${side.file}${change}`);
  }
  const older = kind === 'supersedes' ? target : source;
  for (const side of result.released) {
    report.push(`${dryRun ? 'would take' : 'took'} 'Supersedes ${older.file}' out of ${side.file} (it stays ${side.status ?? 'without a status'})`);
  }
  for (const warning of result.warnings) ctx.stderr.write(`adr: warning: ${warning}\n`);
  const changedFiles = [...sides, ...result.released].filter((s) => s.changed).map((s) => s.file);
  if (!dryRun && sides.some((s) => s.status !== s.previousStatus)) {
    await syncOverviewAfter(ctx, log, changedFiles, report);
  }
  const side = (x: typeof result.source) => ({ ...x, diff: dryRun ? x.diff : undefined });
  const json = { source: side(result.source), target: side(result.target), released: result.released.map(side), warnings: result.warnings, dryRun };
  const diff = [...sides, ...result.released].map((s) => s.diff).join('');
  return { json, path: result.source.file, diff, report, changed: changedFiles, names: `${source.file} ${kind} ${target.file}` };
}

/** What an edit did (or would do): the object the command's `--json` prints, the diff and the report lines. */
export interface EditOutcome<J> {
  json: J;
  /** The record as the user sees it from the working directory. */
  path: string;
  diff: string;
  report: string[];
}

/**
 * Prints an edit's outcome the way every editing command does: with --dry-run the diff on stdout,
 * with --json the JSON alone; else `headline` (on stderr for a dry run, whose stdout is the diff)
 * and the report lines under it, or `unchanged` alone when the edit changed nothing. Returns the
 * exit code: 1 when part of the work could not be done (see {@link exitAfter}).
 */
export function printEdit(
  ctx: CommandContext,
  outcome: EditOutcome<unknown>,
  options: { json: boolean; dryRun: boolean; headline: string; unchanged?: string | null },
): number {
  if (options.dryRun && !options.json) ctx.stdout.write(outcome.diff);
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(outcome.json, null, 2)}\n`);
    return exitAfter(outcome.report);
  }
  const out = options.dryRun ? ctx.stderr : ctx.stdout;
  if (options.unchanged) {
    out.write(`${options.unchanged}\n`);
    return 0;
  }
  out.write(`${options.headline}\n`);
  for (const line of outcome.report) out.write(`  ${line}\n`);
  return exitAfter(outcome.report);
}

/** Which base to use and where it came from. */
export interface BaseChoice {
  ref: string;
  /** True when the person named it (`--base`); false when it came from GITHUB_BASE_REF. */
  explicit: boolean;
}

/** `--base REF`, else `origin/$GITHUB_BASE_REF` when `fromEnv`, else null. */
export async function chooseBase(ctx: CommandContext, flag: unknown, fromEnv: boolean): Promise<BaseChoice | null> {
  if (typeof flag === 'string') return { ref: flag, explicit: true };
  if (!fromEnv) return null;
  const { baseRefFromEnv } = await import('../store/git.js');
  const ref = baseRefFromEnv(ctx.env);
  return ref ? { ref, explicit: false } : null;
}

/**
 * A loader of the base branch's snapshot for the rules, called with the log once it is read (and
 * only once, however often the check reads the log again). What git cannot tell (a shallow clone)
 * is said once on stderr. A base named on the command line that cannot be read is an error; one
 * taken from the environment is a notice, and the check carries on without it.
 */
export function baseLoader(ctx: CommandContext, command: string, choice: BaseChoice): (log: Log) => Promise<BaseSnapshot | undefined> {
  let pending: Promise<BaseSnapshot | undefined> | null = null;
  return (log) => {
    pending ??= (async () => {
      const { probeRepo } = await import('../store/git.js');
      const { readBaseSnapshot } = await import('../store/base.js');
      const probe = await probeRepo(log.dir, ctx.env);
      const source = choice.explicit ? `--base ${choice.ref}` : `the pull request's base (GITHUB_BASE_REF: ${choice.ref})`;
      if (!probe.ok) {
        ctx.stderr.write(`adr ${command}: ${source} not compared: ${probe.message}\n`);
        return undefined;
      }
      try {
        const read = await readBaseSnapshot(probe.repo, choice.ref, log.decisions.map((d) => d.file), log);
        for (const note of read.notes) ctx.stderr.write(`adr ${command}: ${note}\n`);
        return read.snapshot;
      } catch (error) {
        if (choice.explicit || !(error instanceof Error) || error.name !== 'UserError') throw error;
        ctx.stderr.write(`adr ${command}: ${source} not compared: ${error.message}\n`);
        return undefined;
      }
    })();
    return pending;
  };
}

/**
 * The git history of every record of `log` for `list --json --history` and the site, and each
 * record's earlier names from `.adr-renames.json`. Without git (or outside a repository) the
 * histories are null and that is said once on stderr; the caller carries on.
 */
export async function readLogHistory(
  ctx: CommandContext,
  log: Log,
  command: string,
  cache = true,
): Promise<{ histories: Map<string, RecordHistory> | null; renamedFrom: Map<string, string[]> }> {
  const { readRenames } = await import('../store/renames.js');
  const renamedFrom = new Map<string, string[]>();
  const renames = readRenames(log.dir);
  if (renames.problem) ctx.stderr.write(`adr ${command}: ${renames.problem}\n`);
  for (const r of renames.renames) renamedFrom.set(r.to, [...(renamedFrom.get(r.to) ?? []), r.from]);
  const { probeRepo } = await import('../store/git.js');
  const probe = await probeRepo(log.dir, ctx.env);
  if (!probe.ok) {
    ctx.stderr.write(`adr ${command}: no history: ${probe.message}\n`);
    return { histories: null, renamedFrom };
  }
  const { readRecordHistories } = await import('../store/history.js');
  const { histories, notes } = await readRecordHistories(probe.repo, log, { env: ctx.env, cache });
  for (const note of notes) ctx.stderr.write(`adr ${command}: ${note}\n`);
  return { histories, renamedFrom };
}
