/**
 * `adr status REF STATUS [--reason TEXT]` and its shortcuts `adr accept|reject|deprecate|postpone REF`:
 * changes every record-level status declaration (header or status section or front matter, and
 * the footer) in the record's own style, then the overview row.
 */
import type { Status } from '../model/index.js';
import { parseFlags } from './args.js';
import { loadRecord, noteOrphanedPredecessors, printEdit, syncOverviewAfter, type EditOutcome } from './shared.js';
import { displayPath } from '../output.js';
import { UsageError, UserError, type Command, type CommandContext } from './context.js';

const FORMS = `Written forms (summary header / Nygard / MADR):
  proposed    ❓ **Under Discussion**   Proposed     proposed
  accepted    ✅ **Accepted**           Accepted     accepted
  postponed   ⏸️ **Postponed**          Postponed    postponed
  rejected    ❌ **Rejected**           Rejected     rejected
  deprecated  **Deprecated**           Deprecated   deprecated
  draft       📝 **Draft**              Draft        draft
A reason follows as " - reason" (MADR 3/4 front matter: in a "## Status Rationale" section).`;

const HELP = `Usage: adr status REF STATUS [options]

Examples:
  adr status 12 accepted
  adr status 0007 rejected --reason "Too costly to operate"
  adr status kafka on-hold --reason "Waiting for the Q4 budget"   (or: adr postpone kafka)

Change the status of a record in its own style: the header (or Nygard's "## Status", or MADR's
"- Status:" or front matter), the footer (_Status: ..._) and the overview row all follow.
Rejecting ends the decision: its open action items are closed as aborted.
STATUS is proposed, accepted, postponed, rejected, deprecated or draft (synonyms such as approved,
declined, on hold are understood). For aborted use 'adr abort', for superseded 'adr supersede'.

Shortcuts: adr accept REF, adr reject REF, adr deprecate REF, adr postpone REF.

${FORMS}

Options:
  -r, --reason TEXT  why (written after the status)
  -n, --dry-run      print the diff, write nothing
      --json         print what was done as JSON
  -d, --dir DIR      the log folder
`;

const OPTIONS = {
  reason: { type: 'string', short: 'r' },
  'dry-run': { type: 'boolean', short: 'n' },
  json: { type: 'boolean' },
  force: { type: 'boolean', short: 'f' },
} as const;

/** Changes the status of the record REF names and prints what it did; the shared body of `status` and the shortcuts. */
async function changeStatus(
  ctx: CommandContext,
  ref: string,
  status: Status,
  values: Record<string, unknown>,
): Promise<number> {
  const reason = typeof values.reason === 'string' && values.reason.trim() ? values.reason.trim() : null;
  const dryRun = values['dry-run'] === true;
  const outcome = await setStatus(ctx, { dir: values.dir as string | undefined, ref, status, reason, dryRun });
  return printEdit(ctx, outcome, {
    json: values.json === true,
    dryRun,
    headline: `${dryRun ? 'would change' : 'changed'} ${outcome.path}: ${outcome.json.previousStatus ?? 'no status'} → ${status}${outcome.json.reason ? ` - ${outcome.json.reason}` : ''}`,
    unchanged: outcome.json.changed ? null : `${outcome.path} is already ${status}; nothing changed`,
  });
}

/** What {@link setStatus} needs: the arguments of `adr status`, as values. */
export interface StatusOptions {
  dir?: string;
  ref: string;
  /** The new status: not aborted (that is abortRecord) nor superseded (relate two records). */
  status: Status;
  reason?: string | null;
  dryRun?: boolean;
}

/**
 * Sets the status of the record `ref` names in its own style, then brings the overview in step:
 * the body of `adr status` and its shortcuts, shared with the MCP server's `status` tool. Notes for
 * the user (a superseded-by link kept) go to `ctx.stderr`.
 */
