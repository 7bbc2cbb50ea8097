/**
 * Finding places in a record and inserting at them: label and footer lines, headings and the
 * extent of their sections, the footer block, and the edits that append a section, add a bullet
 * to a list, or bring `_Last Updated: …_` to today. Pure functions over a record's text and scan;
 * the status, link and abort edits are built from them.
 */
import type { Decision, Dialect, TextEdit } from '../model/index.js';
import type { Scan, ScanLine } from '../parse/scan.js';
import { blankComments } from '../parse/common.js';
import { tableRowCells } from '../parse/context.js';
import { parseDate } from '../parse/vocab.js';

/** The four ways records declare their status, derived from the dialect. */
export type EditStyle = 'summary' | 'nygard' | 'madr2' | 'front-matter';

/** The edit style of a dialect; records of unknown dialect get the primary (summary) style. */
export function editStyle(dialect: Dialect): EditStyle {
  switch (dialect) {
    case 'nygard':
      return 'nygard';
    case 'madr2':
    case 'log4brains':
      return 'madr2';
    case 'madr3':
    case 'madr4':
      return 'front-matter';
    default:
      return 'summary';
  }
}


// `**Status**: v`, `**Status:** v`, `Status: v`, `- Status: v`, `* **Decision Status**: v`.
const LABEL_LINE =
  /^([ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:Decision[ \t]+)?Status(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*|[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)(?:Decision[ \t]+)?Status[ \t]*:(?:\*\*|__)[ \t]*)/i;

// An italic footer line: `_Status: ✅ Approved_`, `*Decision Status: **✗** ABORTED | Next Review: n/a*`.
export const FOOTER_LINE = /^([ \t]*[_*](?![_*\s])(?:\*\*)?(?:Decision[ \t]+)?Status(?:\*\*)?[ \t]*:[ \t]*)(.*?)([ \t]*\|.*|[_*][ \t]*\\?[ \t]*|[_*][ \t]{2,})$/i;

const LAST_UPDATED_LINE = /^([ \t]*[_*](?![_*\s])(?:\*\*)?Last[ \t]+Updated(?:\*\*)?[ \t]*:[ \t]*)(.*?)([ \t]*\|.*|[_*][ \t]*\\?[ \t]*|[_*][ \t]{2,})$/i;

/** A Nygard link line: `Supersedes [1. Title](0001-x.md)`, `Superseded by [...](...)`. */
export const LINK_LINE = /^[ \t]*([A-Za-z][A-Za-z -]*?)[ \t]*:?[ \t]+\[[^\]]*(?:\][^(]|[^\]])*\]\([^)]*\)/;

/** The value part of a label line (`**Status**: VALUE\`), as offsets into the line, or null. */
export function labelValue(line: string): { start: number; end: number } | null {
  const m = LABEL_LINE.exec(line);
  if (!m) {
    // A metadata table row, `| Status | Accepted |`: the value cell.
    const cells = /^\s*\|/.test(line) ? tableRowCells(line) : null;
    return cells && cells.length === 2 ? cells[1] : null;
  }
  let end = line.length;
  // A trailing HTML comment (`- Status: proposed <!-- optional -->`, log4brains' template) is the
  // author's note, not the value: it stays.
  const note = /[ \t]*<!--(?:(?!-->).)*-->[ \t]*\\?[ \t]*$/.exec(line.slice(m[0].length));
  if (note && note.index > 0) end = m[0].length + note.index;
  else {
    const tail = /(\\|[ \t]{2,}|[ \t]+)$/.exec(line.slice(m[0].length));
    if (tail) end -= tail[0].length;
  }
  const start = Math.min(m[0].length, end);
  return { start, end };
}

/** The value part of an italic footer status line, or null when the line is not one. */
export function footerValue(line: string): { start: number; end: number } | null {
  const m = FOOTER_LINE.exec(line);
  if (!m) return null;
  return { start: m[1].length, end: m[1].length + m[2].length };
}

/** Whether a scanned line can carry facts (not code, not front matter). */
export function isProse(line: ScanLine | undefined): line is ScanLine {
  return !!line && line.kind !== 'code' && line.kind !== 'fence' && line.kind !== 'front-matter';
}

