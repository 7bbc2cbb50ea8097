/**
 * What every dialect reader works from: the scanned record, position lookup, mojibake repair
 * for extracted values, and label lines (`**Status**: x\`, `- Status: x`, `Date: x`).
 */
import type { Diagnostic, Position, Span, Status, StatusDeclaration, StatusSite } from '../model/index.js';
import { repairMojibake } from './encoding.js';
import { plainText } from './inline.js';
import type { Scan, ScanLine } from './scan.js';
import { splitRow } from './table.js';
import { canonicalStatus, splitReason } from './vocab.js';

/**
 * repairMojibake that never throws: on an enormous mangled run the repair can overflow the stack
 * (encoding.ts spreads a whole run into one call); the text is then kept as written.
 */
export function safeRepair(value: string): string {
  try {
    return repairMojibake(value);
  } catch {
    return value;
  }
}

/** A label line: `**Label**: value`, `**Label:** value`, `- Label: value`, `Label: value`. */
export interface LabelLine {
  /** The label, lower-cased, markup removed (`decision date`). */
  label: string;
  /** The value as written (trailing backslash and spaces removed). */
  raw: string;
  /** The value as plain text, mojibake repaired. */
  value: string;
  line: ScanLine;
  /** Offsets of the raw value in the record text. */
  start: number;
  end: number;
}

/** The facts a dialect reader finds in a record's header (its metadata block). */
export interface HeaderFacts {
  declarations: StatusDeclaration[];
  date?: { text: string; line: number };
  priority?: { text: string; line: number };
  category?: { text: string; line: number };
  deciders: string[];
  attendees: string[];
  consulted: string[];
  informed: string[];
  tags: string[];
  summary?: string;
  /** A title declared in metadata (front matter `title:`), used when the record has no heading. */
  title?: string;
  /**
   * The date (YYYY-MM-DD) of an earlier entry of a status history (`Accepted (2026-07-01).
   * Supersedes [..]`, followed by `Superseded by [..]`): the record's date when nothing else gives one.
   */
  historyDate?: { text: string; line: number };
  /** The review date as written (`Review by: 2026-06-01`, front matter `review-by:`). */
  review?: { text: string; line: number };
  lines: Record<string, number>;
}

/** An empty set of header facts. */
export function emptyFacts(): HeaderFacts {
  return { declarations: [], deciders: [], attendees: [], consulted: [], informed: [], tags: [], lines: {} };
}

const LABEL_BOLD = /^(\s*(?:[-*+][ \t]+)?)(\*\*|__)([A-Za-z][A-Za-z0-9 &/_-]{0,40}?)[ \t]*(?::[ \t]*\2|\2[ \t]*:)(?!\/)[ \t]*/;
const LABEL_PLAIN = /^(\s*(?:[-*+][ \t]+)?)([A-Za-z][A-Za-z0-9 &/_-]{0,40}?)[ \t]*:(?!\/)[ \t]*/;

