/**
 * Michael Nygard's format as adr-tools writes it: `# 12. Title`, `Date: 2016-02-12`, and a
 * `## Status` section (at the top or the end) whose first paragraph is the status and whose
 * further lines link other records (`Supersedes [1. Title](0001-x.md)`).
 */
import type { HeaderFacts, RecordContext } from './context.js';
import { emptyFacts } from './context.js';
import { factsFromLabels, labelLines, mergeFacts, preamble } from './header.js';
import { sectionLines, type ScanLine } from './scan.js';
import { canonicalStatus, statusDate } from './vocab.js';

// A status history entry starting with its date.
const DATED = /^\s*(?:\*\*|__)?\d{4}-\d{2}-\d{2}/;
const STATUS_HEADING = /^(status|current status|decision status)$/i;
const SUPERSEDED_ITEM = /^\s*(?:\*\*|__)?super[sc]eded\s+by\b/i;

/** The `## Status` section's facts: its first line is the status; label lines in it count too. */
export function readStatusSection(ctx: RecordContext): HeaderFacts {
  const heading = ctx.scan.headings.find((h) => h.depth >= 2 && STATUS_HEADING.test(ctx.plain(h.text)));
  if (!heading) return statusInHeading(ctx);
  const lines = sectionLines(ctx.scan, heading.line);
  const labelled = factsFromLabels(ctx, labelLines(ctx, lines));
  if (labelled.declarations.length > 0) {
    for (const d of labelled.declarations) d.site = 'section';
    return labelled;
  }
  let first = lines.find((l) => l.kind === 'text' || l.kind === 'item' || l.kind === 'quote');
  if (!first) return labelled;
  const after = (l: ScanLine) => ctx.text.slice(l.contentStart ?? l.start, l.end);
  // `* Superseded by [ADR 8](0008-x.md)` under the status (a port of adr-tools writes supersession as
  // a list under `Accepted`): a later entry of the status, not a link line beside it.
  const supersededItem = (l: ScanLine) => l.kind === 'item' && SUPERSEDED_ITEM.test(after(l));
  if (first.kind === 'item') {
    const items = lines.filter((l) => l.kind === 'item');
    const tasks = items.filter((l) => l.task != null);
    if (tasks.length >= 2) {
      // A checklist of statuses (`- [x] Decided`, `- [ ] Deferred`): the ticked one is the status.
      const ticked = tasks.find((l) => l.task === 'x');
      if (!ticked) return labelled;
      first = ticked;
    } else if (items.length >= 2 && items.every((l) => DATED.test(after(l)))) {
      // A dated history (`- 2020-01-01 Proposed`, `- 2020-02-01 Accepted`): the latest entry.
      first = items[items.length - 1];
    } else {
      first = items.slice(1).filter(supersededItem).pop() ?? first;
    }
  } else {
    // A history kept as paragraphs (`Proposed`, then `Accepted`, or dated lines): the last short
    // paragraph that is a status is the current one. Link lines (`Supersedes [..]`) are not statuses,
    // `Superseded by [..]` is, written as a paragraph or as a list item.
    const paragraphs = lines.filter((l, k) => (l.kind === 'text' && (k === 0 || lines[k - 1].kind !== 'text' || DATED.test(l.text.trim()))) || supersededItem(l));
    for (const p of paragraphs.slice(1)) {
      const plain = ctx.plain(p.kind === 'item' ? after(p) : p.text);
      const head = plain.split(/\s+[-–—]\s+|\s*\(/)[0].replace(/^\d{4}-\d{2}-\d{2}[\s:,.-]*/, '');
      const status = canonicalStatus(plain);
      if (!status) continue;
      if (/^super[sc]eded\s+by\b/i.test(head) || head.split(/\s+/).length <= 2) first = p;
    }
  }
  const start =
    first.kind === 'item'
      ? (first.contentStart ?? first.start)
      : first.kind === 'quote'
        ? first.start + (/^\s*(?:>\s?)+/.exec(first.text)?.[0].length ?? 0)
        : first.start + (first.text.length - first.text.trimStart().length);
  let end = first.end;
  while (end > start && /[\s\\]/.test(ctx.text[end - 1])) end--;
  const raw = ctx.text.slice(start, end);
  const facts = emptyFacts();
  facts.declarations.push(ctx.declaration(raw, start, end, 'section'));
  facts.lines.status = first.n;
  // An earlier entry of the history may be the only place the decision's date is written.
  for (const l of lines) {
    if (l === first) break;
    const date = l.kind === 'text' || l.kind === 'item' ? statusDate(l.text) : null;
    if (date) {
      facts.historyDate = { text: date, line: l.n };
      break;
    }
  }
  return mergeFacts(facts, labelled);
}

/** `## Status: Accepted` (the status written in the heading itself), or no facts. */
function statusInHeading(ctx: RecordContext): HeaderFacts {
  const facts = emptyFacts();
  // ATX headings only: a `---` / `status: x` / `---` block in the body reads as a setext heading.
  const h = ctx.scan.headings.find((x) => x.depth >= 2 && x.line.text.trimStart().startsWith('#') && /^(?:\*\*|__)?(?:current |decision )?status(?:\*\*|__)?\s*:/i.test(x.text));
  if (!h) return facts;
  const line = h.line;
  const colon = line.text.indexOf(':', line.text.toLowerCase().indexOf('status'));
  let start = line.start + colon + 1;
  while (start < line.end && /[\s*_]/.test(ctx.text[start])) start++;
  let end = line.start + line.text.length;
  // Closing #s and an explicit id are heading syntax, not status.
  const tail = /\s*(?:\{#[^}\s]+\})?\s*(?:#+)?\s*$/.exec(line.text);
  if (tail) end = line.start + tail.index;
  if (end <= start) return facts;
  facts.declarations.push(ctx.declaration(ctx.text.slice(start, end), start, end, 'section'));
  facts.lines.status = line.n;
  return facts;
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
  return ctx.scan.headings.some(
    (h) => h.depth >= 2 && (STATUS_HEADING.test(h.text.replace(/[*_]/g, '').trim()) || (h.line.text.trimStart().startsWith('#') && /^status\s*:/i.test(h.text.replace(/[*_]/g, '').trim()))),
  );
}
