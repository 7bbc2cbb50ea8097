/**
 * The block scanner: one pass over the lines of a record that tells headings, list and
 * task items, fenced code, rules, tables and paragraphs apart, with the offset of each.
 *
 * It is deliberately not a full CommonMark parser. Decision records keep their facts in
 * headings, label lines and list items, and what must never be mistaken for a fact is
 * code (fenced blocks, HTML comments) and front matter. Doing only that keeps positions
 * exact (edits splice at these offsets) and reads tens of MB a second, where remark reads
 * under one (see TOOLCHAIN.md). test/parse/agreement.test.ts checks it agrees with remark.
 */
import { slugify } from './inline.js';

/** What a line is. `code` lines are inside a fence or an HTML comment and carry no facts. */
export type LineKind = 'blank' | 'heading' | 'item' | 'text' | 'code' | 'fence' | 'hr' | 'table' | 'quote' | 'front-matter';

/** One line of the record. */
export interface ScanLine {
  /** 1-based line number. */
  n: number;
  /** Offset of the first character, and of the end of the content (before the line ending). */
  start: number;
  end: number;
  text: string;
  kind: LineKind;
  /** Headings: depth 1-6, the heading text (closing #s and `{#id}` removed), explicit id. */
  depth?: number;
  heading?: string;
  explicitId?: string | null;
  /** Items: indentation of the marker, the task state (' ' or 'x') or null, and where the content starts (offset). */
  indent?: number;
  task?: ' ' | 'x' | null;
  contentStart?: number;
}

/** A heading with its anchor, ready for the model. */
export interface ScanHeading {
  depth: number;
  text: string;
  anchor: string;
  explicit: boolean;
  line: ScanLine;
}

/** The result of scanning a record. */
export interface Scan {
  text: string;
  lines: ScanLine[];
  headings: ScanHeading[];
  /** The YAML front matter (only at the very start of the file), or null. */
  frontMatter: { raw: string; startLine: number; endLine: number; start: number; end: number } | null;
}

