/**
 * The parse cache: what parsing a record gave, keyed by the sha256 of the record's bytes, with a
 * stat shortcut (as git's index has one) so a warm `adr check` neither reads nor hashes a record
 * that provably did not change since its entry was verified.
 *
 * One file per log: `<cache root>/parse/<sha256 of the absolute log path>.jsonl`, where the cache
 * root is `$ADR_CACHE_DIR`, else `$XDG_CACHE_HOME/adr`, else `~/.cache/adr`. It is only a cache:
 * deleting it at any time is safe, a corrupt or foreign file is ignored and rebuilt, and
 * `--no-cache` (enabled: false) neither reads nor writes it.
 *
 * Never stale, by construction:
 * - the content hash stays the key: an entry holds the value parsed from the bytes whose sha256 it
 *   names, and a file that is read is always looked up by the hash of what was read;
 * - a file is NOT read when its stat (device, inode, size, mtime and ctime, to the nanosecond)
 *   equals the stamp stored with the entry AND both its mtime and its ctime are more than
 *   {@link RACY_MARGIN_MS} older than the moment the entry was verified (taken right after the
 *   bytes were read). Why that cannot miss an edit:
 *   - any write, truncate, rename onto the path or chmod sets the file's ctime to the current
 *     clock, and no user-space call can set ctime back (`touch -r`, `cp -p`, utimes set only
 *     atime/mtime), so a restored mtime still changes ctime; a file replaced by rename or deleted
 *     and re-created has another inode or ctime;
 *   - timestamps have a granularity (1 ns on ext4/xfs/btrfs but taken from a coarse clock, 1 s on
 *     ext3/HFS+, 2 s on FAT), so an edit made in the same tick as the read could leave mtime,
 *     ctime and size unchanged. Such an edit happens after the read, so the file's timestamps are
 *     then no older than the verification time minus the granularity; the margin (3 s, larger
 *     than any granularity plus the read) makes such a "racily clean" entry untrusted: the file is
 *     read and hashed as if there were no stamp (git's racy-git rule). Once the file is older
 *     than the margin, a run that reads it again re-stamps the entry and later runs skip it;
 *   - the stamp is the fstat taken before the bytes were read, so a change during the read
 *     leaves a stamp that no longer matches (or is racy);
 *   - timestamps in the future (a clock set back) are never older than the verification time, so
 *     they are never trusted either.
 * - the file's header carries a key made of the cache format, the package version, a hash of the
 *   parser's own code (src/parse and src/model as built) and the caller's variant (parse options),
 *   so an upgrade, a rebuild of the parser or different options never read old entries.
 *
 * Layout (JSON Lines-like, so untouched entries are written back verbatim and parsed only when asked):
 *   line 1: {"adrParseCache":3,"key":"...","log":"/abs/log"}
 *   then  : "file"<TAB>sha256<TAB>stamp<TAB>verified ms<TAB><the value, compact JSON>
 * where stamp is `dev:ino:size:mtimeNs:ctimeNs` (empty when unknown). JSON never contains a raw
 * tab or newline, so splitting on tabs is exact. Every character above U+007E is written as a
 * \uXXXX escape, so the file is pure ASCII and is read as latin1: decoding megabytes of UTF-8
 * with emoji in them costs more than the escapes do.
 *
 * Compact values: a span (`{start:{line,column,offset},end:{...}}`, most of a parse result's
 * bytes) stored under a `span` key is written as the array `[line,column,offset,line,column,offset]`
 * and rebuilt on get; a value that already holds an array under a `span` key is not cached (so
 * decoding is exact for everything stored). New entries are spooled into the next cache file as
 * they are set (see {@link Spool}), so a filling run does not hold the cache twice.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeSync, type BigIntStats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { cleanStaleTemps, tempPathFor } from './write.js';
import { cacheRoot, codeFiles, fileStamp, oldEnough, packageJsonPath, RACY_MARGIN_MS, type FileStamp } from './stamp.js';

export { cacheRoot, fileStamp, oldEnough, RACY_MARGIN_MS, type FileStamp };

/** Bump when the layout of the cache file or of the values stored changes. */
export const CACHE_FORMAT = 3;





