/**
 * What renumbering a record changes in text: its file name, the number in its title (and in the
 * front-matter keys that carry it), and every link to it from another markdown file. Pure: the
 * caller reads the files, and writes the splices these return through the store's transaction.
 *
 * Links are found the way the parser finds them (outside code blocks and code spans, inline and
 * reference-style); a link counts when its destination, resolved from the linking file's folder,
 * is the renumbered file. Its destination gets the new file name (the rest of the path, an
 * `#anchor` or `?query` kept as written), and its text the new number where the text shows the old
 * one as a record number (`[42. Use X](…)`, `[ADR-0042](…)`, `[0042-use-x.md](…)`).
 */
import { findDefinition, findLinks } from '../parse/inline.js';
import { scan } from '../parse/scan.js';
import type { Splice } from './splice.js';

/** The number a file name starts with, with how it is written: `ADR-0042-x.md` → prefix `ADR-`, digits `0042`. */
export function fileNumber(name: string): { prefix: string; digits: string; rest: string } | null {
  if (/^\d{4}-\d{2}-\d{2}(?:[-_]|$)/.test(name) || /^\d{8}(?:[-_]|$)/.test(name)) return null;
  const m = /^((?:adr[-_]?)?)(\d{1,6})([-_. ].*|\.(?:md|markdown))$/i.exec(name);
  return m ? { prefix: m[1], digits: m[2], rest: m[3] } : null;
}

/** `digits` written for `n` in the width `like` has (`0042`, 45 → `0045`; `42`, 45 → `45`). */
export function padLike(like: string, n: number): string {
  const text = String(n);
  return like.length > text.length && like.startsWith('0') ? text.padStart(like.length, '0') : text;
}

/**
 * The file name a record gets under its new number (`0042-use-x.md`, 45 → `0045-use-x.md`), or null
 * when the name carries no number. `like` is the number of a sibling to take the width from when
 * the record's own has no leading zero to tell it (`9999-x.md` back to 1 in a log of `0001-…` names).
 */
export function renumberedName(name: string, n: number, like?: string): string | null {
  const parts = fileNumber(name);
  if (!parts) return null;
  const width = parts.digits.startsWith('0') || like === undefined ? parts.digits : like;
  return `${parts.prefix}${padLike(width, n)}${parts.rest}`;
}

