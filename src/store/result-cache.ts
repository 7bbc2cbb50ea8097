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
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../model/index.js';
import { cacheRoot, codeFingerprint, fileStamp, oldEnough } from './cache.js';
import { writeFileAtomic } from './write.js';

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

interface Stored {
  adrCheckCache: number;
  key: string;
  startedMs: number;
  listing: string;
  stamps: Array<[string, string | null]>;
  probes: Array<[string, boolean]>;
  result: CheckResult;
}

let fingerprintMemo: string | null = null;

/** The key of a check: code, config and options; `extra` is every option that changes the findings. */
export function resultKey(extra: unknown): string {
  fingerprintMemo ??= codeFingerprint(['parse', 'model', 'rules', 'lint', 'edit', 'store']);
  return createHash('sha256').update(JSON.stringify([RESULT_FORMAT, fingerprintMemo, extra])).digest('hex');
}

/** Where the check result of the log at `logDir` is kept. */
export function resultPathFor(logDir: string, env: Record<string, string | undefined>): string {
  return join(cacheRoot(env), 'check', `${createHash('sha256').update(resolve(logDir)).digest('hex')}.json`);
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
 * The stored findings when every input is as it was (see the module comment), else null. Reads one
 * small JSON file and stats each input; decodes nothing else.
 */
export function loadResult(path: string, key: string, listing: unknown): CheckResult | null {
  let stored: Stored;
  try {
    stored = JSON.parse(readFileSync(path, 'utf8')) as Stored;
  } catch {
    return null;
  }
  if (!stored || stored.adrCheckCache !== RESULT_FORMAT || stored.key !== key || typeof stored.startedMs !== 'number') return null;
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
export async function saveResult(path: string, key: string, startedMs: number, inputs: CheckInputs, result: CheckResult): Promise<void> {
  try {
    const stamps: Array<[string, string | null]> = [];
    for (const file of new Set(inputs.files)) stamps.push([file, stampNow(file)?.key ?? null]);
    const stored: Stored = {
      adrCheckCache: RESULT_FORMAT,
      key,
      startedMs,
      listing: JSON.stringify(inputs.listing),
      stamps,
      probes: [...inputs.probes],
      result,
    };
    mkdirSync(dirname(path), { recursive: true });
    await writeFileAtomic(path, JSON.stringify(stored));
  } catch {
    // Read-only home, full disk: the next check is slower, never wrong.
  }
}
