/**
 * Reading a whole log: every record file under the log folder, parsed once, with back-links
 * computed across records and the overview file read. A file that cannot be read becomes a
 * diagnostic; it never stops the others.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Decision, Diagnostic, Log, Overview } from '../model/index.js';
import type { ParseResult } from '../parse/index.js';
import { fileStamp, hashContent, openRecordCache, type FileStamp } from './cache.js';
import { findLog, type LogLocation } from './find-log.js';
import { walkLog, type LogWalk } from './walk.js';
import { resolveNumberRefs } from './number-refs.js';
import { resolveRootLinks } from './root-links.js';

/**
 * The parser, loaded on first need: a warm run whose records all pass the cache's stat shortcut
 * never parses, and not loading the parser's dozen modules is a tenth of such a run's start-up.
 */
export { isRecordName, listRecordFiles, locateOverview } from './walk.js';

let parserModule: Promise<typeof import('../parse/index.js')> | null = null;
function parser(): Promise<typeof import('../parse/index.js')> {
  parserModule ??= import('../parse/index.js');
  return parserModule;
}

/** The reader's diagnostic about a whole file (parse/index.ts's fileDiagnostic, loaded lazily). */
async function fileDiagnostic(...args: Parameters<typeof import('../parse/index.js').fileDiagnostic>): Promise<Diagnostic> {
  return (await parser()).fileDiagnostic(...args);
}

/** Options of readLog. */
export interface ReadLogOptions {
  cwd: string;
  /** The --dir flag. */
  dir?: string;
  /** Use the parse cache (default true; `--no-cache` passes false). */
  cache?: boolean;
  /** Environment, for the cache location (XDG_CACHE_HOME, ADR_CACHE_DIR). */
  env?: Record<string, string | undefined>;
  /** An already found location (skips the search). */
  location?: LogLocation;
  /**
   * Read only the records this accepts (paths relative to the log folder, `/`-separated): for a
   * command that changes one record and needs no other (abort, status), so a log of 10,000 records
   * costs a walk, not 10,000 reads. The Log then holds only those decisions (back-links among them
   * only); every other record file is still listed in `skipped`, so existence checks stay true.
   */
  only?: (file: string) => boolean;
  /** The log's walk, when the caller took it already (`adr check` keys its result cache by it): read exactly those files. */
  walk?: LogWalk;
}






/**
 * Reads a file's bytes, refusing enormous ones before reading them. Synchronous on purpose: the
 * parse that follows is synchronous too, and per-file promise I/O cost a third of a warm check
 * (open/stat/read/close through fs/promises, measured on 10,000 records). O_NONBLOCK keeps a FIFO
 * that replaced a record after the walk from hanging the run. The stamp (the stat taken before
 * the read, and the clock right after it) lets the cache skip the file next time (src/store/cache.ts).
 */
