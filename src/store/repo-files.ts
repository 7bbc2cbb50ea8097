/**
 * The repository around a log: its root and the files it holds (a branch's changes: base.ts). What
 * `applies-to` globs are matched against (`adr affected`, rules `applies-to-dead` and
 * `applies-to-retired`).
 *
 * The root is the nearest folder at or above the log holding `.git` (a work tree or a linked
 * worktree), else the log's root (the folder of its config). The files come from git when there is
 * one (`git ls-files`: tracked files and untracked ones that are not ignored), else from a walk
 * that honours `.gitignore` files and never enters `.git` or `node_modules`.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';
import { globToRegExp } from './glob.js';

/** What git said when it failed. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly code: number | string | null,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/**
 * Runs `git args` in `cwd` and resolves to its stdout. The one place this module starts git, so it
 * can become a call into a shared git module without touching its callers. Never prompts (no
 * terminal, GIT_TERMINAL_PROMPT=0), never pages, never colours.
 */
export function runGit(cwd: string, args: string[], env: Record<string, string | undefined> = process.env): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      'git',
      ['-c', 'core.quotepath=off', '-c', 'color.ui=false', ...args],
      { cwd, encoding: 'buffer', maxBuffer: 512 * 1024 * 1024, env: { ...env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' } as NodeJS.ProcessEnv },
      (error, stdout, stderr) => {
        if (!error) return resolvePromise(stdout);
        const err = error as NodeJS.ErrnoException & { code?: number | string };
        const text = stderr.toString('utf8').trim();
        if (err.code === 'ENOENT') return reject(new GitError('git is not installed (or not on PATH)', text, 'ENOENT'));
        reject(new GitError(text.split('\n')[0] || err.message, text, err.code ?? null));
      },
    );
  });
}

/** The NUL-separated entries of a `-z` output. */
function zList(out: Buffer): string[] {
  return out
    .toString('utf8')
    .split('\0')
    .filter((s) => s !== '');
}

/** The nearest folder at or above `dir` holding `.git` (a folder, or a worktree's `.git` file), or null. */
export function gitTop(dir: string): string | null {
  for (let at = resolve(dir); ; ) {
    if (existsSync(join(at, '.git'))) return at;
    const up = dirname(at);
    if (up === at) return null;
    at = up;
  }
}

/**
 * The repository root of a log: the git work tree holding it; without git, the folder of its config,
 * else the working directory when the log lies inside it (`adr check --dir docs/adr` run at the
 * project's top), else the log's root (the folder the log was found from).
 */
export function repoRootOf(log: { dir: string; root: string; configFile: string | null }, cwd: string): string {
  const top = gitTop(log.dir);
  if (top) return top;
  if (log.configFile) return dirname(log.configFile);
  const here = resolve(cwd);
  const inside = log.dir === here || log.dir.startsWith(here.endsWith(sep) ? here : here + sep);
  return inside ? here : log.root;
}

/** The files of a repository, relative to its root, and what proves the listing unchanged. */
export interface RepoListing {
  root: string;
  /** Repository paths, POSIX separators, sorted. */
  files: string[];
  source: 'git' | 'walk';
  /**
   * Absolute paths whose stats vouch for the listing (git's index, the folders holding files, the
   * ignore files): while none of them changes, neither does the listing. For the check result cache.
   */
  witnesses: string[];
}

/** Folders a walk never enters. */
const NEVER = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** A .gitignore's patterns, compiled relative to its folder (`!` re-includes). */
function readIgnore(file: string): Array<{ re: RegExp; negate: boolean; dirOnly: boolean }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: Array<{ re: RegExp; negate: boolean; dirOnly: boolean }> = [];
  for (let line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    line = line.replace(/(?<!\\)\s+$/, '');
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    if (line.startsWith('\\')) line = line.slice(1);
    if (line === '' || line === '/') continue;
    const dirOnly = line.endsWith('/');
    // glob.ts lets a folder pattern cover what is below it; the walk stops at an ignored folder anyway.
    out.push({ re: globToRegExp(dirOnly ? line.slice(0, -1) : line), negate, dirOnly });
  }
  return out;
}

