/**
 * Keeping a hand-kept overview (DECISIONS.md without `adr:` regions) in step, in place.
 *
 * A person's overview holds more than the records say: rows that link no record ("Launch
 * strategy"), rows for sub-decisions (`file.md#hosting`), their own Decision and Category wording,
 * a `### ✅ Completed/Aborted` list, placeholders (`[Community Platform Decision - TBD]`), a legend
 * and a history of their own. Nothing of that is regenerated. Merging only
 *
 * - rewrites the Status, Tasks, Priority and Date cells of a row that drift from what its record
 *   states (a cell the record states nothing for stays), keeping the cell's width;
 * - adds a row, in the table's own style, for a record that has none, next to the rows of the same
 *   status where the table groups them;
 * - adds each record's open action items that the list lacks under their horizon heading; an item
 *   the record has aborted moves to the Completed/Aborted group in that group's own style (or,
 *   with no such group, is struck and marked aborted where it stands), one it has done is struck and
 *   checked off where it stands; an item the record does not have is kept. No line is ever dropped.
 *
 * Pure text, no file system: bytes outside the edited lines never change, CRLF and a BOM stay.
 */
import type { ActionItem, Decision, Overview } from '../model/index.js';
import { itemKey, pairReworded, sameItem } from '../model/items.js';
import { decisionTables, overviewStatus, overviewTasks, parseOverview } from '../parse/overview.js';
import { splitRow, type Align, type TableCell } from '../parse/table.js';
import { lineEnding } from '../parse/eol.js';
import { canonicalCategory, canonicalPriority, horizonOf, isUndecidedDate, parseDate } from '../parse/vocab.js';
import { categoryLabel } from './templates.js';
import { ITALIC_FOOTER_LINE } from './sections.js';
import { displayWidth } from '../output.js';
import { cellSplice, HORIZON_GROUPS, isOpen, itemLine, overviewRow, overviewRows, recordHref, tasksMarker } from './overview.js';
import { STATUS_ACCEPTS } from '../model/overview.js';
import { priorityAgrees, tasksAccepted, tasksExpected } from '../parse/overview-facts.js';

/** The marker line `adr overview --adopt` adds to a hand-kept overview: every later edit then merges all of it. */
export const ADOPTED_MARKER = '<!-- adr:hand-kept: adr overview updates this file in place and keeps hand-written rows and items -->';

/** Whether a text carries the adopted marker. */
export function isAdopted(text: string): boolean {
  return /^[ \t]*<!-- adr:hand-kept\b/m.test(text);
}

/** The text with the adopted marker as its last line (after a blank line), in the file's line endings. */
export function withAdoptedMarker(text: string): string {
  const cr = lineEnding(text) === '\r\n' ? '\r' : '';
  const eol = `${cr}\n`;
  const body = text.endsWith('\n') ? text : text.length ? text + eol : text;
  return `${body}${body.length ? eol : ''}${ADOPTED_MARKER}${eol}`;
}

/** What a merge needs besides the text and the records. */
export interface MergeOptions {
  /** The log folder as seen from the overview's folder (`decisions`). */
  prefix: string;
  /** The overview's path relative to the log folder (`../DECISIONS.md`), and the log folder's name. */
  overviewFile: string;
  logName: string;
  /** Only these records (files relative to the log folder); null: every record. */
  files: ReadonlySet<string> | null;
  /**
   * Whether open items missing from the list are added (default true). A status change on an
   * overview never adopted passes false: it brings the record's row and closed items in step and
   * leaves older drift to `adr overview`.
   */
  addItems?: boolean;
}

type Column = 'date' | 'priority' | 'status' | 'tasks';

/** Whether a written cell already says what the record states (in any style the file uses). */
function sameCell(column: Column, written: string, wanted: string): boolean {
  if (written === wanted) return true;
  if (column === 'status') return overviewStatus(written) !== null && overviewStatus(written) === overviewStatus(wanted);
  if (column === 'tasks') return overviewTasks(written) !== null && overviewTasks(written) === overviewTasks(wanted);
  if (column === 'priority') return canonicalPriority(written) !== null && canonicalPriority(written) === canonicalPriority(wanted);
  const date = (t: string) => (t.trim() === '-' ? null : parseDate(t).date);
  return date(written) === date(wanted);
}

