/**
 * From logs read by `readLog` to the plain data the site's pages show.
 *
 * Everything a page needs is computed here and in the step modules it calls, so the Astro pages
 * stay thin and the components dumb. The result is plain JSON-able data: Astro's content layer
 * stores it as it is. The steps, in order:
 * 1. {@link indexRecords} (site-index.ts): where every log and record page lives;
 * 2. {@link loadBodies} (load-bodies.ts): every record's body read and rendered (render cache, threads);
 * 3. {@link siteRecord} (records.ts): each record's page data;
 * 4. {@link logViews} (views.ts): per log, the overview's columns and counts, the board, the
 *    timeline, the relation graph and the supersede chains.
 */
import type { Diagnostic, LinkKind, Log, Priority, Status } from '../model/index.js';
import { RULES } from '../rules/index.js';
import { lintLog } from '../lint/engine.js';
import type { GraphEdgeKind } from './graph.js';
import type { BoardColumnKey } from './labels.js';
import { loadBodies, type LoadedBody } from './load-bodies.js';
import type { SiteOptions } from './options.js';
import type { RenderedHeading } from './render.js';
import type { RenderCache } from './render-cache.js';
import { pathFrom, recordTexts, renderRecordTexts, repositoryRoot, siteRecord } from './records.js';
import { indexRecords, recordEntry } from './site-index.js';
import { logTitles, logViews } from './views.js';

/** An action item as shown on a page. */
export interface SiteActionItem {
  /** The item's task, rendered inline (safe HTML). */
  html: string;
  /** What was noted on closing it (the outcome of a done item, the reason of an aborted one), safe HTML, or null. */
  noteHtml: string | null;
  state: 'open' | 'done' | 'aborted';
  horizon: Priority | null;
  group: string | null;
  line: number;
}

/** A relation between two records as shown on a page. */
export interface SiteRelation {
  kind: LinkKind;
  /** How the relation reads from the page's record (`Superseded by`, `Amends`, `Supersedes this`). */
  label: string;
  title: string;
  /** URL of the other record's page (with its anchor), or null when the target is not a record of the site. */
  url: string | null;
  /** The other record's file, relative to its log. */
  file: string;
  status: Status | null;
}

/** One step of a supersede chain, oldest first. */
export interface SiteChainEntry {
  title: string;
  url: string;
  date: string | null;
  status: Status | null;
  statusLabel: string;
  current: boolean;
}

/** A finding of `adr check` about a record, shown on its page. */
export interface SiteFinding {
  line: number;
  rule: string;
  severity: string;
  message: string;
}

/** Progress of a record's action items. */
export interface SiteProgress {
  total: number;
  done: number;
  aborted: number;
  open: number;
  /** Share of closed items (done or aborted), 0 to 100. */
  percent: number;
}

