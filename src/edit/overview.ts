/**
 * The overview file (DECISIONS.md, FORMAT.md §2), generated from a log and kept in step.
 *
 * Pure text functions, no file system. The generated parts live in marked regions,
 * `<!-- adr:begin NAME -->` ... `<!-- adr:end NAME -->`; everything outside them is the
 * user's and is never touched. A hand-kept overview without markers is never restructured:
 * overview-merge.ts keeps it in step in place.
 *
 * Every table is sorted by (date, file), undated records last, so the output is a function of
 * the records alone (running twice changes nothing) and `adr new` can insert one row where a
 * full regeneration would put it.
 */
import type { ActionItem, Decision, Heading, Priority, Status } from '../model/index.js';
import { displayWidth } from '../output.js';
import { lineEnding } from '../parse/eol.js';
import { columnName, splitRow, type Align, type TableCell } from '../parse/table.js';
import { abandonedUndecided } from '../parse/overview-facts.js';
import { categoryLabel, SUMMARY_PRIORITY } from './templates.js';

/** The regions `adr overview` owns, in file order. */
export const REGION_NAMES = ['overview', 'action-items', 'documents', 'history', 'footer'] as const;

/** A region name. */
export type RegionName = (typeof REGION_NAMES)[number];

/** What generation needs besides the records. */
export interface OverviewOptions {
  /** The log folder as seen from the overview's folder, POSIX, no trailing slash (`decisions`; `.` when the same). */
  logPrefix: string;
  /** YYYY-MM-DD written in the footer when something changed. */
  today: string;
  /** The title of a newly created overview file. */
  title?: string;
}

/** The Status column: has the decision been made. */
export type StatusMarker = '❓' | '🔄' | '**✓**' | '**✗**' | '⏸️';

/** The Tasks column: is it carried out. */
export type TasksMarker = '◯' | '📌' | '🏃' | '**✓**' | '**✗**' | '**—**';

const PRIORITY_ORDER: Record<Priority, number> = { urgent: 0, important: 1, planning: 2, none: 3 };

function counts(items: readonly ActionItem[]): { open: number; done: number; aborted: number } {
  let open = 0;
  let done = 0;
  let aborted = 0;
  for (const item of items) {
    if (item.aborted) aborted++;
    else if (item.done) done++;
    else open++;
  }
  return { open, done, aborted };
}

/**
 * The Status column of a record (documented in the README):
 * proposed ❓ (🔄 once the status says "in progress" or an action item is done), draft and
 * unknown ❓, accepted / deprecated / superseded **✓**, rejected **✗**, postponed ⏸️,
 * aborted **✓** when it carries a decision date (decided, then abandoned), else **✗**; **✗**
 * also when its rationale says it was abandoned while undecided (`abandonedUndecided`).
 */
export function statusMarker(d: Pick<Decision, 'status' | 'statusText' | 'date' | 'actionItems'> & { headings?: readonly Heading[] }): StatusMarker {
  switch (d.status) {
    case 'accepted':
    case 'deprecated':
    case 'superseded':
      return '**✓**';
    case 'rejected':
      return '**✗**';
    case 'postponed':
      return '⏸️';
    case 'aborted':
      return d.date && !abandonedUndecided(d) ? '**✓**' : '**✗**';
    case 'proposed':
      return /🔄|in progress/i.test(d.statusText ?? '') || counts(d.actionItems).done > 0 ? '🔄' : '❓';
    default:
      return '❓';
  }
}

/**
 * The Tasks column of a record (documented in the README):
 * aborted **✗** when it was decided (dated) or abandoned while undecided by `adr abort`, else **—**; rejected **—**; no action items **—**;
 * every item done **✓**; every item aborted **✗**; some done and some open 🏃; open and none
 * done: 📌 queued when accepted, ◯ not started otherwise. Superseded and deprecated records
 * show **✓** when their items were all done, else **—** (what is left is moot).
 */
export function tasksMarker(d: Pick<Decision, 'status' | 'date' | 'actionItems'> & { headings?: readonly Heading[] }): TasksMarker {
  const c = counts(d.actionItems);
  if (d.status === 'aborted') return d.date || abandonedUndecided(d) ? '**✗**' : '**—**';
  if (d.status === 'rejected') return '**—**';
  if (d.status === 'superseded' || d.status === 'deprecated') return c.open === 0 && c.done > 0 ? '**✓**' : '**—**';
  if (c.open + c.done + c.aborted === 0) return '**—**';
  if (c.open === 0) return c.done > 0 ? '**✓**' : '**✗**';
  if (c.done > 0) return '🏃';
  return d.status === 'accepted' ? '📌' : '◯';
}

