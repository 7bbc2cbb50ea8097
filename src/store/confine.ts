/**
 * Where `adr` may write, decided in one place.
 *
 * A record is written only when its real path (every folder on the way resolved, and the file
 * itself when it is a symbolic link) lies inside the real log folder; the overview only when it
 * lies inside the real repository (the git work tree holding the log, else the folder holding the
 * config, else the log's parent). Reading follows links anywhere (a team may link a shared folder
 * of records into its log); writing through one that leaves those bounds is refused, naming the
 * file and the link, before anything is written.
 *
 * `store/write.ts` asks {@link realTarget} for every write it is handed with bounds, so a command
 * cannot write a record or the overview without passing here; commands that change several files
 * call {@link confineAll} first, so a refusal leaves every file as it was. Output the user names
 * (`--out`, `-o`) and the cache are written with explicit exemptions instead.
 *
 * Also here: which folders can be a log at all (not a file-system root, not a pseudo file system
 * such as /proc, /sys or /dev).
 */
import { existsSync, lstatSync, readFileSync, readlinkSync, realpathSync, statfsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';

/** A folder writes must stay inside. */
export interface Bounds {
  /** The folder, absolute (as named: it may itself be a symbolic link, which is fine). */
  dir: string;
  /** What it is, for messages: `log folder` or `repository`. */
  what: 'log folder' | 'repository';
  /** The folder paths in messages are shown relative to (the repository), when known. */
  base?: string;
}

/** A write refused because it would land outside its bounds. Nothing was written. */
export class OutsideError extends UserError {
  constructor(
    message: string,
    /** The file that was not written. */
    readonly file: string,
    /** The symbolic link that leads out, or null when the path itself is outside. */
    readonly link: string | null,
  ) {
    super(message);
    this.name = 'OutsideError';
  }
}

/** The nearest folder at or above `dir` holding `.git` (a work tree, or a linked worktree's `.git` file), or null. */
export function gitWorkTree(dir: string): string | null {
  for (let at = resolve(dir); ; ) {
    if (existsSync(join(at, '.git'))) return at;
    const up = dirname(at);
    if (up === at) return null;
    at = up;
  }
}

/**
 * The repository a log belongs to: the git work tree holding the log folder, else the folder
 * holding its config, else the log folder's parent (where the default overview lives). Never the
 * root of the file system: a log without either directly below `/` has only its own folder.
 */
export function repositoryOf(log: { dir: string; configFile?: string | null; root?: string }): string {
  const repo = gitWorkTree(log.dir) ?? (log.configFile ? dirname(log.configFile) : (log.root ?? dirname(log.dir)));
  return dirname(repo) === repo ? resolve(log.dir) : repo;
}

/** The bounds of a log's records: its folder. */
export function logBounds(log: { dir: string; configFile?: string | null; root?: string }): Bounds {
  return { dir: resolve(log.dir), what: 'log folder', base: repositoryOf(log) };
}

/** The bounds of a log's overview (and of `adr init`'s config): the repository. */
export function repositoryBounds(log: { dir: string; configFile?: string | null; root?: string }): Bounds {
  const repo = repositoryOf(log);
  return { dir: resolve(repo), what: 'repository', base: repo };
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** Whether `path` is `dir` or below it (both absolute and normalised). */
export function isWithin(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Real path of a folder that may not exist yet: its nearest existing ancestor resolved, the rest appended. */
function realFolder(dir: string): string {
  const missing: string[] = [];
  for (let at = dir; ; ) {
    try {
      return join(realpathSync(at), ...missing.reverse());
    } catch (error) {
      const c = code(error);
      // A dangling link or a missing folder: go up (what is missing cannot be a link yet).
      if (c !== 'ENOENT' && c !== 'ENOTDIR') throw error;
      const up = dirname(at);
      if (up === at) return join(at, ...missing.reverse());
      missing.push(at.slice(up.length).replace(/^[\\/]+/, ''));
      at = up;
    }
  }
}

/**
 * Where a write of `path` really lands: the real folder, and the file itself resolved when it is a
 * symbolic link that leads somewhere (a dangling link is replaced, not followed).
 */
export function landingOf(path: string): string {
  const abs = resolve(path);
  const folder = realFolder(dirname(abs));
  const inFolder = join(folder, abs.slice(dirname(abs).length).replace(/^[\\/]+/, ''));
  try {
    if (lstatSync(inFolder).isSymbolicLink()) return realpathSync(inFolder);
  } catch {
    // missing, or a dangling link: written where it is named
  }
  return inFolder;
}

/** The symbolic link on the way from `from` (exclusive) to `to` (inclusive) that leads outside `realRoot`, if any. */
function leadingLink(from: string, to: string, realRoot: string): { link: string; target: string } | null {
  const rel = relative(from, to);
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return null;
  let at = from;
  for (const part of rel.split(sep)) {
    at = join(at, part);
    let isLink = false;
    try {
      isLink = lstatSync(at).isSymbolicLink();
    } catch {
      return null; // the rest does not exist yet: no link there
    }
    if (!isLink) continue;
    let target: string;
    try {
      target = realpathSync(at);
    } catch {
      target = resolve(dirname(at), readlinkSync(at));
    }
    if (!isWithin(realRoot, target)) return { link: at, target };
  }
  return null;
}

/** A path for a message: relative to `base` when inside it, else absolute; `/`-separated. */
function shown(path: string, base: string | undefined): string {
  const p = base && isWithin(base, path) ? relative(base, path) || '.' : path;
  return sep === '\\' ? p.split(sep).join('/') : p;
}

/**
 * The real path a write of `path` must go to, after checking it lies inside `bounds`. Throws an
 * {@link OutsideError} naming the file and the symbolic link that leads out (or saying the path
 * itself is outside) when it does not. Touches nothing.
 */
export function realTarget(path: string, bounds: Bounds): string {
  const abs = resolve(path);
  const root = resolve(bounds.dir);
  const named = shown(root, bounds.base);
  const what = `the ${bounds.what} ${named === '.' ? root : named}`;
  if (!isWithin(root, abs) || abs === root) {
    throw new OutsideError(`${shown(abs, bounds.base)} is outside ${what}; adr writes only inside it (nothing was written)`, abs, null);
  }
  const realRoot = realFolder(root);
  const landing = landingOf(abs);
  if (isWithin(realRoot, landing) && landing !== realRoot) return landing;
  const culprit = leadingLink(root, abs, realRoot);
  if (culprit) {
    const isFile = culprit.link === abs;
    throw new OutsideError(
      isFile
        ? `${shown(abs, bounds.base)} is a symbolic link to ${culprit.target}, outside ${what}; adr does not write through it (nothing was written)`
        : `${shown(abs, bounds.base)} is not written: ${shown(culprit.link, bounds.base)} is a symbolic link to ${culprit.target}, outside ${what} (nothing was written)`,
      abs,
      culprit.link,
    );
  }
  throw new OutsideError(`${shown(abs, bounds.base)} leads to ${landing}, outside ${what}; adr writes only inside it (nothing was written)`, abs, null);
}

/**
 * Checks every target of a change that writes several files before any is written: all inside
 * their bounds, or an {@link OutsideError} for the first that is not. Returns the real paths.
 */
export function confineAll(targets: ReadonlyArray<{ path: string; bounds: Bounds }>): string[] {
  return targets.map((t) => realTarget(t.path, t.bounds));
}

/** Linux statfs magic numbers of file systems that are views of the kernel, not storage. */
const PSEUDO_MAGIC = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x6165676c, 'pstore'],
  [0xcafe4a11, 'bpf'],
  [0x62656570, 'configfs'],
  [0x65735543, 'fusectl'],
  [0x19800202, 'mqueue'],
  [0x42494e4d, 'binfmt_misc'],
  [0xde5e81e4, 'efivarfs'],
  [0xf97cff8c, 'selinuxfs'],
  [0x6e736673, 'nsfs'],
  [0x43415d53, 'smackfs'],
  [0x67596969, 'rpc_pipefs'],
  [0x0187, 'autofs'],
]);

