/**
 * The primary "summary" format (FORMAT.md §1), both generations: label lines under
 * `## Decision Summary`, or (older) right under the title with `**Meeting Attendees**`.
 */
import type { HeaderFacts, RecordContext } from './context.js';
import { factsFromLabels, labelLines, mergeFacts, preamble } from './header.js';
import { sectionLines, type ScanLine } from './scan.js';

// `## Decision Summary`; some logs call the block `## Summary` or `## Metadata` (counted only when it holds a bold Status line).
const SUMMARY_HEADING = /^decision\s+summary$/i;
const OTHER_SUMMARY_HEADING = /^(summary|metadata|decision metadata|overview|details)$/i;

/** Reads the header facts of a summary-style record. */
export function readSummary(ctx: RecordContext, titleLine: ScanLine | null): HeaderFacts {
  const heading =
    ctx.scan.headings.find((h) => h.depth >= 2 && SUMMARY_HEADING.test(ctx.plain(h.text))) ??
    ctx.scan.headings.find((h) => h.depth >= 2 && OTHER_SUMMARY_HEADING.test(ctx.plain(h.text)) && hasBoldStatus(ctx, h.line));
  const pre = factsFromLabels(ctx, labelLines(ctx, preamble(ctx, titleLine)));
  const facts = heading ? mergeFacts(factsFromLabels(ctx, labelLines(ctx, sectionLines(ctx.scan, heading.line))), pre) : pre;
  if (facts.summary === undefined) {
    // Older records state the decision in an `## Executive Summary` (or `## Final Decision`)
    // section as `**Decision**: ...`; only that line is taken from there, never a status.
    for (const h of ctx.scan.headings) {
      if (h.depth < 2 || !SUMMARY_SECTION.test(ctx.plain(h.text))) continue;
      const found = factsFromLabels(ctx, labelLines(ctx, sectionLines(ctx.scan, h.line).filter((l) => /^\s*(\*\*|__)?decision(\*\*|__)?\s*:|^\s*(\*\*|__)decision:/i.test(l.text))));
      if (found.summary !== undefined) {
        facts.summary = found.summary;
        facts.lines.summary = found.lines.summary;
        break;
      }
    }
  }
  return facts;
}

/** Whether the section a heading opens has a bold `**Status**:` label line. */
function hasBoldStatus(ctx: RecordContext, heading: ScanLine): boolean {
  return sectionLines(ctx.scan, heading).some((l) => (l.kind === 'text' || l.kind === 'item') && /^\s*(?:[-*+]\s+)?(\*\*|__)status(\*\*|__)?\s*:/i.test(l.text));
}

const SUMMARY_SECTION = /^(executive summary|final decision|summary)$/i;

/** Whether a record looks like the summary format. */
export function looksLikeSummary(ctx: RecordContext, titleLine: ScanLine | null): boolean {
  if (ctx.scan.headings.some((h) => SUMMARY_HEADING.test(h.text.replace(/[*_]/g, '').trim()))) return true;
  if (ctx.scan.headings.some((h) => h.depth >= 2 && OTHER_SUMMARY_HEADING.test(h.text.replace(/[*_]/g, '').trim()) && hasBoldStatus(ctx, h.line))) return true;
  // Older generation: bold label lines under the title.
  return preamble(ctx, titleLine).some((l) => l.kind === 'text' && /^\s*(\*\*|__)(status|decision date|priority|category|meeting attendees)/i.test(l.text));
}