/** A table cell to splice (parse/table.ts's `TableCell`) and its column's alignment, when the table says. */
export type SpliceCell = TableCell & { align?: Align };

/**
 * The splice that puts `marker` into a cell while keeping the cell's width, so hand-aligned
 * tables stay aligned: centred where the column is centred (`:---:`, or padded evenly), else with
 * the old leading space. Falls back to replacing just the content when the marker does not fit.
 */
export function cellSplice(text: string, cell: SpliceCell, marker: string): { start: number; end: number; text: string } {
  const raw = text.slice(cell.rawStart, cell.rawEnd);
  const rawWidth = displayWidth(raw);
  const lead = cell.start - cell.rawStart;
  const trail = cell.rawEnd - cell.end;
  const width = displayWidth(marker);
  // A compact table (`| x |`) stays compact: only a padded cell is kept at its width.
  const compact = lead <= 1 && trail <= 1 && cell.align !== 'center' && cell.align !== 'right';
  if (!cell.text || compact || rawWidth < width + 2) return { start: cell.start, end: cell.end, text: marker };
  const centred = cell.align === 'center' || (cell.align !== 'left' && lead > 1 && Math.abs(lead - trail) <= 1);
  const left = centred ? Math.floor((rawWidth - width) / 2) : cell.align === 'right' ? rawWidth - width - 1 : Math.min(lead, rawWidth - width - 1);
  const right = rawWidth - width - left;
  if (left < 1 || right < 1) return { start: cell.start, end: cell.end, text: marker };
  return { start: cell.rawStart, end: cell.rawEnd, text: `${' '.repeat(left)}${marker}${' '.repeat(right)}` };
}

/** `2025-08-06` → `6.8.25` (the overview table's date style). */
export function shortDate(iso: string | null): string {
  if (!iso) return '-';
  const [y, m, d] = iso.split('-');
  return `${Number(d)}.${Number(m)}.${y.slice(-2)}`;
}

/** Text made safe for one table cell: one line, pipes escaped, never empty. */
export function cell(text: string | null | undefined): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim().replace(/(?<!\\)\|/g, '\\|');
  return t || '-';
}

/** Link text made safe inside `[...]`. */
function linkText(text: string): string {
  return cell(text).replace(/([[\]])/g, '\\$1');
}

/** The record's path as seen from the overview, URL-safe (spaces and parentheses encoded). */
export function recordHref(prefix: string, file: string): string {
  const path = prefix && prefix !== '.' ? `${prefix}/${file}` : file;
  return path.replace(/[ ()<>]/g, (ch) => encodeURIComponent(ch));
}

/** Sort key: dated records in date order, undated last, then by file. */
export function rowKey(d: Pick<Decision, 'date' | 'file'>): string {
  return `${d.date ?? '9999-99-99'}\u0000${d.file}`;
}

function sorted(decisions: readonly Decision[]): Decision[] {
  return [...decisions].sort((a, b) => (rowKey(a) < rowKey(b) ? -1 : rowKey(a) > rowKey(b) ? 1 : 0));
}

/** The one-line "Decision" of a record: its summary, else the reason on its status line. */
function decisionText(d: Decision): string | null {
  return d.summary ?? d.reason ?? null;
}

/** One row of the `## Decision Overview` table. */
export function overviewRow(d: Decision, prefix: string): string {
  const cells = [
    d.category ? categoryLabel(d.category) : '-',
    `[${linkText(d.title)}](${recordHref(prefix, d.file)})`,
    cell(decisionText(d)),
    shortDate(d.date),
    d.priority ? SUMMARY_PRIORITY[d.priority].emoji : '-',
    statusMarker(d),
    tasksMarker(d),
  ];
  return `| ${cells.join(' | ')} |`;
}

/**
 * The rows of one record in the decision table: one per sub-decision of an older summary-style
 * record (`## Monorepo Structure {#monorepo}`, linked as `file.md#monorepo`, with the
 * sub-decision's own decision and status and the record's date, priority and category), else one.
 */
export function overviewRows(d: Decision, prefix: string): string[] {
  if (!d.subDecisions.length) return [overviewRow(d, prefix)];
  return d.subDecisions.map((sub) => {
    const facts = { status: sub.status, statusText: sub.statusText, date: d.date, actionItems: d.actionItems };
    const cells = [
      d.category ? categoryLabel(d.category) : '-',
      `[${linkText(sub.title)}](${recordHref(prefix, d.file)}#${sub.id})`,
      cell(sub.decision),
      shortDate(d.date),
      d.priority ? SUMMARY_PRIORITY[d.priority].emoji : '-',
      statusMarker(facts),
      tasksMarker(facts),
    ];
    return `| ${cells.join(' | ')} |`;
  });
}

