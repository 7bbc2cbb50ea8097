/**
 * From logs read by `readLog` to the plain data the site's pages show.
 *
 * Everything a page needs is computed here (URLs, rendered HTML, progress, back-links,
 * supersede chains, the board, the timeline, the relation graph), so the Astro pages stay
 * thin and the components dumb. The result is plain JSON-able data: Astro's content layer
 * stores it as it is. The only file reading here is the record's text for its body; every
 * fact about a record comes from the model.
 */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { ActionItem, Decision, Diagnostic, Link, LinkKind, Log, Priority, Status } from '../model/index.js';
import { PRIORITIES, STATUSES } from '../model/index.js';
import { decodeBytes, repairMojibake } from '../parse/encoding.js';
import { relationGraph, type GraphEdgeKind, type GraphLink } from './graph.js';
import type { SiteOptions } from './options.js';
import { linkOptions, renderBodiesParallel, type BodyJob, type BodyResult, type LinkTables } from './bodies.js';
import { escapeHtml, renderInline, renderInlineMany, textOfHtml, type RenderedHeading, type RenderedMarkdown, type RenderOptions } from './render.js';
import { pathSlug, shortHash } from './slug.js';
import { relativePath } from '../output.js';

/** An action item as shown on a page. */
export interface SiteActionItem {
  /** The item's text, rendered inline (safe HTML). */
  html: string;
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
  current: boolean;
}

/** A record, ready for its page and the tables that list it. */
export interface SiteRecord {
  /** The log's key (empty for a one-log site). */
  log: string;
  slug: string;
  url: string;
  /** File relative to the log folder. */
  file: string;
  /** File as the user would name it (relative to the folder the build ran from). */
  source: string;
  id: string;
  number: number | null;
  title: string;
  dialect: string;
  status: Status | null;
  statusLabel: string;
  statusText: string | null;
  reasonHtml: string | null;
  date: string | null;
  dateText: string | null;
  priority: Priority | null;
  priorityLabel: string;
  priorityText: string | null;
  category: string | null;
  summaryHtml: string | null;
  summaryText: string | null;
  deciders: string[];
  attendees: string[];
  consulted: string[];
  informed: string[];
  tags: string[];
  actionItems: SiteActionItem[];
  progress: { total: number; done: number; aborted: number; open: number; percent: number };
  links: SiteRelation[];
  backlinks: SiteRelation[];
  chain: SiteChainEntry[];
  subDecisions: Array<{ id: string; title: string; decision: string | null; status: Status | null; statusText: string | null }>;
  bodyHtml: string;
  headings: RenderedHeading[];
  /** Why the body could not be rendered, or null. */
  bodyError: string | null;
}

