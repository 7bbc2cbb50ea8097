/**
 * Writing files so that no reader and no crash ever sees half a file.
 *
 * Every write goes to a temporary file in the target's own folder (same file system, so the final
 * rename is atomic), is flushed to disk, and then replaces or creates the target in one step.
 *
 * Every write names where it may land: the {@link Bounds} of the log or the repository (checked by
 * store/confine.ts: the real path, every folder on the way resolved, must lie inside them, or
 * nothing is written), or an explicit exemption for output the user named and for the cache.
 * There is no way to write without saying which, so no command can forget the check.
 *
 * Temporary files are named `.<base>.<pid>-<host>.<12 hex>.tmp` (for example
 * `.2025-08-06-nix.md.4242-1a2b3c4d.9f86d081884c.tmp`): hidden, next to the target, unique per
 * process and call, with the writer's pid and a tag of its host so that one a killed process left
 * behind can be told from one being written (store/lock.ts sweeps them).
 */
import { constants } from 'node:fs';
import { access, link, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { landingOf, OutsideError, realTarget, type Bounds } from './confine.js';

export type { Bounds } from './confine.js';

/** A write that is not of the log: output the user named (`--out`, `-o`), or the cache. */
export interface Exempt {
  exempt: 'user output' | 'cache';
}

/** A path the user named on the command line (`-o report.sarif`, `--out site/`): written where named. */
export const USER_OUTPUT: Exempt = Object.freeze({ exempt: 'user output' });
/** The cache folder (`$XDG_CACHE_HOME/adr`): adr's own, written where it is. */
export const CACHE: Exempt = Object.freeze({ exempt: 'cache' });

/** Where a write may land: inside bounds (checked), or exempt. */
export type Where = Bounds | Exempt;

/** The real path to write `path` to, after the bounds check; throws when it would land outside. */
export function landing(path: string, where: Where): string {
  if (where === undefined || where === null) throw new Error(`write of ${path} without bounds (internal: every write names where it may land)`);
  if ('exempt' in where) return landingOf(path);
  return realTarget(path, where);
}

/** Matches the names {@link tempPathFor} makes (and those of earlier versions, without the host tag). */
export const TEMP_FILE_PATTERN = /^\..+\.\d+(?:-[0-9a-f]{8})?\.[0-9a-f]{12}\.tmp$/;

/** Reads a temp file's name: its writer's pid and host tag (null in names of earlier versions). */
export function tempOwner(name: string): { pid: number; host: string | null } | null {
  const m = /\.(\d+)(?:-([0-9a-f]{8}))?\.[0-9a-f]{12}\.tmp$/.exec(name);
  return m && name.startsWith('.') ? { pid: Number(m[1]), host: m[2] ?? null } : null;
}

let hostTagCache: string | null = null;
/** 8 hex digits naming this host (FNV-1a of its name): temp names say which machine wrote them. */
export function hostTag(): string {
  if (hostTagCache === null) {
    let h = 0x811c9dc5;
    for (const ch of hostname()) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    hostTagCache = h.toString(16).padStart(8, '0');
  }
  return hostTagCache;
}

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
  return join(dirname(target), `.${base}.${process.pid}-${hostTag()}.${uniqueSuffix()}.tmp`);
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

/**
 * Makes a system error name the file the user asked for, not the temp file or folder the call
 * failed on (so "no space left" names the record), keeping its code for the entry point's advice.
 */
function blame(err: unknown, path: string, syscall = 'write'): unknown {
  const e = err as NodeJS.ErrnoException | null;
  if (e && typeof e === 'object' && typeof e.code === 'string') {
    if (e.path !== path) (e as NodeJS.ErrnoException & { tried?: string }).tried = e.path;
    e.path = path;
    // What adr was doing (writing it), not the step that failed (opening a temp file).
    e.syscall = syscall;
    delete (e as { dest?: string }).dest;
  }
  return err;
}

/**
 * Makes the folder `path` and any missing parents, one at a time so that a failure has its true
 * cause (a recursive mkdir reports ENOENT for a read-only parent) and names the folder it could
 * not make. The folder must lie inside `where` (or be its root).
 */
export async function ensureFolder(path: string, where: Where): Promise<void> {
  const abs = resolve(path);
  if (!('exempt' in where) && abs !== resolve(where.dir)) realTarget(abs, where);
  const missing: string[] = [];
  for (let at = abs; ; at = dirname(at)) {
    try {
      if ((await stat(at)).isDirectory()) break;
      throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${at}'`), { code: 'EEXIST', path: at, syscall: 'mkdir' });
    } catch (err) {
      if (code(err) !== 'ENOENT') throw blame(err, at, 'mkdir');
    }
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const dir of missing.reverse()) {
    try {
      await mkdir(dir);
    } catch (err) {
      if (code(err) === 'EEXIST' && (await stat(dir).catch(() => null))?.isDirectory()) continue; // made meanwhile
      throw blame(err, dir, 'mkdir');
    }
  }
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
async function writeTemp(target: string, data: string | Uint8Array, mode: number, durable = true): Promise<string> {
  const tmp = tempPathFor(target);
  const fh = await open(tmp, 'wx', mode);
  try {
    await fh.writeFile(data);
    // open() applied the umask; an existing file's mode must be kept exactly.
    await fh.chmod(mode);
    if (durable) await fh.sync();
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
 * bits; writes through a symbolic link to the file it points at (the link stays a link) when that
 * lies inside `where`. Nothing is written when the real target lies outside `where` (an
 * OutsideError naming the link). On any failure the temp file is removed and the error rethrown,
 * naming `path`.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, where: Where): Promise<void> {
  const target = landing(path, where);
  try {
    let mode = 0o666 & ~currentUmask();
    let exists = false;
    try {
      mode = (await stat(target)).mode & 0o7777;
      exists = true;
    } catch (err) {
      if (code(err) !== 'ENOENT') throw err;
    }
    // A file its owner made read-only is not replaced behind their back because its folder
    // happens to be writable (the rename would allow it): the same refusal an in-place write gets.
    if (exists) await access(target, constants.W_OK);
    let tmp: string;
    try {
      tmp = await writeTemp(target, data, mode);
    } catch (err) {
      // The file may be writable, but a new copy is made in its folder: that is what to fix.
      const c = code(err);
      if (c === 'EACCES' || c === 'EPERM') (err as NodeJS.ErrnoException & { folder?: string }).folder = dirname(path);
      throw err;
    }
    try {
      await rename(tmp, target);
    } catch (err) {
      await unlink(tmp).catch(() => {});
      throw err;
    }
    await syncDir(dirname(target));
  } catch (err) {
    throw blame(err, path);
  }
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
export async function createExclusive(path: string, data: string | Uint8Array, where: Where, options: { durable?: boolean } = {}): Promise<boolean> {
  let target: string;
  try {
    target = landing(path, where);
  } catch (err) {
    // The name itself is a symbolic link leading out of bounds: the name is taken (as by any
    // other file), and nothing is created through it. A folder on the way that leads out is
    // still refused: no name in it can be created.
    if (err instanceof OutsideError && err.link === resolve(path)) return false;
    throw err;
  }
  try {
    return await createAt(target, data, options.durable !== false);
  } catch (err) {
    throw blame(err, path);
  }
}

/**
 * Removes the file `path` (a symbolic link itself, never what it points at) after the same bounds
 * check as a write of it, and flushes its folder so the removal survives a power cut. Resolves
 * `false` when there was no file. For multi-file edits that take back a file they created
 * (store/journal.ts): a removal is a write of the log too, and lands only inside `where`.
 */
export async function removeFile(path: string, where: Where): Promise<boolean> {
  landing(path, where);
  try {
    await unlink(path);
  } catch (err) {
    if (code(err) === 'ENOENT') return false;
    throw blame(err, path, 'unlink');
  }
  await syncDir(dirname(resolve(path)));
  return true;
}

async function createAt(path: string, data: string | Uint8Array, durable: boolean): Promise<boolean> {
  const mode = 0o666 & ~currentUmask();
  const tmp = await writeTemp(path, data, mode, durable);
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
  if (durable) await syncDir(dirname(path));
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
