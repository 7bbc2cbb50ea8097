/**
 * What the caches trust about a file without reading it: its stat, and git's racy-clean rule for
 * when a stat may stand for bytes seen earlier. Also where the caches live. No hashing here, so a
 * check answered from its result cache never loads node:crypto.
 */
import type { BigIntStats } from 'node:fs';
import { homedir } from 'node:os';
import { readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * How much older than an entry's verification a file's mtime and ctime must be for its stat to be
 * trusted: more than the coarsest timestamp granularity of common filesystems (FAT: 2 s) plus the
 * time a read takes.
 */
export const RACY_MARGIN_MS = 3000;

/** A file's identity and timestamps when its bytes were read, and when that read ended. */
export interface FileStamp {
  /** `dev:ino:size:mtimeNs:ctimeNs` from a bigint stat. */
  key: string;
  /** The later of mtime and ctime, in nanoseconds. */
  newestNs: bigint;
  /** Date.now() right after the bytes were read (never before). */
  verifiedMs: number;
}

/** The stamp of a file from its (bigint) stat, verified at `verifiedMs`. */
export function fileStamp(st: BigIntStats, verifiedMs: number): FileStamp {
  return {
    key: `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`,
    newestNs: st.mtimeNs > st.ctimeNs ? st.mtimeNs : st.ctimeNs,
    verifiedMs,
  };
}

/** Whether a stat taken now may stand for bytes verified at `verifiedMs` (the racy rule). */
export function oldEnough(newestNs: bigint, verifiedMs: number): boolean {
  return newestNs < BigInt(Math.floor(verifiedMs) - RACY_MARGIN_MS) * 1_000_000n;
}

/** The root of every adr cache: `$ADR_CACHE_DIR`, else `$XDG_CACHE_HOME/adr`, else `~/.cache/adr`. */
export function cacheRoot(env: Record<string, string | undefined>): string {
  if (env.ADR_CACHE_DIR) return resolve(env.ADR_CACHE_DIR);
  // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'adr');
  return join(env.HOME || homedir(), '.cache', 'adr');
}

/** The package's package.json (dist/store and src/store both sit two levels under the package root). */
export function packageJsonPath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
}

/**
 * The code files of `folders` (siblings of this module's folder, as built: dist/parse ...), each
 * folder's names sorted; `name` is null for a folder that is missing. What the caches' keys hash
 * (cache.ts codeFingerprint) and what the check result cache stats (result-cache.ts codeStamp).
 */
export function codeFiles(folders: readonly string[]): Array<{ folder: string; name: string | null; path: string }> {
  const here = dirname(fileURLToPath(import.meta.url));
  const files: Array<{ folder: string; name: string | null; path: string }> = [];
  for (const folder of folders) {
    const dir = join(here, '..', folder);
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => /\.(js|ts|mjs)$/.test(n) && !n.endsWith('.d.ts')).sort();
    } catch {
      files.push({ folder, name: null, path: dir });
      continue;
    }
    for (const name of names) files.push({ folder, name, path: join(dir, name) });
  }
  return files;
}