/** One row of the `## 📁 Detailed Decision Documents` table. */
export function documentRow(d: Decision, prefix: string): string {
  return `| ${d.date ?? '-'} | [${linkText(d.title)}](${recordHref(prefix, d.file)}) | ${cell(decisionText(d))} |`;
}

const OUTCOME: Partial<Record<Status, string>> = {
  accepted: '**✓** Decided',
  rejected: '**✗** Rejected',
  postponed: '⏸️ Postponed',
  deprecated: 'Deprecated',
  superseded: 'Superseded',
};

/** Whether a record belongs in the history: something was decided on its date. */
export function inHistory(d: Decision): boolean {
  return d.date !== null && d.status !== null && d.status !== 'proposed' && d.status !== 'draft';
}

/** One row of the `## 📊 Decision History` table. */
export function historyRow(d: Decision, prefix: string): string {
  const outcome = d.status === 'aborted' ? '**✗** Aborted' : (OUTCOME[d.status!] ?? d.status!);
  const reason = d.status === 'aborted' || d.status === 'rejected' || d.status === 'postponed' ? d.reason : null;
  return `| ${d.date} | [${linkText(d.title)}](${recordHref(prefix, d.file)}) | ${outcome}${reason ? ` - ${cell(reason)}` : ''} |`;
}

const OVERVIEW_HEADER = ['| Category | Topic | Decision | Date | Priority | Status | Tasks |', '|---|---|---|---|---|---|---|'];
const DOCUMENTS_HEADER = ['| Date | Document | Summary |', '|---|---|---|'];
const HISTORY_HEADER = ['| Date | Decision | Outcome |', '|---|---|---|'];

const LEGEND = [
  '### Legend',
  '',
  '| Status | Has it been decided? | Tasks | Is it carried out? | Priority | Horizon |',
  '|---|---|---|---|---|---|',
  '| ❓ | Under discussion | ◯ | Not started | 🔴 | Urgent (this week) |',
  '| 🔄 | In progress | 📌 | Queued | 🟡 | Important (2 weeks) |',
  '| **✓** | Decided | 🏃 | In progress | 🟢 | Planning (month) |',
  '| **✗** | Abandoned or rejected | **✓** | Done | ⚪ | No deadline |',
  '| ⏸️ | Postponed | **✗** | Aborted | - | Not set |',
  '| | | **—** | Not applicable | | |',
];

/** Horizon groups of the Action Items region, in order; `null` collects items under no horizon heading. */
export const HORIZON_GROUPS: ReadonlyArray<{ horizon: Priority | null; heading: string }> = [
  { horizon: 'urgent', heading: '🔴 This Week (Urgent)' },
  { horizon: 'important', heading: '🟡 Next 2 Weeks (Important)' },
  { horizon: 'planning', heading: '🟢 This Month (Planning)' },
  { horizon: 'none', heading: '⚪ No Deadline' },
  { horizon: null, heading: '📋 Ungrouped' },
];

/** An open action item: neither done nor aborted. */
export function isOpen(item: ActionItem): boolean {
  return !item.done && !item.aborted;
}

/** Rewrites the relative link targets of a record's markdown so they work from the overview's folder. */
function rebaseLinks(text: string, prefix: string, file: string): string {
  const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  return text.replace(/\]\(([^)\s]+)\)/g, (whole, target: string) => {
    if (/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(target)) return whole;
    const parts = [...(prefix && prefix !== '.' ? prefix.split('/') : []), ...(folder ? folder.split('/') : []), ...target.split('/')];
    const out: string[] = [];
    for (const part of parts) {
      if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
      else if (part !== '.' && part !== '') out.push(part);
    }
    return `](${out.join('/')})`;
  });
}

/** One open item as the overview lists it, ending in a reference to its record. */
export function itemLine(item: ActionItem, d: Decision, prefix: string): string {
  const href = recordHref(prefix, d.file);
  // The item as written (its own `[[Topic]](file.md)` reference included), links rebased to the overview's folder.
  const text = rebaseLinks((item.raw ?? item.text).replace(/\s+/g, ' ').trim(), prefix, d.file);
  const ref = `[[${linkText(d.title)}]](${href})`;
  return `- [ ] ${text.endsWith(`](${href})`) ? text : `${text} ${ref}`}`;
}

