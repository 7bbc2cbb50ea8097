/**
 * The one place `adr` runs git. Read-only: it asks git about the repository the log lives in
 * (where the work tree starts, which commit a ref names, the files of a commit, the log folder's
 * history) and never writes to it (no index refresh either: GIT_OPTIONAL_LOCKS=0).
 *
 * A few processes per command, never one per record: a tree is listed by one `git ls-tree`, the
 * blobs of a whole side are read by one `git cat-file --batch`, and a folder's history by one
 * `git log --raw`. Output is NUL-separated (`-z`), so no file name is ever unquoted or split.
 *
 * Git missing, a folder outside any repository, a shallow clone: each is reported as a value
 * ({@link RepoProbe}) the caller says once and works around, never as an internal error.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { CommitInfo } from '../model/index.js';
import { UserError } from '../errors.js';

/** A git work tree holding a log. */
export interface GitRepo {
  /** Absolute path of the work tree's top folder. */
  top: string;
  /** The log folder relative to the top, POSIX, ending in `/` (`docs/adr/`), or '' when the log is the top. */
  logPrefix: string;
  /** Whether the clone is shallow (history cut short at {@link GitRepo.shallowCommits}). */
  shallow: boolean;
  /** The commits a shallow clone stops at (their parents are missing). */
  shallowCommits: ReadonlySet<string>;
  /** The commit HEAD names, or null on a branch with no commit yet. */
  head: string | null;
  /** The branch HEAD is on (`main`), or null when detached. */
  branch: string | null;
  /** Environment git runs with. */
  env: Record<string, string | undefined>;
}

/** Why a log has no repository to read. */
export type NoRepoReason = 'no-git' | 'not-a-repo' | 'git-error';

/** The outcome of looking for the repository of a log folder. */
export type RepoProbe = { ok: true; repo: GitRepo } | { ok: false; reason: NoRepoReason; message: string };

/** What one git process gave. */
interface GitOutput {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Thrown when the git executable cannot be started at all. */
class GitMissing extends Error {}

/** The environment git runs with: English messages, no prompts, no pager, no optional index writes. */
function gitEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, LC_ALL: 'C', LANGUAGE: 'C', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', PAGER: 'cat' };
  // A caller's GIT_DIR / GIT_WORK_TREE (a hook runs with them) would point every command elsewhere.
  delete out.GIT_DIR;
  delete out.GIT_WORK_TREE;
  delete out.GIT_INDEX_FILE;
  return out;
}

/** Runs git with `args` in `cwd`; `input` is written to its stdin. Rejects only when git cannot be started. */
function run(cwd: string, env: Record<string, string | undefined>, args: readonly string[], input?: string | Buffer): Promise<GitOutput> {
  return new Promise((resolvePromise, reject) => {
    let child;
    try {
      child = spawn('git', ['-c', 'core.quotepath=off', '-c', 'color.ui=false', '--no-pager', ...args], {
        cwd,
        env: gitEnv(env),
        stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      reject((error as NodeJS.ErrnoException).code === 'ENOENT' ? new GitMissing('git is not installed (or not on PATH)') : error);
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new GitMissing('git is not installed (or not on PATH)') : error);
    });
    child.on('close', (code, signal) => {
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
    });
    if (input !== undefined) {
      // A git that exits early (bad object) closes its stdin: that is reported by its exit code.
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(input);
    }
  });
}

/** The first line of git's complaint, without its `fatal: ` / `error: ` prefix. */
function complaint(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.trim() !== '') ?? 'git failed';
  return line.replace(/^(fatal|error):\s*/, '').trim();
}

/** Runs git in the repository and returns its stdout; a failure is a UserError naming the command. */
export async function git(repo: Pick<GitRepo, 'top' | 'env'>, args: readonly string[], input?: string | Buffer): Promise<Buffer> {
  let result: GitOutput;
  try {
    result = await run(repo.top, repo.env, args, input);
  } catch (error) {
    if (error instanceof GitMissing) throw new UserError(error.message);
    throw error;
  }
  if (result.code !== 0) throw new UserError(`git ${args[0]} failed: ${complaint(result.stderr)}`);
  return result.stdout;
}