/** A cache of values (parse results) by file and content hash. */
export interface ParseCache<T = unknown> {
  /** False under `--no-cache`: every get misses, nothing is read or written. */
  readonly enabled: boolean;
  /** The cache file, or null when disabled. */
  readonly path: string | null;
  /**
   * The value stored for `file` when its content hash is `hash`, else undefined. Each call returns
   * a fresh copy, so a caller may change what it gets (add backlinks) without touching the cache.
   * With `stamp` (the stat of the bytes just hashed), a hit also re-stamps the entry so later
   * runs can skip reading the file.
   */
  get(file: string, hash: string, stamp?: FileStamp): T | undefined;
  /**
   * The value stored for `file` when `st` (a bigint stat of the file taken now) equals the entry's
   * stamp and the entry is not racily clean (see the module comment), without reading the file;
   * else undefined, and the caller reads and hashes the file.
   */
  fresh(file: string, st: BigIntStats): T | undefined;
  /**
   * Stores `value` (serialised now: later changes to the object are not cached) for `file` at
   * `hash`, with the stamp of the bytes it was computed from when known.
   */
  set(file: string, hash: string, value: T, stamp?: FileStamp): void;
  /**
   * Writes the cache if anything changed (atomically: temp file + rename). With `prune`, entries
   * neither read nor written in this run are dropped: pass it when the run visited every record
   * (readLog), so deleted and renamed files do not accumulate. Never throws: a cache that cannot
   * be written is only a slower next run.
   */
  save(options?: { prune?: boolean }): Promise<void>;
  /** Counters for this run (for `--verbose` output and tests); `fresh` counts hits by stat alone. */
  readonly stats: { hits: number; misses: number; fresh: number; loaded: number; corrupt: boolean };
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
  versionMemo = codeFingerprint(['parse', 'model']);
  return versionMemo;
}

/**
 * The package version and a hash of the code in `folders` (siblings of this module's folder, as
 * built: dist/parse, dist/rules ...). Content, not mtimes: npm packs every file with one fixed date.
 */
export function codeFingerprint(folders: readonly string[]): string {
  let pkg = 'unknown';
  try {
    pkg = JSON.parse(readFileSync(packageJsonPath(), 'utf8')).version ?? 'unknown';
  } catch {
    // A missing package.json only makes the key less specific; the fingerprint still guards it.
  }
  const hash = createHash('sha256');
  for (const file of codeFiles(folders)) {
    if (file.name === null) {
      hash.update(`${file.folder}:missing\n`);
      continue;
    }
    hash.update(`${file.folder}/${file.name}\n`);
    try {
      hash.update(readFileSync(file.path));
    } catch {
      hash.update('?');
    }
  }
  return `${pkg}:${hash.digest('hex').slice(0, 16)}`;
}