export async function setStatus(ctx: CommandContext, options: StatusOptions) {
  const { ref, status } = options;
  const reason = options.reason?.trim() ? options.reason.trim() : null;
  const dryRun = options.dryRun === true;
  const { log, decision } = await loadRecord(ctx, options.dir, ref);
  const { statusEdits, verifyStatus } = await import('../edit/status.js');
  const { oneLine } = await import('../edit/escape.js');
  const { localDate } = await import('../model/today.js');
  const { editRecord, replaceDecision } = await import('../store/apply-edit.js');
  const today = localDate(ctx.now, ctx.env.TZ);

  let previous: Status | null = null;
  const done = await editRecord({
    log,
    file: decision.file,
    dryRun,
    plan: (record) => {
      previous = record.decision.status;
      return { edits: statusEdits(record.decision, record.text, { status, reason, today }), result: null };
    },
    verify: (after) => verifyStatus(after, { status, reason }),
  });
  const file = displayPath(ctx.cwd, done.before.path);
  const report: string[] = [];
  const unchanged = done.diff === '';
  const open = (d: typeof done.after) => d.actionItems.filter((i) => !i.done).length;
  const closed = open(done.before.decision) - open(done.after);
  if (closed > 0) report.push(`${dryRun ? 'would close' : 'closed'} ${closed} open action item${closed === 1 ? '' : 's'} as aborted`);
  if (!unchanged && !dryRun) {
    replaceDecision(log, done.after);
    await syncOverviewAfter(ctx, log, [decision.file], report);
    if (status === 'rejected') await noteOrphanedPredecessors(ctx, SHORTCUT_VERB[status] ?? 'status', log, done.after);
  }
  // The superseded-by link was kept (never drop a user's link); say what that means for a live status.
  const successor = done.after.links.find((l) => l.kind === 'superseded-by');
  if (successor && !unchanged && ['accepted', 'proposed', 'postponed', 'draft'].includes(status)) {
    ctx.stderr.write(
      `adr ${status === 'accepted' ? 'accept' : 'status'}: note: ${file} still says it is superseded by ${successor.target} (line ${successor.line}); edit that line or the other record, or adr check will report it\n`,
    );
  }
  const json = { file: done.after.file, path: file, previousStatus: previous as Status | null, status: done.after.status, reason: reason ? oneLine(reason) : null, changed: !unchanged, closedItems: closed, written: done.written, dryRun, ...(dryRun ? { diff: done.diff } : {}) };
  return { json, path: file, diff: done.diff, report } satisfies EditOutcome<typeof json>;
}

/** The status a word names, for the command line (`approved` → accepted). */
async function statusWord(word: string): Promise<Status> {
  const { canonicalStatus } = await import('../parse/vocab.js');
  // The verbs of the shortcuts work as words too: `adr status 2 deprecate`.
  const VERBS: Record<string, Status> = { accept: 'accepted', reject: 'rejected', deprecate: 'deprecated', postpone: 'postponed', propose: 'proposed', abort: 'aborted', supersede: 'superseded' };
  const status = VERBS[word.trim().toLowerCase()] ?? canonicalStatus(word);
  if (!status) throw new UsageError(`unknown status '${word}' (proposed, accepted, postponed, rejected, deprecated, draft)`, 'status');
  return status;
}

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags('status', argv, OPTIONS, 2);
  const [ref, word] = positionals;
  if (!ref || !word) throw new UsageError('expected REF and STATUS', 'status');
  const status = await statusWord(word);
  if (status === 'aborted') {
    // Aborting closes action items and adds a rationale: that is `adr abort`'s job.
    // Through the registry, not by importing the abort command: commands do not import each other.
    const command = await (await import('./commands.js')).COMMANDS.abort();
    const at = argv.indexOf(word, argv.indexOf(ref) + 1);
    const rest = [...argv.slice(0, at), ...argv.slice(at + 1)];
    return command.run(rest, ctx);
  }
  if (status === 'superseded') {
    throw new UsageError(`a record is superseded by another one: use 'adr supersede ${ref} NEW'`, 'status');
  }
  return changeStatus(ctx, ref, status, values);
}

/** The `adr status` command. */
export const command: Command = {
  summary: 'change the status of a record (accept, reject, deprecate, postpone)',
  help: HELP,
  run,
};

const SHORTCUT_VERB: Partial<Record<Status, string>> = {
  accepted: 'accept',
  rejected: 'reject',
  deprecated: 'deprecate',
  postponed: 'postpone',
  proposed: 'propose',
};

/** A reason each shortcut's help shows in its example. */
const SHORTCUT_REASON: Partial<Record<Status, string>> = {
  accepted: 'Agreed in the architecture review',
  rejected: 'Too costly to operate',
  deprecated: 'Replaced by the managed service',
  postponed: 'Waiting for the Q4 budget',
  proposed: 'Needs another round',
};

/** `adr accept REF` and friends: `adr status REF <status>` under a verb. */
export function shortcut(status: Status): Command {
  const verb = SHORTCUT_VERB[status] ?? status;
  const help = `Usage: adr ${verb} REF [options]

Examples:
  adr ${verb} 12
  adr ${verb} kafka --reason "${SHORTCUT_REASON[status] ?? 'Why'}"
  adr ${verb} 2026-08-06-use-nix --dry-run

Same as 'adr status REF ${status}': sets the record's status to ${status} in its own style,
with the footer and the overview row in step. REF is a number, a file name or stem, or a
unique part of the title; adr list shows one for every record.

Options:
  -r, --reason TEXT  why (written after the status)
  -n, --dry-run      print the diff, write nothing
      --json         print what was done as JSON
  -d, --dir DIR      the log folder
`;
  return {
    summary: `set a record's status to ${status}`,
    help,
    async run(argv, ctx) {
      const { values, positionals } = parseFlags(verb, argv, OPTIONS, 1);
      if (!positionals[0]) throw new UsageError('missing REF (a number, file name or part of the title)', verb);
      if (positionals[0].trim() === '') throw new UserError('an empty REF names no record');
      return changeStatus(ctx, positionals[0], status, values);
    },
  };
}