/** The decision table as a merge uses it: columns by meaning, alignments, widths, and its lines (0-based). */
interface Table {
  header: string[];
  align: Align[];
  /** Display width of each delimiter cell between its pipes. */
  widths: number[];
  readonly padded: boolean;
  delimiter: number;
  rows: number[];
}

/**
 * Every decision table of the file (parse/overview.ts's `decisionTables`, so the merge edits the
 * very rows the overview parser and `adr check` read): a person may keep one table per area.
 */
function findDecisionTables(text: string, lines: readonly string[]): Table[] {
  return decisionTables(text).map((t) => {
    const rows = t.rows.map((n) => n - 1);
    const headerAt = t.header - 1;
    const delimiterLine = lines[t.delimiter - 1].replace(/\r$/, '');
    const width = (n: number) => displayWidth(lines[n].replace(/\r$/, '').trimEnd());
    return {
      header: t.meaning,
      align: t.align,
      widths: splitRow(delimiterLine).map((c) => displayWidth(delimiterLine.slice(c.rawStart, c.rawEnd))),
      // Padded (prettier-aligned) when most rows are as wide as the header; a compact `| x |` table stays
      // compact. Measured only when a row is added (a 10,000-row table is mostly left alone).
      get padded() {
        const value = rows.length > 0 && rows.filter((r) => width(r) === width(headerAt)).length * 2 >= rows.length;
        Object.defineProperty(this, 'padded', { value });
        return value;
      },
      delimiter: t.delimiter - 1,
      rows,
    };
  });
}

/** `content` padded to a cell of display width `width` (centred for a centred column). */
function pad(content: string, width: number, align: Align): string {
  const w = displayWidth(content);
  if (width < w + 2) return ` ${content} `;
  if (align === 'center') {
    const left = Math.floor((width - w) / 2);
    return `${' '.repeat(left)}${content}${' '.repeat(width - w - left)}`;
  }
  if (align === 'right') return `${' '.repeat(width - w - 1)}${content} `;
  return ` ${content}${' '.repeat(width - w - 1)}`;
}

/** The splice of `marker` into `cell` of `line`, keeping the cell's width where it fits: the one implementation `adr check --fix` uses too. */
function spliceCell(line: string, cell: TableCell, marker: string, align: Align): string {
  const e = cellSplice(line, { ...cell, align }, marker);
  return line.slice(0, e.start) + e.text + line.slice(e.end);
}

/** Line edits collected during a merge, applied in one pass. */
class LineEdits {
  readonly replace = new Map<number, string | null>();
  readonly after = new Map<number, string[]>();
  readonly before = new Map<number, string[]>();
  constructor(readonly lines: string[]) {}
  current(i: number): string {
    const r = this.replace.get(i);
    return r === undefined || r === null ? this.lines[i] : r;
  }
  insertAfter(i: number, add: string[]): void {
    this.after.set(i, [...(this.after.get(i) ?? []), ...add]);
  }
  insertBefore(i: number, add: string[]): void {
    this.before.set(i, [...(this.before.get(i) ?? []), ...add]);
  }
  apply(cr: string): string {
    const out: string[] = [];
    this.lines.forEach((line, i) => {
      for (const l of this.before.get(i) ?? []) out.push(l + cr);
      const r = this.replace.get(i);
      if (r !== null) out.push(r === undefined ? line : r);
      for (const l of this.after.get(i) ?? []) out.push(l + cr);
    });
    return out.join('\n');
  }
}

/**
 * Brings a hand-kept overview in step with `decisions` (see the module comment). Returns the new
 * text; the same string when nothing drifts, so a second run changes nothing.
 */
export function mergeHandKept(text: string, decisions: readonly Decision[], options: MergeOptions): string {
  const cr = lineEnding(text) === '\r\n' ? '\r' : '';
  const lines = text.split('\n');
  const edits = new LineEdits(lines);
  const overview = parseOverview(options.overviewFile, text, options.logName);
  const inScope = (d: Decision) => !options.files || options.files.has(d.file);
  const byFile = new Map(decisions.map((d) => [d.file, d]));
  const ctx: MergeContext = { edits, overview, tables: findDecisionTables(text, lines), decisions, byFile, inScope, options };
  mergeRows(ctx);
  mergeItems(ctx);
  return edits.apply(cr);
}

