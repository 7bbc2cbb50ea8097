/**
 * Line endings: which one a text is written in, so every line `adr` inserts (an edit, a fix, an
 * overview row, a new record in a Windows checkout) matches the lines around it. One rule for all
 * of them: the ending most lines of the text end with; on a tie, the first line's (the file's own
 * habit, before a stray edit added the other kind).
 */

/** A line break as written into a file. */
export type LineBreak = '\n' | '\r\n';

/** The ending most of the text's lines end with (a tie goes to the first line's), or null without a line break. */
export function dominantEol(text: string): LineBreak | null {
  let lf = 0;
  let crlf = 0;
  let first: LineBreak | null = null;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) {
      crlf++;
      first ??= '\r\n';
    } else {
      lf++;
      first ??= '\n';
    }
  }
  if (crlf > lf) return '\r\n';
  if (lf > crlf) return '\n';
  return first;
}

/** The line ending to use for text inserted into `text`: `dominantEol`, `'\n'` for a text with no line break. */
export function lineEnding(text: string): LineBreak {
  return dominantEol(text) ?? '\n';
}

/** `block` with every line break (`\n`, `\r\n`, a lone `\r`) turned into `eol`, for inserting into a file that uses `eol`. */
export function withEol(block: string, eol: LineBreak): string {
  const lf = block.includes('\r') ? block.replace(/\r\n?/g, '\n') : block;
  return eol === '\n' ? lf : lf.replace(/\n/g, '\r\n');
}