/** A problem met while reading the log, as the site lists it. */
export interface SiteDiagnostic {
  /** File as the user would name it (relative to the build's folder). */
  source: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

/** An open action item on the board. */
export interface SiteBoardItem {
  html: string;
  recordTitle: string;
  recordUrl: string;
  recordStatus: Status | null;
}

/** A log of the site. */
export interface SiteLog {
  /** Key of the log (`''` when the site has one log). */
  key: string;
  /** URL of its overview page. */
  url: string;
  /** URL path prefix of its pages (ends with `/`). */
  prefix: string;
  title: string;
  /** Folder as the user would name it. */
  source: string;
  order: number;
  records: SiteRecord[];
  counts: Array<{ status: Status | 'none'; label: string; count: number }>;
  categories: string[];
  priorities: Array<{ priority: Priority; label: string }>;
  diagnostics: SiteDiagnostic[];
  board: Array<{ horizon: Priority | 'other'; label: string; items: SiteBoardItem[] }>;
  timeline: Array<{ label: string; records: string[] }>;
  graph: {
    svg: string;
    nodeCount: number;
    isolated: number;
    edges: Array<{ kind: GraphEdgeKind; from: { title: string; url: string }; to: { title: string; url: string } }>;
  };
  /** Open items, done items and all items over the log. */
  totals: { records: number; open: number; done: number; items: number };
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

const STATUS_LABEL: Record<Status, string> = {
  draft: 'Draft',
  proposed: 'Proposed',
  accepted: 'Accepted',
  postponed: 'Postponed',
  rejected: 'Rejected',
  aborted: 'Aborted',
  deprecated: 'Deprecated',
  superseded: 'Superseded',
};

const PRIORITY_LABEL: Record<Priority, string> = {
  urgent: 'Urgent',
  important: 'Important',
  planning: 'Planning',
  none: 'No deadline',
};

const HORIZON_LABEL: Record<Priority | 'other', string> = {
  urgent: 'This week (urgent)',
  important: 'Next 2 weeks (important)',
  planning: 'This month (planning)',
  none: 'No deadline',
  other: 'Not grouped',
};

/** How an outgoing link reads on the linking record's page. */
const LINK_LABEL: Record<LinkKind, string> = {
  supersedes: 'Supersedes',
  'superseded-by': 'Superseded by',
  amends: 'Amends',
  'amended-by': 'Amended by',
  relates: 'Related',
};

/** How an incoming link reads on the linked record's page. */
const BACKLINK_LABEL: Record<LinkKind, string> = {
  supersedes: 'Supersedes this',
  'superseded-by': 'Superseded by this',
  amends: 'Amends this',
  'amended-by': 'Amended by this',
  relates: 'Mentions this',
};

/** Path segments a log folder is commonly called; a multi-log key skips them (`packages/api/docs/adr` gives `api`). */
const GENERIC_SEGMENTS = new Set(['decisions', 'decision', 'adr', 'adrs', 'docs', 'doc', 'architecture', 'decision-log', 'decision-records', 'records']);
/** Keys a log may not take, because the site's own pages live there. */
const RESERVED = new Set(['search', 'pagefind', '_astro', 'records', 'actions', 'timeline', 'graph', 'rss-xml', '404']);

/** Bump when the rendered HTML of the same markdown changes, so cached bodies are not reused. */
const RENDER_VERSION = '2';

/** Rendered bodies kept between builds (see {@link openRenderCache}). */
export interface RenderCache {
  get(key: string): RenderedMarkdown | undefined;
  set(key: string, value: RenderedMarkdown): void;
  /** Writes the entries used by this build (older ones are dropped). */
  save(): Promise<void>;
}

/**
 * A render cache in one JSON file (in the site's work folder): rebuilding a log renders only the
 * records that changed. A missing or unreadable file is an empty cache.
 */
export async function openRenderCache(file: string): Promise<RenderCache> {
  let stored: Record<string, RenderedMarkdown> = {};
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (parsed && typeof parsed === 'object') stored = parsed as Record<string, RenderedMarkdown>;
  } catch {
    stored = {};
  }
  const used = new Map<string, RenderedMarkdown>();
  return {
    get: (key) => (Object.hasOwn(stored, key) ? stored[key] : undefined),
    set: (key, value) => {
      used.set(key, value);
    },
    save: async () => {
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(Object.fromEntries(used)));
      await rename(temp, file);
    },
  };
}

/** Records longer than this (in UTF-16 units) are not rendered as markdown. */
const MAX_BODY_CHARS = 1_000_000;
/** How much of a too-large record is shown as plain text. */
const MAX_EXCERPT_CHARS = 50_000;
/**
 * remark's inline parser is quadratic on runs of unclosed brackets and emphasis markers: a record
 * with more of them than any real decision has is shown as plain text too, so the build stays linear.
 */
const MAX_MARKUP_CHARS = 10_000;

/** Counts `[`, `*` and `_` in one pass; past the limit, rendering the text as markdown is not safe. */
function tooMuchMarkup(text: string): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 91 || c === 42 || c === 95) && ++count > MAX_MARKUP_CHARS) return true;
  }
  return false;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The display name of a status (`Accepted`), or `No status`. */
export function statusLabel(status: Status | null): string {
  return status ? STATUS_LABEL[status] : 'No status';
}

/** The display name of a priority (`Urgent`), or `No priority`. */
export function priorityLabel(priority: Priority | null): string {
  return priority ? PRIORITY_LABEL[priority] : 'No priority';
}

