/**
 * The safe fix of `relation-reciprocal`: the missing half of a two-way link, written into the
 * target record as one inserted line in that record's own dialect, at the place that dialect
 * keeps its links. Only an insertion: every existing byte stays where it was.
 */
import type { Config, Decision, LinkKind, TextEdit } from '../model/index.js';
import { dominantEol, lineEndAt, lineStarts, relativeHref } from './facts.js';
import type { SourceText } from './rule.js';

/** The words that introduce a link of each kind. */
export function relationLabel(kind: LinkKind, spelling: 'Superseded' | 'Superceded' = 'Superseded'): string {
  switch (kind) {
    case 'supersedes':
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

/** The spelling the log already uses for "superseded" (adr-tools writes `Superceded`), or the config's. */
export function supersededSpelling(config: Config, decisions: readonly Decision[]): 'Superseded' | 'Superceded' {
  if (config.supersededSpelling) return config.supersededSpelling;
  const used = decisions.some((d) => d.links.some((l) => l.label !== null && /^superceded/i.test(l.label)));
  return used ? 'Superceded' : 'Superseded';
}

/** The link text for a record, as its dialect writes it (`2. Use Y` for Nygard, the title otherwise). */
export function linkText(target: Decision, other: Decision): string {
  const title = other.title.replace(/[[\]]/g, (c) => `\\${c}`);
  return target.dialect === 'nygard' && other.number !== null ? `${other.number}. ${title}` : title;
}

/** End offset of the last non-blank line in [from, to), or null when all blank. */
function lastContentEnd(text: string, starts: number[], fromLine: number, toLine: number): { end: number; line: number } | null {
  for (let n = toLine; n >= fromLine; n--) {
    const end = lineEndAt(text, starts, n);
    if (text.slice(starts[n - 1], end).trim() !== '') return { end, line: n };
  }
  return null;
}

/**
 * The last line (1-based) of the section under the heading at `line`: before the next heading of
 * depth ≤ `depth`, or before a thematic break (`---`), which in summary records starts the footer.
 */
function sectionLastLine(decision: Decision, text: string, starts: number[], line: number, depth: number): number {
  const next = decision.headings.find((h) => h.line > line && h.depth <= depth);
  const limit = next ? next.line - 1 : starts.length;
  let inFence = false;
  for (let n = line + 1; n <= limit; n++) {
    const lineText = text.slice(starts[n - 1], lineEndAt(text, starts, n));
    if (/^\s*(```|~~~)/.test(lineText)) inFence = !inFence;
    if (!inFence && /^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(lineText)) return n - 1;
  }
  return limit;
}

const LIST_ITEM = /^\s*([-*+])\s/;

/**
 * The edit that writes `kind` → `other` into `target`, or null when the target's dialect has no
 * place for it or the place cannot be found unambiguously.
 */
export function reciprocalEdit(
  target: Decision,
  source: SourceText,
  kind: LinkKind,
  other: Decision,
  spelling: 'Superseded' | 'Superceded',
): TextEdit | null {
  const { text } = source;
  const eol = dominantEol(text);
  const starts = lineStarts(text);
  const lastLine = starts.length;
  const href = relativeHref(target.file, other.file);
  const label = relationLabel(kind, spelling);
  const link = `[${linkText(target, other)}](${href})`;

  if (target.dialect === 'nygard') {
    const heading = target.headings.find((h) => /^status$/i.test(h.text.trim()));
    if (!heading) return null;
    const endLine = sectionLastLine(target, text, starts, heading.line, heading.depth);
    const content = lastContentEnd(text, starts, heading.line + 1, endLine);
    const at = content ?? { end: lineEndAt(text, starts, heading.line), line: heading.line };
    return { file: target.file, start: at.end, end: at.end, text: `${eol}${eol}${label} ${link}` };
  }

  if (target.dialect === 'madr2' || target.dialect === 'log4brains') {
    if (kind !== 'superseded-by') return null;
    const status = target.statusDeclarations.find((d) => d.site === 'header');
    if (!status) return null;
    const n = status.span.start.line;
    const lineText = text.slice(starts[n - 1], lineEndAt(text, starts, n));
    const bullet = LIST_ITEM.exec(lineText);
    if (!bullet) return null;
    const end = lineEndAt(text, starts, n);
    return { file: target.file, start: end, end, text: `${eol}${bullet[1]} ${label} ${link}` };
  }

  if (target.dialect === 'summary') {
    const line = `- **${label}**: ${link}`;
    // A "Related Decisions" section first; else the older generation's "Integration with Existing Decisions".
    const section =
      target.headings.find((h) => h.depth <= 2 && /related/i.test(h.text)) ??
      target.headings.find((h) => h.depth <= 2 && /integration with existing decisions|relationships?\b|see also/i.test(h.text));
    if (section) {
      const endLine = sectionLastLine(target, text, starts, section.line, section.depth);
      // Keep sub-headed sections (### Complements ...) intact: append after the section's last content line.
      const content = lastContentEnd(text, starts, section.line + 1, endLine);
      if (content) {
        const lastText = text.slice(starts[content.line - 1], content.end);
        const separator = LIST_ITEM.test(lastText) && !/^\s{2,}/.test(lastText) ? eol : eol + eol;
        return { file: target.file, start: content.end, end: content.end, text: `${separator}${line}` };
      }
      const end = lineEndAt(text, starts, section.line);
      return { file: target.file, start: end, end, text: `${eol}${eol}${line}` };
    }
    // No related section: add one just before the footer block (the last `---` followed only by italic lines).
    const block = `## Related Decisions${eol}${eol}${line}${eol}${eol}`;
    for (let n = lastLine; n >= 1; n--) {
      const lineText = text.slice(starts[n - 1], lineEndAt(text, starts, n)).trim();
      if (lineText === '') continue;
      if (/^---+$/.test(lineText)) {
        const rest = text.slice(starts[n - 1]).split(/\r?\n/).slice(1).filter((l) => l.trim() !== '');
        if (rest.length > 0 && rest.every((l) => /^\s*[_*]/.test(l))) return { file: target.file, start: starts[n - 1], end: starts[n - 1], text: block };
        break;
      }
      if (!/^[_*]/.test(lineText)) break;
    }
    const endsWithEol = /\n$/.test(text);
    return { file: target.file, start: text.length, end: text.length, text: `${endsWithEol ? '' : eol}${eol}${block.slice(0, -eol.length)}` };
  }
  return null;
}
