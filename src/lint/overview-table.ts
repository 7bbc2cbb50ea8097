/**
 * Reading the cells of one overview table row from the overview's text, with their offsets, so a
 * fix can splice one cell (Status, Tasks, Priority) and leave every other byte of the row alone.
 */
import type { Decision, OverviewRow, Priority, Status, TaskState } from '../model/index.js';
import { headerName, type SpliceCell } from '../edit/overview.js';
import { lineEndAt, lineStarts } from './facts.js';

/** One cell of a table row: offsets of its trimmed content in the file (the shape the shared cell splice takes). */
export type Cell = SpliceCell;

/** Splits a table line into cells (pipes inside backticks or escaped do not split). */
function splitRow(line: string, offset: number): Cell[] {
  const cells: Cell[] = [];
  let inCode = false;
  let cellStart = 0;
  const bounds: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') inCode = !inCode;
    else if (c === '|' && !inCode) bounds.push(i);
  }
  const trimmed = line.trimStart();
  const leadingPipe = trimmed.startsWith('|');
  const pieces: Array<[number, number]> = [];
  let prev = leadingPipe ? bounds.shift()! + 1 : 0;
  cellStart = prev;
  for (const b of bounds) {
    pieces.push([cellStart, b]);
    cellStart = b + 1;
    prev = cellStart;
  }
  if (line.slice(prev).trim() !== '') pieces.push([prev, line.length]);
  for (const [a, b] of pieces) {
    const raw = line.slice(a, b);
    const lead = raw.length - raw.trimStart().length;
    const content = raw.trim();
    const start = offset + a + (content ? lead : Math.min(1, raw.length));
    cells.push({ start, end: start + content.length, text: content, rawStart: offset + a, rawEnd: offset + b });
  }
  return cells;
}

/**
 * An index of the overview's tables, built once per text: for every table row, the lower-cased
 * column names of its table's header, so looking up a row's cells costs one line, not a file scan.
 */
export class OverviewTables {
  private readonly starts: number[];
  private readonly headers = new Map<number, string[]>();
  private readonly aligns = new Map<number, Array<'left' | 'center' | 'right' | null>>();

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
    let header: string[] | null = null;
    let align: Array<'left' | 'center' | 'right' | null> = [];
    for (let n = 1; n <= this.starts.length; n++) {
      const line = this.line(n);
      if (!line.trim().startsWith('|')) {
        header = null;
        continue;
      }
      if (header === null) {
        // The first line of a block is its header only when the delimiter row follows.
        const next = n < this.starts.length ? this.line(n + 1) : '';
        if (/^\s*\|?\s*:?-{2,}/.test(next)) {
          header = splitRow(line, 0).map((c) => headerName(c.text));
          align = splitRow(next, 0).map((c) => (/^:-+:$/.test(c.text) ? 'center' : /^-+:$/.test(c.text) ? 'right' : /^:-+$/.test(c.text) ? 'left' : null));
          n++;
        } else {
          header = [];
        }
        continue;
      }
      this.headers.set(n, header);
      this.aligns.set(n, align);
    }
  }

  private line(n: number): string {
    return this.text.slice(this.starts[n - 1], lineEndAt(this.text, this.starts, n));
  }

  /** The lower-cased column names of the table the row at `n` belongs to, or null. */
  header(n: number): readonly string[] | null {
    return this.headers.get(n) ?? null;
  }

  /** Offset of the end of line `n` (before its line break). */
  lineEnd(n: number): number {
    return lineEndAt(this.text, this.starts, n);
  }

  /** 1-based column of an offset on line `n`. */
  column(n: number, offset: number): number {
    return offset - this.starts[n - 1] + 1;
  }

  /** The cells of the row at `n` (1-based) by lower-cased column name, or null when it is not a table row. */
  cells(n: number): Map<string, Cell> | null {
    const header = this.headers.get(n);
    if (!header || header.length === 0) return null;
    const cells = splitRow(this.line(n), this.starts[n - 1]);
    const align = this.aligns.get(n) ?? [];
    const map = new Map<string, Cell>();
    header.forEach((name, i) => {
      if (name && cells[i] && !map.has(name)) map.set(name, { ...cells[i], align: align[i] ?? null });
    });
    return map;
  }
}

/** The cells of the row at `line` (1-based), by lower-cased column name, or null when it is not a table row. */
export function rowCells(text: string, line: number): Map<string, Cell> | null {
  return new OverviewTables(text).cells(line);
}

// One implementation of the width-keeping cell splice, shared with the overview edits (J-L2).
export { cellSplice, displayWidth } from '../edit/overview.js';

/** Default markers of FORMAT.md §2. */
export const STATUS_MARKER: Record<Status, string> = {
  proposed: '❓',
  draft: '❓',
  accepted: '**✓**',
  aborted: '**✗**',
  rejected: '**✗**',
  postponed: '⏸️',
  deprecated: '**✓**',
  superseded: '**✓**',
};

/** Default Tasks markers of FORMAT.md §2. */
export const TASK_MARKER: Record<TaskState, string> = {
  'not-started': '◯',
  queued: '📌',
  'in-progress': '🏃',
  done: '**✓**',
  aborted: '**✗**',
  'not-applicable': '**—**',
};

/** Default priority markers. */
export const PRIORITY_MARKER: Record<Priority, string> = { urgent: '🔴', important: '🟡', planning: '🟢', none: '⚪' };

/**
 * Resolves an overview link target to a record of the log: as given (relative to the log folder),
 * else with the log folder's name stripped (`decisions/x.md` written relative to the overview).
 */
export function overviewRecord(target: string | null, byFile: ReadonlyMap<string, Decision>): Decision | undefined {
  if (!target) return undefined;
  const clean = target.replace(/^\.\//, '').split('#')[0];
  const found = byFile.get(clean) ?? (clean.includes('/') ? byFile.get(clean.slice(clean.indexOf('/') + 1)) : undefined);
  if (found || !clean.startsWith('../')) return found;
  // A repository-absolute link (`/decisions/x.md`) resolves outside the log folder: match it by its tail.
  for (const record of byFile.values()) if (clean.endsWith(`/${record.file}`)) return record;
  return undefined;
}

/** A text for a column value in the style the file already uses for it (another row's cell), else the default marker. */
export function styledMarker(
  tables: OverviewTables,
  rows: readonly OverviewRow[],
  column: 'status' | 'tasks' | 'priority',
  value: string,
  fallback: string,
): string {
  for (const row of rows) {
    const current = column === 'status' ? row.status : column === 'tasks' ? row.tasks : row.priority;
    if (current !== value) continue;
    const cell = tables.cells(row.line)?.get(column);
    // Borrow only a bare marker, never a cell that also carries a row's own words or links.
    if (cell && cell.text && cell.text.length <= 16 && !cell.text.includes('](')) return cell.text;
  }
  return fallback;
}
