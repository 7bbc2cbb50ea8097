/**
 * `adr abort REF --reason TEXT`: abandons a decision with its rationale, closing its open
 * action items, in the record's own dialect; the footer and the overview follow.
 */
import type { ActionItem, Decision } from '../model/index.js';
import { displayPath } from '../output.js';
import { parseFlags } from './args.js';
import { loadRecord, noteOrphanedPredecessors, printEdit, required, syncOverviewAfter, type EditOutcome } from './shared.js';
import { UsageError, UserError, type Command, type CommandContext } from './context.js';

const HELP = `Usage: adr abort REF --reason TEXT [options]

Examples:
  adr abort 12 --reason "Managed queue is enough"
  adr abort nix --reason "Use Makefile + proto instead" --dry-run
  adr abort kafka                          (on a terminal it asks why)

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
`;

/** Statuses that end a decision's life: changing them needs --force. */
const FINAL = new Set(['aborted', 'rejected', 'superseded']);

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
  // An empty --reason is a usage error before anything is read; a missing one is asked for once the REF is known good.
  if (typeof values.reason === 'string' && values.reason.trim() === '') throw new UsageError('--reason must not be empty', 'abort');
  if (values.reason === undefined && !ctx.interactive) throw new UsageError('--reason is required', 'abort');
  const dryRun = values['dry-run'] === true;
  const force = values.force === true;
  const reason = typeof values.reason === 'string' ? values.reason.trim() : (d: Decision) => required(ctx, undefined, '--reason', `Why is '${d.title || d.file}' abandoned?`, 'abort');
  const outcome = await abortRecord(ctx, { dir: values.dir as string | undefined, ref, reason, force, dryRun });
  return printEdit(ctx, outcome, {
    json: values.json === true,
    dryRun,
    headline: `${dryRun ? 'would abort' : 'aborted'} ${outcome.path} (was ${outcome.json.previousStatus ?? 'without a status'}): ${outcome.json.reason}`,
  });
}

/** What {@link abortRecord} needs: the flags of `adr abort`, as values. */
export interface AbortOptions {
  dir?: string;
  ref: string;
  /** Why; or, on a terminal, a question asked once the record is found (and not refused). */
  reason: string | ((decision: Decision) => Promise<string>);
  force?: boolean;
  dryRun?: boolean;
}

/**
 * Aborts the record `ref` names: plans, verifies and writes under the record's lock, then brings
 * the overview in step. The body of `adr abort`, shared with the MCP server's `abort` tool. Throws
 * UserError (writing nothing) when the record cannot be found or is already final without `force`.
 */
export async function abortRecord(ctx: CommandContext, options: AbortOptions) {
  const { ref } = options;
  const dryRun = options.dryRun === true;
  const force = options.force === true;
  const { log, decision } = await loadRecord(ctx, options.dir, ref);
  // Where it would write (the record, the overview) is checked before the question and any refusal.
  const { confineEdit, editRecord, replaceDecision } = await import('../store/apply-edit.js');
  confineEdit(log, [decision.file]);
  if (typeof options.reason !== 'string' && decision.status && FINAL.has(decision.status) && !force) {
    // Asking why, only to refuse after the answer, would waste the answer.
    throw new UserError(`${decision.file} is already ${decision.status}${decision.statusText ? ` (${decision.statusText})` : ''}; use --force to abort it anyway`);
  }
  const reason = typeof options.reason === 'string' ? options.reason : await options.reason(decision);
  const { abortEdits, verifyAbort } = await import('../edit/abort.js');
  const { oneLine } = await import('../edit/escape.js');
  const { localDate } = await import('../model/today.js');
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

  const file = displayPath(ctx.cwd, done.before.path);
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
    await noteOrphanedPredecessors(ctx, 'abort', log, done.after);
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
    overview: overview ? displayPath(ctx.cwd, overview) : null,
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