/** What both halves of a merge work on. */
interface MergeContext {
  edits: LineEdits;
  overview: Overview;
  tables: Table[];
  decisions: readonly Decision[];
  byFile: ReadonlyMap<string, Decision>;
  inScope: (d: Decision) => boolean;
  options: MergeOptions;
}

/** Updates drifting cells of rows that link a record, and adds rows for records with none. */
function mergeRows({ edits, overview, tables, decisions, byFile, inScope, options }: MergeContext): void {
  if (!tables.length) return;
  const tableOf = new Map<number, Table>();
  for (const t of tables) for (const r of t.rows) tableOf.set(r, t);
  const styles = new Map<Table, TableStyle>();
  const styleOf = (t: Table) => {
    let style = styles.get(t);
    if (!style) styles.set(t, (style = new TableStyle(edits.lines, t)));
    return style;
  };
  const rowsOf = new Map<string, number>();
  for (const row of overview.rows) {
    const d = row.target ? byFile.get(row.target) : undefined;
    if (!d) continue;
    rowsOf.set(d.file, (rowsOf.get(d.file) ?? 0) + 1);
    const i = row.line - 1;
    const table = tableOf.get(i);
    if (!inScope(d) || !table) continue;
    const sub = row.anchor ? d.subDecisions.find((s) => s.id.toLowerCase() === row.anchor!.toLowerCase()) : undefined;
    // An anchor naming none of the record's sub-decisions says nothing about which one the row means.
    if (row.anchor && !sub && d.subDecisions.length) continue;
    if (rowAgrees(row, d, sub)) continue;
    const fresh = splitRow(sub ? overviewRows(d, options.prefix)[d.subDecisions.indexOf(sub)] : overviewRow(d, options.prefix));
    const wanted: Record<Column, string> = { date: fresh[3].text, priority: fresh[4].text, status: fresh[5].text, tasks: fresh[6].text };
    let line = edits.current(i);
    const cells = splitRow(line.replace(/\r$/, ''));
    for (let c = cells.length - 1; c >= 0; c--) {
      const name = table.header[c] as Column;
      if (!(name in wanted)) continue;
      // A fact the record does not state says nothing about the row: the cell stays as written
      // (Tasks **—** is a fact once the record has action items: all of them closed by an abort or a supersede).
      // A record whose date says TBD does state a fact: the row's date goes back to `-`.
      if (/^[-—]$/.test(wanted[name].replace(/\*/g, '').trim()) && !(name === 'tasks' && d.actionItems.length > 0) && !(name === 'date' && undecided(d))) continue;
      if (sub && name === 'tasks') continue;
      const written = cells[c].text;
      if (sameCell(name, written, wanted[name])) continue;
      if (name === 'status' && acceptsStatus(written, sub ? sub.status : d.status)) continue;
      if (name === 'priority' && canonicalPriority(written) !== null && priorityAgrees(canonicalPriority(written)!, d)) continue;
      if (name === 'tasks' && tasksFine(d, overviewStatus(cells[table.header.indexOf('status')]?.text ?? ''), overviewTasks(written), wanted.tasks)) continue;
      line = spliceCell(line, cells[c], styled(styleOf(table), name, wanted[name]), table.align[c] ?? null);
    }
    if (line !== edits.current(i)) edits.replace.set(i, line);
  }
  for (const d of decisions) {
    if (!inScope(d) || rowsOf.has(d.file)) continue;
    // With one table per area, the record joins the table that already lists its category.
    const table = (d.category && tables.find((t) => styleOf(t).hasCategory(d.category!))) || tables[0];
    for (const row of overviewRows(d, options.prefix)) addRow(edits, styleOf(table), d, row);
  }
}

/**
 * Whether a row, as read, already agrees with its record in every cell a merge may rewrite: the
 * common case, decided from the parsed row without splitting the line (a 10,000-row table is
 * mostly rows in step). Conservative: false sends the row through the cell-by-cell comparison.
 */
