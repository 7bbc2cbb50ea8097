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

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const PUNCT = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;

/** HTML entities people write in records; any other name is kept as written. */
const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®', trade: '™', hellip: '…',
  mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', middot: '·',
  bull: '•', times: '×', divide: '÷', euro: '€', deg: '°', plusmn: '±', para: '¶', sect: '§', rarr: '→', larr: '←',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/y;
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/y;
const EMAIL_AUTOLINK = /<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;

/** A decoded entity reference at `i` (`&lt;`, `&#60;`), with its length, or null. */
function entityAt(s: string, i: number): { text: string; end: number } | null {
  ENTITY.lastIndex = i;
  const m = ENTITY.exec(s);
  if (!m) return null;
  let text: string | undefined;
  if (m[1] !== undefined || m[2] !== undefined) {
    const code = m[1] !== undefined ? Number(m[1]) : parseInt(m[2], 16);
    text = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
  } else text = ENTITIES[m[3]];
  return text === undefined ? null : { text, end: i + m[0].length };
}

/**
 * The end of the raw HTML (CommonMark's open tag, closing tag, comment, processing instruction,
 * declaration or CDATA section) starting at `i`, or -1. Read by hand: an attribute grammar as one
 * regular expression backtracks on a long run of unfinished attributes.
 */
