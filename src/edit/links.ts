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
 */
import { posix } from 'node:path';
import type { Decision, LinkKind, TextEdit } from '../model/index.js';
import { lineEnding } from '../parse/eol.js';
import { scan, type Scan } from '../parse/scan.js';
import {
  appendSection,
  bulletEdit,
  editStyle,
  linkSection,
  escapeHref,
  escapeLinkText,
  findHeading,
  lastContentLine,
  lastUpdatedEdits,
  oneLine,
  statusEdits,
  verifyNoOpenItems,
  type StatusLink,
} from './status.js';

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
