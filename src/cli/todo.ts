/**
 * `adr todo`: every open action item of the log, most pressing first, each with its record.
 *
 * Items come in horizon order (🔴 this week, 🟡 next two weeks, 🟢 this month, ⚪ no deadline,
 * then items under no horizon heading); within a horizon, by their record's priority, date and
 * file. The JSON form is a stable interface for scripts and dashboards.
 */
import { resolve } from 'node:path';
import type { ActionItem, Decision, Log, Priority } from '../model/index.js';
import { PRIORITIES } from '../model/index.js';
import { reviewState, type ReviewState } from '../model/review.js';
import { canonicalPriority } from '../parse/vocab.js';
import { HORIZON_GROUPS, isOpen, rowKey } from '../edit/overview.js';
import { readLog } from '../store/read-log.js';
import { parseFlags } from './args.js';
import { UsageError, type Command, type CommandContext } from './context.js';
import { colours, useColour } from './colour.js';
import { printable, relativePath } from '../output.js';

const HELP = `Usage: adr todo [options]

Examples:
  adr todo
  adr todo --priority urgent
  adr todo --json | jq -r '.[] | "\\(.path):\\(.line) \\(.text)"'

Lists the reviews due (records whose review date has passed or comes within 30 days: front
matter review-by, **Review by**, the footer's Next Review, Nygard's Review by), then every open
action item of the log (unchecked task items under "Action Items"), by horizon: 🔴 this week
(urgent), 🟡 next 2 weeks (important), 🟢 this month (planning),
⚪ no deadline, then items under no horizon heading; within a horizon by the record's
priority. Each item names its record and file:line.

Options:
      --json           print a JSON array of { text, ref, group, horizon, priority, status,
                       file, path, line, id, title } (file relative to the log, path to the cwd);
                       reviews due come first and also carry review: { date, days, overdue }
  -p, --priority P     only items whose horizon is P (urgent, important, planning, none); an
                       item under no horizon heading counts with its record's priority
      --group          group by record instead of by horizon
      --no-cache       parse every file again instead of using the parse cache
  -d, --dir DIR        the log folder
`;

/** One open item as `adr todo --json` prints it. Field names are a stable interface. */
export interface TodoItem {
  /** The task, plain text, without its reference (that is `ref`). */
  text: string;
  /** The record the item refers to (`[[Topic]](file.md)`): its text and target relative to the log, or null. */
  ref: { text: string; target: string | null } | null;
  /** The horizon heading as written, or null. */
  group: string | null;
  /** The horizon's canonical priority, or null for an item under no horizon heading. */
  horizon: Priority | null;
  /** The record's priority. */
  priority: Priority | null;
  /** The record's status. */
  status: Decision['status'];
  /** The record file, relative to the log folder. */
  file: string;
  /** The record file, relative to the working directory. */
  path: string;
  line: number;
  id: string;
  title: string;
  /**
   * Present on the entries for reviews due (a record whose review date has passed or comes within
   * 30 days), which come first; absent on action items.
   */
  review?: { date: string; days: number; overdue: boolean };
}

/** The reviews due in `log` on `today` (YYYY-MM-DD): overdue first, then soonest. */
export function reviewsDue(log: Log, cwd: string, today: string): TodoItem[] {
  const due: Array<{ d: Decision; state: ReviewState }> = [];
  for (const d of log.decisions) {
    const state = reviewState(d, today);
    if (state && state.state !== 'scheduled') due.push({ d, state });
  }
  due.sort((a, b) => a.state.days - b.state.days || (a.d.file < b.d.file ? -1 : 1));
  return due.map(({ d, state }) => ({
    text: state.days < 0 ? `Review the decision (due ${state.date}, ${-state.days} day${state.days === -1 ? '' : 's'} overdue)` : state.days === 0 ? `Review the decision (due today, ${state.date})` : `Review the decision (due ${state.date}, in ${state.days} day${state.days === 1 ? '' : 's'})`,
    ref: null,
    group: REVIEW_GROUP,
    horizon: null,
    priority: d.priority,
    status: d.status,
    file: d.file,
    path: relativePath(cwd, resolve(log.dir, d.file)),
    line: d.lines.review ?? d.lines.title ?? 1,
    id: d.id,
    title: d.title,
    review: { date: state.date, days: state.days, overdue: state.days < 0 },
  }));
}

/** The heading reviews are listed under. */
const REVIEW_GROUP = '📅 Reviews due';

const ORDER: Record<string, number> = { urgent: 0, important: 1, planning: 2, none: 3, null: 4 };

