/**
 * `adr abort REF --reason TEXT`: abandons a decision with its rationale, closing its open
 * action items, in the record's own dialect; the footer and the overview follow.
 */
import { relative, sep } from 'node:path';
import type { ActionItem, Decision, Log } from '../model/index.js';
import { parseFlags } from './args.js';
import { UsageError, UserError, type Command, type CommandContext } from './context.js';

const HELP = `Usage: adr abort REF --reason TEXT [options]

Abort (abandon) a decision. In the record's own style:
  - the status becomes aborted with the reason (**✗** **ABORTED** - reason in the summary format,
    "Aborted - reason" in Nygard's, "aborted - reason" in MADR 2, status: aborted in MADR 3/4);
  - every open action item is checked off, struck through and marked **✗** **ABORTED** - reason;
  - an "## Abort Rationale" section with "### Decision to Abandon <Title> (date)" is added;
  - the footer status and the overview row (DECISIONS.md) follow.
Nothing else in the file changes. A record already aborted, rejected or superseded is refused
unless --force.

REF is a number (3, 0003), a file name or stem, or a unique part of the title.

Options:
  -r, --reason TEXT  why the decision is abandoned (required; asked for on a terminal)
  -f, --force        abort even a record that is already aborted, rejected or superseded
  -n, --dry-run      print the diff, write nothing
      --json         print what was done as JSON
  -d, --dir DIR      the log folder

Examples:
  adr abort 12 --reason "Managed queue is enough"
  adr abort nix --reason "Use Makefile + proto instead" --dry-run
`;

/** The path as the user sees it from the working directory. */
export function shownPath(ctx: CommandContext, path: string): string {
  const rel = relative(ctx.cwd, path) || '.';
  return sep === '\\' ? rel.split(sep).join('/') : rel;
}

/** Statuses that end a decision's life: changing them needs --force. */
const FINAL = new Set(['aborted', 'rejected', 'superseded']);

/** Asks for a value on a terminal; a UsageError naming the flag otherwise. */
export async function required(ctx: CommandContext, value: unknown, flag: string, question: string, command: string): Promise<string> {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'string') throw new UsageError(`${flag} must not be empty`, command);
  if (!ctx.interactive) throw new UsageError(`${flag} is required`, command);
  const { ask } = await import('./prompt.js');
  const answer = (await ask(ctx, question)).trim();
  if (!answer) throw new UserError(`no ${flag.replace(/^--/, '')} given; nothing changed`);
  return answer;
}

/** Reads the log and finds the record REF names. */
export async function loadRecord(ctx: CommandContext, dir: string | undefined, ref: string): Promise<{ log: Log; decision: Decision }> {
  const { readLog } = await import('../store/read-log.js');
  const { resolveRef } = await import('../store/resolve-ref.js');
  const log = await readLog({ cwd: ctx.cwd, dir, env: ctx.env });
  return { log, decision: resolveRef(log, ref, { cwd: ctx.cwd }) };
}

/** Brings the overview in step after `files` changed; returns a line for the report, or null. */
export async function syncOverviewAfter(ctx: CommandContext, log: Log, files: string[], report: string[]): Promise<string | null> {
  const { syncOverview } = await import('../store/sync-overview.js');
  try {
    const result = await syncOverview(log, ctx, { files });
    if (!result) return null;
    if (result.note) ctx.stderr.write(`adr: ${result.note}\n`);
    if (result.changed) report.push(`updated ${shownPath(ctx, result.path)}`);
    return result.path;
  } catch (error) {
    // The record is written and verified; a broken overview is reported, not a reason to undo it.
    ctx.stderr.write(`adr: the overview was not updated: ${(error as Error).message}\n`);
    return null;
  }
}

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags(
    'abort',
    argv,
    {
      reason: { type: 'string', short: 'r' },
      force: { type: 'boolean', short: 'f' },
      'dry-run': { type: 'boolean', short: 'n' },
      json: { type: 'boolean' },
    },
    1,
  );
  const ref = positionals[0];
  if (!ref) throw new UsageError('missing REF (a number, file name or part of the title)', 'abort');
  const reason = await required(ctx, values.reason, '--reason', 'Why is this decision abandoned? ', 'abort');
  const dryRun = values['dry-run'] === true;
  const force = values.force === true;
  const outcome = await abortRecord(ctx, { dir: values.dir as string | undefined, ref, reason, force, dryRun });
  if (dryRun && !values.json) ctx.stdout.write(outcome.diff);
  if (values.json) {
    ctx.stdout.write(`${JSON.stringify(outcome.json, null, 2)}\n`);
    return 0;
  }
  const out = dryRun ? ctx.stderr : ctx.stdout;
  out.write(`${dryRun ? 'would abort' : 'aborted'} ${outcome.path} (was ${outcome.json.previousStatus ?? 'without a status'}): ${outcome.json.reason}\n`);
  for (const line of outcome.report) out.write(`  ${line}\n`);
  return 0;
}

