/**
 * Writing files so that no reader and no crash ever sees half a file.
 *
 * Every write goes to a temporary file in the target's own folder (same file system, so the final
 * rename is atomic), is flushed to disk, and then replaces or creates the target in one step.
 *
 * Temporary files are named `.<base>.<pid>.<12 hex>.tmp` (for example
 * `.2025-08-06-nix.md.4242.9f86d081884c.tmp`): hidden, next to the target, unique per process and
 * call. A process killed between creating and renaming one leaves it behind; {@link cleanStaleTemps}
 * removes those once they are older than a minute.
 */
import { constants } from 'node:fs';
import { link, open, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Matches the names {@link tempPathFor} makes. */
export const TEMP_FILE_PATTERN = /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/;

/**
 * 12 random hex digits for a temporary name. Not cryptographic, and need not be: every temp file
 * is created exclusively (`wx`), so a collision is an error, never a clobber; and `node:crypto`
 * costs `adr new` a few milliseconds of start-up for nothing.
 */
export function uniqueSuffix(): string {
  const high = Math.floor(Math.random() * 0x1000000);
  const low = Math.floor(Math.random() * 0x1000000);
  return high.toString(16).padStart(6, '0') + low.toString(16).padStart(6, '0');
}

/** A fresh temporary path next to `target`. Long names are shortened to stay under NAME_MAX. */
export function tempPathFor(target: string): string {
  let base = basename(target);
  if (base.length > 100) base = base.slice(0, 100);
  return join(dirname(target), `.${base}.${process.pid}.${uniqueSuffix()}.tmp`);
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

/** Flush a folder's entry table so a rename or link survives a power cut; a no-op where folders cannot be opened (Windows). */
async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, constants.O_RDONLY);
    await fh.sync();
  } catch (err) {
    const c = code(err);
    if (c !== 'EISDIR' && c !== 'EPERM' && c !== 'EINVAL' && c !== 'EBADF' && c !== 'EACCES' && c !== 'ENOTSUP') throw err;
  } finally {
    await fh?.close().catch(() => {});
  }
}

/** Write `data` to a new exclusive temp file next to `target`, flushed; returns its path. Removes it on failure. */
async function writeTemp(target: string, data: string | Uint8Array, mode: number): Promise<string> {
  const tmp = tempPathFor(target);
  const fh = await open(tmp, 'wx', mode);
  try {
    await fh.writeFile(data);
    // open() applied the umask; an existing file's mode must be kept exactly.
    await fh.chmod(mode);
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw err;
  }
  try {
    await fh.close();
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
  return tmp;
}

/**
 * Replace (or create) `path` with `data` atomically: temp file in the same folder created with
 * `wx`, fsync, rename over the target, fsync the folder. A reader sees the old content or the new,
 * never a mix, even if the process is killed at any point. Keeps an existing file's permission
 * bits; writes through a symbolic link to the file it points at (the link stays a link). On any
 * failure the temp file is removed and the error rethrown.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  let target = path;
  try {
    target = await realpath(path);
  } catch (err) {
    if (code(err) !== 'ENOENT') throw err;
  }
  let mode = 0o666 & ~currentUmask();
  try {
    mode = (await stat(target)).mode & 0o7777;
  } catch (err) {
    if (code(err) !== 'ENOENT') throw err;
  }
  const tmp = await writeTemp(target, data, mode);
  try {
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
  await syncDir(dirname(target));
}

let umaskCache: number | null = null;
function currentUmask(): number {
  // process.umask() without an argument is deprecated for being racy to *set*; reading via a
  // set-and-restore is the documented way and happens once.
  if (umaskCache === null) {
    try {
      const old = process.umask(0o022);
      process.umask(old);
      umaskCache = old;
    } catch {
      umaskCache = 0o022; // workers cannot change the umask
    }
  }
  return umaskCache;
}

/**
 * Create `path` with `data` only if it does not exist yet. Resolves `true` when this call created
 * it, `false` when a file (or anything else) was already there. The content is written to a temp
 * file first and then hard-linked into place, so no reader ever sees a half-written new file;
 * where the file system has no hard links it falls back to a plain exclusive (`wx`) write.
 */
export async function createExclusive(path: string, data: string | Uint8Array): Promise<boolean> {
  const mode = 0o666 & ~currentUmask();
  const tmp = await writeTemp(path, data, mode);
  try {
    await link(tmp, path);
  } catch (err) {
    const c = code(err);
    if (c === 'EEXIST') return false;
    if (c === 'EPERM' || c === 'ENOTSUP' || c === 'EOPNOTSUPP' || c === 'ENOSYS' || c === 'EXDEV' || c === 'EMLINK') {
      return createExclusiveDirect(path, data);
    }
    throw err;
  } finally {
    await unlink(tmp).catch(() => {});
  }
  await syncDir(dirname(path));
  return true;
}

async function createExclusiveDirect(path: string, data: string | Uint8Array): Promise<boolean> {
  let fh;
  try {
    fh = await open(path, 'wx');
  } catch (err) {
    if (code(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    await fh.writeFile(data);
    await fh.sync();
    await fh.close();
  } catch (err) {
    await fh.close().catch(() => {});
    // We created it, so removing our own half-written file is safe.
    await unlink(path).catch(() => {});
    throw err;
  }
  await syncDir(dirname(path));
  return true;
}

/**
 * Remove temp files (named as {@link tempPathFor} names them) that a killed process left in `dir`
 * and that are older than `olderThanMs` (default one minute, so a write in progress is never
 * touched). Returns the names removed. A missing folder removes nothing.
 */
export async function cleanStaleTemps(
  dir: string,
  options: { olderThanMs?: number; now?: number } = {},
): Promise<string[]> {
  const olderThan = options.olderThanMs ?? 60_000;
  const now = options.now ?? Date.now();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if (code(err) === 'ENOENT' || code(err) === 'ENOTDIR') return [];
    throw err;
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!TEMP_FILE_PATTERN.test(name)) continue;
    const full = join(dir, name);
    try {
      const s = await stat(full);
      if (!s.isFile() || now - s.mtimeMs < olderThan) continue;
      await unlink(full);
      removed.push(name);
    } catch (err) {
      if (code(err) !== 'ENOENT') throw err; // another cleaner got there first
    }
  }
  return removed.sort();
}