/** The body of each region (without its markers), `\n` line endings, no trailing newline. */
export function generateRegions(decisions: readonly Decision[], options: OverviewOptions): Record<RegionName, string> {
  const rows = sorted(decisions);
  const prefix = options.logPrefix;

  const open = rows.flatMap((d) => d.actionItems.filter(isOpen).map((item) => ({ item, d })));
  open.sort((a, b) => {
    const pa = a.d.priority ? PRIORITY_ORDER[a.d.priority] : 9;
    const pb = b.d.priority ? PRIORITY_ORDER[b.d.priority] : 9;
    if (pa !== pb) return pa - pb;
    const ka = rowKey(a.d);
    const kb = rowKey(b.d);
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.item.line - b.item.line;
  });
  const actionLines: string[] = ['## 🎯 Action Items', ''];
  for (const group of HORIZON_GROUPS) {
    const items = open.filter(({ item }) => (item.horizon ?? null) === group.horizon);
    if (!items.length) continue;
    actionLines.push(`### ${group.heading}`, '', ...items.map(({ item, d }) => itemLine(item, d, prefix)), '');
  }
  if (!open.length) actionLines.push('_No open action items._', '');

  return {
    overview: ['## Decision Overview', '', ...OVERVIEW_HEADER, ...rows.flatMap((d) => overviewRows(d, prefix)), '', ...LEGEND].join('\n'),
    'action-items': actionLines.join('\n').trimEnd(),
    documents: ['## 📁 Detailed Decision Documents', '', ...DOCUMENTS_HEADER, ...rows.map((d) => documentRow(d, prefix))].join('\n'),
    history: ['## 📊 Decision History', '', ...HISTORY_HEADER, ...rows.filter(inHistory).map((d) => historyRow(d, prefix))].join('\n'),
    footer: footerLine(options.today),
  };
}

/** The footer region's text. */
export function footerLine(date: string): string {
  return `_Last Updated: ${date}_`;
}

/** The marker lines of a region. */
export function beginMarker(name: string): string {
  return `<!-- adr:begin ${name} -->`;
}

/** The closing marker line of a region. */
export function endMarker(name: string): string {
  return `<!-- adr:end ${name} -->`;
}

function wrap(name: RegionName, body: string, eol: string): string {
  return [beginMarker(name), ...body.split('\n'), endMarker(name)].join(eol);
}

/** A whole new overview file, `\n` line endings. */
export function renderOverview(decisions: readonly Decision[], options: OverviewOptions): string {
  const regions = generateRegions(decisions, options);
  const intro = [
    `# ${options.title ?? 'Decisions'}`,
    '',
    `The decisions of this project, one record each in [${options.logPrefix}/](${options.logPrefix === '.' ? '.' : options.logPrefix}/).`,
    'The marked regions below are generated by `adr overview` from the records; text outside them is kept as written.',
  ];
  return [...intro, '', ...REGION_NAMES.flatMap((name) => [wrap(name, regions[name], '\n'), ''])].join('\n');
}

/** A region found in a file: offsets of its body (between the marker lines). */
interface FoundRegion {
  name: string;
  bodyStart: number;
  bodyEnd: number;
}

const REGION = /^[ \t]*<!-- adr:begin ([a-z-]+) -->[ \t]*\r?\n([\s\S]*?)^[ \t]*<!-- adr:end \1 -->/gm;

/** The marked regions of a file, in order. */
export function findRegions(text: string): FoundRegion[] {
  const found: FoundRegion[] = [];
  REGION.lastIndex = 0;
  for (let m = REGION.exec(text); m; m = REGION.exec(text)) {
    const bodyStart = m.index + m[0].indexOf('\n') + 1;
    found.push({ name: m[1], bodyStart, bodyEnd: bodyStart + m[2].length });
  }
  return found;
}

const FOOTER_DATE = /(_+\s*\**Last Updated\**\s*:\s*\**)(\d{4}-\d{2}-\d{2})/;

/** What `updateOverview` did. */
export interface OverviewUpdate {
  text: string;
  /** Whether anything but the footer date differs from the input. */
  changed: boolean;
  /** Whether a hand-kept file is being adopted (set by `adr overview`'s merge; never by the region update). */
  adopted: boolean;
}

/**
 * Brings an existing overview in step: every marked region gets its generated body (a file
 * without markers is left as it is: see overview-merge.ts). The footer date (`_Last Updated: …_`, in the footer
 * region or in a hand-kept footer line) moves to `options.today` only when something else
 * changed, so running twice, or on another day with nothing new, changes nothing.
 * Line endings follow the file's own.
 */
export function updateOverview(existing: string, decisions: readonly Decision[], options: OverviewOptions): OverviewUpdate {
  const bodies = generateRegions(decisions, options);
  return applyRegions(existing, bodies, options.today);
}

