/**
 * Which dialect a record is written in, decided per file from its own text, since logs mix them.
 * Front matter is the strongest sign, then the summary format's label lines, then MADR 2
 * bullets, then Nygard's Status section, then MADR's section headings.
 */
import type { Dialect } from '../model/index.js';
import type { RecordContext } from './context.js';
import { looksLikeMadr2 } from './madr2.js';
import { looksLikeNygard } from './nygard.js';
import type { ScanLine } from './scan.js';
import { looksLikeSummary } from './summary.js';

// Headings only MADR's templates use (every generation has at least one of the first two).
const MADR_HEADING = /^(considered options|decision outcome|context and problem statement|decision drivers|pros and cons of the options)$/i;

/** Whether the record uses MADR's section headings, and whether it has MADR 4's `Confirmation`. */
function madrHeadings(ctx: RecordContext): { madr: boolean; confirmation: boolean } {
  let madr = 0;
  let confirmation = false;
  for (const h of ctx.scan.headings) {
    const text = h.text.replace(/<!--.*?-->/g, '').replace(/[*_`]/g, '').trim();
    if (MADR_HEADING.test(text)) madr++;
    else if (h.depth >= 2 && /^confirmation$/i.test(text)) confirmation = true;
  }
  return { madr: madr >= 2, confirmation };
}

/** Detects the dialect; `fmGeneration` is what the front matter's keys say (or null). */
export function detectDialect(ctx: RecordContext, titleLine: ScanLine | null, fmGeneration: 'madr3' | 'madr4' | null): Dialect {
  if (fmGeneration) return fmGeneration;
  const madr = madrHeadings(ctx);
  // Front matter without MADR's keys (MADR's own log keeps only Jekyll's `parent`/`nav_order`)
  // and MADR's sections: a MADR 3/4 record whose metadata are optional and left out.
  if (ctx.scan.frontMatter && madr.madr) return madr.confirmation ? 'madr4' : 'madr3';
  if (looksLikeSummary(ctx, titleLine)) return 'summary';
  if (looksLikeMadr2(ctx, titleLine)) return 'madr2';
  if (looksLikeNygard(ctx)) return 'nygard';
  // adr-tools numbering and a `Date:` line without a Status section is still Nygard's style.
  if (titleLine && /^\d+\.\s/.test(titleLine.heading ?? '')) return 'nygard';
  if (madr.madr) return 'madr2';
  // Nygard's sections without a Status section (Backstage's log): Context, Decision, Consequences.
  const names = new Set(ctx.scan.headings.filter((h) => h.depth >= 2).map((h) => h.text.replace(/[*_]/g, '').trim().toLowerCase()));
  if (names.has('context') && names.has('decision') && names.has('consequences')) return 'nygard';
  return 'unknown';
}
