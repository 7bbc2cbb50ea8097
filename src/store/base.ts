/**
 * The log as another commit has it: the base branch's numbered records (`adr check --base`,
 * `adr new --base`, `adr renumber --base`), and the whole log at the merge base, read into the same
 * model by the same parser (`adr diff`).
 *
 * The other side is read from git in a handful of processes, whatever the size of the log: one
 * `git diff --raw` says which files differ from the work tree, one `git cat-file --batch` reads those
 * blobs, and every file that did not change is taken from the log already read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import type { BaseRecord, BaseSnapshot, CommitInfo, Decision, Diagnostic, Log } from '../model/index.js';
import { globToRegExp } from './glob.js';
import { decodeBytes } from '../parse/encoding.js';
import { numberFromFile, parseBytes } from '../parse/index.js';
import { parseOverview } from '../parse/overview.js';
import { computeBacklinks } from './read-log.js';
import { resolveNumberRefs } from './number-refs.js';
import { git, LOG_FORMAT, listTree, logPath, mergeBase, parseLog, readBlobs, resolveCommit, topPath, workTreeChanges, type GitRepo } from './git.js';
import { isRecordName, skipFolder } from './walk.js';
import { UserError } from '../errors.js';

/** Whether a file of the log (relative to the log folder) would be read as a record by the log's walk. */
export function recordFilter(log: Pick<Log, 'config' | 'overview'>, overviewFile: string | null): (file: string) => boolean {
  const ignore = (log.config.ignore ?? []).map(globToRegExp);
  return (file) => {
    if (file.startsWith('../') || file === overviewFile) return false;
    const parts = file.split('/');
    if (parts.slice(0, -1).some(skipFolder)) return false;
    if (ignore.some((re) => re.test(file))) return false;
    return isRecordName(parts[parts.length - 1]);
  };
}

/** The base branch as the comparing rules see it, and what could not be known. */
export interface BaseRead {
  snapshot: BaseSnapshot;
  /** Things to tell the user once (a shallow clone, no merge base). */
  notes: string[];
}

/**
 * Reads what `ref` holds for `adr check --base`: its numbered records (which of them it added since
 * this branch left it, and by whom), and the files this side added since then.
 * @param headFiles this side's record files, relative to the log folder
 */
export async function readBaseSnapshot(repo: GitRepo, ref: string, headFiles: readonly string[], log: Pick<Log, 'config' | 'overview' | 'decisions'>): Promise<BaseRead> {
  const notes: string[] = [];
  const resolved = await resolveCommit(repo, ref);
  const isRecord = recordFilter(log, log.overview?.file ?? null);
  const prefix = repo.logPrefix;
  const tree = await listTree(repo, resolved.sha, [prefix]);
  const baseFiles = tree.map((e) => logPath(repo, e.path)).filter(isRecord);
  const base = repo.head ? await mergeBase(repo, resolved.sha, repo.head) : null;
  const addedSince = new Map<string, CommitInfo>();
  let addedHere: string[];
  let changedHere: string[] | null = null;
  if (base) {
    // One pass over what the base did since: the commits that added (or renamed into) a file.
    const out = await git(repo, ['log', `--format=${LOG_FORMAT}`, '-z', '--raw', '--no-abbrev', '-M', '--diff-filter=AR', `${base}..${resolved.sha}`, '--', prefix === '' ? '.' : prefix]);
    for (const entry of parseLog(out)) {
      for (const change of entry.changes) {
        const file = logPath(repo, change.newPath);
        if (!addedSince.has(file)) addedSince.set(file, entry.commit);
      }
    }
    const [here, changed] = await Promise.all([workTreeChanges(repo, base, [prefix]), changedSince(repo, base)]);
    changedHere = changed;
    addedHere = [
      ...here.changes.filter((c) => c.status === 'A' || c.status === 'R' || c.status === 'C').map((c) => logPath(repo, c.newPath)),
      ...here.untracked.map((p) => logPath(repo, p)),
    ];
  } else {
    const onBase = new Set(baseFiles);
    addedHere = headFiles.filter((f) => !onBase.has(f));
    notes.push(
      repo.shallow
        ? `this is a shallow clone: where this branch left ${resolved.ref} is not known, so records are compared with ${resolved.ref}'s tip only (fetch the full history: git fetch --unshallow, or actions/checkout with fetch-depth: 0)`
        : `this branch shares no history with ${resolved.ref}: records are compared with its tip only`,
    );
    if (log.decisions.some((d) => d.appliesTo.length > 0)) notes.push(`the files this branch changed are not known without where it left ${resolved.ref}: applies-to-retired did not run`);
  }
  const records: BaseRecord[] = [];
  for (const file of baseFiles) {
    const number = numberFromFile(file);
    if (number === null) continue;
    records.push({ file, number, addedSince: addedSince.get(file) ?? null });
  }
  return { snapshot: { ref: resolved.ref, commit: resolved.sha, mergeBase: base, records, addedHere, changed: changedHere }, notes };
}

