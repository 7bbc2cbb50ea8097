/**
 * Reading the cells of one overview table row from the overview's text, with their offsets, so a
 * fix can splice one cell (Status, Tasks, Priority) and leave every other byte of the row alone.
 */
import type { Decision, OverviewRow, Priority, Status, TaskState } from '../model/index.js';
import type { SpliceCell } from '../edit/overview.js';
import { decisionTables } from '../parse/overview.js';
import { splitRow, type Align } from '../parse/table.js';
import { resolve } from 'node:path';
import type { LineHunk } from '../edit/diff.js';
import type { Fix, Log } from '../model/index.js';
import { itemKey, sameItem } from '../model/items.js';
import { findMojibake } from '../parse/encoding.js';
import { overviewFor, overviewHunks, type OverviewJudgement } from '../store/overview-judge.js';
import { lineEndAt, lineStarts } from './facts.js';
import type { RuleContext } from './rule.js';

/** One cell of a table row: offsets of its trimmed content in the file (the shape the shared cell splice takes). */
export type Cell = SpliceCell;

/**
 * An index of the overview's decision tables (parse/overview.ts's `decisionTables`, the very tables
 * the overview parser reads rows from), built once per text: for every row, its table's columns by
 * meaning and alignments, so looking up a row's cells costs one line, not a file scan.
 */
export class OverviewTables {
  private readonly starts: number[];
  private readonly tables = new Map<number, { columns: string[]; align: Align[] }>();

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
    for (const table of decisionTables(text)) {
      const entry = { columns: table.meaning, align: table.align };
      for (const n of table.rows) this.tables.set(n, entry);
    }
  }

  private line(n: number): string {
    return this.text.slice(this.starts[n - 1], lineEndAt(this.text, this.starts, n));
  }

  /** The column names (by meaning) of the decision table the row at `n` belongs to, or null. */
  header(n: number): readonly string[] | null {
    return this.tables.get(n)?.columns ?? null;
  }

  /** Offset of the end of line `n` (before its line break). */
  lineEnd(n: number): number {
    return lineEndAt(this.text, this.starts, n);
  }

  /** 1-based column of an offset on line `n`. */
  column(n: number, offset: number): number {
    return offset - this.starts[n - 1] + 1;
  }

  /** The cells of the row at `n` (1-based) by column name, or null when it is not a row of a decision table. */
  cells(n: number): Map<string, Cell> | null {
    const table = this.tables.get(n);
    if (!table) return null;
    const cells = splitRow(this.line(n), this.starts[n - 1]);
    const map = new Map<string, Cell>();
    table.columns.forEach((name, i) => {
      if (name && cells[i] && !map.has(name)) map.set(name, { ...cells[i], align: table.align[i] ?? null });
    });
    return map;
  }
}

/** The cells of the row at `line` (1-based), by column name, or null when it is not a row of a decision table. */
export function rowCells(text: string, line: number): Map<string, Cell> | null {
  return new OverviewTables(text).cells(line);
}

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

/** The judge's view of the log's overview (src/store/overview-judge.ts): its text, what `adr overview` writes, and the changed runs of lines. */
export interface JudgedOverview {
  file: string;
  text: string;
  judgement: OverviewJudgement;
  hunks: LineHunk[];
}

const judged = new WeakMap<Log, JudgedOverview | null>();

/**
 * What the one judge of the overview says about the log's overview, computed once per check (every
 * overview rule asks), or null when the log has no readable overview, or one with mangled text
 * still to repair (the next pass of `--fix` judges it repaired).
 */
export function judgeOverview(context: Pick<RuleContext, 'log' | 'source' | 'today'>): JudgedOverview | null {
  const { log } = context;
  if (judged.has(log)) return judged.get(log)!;
  let result: JudgedOverview | null = null;
  const src = log.overview ? context.source(log.overview.file) : null;
  // Mangled text is repaired first (encoding-mojibake reports it): judged as it is, every mangled cell would read as drift.
  if (log.overview && src && findMojibake(src.text).length === 0) {
    const judgement = overviewFor(log, resolve(log.dir, log.overview.file), src.text, context.today);
    result = { file: log.overview.file, text: src.text, judgement, hunks: overviewHunks(src.text, judgement) };
  }
  judged.set(log, result);
  return result;
}

/** What a finding the judge's change settles says after its message: the command that fixes it. */
export const IN_STEP = '`adr overview` or `adr check --fix` brings it in step';

/** A judge's run of lines as a fix of the overview. */
export function hunkFix(judgedOverview: JudgedOverview, hunk: LineHunk, description = 'bring the overview in step as `adr overview` does'): Fix {
  return { description, edits: [{ file: judgedOverview.file, start: hunk.start, end: hunk.end, text: hunk.text }], inStep: true };
}

/** The judge's run of lines that changes line `line` of the overview (or inserts right after it), or null. */
export function hunkAt(judgedOverview: JudgedOverview, line: number): LineHunk | null {
  return judgedOverview.hunks.find((h) => (h.oldLines.length > 0 ? line >= h.line && line < h.line + h.oldLines.length : h.line === line + 1)) ?? null;
}

/** The judge's run of lines that adds the open item `text` (of any record) to the overview's list, or null. */
export function hunkAddingItem(judgedOverview: JudgedOverview, text: string): LineHunk | null {
  const key = itemKey(text);
  return judgedOverview.hunks.find((h) => h.newLines.some((l) => /^\s*[-*+] \[ \]/.test(l) && sameItem(itemKey(l.replace(/^\s*[-*+] \[ \]\s*/, '')), key))) ?? null;
}
