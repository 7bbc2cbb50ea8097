/**
 * Link edits: one side of a link between two records, written in the record's own dialect.
 *
 * | dialect      | superseded-by                                   | supersedes, amends, amended-by, relates                 |
 * |--------------|-------------------------------------------------|---------------------------------------------------------|
 * | summary      | `**Status**: Superseded by [T](f.md)` + footer  | `- Supersedes [T](f.md)` in `## Related Decisions` (created before the footer); relates: `- [T](f.md)` |
 * | nygard       | the `## Status` paragraph becomes `Superseded by [N. T](f.md)` | `Supersedes [N. T](f.md)` as a line of `## Status` (adr-tools) |
 * | madr2        | `- Status: superseded by [T](f.md)`             | `- Supersedes [T](f.md)` in `## Links` (MADR 2's section) |
 * | madr3, madr4 | `status: superseded by [T](f.md)` in the front matter (quoted when YAML needs it) | `- Supersedes [T](f.md)` in `## More Information` (or an existing `## Links`) |
 *
 * Linking twice adds nothing: a link of the same kind to the same file is recognised first.
 * {@link unlinkEdits} takes a link line away again (superseding a record anew, with --force).
 */
import { posix } from 'node:path';
import type { Decision, LinkKind, TextEdit } from '../model/index.js';
import { lineEnding } from '../parse/eol.js';
import { scan, type Scan } from '../parse/scan.js';
import { verifyNoOpenItems } from './action-items.js';
import { escapeHref, escapeLinkText, oneLine } from './escape.js';
import { appendSection, bulletEdit, editStyle, findHeading, lastContentLine, lastUpdatedEdits } from './sections.js';
import { linkSection, statusEdits, type StatusLink } from './status.js';

/** The other record of a link, as this side needs to name it. */
export interface LinkTarget {
  /** Path relative to the log folder. */
  file: string;
  title: string;
  number: number | null;
  dialect: Decision['dialect'];
}

/** One side of a link to write. */
export interface LinkRequest {
  kind: LinkKind;
  target: LinkTarget;
  /**
   * The words written before a `relates` link (adr-tools' free labels: `Clarifies`,
   * `Clarified by`); ignored for the other kinds, whose words are fixed.
   */
  label?: string | null;
  spelling?: 'Superseded' | 'Superceded';
  /** Today, YYYY-MM-DD (Last Updated footers). */
  today: string;
}

/** The kind the other side carries. */
export function reverseKind(kind: LinkKind): LinkKind {
  switch (kind) {
    case 'supersedes':
      return 'superseded-by';
    case 'superseded-by':
      return 'supersedes';
    case 'amends':
      return 'amended-by';
    case 'amended-by':
      return 'amends';
    default:
      return 'relates';
  }
}

/** The words written before a link of `kind`. */
export function kindLabel(kind: LinkKind, spelling: 'Superseded' | 'Superceded' = 'Superseded'): string {
  switch (kind) {
    case 'supersedes':
      // adr-tools spells both sides with a c: "Supercedes" / "Superceded by".
      return spelling === 'Superceded' ? 'Supercedes' : 'Supersedes';
    case 'superseded-by':
      return `${spelling} by`;
    case 'amends':
      return 'Amends';
    case 'amended-by':
      return 'Amended by';
    default:
      return 'Relates to';
  }
}

/** How `source` names `target`: the text (`2. Title` in Nygard logs) and a relative destination. */
export function linkTo(source: Pick<Decision, 'file' | 'dialect'>, target: LinkTarget): StatusLink {
  const from = posix.dirname(source.file);
  const href = posix.relative(from === '.' ? '' : from, target.file) || posix.basename(target.file);
  const text = source.dialect === 'nygard' && target.number !== null ? `${target.number}. ${target.title}` : target.title;
  return { text, href };
}

/** Whether `decision` already links `target` with `kind`. */
export function hasLink(decision: Decision, kind: LinkKind, target: string): boolean {
  return decision.links.some((l) => l.kind === kind && l.target === target);
}

/** The edits writing this side of a link; none when the link is already there. */
export function linkEdits(decision: Decision, text: string, request: LinkRequest, s: Scan = scan(text)): TextEdit[] {
  const style = editStyle(decision.dialect);
  const link = linkTo(decision, request.target);
  const eol = lineEnding(text);
  // A freshly parsed record names its successor by number only (`superseded by ADR-0010`): that counts.
  const present =
    hasLink(decision, request.kind, request.target.file) ||
    (request.target.number !== null && (decision.numberRefs ?? []).some((r) => r.kind === request.kind && r.number === request.target.number));
  const edits: TextEdit[] = [];

  if (request.kind === 'superseded-by') {
    if (!(present && decision.status === 'superseded')) {
      edits.push(...statusEdits(decision, text, { status: 'superseded', link, spelling: request.spelling, today: request.today }, s));
    }
    // The status itself carries the link (front matter values are read for links too).
    return edits;
  } else if (present) {
    return [];
  }

  const label = request.kind === 'relates' && request.label ? oneLine(request.label).replace(/[[\]]/g, '') : null;
  const line = `${label ?? kindLabel(request.kind, request.spelling)} [${escapeLinkText(link.text)}](${escapeHref(link.href)})`;
  if (style === 'nygard') {
    edits.push(nygardLinkEdit(decision, s, line, eol));
    return withLastUpdated(decision, s, edits, request.today);
  }
  const bulletText = style === 'summary' && request.kind === 'relates' && !label ? `[${escapeLinkText(link.text)}](${escapeHref(link.href)})` : line;
  const section = linkSection(style);
  edits.push(bulletEdit(decision, s, section, bulletText, eol));
  return withLastUpdated(decision, s, edits, request.today);
}

