/**
 * Turns the records a log names by number only (`status: superseded by ADR-0010`, as MADR 4's template
 * writes it) into links, now that the whole log is known. The parser sees one file at a time and
 * cannot tell which file is record 10; the log reader can.
 */
import type { Decision } from '../model/index.js';

/**
 * Adds a link (marked `implicit`) for every number reference that exactly one other record of the
 * log (`among`: a record read fresh for an edit is resolved against the log it belongs to) carries
 * as its number. An unknown or ambiguous number stays a reference only: guessing would
 * put a wrong link into every check and the site.
 */
export function resolveNumberRefs(decisions: Decision[], among: Decision[] = decisions): void {
  let byNumber: Map<number, Decision[]> | null = null;
  for (const d of decisions) {
    if (!d.numberRefs?.length) continue;
    if (!byNumber) {
      byNumber = new Map();
      for (const x of among) if (x.number !== null) byNumber.set(x.number, [...(byNumber.get(x.number) ?? []), x]);
    }
    for (const ref of d.numberRefs) {
      const found = byNumber.get(ref.number);
      if (!found || found.length !== 1 || found[0].file === d.file) continue;
      const target = found[0].file;
      if (d.links.some((l) => l.kind === ref.kind && l.target === target)) continue;
      d.links.push({ target, anchor: null, kind: ref.kind, text: ref.text, label: ref.label, line: ref.line, span: ref.span, external: false, implicit: true });
    }
  }
}
