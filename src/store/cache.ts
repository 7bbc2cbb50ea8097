/**
 * The parse cache: what parsing a record gave, keyed by the sha256 of the record's bytes, so a
 * warm `adr check` hashes every file but re-parses only the ones that changed.
 *
 * One file per log: `<cache root>/parse/<sha256 of the absolute log path>.jsonl`, where the cache
 * root is `$ADR_CACHE_DIR`, else `$XDG_CACHE_HOME/adr`, else `~/.cache/adr`. It is only a cache:
 * deleting it at any time is safe, a corrupt or foreign file is ignored and rebuilt, and
 * `--no-cache` (enabled: false) neither reads nor writes it.
 *
 * Never stale, by construction:
 * - an entry is used only when the sha256 of the bytes read now equals the one it was made from
 *   (no size/mtime shortcut: an edit within the same second, or a restored mtime, still misses);
 * - the file's header carries a key made of the cache format, the package version, a hash of the
 *   parser's own code (src/parse and src/model as built) and the caller's variant (parse options),
 *   so an upgrade, a rebuild of the parser or different options never read old entries.
 *
 * Layout (JSON Lines, so untouched entries are written back verbatim and parsed only when asked):
 *   line 1: {"adrParseCache":2,"key":"...","log":"/abs/log"}
 *   then  : ["file","sha256"]<TAB><the value as JSON>
 * JSON never contains a raw tab or newline, so splitting on the first tab is exact. Every
 * character above U+007E is written as a \uXXXX escape, so the file is pure ASCII and is read
 * as latin1: decoding megabytes of UTF-8 with emoji in them costs more than the escapes do.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanStaleTemps, writeFileAtomic } from './write.js';

/** Bump when the layout of the cache file or of the values stored changes. */
export const CACHE_FORMAT = 2;

/** A cache of values (parse results) by file and content hash. */
export interface ParseCache<T = unknown> {
  /** False under `--no-cache`: every get misses, nothing is read or written. */
  readonly enabled: boolean;
  /** The cache file, or null when disabled. */
  readonly path: string | null;
  /**
   * The value stored for `file` when its content hash is `hash`, else undefined. Each call returns
   * a fresh copy, so a caller may change what it gets (add backlinks) without touching the cache.
   */
  get(file: string, hash: string): T | undefined;
  /** Stores `value` (serialised now: later changes to the object are not cached) for `file` at `hash`. */
  set(file: string, hash: string, value: T): void;
  /**
   * Writes the cache if anything changed (atomically: temp file + rename). With `prune`, entries
   * neither read nor written in this run are dropped: pass it when the run visited every record
   * (readLog), so deleted and renamed files do not accumulate. Never throws: a cache that cannot
   * be written is only a slower next run.
   */
  save(options?: { prune?: boolean }): Promise<void>;
  /** Counters for this run (for `--verbose` output and tests). */
  readonly stats: { hits: number; misses: number; loaded: number; corrupt: boolean };
}

/** Options of {@link openCache}. */
export interface OpenCacheOptions {
  /** The log folder (absolute, or relative to the current directory); names the cache file. */
  logDir: string;
  /** Environment: ADR_CACHE_DIR, XDG_CACHE_HOME, HOME. */
  env: Record<string, string | undefined>;
  /** False for `--no-cache`. */
  enabled: boolean;
  /** Anything else the cached values depend on (parse options such as the overview's name). */
  variant?: string;
}

