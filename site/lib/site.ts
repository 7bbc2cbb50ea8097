/**
 * The pages' one way to the data: the `logs` collection our loader fills, put back together
 * as the site (title, base path, logs in the order the user named them), and the small
 * decisions every page makes the same way (its document title, the sidebar's records).
 */
import { getCollection } from 'astro:content';
import type { SiteData, SiteLog, SiteRecord } from '../../dist/site/data.js';

/** A log entry as stored by the loader: the log plus the site-wide settings. */
export type LogEntry = SiteLog & { site: { title: string; base: string; site: string | null; logCount: number; dev: boolean } };

/** The whole site. */
export interface Site extends SiteData {
  logs: LogEntry[];
  /** True when several logs share the site (each gets its own section). */
  multi: boolean;
  /** Records over every log. */
  total: number;
  /** Pages for `adr site dev`, not a build. */
  dev: boolean;
}

let cached: Promise<Site> | null = null;

/** Loads the site data once per build (every route asks for it). */
export function loadSite(): Promise<Site> {
  if (import.meta.env.DEV) return read();
  cached ??= read();
  return cached;
}

async function read(): Promise<Site> {
  const entries = await getCollection('logs');
  const logs = entries.map((entry) => entry.data as LogEntry).sort((a, b) => a.order - b.order);
  const first = logs[0]?.site ?? { title: 'Decisions', base: import.meta.env.BASE_URL, site: null, logCount: 0, dev: false };
  const total = logs.reduce((sum, log) => sum + log.records.length, 0);
  return { title: first.title, base: first.base, site: first.site, logs, multi: logs.length > 1, total, dev: first.dev, assets: [] };
}

/** URL of a page of the site, under the base path (`url(site, 'search/')`). */
export function url(site: { base: string }, path = ''): string {
  return `${site.base}${path.replace(/^\//, '')}`;
}

/** The document title: the page, then its log and the site where they add something (never a name twice). */
export function documentTitle(page: string, log: { title: string } | undefined, site: { title: string }): string {
  const parts: string[] = [];
  for (const part of [page, log?.title, site.title]) if (part && !parts.includes(part)) parts.push(part);
  return parts.join(' · ');
}

/** Up to this many records over the whole site, the sidebar lists every record on every page. */
export const SIDEBAR_ALL = 300;
/** On a larger log, the sidebar lists this many records around the current one. */
export const SIDEBAR_WINDOW = 40;

/** The records a page's sidebar lists for one log, and how many it leaves out. */
export function sidebarRecords(site: Site, log: LogEntry, current: string | undefined): { records: SiteRecord[]; hidden: number } {
  if (site.total <= SIDEBAR_ALL) return { records: log.records, hidden: 0 };
  const at = current ? log.records.findIndex((r) => r.url === current) : -1;
  const start = at < 0 ? 0 : Math.max(0, Math.min(at - SIDEBAR_WINDOW / 2, log.records.length - SIDEBAR_WINDOW));
  const records = log.records.slice(start, start + SIDEBAR_WINDOW);
  return { records, hidden: log.records.length - records.length };
}

/** What a record is called in lists: its number as the file writes it, else its date. */
export function recordRef(record: SiteRecord): string | null {
  return record.ref ?? record.date;
}

export type { SiteData, SiteLog, SiteRecord };
