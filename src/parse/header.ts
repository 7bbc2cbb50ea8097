/**
 * Reading label lines into header facts: shared by the dialects whose metadata are
 * `Label: value` lines (summary style, MADR 2 / log4brains bullets, Nygard's `Date:` line).
 */
import type { SubDecision } from '../model/index.js';
import { emptyFacts, splitNames, type HeaderFacts, type LabelLine, type RecordContext } from './context.js';
import type { ScanLine } from './scan.js';
import { isTemplatePlaceholder } from './vocab.js';

/** Which fact a label names. */
export type Fact = 'status' | 'date' | 'priority' | 'category' | 'deciders' | 'attendees' | 'consulted' | 'informed' | 'tags' | 'summary' | 'review';

const LABELS: Array<[RegExp, Fact]> = [
  [/^(decision |current |adr )?status$/, 'status'],
  [/^(decision |decided |created )?date$|^(decided|created) on$/, 'date'],
  [/^priority$/, 'priority'],
  [/^(category|area|domain area)$/, 'category'],
  [/^(deciders?|decision[ -]makers?|decided by|owners?|authors?|approvers?)$/, 'deciders'],
  [/^(meeting )?(attendees|participants)$/, 'attendees'],
  [/^consulted$/, 'consulted'],
  [/^informed$/, 'informed'],
  [/^(tags|labels|keywords)$/, 'tags'],
  [/^(decision|final decision|outcome|chosen option)$/, 'summary'],
  [/^(review[ -]?by|next review( date)?|review (date|on|due)|revisit (by|on)|next revisit)$/, 'review'],
];

/** The fact a label names, or null. */
export function factOf(label: string): Fact | null {
  for (const [pattern, fact] of LABELS) if (pattern.test(label)) return fact;
  return null;
}

/**
 * Folds label lines into header facts. The first line of each fact wins; later status
 * lines still count as declarations (a record may declare its status twice).
 */