/** What {@link abortRecord} needs: the flags of `adr abort`, as values. */
export interface AbortOptions {
  dir?: string;
  ref: string;
  reason: string;
  force?: boolean;
  dryRun?: boolean;
}

/** What an abort did (or would do): the object `adr abort --json` prints, the diff and the report lines. */
export interface EditOutcome<J> {
  json: J;
  /** The record as the user sees it from the working directory. */
  path: string;
  diff: string;
  report: string[];
}

/**
 * Aborts the record `ref` names: plans, verifies and writes under the record's lock, then brings
 * the overview in step. The body of `adr abort`, shared with the MCP server's `abort` tool. Throws
 * UserError (writing nothing) when the record cannot be found or is already final without `force`.
 */
export async function abortRecord(ctx: CommandContext, options: AbortOptions) {
  const { ref, reason } = options;
  const dryRun = options.dryRun === true;
  const force = options.force === true;
  const { log, decision } = await loadRecord(ctx, options.dir, ref);
  const { abortEdits, verifyAbort } = await import('../edit/abort.js');
  const { oneLine } = await import('../edit/status.js');
  const { localDate } = await import('../edit/templates.js');
  const { editRecord, replaceDecision } = await import('../store/apply-edit.js');
  const today = localDate(ctx.now, ctx.env.TZ);

  let previous: Decision['status'] = null;
  let refused = false;
  const edit = editRecord({
    log,
    file: decision.file,
    dryRun,
    // Planned on the record as it is on disk now, under its lock: a concurrent abort is seen here.
    plan: (record) => {
      const d = record.decision;
      previous = d.status;
      if (d.status && FINAL.has(d.status) && !force) {
        refused = d.status === 'aborted';
        const how = d.statusText ? ` (${d.statusText})` : '';
        throw new UserError(`${d.file} is already ${d.status}${how}; use --force to abort it anyway`);
      }
      const plan = abortEdits(d, record.text, { reason, today });
      return { edits: plan.edits, result: plan };
    },
    verify: (after, record) => verifyAbort(after, reason, record.decision),
  });
  let done: Awaited<typeof edit>;
  try {
    done = await edit;
  } catch (error) {
    // Already aborted (perhaps by a run killed before it updated the overview): finish that part.
    if (refused && !dryRun && error instanceof UserError) {
      const notes: string[] = [];
      await syncOverviewAfter(ctx, log, [decision.file], notes);
      if (notes.length) throw new UserError(`${error.message} (${notes.join('; ')} to match it)`);
    }
    throw error;
  }

  const file = shownPath(ctx, done.before.path);
  const closed: ActionItem[] = done.result.closed;
  const report: string[] = [];
  const verb = (past: string, future: string) => (dryRun ? future : past);
  if (closed.length) report.push(`${verb('closed', 'would close')} ${closed.length} open action item${closed.length === 1 ? '' : 's'}`);
  report.push(`${verb('added', 'would add')} an Abort Rationale (${today})`);
  const footers = done.before.decision.statusDeclarations.filter((s) => s.site === 'footer').length;
  if (footers) report.push(`${verb('updated', 'would update')} the footer status`);

  let overview: string | null = null;
  if (!dryRun) {
    replaceDecision(log, done.after);
    overview = await syncOverviewAfter(ctx, log, [decision.file], report);
  }
  const json = {
    file: done.after.file,
    path: file,
    title: done.after.title,
    previousStatus: previous as Decision['status'],
    status: done.after.status,
    reason: oneLine(reason),
    closedItems: closed.map((i) => ({ line: i.line, text: i.text, group: i.group })),
    rationale: true,
    overview: overview ? shownPath(ctx, overview) : null,
    written: done.written,
    dryRun,
    ...(dryRun ? { diff: done.diff } : {}),
  };
  return { json, path: file, diff: done.diff, report } satisfies EditOutcome<typeof json>;
}

/** The `adr abort` command. */
export const command: Command = {
  summary: 'abort a decision with a rationale, closing its open action items',
  help: HELP,
  run,
};