/** Keys for the logs of a multi-log site: a readable, URL-safe, distinct name per log. */
export function logKeys(dirs: readonly string[], cwd: string): string[] {
  if (dirs.length <= 1) return dirs.map(() => '');
  const used = new Set<string>();
  return dirs.map((dir, index) => {
    const segments = relative(cwd, dir).split(sep).filter((s) => s !== '' && s !== '.' && s !== '..');
    const meaningful = segments.filter((s) => !GENERIC_SEGMENTS.has(s.toLowerCase()));
    const picked = meaningful.length > 0 ? meaningful.slice(-2).join('-') : segments.join('-') || basename(dir);
    let key = pathSlug(picked) || `log-${index + 1}`;
    if (RESERVED.has(key)) key = `log-${key}`;
    const wanted = key;
    for (let n = 2; used.has(key); n++) key = `${wanted}-${n}`;
    used.add(key);
    return key;
  });
}

/** Reads a record's text for its body (decoded, BOM off, mojibake repaired), or the reason it cannot be read. */
async function readBody(path: string): Promise<{ text: string } | { error: string }> {
  try {
    const decoded = decodeBytes(await readFile(path));
    if (!decoded.ok) return { error: decoded.reason };
    return { text: repairMojibake(decoded.text) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Front matter is metadata, already shown as badges: the body starts after it. */
function stripFrontMatter(text: string): string {
  const match = /^---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return match ? text.slice(match[0].length) : text;
}

/** A summary worth showing: not empty and not a placeholder (`-`, `—`, `TBD`, `?`). */
function meaningful(text: string | null | undefined): string | null {
  if (!text) return null;
  const trimmed = text.trim();
  return /^(?:[-–—?.…\s]*|tbd|n\/a|none)$/i.test(trimmed) ? null : trimmed;
}

/** Cuts plain text at a word boundary near `max` characters. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

function progressOf(items: readonly ActionItem[]): SiteRecord['progress'] {
  const done = items.filter((item) => item.done && !item.aborted).length;
  const aborted = items.filter((item) => item.aborted).length;
  const total = items.length;
  const open = total - done - aborted;
  return { total, done, aborted, open, percent: total === 0 ? 0 : Math.round(((done + aborted) / total) * 100) };
}

function monthLabel(date: string): string {
  const [year, month] = date.split('-');
  return `${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

interface Indexed {
  decision: Decision;
  log: Log;
  key: string;
  slug: string;
  url: string;
  abs: string;
}

/**
 * Builds the site's data from logs read by `readLog`.
 * @param logs the logs, in the order the user named them
 * @param options the build's settings (base path, title, the folder paths are shown relative to)
 */
export async function buildSiteData(logs: readonly Log[], options: SiteOptions, cache?: RenderCache): Promise<SiteData> {
  const base = options.base;
  const keys = logKeys(
    logs.map((log) => log.dir),
    options.cwd,
  );
  const prefixes = keys.map((key) => (key === '' ? base : `${base}${key}/`));

  // Every record of every log, by absolute path, so links between logs resolve too.
  const byAbs = new Map<string, Indexed>();
  const overviewAbs = new Map<string, string>();
  const logDirUrl = new Map<string, string>();
  logs.forEach((log, index) => {
    const used = new Set<string>();
    logDirUrl.set(resolve(log.dir), prefixes[index]);
    if (log.overview) overviewAbs.set(resolve(log.dir, log.overview.file), prefixes[index]);
    for (const decision of [...log.decisions].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
      let slug = pathSlug(decision.file) || `record-${shortHash(decision.file)}`;
      const wanted = slug;
      for (let n = 2; used.has(slug); n++) slug = `${wanted}-${n}`;
      used.add(slug);
      const abs = resolve(log.dir, decision.file);
      byAbs.set(abs, { decision, log, key: keys[index], slug, url: `${prefixes[index]}records/${slug}/`, abs });
    }
  });

  const tables: LinkTables = {
    records: [...byAbs].map(([abs, r]) => [abs, r.url]),
    overviews: [...overviewAbs],
    logDirs: [...logDirUrl],
    assets: { roots: [...new Set(logs.map((log) => realRoot(log.root)))], prefix: `${base}assets/` },
  };
  // A body's HTML depends on its text and on which files are pages at which URLs (its links):
  // the render cache key covers both.
  const linkContext = createHash('sha256').update(RENDER_VERSION).update(JSON.stringify(tables)).digest('hex').slice(0, 16);

  // Every body first (from the cache where it can be), so the rendering can be shared between threads.
  const bodies = new Map<string, BodyResult | { excerpt: string; length: number }>();
  const jobs: BodyJob[] = [];
  const cacheKeys = new Map<string, string>();
  for (const entry of byAbs.values()) {
    const body = await readBody(entry.abs);
    if ('error' in body) {
      bodies.set(entry.abs, { error: body.error });
      continue;
    }
    if (body.text.length > MAX_BODY_CHARS || tooMuchMarkup(body.text)) {
      bodies.set(entry.abs, { excerpt: body.text.slice(0, MAX_EXCERPT_CHARS), length: body.text.length });
      continue;
    }
    const anchors = entry.decision.headings.map((h): [number, string] => [h.line, h.anchor]);
    const key = `${linkContext}:${createHash('sha256').update(body.text).update(JSON.stringify(anchors)).digest('hex')}`;
    cacheKeys.set(entry.abs, key);
    const cached = cache?.get(key);
    if (cached) {
      cache?.set(key, cached);
      bodies.set(entry.abs, cached);
    } else {
      jobs.push({ abs: entry.abs, text: stripFrontMatter(body.text), anchors });
    }
  }
  for (const [abs, result] of await renderBodiesParallel(jobs, tables)) {
    bodies.set(abs, result);
    if (!('error' in result)) cache?.set(cacheKeys.get(abs)!, result);
  }

  const withAnchor = (url: string, anchor: string | null): string => (anchor ? `${url}#${encodeURIComponent(anchor)}` : url);
  const lookup = (log: Log, target: string): Indexed | undefined => byAbs.get(resolve(log.dir, target));

  const siteLogs: SiteLog[] = [];
  for (const [index, log] of logs.entries()) {
    const key = keys[index];
    const prefix = prefixes[index];
    const records: SiteRecord[] = [];
    const diagnostics: SiteDiagnostic[] = log.diagnostics.map((d: Diagnostic) => ({
      source: relativePath(options.cwd, join(log.dir, d.file)),
      line: d.line,
      column: d.column,
      severity: d.severity,
      rule: d.rule,
      message: d.message,
    }));
    const overviewRows = new Map((log.overview?.rows ?? []).filter((row) => row.target).map((row) => [row.target as string, row]));

    for (const decision of log.decisions) {
      const self = byAbs.get(resolve(log.dir, decision.file))!;
      const renderOptions: RenderOptions = {
        ...linkOptions(tables, self.abs),
        headingAnchors: new Map(decision.headings.map((h) => [h.line, h.anchor])),
      };

      let bodyHtml = '';
      let headings: RenderedHeading[] = [];
      let decisionText: string | null = null;
      let bodyError: string | null = null;
      const body = bodies.get(self.abs);
      if (!body) {
        bodyError = 'the record was not read';
      } else if ('excerpt' in body) {
        // A huge record (a generated table, a pasted log) would take minutes and gigabytes to
        // render and would make an unreadable page: show its start as plain text instead.
        const size = body.length > MAX_BODY_CHARS ? `too large to show as a page (${(body.length / 1e6).toFixed(1)} million characters)` : `too heavy in brackets and emphasis markers to render safely (over ${MAX_MARKUP_CHARS / 1000} thousand)`;
        bodyError = `the record is ${size}; its first ${MAX_EXCERPT_CHARS / 1000} thousand characters follow as plain text`;
        bodyHtml = `<pre class="excerpt">${escapeHtml(body.excerpt)}</pre>`;
      } else if ('error' in body) {
        bodyError = body.error;
      } else {
        bodyHtml = body.html;
        headings = body.headings;
        decisionText = body.decisionText;
      }
      if (bodyError) {
        diagnostics.push({
          source: relativePath(options.cwd, self.abs),
          line: 1,
          column: 1,
          severity: 'warning',
          rule: 'site',
          message: `the body could not be shown: ${bodyError}`,
        });
      }

      const inline = (text: string): string => {
        try {
          return renderInline(text, renderOptions);
        } catch {
          return renderInline(text.replace(/[\\`*_[\]()<>#!~|]/g, ' '), {});
        }
      };
      // Every action item of the record in one pass (see renderInlineMany).
      let itemHtml: string[];
      try {
        itemHtml = renderInlineMany(decision.actionItems.map((item) => item.text), renderOptions);
      } catch {
        itemHtml = decision.actionItems.map((item) => inline(item.text));
      }
      const row = overviewRows.get(decision.file);
      const summarySource =
        meaningful(decision.summary) ??
        meaningful(row?.decision) ??
        meaningful(decision.subDecisions.find((s) => s.decision)?.decision) ??
        (decisionText ? shorten(decisionText, 180) : null);
      const summaryHtml = summarySource ? inline(summarySource) : null;

      const relation = (target: Indexed | undefined, file: string, anchor: string | null, kind: LinkKind, label: string, fallback: string): SiteRelation => ({
        kind,
        label,
        title: target?.decision.title ?? fallback,
        url: target ? withAnchor(target.url, anchor) : null,
        file,
        status: target?.decision.status ?? null,
      });
      const links = dedupeRelations(
        decision.links
          .map((link: Link) => {
            const target = link.external ? byAbs.get(resolve(log.dir, link.target)) : lookup(log, link.target);
            return target && target !== self ? relation(target, link.target, link.anchor, link.kind, LINK_LABEL[link.kind], link.text) : null;
          })
          .filter((r): r is SiteRelation => r !== null),
      );
      const backlinks = dedupeRelations(
        decision.backlinks.map((back) => relation(lookup(log, back.file), back.file, null, back.kind, BACKLINK_LABEL[back.kind], back.file)),
      ).filter((r) => r.url !== self.url);

      records.push({
        log: key,
        slug: self.slug,
        url: self.url,
        file: decision.file,
        source: relativePath(options.cwd, self.abs),
        id: decision.id,
        number: decision.number,
        title: decision.title || decision.file,
        dialect: decision.dialect,
        status: decision.status,
        statusLabel: statusLabel(decision.status),
        statusText: decision.statusText,
        reasonHtml: decision.reason ? inline(decision.reason) : null,
        date: decision.date,
        dateText: decision.dateText,
        priority: decision.priority,
        priorityLabel: priorityLabel(decision.priority),
        priorityText: decision.priorityText,
        category: decision.category,
        summaryHtml,
        summaryText: summaryHtml ? textOfHtml(summaryHtml) : null,
        deciders: decision.deciders,
        attendees: decision.attendees,
        consulted: decision.consulted,
        informed: decision.informed,
        tags: decision.tags,
        actionItems: decision.actionItems.map((item, i) => ({
          html: itemHtml[i],
          state: item.aborted ? 'aborted' : item.done ? 'done' : 'open',
          horizon: item.horizon,
          group: item.group,
          line: item.line,
        })),
        progress: progressOf(decision.actionItems),
        links,
        backlinks,
        chain: [],
        subDecisions: decision.subDecisions.map((s) => ({ id: s.id, title: s.title, decision: s.decision, status: s.status, statusText: s.statusText })),
        bodyHtml,
        headings,
        bodyError,
      });
    }

    // Newest first; undated last; then by file so the order never depends on the file system.
    records.sort((a, b) => {
      if (a.date !== b.date) return a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? 1 : -1;
      return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
    });

    // The relation graph and the supersede chains share one set of normalised edges.
    const graphLinks: GraphLink[] = [];
    for (const decision of log.decisions) {
      for (const link of decision.links) {
        const target = link.external ? byAbs.get(resolve(log.dir, link.target)) : lookup(log, link.target);
        if (target && target.log === log) graphLinks.push({ from: decision.file, to: target.decision.file, kind: link.kind });
      }
    }
    const byFile = new Map(records.map((r) => [r.file, r]));
    const graph = relationGraph(
      records.map((r) => ({ id: r.file, title: r.title, url: r.url, status: r.status, date: r.date })),
      graphLinks,
    );
    attachChains(records, graph.edges, byFile);

    const counts = [...STATUSES, 'none' as const]
      .map((status) => ({
        status,
        label: status === 'none' ? 'No status' : STATUS_LABEL[status],
        count: records.filter((r) => (r.status ?? 'none') === status).length,
      }))
      .filter((c) => c.count > 0);

    const board: SiteLog['board'] = [...PRIORITIES, 'other' as const].map((horizon) => ({
      horizon,
      label: HORIZON_LABEL[horizon],
      items: [] as SiteBoardItem[],
    }));
    for (const record of records) {
      for (const item of record.actionItems) {
        if (item.state !== 'open') continue;
        const column = board.find((c) => c.horizon === (item.horizon ?? 'other'))!;
        column.items.push({ html: item.html, recordTitle: record.title, recordUrl: record.url, recordStatus: record.status });
      }
    }

    const timeline: SiteLog['timeline'] = [];
    for (const record of records) {
      const label = record.date ? monthLabel(record.date) : 'Undated';
      const last = timeline[timeline.length - 1];
      if (last && last.label === label) last.records.push(record.url);
      else timeline.push({ label, records: [record.url] });
    }

    const items = records.reduce((sum, r) => sum + r.progress.total, 0);
    siteLogs.push({
      key,
      url: prefix,
      prefix,
      title: key === '' ? (options.title ?? log.config.title ?? 'Decisions') : (log.config.title ?? key),
      source: relativePath(options.cwd, log.dir),
      order: index,
      records,
      counts,
      categories: [...new Set(records.map((r) => r.category).filter((c): c is string => !!c))].sort((a, b) => a.localeCompare(b)),
      priorities: PRIORITIES.filter((p) => records.some((r) => r.priority === p)).map((priority) => ({ priority, label: PRIORITY_LABEL[priority] })),
      diagnostics,
      board: board.filter((column) => column.items.length > 0),
      timeline,
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
        open: records.reduce((sum, r) => sum + r.progress.open, 0),
        done: records.reduce((sum, r) => sum + r.progress.done, 0),
        items,
      },
    });
  }

  // Images the pages show, by URL, with the file each is copied from.
  const assets = new Map<string, string>();
  for (const body of bodies.values()) {
    if ('assets' in body) for (const [url, file] of body.assets ?? []) assets.set(url, file);
  }
  const title = options.title ?? (logs.length === 1 ? (logs[0].config.title ?? 'Decisions') : 'Decisions');
  return { title, base, site: options.site, logs: siteLogs, assets: [...assets].sort((a, b) => (a[0] < b[0] ? -1 : 1)) };
}

/**
 * One relation per other record and kind (a record may link the same record twice), and no
 * plain "relates" entry next to a typed one for the same record (`Supersedes [x](x.md)` plus a
 * mention of x in the text is one relation: supersedes).
 */
function dedupeRelations(relations: SiteRelation[]): SiteRelation[] {
  const seen = new Set<string>();
  const typed = new Set(relations.filter((r) => r.kind !== 'relates').map((r) => r.file));
  return relations.filter((r) => {
    if (r.kind === 'relates' && typed.has(r.file)) return false;
    const key = `${r.kind} ${r.file}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Copies the images the records show into `<folder>/assets/` (Astro's public folder, which it
 * copies into the built site), replacing what an earlier run put there.
 */
export async function copyAssets(assets: ReadonlyArray<[string, string]>, base: string, folder: string): Promise<number> {
  const target = join(folder, 'assets');
  await rm(target, { recursive: true, force: true });
  let copied = 0;
  for (const [url, file] of assets) {
    const name = url.slice(`${base}assets/`.length);
    if (!/^[a-z0-9._-]+$/.test(name)) continue;
    await mkdir(target, { recursive: true });
    try {
      await copyFile(file, join(target, name));
      copied++;
    } catch {
      // A file that vanished since it was checked: the page shows a broken image, nothing worse.
    }
  }
  return copied;
}

/** The real path of a folder (symbolic links resolved), or the path itself when that fails. */
function realRoot(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Fills each record's supersede chain (oldest first) when it takes part in one. */
function attachChains(
  records: SiteRecord[],
  edges: ReadonlyArray<{ from: string; to: string; kind: GraphEdgeKind }>,
  byFile: ReadonlyMap<string, SiteRecord>,
): void {
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
      return { title: r.title, url: r.url, date: r.date, status: r.status, current: file === record.file };
    });
  }
}
