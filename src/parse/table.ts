/**
 * Markdown tables as `adr` reads them: one row splitter and one table model for every reader of a
 * table (the overview parser, the overview merge and its fast path in `adr new`, the check rules
 * that point at a cell and splice it, the metadata tables of records).
 *
 * A table is a header line followed by a delimiter row (`|---|:---:|`); its body rows follow, and a
 * blank line inside the body does not end it (hand-kept overviews break long tables that way).
 * A heading or any other text does. A pipe splits cells except when escaped (`\|`), inside a code
 * span, or inside a link's text (`[a | b](x.md)`), so a cell is what a person sees as one.
 */

/** One cell of a row: its trimmed content and offsets of that content and of the whole cell between its pipes. */
export interface TableCell {
  text: string;
  /** Offsets of the trimmed content; an empty cell's point is one past its first blank, where a marker goes. */
  start: number;
  end: number;
  /** Offsets of the whole cell between its pipes, padding included. */
  rawStart: number;
  rawEnd: number;
}

/** A column's alignment, from the delimiter row (`:---` left, `:---:` centre, `---:` right). */
export type Align = 'left' | 'center' | 'right' | null;

/**
 * Splits one table line into cells; `offset` is added to every offset (the line's start in its
 * file). A leading pipe opens the first cell; text after the last pipe is a cell only when it is
 * not blank.
 */
export function splitRow(line: string, offset = 0): TableCell[] {
  const cells: TableCell[] = [];
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  if (line[i] === '|') i++;
  else i = 0;
  let start = i;
  let inCode = false;
  let depth = 0;
  for (; i <= line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      i++;
      continue;
    }
    if (c === '`') inCode = !inCode;
    else if (!inCode && c === '[') depth++;
    else if (!inCode && c === ']') depth = Math.max(0, depth - 1);
    if (i >= line.length || (c === '|' && !inCode && depth === 0)) {
      const end = Math.min(i, line.length);
      const raw = line.slice(start, end);
      const text = raw.trim();
      if (end < line.length || text !== '') {
        const lead = raw.length - raw.trimStart().length;
        const at = offset + start + (text ? lead : Math.min(1, raw.length));
        cells.push({ text, start: at, end: at + text.length, rawStart: offset + start, rawEnd: offset + end });
      }
      start = i + 1;
    }
  }
  return cells;
}

/** A column's name as the readers compare it: lower case, without markup or emoji (`📅 **Date**` → `date`). */
export function columnName(text: string): string {
  return text
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[*_`]/g, '')
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .trim()
    .toLowerCase();
}

/** Whether a line is a table's delimiter row: every cell dashes, with optional alignment colons. */
export function isDelimiterRow(line: string): boolean {
  const cells = splitRow(line);
  return cells.length > 0 && cells.every((c) => /^:?-{2,}:?$/.test(c.text));
}

/** The alignment a delimiter cell asks for. */
export function alignOf(delimiterCell: string): Align {
  if (/^:-+:$/.test(delimiterCell)) return 'center';
  if (/^-+:$/.test(delimiterCell)) return 'right';
  if (/^:-+$/.test(delimiterCell)) return 'left';
  return null;
}

/** One table of a text. Line numbers are 1-based. */
export interface Table {
  /** The header line, and its column names (`columnName` of each header cell). */
  header: number;
  columns: string[];
  /** The delimiter line and each column's alignment. */
  delimiter: number;
  align: Align[];
  /** The body rows, in order. */
  rows: number[];
}

/**
 * Every table of a text given as its lines (without line breaks; a trailing `\r` is ignored).
 * `isContent(n)` says whether line `n` (1-based) is markdown at all (not inside a code fence or an
 * HTML comment); by default every line is.
 */
export function findTables(lines: readonly string[], isContent: (n: number) => boolean = () => true): Table[] {
  const tables: Table[] = [];
  let current: Table | null = null;
  let afterBlank = false;
  const text = (k: number) => (lines[k].endsWith('\r') ? lines[k].slice(0, -1) : lines[k]);
  for (let k = 0; k < lines.length; k++) {
    const n = k + 1;
    const line = text(k);
    const content = isContent(n);
    if (content && k + 1 < lines.length && /\|/.test(line) && isContent(n + 1) && isDelimiterRow(text(k + 1)) && !isDelimiterRow(line)) {
      const delimiter = text(k + 1);
      current = { header: n, columns: splitRow(line).map((c) => columnName(c.text)), delimiter: n + 1, align: splitRow(delimiter).map((c) => alignOf(c.text)), rows: [] };
      tables.push(current);
      afterBlank = false;
      k++;
      continue;
    }
    if (!current) continue;
    if (!content || /^\s*#/.test(line)) {
      current = null;
      continue;
    }
    if (line.trim() === '') {
      afterBlank = true;
      continue;
    }
    // A row starts with a pipe; right after another row it may leave the leading pipe out.
    if (/^\s{0,3}\|/.test(line) || (!afterBlank && /[^\\]\|/.test(line))) {
      afterBlank = false;
      if (!isDelimiterRow(line)) current.rows.push(n);
      continue;
    }
    current = null;
  }
  return tables;
}
