/**
 * The life of each record in git: when it was added and last changed, every status change (date,
 * commit, author), its renames, and whether the work tree has uncommitted changes to it.
 *
 * One `git log --raw -M` pass over the log folder gives every commit that touched a record file
 * with the blob names before and after (log4brains runs one `git log` per record and pays for it;
 * at 1,000 records that is 1,000 processes). Walking that list from the newest commit back follows
 * each record through its renames; the statuses are read from the blobs (one `git cat-file
 * --batch`) by the same parser as the log itself. What a blob's status is never changes, so it is
 * cached by blob name (`<cache>/history/<log>.json`), and a second run parses nothing it saw before.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import type { CommitInfo, Decision, FileRename, Log, RecordHistory, Status, StatusChange } from '../model/index.js';
import { numberFromFile, parseBytes } from '../parse/index.js';
import { cacheRoot, codeVersion, hashContent } from './cache.js';
import { git, logPath, readBlobs, readHistory, requireRepo, topPath, type GitRepo, type LogEntry, type RawChange } from './git.js';
import { findLog, type LogLocation } from './find-log.js';
import { readLog } from './read-log.js';
import { resolveRef } from './resolve-ref.js';
import { walkLog, type LogWalk } from './walk.js';
import { CACHE, ensureFolder, writeFileAtomic } from './write.js';
import { titleKey } from './base.js';

/** What the history needs of a blob: its status (canonical word and as written) and its title (for renames). */
type BlobStatus = [status: Status | null, text: string | null, title: string];

/** The cache of blob statuses for one log. */
interface StatusCache {
  get(sha: string): BlobStatus | undefined;
  set(sha: string, value: BlobStatus): void;
  save(): Promise<void>;
}

const CACHE_VERSION = 2;

/** Opens the blob status cache of the log at `logDir` (a no-op cache when `enabled` is false). */
function openStatusCache(logDir: string, env: Record<string, string | undefined>, variant: string, enabled: boolean): StatusCache {
  const entries = new Map<string, BlobStatus>();
  if (!enabled) return { get: () => undefined, set: () => undefined, save: async () => undefined };
  const path = join(cacheRoot(env), 'history', `${hashContent(logDir).slice(0, 32)}.json`);
  const key = `${CACHE_VERSION}:${codeVersion()}:${variant}`;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { key?: string; statuses?: Record<string, BlobStatus> };
    if (data.key === key && data.statuses && typeof data.statuses === 'object') {
      for (const [sha, value] of Object.entries(data.statuses)) if (Array.isArray(value) && value.length === 3) entries.set(sha, value);
    }
  } catch {
    // No cache yet, or an unreadable one: it is rebuilt.
  }
  let dirty = false;
  return {
    get: (sha) => entries.get(sha),
    set: (sha, value) => {
      entries.set(sha, value);
      dirty = true;
    },
    save: async () => {
      if (!dirty) return;
      try {
        await ensureFolder(dirname(path), CACHE);
        await writeFileAtomic(path, JSON.stringify({ key, statuses: Object.fromEntries(entries) }), CACHE);
      } catch {
        // Only a cache: a run that cannot write it is just slower next time.
      }
    },
  };
}

/** What {@link readRecordHistories} needs. */
export interface HistoryOptions {
  /** Only these records (files relative to the log folder); default: every record of the log. */
  files?: readonly string[];
  env: Record<string, string | undefined>;
  /** Use the blob status cache (default true). */
  cache?: boolean;
}

/** Histories by record file, and what git could not tell. */
export interface LogHistories {
  histories: Map<string, RecordHistory>;
  /** Things to say once (a shallow clone). */
  notes: string[];
  /** Each commit's place in the history, 0 for the newest (git's order, for ties of date). */
  order: Map<string, number>;
}

/** One commit's change to a record, found by the walk. */
interface Version {
  commit: CommitInfo;
  change: RawChange;
}

/** Paths with uncommitted changes under the log folder (`git status`), relative to the top. */
async function uncommittedPaths(repo: GitRepo, only: string | null = null): Promise<Set<string>> {
  const out = await git(repo, ['status', '--porcelain', '-z', '--untracked-files=all', '--no-renames', '--', only ?? (repo.logPrefix === '' ? '.' : repo.logPrefix)]);
  const paths = new Set<string>();
  for (const record of out.toString('utf8').split('\0')) if (record.length > 3) paths.add(record.slice(3));
  return paths;
}

/**
 * Follows every wanted record back through `entries` (newest first): the versions that touched it,
 * its renames, and the commit that added it.
 */
