/**
 * MADR 2.x and log4brains: a bullet list under the title, `- Status: accepted`,
 * `- Deciders: …`, `- Date: 2020-01-01`, `- Tags: …`; `superseded by [x](x.md)` in the status.
 */
import type { HeaderFacts, RecordContext } from './context.js';
import { factsFromLabels, labelLines, preamble } from './header.js';
import type { ScanLine } from './scan.js';

/** Reads the header facts of a MADR 2 / log4brains record. */
export function readMadr2(ctx: RecordContext, titleLine: ScanLine | null): HeaderFacts {
  return factsFromLabels(ctx, labelLines(ctx, preamble(ctx, titleLine).filter((l) => l.kind === 'item' || l.kind === 'text')));
}

/** Whether a record looks like MADR 2 (a `- Status:` bullet in the preamble). */
export function looksLikeMadr2(ctx: RecordContext, titleLine: ScanLine | null): boolean {
  return preamble(ctx, titleLine).some((l) => l.kind === 'item' && /^\s*[-*+]\s+(\*\*)?(status|deciders|date)(\*\*)?\s*:/i.test(l.text));
}

/** Whether a MADR 2 record is log4brains' variant (tags, or a `YYYYMMDD-` file name). */
export function isLog4brains(ctx: RecordContext, facts: HeaderFacts): boolean {
  return facts.tags.length > 0 || facts.lines.tags !== undefined || /(^|\/)\d{8}-[^/]+$/.test(ctx.file);
}
