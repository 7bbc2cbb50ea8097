/**
 * The review date of a record: when the team means to look at the decision again.
 *
 * Where each dialect writes it: front matter `review-by:` (MADR 3/4, read with the front matter);
 * a `**Review by**:` (or `**Next Review**:`) label line in the summary format's header; the summary
 * footer's `Next Review:` cell (`_Decision Status: ✅ Decided | Next Review: 2026-03-01_`);
 * `Review by:` under a Nygard status or in its preamble; `- Review by:` in a MADR 2 bullet list.
 * The label lines are read by the dialect readers (header.ts knows the label); this module adds the
 * footer and turns the text into a date.
 */
import { FOOTER_STATUS } from './common.js';
import type { HeaderFacts, RecordContext } from './context.js';
import { parseDate } from './vocab.js';

/** A footer cell naming the review date: `Next Review: 2026-03-01`, `Review by: …`. */
const FOOTER_REVIEW = /^\s*(?:\*\*|__)?(?:next\s+review(?:\s+date)?|review[ -]?by|review\s+date)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*/i;

/** What a record says about its review. */
export interface ReviewFact {
  /** YYYY-MM-DD, or null when the text names no date (`Not applicable`). */
  date: string | null;
  text: string;
  line: number;
}

/** The record's review date: a header label or front matter first, else the footer. */
export function readReview(ctx: RecordContext, facts: HeaderFacts): ReviewFact | null {
  const found = facts.review ?? footerReview(ctx);
  if (!found) return null;
  const text = ctx.plain(found.text).trim();
  if (text === '') return null;
  return { date: parseDate(text).date, text, line: found.line };
}

/** The `Next Review:` cell of an italic footer line, or null. */
function footerReview(ctx: RecordContext): { text: string; line: number } | null {
  // Footers sit at the end: look from the last line up, and only at italic lines.
  const lines = ctx.scan.lines;
  for (let k = lines.length - 1; k >= 0; k--) {
    const line = lines[k];
    if (line.kind !== 'text' || !/review/i.test(line.text)) continue;
    const m = FOOTER_STATUS.exec(line.text);
    if (!m) continue;
    for (const cell of m[2].split('|')) {
      const c = FOOTER_REVIEW.exec(cell);
      if (c) return { text: cell.slice(c[0].length).replace(/(?:\*\*|__)\s*$/, '').trim(), line: line.n };
    }
  }
  return null;
}