function readBytes(abs: string, maxBytes: number): { bytes: Buffer; stamp: FileStamp } | { error: string } {
  let fd: number | undefined;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd, { bigint: true });
    if (!st.isFile()) return { error: 'Not a regular file; not read.' };
    if (st.size > BigInt(maxBytes)) {
      return { error: `File is too large to be a decision record (${(Number(st.size) / 1048576).toFixed(1)} MB, limit ${maxBytes / 1048576} MB); not read.` };
    }
    const bytes = readFileSync(fd);
    return { bytes, stamp: fileStamp(st, Date.now()) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: 'File vanished while the log was being read; not read.' };
    return { error: `Cannot read file: ${code ?? (error as Error).message}.` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Computes every record's back-links from the others' links (one entry per linking record and kind). */
export function computeBacklinks(decisions: Decision[]): void {
  const byFile = new Map<string, Decision>();
  for (const d of decisions) {
    d.backlinks = [];
    byFile.set(d.file, d);
  }
  for (const d of decisions) {
    const seen = new Set<string>();
    for (const link of d.links) {
      const target = byFile.get(link.target);
      if (!target || target === d) continue;
      const key = `${link.target}\0${link.kind}\0${link.anchor ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      target.backlinks.push({ file: d.file, kind: link.kind, anchor: link.anchor, line: link.line });
    }
  }
}


/** A cache of parse results keyed by content hash (src/store/cache.ts provides one). */
export interface ParseCacheLike {
  /** The result for a file whose stat proves it unchanged, without reading it (optional shortcut). */
  fresh?(file: string, abs: string): ParseResult | undefined;
  get(file: string, bytes: Uint8Array, stamp?: FileStamp): ParseResult | undefined;
  set(file: string, bytes: Uint8Array, result: ParseResult, stamp?: FileStamp): void;
  save(options?: { prune?: boolean }): Promise<void>;
}

/**
 * Reads the whole log. Never throws for a bad record; throws UserError when there is no log.
 * Parse results are cached by content hash (see src/store/cache.ts) unless `cache: false`.
 */
export async function readLog(options: ReadLogOptions, cacheOverride?: ParseCacheLike): Promise<Log> {
  const location = options.location ?? (await findLog({ cwd: options.cwd, dir: options.dir }));
  const { overviewFile, listed } = options.walk ?? (await walkLog(location));
  // Copies: a walk handed in by the caller stays as it was taken.
  const diagnostics = [...listed.diagnostics];
  const skipped = [...listed.skipped];
  const only = options.only;
  const files = only ? listed.files.filter((f) => only(f.file) || (skipped.push(f.file), false)) : listed.files;
  const overviewName = overviewFile ? basename(overviewFile) : 'DECISIONS.md';
  const own = cacheOverride || options.cache === false ? undefined : openRecordCache<ParseResult>({ logDir: location.dir, env: options.env ?? process.env, enabled: true, variant: overviewName });
  const cache: ParseCacheLike | undefined = cacheOverride ?? own;

  // Stat shortcut first; only the files it cannot vouch for are read, and only then is the parser loaded.
  const results: ParseResult[] = new Array(files.length);
  const rest: number[] = [];
  files.forEach((f, i) => {
    const fresh = cache?.fresh?.(f.file, f.abs);
    if (fresh) results[i] = fresh;
    else rest.push(i);
  });
  if (rest.length > 0) {
    const { fileDiagnostic: diagnose, MAX_RECORD_BYTES, parseBytes } = await parser();
    for (const i of rest) {
      const f = files[i];
      const read = readBytes(f.abs, MAX_RECORD_BYTES);
      if ('error' in read) {
        results[i] = { decision: null, diagnostics: [diagnose(f.file, read.error)] };
        continue;
      }
      const cached = cache?.get(f.file, read.bytes, read.stamp);
      if (cached) {
        results[i] = cached;
        continue;
      }
      const { text: _text, ...result } = parseBytes(f.file, read.bytes, { overviewName });
      cache?.set(f.file, read.bytes, result, read.stamp);
      results[i] = result;
    }
  }

  const decisions: Decision[] = [];
  results.forEach((result, i) => {
    // A generated list of the records (toc.md) is a file of the log, not a record.
    if (result.skip) skipped.push(files[i].file);
    if (result.decision) decisions.push(result.decision);
    diagnostics.push(...result.diagnostics);
  });
  resolveNumberRefs(decisions);
  const present = new Set([...listed.files.map((f) => f.file), ...listed.skipped]);
  resolveRootLinks(decisions, location.dir, (file) => present.has(file));
  computeBacklinks(decisions);

  let overview: Overview | null = null;
  if (overviewFile) {
    // The overview is cached beside the records (its key cannot collide: record keys never start with `overview:`).
    const key = `overview:${overviewFile}`;
    const abs = resolve(location.dir, overviewFile);
    overview = (own?.fresh(key, abs) as Overview | undefined) ?? null;
    const read = overview ? null : readBytes(abs, (await parser()).MAX_RECORD_BYTES);
    if (read && 'error' in read) diagnostics.push(await fileDiagnostic(overviewFile, read.error));
    else if (read) {
      const hash = own ? hashContent(read.bytes) : '';
      overview = (own?.cache.get(key, hash, read.stamp) as Overview | undefined) ?? null;
      const decoded = overview ? null : (await import('../parse/encoding.js')).decodeBytes(read.bytes);
      if (decoded?.ok) {
        const { parseOverview } = await import('../parse/overview.js');
        overview = parseOverview(overviewFile, decoded.text, basename(location.dir));
        own?.cache.set(key, hash, overview as never, read.stamp);
      } else if (decoded) diagnostics.push(await fileDiagnostic(overviewFile, `Cannot read the overview file: ${decoded.reason}.`, 'error', decoded));
    }
  }
  // A partial read must not prune the entries of the records it did not read.
  if (cache) await cache.save({ prune: !only }).catch(() => undefined);

  return {
    dir: location.dir,
    root: location.root,
    config: location.config,
    configFile: location.configFile,
    decisions,
    overview,
    diagnostics,
    skipped,
  };
}
