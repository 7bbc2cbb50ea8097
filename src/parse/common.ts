/**
 * Facts every dialect shares: the title, headings, links between records, action items,
 * the back-link to the overview, the footer's status lines and an abort rationale.
 */
import type { ActionItem, Heading, Link, LinkKind, StatusDeclaration } from '../model/index.js';
import type { RecordContext } from './context.js';
import { findDefinition, findLinks, findReferenceUses, type InlineLink } from './inline.js';
import type { ScanLine } from './scan.js';
import { horizonOf, RECORD_SECTION } from './vocab.js';

/** The title: the first level-1 heading (else the first heading that is not a section name), with its line. */
export function readTitle(ctx: RecordContext): { text: string; line: ScanLine } | null {
  // Without a `# Title`, the first other heading stands in, unless it names one of a record's
  // sections (`## Status`): the record is then shown under its file name.
  const first = ctx.scan.headings.find((h) => h.depth === 1) ?? ctx.scan.headings.find((h) => !RECORD_SECTION.test(ctx.plain(h.text)));
  if (!first) return null;
  return { text: ctx.plain(first.text), line: first.line };
}

/** Nygard-style number prefixes: `12. Title`, `ADR-0012: Title`, `ADR 12 - Title`. */
const NUMBERED_TITLE = /^(?:ADR[-\s]?)?0*(\d{1,6})(?:\.|:|\s+[-–—])\s+(.+)$/i;
const ADR_PREFIXED = /^ADR[-\s]?0*(\d{1,6})\s+(.+)$/i;
// A bare leading number (`6 Blocking Retries`): the record's number only where it is the file's.
const BARE_NUMBER = /^0*(\d{1,6})\s+(.+)$/;

/**
 * Splits a numbered title into its number and the title proper. `bare` says the number stood alone
 * before the words (`3 Reasons we chose X`), which may as well be part of the title.
 */
export function splitNumberedTitle(title: string): { number: number | null; title: string; bare: boolean } {
  const m = NUMBERED_TITLE.exec(title) ?? ADR_PREFIXED.exec(title);
  if (m) return { number: Number(m[1]), title: m[2].trim(), bare: false };
  const b = BARE_NUMBER.exec(title);
  if (b) return { number: Number(b[1]), title: b[2].trim(), bare: true };
  return { number: null, title, bare: false };
}

/**
 * The title a reader sees, and the number it carries: an `N.` (or `ADR-N:`) prefix is always the
 * record's number and not part of the title; a bare leading number only when it is the file's own
 * (`# 6 Blocking Retries` in `0006-…`, where `# 3 Reasons we chose X` in `0007-…` keeps its 3).
 */
export function titleParts(rawTitle: string, fileNumber: number | null): { title: string; number: number | null } {
  const numbered = splitNumberedTitle(rawTitle);
  if (numbered.number === null) return { title: rawTitle, number: null };
  if (numbered.bare && numbered.number !== fileNumber) return { title: rawTitle, number: null };
  return { title: numbered.title, number: numbered.number };
}

/** Every heading, for anchors and rules. */
export function readHeadings(ctx: RecordContext): Heading[] {
  return ctx.scan.headings.map((h) => ({
    depth: h.depth,
    text: ctx.plain(h.text),
    anchor: h.anchor,
    explicit: h.explicit,
    line: h.line.n,
    span: ctx.span(h.line.start, h.line.end),
  }));
}

// The words before a link that say how it relates (`Superseded by [..](..)`).
const KIND_LABELS: Array<[RegExp, LinkKind]> = [
  [/(?:super[sc]eded|replaced)[\s-]*by\s*:?\s*$/i, 'superseded-by'],
  [/(?:super[sc]edes|replaces)\s*:?\s*$/i, 'supersedes'],
  [/amended[\s-]*by\s*:?\s*$/i, 'amended-by'],
  [/amends\s*:?\s*$/i, 'amends'],
];

/**
 * The relation the words just before a link name (`Superseded by`, `Amends:`), with the label as
 * written, or null for a plain link. Also reads a label standing alone (`supersedes`).
 */
export function relationOf(words: string): { kind: LinkKind; label: string } | null {
  for (const [pattern, kind] of KIND_LABELS) {
    const m = pattern.exec(words);
    if (m) return { kind, label: m[0].replace(/\s*:?\s*$/, '').trim() };
  }
  return null;
}