function htmlAt(s: string, i: number): number {
  const n = s.length;
  let j = i + 1;
  const c = s[j];
  if (c === '!') {
    if (s.startsWith('<!--', i)) {
      if (s.startsWith('<!-->', i)) return i + 5;
      if (s.startsWith('<!--->', i)) return i + 6;
      const close = s.indexOf('-->', i + 4);
      return close === -1 ? -1 : close + 3;
    }
    if (s.startsWith('<![CDATA[', i)) {
      const close = s.indexOf(']]>', i + 9);
      return close === -1 ? -1 : close + 3;
    }
    if (/[A-Za-z]/.test(s[j + 1] ?? '')) {
      const close = s.indexOf('>', j + 1);
      return close === -1 ? -1 : close + 1;
    }
    return -1;
  }
  if (c === '?') {
    const close = s.indexOf('?>', j + 1);
    return close === -1 ? -1 : close + 2;
  }
  const closing = c === '/';
  if (closing) j++;
  if (!/[A-Za-z]/.test(s[j] ?? '')) return -1;
  while (j < n && /[A-Za-z0-9-]/.test(s[j])) j++;
  if (closing) {
    while (j < n && SPACE.test(s[j])) j++;
    return s[j] === '>' ? j + 1 : -1;
  }
  // Attributes: whitespace, a name, optionally `= value`.
  for (;;) {
    const ws = j;
    while (j < n && SPACE.test(s[j])) j++;
    if (s[j] === '>') return j + 1;
    if (s[j] === '/' && s[j + 1] === '>') return j + 2;
    if (j === ws || !/[A-Za-z_:]/.test(s[j] ?? '')) return -1;
    while (j < n && /[A-Za-z0-9_.:-]/.test(s[j])) j++;
    let k = j;
    while (k < n && SPACE.test(s[k])) k++;
    if (s[k] !== '=') continue;
    k++;
    while (k < n && SPACE.test(s[k])) k++;
    const q = s[k];
    if (q === '"' || q === "'") {
      const close = s.indexOf(q, k + 1);
      if (close === -1) return -1;
      j = close + 1;
    } else {
      const from = k;
      while (k < n && !/[\s"'=<>`]/.test(s[k])) k++;
      if (k === from) return -1;
      j = k;
    }
  }
}

/** One piece of inline text: literal text, or a run of emphasis delimiters still to be matched. */
interface Piece {
  text: string;
  delim?: { char: string; count: number; orig: number; canOpen: boolean; canClose: boolean };
}

/** A neighbour of a delimiter run: 1 whitespace (the value's edges too), 2 punctuation, 0 anything else. */
const charClass = (c: string | undefined): 0 | 1 | 2 => (c === undefined || SPACE.test(c) ? 1 : PUNCT.test(c) ? 2 : 0);
const isMarker = (c: string | undefined) => c === '*' || c === '_' || c === '~';

/**
 * Matches emphasis delimiters the way CommonMark's "process emphasis" does (with GFM's `~`), and
 * removes the matched ones; an unmatched `*`, `_` or `~` stays as the literal character it is.
 */
function resolveEmphasis(pieces: Piece[]): void {
  // The delimiter stack as a doubly linked list over the delimiter pieces, so that removing the
  // delimiters between a matched pair, or a used-up one, costs nothing per element passed over later.
  const ids: number[] = [];
  for (let k = 0; k < pieces.length; k++) if (pieces[k].delim) ids.push(k);
  const n = ids.length;
  const prev = new Int32Array(n);
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    prev[i] = i - 1;
    next[i] = i + 1 < n ? i + 1 : -1;
  }
  const unlink = (i: number) => {
    if (prev[i] !== -1) next[prev[i]] = next[i];
    if (next[i] !== -1) prev[next[i]] = prev[i];
  };
  const delim = (i: number) => pieces[ids[i]].delim!;
  // Per kind of closer, the element below which no opener can match it (CommonMark's openers_bottom).
  const bottom = new Map<string, number>();
  let c = n > 0 ? 0 : -1;
  while (c !== -1) {
    const closer = delim(c);
    if (!closer.canClose) {
      c = next[c];
      continue;
    }
    const key = `${closer.char}${closer.canOpen ? 1 : 0}${closer.orig % 3}`;
    const floor = bottom.has(key) ? bottom.get(key)! : -1;
    let o = prev[c];
    for (; o !== -1 && o !== floor; o = prev[o]) {
      const opener = delim(o);
      if (opener.char !== closer.char || !opener.canOpen) continue;
      if (closer.char === '~') {
        if (opener.count === closer.count && opener.count <= 2) break;
        continue;
      }
      const odd = (opener.canClose || closer.canOpen) && (opener.orig + closer.orig) % 3 === 0 && !(opener.orig % 3 === 0 && closer.orig % 3 === 0);
      if (!odd) break;
    }
    if (o !== -1 && o !== floor) {
      const opener = delim(o);
      const use = closer.char === '~' ? closer.count : opener.count >= 2 && closer.count >= 2 ? 2 : 1;
      opener.count -= use;
      closer.count -= use;
      // Delimiters between a matched pair can no longer match anything: they leave the stack.
      next[o] = c;
      prev[c] = o;
      if (opener.count === 0) unlink(o);
      if (closer.count === 0) {
        const after = next[c];
        unlink(c);
        c = after;
      }
    } else {
      bottom.set(key, prev[c]);
      const after = next[c];
      if (!closer.canOpen) unlink(c);
      c = after;
    }
  }
}

/**
 * Plain text of an inline markdown value, read as CommonMark reads it: backslash escapes give the
 * character (`Span\<T\>` is `Span<T>`), code spans keep their content as written (`` `Handle<T>` ``
 * is `Handle<T>`), raw HTML and comments disappear, links become their text and images nothing,
 * entities are decoded, and only emphasis delimiters that match are removed.
 * `**✗** **ABORTED** - Use [X](x.md)\` → `✗ ABORTED - Use X`. Linear in the length of the value.
 */
export function plainText(value: string): string {
  return inlineText(value).replace(/\s+/g, ' ').trim();
}

/** plainText before its whitespace is collapsed (a link's text keeps its blanks inside the value). */
function inlineText(value: string): string {
  // Control characters never belong in a fact, and printed raw they drive the terminal (ESC ]0;…).
  // (C1 controls are left to the caller: Windows-1252 mojibake holds them until it is repaired.)
  // eslint-disable-next-line no-control-regex
  const s = /[\u0000-\u0008\u000b-\u001f\u007f]/.test(value) ? value.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\ufffd') : value;
  const pieces: Piece[] = [];
  let buf = '';
  const flush = () => {
    if (buf) pieces.push({ text: buf });
    buf = '';
  };
  const n = s.length;
  // Every backtick run, by length, in order (one pass): a code span's closer is the first run of its
  // opener's length after it, found by binary search, so no input makes the search quadratic.
  let runs: Map<number, number[]> | null = null;
  const closerOf = (j: number, len: number): number => {
    if (!runs) {
      runs = new Map();
      for (let k = s.indexOf('`'); k !== -1; ) {
        let e = k;
        while (e < n && s[e] === '`') e++;
        const list = runs.get(e - k);
        if (list) list.push(k);
        else runs.set(e - k, [k]);
        k = s.indexOf('`', e);
      }
    }
    const list = runs.get(len);
    if (!list) return -1;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < j) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length ? list[lo] : -1;
  };
  // Code spans bind tighter than link brackets: a span that opens inside a link's text and closes
  // after its `]` means there is no link there.
  const spans: Array<[number, number]> = [];
  if (s.includes('`') && s.includes('[')) {
    for (let k = 0; k < n; ) {
      if (s[k] === '\\' && k + 1 < n && ASCII_PUNCT.test(s[k + 1])) k += 2;
      else if (s[k] === '`') {
        let e = k;
        while (e < n && s[e] === '`') e++;
        const close = closerOf(e, e - k);
        if (close === -1) k = e;
        else {
          spans.push([k, close + (e - k)]);
          k = close + (e - k);
        }
      } else k++;
    }
  }
  let i = 0;
  while (i < n) {
    const ch = s[i];
    if (ch === '\\') {
      const next = s[i + 1];
      if (next !== undefined && ASCII_PUNCT.test(next)) {
        buf += next;
        i += 2;
      } else if (next === undefined || next === '\n' || next === '\r') {
        // A hard line break (or a trailing backslash): a space at most.
        buf += ' ';
        i++;
      } else {
        buf += ch;
        i++;
      }
      continue;
    }
    if (ch === '`') {
      let j = i;
      while (j < n && s[j] === '`') j++;
      const len = j - i;
      const close = closerOf(j, len);
      if (close === -1) {
        buf += s.slice(i, j);
        i = j;
        continue;
      }
      let code = s.slice(j, close).replace(/\r\n|\r|\n/g, ' ');
      if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
      buf += code;
      i = close + len;
      continue;
    }
    if (ch === '<') {
      AUTOLINK.lastIndex = i;
      const auto = AUTOLINK.exec(s);
      if (auto) {
        buf += auto[1];
        i += auto[0].length;
        continue;
      }
      EMAIL_AUTOLINK.lastIndex = i;
      const mail = EMAIL_AUTOLINK.exec(s);
      if (mail) {
        buf += mail[1];
        i += mail[0].length;
        continue;
      }
      const end = htmlAt(s, i);
      if (end !== -1) {
        i = end;
        continue;
      }
      buf += ch;
      i++;
      continue;
    }
    if (ch === '&') {
      const e = entityAt(s, i);
      if (e) {
        buf += e.text;
        i = e.end;
        continue;
      }
      buf += ch;
      i++;
      continue;
    }
    if (ch === '[' || (ch === '!' && s[i + 1] === '[')) {
      const at = ch === '!' ? i + 1 : i;
      const link = linkAt(s, at);
      // A link never holds another link: then the outer brackets are text (images may sit inside).
      const textEnd = link ? at + 1 + link.text.length : 0;
      const crossed = link !== null && spans.some(([from, to]) => from > at && from < textEnd && to > textEnd);
      if (link && !crossed && (link.image || !rawLinks(link.text).some((l) => !l.image))) {
        if (!link.image) buf += inlineText(link.text);
        i = link.end;
        continue;
      }
      buf += ch;
      i++;
      continue;
    }
    if (ch === '*' || ch === '_' || ch === '~') {
      let j = i;
      while (j < n && s[j] === ch) j++;
      const before = i > 0 ? s[i - 1] : undefined;
      const after = s[j];
      // Flanking as micromark (remark's parser) reads it: a neighbouring delimiter of another kind
      // never stops a run from opening or closing.
      const b = charClass(before);
      const a = charClass(after);
      const open = a === 0 || (a === 2 && b !== 0) || isMarker(after);
      // An escaped `\*` before the run is punctuation, not a delimiter.
      const close = b === 0 || (b === 2 && a !== 0) || (isMarker(before) && !escaped(s, i - 1));
      const canOpen = ch === '_' ? open && (b !== 0 || !close) : open;
      const canClose = ch === '_' ? close && (a !== 0 || !open) : close;
      flush();
      pieces.push({ text: '', delim: { char: ch, count: j - i, orig: j - i, canOpen, canClose } });
      i = j;
      continue;
    }
    buf += ch;
    i++;
  }
  flush();
  if (pieces.some((p) => p.delim && (p.delim.canOpen || p.delim.canClose))) resolveEmphasis(pieces);
  let out = '';
  for (const p of pieces) out += p.delim ? p.delim.char.repeat(p.delim.count) : p.text;
  return out;
}

/** GitHub's heading slug: lower case, punctuation and emoji dropped, spaces to dashes. */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}
