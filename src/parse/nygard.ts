/**
 * Michael Nygard's format as adr-tools writes it: `# 12. Title`, `Date: 2016-02-12`, and a
 * `## Status` section (at the top or the end) whose first paragraph is the status and whose
 * further lines link other records (`Supersedes [1. Title](0001-x.md)`).
 */
import type { HeaderFacts, RecordContext } from './context.js';
import { emptyFacts } from './context.js';
import { factsFromLabels, labelLines, mergeFacts, preamble } from './header.js';
import { sectionLines, type ScanLine } from './scan.js';

const STATUS_HEADING = /^(status|current status|decision status)$/i;

/** The `## Status` section's facts: its first line is the status; label lines in it count too. */
export function readStatusSection(ctx: RecordContext): HeaderFacts {
  const heading = ctx.scan.headings.find((h) => h.depth >= 2 && STATUS_HEADING.test(ctx.plain(h.text)));
  if (!heading) return emptyFacts();
  const lines = sectionLines(ctx.scan, heading.line);
  const labelled = factsFromLabels(ctx, labelLines(ctx, lines));
  if (labelled.declarations.length > 0) {
    for (const d of labelled.declarations) d.site = 'section';
    return labelled;
  }
  const first = lines.find((l) => l.kind === 'text' || l.kind === 'item');
  if (!first) return labelled;
  const start = first.kind === 'item' ? (first.contentStart ?? first.start) : first.start + (first.text.length - first.text.trimStart().length);
  let end = first.end;
  while (end > start && /[\s\\]/.test(ctx.text[end - 1])) end--;
  const raw = ctx.text.slice(start, end);
  const facts = emptyFacts();
  facts.declarations.push(ctx.declaration(raw, start, end, 'section'));
  facts.lines.status = first.n;
  return mergeFacts(facts, labelled);
}

/** Reads the header facts of a Nygard / adr-tools record. */
export function readNygard(ctx: RecordContext, titleLine: ScanLine | null): HeaderFacts {
  const pre = factsFromLabels(ctx, labelLines(ctx, preamble(ctx, titleLine)));
  const section = readStatusSection(ctx);
  // A `Status:` line in the preamble and a Status section are two declarations of one fact.
  return mergeFacts(pre, section);
}

/** Whether a record looks like Nygard's format. */
export function looksLikeNygard(ctx: RecordContext): boolean {
  return ctx.scan.headings.some((h) => h.depth >= 2 && STATUS_HEADING.test(h.text.replace(/[*_]/g, '').trim()));
}