/** sha256 of raw bytes, hex: the content key of a record. */
export function hashContent(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The root of every adr cache: `$ADR_CACHE_DIR`, else `$XDG_CACHE_HOME/adr`, else `~/.cache/adr`. */
export function cacheRoot(env: Record<string, string | undefined>): string {
  if (env.ADR_CACHE_DIR) return resolve(env.ADR_CACHE_DIR);
  // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'adr');
  return join(env.HOME || homedir(), '.cache', 'adr');
}

/** Where the parse cache of the log at `logDir` lives. */
export function cachePathFor(logDir: string, env: Record<string, string | undefined>): string {
  return join(cacheRoot(env), 'parse', `${hashContent(resolve(logDir))}.jsonl`);
}

let versionMemo: string | null = null;
/**
 * The package version and a fingerprint of the parser's own code (the content of the parse and
 * model modules, about 150 KB, hashed in a millisecond or two): a new parser never reads entries
 * made by an old one, while a rebuild that emits the same code keeps the cache.
 */
export function codeVersion(): string {
  if (versionMemo !== null) return versionMemo;
  const here = dirname(fileURLToPath(import.meta.url));
  let pkg = 'unknown';
  try {
    // dist/store/cache.js and src/store/cache.ts both sit two levels under the package root.
    pkg = JSON.parse(readFileSync(join(here, '..', '..', 'package.json'), 'utf8')).version ?? 'unknown';
  } catch {
    // A missing package.json only makes the key less specific; the fingerprint still guards it.
  }
  const hash = createHash('sha256');
  for (const folder of ['parse', 'model']) {
    const dir = join(here, '..', folder);
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((n) => /\.(js|ts|mjs)$/.test(n) && !n.endsWith('.d.ts')).sort();
    } catch {
      hash.update(`${folder}:missing\n`);
      continue;
    }
    for (const name of names) {
      hash.update(`${folder}/${name}\n`);
      try {
        hash.update(readFileSync(join(dir, name)));
      } catch {
        hash.update('?');
      }
    }
  }
  versionMemo = `${pkg}:${hash.digest('hex').slice(0, 16)}`;
  return versionMemo;
}

interface Entry {
  hash: string;
  /** The value's JSON, exactly as read or as serialised by set(). */
  json: string;
  /** Read or written in this run. */
  used: boolean;
}

/** JSON with every non-ASCII character escaped (valid JSON, same value). */
function asciiJson(value: unknown): string | undefined {
  const json = JSON.stringify(value);
  if (json === undefined || !NON_ASCII.test(json)) return json;
  return json.replace(NON_ASCII_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
const NON_ASCII = /[^\x00-\x7e]/;
const NON_ASCII_ALL = /[^\x00-\x7e]/g;

const DISABLED_STATS = Object.freeze({ hits: 0, misses: 0, loaded: 0, corrupt: false });

/**
 * Opens the parse cache of a log (reads it synchronously, once). A missing, unreadable, corrupt
 * or outdated file gives an empty cache that is rebuilt on save.
 */
export function openCache<T = unknown>(options: OpenCacheOptions): ParseCache<T> {
  if (!options.enabled) {
    return {
      enabled: false,
      path: null,
      get: () => undefined,
      set: () => {},
      save: async () => {},
      stats: DISABLED_STATS,
    };
  }
  const logDir = resolve(options.logDir);
  const path = cachePathFor(logDir, options.env);
  const key = `${CACHE_FORMAT}:${codeVersion()}:${options.variant ?? ''}`;
  const header = asciiJson({ adrParseCache: CACHE_FORMAT, key, log: logDir }) as string;
  const entries = new Map<string, Entry>();
  const stats = { hits: 0, misses: 0, loaded: 0, corrupt: false };
  let dirty = false;

  let raw: string | null = null;
  try {
    raw = readFileSync(path, 'latin1');
  } catch {
    raw = null; // no cache yet (or unreadable): start empty
  }
  if (raw !== null) {
    const lines = raw.split('\n');
    let head: { key?: unknown; log?: unknown } | null = null;
    try {
      head = JSON.parse(lines[0]);
    } catch {
      head = null;
    }
    if (!head || head.key !== key || head.log !== logDir || NON_ASCII.test(raw)) {
      // Another version, another parser build, or garbage: all of it is ignored and replaced.
      stats.corrupt = !head || NON_ASCII.test(raw);
      dirty = true;
    } else {
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i];
        if (line === '') continue;
        const tab = line.indexOf('\t');
        let id: unknown = null;
        if (tab > 0) {
          try {
            id = JSON.parse(line.slice(0, tab));
          } catch {
            id = null;
          }
        }
        if (!Array.isArray(id) || typeof id[0] !== 'string' || typeof id[1] !== 'string') {
          // A damaged line (a truncated write by another tool, a hand edit): drop it, keep the rest.
          stats.corrupt = true;
          dirty = true;
          continue;
        }
        entries.set(id[0], { hash: id[1], json: line.slice(tab + 1), used: false });
      }
      stats.loaded = entries.size;
    }
  }

  return {
    enabled: true,
    path,
    stats,
    get(file, hash) {
      const entry = entries.get(file);
      if (!entry || entry.hash !== hash) {
        stats.misses++;
        return undefined;
      }
      try {
        const value = JSON.parse(entry.json) as T;
        entry.used = true;
        stats.hits++;
        return value;
      } catch {
        entries.delete(file);
        stats.corrupt = true;
        stats.misses++;
        dirty = true;
        return undefined;
      }
    },
    set(file, hash, value) {
      const json = asciiJson(value);
      if (json === undefined) return;
      const old = entries.get(file);
      if (old && old.hash === hash && old.json === json) {
        old.used = true;
        return;
      }
      entries.set(file, { hash, json, used: true });
      dirty = true;
    },
    async save(saveOptions = {}) {
      if (saveOptions.prune) {
        for (const [file, entry] of entries) {
          if (!entry.used) {
            entries.delete(file);
            dirty = true;
          }
        }
      }
      if (!dirty) return;
      // Straight into one buffer (every line is ASCII, so one char is one byte): joining the lines
      // into a string first would hold a second copy of the whole cache (60 MB at 10,000 records).
      const ids: string[] = [];
      let size = header.length + 1;
      for (const [file, entry] of entries) {
        const id = asciiJson([file, entry.hash]) as string;
        ids.push(id);
        size += id.length + 1 + entry.json.length + 1;
      }
      const data = Buffer.allocUnsafe(size);
      let at = data.write(`${header}\n`, 0, 'latin1');
      let k = 0;
      for (const entry of entries.values()) {
        at += data.write(ids[k++], at, 'latin1');
        data[at++] = 9; // tab
        at += data.write(entry.json, at, 'latin1');
        data[at++] = 10; // newline
      }
      try {
        mkdirSync(dirname(path), { recursive: true });
        await writeFileAtomic(path, data);
        dirty = false;
        // A process killed mid-save leaves a hidden temp file; sweep old ones.
        await cleanStaleTemps(dirname(path));
      } catch {
        // Read-only home, full disk: the next run is slower, never wrong.
      }
    },
  };
}