interface Entry {
  hash: string;
  /** The stamp key of the bytes the value was verified against ('' when unknown). */
  stamp: string;
  /** When those bytes were read (ms since the epoch; 0 when unknown). */
  verified: number;
  /**
   * The value's compact JSON: a slice of the cache file as read; or null when set() has spooled it
   * straight into the next cache file (see {@link Spool}); or, when no spool could be opened, the
   * bytes set() serialised.
   */
  json: string | Buffer | null;
  /** With json null: where set() spooled the JSON into the next cache file (offset, length). */
  at: number;
  len: number;
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

// A span as JSON.stringify writes the model's spans (keys in this order, integers), right after
// the `{` or `,` that opens its key: quotes inside JSON strings are always escaped, so this can
// only match real structure, never text inside a string (a key ending in `\"span` is preceded by
// a backslash, not by `{` or `,`). A span written with other keys or another key order simply
// stays an object, which is still exact.
const SPAN_JSON = /([{,])"span":\{"start":\{"line":(-?\d+),"column":(-?\d+),"offset":(-?\d+)\},"end":\{"line":(-?\d+),"column":(-?\d+),"offset":(-?\d+)\}\}/g;
// An array under a `span` key in the value itself would decode as a span: such values are not cached.
const SPAN_ARRAY_JSON = /[{,]"span":\[/;

/**
 * The compact JSON of a value: spans under a `span` key become six numbers. Done on the JSON text
 * (one regex pass) rather than with a JSON.stringify replacer, which took a fifth of a
 * cache-filling run at 10,000 records. Undefined when the value cannot be stored exactly.
 */
function encodeValue(value: unknown): string | undefined {
  const json = JSON.stringify(value);
  if (json === undefined || SPAN_ARRAY_JSON.test(json)) return undefined;
  const packed = json.includes('"span":{') ? json.replace(SPAN_JSON, '$1"span":[$2,$3,$4,$5,$6,$7]') : json;
  return NON_ASCII.test(packed) ? packed.replace(NON_ASCII_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : packed;
}

/** Turns packed spans back into span objects, in place (the value was just parsed: nobody else holds it). */
function unpackSpans(value: unknown): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item !== null && typeof item === 'object') unpackSpans(item);
    }
    return;
  }
  const o = value as Record<string, unknown>;
  for (const key in o) {
    const item = o[key];
    if (item === null || typeof item !== 'object') continue;
    if (key === 'span' && Array.isArray(item)) {
      const s = item as number[];
      o.span = { start: { line: s[0], column: s[1], offset: s[2] }, end: { line: s[3], column: s[4], offset: s[5] } };
    } else unpackSpans(item);
  }
}

/** A file name as the first field of a line: JSON, so tabs and newlines in names stay inside it. */
function nameField(file: string): string {
  return asciiJson(file) as string;
}

/** Reads the first field back (the common name needs no JSON.parse). */
function parseName(field: string): string | null {
  if (field.length < 2 || field.charCodeAt(0) !== 34 || field.charCodeAt(field.length - 1) !== 34) return null;
  if (field.indexOf('\\') < 0) return field.slice(1, -1);
  try {
    const name = JSON.parse(field) as unknown;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

const DISABLED_STATS = Object.freeze({ hits: 0, misses: 0, fresh: 0, loaded: 0, corrupt: false });

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
      fresh: () => undefined,
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
  const stats = { hits: 0, misses: 0, fresh: 0, loaded: 0, corrupt: false };
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
        const t1 = line.indexOf('\t');
        const t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
        const t3 = t2 < 0 ? -1 : line.indexOf('\t', t2 + 1);
        const t4 = t3 < 0 ? -1 : line.indexOf('\t', t3 + 1);
        const file = t4 < 0 ? null : parseName(line.slice(0, t1));
        const hash = file === null ? '' : line.slice(t1 + 1, t2);
        const verified = file === null ? NaN : Number(line.slice(t3 + 1, t4));
        if (file === null || hash === '' || !Number.isFinite(verified)) {
          // A damaged line (a truncated write by another tool, a hand edit): drop it, keep the rest.
          stats.corrupt = true;
          dirty = true;
          continue;
        }
        entries.set(file, { hash, stamp: line.slice(t2 + 1, t3), verified, json: line.slice(t4 + 1), at: 0, len: 0, used: false });
      }
      stats.loaded = entries.size;
    }
  }

  // The next cache file, opened by the first set() that changes something (see Spool).
  let spool: Spool | null = null;
  let noSpool = false;

  /** Decodes an entry's value, or drops a damaged entry. */
  const decode = (file: string, entry: Entry): T | undefined => {
    let text: string | null;
    if (typeof entry.json === 'string') text = entry.json;
    else if (entry.json) text = entry.json.toString('latin1');
    else {
      try {
        text = spool ? spool.read(entry.at, entry.len) : null;
      } catch {
        text = null; // the spool cannot be read back: a miss
      }
    }
    // Spooled and already saved: only a later run can read it back (a miss, never a wrong value).
    if (text === null) return undefined;
    try {
      const value = JSON.parse(text) as T;
      if (value !== null && typeof value === 'object') unpackSpans(value);
      entry.used = true;
      return value;
    } catch {
      entries.delete(file);
      stats.corrupt = true;
      dirty = true;
      return undefined;
    }
  };

  return {
    enabled: true,
    path,
    stats,
    fresh(file, st) {
      const entry = entries.get(file);
      if (!entry || entry.stamp === '') return undefined;
      const newest = st.mtimeNs > st.ctimeNs ? st.mtimeNs : st.ctimeNs;
      if (!oldEnough(newest, entry.verified)) return undefined;
      if (entry.stamp !== `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`) return undefined;
      const value = decode(file, entry);
      if (value !== undefined) {
        stats.hits++;
        stats.fresh++;
      }
      return value;
    },
    get(file, hash, stamp) {
      const entry = entries.get(file);
      if (!entry || entry.hash !== hash) {
        stats.misses++;
        return undefined;
      }
      const value = decode(file, entry);
      if (value === undefined) {
        stats.misses++;
        return undefined;
      }
      stats.hits++;
      // The bytes were read and matched: stamp the entry, if that lets a later run skip the read
      // (a file still inside the racy margin would be read again anyway: no rewrite for it).
      if (stamp && oldEnough(stamp.newestNs, stamp.verifiedMs) && (entry.stamp !== stamp.key || !oldEnough(stamp.newestNs, entry.verified))) {
        entry.stamp = stamp.key;
        entry.verified = stamp.verifiedMs;
        dirty = true;
      }
      return value;
    },
    set(file, hash, value, stamp) {
      const text = encodeValue(value);
      if (text === undefined) return;
      const old = entries.get(file);
      if (old && old.hash === hash && typeof old.json === 'string' && old.json === text && (!stamp || old.stamp === stamp.key)) {
        old.used = true;
        return;
      }
      const entry: Entry = { hash, stamp: stamp?.key ?? '', verified: stamp?.verifiedMs ?? 0, json: null, at: 0, len: text.length, used: true };
      if (!spool && !noSpool) {
        try {
          spool = new Spool(path, header);
        } catch {
          noSpool = true; // a cache folder that cannot be written: keep values in memory
        }
      }
      if (spool) {
        spool.put(lineStart(file, entry));
        entry.at = spool.put(text);
        spool.put('\n');
      } else entry.json = Buffer.from(text, 'latin1');
      entries.set(file, entry);
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
      const out = spool;
      spool = null;
      try {
        const next = out ?? new Spool(path, header);
        try {
          // Spooled entries are in the file already; the rest (read from the old file, or kept in
          // memory) follow. A file set twice in one run has two lines: the later one wins on load.
          for (const [file, entry] of entries) {
            if (entry.json === null) continue;
            next.put(lineStart(file, entry));
            next.put(entry.json);
            next.put('\n');
          }
          next.finish();
        } catch (error) {
          next.abandon();
          throw error;
        }
        dirty = false;
        // A process killed mid-save leaves a hidden temp file; sweep old ones.
        await cleanStaleTemps(dirname(path));
      } catch {
        // Read-only home, full disk: the next run is slower, never wrong.
      }
    },
  };
}