export function factsFromLabels(ctx: RecordContext, labels: LabelLine[], site: 'header' | 'sub-decision' = 'header'): HeaderFacts {
  const facts = emptyFacts();
  for (const l of labels) {
    const fact = factOf(l.label);
    if (!fact) continue;
    // A template's placeholder left in (`- Deciders: [list everyone involved in the decision]`)
    // says nothing yet; a status placeholder is still a declaration, to be reported as unknown.
    if (fact !== 'status' && isTemplatePlaceholder(l.value)) continue;
    const line = l.line.n;
    switch (fact) {
      case 'status':
        facts.declarations.push(ctx.declaration(l.raw, l.start, l.end, site));
        facts.lines.status ??= line;
        break;
      case 'date':
        facts.date ??= { text: l.value, line };
        facts.lines.date ??= line;
        break;
      case 'priority':
        facts.priority ??= { text: l.value, line };
        facts.lines.priority ??= line;
        break;
      case 'category':
        facts.category ??= { text: l.value, line };
        facts.lines.category ??= line;
        break;
      case 'summary':
        facts.summary ??= l.value;
        facts.lines.summary ??= line;
        break;
      case 'review':
        facts.review ??= { text: l.value, line };
        facts.lines.review ??= line;
        break;
      case 'tags':
        facts.tags.push(...splitNames(l.value.replace(/^\[|\]$/g, '')).map((t) => t.replace(/^#/, '')));
        facts.lines.tags ??= line;
        break;
      default:
        facts[fact].push(...splitNames(l.value));
        facts.lines[fact] ??= line;
    }
  }
  return facts;
}

/** Label lines among `lines` (text and list lines only). */
export function labelLines(ctx: RecordContext, lines: ScanLine[]): LabelLine[] {
  const out: LabelLine[] = [];
  for (const line of lines) {
    const l = ctx.label(line);
    if (!l) continue;
    if (!/[·|•]/.test(l.raw)) {
      out.push(l);
      continue;
    }
    out.push(...splitLabelLine(ctx, l));
  }
  return out;
}

// `**Status:** Accepted · **Date:** 2026-10-04`: several bold labels on one line, separated by `·`, `|` or `•`.
const NEXT_LABEL = /\s+[·|•]\s+(?=(?:\*\*|__)[A-Za-z][A-Za-z0-9 &/_-]{0,40}?(?::[ \t]*(?:\*\*|__)|(?:\*\*|__)[ \t]*:))/g;

/** Splits a line holding several bold labels into one label line each (offsets kept). */
function splitLabelLine(ctx: RecordContext, l: LabelLine): LabelLine[] {
  const cuts: Array<{ at: number; next: number }> = [];
  NEXT_LABEL.lastIndex = 0;
  for (let m = NEXT_LABEL.exec(l.raw); m; m = NEXT_LABEL.exec(l.raw)) cuts.push({ at: m.index, next: m.index + m[0].length });
  if (cuts.length === 0) return [l];
  const out: LabelLine[] = [];
  const first = l.raw.slice(0, cuts[0].at);
  out.push({ ...l, raw: first, value: ctx.plain(first), end: l.start + cuts[0].at });
  for (let k = 0; k < cuts.length; k++) {
    const from = cuts[k].next;
    const to = k + 1 < cuts.length ? cuts[k + 1].at : l.raw.length;
    const offset = l.start - l.line.start + from;
    const piece: ScanLine = { ...l.line, text: l.line.text.slice(offset, offset + (to - from)), start: l.line.start + offset };
    const next = ctx.label(piece);
    if (next) out.push({ ...next, line: l.line });
  }
  return out;
}

/**
 * Metadata kept in a code block under the title (itchysats' records open with a fence holding
 * `Author: …`, `Date: 29/12/2021`, `Status: Active`): the block's lines as label lines, when it has no
 * language (or `text`) and every line in it is a plain label line (no markup: markup does not
 * render there) and one of them names a status or a date. Any other code block is code.
 */
export function fencedLabelLines(ctx: RecordContext, lines: ScanLine[]): LabelLine[] {
  for (let k = 0; k < lines.length; k++) {
    const open = lines[k];
    if (open.kind !== 'fence') continue;
    if (!/^\s*(`{3,}|~{3,})\s*(text|txt|plain|plaintext)?\s*$/i.test(open.text)) return [];
    const out: LabelLine[] = [];
    let known = false;
    for (k = k + 1; k < lines.length && lines[k].kind === 'code'; k++) {
      const code = lines[k];
      if (code.text.trim() === '') continue;
      // Markup does not render in a code block, so a block that writes `**Status**:` or a list item
      // shows how to write a record (a template, a format guide); metadata kept there is plain text.
      if (/^\s*(?:[-*+]\s|\d+[.)]\s|>)|\*\*|__|`/.test(code.text)) return [];
      const label = ctx.label({ ...code, kind: 'text' });
      if (!label) return [];
      const fact = factOf(label.label);
      if (fact === 'status' || fact === 'date') known = true;
      out.push(label);
    }
    return known && lines[k]?.kind === 'fence' ? out : [];
  }
  return [];
}

/** Lines between the title and the first heading after it (the preamble of most dialects). */
export function preamble(ctx: RecordContext, titleLine: ScanLine | null): ScanLine[] {
  // Detection and every dialect reader ask for it; a long preamble (a huge table) is cut once.
  let cache = preambles.get(ctx);
  if (!cache) preambles.set(ctx, (cache = new Map()));
  const hit = cache.get(titleLine);
  if (hit) return hit;
  const out = cutPreamble(ctx, titleLine);
  cache.set(titleLine, out);
  return out;
}

const preambles = new WeakMap<RecordContext, Map<ScanLine | null, ScanLine[]>>();

function cutPreamble(ctx: RecordContext, titleLine: ScanLine | null): ScanLine[] {
  const lines = ctx.scan.lines;
  let from = titleLine ? titleLine.n : 0;
  // Front matter is not preamble.
  while (from < lines.length && lines[from].kind === 'front-matter') from++;
  const out: ScanLine[] = [];
  for (let k = from; k < lines.length; k++) {
    if (lines[k].kind === 'heading') {
      if (titleLine === null && out.length === 0 && k === from) continue;
      break;
    }
    out.push(lines[k]);
  }
  return out;
}

/**
 * Sub-decisions of older summary-style records: headings with an explicit `{#id}` whose
 * section declares its own `**Status**:` or `**Decision**:`.
 */
export function readSubDecisions(ctx: RecordContext): SubDecision[] {
  const out: SubDecision[] = [];
  const lines = ctx.scan.lines;
  for (const h of ctx.scan.headings) {
    if (!h.explicit || h.depth < 2) continue;
    const section: ScanLine[] = [];
    for (let k = h.line.n; k < lines.length; k++) {
      if (lines[k].kind === 'heading' && (lines[k].depth ?? 6) <= h.depth) break;
      section.push(lines[k]);
    }
    const facts = factsFromLabels(ctx, labelLines(ctx, section), 'sub-decision');
    const decl = facts.declarations[0];
    if (!decl && !facts.summary) continue;
    out.push({
      id: h.anchor,
      title: ctx.plain(h.text),
      decision: facts.summary ?? null,
      status: decl?.status ?? null,
      statusText: decl?.text ?? null,
      line: h.line.n,
    });
  }
  return out;
}

/** Merges `b` into `a`: `a` wins for single facts, lists are concatenated. */
export function mergeFacts(a: HeaderFacts, b: HeaderFacts): HeaderFacts {
  return {
    declarations: [...a.declarations, ...b.declarations],
    date: a.date ?? b.date,
    priority: a.priority ?? b.priority,
    category: a.category ?? b.category,
    deciders: a.deciders.length ? a.deciders : b.deciders,
    attendees: a.attendees.length ? a.attendees : b.attendees,
    consulted: a.consulted.length ? a.consulted : b.consulted,
    informed: a.informed.length ? a.informed : b.informed,
    tags: a.tags.length ? a.tags : b.tags,
    summary: a.summary ?? b.summary,
    title: a.title ?? b.title,
    historyDate: a.historyDate ?? b.historyDate,
    review: a.review ?? b.review,
    lines: { ...b.lines, ...a.lines },
  };
}