/**
 * The example file names of the templates (MADR 2's `0005-example.md`, log4brains' `yyyymmdd-xxx.md`):
 * a link to one is the template's placeholder left in a status line, not a link to a record.
 */
const EXAMPLE_DEST = /^(?:\d{4}-example|yyyymmdd-x+|x{3,}|n{3,4}-[a-z-]+|adr-?x{3,})\.md$/i;

/** Whether a destination points to another markdown file (not a web page, not the same file, not a template's example). */
function isRecordDest(dest: string): boolean {
  if (!dest || dest.startsWith('#')) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(dest) || dest.startsWith('//')) return false;
  const path = dest.split('#')[0].split('?')[0];
  return /\.(md|markdown)$/i.test(path) && !EXAMPLE_DEST.test(path.slice(path.lastIndexOf('/') + 1));
}

/** Resolves a link destination against the record's folder, relative to the log; null when it leaves the log. */
export function resolveTarget(file: string, dest: string): string | null {
  let path = dest.split('#')[0].split('?')[0];
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray % is kept as written.
  }
  const parts = path.startsWith('/') ? [] : file.split('/').slice(0, -1);
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(seg);
  }
  if (path.startsWith('/')) return null;
  return parts.join('/');
}

/** What one scan of the links found. */
export interface LinkScan {
  links: Link[];
  /** A link to the overview file (`[🚪 ← Back to Decisions Overview](../DECISIONS.md)`) was found. */
  overviewLink: boolean;
}

/**
 * One link occurrence on a line: an inline link, or a reference-style use resolved to its
 * definition. Same shape as an inline link, but destStart/destEnd are absolute offsets in the
 * record (the definition's, for references).
 */
type Occurrence = InlineLink;

/** The record's link reference definitions (`[ADR012]: ADR012-docker.md`), outside code. */
function readDefinitions(ctx: RecordContext): Map<string, { dest: string; destStart: number; destEnd: number }> {
  const defs = new Map<string, { dest: string; destStart: number; destEnd: number }>();
  const lines = ctx.scan.lines;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (line.kind !== 'text' || !line.text.includes(']:')) continue;
    const def = findDefinition(line.text);
    if (!def || defs.has(def.label)) continue;
    let { dest } = def;
    let destStart = line.start + def.destStart;
    if (dest === '' && k + 1 < lines.length && lines[k + 1].kind === 'text') {
      // The destination may sit on the next line (`[Service Operator]:` then the URL).
      const next = lines[k + 1];
      const m = /^\s*(<[^>]*>|\S+)/.exec(next.text);
      if (m) {
        dest = m[1].startsWith('<') ? m[1].slice(1, -1) : m[1];
        destStart = next.start + m[0].length - m[1].length + (m[1].startsWith('<') ? 1 : 0);
      }
    }
    if (dest) defs.set(def.label, { dest, destStart, destEnd: destStart + dest.length });
  }
  return defs;
}

/**
 * `text` with every closed HTML comment replaced by spaces of the same length. An unclosed `<!--`
 * inside a line is plain text in CommonMark (raw HTML needs its `-->`), so it hides nothing.
 */
export function blankComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, (c) => ' '.repeat(c.length));
}

/**
 * Links to other records, from every line that is not code: inline links and reference-style
 * links (`[ADR045 dev namespaces][ADR045]` with `[ADR045]: ADR045-dev-namespaces.md`). A link's kind
 * comes from the words before it on its line; a link following another with only `,` or `and`
 * between inherits its kind.
 */