const ATX_OPEN = /^ {0,3}(#{1,6})(?=[ \t]|$)/;

/**
 * An ATX heading's hashes and content (closing `#`s and blanks removed), or null. By hand, not one
 * regex: blanks before an optional closing sequence let a regex split a long run in O(n²) ways.
 */
function atx(t: string): [string, string] | null {
  const m = ATX_OPEN.exec(t);
  if (!m) return null;
  const rest = t.slice(m[0].length);
  const blank = (c: string) => c === ' ' || c === '\t';
  let end = rest.length;
  while (end > 0 && blank(rest[end - 1])) end--;
  let k = end;
  while (k > 0 && rest[k - 1] === '#') k--;
  if (k < end && (k === 0 || blank(rest[k - 1]))) {
    end = k;
    while (end > 0 && blank(rest[end - 1])) end--;
  }
  return [m[1], rest.slice(0, end).trim()];
}

/** Splits a trailing explicit id (`Title {#id}`) off heading content, without a backtracking regex. */
function explicitIdOf(content: string): { content: string; id: string | null } {
  if (!content.endsWith('}')) return { content, id: null };
  const open = content.lastIndexOf('{#');
  if (open === -1) return { content, id: null };
  const id = content.slice(open + 2, -1);
  if (id === '' || /[}\s]/.test(id)) return { content, id: null };
  return { content: content.slice(0, open).trim(), id };
}
const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
const TASK = /^\[([ xX])\](?:[ \t]+|$)/;
const FENCE = /^(\s*)(`{3,}|~{3,})(.*)$/;
const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
// A top-level YAML key (`status: accepted`, `decision-makers:`, `"date": x`), or a key written
// without the blank YAML wants after its colon (`tag:Web Client`, as some docs sites accept).
const FM_KEY = /^["']?[A-Za-z_][\w .-]*["']?\s*:(?:\s|$)|^[A-Za-z_][\w-]*:(?!\/)\S/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

/** Splits text into lines with their offsets; CR LF, LF and lone CR all end a line. Linear: each search resumes where the last stopped. */
function splitLines(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const len = text.length;
  let start = 0;
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  for (;;) {
    if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf('\n', start);
    if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf('\r', start);
    const lf = nextLf === -1 ? len : nextLf;
    if (nextCr !== -1 && nextCr < lf) {
      if (nextLf !== -1 && nextCr + 1 === nextLf) {
        // CR LF
        out.push({ start, end: nextCr });
        start = lf + 1;
      } else {
        // A lone CR (old Mac files) ends a line too.
        out.push({ start, end: nextCr });
        start = nextCr + 1;
      }
      continue;
    }
    out.push({ start, end: lf });
    if (lf === len) break;
    start = lf + 1;
  }
  return out;
}

/** Scans `text` (decoded, BOM removed) into classified lines. */
export function scan(text: string): Scan {
  const raw = splitLines(text);
  const lines: ScanLine[] = new Array(raw.length);
  const headings: ScanHeading[] = [];
  let frontMatter: Scan['frontMatter'] = null;

  let i = 0;
  // Front matter: only a `---` on the very first line, closed by `---` or `...`, holding at least
  // one `key:` line. YAML comments (`# These are optional elements`, as MADR's template has) are
  // allowed; a `---` rule followed by prose and another rule is not front matter.
  if (raw.length > 1 && text.slice(raw[0].start, raw[0].end).trimEnd() === '---') {
    let hasKey = false;
    for (let j = 1; j < raw.length; j++) {
      const t = text.slice(raw[j].start, raw[j].end).trimEnd();
      if (t === '---' || t === '...') {
        if (!hasKey) break;
        frontMatter = {
          raw: text.slice(raw[1].start, raw[j].start),
          startLine: 1,
          endLine: j + 1,
          start: raw[0].start,
          end: raw[j].end,
        };
        for (let k = 0; k <= j; k++) {
          lines[k] = { n: k + 1, start: raw[k].start, end: raw[k].end, text: text.slice(raw[k].start, raw[k].end), kind: 'front-matter' };
        }
        i = j + 1;
        break;
      }
      if (FM_KEY.test(t)) hasKey = true;
      // A markdown heading (`# Title` right after a rule) before any key: a thematic break, not front matter.
      else if (!hasKey && t.startsWith('#') && !/^#(\s|$)/.test(t) && /^#{1,6}\s/.test(t)) break;
      // Front matter never runs on for ever: a long block without a key is prose.
      if (!hasKey && j > 50) break;
    }
  }

  let fence: { char: string; len: number } | null = null;
  let inComment = false;
  let prev: ScanLine | null = null;
  // The first line of the paragraph being read, and whether it continues a list item or quote lazily.
  let para: ScanLine | null = null;
  let paraLazy = false;
  // Whether the lines read belong to a list (its items' indented content is not code), and
  // whether an indented code block is open.
  let inList = false;
  let indentedCode = false;
  for (; i < raw.length; i++) {
    const { start, end } = raw[i];
    const t = text.slice(start, end);
    const line: ScanLine = { n: i + 1, start, end, text: t, kind: 'text' };
    lines[i] = line;

    if (fence) {
      const m = FENCE.exec(t);
      if (m && m[2][0] === fence.char && m[2].length >= fence.len && m[3].trim() === '') {
        line.kind = 'fence';
        fence = null;
      } else {
        line.kind = 'code';
      }
      prev = line;
      continue;
    }
    if (inComment) {
      line.kind = 'code';
      if (t.includes('-->')) inComment = false;
      prev = line;
      continue;
    }
    const trimmed = t.trim();
    if (trimmed === '') {
      line.kind = 'blank';
      prev = line;
      continue;
    }
    // Indented code (4 spaces or a tab) outside a list: after a blank line or a block that is not
    // a paragraph, or continuing an indented code block. Inside a list the indent is the item's.
    const indented = t.charCodeAt(0) === 9 || t.startsWith('    ');
    if (indented && !inList && (indentedCode || prev === null || (prev.kind !== 'text' && prev.kind !== 'item' && prev.kind !== 'quote' && prev.kind !== 'table'))) {
      line.kind = 'code';
      indentedCode = true;
      prev = line;
      continue;
    }
    indentedCode = false;
    const lead = t.length - t.trimStart().length;
    if (lead < 2 && prev?.kind === 'blank' && !ITEM.test(t)) inList = false;
    const fm = FENCE.exec(t);
    if (fm && !(fm[2][0] === '`' && fm[3].includes('`'))) {
      line.kind = 'fence';
      fence = { char: fm[2][0], len: fm[2].length };
      prev = line;
      continue;
    }
    if (trimmed.startsWith('<!--') && !trimmed.includes('-->', 4)) {
      line.kind = 'code';
      inComment = true;
      prev = line;
      continue;
    }
    const h = t.charCodeAt(0) === 35 || t.startsWith(' ') ? atx(t) : null;
    if (h) {
      const split = explicitIdOf(h[1]);
      const content = split.content;
      const explicitId = split.id;
      line.kind = 'heading';
      inList = false;
      line.depth = h[0].length;
      line.heading = content;
      line.explicitId = explicitId;
      const afterHashes = t.indexOf('#') + h[0].length;
      const gap = t.slice(afterHashes).search(/\S/);
      line.contentStart = start + afterHashes + (gap === -1 ? t.length - afterHashes : gap);
      headings.push({ depth: line.depth, text: content, anchor: explicitId ?? '', explicit: explicitId !== null, line });
      prev = line;
      continue;
    }
    // Setext: a paragraph underlined with === or --- becomes a heading (its first line holds it,
    // the text of every line joined). A lazy continuation of a list item or quote cannot be one.
    if (prev && prev.kind === 'text' && para && !paraLazy && SETEXT.test(t) && !/^\s/.test(para.text)) {
      const first = para;
      first.kind = 'heading';
      first.depth = trimmed[0] === '=' ? 1 : 2;
      let content = lines
        .slice(first.n - 1, prev.n)
        .map((l) => l.text.trim())
        .join(' ');
      const split = explicitIdOf(content);
      content = split.content;
      const explicitId = split.id;
      first.heading = content;
      first.explicitId = explicitId;
      first.contentStart = first.start + first.text.search(/\S/);
      headings.push({ depth: first.depth, text: content, anchor: explicitId ?? '', explicit: explicitId !== null, line: first });
      line.kind = 'hr';
      para = null;
      prev = line;
      continue;
    }
    if (HR.test(t)) {
      line.kind = 'hr';
      inList = false;
      prev = line;
      continue;
    }
    const item = ITEM.exec(t);
    if (item) {
      inList = true;
      line.kind = 'item';
      line.indent = item[1].replace(/\t/g, '    ').length;
      let contentStart = start + item[0].length;
      const task = TASK.exec(t.slice(item[0].length));
      if (task) {
        line.task = task[1] === ' ' ? ' ' : 'x';
        contentStart += task[0].length;
      } else {
        line.task = null;
      }
      line.contentStart = contentStart;
      prev = line;
      continue;
    }
    if (trimmed.startsWith('>')) {
      line.kind = 'quote';
    } else if (trimmed.startsWith('|') || (trimmed.includes('|') && prev?.kind === 'table')) {
      line.kind = 'table';
    } else if (prev?.kind !== 'text') {
      para = line;
      paraLazy = prev !== null && (prev.kind === 'item' || prev.kind === 'quote');
    }
    prev = line;
  }

  // GitHub-style anchors, with -1, -2 for repeats; explicit ids win and are not counted.
  const seen = new Map<string, number>();
  for (const h of headings) {
    if (h.explicit) continue;
    const base = slugify(h.text.replace(/[*_`~]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));
    const count = seen.get(base) ?? 0;
    h.anchor = count === 0 ? base : `${base}-${count}`;
    seen.set(base, count + 1);
  }

  return { text, lines, headings, frontMatter };
}

/**
 * The lines of the section a heading opens: from the line after it up to the next heading
 * of the same or a higher level (or the end).
 */
export function sectionLines(s: Scan, heading: ScanLine): ScanLine[] {
  const from = heading.n; // index of the next line
  const depth = heading.depth ?? 6;
  let to = s.lines.length;
  for (let k = from; k < s.lines.length; k++) {
    const l = s.lines[k];
    if (l.kind === 'heading' && (l.depth ?? 6) <= depth) {
      to = k;
      break;
    }
  }
  return s.lines.slice(from, to);
}