/** Every open item of `log`, sorted (see the module comment). */
export function openItems(log: Log, cwd: string): TodoItem[] {
  const out: Array<{ item: ActionItem; d: Decision }> = [];
  for (const d of log.decisions) for (const item of d.actionItems) if (isOpen(item)) out.push({ item, d });
  out.sort((a, b) => {
    const h = ORDER[String(a.item.horizon)] - ORDER[String(b.item.horizon)];
    if (h) return h;
    const p = ORDER[String(a.d.priority)] - ORDER[String(b.d.priority)];
    if (p) return p;
    const ka = rowKey(a.d);
    const kb = rowKey(b.d);
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.item.line - b.item.line;
  });
  return out.map(({ item, d }) => ({
    text: item.text,
    ref: item.ref,
    group: item.group,
    horizon: item.horizon,
    priority: d.priority,
    status: d.status,
    file: d.file,
    path: relativePath(cwd, resolve(log.dir, d.file)),
    line: item.line,
    id: d.id,
    title: d.title,
  }));
}

/** The items of horizon `wanted` (an item under no horizon heading counts with its record's priority); all when null. */
export function byPriority(items: TodoItem[], wanted: Priority | null): TodoItem[] {
  return wanted ? items.filter((i) => (i.horizon ?? i.priority) === wanted) : items;
}

/** The item's reference as the text output shows it (`→ [[Topic]]`, `→ [Topic - TBD]`), or ''. */
function refText(i: TodoItem): string {
  if (!i.ref) return '';
  return ` → ${printable(i.ref.target ? `[[${i.ref.text}]]` : `[${i.ref.text}]`)}`;
}

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseFlags(
    'todo',
    argv,
    { json: { type: 'boolean' }, priority: { type: 'string', short: 'p' }, group: { type: 'boolean' }, 'no-cache': { type: 'boolean' } },
    0,
  );
  let wanted: Priority | null = null;
  if (values.priority !== undefined) {
    wanted = canonicalPriority(values.priority as string);
    if (!wanted) throw new UsageError(`unknown priority '${values.priority}' (${PRIORITIES.join(', ')})`, 'todo');
  }
  const log = await readLog({ cwd: ctx.cwd, dir: values.dir as string | undefined, cache: !values['no-cache'], env: ctx.env });
  let items = byPriority([...reviewsDue(log, ctx.cwd, ctx.now.toISOString().slice(0, 10)), ...openItems(log, ctx.cwd)], wanted);

  if (values.json) {
    ctx.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
    return 0;
  }
  const c = colours(useColour(ctx.stdout, ctx.env));
  if (!items.length) {
    ctx.stdout.write(wanted ? `No open ${wanted} action items.\n` : 'No open action items.\n');
    return 0;
  }
  const reviews = items.filter((i) => i.review);
  const lines: string[] = [];
  // Titles, texts and file names come from the log: control characters are shown, never sent.
  items = items.map((i) => ({ ...i, text: printable(i.text), title: printable(i.title), path: printable(i.path), group: i.group === null ? null : printable(i.group) }));
  if (values.group) {
    const byRecord = new Map<string, TodoItem[]>();
    for (const i of items) byRecord.set(i.file, [...(byRecord.get(i.file) ?? []), i]);
    for (const group of byRecord.values()) {
      const first = group[0];
      const facts = [first.priority, first.status].filter(Boolean).join(', ');
      lines.push(`${c.bold(first.title)} ${c.dim(`(${first.path}${facts ? `; ${facts}` : ''})`)}`);
      for (const i of group) lines.push(`  - [ ] ${i.text}${refText(i)} ${c.dim(`:${i.line}${i.group ? ` · ${i.group}` : ''}`)}`);
      lines.push('');
    }
  } else {
    if (reviews.length > 0) {
      lines.push(c.bold(REVIEW_GROUP));
      for (const i of reviews) lines.push(`  - [ ] ${i.review!.overdue ? c.red(i.text) : i.text}  ${c.dim(`${i.title} (${i.path}:${i.line})`)}`);
      lines.push('');
    }
    for (const g of HORIZON_GROUPS) {
      const inGroup = items.filter((i) => i.horizon === g.horizon && !i.review);
      if (!inGroup.length) continue;
      lines.push(c.bold(g.heading));
      for (const i of inGroup) lines.push(`  - [ ] ${i.text}${refText(i)}  ${c.dim(`${i.title} (${i.path}:${i.line})`)}`);
      lines.push('');
    }
  }
  const actions = items.filter((i) => !i.review);
  const records = new Set(actions.map((i) => i.file)).size;
  const reviewNote = `${reviews.length} review${reviews.length === 1 ? '' : 's'} due`;
  if (actions.length === 0) lines.push(`${reviewNote}; no open action items`);
  else lines.push(`${actions.length} open action item${actions.length === 1 ? '' : 's'} in ${records} record${records === 1 ? '' : 's'}${reviews.length > 0 ? `; ${reviewNote}` : ''}`);
  ctx.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** The `adr todo` command. */
export const command: Command = {
  summary: 'list every open action item by horizon',
  help: HELP,
  run,
};