/** A record, ready for its page and the lists that show it. */
export interface SiteRecord {
  /** The log's key (empty for a one-log site). */
  log: string;
  slug: string;
  url: string;
  /** File relative to the log folder. */
  file: string;
  /** The file's path from the repository root. */
  source: string;
  id: string;
  number: number | null;
  /** The number as the file name writes it (`0012`), for the ID column, or null. */
  ref: string | null;
  /** The title as plain text. */
  title: string;
  /** The title rendered inline (safe HTML: code spans, emphasis). */
  titleHtml: string;
  dialect: string;
  status: Status | null;
  statusLabel: string;
  /** The file's own word for the status where it differs from the label (`Decided`), else null. */
  statusWord: string | null;
  statusText: string | null;
  /** The reason given with the status (why it was aborted, rejected, accepted), safe HTML, or null. */
  reasonHtml: string | null;
  date: string | null;
  dateText: string | null;
  /** The `Last Updated` date of the record's footer, or null. */
  updated: string | null;
  priority: Priority | null;
  priorityLabel: string;
  priorityText: string | null;
  category: string | null;
  /** The decision in one line (the record's summary, else the first sentence of its Decision section), safe HTML, or null. */
  decisionHtml: string | null;
  decisionText: string | null;
  deciders: string[];
  attendees: string[];
  consulted: string[];
  informed: string[];
  tags: string[];
  actionItems: SiteActionItem[];
  progress: SiteProgress;
  links: SiteRelation[];
  backlinks: SiteRelation[];
  chain: SiteChainEntry[];
  subDecisions: Array<{ id: string; title: string; decision: string | null; status: Status | null; statusLabel: string; statusWord: string | null }>;
  bodyHtml: string;
  headings: RenderedHeading[];
  /** Why the body could not be rendered, or null. */
  bodyError: string | null;
  /** What `adr check` finds about the record's own consistency (header and footer disagreeing, say). */
  findings: SiteFinding[];
  /** "Edit this page" and "view the source" URLs, when the config gives `editUrl`. */
  editUrl: string | null;
  sourceUrl: string | null;
  /** Superseded, aborted or rejected: no longer holds (struck through in lists). */
  closed: boolean;
  /** Closed or deprecated: dimmed on its page. */
  faded: boolean;
  /** Values for the search index: the title, and filters escaped for Pagefind (see records.ts). */
  search: { title: string; filters: Array<[string, string]> };
}