function rowAgrees(row: Overview['rows'][number], d: Decision, sub: Decision['subDecisions'][number] | undefined): boolean {
  const status = sub ? sub.status : d.status;
  if (status === null || row.status === null || !STATUS_ACCEPTS[status].includes(row.status)) return false;
  if (!sub && (row.tasks === null || !tasksFine(d, row.status, row.tasks, tasksMarker(d)))) return false;
  if (d.priority !== null && row.priority !== d.priority) return false;
  return d.date === null ? !(undecided(d) && row.date !== null) : row.date === d.date;
}

/** Whether a record says its date is not decided yet (`TBD`), rather than giving none or an unreadable one. */
function undecided(d: Decision): boolean {
  return d.date === null && d.dateText !== null && isUndecidedDate(d.dateText);
}

/**
 * Whether a row's Tasks value can stay: what `adr check` accepts for the record, or, where the check
 * accepts anything (superseded, deprecated, postponed), the marker the record gives (**—** once its
 * items are all closed), so a superseded record's row does not keep saying ◯ not started.
 */
function tasksFine(d: Decision, rowStatus: Decision['status'], rowTasks: ReturnType<typeof overviewTasks>, wanted: string): boolean {
  if (rowTasks === null) return false;
  const ok = rowStatus !== null && d.status !== null && STATUS_ACCEPTS[d.status].includes(rowStatus) ? rowStatus : null;
  const expected = tasksExpected(d, ok);
  if (expected) return expected.ok.includes(rowTasks);
  if (d.actionItems.length === 0) return tasksAccepted(d, rowStatus, rowTasks);
  return overviewTasks(wanted) === rowTasks;
}

function acceptsStatus(written: string, status: Decision['status']): boolean {
  const canonical = overviewStatus(written);
  return canonical !== null && status !== null && STATUS_ACCEPTS[status].includes(canonical);
}

type Canon = (text: string) => string | null;

/** The canonical reading of a column's cells, where the column has one. */
function canonOf(column: string): Canon | null {
  if (column === 'category') return (t) => canonicalCategory(t);
  if (column === 'status') return overviewStatus;
  if (column === 'tasks') return overviewTasks;
  if (column === 'priority') return canonicalPriority;
  return null;
}

/**
 * The style of the decision table as written, read once per merge (rows added or cells rewritten in
 * a 10,000-row table must not rescan it each time): each row's cells, the first cell saying each
 * canonical value per column, whether categories are bold, and where each Status (and Tasks) group ends.
 */
class TableStyle {
  private readonly rows: Array<{ r: number; line: string; cells: TableCell[] }>;
  private readonly donors = new Map<string, { text: string; raw: string }>();
  private readonly ends = new Map<string, number | null>();
  readonly bold: boolean;

  constructor(
    lines: readonly string[],
    readonly table: Table,
  ) {
    this.rows = table.rows.map((r) => {
      const line = lines[r].replace(/\r$/, '');
      return { r, line, cells: splitRow(line) };
    });
    table.header.forEach((name, c) => {
      const canon = canonOf(name);
      if (!canon) return;
      for (const row of this.rows) {
        const cell = row.cells[c];
        if (!cell || cell.text.length > 40 || cell.text.includes('](')) continue;
        const value = canon(cell.text);
        const key = `${c}\0${value}`;
        if (value !== null && !this.donors.has(key)) this.donors.set(key, { text: cell.text, raw: row.line.slice(cell.rawStart, cell.rawEnd) });
      }
    });
    const catCol = table.header.indexOf('category');
    this.bold = catCol >= 0 && this.rows.filter((e) => /\*\*[^*]+\*\*/.test(e.cells[catCol]?.text ?? '')).length * 2 > this.rows.length;
  }

  /** Whether a row of the table has this canonical category. */
  hasCategory(category: string): boolean {
    const c = this.table.header.indexOf('category');
    return c >= 0 && this.donors.has(`${c}\0${category}`);
  }

  /** The first cell of column `c` saying `value` (canonically), or null. */
  donor(c: number, value: string | null): { text: string; raw: string } | null {
    return value === null ? null : (this.donors.get(`${c}\0${value}`) ?? null);
  }