/** The shape readLog takes (src/store/read-log.ts `ParseCacheLike`): keyed by the bytes themselves. */
export interface RecordCache<T> {
  get(file: string, bytes: Uint8Array): T | undefined;
  set(file: string, bytes: Uint8Array, result: T): void;
  save(): Promise<void>;
  /** The underlying cache (path, stats). */
  readonly cache: ParseCache<T>;
}

/**
 * The parse cache as readLog uses it: hashes the bytes it is given (once per file and run), and
 * prunes on save, because readLog visits every record of the log. `variant` must name every
 * parse option that changes the result (readLog: the overview file's name).
 */
export function openRecordCache<T = unknown>(options: OpenCacheOptions): RecordCache<T> {
  const cache = openCache<T>(options);
  // readLog calls get and then, on a miss, set with the same buffer and no await in between: one
  // slot is enough to hash each file once, and it keeps no buffer alive (10,000 records: 32 MB).
  let lastBytes: Uint8Array | null = null;
  let lastFile = '';
  let lastHash = '';
  const hashOf = (file: string, bytes: Uint8Array): string => {
    if (bytes === lastBytes && file === lastFile) return lastHash;
    lastHash = hashContent(bytes);
    lastBytes = bytes;
    lastFile = file;
    return lastHash;
  };
  return {
    cache,
    get: (file, bytes) => (cache.enabled ? cache.get(file, hashOf(file, bytes)) : undefined),
    set: (file, bytes, result) => {
      if (cache.enabled) cache.set(file, hashOf(file, bytes), result);
      lastBytes = null;
    },
    save: () => {
      lastBytes = null;
      return cache.save({ prune: true });
    },
  };
}
