/**
 * The pages' one way to the data: the `logs` collection our loader fills, put back together
 * as the site (title, base path, logs in the order the user named them).
 */
import { getCollection } from 'astro:content';
import type { SiteData, SiteLog, SiteRecord } from '../../dist/site/data.js';

/** A log entry as stored by the loader: the log plus the site-wide settings. */
export type LogEntry = SiteLog & { site: { title: string; base: string; site: string | null; logCount: number } };

/** The whole site. */
export interface Site extends SiteData {
  logs: LogEntry[];
  /** True when several logs share the site (each gets its own section). */
  multi: boolean;
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
  const first = logs[0]?.site ?? { title: 'Decisions', base: import.meta.env.BASE_URL, site: null, logCount: 0 };
  return { title: first.title, base: first.base, site: first.site, logs, multi: logs.length > 1 };
}

/** A record by its URL, across every log (board and timeline entries refer to records by URL). */
export function recordsByUrl(site: Site): Map<string, SiteRecord> {
  return new Map(site.logs.flatMap((log) => log.records.map((record) => [record.url, record] as const)));
}

/** URL of a page of the site, under the base path (`url(site, 'search/')`). */
export function url(site: { base: string }, path = ''): string {
  return `${site.base}${path.replace(/^\//, '')}`;
}

export type { SiteData, SiteLog, SiteRecord };
