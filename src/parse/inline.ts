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

// [text](dest "title") where text may hold one level of nested brackets (`[[Topic]](file.md)`).
const LINK = /!?\[((?:[^[\]\\]|\\.|\[[^[\]]*\])*)\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
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

/** Every inline link of `text` (images excluded), with offsets into `text`. */
export function findLinks(text: string): InlineLink[] {
  if (!text.includes('](')) return [];
  const masked = maskCode(text);
  const links: InlineLink[] = [];
  LINK.lastIndex = 0;
  for (let m = LINK.exec(masked); m; m = LINK.exec(masked)) {
    if (m[0].startsWith('!')) continue;
    if (escaped(masked, m.index)) {
      // `\[not a link](x.md)`: look again just after the escaped bracket.
      LINK.lastIndex = m.index + 1;
      continue;
    }
    let dest = m[2];
    let destStart = m.index + m[0].indexOf('(', m[1].length + 1) + 1;
    while (masked[destStart] === ' ' || masked[destStart] === '\t') destStart++;
    if (dest.startsWith('<')) {
      dest = dest.slice(1, -1);
      destStart += 1;
    }
    links.push({
      text: m[1],
      dest,
      start: m.index,
      end: m.index + m[0].length,
      destStart,
      destEnd: destStart + dest.length,
    });
  }
  return links;
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
  let s = value;
  if (s.includes('](')) s = s.replace(LINK, (m, text: string) => (m.startsWith('!') ? '' : text));
  if (s.includes('<')) s = s.replace(/<\/?[A-Za-z][^>]*>/g, '').replace(/<!--.*?-->/g, '');
  s = s
    .replace(/\\$/, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!~|])/g, '$1')
    .replace(/(\*\*|__|~~)/g, '')
    .replace(/(^|[\s(])[*_](\S(?:.*?\S)?)[*_](?=$|[\s).,;:!?])/g, '$1$2')
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