/**
 * Finds the git work tree holding the log folder `logDir`. Never throws for a missing git, a
 * folder outside any repository or git's refusal (a repository owned by someone else): those come
 * back as `{ ok: false }` with a message a person can act on.
 */
export async function probeRepo(logDir: string, env: Record<string, string | undefined>): Promise<RepoProbe> {
  let result: GitOutput;
  try {
    result = await run(logDir, env, ['rev-parse', '--show-toplevel', '--show-prefix', '--is-shallow-repository', '--git-path', 'shallow', 'HEAD', '--abbrev-ref', 'HEAD']);
  } catch (error) {
    if (error instanceof GitMissing) return { ok: false, reason: 'no-git', message: 'git is not installed (or not on PATH)' };
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'not-a-repo', message: `the log folder ${logDir} does not exist` };
    return { ok: false, reason: 'git-error', message: (error as Error).message };
  }
  if (result.code !== 0) {
    // `--abbrev-ref HEAD` fails on a branch with no commit yet; ask again without it.
    if (/ambiguous argument 'HEAD'|unknown revision/.test(result.stderr)) {
      const again = await run(logDir, env, ['rev-parse', '--show-toplevel', '--show-prefix', '--is-shallow-repository', '--git-path', 'shallow']).catch(() => null);
      if (again && again.code === 0) return finishProbe(logDir, again.stdout.toString('utf8').split('\n'), env, null, null);
    }
    const why = complaint(result.stderr);
    if (/not a git repository/i.test(why)) return { ok: false, reason: 'not-a-repo', message: `${logDir} is not in a git repository` };
    if (/dubious ownership/i.test(result.stderr)) {
      return { ok: false, reason: 'git-error', message: `git refuses the repository: ${why} (git config --global --add safe.directory <path> trusts it)` };
    }
    return { ok: false, reason: 'git-error', message: `git: ${why}` };
  }
  const lines = result.stdout.toString('utf8').split('\n');
  return finishProbe(logDir, lines, env, lines[4] || null, lines[5] ?? null);
}

/** The probe's answer from rev-parse's lines: top, prefix, shallow, shallow file (then HEAD and its branch, when there is a commit). */
function finishProbe(logDir: string, lines: string[], env: Record<string, string | undefined>, head: string | null, abbrevHead: string | null): RepoProbe {
  const [top, prefix, shallowWord, shallowPath] = lines;
  if (!top) return { ok: false, reason: 'not-a-repo', message: `${logDir} is not in a git work tree` };
  const shallow = shallowWord === 'true';
  const shallowCommits = new Set<string>();
  if (shallow && shallowPath) {
    try {
      const text = readFileSync(isAbsolute(shallowPath) ? shallowPath : resolve(logDir, shallowPath), 'utf8');
      for (const line of text.split('\n')) if (/^[0-9a-f]{40,64}$/.test(line.trim())) shallowCommits.add(line.trim());
    } catch {
      // A shallow clone without its list: the history is still reported as incomplete.
    }
  }
  const repo: GitRepo = { top, logPrefix: prefix ?? '', shallow, shallowCommits, head: head && /^[0-9a-f]{40,64}$/.test(head) ? head : null, branch: null, env };
  repo.branch = abbrevHead && abbrevHead !== 'HEAD' ? abbrevHead : null;
  return { ok: true, repo };
}

/**
 * The repository of a log, or a UserError saying why there is none, for what cannot work without
 * one (`what`: an option such as `--base main`; the command itself when absent).
 */
export async function requireRepo(logDir: string, env: Record<string, string | undefined>, what?: string): Promise<GitRepo> {
  const probe = await probeRepo(logDir, env);
  if (probe.ok) return probe.repo;
  throw new UserError(`${what ? `${what} needs` : 'this needs'} the git history of the log, but ${probe.message}`);
}