export function readLinks(ctx: RecordContext, overviewName: string): LinkScan {
  const links: Link[] = [];
  let overviewLink = false;
  const overviewBase = overviewName.toLowerCase();
  const defs = ctx.text.includes(']:') ? readDefinitions(ctx) : new Map<string, { dest: string; destStart: number; destEnd: number }>();
  const labels = new Set(defs.keys());
  for (const line of ctx.scan.lines) {
    if (line.kind === 'code' || line.kind === 'fence' || line.kind === 'blank') continue;
    // Front matter keeps links in its values (`status: superseded by [ADR-3](0003-x.md)`), not in its fences.
    if (line.kind === 'front-matter' && (line.n === ctx.scan.frontMatter?.startLine || line.n === ctx.scan.frontMatter?.endLine)) continue;
    // An HTML comment is raw HTML, not markdown: `- [Link type] <!-- example: [ADR-5](0005-x.md) -->`
    // (log4brains' template) links nothing. Blanked out, so every offset stays where it was.
    const text = line.text.includes('<!--') ? blankComments(line.text) : line.text;
    const hasInline = text.includes('](');
    if (!hasInline && labels.size === 0) continue;
    const found: Occurrence[] = hasInline
      ? findLinks(text).map((l) => ({ text: l.text, dest: l.dest, start: l.start, end: l.end, destStart: line.start + l.destStart, destEnd: line.start + l.destEnd }))
      : [];
    if (labels.size > 0 && !(line.kind === 'text' && findDefinition(text))) {
      for (const r of findReferenceUses(text, labels)) {
        const def = defs.get(r.label)!;
        found.push({ text: r.text, dest: def.dest, start: r.start, end: r.end, destStart: def.destStart, destEnd: def.destEnd });
      }
      found.sort((a, b) => a.start - b.start);
    }
    let prevEnd = 0;
    let prevKind: LinkKind | null = null;
    for (const l of found) {
      const dest = l.dest;
      const base = dest.split('#')[0].split('?')[0].split('/').pop()?.toLowerCase() ?? '';
      if (base === overviewBase || /back to .*(overview|decisions)/i.test(l.text)) {
        overviewLink = true;
        prevEnd = l.end;
        continue;
      }
      if (!isRecordDest(dest)) {
        prevEnd = l.end;
        continue;
      }
      const target = resolveTarget(ctx.file, dest);
      if (target === null) {
        prevEnd = l.end;
        continue;
      }
      const before = line.text.slice(prevEnd, l.start).replace(/[*_`]/g, '');
      const relation = relationOf(before);
      let kind: LinkKind = relation?.kind ?? 'relates';
      let label = relation?.label ?? null;
      if (label === null && prevKind && /^\s*(,|and|&|;)?\s*$/i.test(before)) kind = prevKind;
      else if (label === null && prevEnd === 0) {
        // A link line of any other label (adr-tools' `Clarified by [7. X](0007-x.md)`): a plain
        // relation, with the label kept as written.
        const any = /^\s*(?:[-*+]\s+)?([A-Za-z][A-Za-z -]{0,40}?)\s*:?\s*$/.exec(before);
        if (any) label = any[1];
      }
      const hash = dest.indexOf('#');
      links.push({
        target,
        anchor: hash === -1 ? null : dest.slice(hash + 1) || null,
        kind,
        text: ctx.plain(l.text),
        label,
        line: line.n,
        span: ctx.span(l.destStart, l.destEnd),
        external: false,
      });
      prevKind = kind;
      prevEnd = l.end;
    }
  }
  return { links, overviewLink };
}

const ACTION_ITEMS_HEADING = /action[\s-]*items/i;
/**
 * The reference an item ends with: `[[Topic]](file.md)`, or a placeholder `[Topic - TBD]`. Found by
 * looking back from the end (a regex tried from every `[` was quadratic on `[[[[...`).
 */
function trailingRef(raw: string): { index: number; text: string; dest: string | null } | null {
  const t = raw.trimEnd();
  if (t.endsWith(')')) {
    const mid = t.lastIndexOf(']](');
    if (mid === -1) return null;
    const dest = t.slice(mid + 3, -1);
    if (/[\s()]/.test(dest)) return null;
    const open = t.lastIndexOf('[[', mid);
    if (open === -1) return null;
    const text = t.slice(open + 2, mid);
    if (text === '' || text.includes(']')) return null;
    return { index: open, text, dest };
  }
  if (t.endsWith(']')) {
    const open = t.lastIndexOf('[');
    const text = t.slice(open + 1, -1);
    if (open === -1 || text.includes(']') || !/TBD|TBA|to be decided/i.test(text)) return null;
    return { index: open, text, dest: null };
  }
  return null;
}

/** Action items: task-list items of any section whose heading says "Action Items", grouped by sub-heading. */
export function readActionItems(ctx: RecordContext): ActionItem[] {
  const items: ActionItem[] = [];
  const lines = ctx.scan.lines;
  for (let k = 0; k < lines.length; k++) {
    const h = lines[k];
    if (h.kind !== 'heading' || !ACTION_ITEMS_HEADING.test(h.heading ?? '')) continue;
    const depth = h.depth ?? 2;
    let group: string | null = null;
    for (k = k + 1; k < lines.length; k++) {
      const l = lines[k];
      if (l.kind === 'heading') {
        if ((l.depth ?? 6) <= depth) {
          k--;
          break;
        }
        group = ctx.plain(l.heading ?? '');
        continue;
      }
      if (l.kind !== 'item' || l.task == null) continue;
      // An item's paragraph may continue on the next lines (indented or lazy); they are part of it.
      let last = l;
      while (k + 1 < lines.length && lines[k + 1].kind === 'text') last = lines[++k];
      items.push(readItem(ctx, l, group, last));
    }
  }
  return items;
}

function readItem(ctx: RecordContext, l: ScanLine, group: string | null, last: ScanLine = l): ActionItem {
  const start = l.contentStart ?? l.start;
  let raw = ctx.text
    .slice(start, last.end)
    .replace(/\s*\\$/, '')
    .trimEnd()
    .replace(/[ \t]*\\?(?:\r\n|\n|\r)[ \t]*/g, ' ');
  const full = raw;
  let ref: ActionItem['ref'] = null;
  const r = trailingRef(raw);
  if (r) {
    ref = r.dest !== null ? { text: ctx.plain(r.text), target: resolveTarget(ctx.file, r.dest) } : { text: ctx.plain(r.text), target: null };
    raw = raw.slice(0, r.index).trimEnd();
  }
  let text: string;
  let note: string | null = null;
  const struck = /^~~(.+?)~~\s*(.*)$/.exec(raw);
  if (struck) {
    text = ctx.plain(struck[1]);
    note = struck[2] ? ctx.plain(struck[2]) || null : null;
  } else {
    text = ctx.plain(raw);
  }
  const done = l.task === 'x';
  return {
    text,
    note,
    raw: ctx.repair(full),
    done,
    aborted: /\b(ABORTED|abandoned|cancell?ed)\b/i.test(full) && (done || /~~/.test(full)),
    group,
    horizon: horizonOf(group),
    ref,
    line: l.n,
    span: ctx.span(l.start, last.end),
  };
}

/** An italic footer line (`_Status: ✅ Approved_`, `_A: x | B: y_`): group 1 the marker, group 2 the inside. */
export const FOOTER_STATUS = /^[ \t]*([_*])(?!\1)(.*?)\1[ \t]*\\?[ \t]*$/;

/**
 * Status declarations in italic footer lines: `_Status: ✅ Approved_`,
 * `_Decision Status: **✗** ABORTED | Next Review: Not applicable_`.
 */
export function readFooterStatus(ctx: RecordContext): StatusDeclaration[] {
  const out: StatusDeclaration[] = [];
  for (const line of ctx.scan.lines) {
    if (line.kind !== 'text') continue;
    const m = FOOTER_STATUS.exec(line.text);
    if (!m) continue;
    const innerStart = line.start + line.text.indexOf(m[1]) + 1;
    // Cells of `a | b | c`, each `Label: value`.
    let offset = 0;
    for (const cell of m[2].split('|')) {
      const cm = /^(\s*(?:\*\*)?)((?:decision\s+)?status)(\*\*)?\s*:\s*(\*\*)?\s*/i.exec(cell);
      if (cm) {
        const valueStart = innerStart + offset + cm[0].length - (cm[4] ? cm[4].length : 0);
        const value = cell.slice(cm[0].length - (cm[4] ? cm[4].length : 0)).trimEnd();
        out.push(ctx.declaration(value, valueStart, valueStart + value.length, 'footer'));
      }
      offset += cell.length + 1;
    }
  }
  return out;
}

/** Whether the record explains an abort: an "Abort Rationale" or "Decision to Abandon" heading. */
export function hasAbortRationale(ctx: RecordContext): boolean {
  return ctx.scan.headings.some((h) => /abort(ion)?\s+rationale|rationale\s+for\s+abort|decision\s+to\s+(abandon|abort)|why\s+(we\s+)?(aborted|abandoned)/i.test(h.text));
}