/** `updateOverview` with the region bodies already generated (or edited, for one-row updates). */
export function applyRegions(existing: string, bodies: Partial<Record<RegionName, string>>, today: string): OverviewUpdate {
  const eol = lineEnding(existing);
  const bom = existing.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = existing.slice(bom.length);
  // A hand-kept overview (no regions) is never restructured: it is merged in place (overview-merge.ts).
  const regions = findRegions(text);
  // Replace bodies from the end so earlier offsets stay valid. The footer keeps its date for now.
  let next = text;
  for (const r of [...regions].reverse()) {
    if (!(REGION_NAMES as readonly string[]).includes(r.name)) continue;
    const name = r.name as RegionName;
    let body = bodies[name];
    if (body === undefined) continue;
    if (name === 'footer') {
      const old = FOOTER_DATE.exec(next.slice(r.bodyStart, r.bodyEnd));
      body = footerLine(old ? old[2] : today);
    }
    next = next.slice(0, r.bodyStart) + body.split('\n').join(eol) + eol + next.slice(r.bodyEnd);
  }
  const changed = next !== text;
  if (changed) next = stampFooter(next, today);
  return { text: bom + next, changed, adopted: false };
}

/** Sets the date of the first hand-kept `_Last Updated: …_` line (a merged hand-kept overview changed). */
export function stampFooterLine(text: string, today: string): string {
  return text.replace(FOOTER_DATE, `$1${today}`);
}

/** Sets the date of the footer region, or of the first hand-kept `_Last Updated: …_` line. */
function stampFooter(text: string, today: string): string {
  const footer = findRegions(text).find((r) => r.name === 'footer');
  if (footer) {
    const body = text.slice(footer.bodyStart, footer.bodyEnd);
    return text.slice(0, footer.bodyStart) + body.replace(FOOTER_DATE, `$1${today}`) + text.slice(footer.bodyEnd);
  }
  return text.replace(FOOTER_DATE, `$1${today}`);
}

/** The generated body of `name` in a file, `\n` line endings, or null when the file has no such region. */
export function regionBody(text: string, name: RegionName): string | null {
  const r = findRegions(text).find((x) => x.name === name);
  return r ? text.slice(r.bodyStart, r.bodyEnd).replace(/\r\n/g, '\n').replace(/\n$/, '') : null;
}

/**
 * The sort key of a generated table row (see `rowKey`): the file from the row's first link
 * (decoded, the log prefix removed), the date from cell `dateCol` (0-based, `splitRow`'s) read with `parseDate`.
 */
export function tableRowKey(line: string, dateCol: number, prefix: string, parseDate: (text: string) => string | null): string {
  const link = /\]\(([^)\s]+)\)/.exec(line);
  let path = link ? link[1] : '';
  try {
    path = decodeURIComponent(path);
  } catch {
    // a malformed escape in a hand-edited row: compare it as written
  }
  const file = prefix && prefix !== '.' && path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : path;
  const cells = splitRow(line);
  const date = dateCol >= 0 && cells[dateCol] !== undefined ? parseDate(cells[dateCol].text) : null;
  return rowKey({ date, file });
}

/**
 * Inserts (or replaces) one record's row in a generated, date-sorted table body, where a full
 * regeneration would put it: before the first row whose (date, file) comes later. The file is
 * read from each row's first link, the date from the column headed `Date`.
 */
export function insertRow(body: string, row: string, key: { date: string | null; file: string }, prefix: string, parseDate: (text: string) => string | null): string {
  const lines = body.split('\n');
  const headerAt = lines.findIndex((l) => /^\|.*\|\s*$/.test(l));
  if (headerAt < 0) return body;
  const dateCol = splitRow(lines[headerAt]).map((c) => columnName(c.text)).indexOf('date');
  const first = headerAt + 2;
  let end = first;
  while (end < lines.length && lines[end].startsWith('|')) end++;
  const marker = `](${recordHref(prefix, key.file)})`;
  if (body.includes(marker)) {
    for (let i = first; i < end; i++) {
      if (lines[i].includes(marker)) {
        lines[i] = row; // already listed: bring it in step
        return lines.join('\n');
      }
    }
  }
  const keyOf = (line: string) => tableRowKey(line, dateCol, prefix, parseDate);
  // New records are the newest: walk back from the end past the rows that sort after it.
  const newKey = rowKey(key);
  let at = end;
  while (at > first && keyOf(lines[at - 1]) > newKey) at--;
  lines.splice(at, 0, row);
  return lines.join('\n');
}
