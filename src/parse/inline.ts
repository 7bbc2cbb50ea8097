/**
 * Inline markdown, the little the model needs of it: links with their offsets, and the
 * plain text of a value with emphasis, code ticks, link syntax and hard breaks removed.
 *
 * A regular-expression reader instead of a full CommonMark inline parser: the facts we
 * extract sit on single lines, and this is what makes reading 10,000 records fast.
 */

/** An inline link found on one line. */
export interface InlineLink {
  /** The link text, as written between the brackets. */
  text: string;
  /** The destination, as written. */
  dest: string;
  /** Offsets relative to the scanned string: the whole `[text](dest)` and the destination. */
  start: number;
  end: number;
  destStart: number;
  destEnd: number;
}

const CODE_SPAN = /(`+)[^`]*?\1/g;

/** Blanks out inline code spans (keeping offsets) so links inside them are not read. */
function maskCode(text: string): string {
  if (!text.includes('`')) return text;
  return text.replace(CODE_SPAN, (m) => ' '.repeat(m.length));
}

/** Whether the character at `i` is escaped by an odd number of backslashes before it. */
function escaped(text: string, i: number): boolean {
  let n = 0;
  for (let k = i - 1; k >= 0 && text.charCodeAt(k) === 92; k--) n++;
  return n % 2 === 1;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;

/** A `[text](dest "title")` (or image) starting at `i`, read by hand so that no input can make it backtrack. */
interface RawLink {
  image: boolean;
  start: number;
  end: number;
  text: string;
  dest: string;
  destStart: number;
}

/**
 * Reads the link whose `[` is at `i`, or null. The text may hold one level of nested brackets
 * (`[[Topic]](file.md)`) and backslash escapes; the destination may be `<...>` or hold one level
 * of parentheses; a title in quotes or parentheses may follow. Every loop moves forward, so a
 * failed attempt costs at most the distance to the next `[` or the end of the link syntax.
 */
function linkAt(t: string, i: number): RawLink | null {
  const n = t.length;
  let j = i + 1;
  // Link text.
  for (;;) {
    if (j >= n) return null;
    const c = t.charCodeAt(j);
    if (c === 92) {
      j += 2;
      continue;
    }
    if (c === 93) break; // ]
    if (c === 91) {
      // One nested [..] with no brackets inside.
      let k = j + 1;
      while (k < n && t.charCodeAt(k) !== 93 && t.charCodeAt(k) !== 91) k++;
      if (k >= n || t.charCodeAt(k) !== 93) return null;
      j = k + 1;
      continue;
    }
    j++;
  }
  const textEnd = j;
  if (t.charCodeAt(j + 1) !== 40) return null; // (
  j += 2;
  while (j < n && isSpace(t.charCodeAt(j))) j++;
  let destStart = j;
  let dest: string;
  if (t.charCodeAt(j) === 60) {
    // <dest>
    const close = t.indexOf('>', j + 1);
    if (close === -1) return null;
    const nl = t.indexOf('\n', j + 1);
    if (nl !== -1 && nl < close) return null;
    destStart = j + 1;
    dest = t.slice(j + 1, close);
    j = close + 1;
  } else {
    let depth = 0;
    while (j < n) {
      const c = t.charCodeAt(j);
      if (isSpace(c)) break;
      if (c === 40) {
        if (depth === 1) return null;
        depth++;
      } else if (c === 41) {
        if (depth === 0) break;
        depth--;
      }
      j++;
    }
    if (depth !== 0) return null;
    dest = t.slice(destStart, j);
  }
  // Optional title, then the closing parenthesis.
  let k = j;
  while (k < n && isSpace(t.charCodeAt(k))) k++;
  if (k > j && k < n) {
    const q = t.charCodeAt(k);
    const closeQ = q === 34 ? '"' : q === 39 ? "'" : q === 40 ? ')' : null;
    if (closeQ) {
      const close = t.indexOf(closeQ, k + 1);
      if (close === -1) return null;
      k = close + 1;
      while (k < n && isSpace(t.charCodeAt(k))) k++;
    }
  }
  if (t.charCodeAt(k) !== 41) return null;
  const image = i > 0 && t.charCodeAt(i - 1) === 33 && !escaped(t, i - 1);
  return { image, start: image ? i - 1 : i, end: k + 1, text: t.slice(i + 1, textEnd), dest, destStart };
}

/** Every `[text](dest)` and `![alt](src)` of `text`, left to right, not overlapping. */
function rawLinks(text: string): RawLink[] {
  const out: RawLink[] = [];
  let i = text.indexOf('[');
  while (i !== -1) {
    const link = escaped(text, i) ? null : linkAt(text, i);
    if (link) {
      out.push(link);
      i = text.indexOf('[', link.end);
    } else i = text.indexOf('[', i + 1);
  }
  return out;
}

/** Every inline link of `text` (images excluded), with offsets into `text`. */
export function findLinks(text: string): InlineLink[] {
  if (!text.includes('](')) return [];
  const masked = maskCode(text);
  return rawLinks(masked)
    .filter((l) => !l.image)
    .map((l) => ({ text: l.text, dest: l.dest, start: l.start, end: l.end, destStart: l.destStart, destEnd: l.destStart + l.dest.length }));
}

/** A reference-style link use (`[text][label]`, `[label][]`, `[label]`) found on one line. */
export interface ReferenceUse {
  text: string;
  /** The normalised label (lower case, whitespace collapsed) it refers to. */
  label: string;
  start: number;
  end: number;
}

/** A link reference definition (`[label]: destination`), its destination offsets relative to the line. */
export interface ReferenceDefinition {
  label: string;
  /** The destination, or '' when it sits on the next line. */
  dest: string;
  destStart: number;
  destEnd: number;
}

/** Normalises a reference label the way CommonMark matches them. */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

const DEFINITION = /^ {0,3}\[((?:[^[\]\\]|\\.){1,999})\]:[ \t]*(<[^>\n]*>|\S+)?/;

/** Reads a link reference definition line, or null. */
export function findDefinition(line: string): ReferenceDefinition | null {
  if (!line.includes(']:')) return null;
  const m = DEFINITION.exec(line);
  if (!m || m[1].trim() === '') return null;
  let dest = m[2] ?? '';
  let destStart = m[2] === undefined ? line.length : m[0].length - dest.length;
  if (dest.startsWith('<')) {
    dest = dest.slice(1, -1);
    destStart += 1;
  }
  return { label: normalizeLabel(m[1]), dest, destStart, destEnd: destStart + dest.length };
}

const REF_USE = /\[((?:[^[\]\\]|\\.){0,999})\](?:\[((?:[^[\]\\]|\\.){0,999})\])?/g;

/**
 * Reference-style link uses on a line, outside code spans and inline links. Only uses whose label
 * is in `labels` count (a bracketed word is not a link unless defined).
 */
export function findReferenceUses(text: string, labels: Set<string>): ReferenceUse[] {
  if (labels.size === 0 || !text.includes(']')) return [];
  let masked = maskCode(text);
  if (masked.includes('](')) {
    for (const l of findLinks(text)) masked = masked.slice(0, l.start) + ' '.repeat(l.end - l.start) + masked.slice(l.end);
  }
  const out: ReferenceUse[] = [];
  REF_USE.lastIndex = 0;
  for (let m = REF_USE.exec(masked); m; m = REF_USE.exec(masked)) {
    const after = masked[m.index + m[0].length];
    if (m[2] === undefined && (after === '(' || after === ':')) continue;
    if (m.index > 0 && masked[m.index - 1] === '!') continue;
    const label = normalizeLabel(m[2] ? m[2] : m[1]);
    if (!labels.has(label)) continue;
    out.push({ text: m[1], label, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * Plain text of an inline markdown value: `**✗** **ABORTED** - Use [X](x.md)\` → `✗ ABORTED - Use X`.
 * Keeps the words people wrote; drops only markup.
 */
export function plainText(value: string): string {
  // Control characters never belong in a fact, and printed raw they drive the terminal (ESC ]0;…).
  // eslint-disable-next-line no-control-regex
  // (C1 controls are left to the caller: Windows-1252 mojibake holds them until it is repaired.)
  let s = /[\u0000-\u0008\u000b-\u001f\u007f]/.test(value) ? value.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\ufffd') : value;
  if (s.includes('](')) {
    // Links become their text, images disappear.
    let out = '';
    let last = 0;
    for (const l of rawLinks(s)) {
      out += s.slice(last, l.start) + (l.image ? '' : l.text);
      last = l.end;
    }
    s = out + s.slice(last);
  }
  if (s.includes('<')) s = s.replace(/<\/?[A-Za-z][^>]*>/g, '').replace(/<!--.*?-->/g, '');
  s = s
    .replace(/\\$/, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!~|])/g, '$1')
    .replace(/(\*\*|__|~~)/g, '')
    // Single * and _ emphasis: a marker opening a word or closing one goes (linear, never backtracks).
    .replace(/(^|[\s(])[*_]+(?=[^\s*_])/g, '$1')
    .replace(/([^\s*_])[*_]+(?=$|[\s).,;:!?])/g, '$1')
    .replace(/`+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return s;
}

/** GitHub's heading slug: lower case, punctuation and emoji dropped, spaces to dashes. */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}
