/**
 * The fourth step of a site build: what a log's own pages show besides its records. The
 * overview's counts and optional columns, the action-items board (open items by horizon, then
 * done and aborted ones, so its counts agree with the overview's), the timeline of decisions and
 * status changes by month, the relation graph and the supersede chains it implies.
 */
import { resolve } from 'node:path';
import type { Log, Status } from '../model/index.js';
import { PRIORITIES, STATUSES } from '../model/index.js';
import { statusDate } from '../parse/vocab.js';
import type { SiteBoardItem, SiteDiagnostic, SiteLog, SiteRecord, SiteTimelineEvent } from './data.js';
import { relationGraph, type GraphEdgeKind, type GraphLink } from './graph.js';
import { BOARD_LABEL, monthLabel, priorityLabel, statusLabel, type BoardColumnKey } from './labels.js';
import type { SiteOptions } from './options.js';
import { escapeHtml } from './render.js';
import { pathFrom } from './records.js';
import type { SiteIndex } from './site-index.js';

/** What {@link logViews} needs. */
export interface LogViewInput {
  log: Log;
  order: number;
  key: string;
  prefix: string;
  title: string;
  source: string;
  records: SiteRecord[];
  diagnostics: SiteDiagnostic[];
  index: SiteIndex;
}

/**
 * The title of each log: the site's `--title` (one log), its config's title, else its folder's
 * path from the repository root; logs that would share a name are told apart by their path from
 * the folder the build ran in, else by their key.
 */
export function logTitles(logs: readonly Log[], sources: readonly string[], keys: readonly string[], options: SiteOptions): string[] {
  const titles = logs.map((log, i) => (logs.length === 1 && options.title ? options.title : (log.config.title ?? (sources[i] === '.' ? keys[i] || 'Decisions' : sources[i]))));
  const count = (title: string): number => titles.filter((t) => t === title).length;
  const clashing = titles.map((title, i) => !logs[i].config.title && count(title) > 1);
  clashing.forEach((clash, i) => {
    if (clash) titles[i] = pathFrom(options.cwd, logs[i].dir, '.');
  });
  clashing.forEach((clash, i) => {
    if (clash && count(titles[i]) > 1) titles[i] = `${titles[i]} (${keys[i]})`;
  });
  return titles;
}

/** Newest first; undated last; then by file, so the order never depends on the file system. */
function newestFirst(a: SiteRecord, b: SiteRecord): number {
  if (a.date !== b.date) return a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? 1 : -1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** Fills each record's supersede chain (oldest first) when it takes part in one. */
function attachChains(records: SiteRecord[], edges: ReadonlyArray<{ from: string; to: string; kind: GraphEdgeKind }>, byFile: ReadonlyMap<string, SiteRecord>): void {
  const older = new Map<string, string[]>();
  const newer = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.kind !== 'supersedes') continue;
    (older.get(edge.from) ?? older.set(edge.from, []).get(edge.from)!).push(edge.to);
    (newer.get(edge.to) ?? newer.set(edge.to, []).get(edge.to)!).push(edge.from);
  }
  const walk = (start: string, next: Map<string, string[]>): string[] => {
    const path: string[] = [];
    const seen = new Set([start]);
    let at = start;
    for (;;) {
      const candidates = (next.get(at) ?? []).filter((f) => !seen.has(f)).sort();
      if (candidates.length === 0) return path;
      at = candidates[0];
      seen.add(at);
      path.push(at);
    }
  };
  for (const record of records) {
    if (!older.has(record.file) && !newer.has(record.file)) continue;
    const files = [...walk(record.file, older).reverse(), record.file, ...walk(record.file, newer)];
    record.chain = files.map((file) => {
      const r = byFile.get(file)!;
      return { title: r.title, url: r.url, date: r.date, status: r.status, statusLabel: r.statusLabel, current: file === record.file };
    });
  }
}

/** The board: open items by horizon, then done, then aborted; columns with nothing in them left out. */
function board(records: readonly SiteRecord[]): SiteLog['board'] {
  const keys: BoardColumnKey[] = [...PRIORITIES, 'other', 'done', 'aborted'];
  const columns = new Map(keys.map((key) => [key, [] as SiteBoardItem[]]));
  for (const record of records) {
    for (const item of record.actionItems) {
      const key: BoardColumnKey = item.state === 'open' ? (item.horizon ?? 'other') : item.state;
      columns.get(key)!.push({
        html: item.html,
        noteHtml: item.noteHtml,
        state: item.state,
        recordTitle: record.title,
        recordUrl: record.url,
        recordStatus: record.status,
        recordStatusLabel: record.statusLabel,
      });
    }
  }
  return keys.filter((key) => columns.get(key)!.length > 0).map((key) => ({ key, label: BOARD_LABEL[key], items: columns.get(key)! }));
}

/** A date written in a heading of an abort rationale (`Decision to Abandon X (2025-08-07)`). */
function abortDate(record: SiteRecord): string | null {
  for (const heading of record.headings) {
    if (/abort|abandon|withdraw|cancel/i.test(heading.text)) {
      const date = statusDate(heading.text);
      if (date) return date;
    }
  }
  return null;
}