/** The start of an entry's line, up to its value. */
function lineStart(file: string, entry: Entry): string {
  return `${nameField(file)}\t${entry.hash}\t${entry.stamp}\t${entry.verified}\t`;
}

/**
 * The next cache file, written while the run goes: set() appends each new entry to a temp file
 * (created exclusively next to the cache file, with write.ts's naming so cleanStaleTemps sweeps
 * what a killed run leaves) instead of keeping its JSON; save() appends the entries kept from the
 * old file, fsyncs and renames it over the cache file, so readers only ever see a whole file.
 * Holding every new entry's JSON until save kept a cache-filling run at 10,000 records 110 MB
 * above an uncached one (the goal is 500 MB). get() of an entry spooled in this run reads it back
 * from the temp file. Writes go through a 1 MB buffer.
 */
class Spool {
  private readonly temp: string;
  private readonly fd: number;
  private buffer = Buffer.allocUnsafe(1 << 20);
  /** Bytes in the buffer, not yet written. */
  private pending = 0;
  /** Bytes written to the file. */
  private flushed = 0;
  /** Set once the fd is closed: its number may be reused by then. */
  private closed = false;

  constructor(
    private readonly path: string,
    header: string,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.temp = tempPathFor(path);
    this.fd = openSync(this.temp, 'wx+', 0o644); // read too: get() of an entry spooled in this run
    this.put(`${header}\n`);
  }

