/**
 * The first step of a site build: where every page lives. Each log gets a key and a URL prefix,
 * each record a slug and a URL, and the link tables say which file is which page (so links
 * between records, and between logs, resolve to pages).
 */
import { realpathSync } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import type { Decision, Log } from '../model/index.js';
import type { LinkTables } from './bodies.js';
import { pathSlug, shortHash } from './slug.js';

/** A record and where its page lives. */
export interface IndexedRecord {
  decision: Decision;
  log: Log;
  /** The log's key. */
  key: string;
  slug: string;
  url: string;
  /** Absolute path of the record file. */
  abs: string;
}

/** Where every page of the site lives. */
export interface SiteIndex {
  /** One key per log, in the order of the logs (`''` for a one-log site). */
  keys: string[];
  /** One URL prefix per log (ends with `/`). */
  prefixes: string[];
  /** Every record of every log, by absolute path. */
  byAbs: Map<string, IndexedRecord>;
  /** The same facts as plain data, for the renderer (which may run in another thread). */
  tables: LinkTables;
}

/** Path segments a log folder is commonly called; a multi-log key skips them (`packages/api/docs/adr` gives `api`). */
const GENERIC_SEGMENTS = new Set(['decisions', 'decision', 'adr', 'adrs', 'docs', 'doc', 'architecture', 'decision-log', 'decision-records', 'records']);
/** Keys a log may not take, because the site's own pages live there. */
const RESERVED = new Set(['search', 'pagefind', '_astro', 'records', 'actions', 'timeline', 'graph', 'rss-xml', '404', 'assets', 'favicon-svg']);

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

/** The real path of a folder (symbolic links resolved), or the path itself when that fails. */
function realRoot(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Gives every log and record its place in the site.
 * @param base the site's base path (`/` or `/x/`)
 * @param cwd the folder log keys are made from
 */
export function indexRecords(logs: readonly Log[], base: string, cwd: string): SiteIndex {
  const keys = logKeys(
    logs.map((log) => log.dir),
    cwd,
  );
  const prefixes = keys.map((key) => (key === '' ? base : `${base}${key}/`));
  const byAbs = new Map<string, IndexedRecord>();
  const overviews: Array<[string, string]> = [];
  const logDirs: Array<[string, string]> = [];
  logs.forEach((log, index) => {
    const used = new Set<string>();
    logDirs.push([resolve(log.dir), prefixes[index]]);
    if (log.overview) overviews.push([resolve(log.dir, log.overview.file), prefixes[index]]);
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
    overviews,
    logDirs,
    assets: { roots: [...new Set(logs.map((log) => realRoot(log.root)))], prefix: `${base}assets/` },
  };
  return { keys, prefixes, byAbs, tables };
}

/** The index entry of a record of `log` (every record of every log has one). */
export function recordEntry(index: SiteIndex, log: Log, file: string): IndexedRecord {
  return index.byAbs.get(resolve(log.dir, file))!;
}