/** A changed summary record also gets today's date in its `_Last Updated: …_` footer. */
function withLastUpdated(decision: Decision, s: Scan, edits: TextEdit[], today: string): TextEdit[] {
  if (edits.length === 0) return edits;
  for (const e of lastUpdatedEdits(decision, s, today)) {
    if (!edits.some((x) => x.start < e.end && e.start < x.end) && !edits.some((x) => x.start === e.start)) edits.push(e);
  }
  return edits;
}

/** Nygard: a link line at the end of `## Status` (adr-tools writes them there). */
function nygardLinkEdit(decision: Decision, s: Scan, line: string, eol: string): TextEdit {
  const heading = findHeading(s, /^status$/i, (d) => d >= 2);
  if (!heading) {
    const first = s.headings.find((h) => h.depth >= 2)?.line ?? null;
    if (first) return { file: decision.file, start: first.start, end: first.start, text: ['## Status', '', line, '', ''].join(eol) };
    return appendSection(decision, s, ['## Status', '', line], eol);
  }
  const last = lastContentLine(s, heading, false);
  return { file: decision.file, start: last.end, end: last.end, text: eol + eol + line };
}

/** What one side must read as after linking: null when it does, else what is missing. */
export function verifyLink(after: Decision | null, kind: LinkKind, target: string, targetNumber: number | null = null): string | null {
  if (!after) return 'the edited record no longer parses';
  const byNumber = targetNumber !== null && (after.numberRefs ?? []).some((r) => r.kind === kind && r.number === targetNumber);
  if (!hasLink(after, kind, target) && !byNumber) return `the edited record has no '${kind}' link to ${target}`;
  if (kind === 'superseded-by' && after.status !== 'superseded') {
    return `the edited record reads as '${after.status ?? 'no status'}', not 'superseded'`;
  }
  if (kind === 'superseded-by') return verifyNoOpenItems(after);
  return null;
}

/** What is left of a link line once its link is taken out, when it said nothing else: bullet, label, marks. */
const BARE_LINK_LINE = /^(?:supersedes|supercedes|super[sc]eded by|amends|amended by|relates to|related to)?$/i;

/**
 * The edits taking away `decision`'s links of `kind` to `target`, where each stands on a line of its
 * own (a bullet `- Supersedes [T](t.md)`, or Nygard's `Supersedes [1. T](0001-t.md)` line in
 * `## Status`): the line goes with its line ending, and a blank line it would leave doubled. A
 * summary record's `_Last Updated_` becomes today. Throws an Error naming the line when a link
 * shares its line with other words (or lives in front matter): those are left to the person.
 */
export function unlinkEdits(decision: Decision, text: string, kind: LinkKind, target: string, today: string, s: Scan = scan(text)): TextEdit[] {
  const edits: TextEdit[] = [];
  const lines = [...new Set(decision.links.filter((l) => l.kind === kind && l.target === target).map((l) => l.line))];
  for (const n of lines) {
    const at = n - 1;
    const line = s.lines[at];
    const links = line?.text.match(/\[(?:[^\]\\]|\\.)*\]\([^)]*\)/g) ?? [];
    const rest = (line?.text ?? '')
      .replace(/\[(?:[^\]\\]|\\.)*\]\([^)]*\)/g, '')
      .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
      .replace(/[*_:,.;\s]+/g, ' ')
      .trim();
    if (!line || line.kind === 'front-matter' || links.length !== 1 || !BARE_LINK_LINE.test(rest)) {
      throw new Error(`${decision.file}:${n} says more than the link (\`${line?.text.trim() ?? ''}\`); take it out by hand`);
    }
    const next = s.lines[at + 1];
    let start = line.start;
    const end = next ? next.start : text.length;
    const prev = s.lines[at - 1];
    // `Accepted`, blank, the link, blank, `## Context`: the blank before it goes too.
    if (prev && prev.kind === 'blank' && (!next || next.kind === 'blank')) start = prev.start;
    // The last line, without a line ending of its own: the one before it ends the file now.
    else if (!next && prev && line.end === text.length) start = prev.end;
    edits.push({ file: decision.file, start, end, text: '' });
  }
  return withLastUpdated(decision, s, edits, today);
}

/** What a record must read as after {@link unlinkEdits}: null when no such link is left. */
export function verifyUnlinked(after: Decision | null, kind: LinkKind, target: string): string | null {
  if (!after) return 'the edited record no longer parses';
  return hasLink(after, kind, target) ? `the edited record still has a '${kind}' link to ${target}` : null;
}