/** The context of one record being read. */
export class RecordContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly lineStarts: number[];

  constructor(
    readonly file: string,
    readonly text: string,
    readonly scan: Scan,
  ) {
    this.lineStarts = scan.lines.map((l) => l.start);
  }

  /** Line and column (1-based) of an offset. */
  pos(offset: number): Position {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1, offset };
  }

  /** Span between two offsets. */
  span(start: number, end: number): Span {
    return { start: this.pos(start), end: this.pos(end) };
  }

  /** Plain text of an inline value, mojibake repaired (memoised: detection and the dialect readers ask for the same headings again and again). */
  plain(value: string): string {
    let out = this.plainCache.get(value);
    if (out === undefined) {
      out = safeRepair(plainText(value));
      // C1 controls left after the repair (CSI U+009B drives some terminals) are not text.
      if (/[\u0080-\u009f]/.test(out)) out = out.replace(/[\u0080-\u009f]/g, '\ufffd');
      this.plainCache.set(value, out);
    }
    return out;
  }

  private readonly plainCache = new Map<string, string>();

  /** Text as it was meant to be, mojibake repaired, markup kept. */
  repair(value: string): string {
    return safeRepair(value);
  }

  /** Reads a label line, or null when the line is not one. */
  label(line: ScanLine): LabelLine | null {
    if (line.kind === 'table') return this.tableLabel(line);
    if (line.kind !== 'text' && line.kind !== 'item') return null;
    const m = LABEL_BOLD.exec(line.text) ?? LABEL_PLAIN.exec(line.text);
    if (!m) return null;
    const label = m.length === 4 ? m[3] : m[2];
    let end = line.text.length;
    while (end > m[0].length && /[\s\\]/.test(line.text[end - 1])) end--;
    const raw = line.text.slice(m[0].length, end);
    return {
      label: label.trim().toLowerCase().replace(/\s+/g, ' '),
      raw,
      value: this.plain(raw),
      line,
      start: line.start + m[0].length,
      end: line.start + end,
    };
  }

  /**
   * A metadata table row, `| Status | Accepted |` (two cells: label and value), as a label line.
   * Which labels count is the reader's business (factOf); a header or delimiter row names none.
   */
  tableLabel(line: ScanLine): LabelLine | null {
    const cells = tableRowCells(line.text);
    if (!cells || cells.length !== 2) return null;
    const [labelCell, valueCell] = cells;
    const label = this.plain(line.text.slice(labelCell.start, labelCell.end)).replace(/:$/, '');
    if (!/^[A-Za-z][A-Za-z0-9 &/_-]{0,40}$/.test(label)) return null;
    const raw = line.text.slice(valueCell.start, valueCell.end);
    return {
      label: label.trim().toLowerCase().replace(/\s+/g, ' '),
      raw,
      value: this.plain(raw),
      line,
      start: line.start + valueCell.start,
      end: line.start + valueCell.end,
    };
  }

  /** A status declaration from a value (raw markdown) found at `start..end`. */
  declaration(raw: string, start: number, end: number, site: StatusSite): StatusDeclaration {
    // `~~Proposed~~ Accepted`: a struck-out status is history, not the status.
    const current = raw.includes('~~') ? raw.replace(/~~[^~]+~~/g, ' ') : raw;
    const text = this.plain(current.trim() ? current : raw);
    const { head, reason } = splitReason(text);
    const status: Status | null = canonicalStatus(head) ?? canonicalStatus(text);
    return {
      text,
      status,
      // "Superseded by [X](x.md)" names its successor, not a reason.
      reason: status === 'superseded' && /^super[sc]eded\s+by\b/i.test(head) && reason === null ? null : reason,
      site,
      line: this.pos(start).line,
      span: this.span(start, end),
    };
  }
}

/**
 * Splits a list of names (`a, b and c`, `a; b`) into trimmed names. Commas inside parentheses
 * or brackets stay (`Claude (format research, docs)` is one name); `&` splits only between spaces
 * (`R&D` is one name).
 */
export function splitNames(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  const push = (end: number) => {
    out.push(value.slice(start, end));
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if (depth === 0 && (c === ',' || c === ';')) {
      push(i);
      start = i + 1;
    }
  }
  push(value.length);
  return out
    .flatMap((part) => (/[()[\]{}]/.test(part) ? [part] : part.split(/\s+(?:and|&)\s+/i)))
    .map((s) => s.trim())
    .filter((s) => s && !/^(tbd|n\/a|-|none|\.\.\.|…)$/i.test(s));
}

/**
 * The cells of a table row as offsets into the line, their content trimmed (parse/table.ts's
 * splitter: an escaped `\|`, a code span or a link's text keeps its pipes). Null when the line
 * holds no pipe.
 */
export function tableRowCells(text: string): Array<{ start: number; end: number }> | null {
  if (!/(^|[^\\])\|/.test(text)) return null;
  return splitRow(text).map(({ start, end }) => ({ start, end }));
}
