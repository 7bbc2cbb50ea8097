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
