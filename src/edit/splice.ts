/**
 * Splicing: the only way `adr` changes a user's markdown. Edits replace spans of the original
 * text at offsets; every character outside those spans is copied through untouched, so CRLF stays
 * CRLF, odd spacing stays, and nothing is re-serialised.
 *
 * Offsets are 0-based UTF-16 indexes into the decoded text (BOM excluded), as everywhere in `adr`.
 */

/** One replacement: the span `[start, end)` of the text becomes `text`. `start === end` inserts. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

function describe(e: Splice): string {
  return e.start === e.end ? `insert at ${e.start}` : `edit ${e.start}-${e.end}`;
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Apply non-overlapping edits, given in any order, to `text`.
 *
 * Inserts at the same offset keep the order they were given in; an insert at the start of a
 * replaced span goes before the replacement, one at its end after it. Throws an Error naming the
 * edits on overlap, on offsets outside the text or not integers, and on an offset that would cut
 * an emoji (a surrogate pair) in half, which would corrupt the file when written.
 */
export function applyEdits(text: string, edits: ReadonlyArray<Splice>): string {
  if (edits.length === 0) return text;
  const n = text.length;
  for (const e of edits) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start || e.end > n) {
      throw new Error(`applyEdits: ${describe(e)} is out of range (text length ${n})`);
    }
    for (const at of e.start === e.end ? [e.start] : [e.start, e.end]) {
      if (at > 0 && at < n && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at))) {
        throw new Error(`applyEdits: ${describe(e)} splits a surrogate pair at offset ${at}`);
      }
    }
  }
  // Array.prototype.sort is stable, so equal keys keep the caller's order.
  const sorted = edits.length === 1 ? edits : [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  let prev: Splice | null = null;
  for (const e of sorted) {
    if (prev && e.start < prev.end) {
      throw new Error(`applyEdits: overlapping edits (${describe(prev)} and ${describe(e)})`);
    }
    out += text.slice(at, e.start) + e.text;
    at = e.end;
    prev = e;
  }
  return out + text.slice(at);
}

/** Offset of the start of the line that contains `offset`. */
export function lineStart(text: string, offset: number): number {
  if (offset <= 0) return 0;
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Offset of the end of the line that contains `offset`, before its line ending (`\n` or `\r\n`);
 * the text's length on the last line.
 */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}

/**
 * Offset of the start of the next line after the one containing `offset` (just past its line
 * ending); the text's length on the last line. `[lineStart, nextLineStart)` deletes a whole line.
 */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** 1-based line number of `offset`. */
export function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The one splice that turns `before` into `after`: the span between their common start and common
 * end (never splitting a surrogate pair). For an edit planned in steps, each step spliced into the
 * text the last one left, applied to the original as one edit.
 */
export function spliceBetween(before: string, after: string): { start: number; end: number; text: string } {
  let head = 0;
  const most = Math.min(before.length, after.length);
  while (head < most && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  if (head > 0 && isHigh(before.charCodeAt(head - 1))) head--;
  let tail = 0;
  while (tail < most - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  if (tail > 0 && isLow(before.charCodeAt(before.length - tail))) tail--;
  return { start: head, end: before.length - tail, text: after.slice(head, after.length - tail) };
}
