/**
 * Reading a whole log: every record file under the log folder, parsed once, with back-links
 * computed across records and the overview file read. A file that cannot be read becomes a
 * diagnostic; it never stops the others.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import { globToRegExp } from '../lint/glob.js';
import type { Decision, Diagnostic, Log, Overview } from '../model/index.js';
import type { ParseResult } from '../parse/index.js';
import { fileStamp, hashContent, openRecordCache, type FileStamp } from './cache.js';
import { findLog, type LogLocation } from './find-log.js';
import { resolveNumberRefs } from './number-refs.js';

/**
 * The parser, loaded on first need: a warm run whose records all pass the cache's stat shortcut
 * never parses, and not loading the parser's dozen modules is a tenth of such a run's start-up.
 */
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
}

/** Whether a file name is a record file at all (markdown, not a template, index or readme). */
export function isRecordName(name: string): boolean {
  if (!/\.(md|markdown)$/i.test(name)) return false;
  if (name.startsWith('.') || name.startsWith('_')) return false;
  const lower = name.toLowerCase();
  if (/^(readme|index|changelog|contributing|license|summary)\.(md|markdown)$/.test(lower)) return false;
  // `template.md`, `adr-template-bare.md`, `!template_[verb].md`, `0000-template.md`: a template, not a
  // record. A numbered or dated record about templates (`2025-08-06-template-engine.md`) stays a record.
  const stem = lower.replace(/\.(md|markdown)$/, '');
  if (/^\d/.test(stem) ? /^[\d_.-]+template$/.test(stem) : /(^|[^a-z0-9])template([^a-z0-9]|$)/.test(stem)) return false;
  return true;
}

/** Folders never searched for records. */
function skipFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules' || name === 'templates' || name === 'assets' || name === 'images';
}


/** A record file found by the walk. */
interface Found {
  abs: string;
  file: string;
}

/** Lists the record files under `dir`, following symlinks once, reporting dangling ones and loops. */
export async function listRecordFiles(
  dir: string,
  ignore: RegExp[],
  skip: Set<string>,
): Promise<{ files: Found[]; diagnostics: Diagnostic[]; skipped: string[] }> {
  const files: Found[] = [];
  const skipped: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const seenDirs = new Set<string>();

  // Paths are built by concatenation (the walk knows each folder's relative prefix): path.join and
  // path.relative per file cost more than the rest of the walk together.
  async function walk(folder: string, prefix: string): Promise<void> {
    let real: string;
    try {
      real = await realpath(folder);
    } catch {
      return;
    }
    const here = prefix === '' ? '.' : prefix.slice(0, -1);
    if (seenDirs.has(real)) {
      diagnostics.push(await fileDiagnostic(here, 'Folder reached twice through a symbolic link (a loop?); read once.', 'warning'));
      return;
    }
    seenDirs.add(real);
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      diagnostics.push(await fileDiagnostic(here, `Cannot list folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const base = folder.endsWith(sep) ? folder : folder + sep;
    for (const entry of entries) {
      const abs = base + entry.name;
      const file = prefix + entry.name;
      if (ignore.length > 0 && ignore.some((re) => re.test(file))) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = await stat(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (isRecordName(entry.name) || code === 'ELOOP') {
            diagnostics.push(await fileDiagnostic(file, code === 'ELOOP' ? 'Symbolic link loop; not read.' : 'Dangling symbolic link (its target does not exist); not read.'));
          }
          continue;
        }
      }
      if (isDir) {
        if (!skipFolder(entry.name)) await walk(abs, `${file}/`);
        continue;
      }
      // `slug/index.md` alone in its sub-folder is a page-bundle record (joelparkerhenderson's
      // examples, Hugo and Astro content); the log's own index.md stays the log's index.
      const bundle = prefix !== '' && /^index\.(md|markdown)$/i.test(entry.name) && !entries.some((e) => e !== entry && isRecordName(e.name));
      if ((!isRecordName(entry.name) && !bundle) || skip.has(abs)) {
        if (/\.(md|markdown)$/i.test(entry.name)) skipped.push(file);
        continue;
      }
      if (!isFile) {
        diagnostics.push(await fileDiagnostic(file, 'Not a regular file (a device, socket or pipe); not read.'));
        continue;
      }
      files.push({ abs, file });
    }
  }
  await walk(resolve(dir), '');
  return { files, diagnostics, skipped };
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

/** The overview file's path relative to the log folder, or null when the log has none. */
export async function locateOverview(location: LogLocation): Promise<string | null> {
  const configured = location.config.overview;
  if (configured === false) return null;
  const candidates = configured ? [configured] : ['../DECISIONS.md', 'DECISIONS.md'];
  for (const candidate of candidates) {
    try {
      if ((await stat(resolve(location.dir, candidate))).isFile()) return candidate.split(sep).join('/');
    } catch {
      // not there
    }
  }
  return null;
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
  const overviewFile = await locateOverview(location);
  const skip = new Set<string>();
  if (overviewFile) skip.add(resolve(location.dir, overviewFile));
  const ignore = (location.config.ignore ?? []).map(globToRegExp);
  const listed = await listRecordFiles(location.dir, ignore, skip);
  const { diagnostics, skipped } = listed;
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
  for (const result of results) {
    if (result.decision) decisions.push(result.decision);
    diagnostics.push(...result.diagnostics);
  }
  resolveNumberRefs(decisions);
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