/** The first heading whose text matches, optionally at a depth. */
export function findHeading(s: Scan, pattern: RegExp, depth?: (d: number) => boolean): ScanLine | null {
  for (const h of s.headings) {
    // `## Links <!-- optional -->` (log4brains' template): the comment is no part of the name.
    if (pattern.test(blankComments(h.text).replace(/[*_`]/g, '').trim()) && (!depth || depth(h.depth))) return h.line;
  }
  return null;
}

/** Where a heading ends: its line, or the underline of a setext heading. */
export function headingEnd(s: Scan, heading: ScanLine): number {
  return !/^ {0,3}#/.test(heading.text) && s.lines[heading.n]?.kind === 'hr' ? s.lines[heading.n].end : heading.end;
}

/** Index (0-based into s.lines) one past the last line of the section `heading` opens. */
export function sectionEndIndex(s: Scan, heading: ScanLine): number {
  const depth = heading.depth ?? 6;
  let end = s.lines.length;
  for (let k = heading.n; k < s.lines.length; k++) {
    const l = s.lines[k];
    if (l.kind === 'heading' && (l.depth ?? 6) <= depth) {
      end = k;
      break;
    }
  }
  // The last section ends where the italic footer (and the `---` above it) begins.
  if (end === s.lines.length) {
    const footer = footerBlock(s);
    const anchor = footer ? (footer.rule ?? footer.first) : null;
    if (anchor && anchor.n - 1 >= heading.n) end = anchor.n - 1;
  }
  return end;
}

/** The last non-blank line of a section (skipping a closing `---`), or the heading itself. */
export function lastContentLine(s: Scan, heading: ScanLine, skipRule = true): ScanLine {
  let k = sectionEndIndex(s, heading) - 1;
  while (k >= heading.n && (s.lines[k].kind === 'blank' || (skipRule && s.lines[k].kind === 'hr'))) k--;
  return k >= heading.n ? s.lines[k] : heading;
}

/** A line of a page's italic footer (`_Last Updated: 2025-08-07 | Version: 2.2_`). */
export const ITALIC_FOOTER_LINE = /^[ \t]*[_*](?![_*\s]).*[_*][ \t]*\\?[ \t]*\r?$/;

/**
 * The trailing italic footer block of a summary record (`_Last Updated: …_` lines), with the
 * `---` rule above it when there is one: new sections go before it. Null when there is none.
 */
export function footerBlock(s: Scan): { first: ScanLine; rule: ScanLine | null } | null {
  let k = s.lines.length - 1;
  while (k >= 0 && s.lines[k].kind === 'blank') k--;
  let first: ScanLine | null = null;
  while (k >= 0 && s.lines[k].kind === 'text' && ITALIC_FOOTER_LINE.test(s.lines[k].text)) {
    first = s.lines[k];
    k--;
  }
  if (!first) return null;
  while (k >= 0 && s.lines[k].kind === 'blank') k--;
  return { first, rule: k >= 0 && s.lines[k].kind === 'hr' ? s.lines[k] : null };
}

/** An insertion of whole lines at the start of `line` (or at the end of the text). */
export function insertBefore(file: string, s: Scan, line: ScanLine | null, lines: string[], eol: string): TextEdit {
  if (line) return { file, start: line.start, end: line.start, text: lines.map((l) => l + eol).join('') };
  const text = s.text;
  const endsWithEol = text === '' || text.endsWith('\n') || text.endsWith('\r');
  const body = lines.join(eol);
  return { file, start: text.length, end: text.length, text: (endsWithEol ? '' : eol) + body + eol };
}

/**
 * Where a new section goes at the end of a record: before the summary footer block (and its
 * `---`), else at the end. Returns the edit inserting `lines` there, blank lines around it.
 */
export function appendSection(decision: Decision, s: Scan, lines: string[], eol: string): TextEdit {
  const footer = editStyle(decision.dialect) === 'summary' ? footerBlock(s) : null;
  const anchor = footer ? (footer.rule ?? footer.first) : null;
  if (anchor) {
    const prev = s.lines[anchor.n - 2];
    const lead = prev && prev.kind !== 'blank' ? [''] : [];
    return insertBefore(decision.file, s, anchor, [...lead, ...lines, ''], eol);
  }
  // At the end: make sure one blank line separates it from what comes before.
  let k = s.lines.length - 1;
  while (k >= 0 && s.lines[k].kind === 'blank') k--;
  const text = s.text;
  if (k < 0) return { file: decision.file, start: text.length, end: text.length, text: lines.join(eol) + eol };
  const last = s.lines[k];
  // Insert right after the last content line: EOL, blank line, the section; keep what followed.
  const trailing = text.slice(last.end);
  const hasEolAfter = trailing.length > 0;
  return {
    file: decision.file,
    start: last.end,
    end: last.end,
    text: eol + eol + lines.join(eol) + (hasEolAfter ? '' : eol),
  };
}

/** A replacement of part of one line. */
export function replaceInLine(file: string, line: ScanLine, range: { start: number; end: number }, value: string): TextEdit | null {
  const current = line.text.slice(range.start, range.end);
  if (current === value) return null;
  return { file, start: line.start + range.start, end: line.start + range.end, text: value };
}

/** 1-based line of an offset (binary search over the scan's lines). */
export function lineOfOffset(s: Scan, offset: number): number {
  let lo = 0;
  let hi = s.lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s.lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** `_Last Updated: 2025-08-06_` lines become today, where they hold a date. */
export function lastUpdatedEdits(decision: Decision, s: Scan, today: string): TextEdit[] {
  const out: TextEdit[] = [];
  for (const line of s.lines) {
    if (line.kind !== 'text') continue;
    const m = LAST_UPDATED_LINE.exec(line.text);
    if (!m) continue;
    const value = m[2].trim();
    if (!parseDate(value).date || value === today) continue;
    const start = m[1].length + m[2].indexOf(value);
    out.push({ file: decision.file, start: line.start + start, end: line.start + start + value.length, text: today });
  }
  return out;
}

/** A bullet at the end of a links section, created (before the footer) when missing. */
export function bulletEdit(decision: Decision, s: Scan, section: { find: RegExp; create: string }, text: string, eol: string): TextEdit {
  const heading = findHeading(s, section.find, (d) => d === 2);
  if (heading) {
    const last = lastContentLine(s, heading);
    const bullet = bulletChar(s, heading);
    if (last === heading) {
      const end = headingEnd(s, heading);
      return { file: decision.file, start: end, end, text: eol + eol + `${bullet} ${text}` };
    }
    // Directly after a list item: one more item of the same list; after prose: a new list.
    const sep = last.kind === 'item' ? eol : eol + eol;
    return { file: decision.file, start: last.end, end: last.end, text: sep + `${bullet} ${text}` };
  }
  return appendSection(decision, s, [`## ${section.create}`, '', `- ${text}`], eol);
}

/** The bullet character the section's list uses (`-` when it has none). */
function bulletChar(s: Scan, heading: ScanLine): string {
  for (let k = heading.n; k < s.lines.length; k++) {
    const l = s.lines[k];
    if (l.kind === 'heading') break;
    if (l.kind === 'item') {
      const m = /^[ \t]*([-*+])[ \t]/.exec(l.text);
      if (m) return m[1];
    }
  }
  return '-';
}
