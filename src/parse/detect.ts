/**
 * Which dialect a record is written in, decided per file from its own text, since logs mix them.
 * Front matter is the strongest sign, then the summary format's label lines, then MADR 2
 * bullets, then Nygard's Status section.
 */
import type { Dialect } from '../model/index.js';
import type { RecordContext } from './context.js';
import { looksLikeMadr2 } from './madr2.js';
import { looksLikeNygard } from './nygard.js';
import type { ScanLine } from './scan.js';
import { looksLikeSummary } from './summary.js';

/** Detects the dialect; `fmGeneration` is what the front matter's keys say (or null). */
export function detectDialect(ctx: RecordContext, titleLine: ScanLine | null, fmGeneration: 'madr3' | 'madr4' | null): Dialect {
  if (fmGeneration) return fmGeneration;
  if (looksLikeSummary(ctx, titleLine)) return 'summary';
  if (looksLikeMadr2(ctx, titleLine)) return 'madr2';
  if (looksLikeNygard(ctx)) return 'nygard';
  // adr-tools numbering and a `Date:` line without a Status section is still Nygard's style.
  if (titleLine && /^\d+\.\s/.test(titleLine.heading ?? '')) return 'nygard';
  return 'unknown';
}