/** Lists a folder tree without git, honouring every `.gitignore` on the way (the last matching pattern wins). */
function walkFiles(root: string): RepoListing {
  const files: string[] = [];
  const witnesses: string[] = [];
  type Rules = Array<{ base: string; re: RegExp; negate: boolean; dirOnly: boolean }>;
  const visit = (abs: string, prefix: string, inherited: Rules) => {
    witnesses.push(abs);
    let rules = inherited;
    const ignoreFile = join(abs, '.gitignore');
    if (existsSync(ignoreFile)) {
      witnesses.push(ignoreFile);
      rules = [...inherited, ...readIgnore(ignoreFile).map((r) => ({ ...r, base: prefix }))];
    }
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (NEVER.has(entry.name)) continue;
      const path = prefix + entry.name;
      const isDir = entry.isDirectory();
      let ignored = false;
      for (const r of rules) {
        if (r.dirOnly && !isDir) continue;
        if (!path.startsWith(r.base)) continue;
        if (r.re.test(path.slice(r.base.length))) ignored = !r.negate;
      }
      if (ignored) continue;
      if (isDir) visit(join(abs, entry.name), `${path}/`, rules);
      else if (entry.isFile() || entry.isSymbolicLink()) files.push(path);
    }
  };
  visit(root, '', []);
  files.sort();
  return { root, files, source: 'walk', witnesses };
}

/**
 * Every file of the repository at `root` (see the module comment). Git's listing when `root` is a
 * git work tree and git runs; the walk otherwise.
 */
export async function listRepoFiles(root: string, env?: Record<string, string | undefined>): Promise<RepoListing> {
  if (!existsSync(join(root, '.git'))) return walkFiles(root);
  let files: string[];
  let index: string;
  try {
    const [listed, where] = await Promise.all([
      runGit(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], env),
      runGit(root, ['rev-parse', '--path-format=absolute', '--git-path', 'index', '--git-path', 'info/exclude'], env),
    ]);
    files = [...new Set(zList(listed))].sort();
    index = where.toString('utf8').trim();
  } catch {
    // No git on PATH, or a broken repository: the walk still answers.
    return walkFiles(root);
  }
  // Untracked files count too, so the folders holding files witness additions as well as the index.
  const witnesses = new Set<string>([root, ...index.split('\n').filter(Boolean)]);
  for (const f of files) {
    for (let slash = f.lastIndexOf('/'); slash !== -1; slash = f.lastIndexOf('/', slash - 1)) {
      const folder = join(root, f.slice(0, slash));
      if (witnesses.has(folder)) break;
      witnesses.add(folder);
    }
    if (f === '.gitignore' || f.endsWith('/.gitignore')) witnesses.add(join(root, f));
  }
  return { root, files, source: 'git', witnesses: [...witnesses] };
}

/** A path given on the command line (relative to `cwd`) as a repository path, or null when it lies outside `root`. */
export function toRepoPath(root: string, cwd: string, path: string): string | null {
  // The usual case, a plain relative path (`src/db/pool.ts`) from a folder inside the root, without
  // path.resolve: `adr affected` may be given 10,000 of them.
  const rootWithSlash = root.endsWith(sep) ? root : root + sep;
  if (sep === '/' && /^[^/.][^\\]*$/.test(path) && !/(^|\/)\.{1,2}(\/|$)|\/\/|\/$/.test(path) && (cwd === root || cwd.startsWith(rootWithSlash))) {
    return cwd === root ? path : `${cwd.slice(rootWithSlash.length)}/${path}`;
  }
  const abs = resolve(cwd, path);
  const rootWithSep = root.endsWith(sep) ? root : root + sep;
  if (abs === root) return '';
  if (!abs.startsWith(rootWithSep)) return null;
  return abs.slice(rootWithSep.length).split(sep).join('/');
}
