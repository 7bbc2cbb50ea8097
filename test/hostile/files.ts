/**
 * File-system helpers of the hardening tests: copying a hostile log (symlinks and FIFOs
 * included, without following them), fingerprinting every file to prove that a command changed
 * only what it was asked to change, and a timing log for the report.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Copies `from` to `to` entry by entry: regular files by content, symlinks as links, FIFOs as new
 * FIFOs. With `linkAbove`, files larger than that many bytes are hard-linked instead of copied
 * (the 50 MB file of the hostile log): adr replaces files by rename, so a link is never written
 * through, and an in-place write would show up in the copy's fingerprint anyway.
 */
export function copyTree(from: string, to: string, options: { linkAbove?: number } = {}): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(src), dst);
    else if (entry.isDirectory()) copyTree(src, dst, options);
    else if (entry.isFIFO()) execFileSync('mkfifo', [dst]);
    else if (entry.isFile()) {
      if (options.linkAbove !== undefined && lstatSync(src).size > options.linkAbove) linkSync(src, dst);
      else writeFileSync(dst, readFileSync(src));
    }
  }
}

/** sha256 of every regular file under `dir` (not following symlinks), keyed by relative path; symlinks as `-> target`. */
export function fingerprint(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    const rel = prefix + entry.name;
    if (entry.isSymbolicLink()) out.set(rel, `-> ${readlinkSync(abs)}`);
    else if (entry.isDirectory()) for (const [k, v] of fingerprint(abs, `${rel}/`)) out.set(k, v);
    else if (entry.isFIFO()) out.set(rel, 'fifo');
    else if (entry.isFile()) out.set(rel, createHash('sha256').update(readFileSync(abs)).digest('hex'));
  }
  return out;
}

/** The paths whose fingerprint differs between `before` and `after` (added, removed or changed). */
export function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** Whether `path` is a regular file (not following symlinks). */
export function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** Where the timings of the hostile runs are appended (one JSON line per run), for the report. */
export const TIMINGS_FILE = process.env.ADR_HOSTILE_TIMINGS ?? join(tmpdir(), 'adr-hostile-timings.jsonl');

/** Appends one timing line: what ran, on what input size, how long it took and how it ended. */
export function recordTiming(what: string, bytes: number, ms: number, code: number | null): void {
  try {
    appendFileSync(TIMINGS_FILE, `${JSON.stringify({ pid: process.pid, what, mb: +(bytes / 1048576).toFixed(1), ms: Math.round(ms), code, at: new Date().toISOString() })}\n`);
  } catch {
    // only a report aid
  }
}