/** A record number as text starts with: `42. Title`, `ADR-0042: Title`, `ADR 42 - Title`, `ADR-0042`, `#42`. */
const NUMBER_TEXT = /^(\s*(?:ADR[-_ ]?|#)?)(\d{1,6})(?=$|[.:)\]]|\s)/i;

/** Splices that write `to` for `from` in `text` when it begins with that record number. */
function numberAt(text: string, offset: number, from: number, to: number): Splice | null {
  const m = NUMBER_TEXT.exec(text);
  if (!m || Number(m[2]) !== from) return null;
  // A bare number is only a record number when followed by the title separators.
  if (m[1].trim() === '' && !/^\s*\d+(?:\.\s|:\s|\s+[-–—]\s|\s*$)/.test(text)) return null;
  const start = offset + m[1].length;
  return { start, end: start + m[2].length, text: padLike(m[2], to) };
}

/**
 * Splices renumbering the record's own text: the number in its title heading (`# 42. Use X`,
 * `# ADR-0042: Use X`) and in front-matter keys holding it (`title: "ADR-0042: …"`, `nav_order: 42`,
 * `number: 42`, `id: 42`).
 */
export function titleNumberEdits(text: string, from: number, to: number): Splice[] {
  const s = scan(text);
  const edits: Splice[] = [];
  const heading = s.headings.find((h) => h.depth === 1) ?? s.headings[0];
  if (heading) {
    const line = heading.line;
    const m = /^\s{0,3}#{1,6}[ \t]+/.exec(line.text);
    if (m) {
      const edit = numberAt(line.text.slice(m[0].length), line.start + m[0].length, from, to);
      if (edit) edits.push(edit);
    }
  }
  for (const line of s.lines) {
    if (line.kind !== 'front-matter') continue;
    const key = /^(id|number|adr|adr[-_]?(?:id|number)|nav_order|sidebar_position|order|weight)(\s*:\s*["']?)(\d{1,6})(["']?\s*)$/i.exec(line.text);
    if (key && Number(key[3]) === from) {
      const start = line.start + key[1].length + key[2].length;
      edits.push({ start, end: start + key[3].length, text: padLike(key[3], to) });
      continue;
    }
    const title = /^(title\s*:\s*["']?)/i.exec(line.text);
    if (title) {
      const edit = numberAt(line.text.slice(title[0].length), line.start + title[0].length, from, to);
      if (edit) edits.push(edit);
    }
  }
  return edits;
}

/** What a link to the renumbered record looks like from one file. */
export interface RelinkTarget {
  /** Whether a destination (as written, `#anchor` and `?query` removed, percent-decoded) names the renumbered file from this file. */
  matches(path: string): boolean;
  /** The old and new file names (the last path segment). */
  oldName: string;
  newName: string;
  from: number;
  to: number;
}

/** `dest` split into path and the `#anchor` / `?query` tail. */
function splitDest(dest: string): { path: string; tail: string } {
  const cut = dest.search(/[#?]/);
  return cut === -1 ? { path: dest, tail: '' } : { path: dest.slice(0, cut), tail: dest.slice(cut) };
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The destination rewritten to the new name, keeping the folder part, the encoding style and the tail. */
function newDest(dest: string, target: RelinkTarget): string | null {
  const { path, tail } = splitDest(dest);
  if (!path || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) return null;
  if (!target.matches(decoded(path))) return null;
  const slash = path.lastIndexOf('/');
  const last = path.slice(slash + 1);
  const name = decoded(last) === last ? target.newName : encodeURIComponent(target.newName);
  return `${path.slice(0, slash + 1)}${name}${tail}`;
}

/**
 * Splices that point every link to the renumbered file in `text` at its new name, and renumber
 * the link texts that show the old number or file name; `links` counts the links. Links inside
 * code are left alone.
 */
export function relinkEdits(text: string, target: RelinkTarget): { edits: Splice[]; links: number } {
  if (!text.includes(target.oldName) && !text.includes(encodeURIComponent(target.oldName))) return { edits: [], links: 0 };
  const s = scan(text);
  const edits: Splice[] = [];
  const seen = new Set<number>();
  let links = 0;
  for (const line of s.lines) {
    if (line.kind === 'code' || line.kind === 'fence' || line.kind === 'blank') continue;
    const lineText = line.text;
    for (const link of findLinks(lineText)) {
      const dest = newDest(link.dest, target);
      if (dest === null) continue;
      const destStart = line.start + link.destStart;
      links++;
      if (!seen.has(destStart)) {
        seen.add(destStart);
        edits.push({ start: destStart, end: destStart + link.dest.length, text: dest });
      }
      edits.push(...linkTextEdits(link.text, line.start + link.start + 1, target));
    }
    const def = line.kind === 'text' ? findDefinition(lineText) : null;
    if (def && def.dest) {
      const dest = newDest(def.dest, target);
      if (dest !== null) {
        edits.push({ start: line.start + def.destStart, end: line.start + def.destEnd, text: dest });
        links++;
      }
    }
  }
  return { edits, links };
}

/** Splices renumbering a link's text (`42. Use X`, `[ADR-0042]`, `0042-use-x.md`), at `offset` in the file. */
function linkTextEdits(linkText: string, offset: number, target: RelinkTarget): Splice[] {
  // `[[Topic]](…)`: the overview's item references wrap the text in a second pair of brackets.
  const inner = linkText.startsWith('[') && linkText.endsWith(']') ? 1 : 0;
  const body = linkText.slice(inner, linkText.length - inner);
  const at = offset + inner;
  const name = body.indexOf(target.oldName);
  if (name !== -1) return [{ start: at + name, end: at + name + target.oldName.length, text: target.newName }];
  const edit = numberAt(body, at, target.from, target.to);
  return edit ? [edit] : [];
}

/**
 * A number written in place of a link (`superseded by ADR-0042`, the parser's implicit links):
 * the splice writing the new number over the digits of `written` at `offset`.
 */
export function numberRefEdit(written: string, offset: number, from: number, to: number): Splice | null {
  const m = /(\d{1,6})\s*$/.exec(written);
  if (!m || Number(m[1]) !== from) return null;
  const start = offset + m.index;
  return { start, end: start + m[1].length, text: padLike(m[1], to) };
}