  /** The last row of the rows with this Status (and Tasks, when given), when they stand together; else null. */
  groupEnd(status: string | null, tasks: string | null | undefined): number | null {
    const key = `${status}\0${tasks === undefined ? '*' : tasks}`;
    if (this.ends.has(key)) return this.ends.get(key)!;
    const sc = this.table.header.indexOf('status');
    const tc = this.table.header.indexOf('tasks');
    const hits: number[] = [];
    this.rows.forEach((e, k) => {
      if (sc < 0 || overviewStatus(e.cells[sc]?.text ?? '') !== status) return;
      if (tasks !== undefined && (tc < 0 || overviewTasks(e.cells[tc]?.text ?? '') !== tasks)) return;
      hits.push(k);
    });
    const end = hits.length && hits[hits.length - 1] - hits[0] === hits.length - 1 ? this.rows[hits[hits.length - 1]].r : null;
    this.ends.set(key, end);
    return end;
  }
}

/** A marker in the style the table already writes it (another row's cell saying the same), else as generated. */
function styled(style: TableStyle, column: string, wanted: string): string {
  const c = style.table.header.indexOf(column);
  const canon = canonOf(column);
  if (!canon || c < 0 || column === 'category') return wanted;
  const donor = style.donor(c, canon(wanted));
  return donor && donor.text.length <= 16 ? donor.text : wanted;
}

/**
 * Adds a row for `d` in the table's own style: cells borrowed from a row saying the same
 * (a category written `🏗️ **Infra**`, a status written `**✓**`) with that row's padding, other
 * cells padded to the column widths, bold categories where the table writes them bold; inserted
 * after the last row with the same Status and Tasks (else Status) when those rows stand together,
 * else at the end of the table.
 */
function addRow(edits: LineEdits, style: TableStyle, d: Decision, generated: string): void {
  const table = style.table;
  const fresh = splitRow(generated).map((c) => c.text);
  const names = ['category', 'topic', 'decision', 'date', 'priority', 'status', 'tasks'];
  const out: string[] = [];
  table.header.forEach((name, c) => {
    let content = names.indexOf(name) >= 0 ? fresh[names.indexOf(name)] : '-';
    const canon = canonOf(name);
    if (canon && content !== '-') {
      // Borrow the whole cell (padding included) from a row saying the same thing.
      const donor = style.donor(c, canon(name === 'category' && d.category ? d.category : content));
      if (donor) {
        out.push(donor.raw);
        return;
      }
    }
    if (name === 'category' && d.category && style.bold) content = categoryLabel(d.category).replace(d.category, `**${d.category}**`);
    out.push(table.padded ? pad(content, table.widths[c] ?? 0, table.align[c] ?? null) : ` ${content} `);
  });
  const status = overviewStatus(fresh[5]);
  const tasks = overviewTasks(fresh[6]);
  // Where the table groups rows by status, the new row joins its group.
  const at = style.groupEnd(status, tasks) ?? style.groupEnd(status, undefined) ?? (table.rows.length ? table.rows[table.rows.length - 1] : table.delimiter);
  edits.insertAfter(at, [`|${out.join('|')}|`]);
}

/** The Action Items section: its heading line, end (exclusive), and its group headings. */
interface ActionSection {
  start: number;
  end: number;
  groups: Array<{ line: number; text: string; horizon: ReturnType<typeof horizonOf>; completed: boolean }>;
}