/** What happened to each record, with the dates the log tells. */
function events(records: readonly SiteRecord[], supersededBy: ReadonlyMap<string, SiteRecord>): SiteTimelineEvent[] {
  const out: SiteTimelineEvent[] = [];
  const event = (record: SiteRecord, date: string | null, label: string, status: Status | null, by: SiteRecord | null = null, reasonHtml: string | null = null): void => {
    out.push({ date, label, status, recordTitle: record.title, recordUrl: record.url, by: by ? { title: by.title, url: by.url } : null, reasonHtml });
  };
  for (const record of records) {
    const status = record.status;
    const first: Status | null = status === 'draft' || status === 'proposed' ? status : status === 'rejected' || status === 'postponed' ? status : status === null ? null : 'accepted';
    const firstLabel = first === 'draft' ? 'Drafted' : first === 'proposed' ? 'Proposed' : first === 'rejected' ? 'Rejected' : first === 'postponed' ? 'Postponed' : first === null ? 'Recorded' : 'Decided';
    event(record, record.date, firstLabel, first, null, first === 'rejected' || first === 'postponed' ? record.reasonHtml : null);
    if (status === 'superseded') {
      const by = supersededBy.get(record.file) ?? null;
      const date = by?.date && (!record.date || by.date >= record.date) ? by.date : statusDate(record.statusText);
      event(record, date, 'Superseded', 'superseded', by);
    } else if (status === 'aborted' || status === 'deprecated') {
      const date = statusDate(record.statusText) ?? (status === 'aborted' ? abortDate(record) : null) ?? record.updated;
      event(record, date && (!record.date || date >= record.date) ? date : null, statusLabel(status), status, null, record.reasonHtml);
    }
  }
  return out;
}

/** The timeline: events grouped by month, newest first, undated ones last. */
function timeline(list: readonly SiteTimelineEvent[]): SiteLog['timeline'] {
  const sorted = [...list].sort((a, b) => {
    if (a.date !== b.date) return a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? 1 : -1;
    return a.recordTitle.localeCompare(b.recordTitle);
  });
  const months: SiteLog['timeline'] = [];
  for (const e of sorted) {
    const month = e.date ? e.date.slice(0, 7) : null;
    const last = months[months.length - 1];
    if (last && last.month === month) last.events.push(e);
    else months.push({ month, label: month ? monthLabel(month) : 'Undated', events: [e] });
  }
  return months;
}

/** Everything a log's pages show, around its records. */
export function logViews(input: LogViewInput): SiteLog {
  const { log, index, key, prefix } = input;
  const records = [...input.records].sort(newestFirst);
  const byFile = new Map(records.map((r) => [r.file, r]));

  // The relation graph and the supersede chains share one set of normalised edges.
  const graphLinks: GraphLink[] = [];
  for (const decision of log.decisions) {
    for (const link of decision.links) {
      const target = index.byAbs.get(resolve(log.dir, link.target));
      if (target && target.log === log) graphLinks.push({ from: decision.file, to: target.decision.file, kind: link.kind });
    }
  }
  const graph = relationGraph(
    records.map((r) => ({ id: r.file, title: r.title, url: r.url, status: r.status, statusLabel: r.statusLabel, date: r.date })),
    graphLinks,
  );
  attachChains(records, graph.edges, byFile);
  const supersededBy = new Map<string, SiteRecord>();
  for (const edge of graph.edges) if (edge.kind === 'supersedes' && !supersededBy.has(edge.to)) supersededBy.set(edge.to, byFile.get(edge.from)!);

  const counts = [...STATUSES, 'none' as const]
    .map((status) => ({
      status,
      label: status === 'none' ? 'No status' : statusLabel(status),
      count: records.filter((r) => (r.status ?? 'none') === status).length,
    }))
    .filter((c) => c.count > 0);
  const sum = (pick: (r: SiteRecord) => number): number => records.reduce((total, r) => total + pick(r), 0);
  return {
    key,
    url: prefix,
    prefix,
    title: input.title,
    source: input.source,
    searchFilter: escapeHtml(escapeHtml(input.title)),
    order: input.order,
    records,
    counts,
    categories: [...new Set(records.map((r) => r.category).filter((c): c is string => !!c))].sort((a, b) => a.localeCompare(b)),
    priorities: PRIORITIES.filter((p) => records.some((r) => r.priority === p)).map((priority) => ({ priority, label: priorityLabel(priority) })),
    columns: {
      ref: records.some((r) => r.ref !== null),
      category: records.some((r) => r.category !== null),
      priority: records.some((r) => r.priority !== null),
      tasks: records.some((r) => r.progress.total > 0),
    },
    diagnostics: input.diagnostics,
    board: board(records),
    timeline: timeline(events(records, supersededBy)),
    graph: {
      svg: graph.svg,
      nodeCount: graph.nodeCount,
      isolated: graph.isolated,
      edges: graph.edges.map((edge) => ({
        kind: edge.kind,
        from: { title: byFile.get(edge.from)!.title, url: byFile.get(edge.from)!.url },
        to: { title: byFile.get(edge.to)!.title, url: byFile.get(edge.to)!.url },
      })),
    },
    totals: {
      records: records.length,
      open: sum((r) => r.progress.open),
      done: sum((r) => r.progress.done),
      aborted: sum((r) => r.progress.aborted),
      items: sum((r) => r.progress.total),
    },
  };
}