/**
 * The files this side changed since `commit` (its merge base with the base branch), as repository
 * paths: the work tree against it (committed, staged and not; both sides of a rename) plus new
 * files git does not ignore. In a clean CI checkout, exactly what the pull request changes.
 */
export async function changedSince(repo: GitRepo, commit: string): Promise<string[]> {
  const [diff, untracked] = await Promise.all([
    git(repo, ['diff', '--name-only', '--no-renames', '-z', '--no-ext-diff', '--no-textconv', commit, '--']),
    git(repo, ['ls-files', '-z', '--others', '--exclude-standard']),
  ]);
  const split = (out: Buffer) => out.toString('utf8').split('\0').filter(Boolean);
  return [...new Set([...split(diff), ...split(untracked)])];
}

/** The files a branch changed since it left a base ref (`adr affected --base`). */
export interface ChangedSinceBase {
  /** The work tree's top folder: the paths are relative to it. */
  root: string;
  /** The ref as resolved (`origin/main` for a `main` only the remote has). */
  ref: string;
  /** Where this side left the ref. */
  mergeBase: string;
  /** Repository paths, see {@link changedSince}. */
  files: string[];
}

/**
 * The files changed since this side left `ref`, found the way `adr check --base` finds them: the
 * ref resolved as every base is (a branch only the remote has is `origin/REF`), then the merge base.
 * A UserError naming what to do when there is no repository, no such ref, or no merge base (a
 * shallow clone: fetch more history).
 */
export async function changedSinceBase(repo: GitRepo, ref: string): Promise<ChangedSinceBase> {
  const resolved = await resolveCommit(repo, ref);
  const base = repo.head ? await mergeBase(repo, resolved.sha, repo.head) : null;
  if (!base) {
    throw new UserError(
      repo.shallow
        ? `--base ${ref}: where this branch left ${resolved.ref} is not in this shallow clone; fetch more history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)`
        : `--base ${ref}: this branch shares no history with ${resolved.ref}${repo.head ? '' : ' (HEAD has no commit yet)'}`,
    );
  }
  return { root: repo.top, ref: resolved.ref, mergeBase: base, files: await changedSince(repo, base) };
}

/** The record numbers `ref` uses in one folder of the log (`''`: its top level), for `adr new --base` and `adr renumber --base`. */
export async function baseNumbers(repo: GitRepo, ref: string, folder = ''): Promise<{ ref: string; max: number; numbers: Set<number> }> {
  const resolved = await resolveCommit(repo, ref);
  const tree = await listTree(repo, resolved.sha, [topPath(repo, folder)]);
  const numbers = new Set<number>();
  for (const entry of tree) {
    const file = logPath(repo, entry.path);
    const inFolder = folder === '' ? !file.includes('/') : file.startsWith(`${folder}/`) && !file.slice(folder.length + 1).includes('/');
    if (!inFolder || !isRecordName(posix.basename(file))) continue;
    const number = numberFromFile(file);
    if (number !== null) numbers.add(number);
  }
  return { ref: resolved.ref, max: Math.max(0, ...numbers), numbers };
}

/** A file that moved between the two sides. */
export interface SideRename {
  /** On the other side (relative to the log folder). */
  from: string;
  /** On this side. */
  to: string;
}

/** A file's decoded text and whether it began with a byte-order mark (what the rules read). */
export interface SourceText {
  text: string;
  bom: boolean;
}

/** A log read at a commit, with the file access the rules need. */
export interface OtherSide {
  log: Log;
  source(file: string): SourceText | null;
  exists(file: string): boolean;
  /** Files renamed between the commit and the work tree (git's rename detection). */
  renames: SideRename[];
  /** Files of the log that differ between the two sides (changed, added, removed), relative to the log folder. */
  changed: Set<string>;
}

/**
 * The log as `commit` has it, read into the same model by the same parser. `head` is the log as
 * read from the work tree: records whose file is the same on both sides are taken from it (copied,
 * with their back-links recomputed), so only the files that differ are read from git and parsed.
 */