export function walkVersions(
  repo: Pick<GitRepo, 'logPrefix'>,
  entries: readonly LogEntry[],
  files: readonly string[],
  isRename: (change: RawChange) => boolean = () => true,
): Map<string, { versions: Version[]; renames: FileRename[]; created: CommitInfo | null; createdAt: string | null }> {
  const out = new Map<string, { versions: Version[]; renames: FileRename[]; created: CommitInfo | null; createdAt: string | null }>();
  const tracked = new Map<string, string>();
  for (const file of files) {
    out.set(file, { versions: [], renames: [], created: null, createdAt: null });
    tracked.set(topPath(repo, file), file);
  }
  for (const entry of entries) {
    for (const change of entry.changes) {
      const record = tracked.get(change.newPath);
      if (record === undefined || change.status === 'D') continue;
      const life = out.get(record)!;
      life.versions.push({ commit: entry.commit, change });
      if (change.status === 'R' && isRename(change)) {
        // Older commits know the record by its old name.
        tracked.delete(change.newPath);
        tracked.set(change.oldPath, record);
        life.renames.push({ from: logPath(repo, change.oldPath), to: logPath(repo, change.newPath), commit: entry.commit });
      } else if (change.status === 'A' || change.status === 'R' || change.status === 'C') {
        // Before this commit the path was another file (or none): the record's life starts here. A
        // copy (`git log --follow` calls a new record made from a template one) starts it too.
        tracked.delete(change.newPath);
        life.created = entry.commit;
        life.createdAt = change.newPath;
      }
    }
  }
  return out;
}

/**
 * The git history of the records of `log` (or of `options.files`). A repository without commits
 * gives histories with no commit; a shallow clone, histories marked incomplete (and a note).
 */
export async function readRecordHistories(repo: GitRepo, log: Log, options: HistoryOptions): Promise<LogHistories> {
  const files = options.files ?? log.decisions.map((d) => d.file);
  const notes: string[] = [];
  // One record: git follows that file alone; the whole log: one pass over the folder.
  const single = files.length === 1 ? topPath(repo, files[0]) : null;
  const entries = repo.head ? await readHistory(repo, 'HEAD', [single ?? repo.logPrefix], { follow: single !== null }) : [];
  if (repo.shallow) notes.push('this is a shallow clone: histories start at its oldest commit (git fetch --unshallow gives the whole history)');
  const overviewName = log.overview ? posix.basename(log.overview.file) : 'DECISIONS.md';
  const cache = openStatusCache(log.dir, options.env, overviewName, options.cache !== false);
  /** Reads and parses the blobs of `changes` the cache does not know yet, in one cat-file. */
  const learn = async (changes: Iterable<RawChange>) => {
    const names = new Map<string, string>();
    for (const change of changes) {
      if (change.newSha && !cache.get(change.newSha)) names.set(change.newSha, logPath(repo, change.newPath));
      if (change.oldSha && !cache.get(change.oldSha)) names.set(change.oldSha, logPath(repo, change.oldPath));
    }
    if (names.size === 0) return;
    const blobs = await readBlobs(repo, names.keys());
    for (const [sha, file] of names) {
      const bytes = blobs.get(sha);
      if (!bytes) continue;
      const decision = parseBytes(file, bytes, { overviewName }).decision;
      cache.set(sha, [decision?.status ?? null, decision?.statusText ?? null, titleKey(decision?.title ?? '')]);
    }
  };
  const statusOf = (sha: string | null): BlobStatus => (sha ? (cache.get(sha) ?? [null, null, '']) : [null, null, '']);

  // Git pairs renamed files by content, and records from one template are alike: a rename is
  // followed only when the record keeps its title (a renumbering, a new slug, a move).
  await learn(entries.flatMap((e) => e.changes.filter((c) => c.status === 'R')));
  const isRename = (change: RawChange) => statusOf(change.oldSha)[2] === statusOf(change.newSha)[2];
  const lives = walkVersions(repo, entries, files, isRename);
  const dirty = await uncommittedPaths(repo, single);
  // Every blob whose status is needed: before and after each version.
  await learn([...lives.values()].flatMap((life) => life.versions.map((v) => v.change)));

  const byFile = new Map(log.decisions.map((d) => [d.file, d]));
  const histories = new Map<string, RecordHistory>();
  for (const [file, life] of lives) {
    const changes: StatusChange[] = [];
    // Oldest first.
    for (const { commit, change } of [...life.versions].reverse()) {
      // A shallow clone's oldest commit shows every file as added: that is where the history is cut, not a creation.
      if (change.status === 'A' && repo.shallowCommits.has(commit.sha)) continue;
      const added = change.status === 'A' || change.status === 'C' || (change.status === 'R' && !isRename(change));
      const [from, fromText] = added ? [null, null] : statusOf(change.oldSha);
      const [to, toText] = statusOf(change.newSha);
      if (!added && from === to) continue;
      changes.push({ commit, file: logPath(repo, change.newPath), added, from, to, fromText, toText });
    }
    const uncommitted = dirty.has(topPath(repo, file));
    const now = byFile.get(file);
    const committed = life.versions.length > 0 ? statusOf(life.versions[0].change.newSha)[0] : null;
    if (uncommitted && now && (now.status !== committed || life.versions.length === 0)) {
      changes.push({ commit: null, file, added: life.versions.length === 0, from: life.versions.length > 0 ? committed : null, to: now.status, fromText: life.versions.length > 0 ? statusOf(life.versions[0].change.newSha)[1] : null, toText: now.statusText });
    }
    const atHorizon = life.created !== null && repo.shallowCommits.has(life.created.sha);
    histories.set(file, {
      file,
      created: atHorizon ? null : life.created,
      // Only the shallow clone's first commit: when the record last changed lies beyond it.
      updated: life.versions[0] && !(atHorizon && life.versions.length === 1) ? life.versions[0].commit : null,
      changes,
      renames: [...life.renames].reverse(),
      uncommitted,
      complete: !repo.shallow || (life.created !== null && !atHorizon),
    });
  }
  await cache.save();
  return { histories, notes, order: new Map(entries.map((e, k) => [e.commit.sha, k])) };
}

