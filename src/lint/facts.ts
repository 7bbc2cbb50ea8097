/**
 * Small shared readings of the model that several rules need: how to name where a status was
 * declared, which statuses close a record, how to compare action item texts, how a dialect
 * expresses a relation. Pure functions over model types.
 */
import type { Decision, Dialect, Heading, LinkKind, StatusDeclaration, StatusSite } from '../model/index.js';
import { isUndecidedDate } from '../parse/vocab.js';

/** Where a declaration sits, as a person would say it (`the summary`, `the footer`). */
export function siteName(site: StatusSite, dialect: Dialect): string {
  switch (site) {
    case 'header':
      if (dialect === 'summary') return 'the summary';
      if (dialect === 'madr2' || dialect === 'log4brains') return 'the header list';
      return 'the header';
    case 'footer':
      return 'the footer';
    case 'front-matter':
      return 'the front matter';
    case 'section':
      return 'the Status section';
    case 'sub-decision':
      return 'a sub-decision';
  }
}

/** The declaration that gave the record its status (the first one naming that status), or null. */
export function mainDeclaration(decision: Decision): StatusDeclaration | null {
  const own = decision.statusDeclarations.filter((d) => d.site !== 'sub-decision');
  return own.find((d) => d.status !== null && d.status === decision.status) ?? own[0] ?? null;
}

/** The place to report a record-level problem about its status: the main declaration, else the title. */
export function statusLocation(decision: Decision): { line: number; column?: number; endLine?: number; endColumn?: number } {
  const main = mainDeclaration(decision);
  if (main) return { line: main.span.start.line, column: main.span.start.column, endLine: main.span.end.line, endColumn: main.span.end.column };
  return { line: decision.lines.status ?? decision.lines.title ?? 1 };
}

/**
 * Whether a dialect requires a relation's half in a place every record has: Nygard and summary
 * records hold all of them; MADR (2, 3, 4) and log4brains write "superseded by" in the status and
 * other relations only in an optional Links section (so a missing one there is a milder problem).
 */
export function dialectExpresses(dialect: Dialect, kind: LinkKind): boolean {
  switch (dialect) {
    case 'nygard':
    case 'summary':
      return kind !== 'relates';
    case 'madr2':
    case 'log4brains':
    case 'madr3':
    case 'madr4':
      return kind === 'superseded-by';
    default:
      return false;
  }
}

/** The words people use for "not decided yet" as a date (the parser's one list, markup allowed). */
export const isUndecidedDateText = isUndecidedDate;

/**
 * Every anchor a link can use to reach a heading of the record: explicit `{#id}`s, and GitHub's
 * slugs with its `-1`, `-2` suffixes for repeated headings. Lower-cased.
 */
export function anchorSet(headings: readonly Heading[], extra: readonly string[] = []): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  for (const heading of headings) {
    const anchor = heading.anchor.toLowerCase();
    if (heading.explicit) {
      anchors.add(anchor);
      continue;
    }
    const seen = counts.get(anchor) ?? 0;
    anchors.add(seen === 0 ? anchor : `${anchor}-${seen}`);
    counts.set(anchor, seen + 1);
  }
  for (const id of extra) anchors.add(id.toLowerCase());
  return anchors;
}

/** Decodes a link's anchor as a browser would compare it. */
export function normalizeAnchor(anchor: string): string {
  try {
    return decodeURIComponent(anchor).toLowerCase();
  } catch {
    return anchor.toLowerCase();
  }
}

/** Statuses after which no action item should still be open. */
export const CLOSED_STATUSES = new Set(['aborted', 'rejected', 'superseded']);

/** 0-based offsets of the start of each line of a text (index 0 is line 1). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** The end of line `n` (1-based), before its `\r\n` or `\n`. */
export function lineEndAt(text: string, starts: readonly number[], n: number): number {
  let end = n < starts.length ? starts[n] - 1 : text.length;
  if (end > starts[n - 1] && text.charCodeAt(end - 1) === 13) end--;
  return Math.max(starts[n - 1], end);
}

/** The path from one record's folder to another file of the log (POSIX, relative). */
export function relativeHref(fromFile: string, toFile: string): string {
  const from = fromFile.split('/').slice(0, -1);
  const to = toFile.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.length - common;
  const parts = [...Array(up).fill('..'), ...to.slice(common)];
  return parts.map((p) => (p === '..' ? p : encodeURI(p).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))).join('/');
}

