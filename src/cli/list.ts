/**
 * `adr list`: the records of the log as a table, or as JSON for other tools.
 * The JSON shape is documented in the README and pinned by test/cli/list.test.ts.
 */
import { resolve } from 'node:path';
import type { CommitInfo, Decision, Diagnostic, Log, RecordHistory, StatusChange } from '../model/index.js';
import { PRIORITIES, STATUSES } from '../model/index.js';
import { readLog } from '../store/read-log.js';
import { listOrder } from '../store/record-order.js';
import { recordRefs } from '../store/resolve-ref.js';
import { parseFlags } from './args.js';
import { UsageError, type Command, type CommandContext } from './context.js';
import { displayPath, displayWidth, printable, relativePath, type Output } from '../output.js';
import { colours, useColour } from './colour.js';

/** The JSON object `adr list --json` prints for one record. Field names are a stable interface. */
export interface ListedDecision {
  file: string;
  path: string;
  id: string;
  number: number | null;
  title: string;
  dialect: Decision['dialect'];
  status: Decision['status'];
  statusText: string | null;
  reason: string | null;
  date: string | null;
  priority: Decision['priority'];
  category: string | null;
  deciders: string[];
  attendees: string[];
  consulted: string[];
  informed: string[];
  tags: string[];
  summary: string | null;
  actionItems: Array<{ text: string; note: string | null; done: boolean; aborted: boolean; group: string | null; horizon: Decision['priority']; ref: { text: string; target: string | null } | null; line: number }>;
  links: Array<{ target: string; anchor: string | null; kind: string; text: string; line: number }>;
  backlinks: Array<{ file: string; kind: string; anchor: string | null; line: number }>;
  subDecisions: Decision['subDecisions'];
  overviewLink: boolean;
  encoding: { bom: boolean; eol: string; mojibake: string | null };
  lines: Record<string, number>;
  /** The shortest REF every command resolves to this record (what the table's REF column shows). */
  ref: string;
  /** The globs the record governs (relative to the repository root), as written. */
  appliesTo: string[];
  /** The review date (YYYY-MM-DD), or null; `reviewByText` is the value as written. */
  reviewBy: string | null;
  reviewByText: string | null;
  /** With --history: the commit that added the record, or null (not committed, or before a shallow clone's start). */
  created?: CommitInfo | null;
  /** With --history: the last commit that changed the record, or null. */
  updated?: CommitInfo | null;
  /** With --history: every status change, oldest first (`commit` null for an uncommitted one). */
  history?: StatusChange[] | null;
  /** With --history: the record's earlier file names, from git's renames and the log's .adr-renames.json. */
  renamedFrom?: string[];
}

/** The JSON form of a record; `refs` from recordRefs(log). */
export function toListed(d: Decision, log: Log, cwd: string, refs: ReadonlyMap<string, string>): ListedDecision {
  return {
    file: d.file,
    path: relativePath(cwd, resolve(log.dir, d.file)),
    id: d.id,
    number: d.number,
    title: d.title,
    dialect: d.dialect,
    status: d.status,
    statusText: d.statusText,
    reason: d.reason,
    date: d.date,
    priority: d.priority,
    category: d.category,
    deciders: d.deciders,
    attendees: d.attendees,
    consulted: d.consulted,
    informed: d.informed,
    tags: d.tags,
    summary: d.summary,
    actionItems: d.actionItems.map((a) => ({ text: a.text, note: a.note, done: a.done, aborted: a.aborted, group: a.group, horizon: a.horizon, ref: a.ref, line: a.line })),
    links: d.links.map((l) => ({ target: l.target, anchor: l.anchor, kind: l.kind, text: l.text, line: l.line })),
    backlinks: d.backlinks.map((b) => ({ file: b.file, kind: b.kind, anchor: b.anchor, line: b.line })),
    subDecisions: d.subDecisions,
    overviewLink: d.overviewLink,
    encoding: { bom: d.encoding.bom, eol: d.encoding.eol, mojibake: d.encoding.mojibake },
    lines: d.lines,
    ref: refs.get(d.file) ?? d.file,
    appliesTo: d.appliesTo.map((a) => a.glob),
    reviewBy: d.reviewBy ?? null,
    reviewByText: d.reviewByText ?? null,
  };
}