/**
 * The record file `ref` names by name alone (a path, a file name, its stem, its number), found from
 * the log's listing without parsing it; null when the REF needs titles (words of a title) or names
 * nothing, and the whole log is read to resolve it.
 */
async function recordByName(cwd: string, dir: string | undefined, ref: string): Promise<{ location: LogLocation; walk: LogWalk; file: string } | null> {
  const location = await findLog({ cwd, dir });
  const walk = await walkLog(location);
  const stubs = walk.listed.files.map(({ file }) => {
    const number = numberFromFile(file);
    const stem = file.split('/').pop()!.replace(/\.(md|markdown)$/i, '');
    return { file, number, id: number !== null ? String(number) : stem, title: '' } as Decision;
  });
  try {
    const hit = resolveRef({ dir: location.dir, decisions: stubs } as unknown as Log, ref, { cwd });
    const raw = ref.trim().toLowerCase();
    const stem = hit.file.split('/').pop()!.replace(/\.(md|markdown)$/i, '').toLowerCase();
    const byName = /[\\/]/.test(raw) || /^(?:adr[-_ ]?|#)?0*\d{1,9}$/.test(raw) || raw === stem || raw === `${stem}.md` || raw === `${stem}.markdown`;
    return byName ? { location, walk, file: hit.file } : null;
  } catch {
    return null;
  }
}

/** What {@link historyOf} needs. */
export interface HistoryOfOptions {
  cwd: string;
  /** The --dir flag. */
  dir?: string;
  /** A record (as `adr` takes REFs); without it, every record of the log. */
  ref?: string;
  env: Record<string, string | undefined>;
  /** Use the parse and blob caches (default true). */
  cache?: boolean;
}

/** What {@link historyOf} gives: the log read, the record REF named (or null), and the histories. */
export interface HistoryOf extends LogHistories {
  log: Log;
  record: Decision | null;
}

/**
 * `adr history [REF]` as a function (the CLI and other callers share it): finds the log and the
 * record, and reads the history from git. A REF that names a file is found from the folder's
 * listing and only that record is read, so one record's history never waits for a whole log's
 * parse. Throws a UserError without git, outside a repository, or for a REF that names nothing.
 */
export async function historyOf(options: HistoryOfOptions): Promise<HistoryOf> {
  const { cwd, dir, ref, env } = options;
  const cache = options.cache !== false;
  const named = ref !== undefined ? await recordByName(cwd, dir, ref) : null;
  const log = named
    ? await readLog({ cwd, dir, cache, env, location: named.location, walk: named.walk, only: (file) => file === named.file })
    : await readLog({ cwd, dir, cache, env });
  const record = ref !== undefined ? (log.decisions.find((d) => d.file === named?.file) ?? resolveRef(log, ref, { cwd })) : null;
  const repo = await requireRepo(log.dir, env);
  const read = await readRecordHistories(repo, log, { files: record ? [record.file] : undefined, env, cache });
  return { ...read, log, record };
}

/** One status change of the log's timeline, with the record it belongs to. */
export interface TimelineEntry {
  change: StatusChange;
  record: Decision;
}

/**
 * Every status change of `result`'s records, newest first (an uncommitted change first of all);
 * changes of one date in the order git made their commits, newest first. `adr history` without
 * REF, and any caller that wants the log's timeline.
 */
export function timelineOf(result: Pick<HistoryOf, 'log' | 'histories' | 'order'>): TimelineEntry[] {
  const byFile = new Map(result.log.decisions.map((d) => [d.file, d]));
  const all: TimelineEntry[] = [];
  for (const h of result.histories.values()) {
    const record = byFile.get(h.file);
    if (record) for (const change of h.changes) all.push({ change, record });
  }
  const rank = (change: StatusChange) => (change.commit ? (result.order.get(change.commit.sha) ?? 0) : -1);
  const when = (change: StatusChange) => Date.parse(change.commit?.date ?? '') || Infinity;
  return all.sort((a, b) => when(b.change) - when(a.change) || rank(a.change) - rank(b.change));
}
