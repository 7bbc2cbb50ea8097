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

/** Every inline link of `text` (images excluded), with offsets into `text`. */
export function findLinks(text: string): InlineLink[] {
  if (!text.includes('](')) return [];
  const masked = maskCode(text);
  const links: InlineLink[] = [];
  LINK.lastIndex = 0;
  for (let m = LINK.exec(masked); m; m = LINK.exec(masked)) {
    if (m[0].startsWith('!')) continue;
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