  /** Appends ASCII text or bytes; returns the offset where they start. */
  put(data: string | Buffer): number {
    const at = this.flushed + this.pending;
    const length = data.length; // ASCII: one char is one byte
    if (this.pending + length > this.buffer.length) this.flush();
    if (length > this.buffer.length) {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
      writeSync(this.fd, bytes, 0, bytes.length, this.flushed);
      this.flushed += bytes.length;
    } else {
      this.pending += typeof data === 'string' ? this.buffer.write(data, this.pending, 'latin1') : data.copy(this.buffer, this.pending);
    }
    return at;
  }

  /** The text at `at` (as returned by put), `length` bytes long. */
  read(at: number, length: number): string {
    if (at >= this.flushed) return this.buffer.toString('latin1', at - this.flushed, at - this.flushed + length);
    this.flush();
    const bytes = Buffer.allocUnsafe(length);
    readSync(this.fd, bytes, 0, length, at);
    return bytes.toString('latin1');
  }

  private flush(): void {
    if (this.pending === 0) return;
    writeSync(this.fd, this.buffer, 0, this.pending, this.flushed);
    this.flushed += this.pending;
    this.pending = 0;
  }

  /** Flushes, fsyncs and renames the file over the cache file. */
  finish(): void {
    this.flush();
    fsyncSync(this.fd);
    this.closed = true;
    closeSync(this.fd);
    renameSync(this.temp, this.path);
  }

  /** Closes and removes the temp file. */
  abandon(): void {
    if (!this.closed) {
      this.closed = true;
      closeSync(this.fd);
    }
    try {
      unlinkSync(this.temp);
    } catch {
      // already gone
    }
  }
}

/** The shape readLog takes (src/store/read-log.ts `ParseCacheLike`): keyed by the bytes themselves. */
export interface RecordCache<T> {
  /** The value for `file` when its stat says it is unchanged since its entry was verified (no read). */
  fresh(file: string, abs: string): T | undefined;
  get(file: string, bytes: Uint8Array, stamp?: FileStamp): T | undefined;
  set(file: string, bytes: Uint8Array, result: T, stamp?: FileStamp): void;
  /** Saves; prunes entries not seen in this run unless `prune: false` (a run that read only some records). */
  save(options?: { prune?: boolean }): Promise<void>;
  /** The underlying cache (path, stats). */
  readonly cache: ParseCache<T>;
}

/**
 * The parse cache as readLog uses it: stats a file first (the shortcut), else hashes the bytes it
 * is given (once per file and run), and prunes on save, because readLog visits every record of
 * the log. `variant` must name every parse option that changes the result (readLog: the overview
 * file's name).
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
    fresh: (file, abs) => {
      if (!cache.enabled) return undefined;
      let st: BigIntStats | undefined;
      try {
        st = statSync(abs, { bigint: true, throwIfNoEntry: false });
      } catch {
        return undefined; // the read that follows reports why
      }
      return st && st.isFile() ? cache.fresh(file, st) : undefined;
    },
    get: (file, bytes, stamp) => (cache.enabled ? cache.get(file, hashOf(file, bytes), stamp) : undefined),
    set: (file, bytes, result, stamp) => {
      if (cache.enabled) cache.set(file, hashOf(file, bytes), result, stamp);
      lastBytes = null;
    },
    save: (saveOptions) => {
      lastBytes = null;
      return cache.save({ prune: saveOptions?.prune ?? true });
    },
  };
}
