/**
 * `adr history [REF]`: a record's status changes from git (date, commit, author), its renames
 * followed; without REF, every status change of the log, newest first. The history is read by
 * src/store/history.ts in one pass over the log folder's commits.
 */
import type { CommitInfo, Decision, RecordHistory, StatusChange } from '../model/index.js';
import { displayPath, printable } from '../output.js';
import { parseFlags } from './args.js';
import { colours, useColour } from './colour.js';
import { UsageError, type Command, type CommandContext } from './context.js';

const HELP = `Usage: adr history [REF] [options]

Examples:
  adr history 42
  adr history use-kafka --json
  adr history -n 20

The life of the record REF in git: when it was added, each status change with its date, commit
and author, its renames (renumbered, re-slugged, moved), and uncommitted changes in the work
tree. Without REF, every status change of the log, newest first. Read from one git log pass over
the log folder; a shallow clone gives the history it has, and says so.

REF is a record, named as adr names them: a number (42, ADR-0042), a file name or a word of
its title.

Options:
      --json           print JSON: the record and its history (created, updated, changes,
                       renames, uncommitted, complete); without REF, an array of changes
  -n, --max-count N    without REF, show at most N changes
      --no-cache       parse every file again instead of using the caches
  -d, --dir DIR        the log folder
`;

const short = (sha: string) => sha.slice(0, 7);
const day = (commit: CommitInfo | null) => (commit ? commit.date.slice(0, 10) : 'uncommitted');

/** One line of a change: `2026-02-10  5d6e7f8  Ben  proposed → accepted  Accept kafka`. */
function changeLine(change: StatusChange, c: ReturnType<typeof colours>): string {
  const what = change.added ? `${c.bold(change.to ?? 'no status')} ${c.dim('(added)')}` : `${change.from ?? 'no status'} → ${c.bold(change.to ?? 'no status')}`;
  const who = change.commit ? `${c.cyan(short(change.commit.sha))}  ${printable(change.commit.author)}` : c.dim('(work tree)');
  // The subject as a hint, one line: long ones are cut (--json has them whole).
  const text = change.commit ? printable(change.commit.subject) : '';
  const subject = change.commit ? `  ${c.dim(text.length > 60 ? `${text.slice(0, 59)}…` : text)}` : '';
  return `${day(change.commit)}  ${who}  ${what}${subject}`;
}

/** The text report of one record's history. */
export function formatRecordHistory(decision: Decision, history: RecordHistory, colour: boolean, shownPath: string, order: ReadonlyMap<string, number> = new Map()): string {
  const c = colours(colour);
  const lines = [c.bold(`${decision.number !== null ? `${decision.number}. ` : ''}${printable(decision.title)}`) + c.dim(`  ${printable(shownPath)}`)];
  lines.push(`status now: ${decision.status ?? 'none'}${decision.statusText && decision.statusText !== decision.status ? c.dim(` (${printable(decision.statusText)})`) : ''}`);
  if (history.created) lines.push(`added ${day(history.created)} by ${printable(history.created.author)} in ${c.cyan(short(history.created.sha))}`);
  else if (!history.complete) lines.push(c.dim('added before the start of this shallow clone'));
  else if (!history.updated) lines.push(c.dim('not committed yet'));
  if (history.updated && history.updated.sha !== history.created?.sha) lines.push(`last changed ${day(history.updated)} by ${printable(history.updated.author)} in ${c.cyan(short(history.updated.sha))}`);
  // Status changes and renames, oldest first, in one timeline.
  const events: Array<{ when: string; rank: number; line: string }> = [];
  const rank = (commit: CommitInfo | null) => (commit ? (order.get(commit.sha) ?? 0) : -1);
  for (const change of history.changes) events.push({ when: change.commit?.date ?? '', rank: rank(change.commit), line: changeLine(change, c) });
  for (const rename of history.renames) {
    events.push({
      when: rename.commit?.date ?? '',
      rank: rank(rename.commit),
      line: `${day(rename.commit)}  ${rename.commit ? `${c.cyan(short(rename.commit.sha))}  ${printable(rename.commit.author)}` : ''}  renamed ${printable(rename.from)} → ${printable(rename.to)}`,
    });
  }
  // Oldest first: by date, then by git's own order (newer commits come first in it), the work tree last.
  events.sort((a, b) => (Date.parse(a.when) || Infinity) - (Date.parse(b.when) || Infinity) || b.rank - a.rank);
  if (events.length > 0) lines.push('', ...events.map((e) => `  ${e.line}`));
  else lines.push('', c.dim('  no status change recorded'));
  if (history.uncommitted && !history.changes.some((x) => x.commit === null)) lines.push('', c.dim('  the work tree has uncommitted changes to this record'));
  return `${lines.join('\n')}\n`;
}

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags('history', argv, { json: { type: 'boolean' }, 'max-count': { type: 'string', short: 'n' }, 'no-cache': { type: 'boolean' } }, 1);
  let max = Infinity;
  if (values['max-count'] !== undefined) {
    if (!/^\d+$/.test(String(values['max-count']))) throw new UsageError(`--max-count wants a whole number, got '${values['max-count']}'`, 'history');
    max = Number(values['max-count']);
  }
  const cache = !values['no-cache'];
  const { historyOf, timelineOf } = await import('../store/history.js');
  const result = await historyOf({ cwd: ctx.cwd, dir: values.dir as string | undefined, ref: positionals[0], env: ctx.env, cache });
  const { log, record, histories, notes, order } = result;
  for (const note of notes) ctx.stderr.write(`adr history: ${note}\n`);
  const shown = (file: string) => displayPath(ctx.cwd, `${log.dir}/${file}`);
  if (record) {
    const history = histories.get(record.file)!;
    if (values.json) {
      ctx.stdout.write(`${JSON.stringify({ ...history, path: shown(record.file), id: record.id, number: record.number, title: record.title, status: record.status }, null, 2)}\n`);
      return 0;
    }
    ctx.stdout.write(formatRecordHistory(record, history, useColour(ctx.stdout, ctx.env), shown(record.file), order));
    return 0;
  }
  // The log's timeline: every status change, newest first.
  const all = timelineOf(result);
  const listed = all.slice(0, max);
  if (values.json) {
    ctx.stdout.write(`${JSON.stringify(listed.map(({ change, record: d }) => ({ ...change, record: { file: d.file, id: d.id, number: d.number, title: d.title, status: d.status } })), null, 2)}\n`);
    return 0;
  }
  const c = colours(useColour(ctx.stdout, ctx.env));
  if (listed.length === 0) {
    ctx.stdout.write('No status changes recorded in git yet.\n');
    return 0;
  }
  const lines = listed.map(({ change, record: d }) => `${changeLine(change, c)}  ${c.bold(printable(`${d.number !== null ? `${d.number}. ` : ''}${d.title}`))}`);
  if (all.length > listed.length) lines.push(c.dim(`… ${all.length - listed.length} earlier changes (--max-count shows more)`));
  ctx.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** The `adr history` command. */
export const command: Command = {
  summary: 'the status changes of a record, from git: date, commit, author',
  help: HELP,
  run,
};
