/**
 * What `adr` says to a person, shared by every layer that prints (the commands, the site builder,
 * the report formats): the stream it writes to, text made safe for one terminal line, and a path
 * as the person would type it. Imports nothing of the project, so any layer may use it.
 */
import { isAbsolute, relative, sep } from 'node:path';

/** Something text can be written to (process.stdout, or a buffer in tests). */
export interface Output {
  write(text: string): unknown;
  /** True when the output is a terminal (colour, tables sized to it). */
  isTTY?: boolean;
  columns?: number;
}

/**
 * Makes a file name or message safe to print on one terminal line: control characters (a newline
 * that could start a forged `::error` workflow command, ESC sequences that drive the terminal, the
 * line and paragraph separators) become visible escapes (`\n`, `\u001b`).
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * `path` as seen from the folder `from`, with POSIX separators: `.` for the folder itself, relative
 * while that stays readable, the absolute path when it lies on another drive or more than two
 * folders up (`/srv/logs/decisions` reads better than `../../../srv/logs/decisions`). For data
 * (JSON fields, the site); what goes to a terminal is `displayPath`.
 */
export function relativePath(from: string, path: string): string {
  const rel = relative(from, path);
  if (rel === '') return '.';
  const parts = rel.split(sep);
  let up = 0;
  while (up < parts.length && parts[up] === '..') up++;
  const shown = isAbsolute(rel) || up > 2 ? path : rel;
  return sep === '\\' ? shown.split(sep).join('/') : shown;
}

/** `relativePath` made `printable`: the one way a command or the site builder names a path on a terminal. */
export function displayPath(from: string, path: string): string {
  return printable(relativePath(from, path));
}

/** East Asian wide and fullwidth blocks (Hangul, CJK, fullwidth forms): two columns in a terminal. */
function wideBlock(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

/** Symbols below U+1F000 that the overview's markers use and terminals draw as wide emoji (❓ ✅ ❌ ⏸ ⚪ ⬛ ⬜ ⭐ ⭕). */
const WIDE_SYMBOLS = new Set([0x2753, 0x2705, 0x274c, 0x23f8, 0x26aa, 0x2b1b, 0x2b1c, 0x2b50, 0x2b55]);

/**
 * Columns a string takes in a terminal or a monospace editor: emoji, CJK and fullwidth forms two;
 * zero-width joiners, variation selectors and combining accents none; everything else one. The one
 * measure for aligning `adr list`'s table and the overview's padded cells.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0x200d || (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0x300 && c < 0x370)) continue;
    const emoji = c >= 0x1f000 ? /\p{Extended_Pictographic}/u.test(ch) || c >= 0x1f300 : WIDE_SYMBOLS.has(c);
    width += emoji || wideBlock(c) ? 2 : 1;
  }
  return width;
}