/** The --history fields of a record: null when git could not be read. */
export function historyFields(history: RecordHistory | null | undefined, renamedFrom: readonly string[]): Pick<ListedDecision, 'created' | 'updated' | 'history' | 'renamedFrom'> {
  const names = [...new Set([...(history?.renames.map((r) => r.from) ?? []), ...renamedFrom])];
  return { created: history?.created ?? null, updated: history?.updated ?? null, history: history?.changes ?? null, renamedFrom: names };
}

/** Parses a comma-separated filter and checks its words against the known ones. */
function filterSet(flag: string, value: string | undefined, known: readonly string[] | null): Set<string> | null {
  if (value === undefined) return null;
  const words = value
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  if (known) {
    for (const w of words) {
      if (w !== 'none' && !known.includes(w)) throw new UsageError(`unknown ${flag} '${w}' (expected one of ${known.join(', ')}${flag === 'status' ? ', none' : ''})`, 'list');
    }
  }
  return new Set(words);
}

/** Keeps the records that pass the filters. */
export function filterDecisions(
  decisions: Decision[],
  filters: { status: Set<string> | null; priority: Set<string> | null; category: Set<string> | null },
): Decision[] {
  return decisions.filter(
    (d) =>
      (!filters.status || filters.status.has(d.status ?? 'none')) &&
      (!filters.priority || filters.priority.has(d.priority ?? 'none')) &&
      (!filters.category || filters.category.has((d.category ?? 'none').toLowerCase())),
  );
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * Writes the records as an aligned table. The REF column is never cut (it is what the person types
 * next); on a terminal too narrow for everything, the OPEN, PRIORITY and DATE columns are left out
 * in that order while the title would get under 24 columns, then STATUS while it would get under 12,
 * and then the title is cut; a row is never wider than the terminal unless its REF alone is.
 */
export function writeTable(out: Output, decisions: Decision[], colour: boolean, refs: ReadonlyMap<string, string> = new Map()): void {
  const c = colours(colour);
  const statusColour: Record<string, (s: string) => string> = {
    accepted: c.green,
    proposed: c.yellow,
    draft: c.yellow,
    aborted: c.red,
    rejected: c.red,
    postponed: c.dim,
    deprecated: c.dim,
    superseded: c.dim,
  };
  // A cell is shown, never obeyed: control characters are made visible, and a line may not start with
  // `::` (GitHub Actions would read a record named `::error ...` as a workflow command).
  const rows = decisions.map((d) => {
    const open = d.actionItems.filter((a) => !a.done && !a.aborted).length;
    return {
      ref: printable(refs.get(d.file) ?? d.id).replace(/^::/, '\\::'),
      date: d.date ?? '-',
      status: d.status ?? '-',
      priority: d.priority ?? '-',
      items: d.actionItems.length ? `${open}/${d.actionItems.length}` : '-',
      title: printable(d.title),
    };
  });
  const head = { ref: 'REF', date: 'DATE', status: 'STATUS', priority: 'PRIORITY', items: 'OPEN', title: 'TITLE' };
  let cols: Array<'ref' | 'date' | 'status' | 'priority' | 'items'> = ['ref', 'date', 'status', 'priority', 'items'];
  const width: Record<string, number> = {};
  for (const col of cols) width[col] = Math.max(displayWidth(head[col]), ...rows.map((r) => displayWidth(r[col])));
  const used = () => cols.reduce((n, col) => n + width[col] + 2, 0);
  // On a terminal too narrow for a row, the least telling columns go before the title gets short
  // (the REF is never cut: it is what the person types next).
  if (out.isTTY && out.columns) {
    for (const drop of ['items', 'priority', 'date'] as const) if (out.columns - used() < 24) cols = cols.filter((col) => col !== drop);
    // A title cut to a few letters names nothing: then STATUS goes too (a long REF on a phone-sized terminal).
    if (out.columns - used() < 12) cols = cols.filter((col) => col !== 'status');
  }
  // Never wider than the terminal (a wrapped row reads as two): only a REF wider than it all wraps.
  const titleWidth = out.isTTY && out.columns ? Math.max(1, out.columns - used()) : Infinity;
  out.write(`${c.bold(cols.map((col) => pad(head[col], width[col])).join('  '))}  ${c.bold(head.title)}\n`);
  for (const r of rows) {
    const cells = cols.map((col) => {
      const text = pad(r[col], width[col]);
      if (col === 'status') return (statusColour[r.status] ?? ((s: string) => s))(text);
      if (col === 'priority' && r.priority === 'urgent') return c.red(text);
      return col === 'ref' ? c.cyan(text) : text;
    });
    out.write(`${cells.join('  ')}  ${truncate(r.title, titleWidth)}\n`);
  }
}

/**
 * Writes a JSON array one element at a time, formatted exactly as JSON.stringify(array, null, 2)
 * would: one string for 10,000 records held 600 MB at once.
 */
export function writeJsonArray<T>(out: Output, items: readonly T[], toJson: (item: T) => unknown): void {
  if (items.length === 0) {
    out.write('[]\n');
    return;
  }
  out.write('[\n');
  items.forEach((item, k) => {
    const body = JSON.stringify(toJson(item), null, 2).replace(/\n/g, '\n  ');
    out.write(`  ${body}${k < items.length - 1 ? ',' : ''}\n`);
  });
  out.write(']\n');
}

/** Prints parse diagnostics (unreadable files) to stderr, one line each. */
export function writeReadProblems(out: Output, log: Log, cwd: string, diagnostics: Diagnostic[] = log.diagnostics): void {
  for (const d of diagnostics) {
    if (d.severity === 'info') continue;
    out.write(`${displayPath(cwd, resolve(log.dir, d.file))}:${d.line}:${d.column}: ${d.severity}: ${printable(d.message)}\n`);
  }
}

/** The `adr list` command. */
export const command: Command = {
  summary: 'list the records of the log (table or --json)',
  help: `Usage: adr list [--dir DIR] [--status S[,S]] [--priority P[,P]] [--category C[,C]] [--json]

Examples:
  adr list
  adr list --status proposed,accepted --priority urgent
  adr list --json | jq '.[] | select(.status == "aborted") | .title'

List the decision records of the log: REF, date, status, priority, open/total action items, title.

Options:
  -d, --dir DIR         the log folder (default: found from the config, .adr-dir or decisions/)
      --status LIST     only these statuses (${STATUSES.join(', ')}, none)
      --priority LIST   only these priorities (${PRIORITIES.join(', ')})
      --category LIST   only these categories (for example Infrastructure)
      --json            print a JSON array, one object per record (fields in the README)
      --history         with --json: add created, updated, history (status changes with date,
                        commit and author) and renamedFrom, read from git in one pass
      --no-cache        parse every file again instead of using the parse cache
  -h, --help            show this help
`,
  async run(argv: string[], ctx: CommandContext): Promise<number> {
    const { values } = parseFlags(
      'list',
      argv,
      {
        status: { type: 'string' },
        priority: { type: 'string' },
        category: { type: 'string' },
        json: { type: 'boolean' },
        history: { type: 'boolean' },
        'no-cache': { type: 'boolean' },
      },
      0,
    );
    if (values.history && !values.json) throw new UsageError('--history adds git history to the JSON output: adr list --json --history (or adr history REF for one record)', 'list');
    const filters = {
      status: filterSet('status', values.status as string | undefined, STATUSES),
      priority: filterSet('priority', values.priority as string | undefined, PRIORITIES),
      category: filterSet('category', values.category as string | undefined, null),
    };
    const log = await readLog({ cwd: ctx.cwd, dir: values.dir as string | undefined, cache: !values['no-cache'], env: ctx.env });
    const decisions = filterDecisions(log.decisions, filters).sort(listOrder);
    const refs = recordRefs(log, ctx.cwd);
    writeReadProblems(ctx.stderr, log, ctx.cwd);
    if (values.json && values.history) {
      const { readLogHistory } = await import('./shared.js');
      const { histories, renamedFrom } = await readLogHistory(ctx, log, 'list', !values['no-cache']);
      writeJsonArray(ctx.stdout, decisions, (d) => ({ ...toListed(d, log, ctx.cwd, refs), ...historyFields(histories?.get(d.file), renamedFrom.get(d.file) ?? []) }));
      return 0;
    }
    if (values.json) {
      writeJsonArray(ctx.stdout, decisions, (d) => toListed(d, log, ctx.cwd, refs));
      return 0;
    }
    if (decisions.length === 0) {
      ctx.stdout.write(log.decisions.length === 0 ? 'No decision records in this log yet (adr new "Title" drafts one).\n' : 'No records match the filters.\n');
      return 0;
    }
    const colour = useColour(ctx.stdout, ctx.env);
    writeTable(ctx.stdout, decisions, colour, refs);
    return 0;
  },
};