/** File-system types (as /proc/self/mountinfo names them) that are not storage. */
const PSEUDO_TYPES = new Set([...PSEUDO_MAGIC.values(), 'devtmpfs', 'hugetlbfs', 'nfsd', 'usbfs', 'sockfs', 'pipefs']);

/** tmpfs and ramfs share their magic with devtmpfs and with the tmpfs mounted in /sys: those need the mount table. */
const AMBIGUOUS_MAGIC = new Set([0x01021994, 0x858458f6]);

/** The mount table's pseudo file systems as [mount point, type], or [] where there is none. */
function pseudoMounts(): Array<[string, string]> {
  let text: string;
  try {
    text = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return [];
  }
  const out: Array<[string, string]> = [];
  for (const line of text.split('\n')) {
    // id parent major:minor root mountpoint options [optional...] - type source super-options
    const fields = line.split(' ');
    const dash = fields.indexOf('-');
    if (dash < 5) continue;
    const type = fields[dash + 1];
    if (!PSEUDO_TYPES.has(type)) continue;
    out.push([fields[4].replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))), type]);
  }
  return out;
}

/**
 * Why `dir` cannot be a decision log, or null when it can: the root of the file system (a walk of
 * everything) or a folder of a pseudo file system (/proc, /sys, /dev and the like, where a walk
 * never ends and a write lands in the kernel's files).
 */
export function unusableLogReason(dir: string): string | null {
  // A folder not made yet is judged by where it would be made.
  const real = realFolder(resolve(dir));
  if (dirname(real) === real) return `${real} is the root of the file system`;
  if (process.platform !== 'linux') return null;
  let type: number | null = null;
  try {
    type = statfsSync(real).type;
  } catch {
    // no statfs: the mount table decides
  }
  const named = type === null ? undefined : PSEUDO_MAGIC.get(type);
  if (named) return `${real} is on ${named}, a pseudo file system of the kernel, not storage`;
  if (type !== null && !AMBIGUOUS_MAGIC.has(type)) return null;
  for (const [mount, fs] of pseudoMounts()) {
    if (mount !== '/' && isWithin(mount, real)) return `${real} is on ${fs} (${mount}), a pseudo file system of the kernel, not storage`;
  }
  return null;
}