/**
 * The base branch GitHub Actions names for a pull request (`GITHUB_BASE_REF`), as the remote-tracking
 * ref a checkout has (`origin/main`); null outside a pull request.
 */
export function baseRefFromEnv(env: Record<string, string | undefined>): string | null {
  const base = env.GITHUB_BASE_REF?.trim();
  return base ? `origin/${base}` : null;
}

/** Edit distance between two short strings (for "did you mean"). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length];
}

/** A commit a ref names: its full name and the ref as the person wrote it. */
export interface ResolvedRef {
  ref: string;
  sha: string;
}

/**
 * The commit `ref` names (a branch, tag, remote branch, commit or `HEAD~2`). A branch that exists
 * only on the remote (`main` in a CI checkout) is found as `origin/main`. An unknown ref is a
 * UserError with the nearest names the repository has, and for a shallow clone the fetch that helps.
 */
export async function resolveCommit(repo: GitRepo, ref: string): Promise<ResolvedRef> {
  const wanted = ref.trim();
  if (wanted === '') throw new UserError('an empty REF names no commit');
  if (wanted.startsWith('-') || /[\0\n]/.test(wanted)) throw new UserError(`'${ref}' is not a git ref`);
  for (const candidate of [wanted, `origin/${wanted}`]) {
    const result = await run(repo.top, repo.env, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${candidate}^{commit}`]).catch(() => null);
    if (result && result.code === 0) return { ref: candidate, sha: result.stdout.toString('utf8').trim() };
    if (/^origin\//.test(wanted)) break;
  }
  const names = (await git(repo, ['for-each-ref', '--format=%(refname:short)', 'refs/heads', 'refs/remotes', 'refs/tags']).catch(() => Buffer.alloc(0)))
    .toString('utf8')
    .split('\n')
    .filter((n) => n && !n.endsWith('/HEAD'));
  const lower = wanted.toLowerCase();
  const near = names
    .map((n) => ({ n, d: Math.min(distance(lower, n.toLowerCase()), distance(lower, n.toLowerCase().replace(/^origin\//, ''))) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(wanted.length / 3)) || x.n.toLowerCase().includes(lower))
    .sort((a, b) => a.d - b.d)
    .slice(0, 5)
    .map((x) => x.n);
  const hint = near.length > 0 ? `; did you mean ${near.join(', ')}?` : names.length > 0 && names.length <= 8 ? ` (the repository has ${names.join(', ')})` : '';
  const branch = wanted.replace(/^origin\//, '');
  const shallow = repo.shallow ? `. This is a shallow clone: fetch the branch and the history first (git fetch --unshallow origin +refs/heads/${branch}:refs/remotes/origin/${branch}), or check out with fetch-depth: 0` : '';
  throw new UserError(`'${wanted}' is not a branch, tag or commit of the repository at ${repo.top}${hint}${shallow}`);
}

/** The best common ancestor of two commits, or null when they share none (or a shallow clone hides it). */
export async function mergeBase(repo: GitRepo, a: string, b: string): Promise<string | null> {
  const result = await run(repo.top, repo.env, ['merge-base', a, b]).catch(() => null);
  if (!result || result.code !== 0) return null;
  return result.stdout.toString('utf8').trim() || null;
}

/** One file of a tree. */
export interface TreeEntry {
  /** Path relative to the work tree's top, POSIX. */
  path: string;
  mode: string;
  sha: string;
}

/** The files (blobs, symbolic links, submodules) under `paths` (relative to the top) in `commit`'s tree. */
export async function listTree(repo: GitRepo, commit: string, paths: readonly string[]): Promise<TreeEntry[]> {
  const out = await git(repo, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...paths.map((p) => (p === '' ? '.' : p))]);
  const entries: TreeEntry[] = [];
  for (const record of out.toString('utf8').split('\0')) {
    if (!record) continue;
    // `<mode> SP <type> SP <object> TAB <file>`
    const tab = record.indexOf('\t');
    const [mode, type, sha] = record.slice(0, tab).split(' ');
    if (type !== 'blob') continue;
    entries.push({ path: record.slice(tab + 1), mode, sha });
  }
  return entries;
}

/**
 * The contents of blobs by object name, read by one `git cat-file --batch`. A name git does not
 * have is left out of the map.
 */
export async function readBlobs(repo: GitRepo, shas: Iterable<string>): Promise<Map<string, Buffer>> {
  const wanted = [...new Set(shas)].filter((s) => /^[0-9a-f]{40,64}$/.test(s) && !/^0+$/.test(s));
  const blobs = new Map<string, Buffer>();
  if (wanted.length === 0) return blobs;
  const out = await git(repo, ['cat-file', '--batch'], `${wanted.join('\n')}\n`);
  let at = 0;
  while (at < out.length) {
    const nl = out.indexOf(10, at);
    if (nl === -1) break;
    const header = out.subarray(at, nl).toString('latin1');
    at = nl + 1;
    const m = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
    if (!m) continue; // `<sha> missing`
    const size = Number(m[3]);
    if (m[2] === 'blob') blobs.set(m[1], out.subarray(at, at + size));
    at += size + 1;
  }
  return blobs;
}

/** One file change of a commit, from `git log --raw`. */
export interface RawChange {
  /** A added, M modified, D deleted, R renamed, C copied, T type changed. */
  status: 'A' | 'M' | 'D' | 'R' | 'C' | 'T' | 'U' | 'X';
  oldSha: string | null;
  newSha: string | null;
  /** Paths relative to the top; equal unless renamed or copied. */
  oldPath: string;
  newPath: string;
}

/** One commit of a history, with its changes under the paths asked for. */
export interface LogEntry {
  commit: CommitInfo;
  parents: string[];
  changes: RawChange[];
}

const ZERO = /^0+$/;

/** Parses `--raw -z` records (`:old new oldsha newsha S\0path\0[path\0]`, combined `::…` for merges). */
export function parseRaw(text: string): RawChange[] {
  const changes: RawChange[] = [];
  const tokens = text.split('\0');
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k].replace(/^\n+/, '');
    if (!token.startsWith(':')) continue;
    // `:old new oldsha newsha S` or, for a merge (combined, one colon per parent), `::m1 m2 new sha1 sha2 new SS`.
    const parents = /^:+/.exec(token)![0].length;
    const fields = token.slice(parents).split(' ');
    const shas = fields.slice(parents + 1, parents * 2 + 2);
    const statusField = fields[parents * 2 + 2] ?? '';
    const letter = (statusField[0] ?? 'M') as RawChange['status'];
    const oldSha = shas[0] && !ZERO.test(shas[0]) ? shas[0] : null;
    const last = shas[shas.length - 1];
    const newSha = last && !ZERO.test(last) ? last : null;
    const first = tokens[++k] ?? '';
    let second = first;
    if (parents === 1 && (letter === 'R' || letter === 'C')) second = tokens[++k] ?? '';
    // A combined diff has a letter per parent: the merge added or removed the file only when all agree.
    const status = parents > 1 ? ([...statusField].every((c) => c === 'A') ? 'A' : [...statusField].every((c) => c === 'D') ? 'D' : 'M') : letter;
    changes.push({ status, oldSha, newSha, oldPath: first, newPath: second });
  }
  return changes;
}

/** Parses `git log --raw -z` output made with {@link LOG_FORMAT}. */
export function parseLog(out: Buffer): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const chunk of out.toString('utf8').split('\x1e')) {
    if (!chunk) continue;
    const headerEnd = chunk.indexOf('\0');
    const header = headerEnd === -1 ? chunk : chunk.slice(0, headerEnd);
    const [sha, parents, author, email, date, subject] = header.split('\x1f');
    if (!sha) continue;
    entries.push({
      commit: { sha, author: author ?? '', email: email ?? '', date: date ?? '', subject: subject ?? '' },
      parents: parents ? parents.split(' ').filter(Boolean) : [],
      changes: headerEnd === -1 ? [] : parseRaw(chunk.slice(headerEnd + 1)),
    });
  }
  return entries;
}

/** The commit fields `git log` prints per commit: sha, parents, author, e-mail, author date, subject. */
export const LOG_FORMAT = '%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%s';

/**
 * The history of `paths` (relative to the top) reachable from `rev`, newest first, in one
 * `git log --raw -M -c` pass: every commit that changed a file under them, with the blob names
 * before and after (renames detected; merges only where the merge itself changed a file). With
 * `follow` and one path, that file's history through its renames (`git log --follow`).
 */
export async function readHistory(repo: GitRepo, rev: string, paths: readonly string[], options: { follow?: boolean } = {}): Promise<LogEntry[]> {
  // One file's history (`adr history REF`): git follows it through its renames itself and diffs
  // only that path, a fraction of the folder's pass.
  const follow = options.follow && paths.length === 1 ? ['--follow'] : ['-c'];
  const out = await git(repo, ['log', '--topo-order', `--format=${LOG_FORMAT}`, '-z', '--raw', '--no-abbrev', '-M', ...follow, '--no-ext-diff', '--no-textconv', rev, '--', ...paths.map((p) => (p === '' ? '.' : p))]);
  return parseLog(out);
}

/**
 * What differs between `commit` and the work tree under `paths`: tracked files changed, added,
 * removed or renamed (`git diff --raw -M`), plus every untracked file (ignored ones too: the log
 * reader reads them).
 */
export async function workTreeChanges(repo: GitRepo, commit: string, paths: readonly string[]): Promise<{ changes: RawChange[]; untracked: string[] }> {
  const specs = paths.map((p) => (p === '' ? '.' : p));
  const [diff, others] = await Promise.all([
    git(repo, ['diff', '--raw', '-z', '--no-abbrev', '-M', '--no-ext-diff', '--no-textconv', commit, '--', ...specs]),
    git(repo, ['ls-files', '--others', '-z', '--', ...specs]),
  ]);
  return { changes: parseRaw(diff.toString('utf8')), untracked: others.toString('utf8').split('\0').filter(Boolean) };
}

/** A commit's facts (author, date, subject), for a ref that names one. */
export async function commitInfo(repo: GitRepo, rev: string): Promise<CommitInfo> {
  const [entry] = parseLog(await git(repo, ['log', '-1', `--format=${LOG_FORMAT}`, '-z', rev, '--']));
  if (!entry) throw new UserError(`no commit ${rev}`);
  return entry.commit;
}

/** The path of a file of the log (relative to the log folder) relative to the work tree's top. */
export function topPath(repo: Pick<GitRepo, 'logPrefix'>, file: string): string {
  return normalise(`${repo.logPrefix}${file}`);
}

/** A path relative to the top, as a path relative to the log folder (`../DECISIONS.md` for the overview), or null when outside it and not the overview. */
export function logPath(repo: Pick<GitRepo, 'logPrefix'>, path: string): string {
  const prefix = repo.logPrefix;
  if (path.startsWith(prefix)) return path.slice(prefix.length);
  // Outside the log folder (the overview one level up): as many `../` as the prefix is deep.
  const up = prefix.split('/').filter(Boolean);
  const parts = path.split('/');
  let common = 0;
  while (common < up.length && common < parts.length - 1 && up[common] === parts[common]) common++;
  return [...up.slice(common).map(() => '..'), ...parts.slice(common)].join('/');
}

/** `a/./b/../c` → `a/c`, POSIX. */
function normalise(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** Whether the work tree differs from HEAD in the log folder or the overview (changed, added, removed, untracked). */
export async function hasUncommitted(repo: GitRepo, log: { overview: { file: string } | null }): Promise<boolean> {
  const paths = [repo.logPrefix === '' ? '.' : repo.logPrefix];
  if (log.overview?.file.startsWith('../')) paths.push(topPath(repo, log.overview.file));
  const out = await git(repo, ['status', '--porcelain', '-z', '--untracked-files=all', '--', ...paths]);
  return out.length > 0;
}