/** A problem met while reading the log, as the site lists it. */
export interface SiteDiagnostic {
  /** File as shown: its path from the repository root. */
  source: string;
  /** File as the person who ran the build names it (from their working folder), for the terminal. */
  path: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

/** An action item on the board. */
export interface SiteBoardItem {
  html: string;
  noteHtml: string | null;
  state: 'open' | 'done' | 'aborted';
  recordTitle: string;
  recordUrl: string;
  recordStatus: Status | null;
  recordStatusLabel: string;
}

/** Something that happened to a record on a date (or on no known date). */
export interface SiteTimelineEvent {
  date: string | null;
  /** What happened, in words (`Decided`, `Proposed`, `Superseded`, `Aborted`). */
  label: string;
  /** The status the record took, for its marker. */
  status: Status | null;
  recordTitle: string;
  recordUrl: string;
  /** The record that caused it (the one that superseded this), or null. */
  by: { title: string; url: string } | null;
  /** Why, safe HTML, or null. */
  reasonHtml: string | null;
}

/** A log of the site. */
export interface SiteLog {
  /** Key of the log (`''` when the site has one log). */
  key: string;
  /** URL of its overview page. */
  url: string;
  /** URL path prefix of its pages (ends with `/`). */
  prefix: string;
  /** Its title (`title` of its config), else its folder's path from the repository root. */
  title: string;
  /** The log folder's path from the repository root. */
  source: string;
  /** The title as a value of the search index's `log` filter (escaped as records.ts explains). */
  searchFilter: string;
  order: number;
  /** Newest first. */
  records: SiteRecord[];
  counts: Array<{ status: Status | 'none'; label: string; count: number }>;
  categories: string[];
  priorities: Array<{ priority: Priority; label: string }>;
  /** The overview's optional columns: shown only when some record fills them. */
  columns: { ref: boolean; category: boolean; priority: boolean; tasks: boolean };
  diagnostics: SiteDiagnostic[];
  /** Open items by horizon, then the done and the aborted ones. */
  board: Array<{ key: BoardColumnKey; label: string; items: SiteBoardItem[] }>;
  /** Events by month, newest first; undated events last. */
  timeline: Array<{ month: string | null; label: string; events: SiteTimelineEvent[] }>;
  graph: {
    svg: string;
    nodeCount: number;
    isolated: number;
    edges: Array<{ kind: GraphEdgeKind; from: { title: string; url: string }; to: { title: string; url: string } }>;
  };
  /** Action items over the log. */
  totals: { records: number; open: number; done: number; aborted: number; items: number };
}

/** Everything the site shows. */
export interface SiteData {
  title: string;
  base: string;
  site: string | null;
  logs: SiteLog[];
  /** Images the records show: [site URL, absolute file], copied into the site by the loader. */
  assets: Array<[string, string]>;
}

/** The rules whose findings a record's page shows: the record's own consistency, nothing about files around it. */
const PAGE_RULES = new Set([
  'status-missing',
  'status-unknown',
  'status-mismatch',
  'aborted-open-items',
  'superseded-successor',
  'supersede-accepted',
  'date-invalid',
  'date-tbd-decided',
  'relation-reciprocal',
  'supersede-cycle',
  'id-duplicate',
  'title-missing',
]);

/** Findings of the page rules, by record file. */
function pageFindings(log: Log): Map<string, SiteFinding[]> {
  const result = lintLog(log, { rules: RULES.filter((rule) => PAGE_RULES.has(rule.id)), now: new Date() });
  const byFile = new Map<string, SiteFinding[]>();
  for (const d of result.diagnostics) {
    // Errors only: a page is no place for every warning of a log that, say, keeps no statuses.
    if (d.severity !== 'error') continue;
    (byFile.get(d.file) ?? byFile.set(d.file, []).get(d.file)!).push({ line: d.line, rule: d.rule, severity: d.severity, message: d.message });
  }
  return byFile;
}

/**
 * Builds the site's data from logs read by `readLog`.
 * @param logs the logs, in the order the user named them
 * @param options the build's settings (base path, title, the folder log keys are made from)
 * @param cache rendered bodies kept between builds
 */
export async function buildSiteData(logs: readonly Log[], options: SiteOptions, cache?: RenderCache): Promise<SiteData> {
  const index = indexRecords(logs, options.base, options.cwd);
  const bodies = await loadBodies(index, cache);
  const roots = logs.map(repositoryRoot);
  const sources = logs.map((log, i) => pathFrom(roots[i], log.dir, '.'));
  const titles = logTitles(logs, sources, index.keys, options);
  const siteLogs = logs.map((log, order) => {
    const root = roots[order];
    const findings = pageFindings(log);
    const rows = new Map((log.overview?.rows ?? []).filter((row) => row.target).map((row) => [row.target as string, row]));
    const entries = log.decisions.map((decision) => recordEntry(index, log, decision.file));
    const texts = entries.map((entry) => recordTexts(entry.decision, bodies.get(entry.abs), rows.get(entry.decision.file)));
    const inline = renderRecordTexts(entries, texts, index.tables);
    const records = entries.map((entry, i) =>
      siteRecord(entry, { index, root, body: bodies.get(entry.abs), findings: findings.get(entry.decision.file) ?? [], inline: inline[i] }),
    );
    const diagnostics: SiteDiagnostic[] = [
      ...log.diagnostics.map((d: Diagnostic) => ({
        source: pathFrom(root, log.dir, d.file),
        path: pathFrom(options.cwd, log.dir, d.file),
        line: d.line,
        column: d.column,
        severity: d.severity,
        rule: d.rule,
        message: d.message,
      })),
      ...records
        .filter((r) => r.bodyError)
        .map((r) => ({ source: r.source, path: pathFrom(options.cwd, log.dir, r.file), line: 1, column: 1, severity: 'warning', rule: 'site', message: `the body could not be shown: ${r.bodyError}` })),
    ];
    return logViews({ log, order, key: index.keys[order], prefix: index.prefixes[order], title: titles[order], source: sources[order], records, diagnostics, index });
  });
  const assets = new Map<string, string>();
  for (const body of bodies.values() as Iterable<LoadedBody>) {
    if ('assets' in body) for (const [url, file] of body.assets ?? []) assets.set(url, file);
  }
  const title = options.title ?? (siteLogs.length === 1 ? siteLogs[0].title : 'Decisions');
  return { title, base: options.base, site: options.site, logs: siteLogs, assets: [...assets].sort((a, b) => (a[0] < b[0] ? -1 : 1)) };
}