export async function readLogAt(repo: GitRepo, commit: string, head: Log): Promise<OtherSide> {
  const overviewFile = head.overview?.file ?? null;
  const isRecord = recordFilter(head, overviewFile);
  const paths = [repo.logPrefix];
  if (overviewFile?.startsWith('../')) paths.push(topPath(repo, overviewFile));
  const { changes, untracked } = await workTreeChanges(repo, commit, paths);

  const added = new Set<string>(untracked.map((p) => logPath(repo, p)));
  /** Files the commit has in another version (or only it has), by file, with the blob to read. */
  const other = new Map<string, string>();
  const renames: SideRename[] = [];
  const changed = new Set<string>(added);
  for (const change of changes) {
    const from = logPath(repo, change.oldPath);
    const to = logPath(repo, change.newPath);
    if (change.status === 'A') added.add(to);
    else if (change.status === 'R' || change.status === 'C') {
      added.add(to);
      if (change.oldSha) other.set(from, change.oldSha);
      if (change.status === 'R') renames.push({ from, to });
    } else if (change.oldSha) other.set(from, change.oldSha);
    changed.add(from);
    changed.add(to);
  }
  const blobs = await readBlobs(repo, other.values());
  const overviewName = overviewFile ? posix.basename(overviewFile) : 'DECISIONS.md';

  const decisions: Decision[] = [];
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, SourceText | null>();
  const files = new Set<string>();
  for (const d of head.decisions) {
    if (added.has(d.file) || other.has(d.file)) continue;
    // The same bytes on both sides: the same record, with links and back-links of its own side.
    decisions.push({ ...d, backlinks: [], links: d.links.filter((l) => !l.implicit) });
    files.add(d.file);
  }
  for (const diagnostic of head.diagnostics) {
    if (!added.has(diagnostic.file) && !other.has(diagnostic.file)) diagnostics.push(diagnostic);
  }
  let overview = head.overview;
  for (const [file, sha] of other) {
    const bytes = blobs.get(sha);
    if (file === overviewFile) {
      const decoded = bytes ? decodeBytes(bytes) : null;
      overview = decoded?.ok ? parseOverview(file, decoded.text, posix.basename(head.dir)) : null;
      texts.set(file, decoded?.ok ? { text: decoded.text, bom: decoded.bom } : null);
      continue;
    }
    if (!isRecord(file) || !bytes) continue;
    const parsed = parseBytes(file, bytes, { overviewName });
    if (parsed.decision) decisions.push(parsed.decision);
    diagnostics.push(...parsed.diagnostics);
    texts.set(file, parsed.text === null ? null : { text: parsed.text, bom: parsed.decision?.encoding.bom ?? false });
    files.add(file);
  }
  if (overviewFile && added.has(overviewFile)) overview = null;
  decisions.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  resolveNumberRefs(decisions);
  computeBacklinks(decisions);
  const skipped = head.skipped.filter((f) => !added.has(f));
  const log: Log = { ...head, decisions, overview, diagnostics, skipped };
  const known = new Set([...files, ...skipped]);
  return {
    log,
    renames,
    changed,
    source(file) {
      if (texts.has(file)) return texts.get(file)!;
      // Unchanged on both sides: the work tree's bytes are the commit's.
      try {
        const decoded = decodeBytes(readFileSync(resolve(head.dir, file)));
        return decoded.ok ? { text: decoded.text, bom: decoded.bom } : null;
      } catch {
        return null;
      }
    },
    exists(file) {
      if (added.has(file)) return false;
      if (known.has(file) || other.has(file)) return true;
      // A file that did not change between the two sides exists on both or on neither.
      return !changed.has(file) && existsSync(resolve(head.dir, file));
    },
  };
}

/** A title as compared across a rename: case, spacing and a leading record number aside. */
export function titleKey(title: string): string {
  return title.toLowerCase().replace(/^\s*(?:adr[-_ ]?)?\d+[.:]?\s+/, '').replace(/\s+/g, ' ').trim();
}

/**
 * Which records of `base` are which of `head` under another name. Git's rename detection pairs
 * files by content, and records written from one template are alike: a pair counts only when the
 * two records have the same title. Records left unpaired on both sides with one same title are
 * paired too (a rename git did not see, or a file moved along with larger edits).
 * @returns base file → head file, for the files whose name differs
 */
export function pairRenames(base: readonly Decision[], head: readonly Decision[], gitRenames: readonly SideRename[]): Map<string, string> {
  const baseBy = new Map(base.map((d) => [d.file, d]));
  const headBy = new Map(head.map((d) => [d.file, d]));
  const pairs = new Map<string, string>();
  for (const r of gitRenames) {
    const a = baseBy.get(r.from);
    const b = headBy.get(r.to);
    if (a && b && !baseBy.has(r.to) && titleKey(a.title) === titleKey(b.title)) pairs.set(r.from, r.to);
  }
  const taken = new Set(pairs.values());
  const gone = base.filter((d) => !headBy.has(d.file) && !pairs.has(d.file));
  const fresh = head.filter((d) => !baseBy.has(d.file) && !taken.has(d.file));
  const byTitle = (list: readonly Decision[]) => {
    const map = new Map<string, Decision[]>();
    for (const d of list) map.set(titleKey(d.title), [...(map.get(titleKey(d.title)) ?? []), d]);
    return map;
  };
  const freshBy = byTitle(fresh);
  for (const [key, olds] of byTitle(gone)) {
    const news = freshBy.get(key);
    if (key !== '' && olds.length === 1 && news?.length === 1) pairs.set(olds[0].file, news[0].file);
  }
  return pairs;
}
