/**
 * The primary "summary" format (FORMAT.md §1), both generations: label lines under
 * `## Decision Summary`, or (older) right under the title with `**Meeting Attendees**`.
 */
import type { HeaderFacts, RecordContext } from './context.js';
import { factsFromLabels, labelLines, mergeFacts, preamble } from './header.js';
import { sectionLines, type ScanLine } from './scan.js';

const SUMMARY_HEADING = /^decision\s+summary$/i;

/** Reads the header facts of a summary-style record. */
export function readSummary(ctx: RecordContext, titleLine: ScanLine | null): HeaderFacts {
  const heading = ctx.scan.headings.find((h) => h.depth >= 2 && SUMMARY_HEADING.test(ctx.plain(h.text)));
  const pre = factsFromLabels(ctx, labelLines(ctx, preamble(ctx, titleLine)));
  if (!heading) return pre;
  const section = factsFromLabels(ctx, labelLines(ctx, sectionLines(ctx.scan, heading.line)));
  return mergeFacts(section, pre);
}

/** Whether a record looks like the summary format. */
export function looksLikeSummary(ctx: RecordContext, titleLine: ScanLine | null): boolean {
  if (ctx.scan.headings.some((h) => SUMMARY_HEADING.test(h.text.replace(/[*_]/g, '').trim()))) return true;
  // Older generation: bold label lines under the title.
  return preamble(ctx, titleLine).some((l) => l.kind === 'text' && /^\s*(\*\*|__)(status|decision date|priority|category|meeting attendees)/i.test(l.text));
}