function findActionSection(lines: readonly string[]): ActionSection | null {
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(```|~~~)/.test(lines[i])) fence = !fence;
    if (fence) continue;
    const h = /^ {0,3}(#{1,6})\s+(.*?)\s*\r?$/.exec(lines[i]);
    if (!h || !/action items|priority actions/i.test(h[2])) continue;
    const depth = h[1].length;
    const groups: ActionSection['groups'] = [];
    let end = lines.length;
    let inFence = false;
    for (let k = i + 1; k < lines.length; k++) {
      if (/^\s*(```|~~~)/.test(lines[k])) inFence = !inFence;
      if (inFence) continue;
      const g = /^ {0,3}(#{1,6})\s+(.*?)\s*\r?$/.exec(lines[k]);
      if (!g) continue;
      if (g[1].length <= depth) {
        end = k;
        break;
      }
      const words = g[2].replace(/[*_]/g, '');
      groups.push({ line: k, text: words, horizon: horizonOf(words), completed: /complete|abort|done/i.test(words) });
    }
    // A trailing rule, and the page's italic footer (`_Last Updated: …_`) when the section is the
    // last one, belong to the page, not to the section: new items and groups go above them.
    const pageEnd = (line: string) => /^\s*(\r)?$|^ {0,3}([-*_])(\s*\2){2,}\s*\r?$/.test(line);
    while (end > i + 1 && pageEnd(lines[end - 1])) end--;
    let k = end;
    while (k > i + 1 && ITALIC_FOOTER_LINE.test(lines[k - 1])) k--;
    if (k < end && k > i + 1 && pageEnd(lines[k - 1])) {
      end = k;
      while (end > i + 1 && pageEnd(lines[end - 1])) end--;
    }
    return { start: i, end, groups };
  }
  return null;
}

/** The last line of a group's content (its last non-blank line before the next heading). */
function groupLastLine(lines: readonly string[], section: ActionSection, g: number): number {
  const stop = g + 1 < section.groups.length ? section.groups[g + 1].line : section.end;
  let last = section.groups[g].line;
  for (let k = section.groups[g].line + 1; k < stop; k++) if (lines[k].trim() !== '') last = k;
  return last;
}

const REF_AT_END = /\s*(\[\[[^\]]*\]\]\([^)]*\)|\[[^\]]*\]\([^)]*\)|\[[^\]]*(?:TBD|TBA)[^\]]*\])\s*$/i;

/** Splits an open item line into its text and its trailing reference. */
function itemParts(line: string): { indent: string; text: string; ref: string } {
  const m = /^(\s*[-*+] )\[ \] (.*?)\s*\r?$/.exec(line);
  const body = m ? m[2] : line.trim();
  const ref = REF_AT_END.exec(body);
  return { indent: m ? m[1] : '- ', text: ref ? body.slice(0, ref.index) : body, ref: ref ? ref[1] : '' };
}

/** The reason an aborted item carries (`**✗** **ABORTED** - reason` → `reason`), else null. */
function abortReason(item: ActionItem | undefined): string | null {
  const note = item?.note ?? '';
  const m = /ABORTED\**\s*[-–—:]\s*(.+)$/i.exec(note);
  return m ? m[1].trim() : null;
}

