/**
 * The check result cache: what `adr check` found in a log, kept with the identity of every input it
 * read, so a check of an unchanged log stats its files and prints the findings without decoding a
 * single record. A pre-commit hook on a 1,000-record log then costs little more than Node's start-up.
 *
 * One file per log beside the parse cache: `<cache root>/check/<sha256 of the log path>.json`
 * (src/store/cache.ts says where the root is). Safe to delete; `--no-cache` neither reads nor writes
 * it; a corrupt or foreign file is a miss.
 *
 * Never stale, by the rule the parse cache's stat shortcut follows (git's racy-clean rule):
 * - the key holds everything else the findings depend on: the code of the parser, model, rules,
 *   lint engine, edits and store (by content), the config as loaded, the overview's name, the
 *   `--rule` filter and the clock's hour (date rules compare with today);
 * - the listing of the log (record files, unreadable entries, skipped names) must be the same as the
 *   one the findings were computed from, taken before the run read anything;
 * - every record, the overview and any other file a rule read must have exactly the stat it had
 *   (device, inode, size, mtime and ctime to the nanosecond), and a stat only counts when its mtime
 *   and ctime are older than the start of that run by more than the timestamp granularity margin: a
 *   file changed during or just before that run is read again, whatever its stat says;
 * - every path a rule asked about (does this link's target exist?) must still answer the same.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../model/index.js';
import { cacheRoot, codeFiles, fileStamp, oldEnough, packageJsonPath } from './stamp.js';

// A cached check loads neither node:crypto nor the parse cache: hashing happens only when the code
// changed (codeStamp) and writing only after a computed check (saveResult).

/** Bump when the layout of the file or of the stored findings changes. */
export const RESULT_FORMAT = 1;

/** What `adr check` prints from, before any output filter (`--quiet`, FILE arguments). */
export interface CheckResult {
  diagnostics: Diagnostic[];
  configWarnings: string[];
  records: number;
}

/** The inputs of one check run, gathered while it ran. */
export interface CheckInputs {
  /** The log's listing as the run began (records, unreadable entries, skipped names), in any stable form. */
  listing: unknown;
  /** Absolute paths of every file the run read: records, the overview, files rules read. */
  files: Iterable<string>;
  /** Absolute paths rules asked about, with the answer they got. */
  probes: Iterable<[string, boolean]>;
}

/**
 * The code the findings depend on: its files' stamps and the fingerprint of their content. Reading
 * and hashing a megabyte of code costs more than the rest of a cached check, so the fingerprint is
 * reused while every code file keeps its stat (the racy rule again: an upgrade or rebuild moves
 * ctime, even when npm pins every mtime to 1985).
 */
export interface CodeStamp {
  files: Array<[string, string]>;
  fingerprint: string;
  verifiedMs: number;
}

/** What a lookup found: the stored findings when they still hold, and the key and code stamp to store new ones under. */
export interface ResultLookup {
  result: CheckResult | null;
  key: string;
  code: CodeStamp;
  /** The stored file's contents when its findings held but its code stamp was renewed (see {@link renewCodeStamp}). */
  renew: Stored | null;
}

/** The result file's contents. */
export interface Stored {
  adrCheckCache: number;
  key: string;
  code?: CodeStamp;
  startedMs: number;
  listing: string;
  stamps: Array<[string, string | null]>;
  probes: Array<[string, boolean]>;
  result: CheckResult;
}

/** The folders (siblings of this module's) whose code decides what a check finds. */
const CODE_FOLDERS = ['parse', 'model', 'rules', 'lint', 'edit', 'store'] as const;


/** The code's fingerprint: `previous`'s while every code file is as it was, else hashed afresh. */
export async function codeStamp(previous?: CodeStamp): Promise<CodeStamp> {
  // The code behind the findings, and package.json for the version.
  const files = [packageJsonPath(), ...codeFiles(CODE_FOLDERS).map((f) => f.path)];
  const stamps: Array<[string, string]> = [];
  let same = previous !== undefined && previous.files.length === files.length;
  for (let i = 0; i < files.length; i++) {
    const now = stampNow(files[i]);
    const key = now?.key ?? '';
    stamps.push([files[i], key]);
    if (same && (previous!.files[i][0] !== files[i] || previous!.files[i][1] !== key || !now || !oldEnough(now.newestNs, previous!.verifiedMs))) same = false;
  }
  if (same) return previous!;
  const verifiedMs = Date.now();
  const { codeFingerprint } = await import('./cache.js');
  return { files: stamps, fingerprint: codeFingerprint(CODE_FOLDERS), verifiedMs };
}