/** Adds missing open items, moves or checks off items their record closed. */
function mergeItems({ edits, overview, decisions, inScope, options }: MergeContext): void {
  const lines = edits.lines;
  const section = findActionSection(lines);
  if (!section) return;
  const listedBy = new Map<string, Overview['actionItems']>();
  for (const item of overview.actionItems) {
    if (!item.target || item.line - 1 < section.start || item.line - 1 >= section.end) continue;
    const list = listedBy.get(item.target);
    if (list) list.push(item);
    else listedBy.set(item.target, [item]);
  }
  const completedAt = section.groups.findIndex((g) => g.completed);
  const completedStyle = (() => {
    if (completedAt < 0) return '**✗** **ABORTED**';
    const last = groupLastLine(lines, section, completedAt);
    for (let k = section.groups[completedAt].line + 1; k <= last; k++) {
      const m = /(❌|\*\*✗\*\*|✗)\s*\*\*ABORTED\*\*/.exec(lines[k]);
      if (m) return m[0];
    }
    return '**✗** **ABORTED**';
  })();
  const moved: string[] = [];
  const added = new Map<number | string | null, string[]>();

  for (const d of decisions) {
    if (!inScope(d)) continue;
    const listed = listedBy.get(d.file) ?? [];
    const open = d.actionItems.filter(isOpen);
    const listedKeys = listed.map((l) => itemKey(l.text));
    const openKeys = open.map((o) => itemKey(o.text));
    const listedMatched = new Set<number>();
    const openMatched = new Set<number>();
    openKeys.forEach((key, j) => {
      const i = listedKeys.findIndex((k, n) => !listedMatched.has(n) && sameItem(k, key));
      if (i >= 0) {
        listedMatched.add(i);
        openMatched.add(j);
      }
    });
    // Closed in the record: aborted items move, done ones are checked off where they stand.
    const closedOf = (i: number) => d.actionItems.find((x) => !isOpen(x) && sameItem(itemKey(x.text), listedKeys[i]));
    listed.forEach((item, i) => {
      if (listedMatched.has(i)) return;
      const closed = closedOf(i);
      if (!closed && d.status !== 'aborted') return;
      listedMatched.add(i);
      const at = item.line - 1;
      const { indent, text, ref } = itemParts(lines[at]);
      const cr = lines[at].endsWith('\r') ? '\r' : '';
      if (closed && !closed.aborted) {
        const note = closed.note ? ` ${closed.note}` : ' ✅';
        edits.replace.set(at, `${indent}[x] ~~${text.trim()}~~${note}${ref ? ` ${ref}` : ''}${cr}`);
        return;
      }
      const reason = abortReason(closed) ?? d.reason;
      const struck = `${indent}[x] ~~${text.trim()}~~ ${completedStyle}${reason ? ` - ${reason}` : ''}${ref ? ` ${ref}` : ''}`;
      // Into the Completed/Aborted group where the overview keeps one, else struck where it stands: never dropped.
      if (completedAt >= 0) {
        edits.replace.set(at, null);
        moved.push(struck);
      } else edits.replace.set(at, struck + cr);
    });
    // Reworded on one side: paired, kept as written.
    const restListed = listed.map((_, i) => i).filter((i) => !listedMatched.has(i));
    const restOpen = open.map((_, j) => j).filter((j) => !openMatched.has(j));
    for (const [a, b] of pairReworded(
      restListed.map((i) => listedKeys[i]),
      restOpen.map((j) => openKeys[j]),
    )) {
      listedMatched.add(restListed[a]);
      openMatched.add(restOpen[b]);
    }
    // Open in the record, missing from the list: added under its horizon, with the record's reference style.
    const refStyle = listed.map((l) => itemParts(lines[l.line - 1]).ref).find((r) => r.startsWith('[['));
    open.forEach((item, j) => {
      if (openMatched.has(j) || options.addItems === false) return;
      let line = itemLine(item, d, options.prefix);
      if (refStyle) {
        const href = recordHref(options.prefix, d.file);
        const parts = itemParts(line);
        if (parts.ref.endsWith(`](${href})`)) line = `- [ ] ${parts.text.trim()} ${refStyle}`;
      }
      const horizon = item.horizon;
      const g = horizon === null ? -1 : section.groups.findIndex((x) => !x.completed && x.horizon === horizon);
      const key = g >= 0 ? g : horizon;
      added.set(key, [...(added.get(key) ?? []), line]);
    });
  }

  // Into a group after its last line; an empty group gets the blank line a list needs after its heading.
  const intoGroup = (g: number, items: string[]) => {
    const last = groupLastLine(lines, section, g);
    const empty = last === section.groups[g].line;
    const blankNext = last + 1 >= lines.length || lines[last + 1].trim() === '';
    edits.insertAfter(last, [...(empty ? [''] : []), ...items, ...(empty && !blankNext ? [''] : [])]);
  };
  if (moved.length && completedAt >= 0) intoGroup(completedAt, moved);
  const order: Array<string | null> = ['urgent', 'important', 'planning', 'none', null];
  // New horizon groups in horizon order, each before the first existing group that comes later.
  const keys = [...added.keys()].sort((a, b) => (typeof a === 'number' ? -1 : typeof b === 'number' ? 1 : order.indexOf(a) - order.indexOf(b)));
  for (const key of keys) {
    const items = added.get(key)!;
    if (typeof key === 'number') {
      intoGroup(key, items);
      continue;
    }
    const heading = HORIZON_GROUPS.find((h) => h.horizon === key)?.heading ?? '📋 Ungrouped';
    const later = section.groups.find((g) => !g.completed && g.horizon !== null && order.indexOf(g.horizon) > order.indexOf(key));
    if (later) edits.insertBefore(later.line, [`### ${heading}`, '', ...items, '']);
    else {
      let last = section.start;
      for (let k = section.start; k < section.end; k++) if (lines[k].trim() !== '') last = k;
      edits.insertAfter(last, ['', `### ${heading}`, '', ...items]);
    }
  }
}