/**
 * The key of a check: code, config and options; `extra` is every option that changes the findings.
 * Kept as the JSON itself (a few hundred bytes), compared whole: nothing to hash.
 */
export function resultKey(fingerprint: string, extra: unknown): string {
  return JSON.stringify([RESULT_FORMAT, fingerprint, extra]);
}

/**
 * A 64-bit FNV-1a hash of `text`, hex: names the result file. Not a security boundary: two logs that
 * shared a name would only miss each other's results, because the key holds the log folder.
 */
function nameHash(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

/** Where the check result of the log at `logDir` is kept. */
export function resultPathFor(logDir: string, env: Record<string, string | undefined>): string {
  return join(cacheRoot(env), 'check', `${nameHash(resolve(logDir))}.json`);
}

/** The stamp of a path now, or null when it does not exist (or is not readable as a file). */
function stampNow(path: string): { key: string; newestNs: bigint } | null {
  try {
    const st = statSync(path, { bigint: true, throwIfNoEntry: false });
    return st ? fileStamp(st, 0) : null;
  } catch {
    return null;
  }
}

/**
 * Looks the log up: the stored findings when every input is as it was (see the module comment),
 * else null, with the key to store fresh ones under. Reads one small JSON file and stats each input
 * and each code file; decodes nothing else.
 */
export async function lookupResult(path: string, extra: unknown, listing: unknown): Promise<ResultLookup> {
  let stored: Stored | null = null;
  try {
    stored = JSON.parse(readFileSync(path, 'utf8')) as Stored;
  } catch {
    stored = null;
  }
  const previous = stored?.code && Array.isArray(stored.code.files) && typeof stored.code.fingerprint === 'string' ? stored.code : undefined;
  const code = await codeStamp(previous);
  const key = resultKey(code.fingerprint, extra);
  const result = stored ? valid(stored, key, listing) : null;
  return { result, key, code, renew: result && code !== previous ? { ...stored!, code } : null };
}

/**
 * Stores the renewed code stamp of a lookup whose findings held, so the next check reuses the
 * fingerprint instead of hashing the code again (after a rebuild or an upgrade, once). Never throws.
 */
export async function renewCodeStamp(path: string, lookup: ResultLookup): Promise<void> {
  if (!lookup.renew) return;
  try {
    const { CACHE, writeFileAtomic } = await import('./write.js');
    await writeFileAtomic(path, JSON.stringify(lookup.renew), CACHE);
  } catch {
    // Only the next check is slower.
  }
}

/** The stored findings when every input is as it was, else null. */
function valid(stored: Stored, key: string, listing: unknown): CheckResult | null {
  if (stored.adrCheckCache !== RESULT_FORMAT || stored.key !== key || typeof stored.startedMs !== 'number') return null;
  if (stored.listing !== JSON.stringify(listing)) return null;
  if (!Array.isArray(stored.stamps) || !Array.isArray(stored.probes) || !stored.result) return null;
  for (const [file, stamp] of stored.stamps) {
    const now = stampNow(file);
    if (stamp === null) {
      if (now !== null) return null;
      continue;
    }
    if (now === null || now.key !== stamp || !oldEnough(now.newestNs, stored.startedMs)) return null;
  }
  for (const [file, exists] of stored.probes) if (existsSync(file) !== exists) return null;
  return stored.result;
}

/**
 * Stores the findings of a run that began at `startedMs` (before the listing was taken and before
 * any file was read). The stamps are taken now, after the run: a file changed since `startedMs` has
 * a newer mtime or ctime and will never be trusted by them. Never throws: a result that cannot be
 * written only makes the next check slower.
 */
export async function saveResult(path: string, lookup: Pick<ResultLookup, 'key' | 'code'>, startedMs: number, inputs: CheckInputs, result: CheckResult): Promise<void> {
  const { key, code } = lookup;
  try {
    const stamps: Array<[string, string | null]> = [];
    for (const file of new Set(inputs.files)) stamps.push([file, stampNow(file)?.key ?? null]);
    const stored: Stored = {
      adrCheckCache: RESULT_FORMAT,
      key,
      code,
      startedMs,
      listing: JSON.stringify(inputs.listing),
      stamps,
      probes: [...inputs.probes],
      result,
    };
    mkdirSync(dirname(path), { recursive: true });
    const { CACHE, writeFileAtomic } = await import('./write.js');
    await writeFileAtomic(path, JSON.stringify(stored), CACHE);
  } catch {
    // Read-only home, full disk: the next check is slower, never wrong.
  }
}
