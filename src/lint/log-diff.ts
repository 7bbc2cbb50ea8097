/**
 * What a branch changes in the decision log, for a reviewer: records added, removed and renamed,
 * status changes, relations added and removed, action items opened, closed and aborted, and the
 * check findings the change introduces and resolves.
 *
 * The two sides are the log as it is in the work tree (what `adr check` reads) and the log at the
 * merge base of the base ref and HEAD (what a pull request is compared with), both read into the
 * same model by the same parser (src/store/base.ts reads the other side from git in a few
 * processes) and checked by the same rules.
 *
 * {@link diffLog} is the whole of `adr diff` short of printing: it finds the base (named, the pull
 * request's in GitHub Actions, else the default branch), reads both sides and compares them, so the
 * CLI and an MCP tool call the same function. It lives here, not in the store, because it runs the
 * check engine; the caller hands it the rules (src/rules/index.ts, a layer above).
 */
import { UserError } from '../errors.js';
import { isOpen } from '../edit/overview.js';
import { lintLog } from './engine.js';
import type { Rule, SourceText } from './rule.js';
import { logSource } from './source.js';
import type { ActionItem, Decision, Diagnostic, LinkKind, Log, Severity, Status } from '../model/index.js';
import { pairRenames, readLogAt } from '../store/base.js';
import { baseRefFromEnv, git, hasUncommitted, mergeBase, requireRepo, resolveCommit, type GitRepo } from '../store/git.js';
import { readLog } from '../store/read-log.js';

/** A record as the diff names it. */
export interface DiffRecord {
  /** File relative to the log folder (on its own side). */
  file: string;
  id: string;
  number: number | null;
  title: string;
  status: Status | null;
}

/** A status that changed. */
export interface StatusDiff {
  record: DiffRecord;
  from: Status | null;
  to: Status | null;
  fromText: string | null;
  toText: string | null;
}

/** A relation between two records that one side has and the other has not. */
export interface RelationDiff {
  record: DiffRecord;
  kind: LinkKind;
  /** The linked record's file (this side's name), and its title where the log has it. */
  target: string;
  targetTitle: string | null;
}

/** An action item that changed state. */
export interface ItemDiff {
  record: DiffRecord;
  text: string;
  /** Its horizon heading, as written. */
  group: string | null;
  line: number;
}

/** A check finding that one side has and the other has not. */
export interface FindingDiff {
  file: string;
  line: number;
  rule: string;
  severity: Severity;
  message: string;
}

/** What `adr diff` reports. Field names are a stable interface (README, "adr diff --json"). */
export interface LogDiff {
  base: {
    /** The ref as given (or chosen), `origin/main`. */
    ref: string;
    /** Where the ref came from: named by the caller, the pull request's base (GITHUB_BASE_REF), or the default branch. */
    source: 'named' | 'pull request' | 'default branch';
    /** The commit the ref names. */
    commit: string;
    /** The commit compared with: the merge base of the ref and HEAD (the ref itself when there is none). */
    compared: string;
  };
  head: {
    /** HEAD's commit. */
    commit: string | null;
    /** HEAD's branch, or null when detached. */
    branch: string | null;
    /** Whether the work tree's log differs from HEAD's (uncommitted changes count). */
    uncommitted: boolean;
  };
  added: DiffRecord[];
  removed: DiffRecord[];
  /** Files renamed (a renumbering, a new slug), with the record under its new name. */
  renamed: Array<{ from: string; to: string; record: DiffRecord }>;
  statusChanged: StatusDiff[];
  relationsAdded: RelationDiff[];
  relationsRemoved: RelationDiff[];
  actionItems: { opened: ItemDiff[]; closed: ItemDiff[]; aborted: ItemDiff[] };
  findings: { introduced: FindingDiff[]; resolved: FindingDiff[] };
  /** What git could not tell (a shallow clone), said once. */
  notes: string[];
}

/** What {@link diffLog} needs. */
export interface DiffOptions {
  cwd: string;
  /** The --dir flag. */
  dir?: string;
  env: Record<string, string | undefined>;
  now: Date;
  /**
   * The base ref (`main`, `origin/main`, a tag or commit). Default: in GitHub Actions the pull
   * request's base (`origin/$GITHUB_BASE_REF`), else the repository's default branch.
   */
  base?: string;
  /** The check rules (src/rules/index.ts), for the findings. */
  rules: readonly Rule[];
  /** Use the parse cache (default true). */
  cache?: boolean;
}

/** The base when none is named: the remote's default branch, else main, else master. */
export async function defaultBase(repo: GitRepo): Promise<string> {
  const head = await git(repo, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']).catch(() => null);
  if (head && head.toString('utf8').trim()) return head.toString('utf8').trim();
  for (const name of ['main', 'master', 'origin/main', 'origin/master']) {
    const found = await resolveCommit(repo, name).catch(() => null);
    if (found) return name;
  }
  throw new UserError('no base to compare with: name one (adr diff main), the repository has no main or master branch');
}

function ref(d: Decision): DiffRecord {
  return { file: d.file, id: d.id, number: d.number, title: d.title, status: d.status };
}

/** Whether the diff has anything to say (notes aside). */
export function diffIsEmpty(diff: LogDiff): boolean {
  return (
    diff.added.length + diff.removed.length + diff.renamed.length + diff.statusChanged.length + diff.relationsAdded.length + diff.relationsRemoved.length +
      diff.actionItems.opened.length + diff.actionItems.closed.length + diff.actionItems.aborted.length + diff.findings.introduced.length + diff.findings.resolved.length ===
    0
  );
}

/** An action item's identity across the two sides: its task, case and spacing aside. */
function itemKey(item: ActionItem): string {
  return item.text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The findings' identity across the sides: file (under this side's name), rule and message, not the line. */
function findingKey(d: Diagnostic, rename: (file: string) => string): string {
  return `${rename(d.file)}\0${d.rule}\0${d.message}`;
}

function finding(d: Diagnostic): FindingDiff {
  return { file: d.file, line: d.line, rule: d.rule, severity: d.severity, message: d.message };
}

/** Compares two logs read into the model (`base` and `head`); `renamed` maps base files to head files. */
export function compareLogs(
  base: Log,
  head: Log,
  renamed: ReadonlyMap<string, string>,
  findings: { base: readonly Diagnostic[]; head: readonly Diagnostic[] },
): Omit<LogDiff, 'base' | 'head' | 'notes'> {
  const toHead = (file: string) => renamed.get(file) ?? file;
  const baseByHeadFile = new Map(base.decisions.map((d) => [toHead(d.file), d]));
  const headByFile = new Map(head.decisions.map((d) => [d.file, d]));
  const out: Omit<LogDiff, 'base' | 'head' | 'notes'> = {
    added: [],
    removed: [],
    renamed: [],
    statusChanged: [],
    relationsAdded: [],
    relationsRemoved: [],
    actionItems: { opened: [], closed: [], aborted: [] },
    findings: { introduced: [], resolved: [] },
  };
  for (const [from, to] of renamed) {
    const d = headByFile.get(to);
    if (d && base.decisions.some((b) => b.file === from)) out.renamed.push({ from, to, record: ref(d) });
  }
  for (const d of base.decisions) if (!headByFile.has(toHead(d.file))) out.removed.push(ref(d));
  const title = (file: string) => headByFile.get(file)?.title ?? baseByHeadFile.get(file)?.title ?? null;
  const relations = (d: Decision, map: (f: string) => string) => {
    const keys = new Map<string, { kind: LinkKind; target: string }>();
    for (const l of d.links) {
      const target = map(l.target);
      keys.set(`${l.kind}\0${target}`, { kind: l.kind, target });
    }
    return keys;
  };
  for (const d of head.decisions) {
    const before = baseByHeadFile.get(d.file);
    const r = ref(d);
    if (!before) out.added.push(r);
    if (before && before.status !== d.status) {
      out.statusChanged.push({ record: r, from: before.status, to: d.status, fromText: before.statusText, toText: d.statusText });
    }
    // Relations, compared under this side's file names.
    const now = relations(d, (f) => f);
    const was = before ? relations(before, toHead) : new Map<string, { kind: LinkKind; target: string }>();
    for (const [key, l] of now) if (!was.has(key)) out.relationsAdded.push({ record: r, kind: l.kind, target: l.target, targetTitle: title(l.target) });
    for (const [key, l] of was) if (!now.has(key)) out.relationsRemoved.push({ record: r, kind: l.kind, target: l.target, targetTitle: title(l.target) });
    // Action items, by their task.
    const old = new Map((before?.actionItems ?? []).map((i) => [itemKey(i), i]));
    for (const item of d.actionItems) {
      const prior = old.get(itemKey(item));
      const change = { record: r, text: item.text, group: item.group, line: item.line };
      if (isOpen(item)) {
        if (!prior || !isOpen(prior)) out.actionItems.opened.push(change);
      } else if (item.aborted) {
        if (prior && !prior.aborted) out.actionItems.aborted.push(change);
      } else if (prior && isOpen(prior)) out.actionItems.closed.push(change);
    }
  }
  const count = (list: readonly Diagnostic[], map: (f: string) => string) => {
    const counts = new Map<string, number>();
    for (const d of list) counts.set(findingKey(d, map), (counts.get(findingKey(d, map)) ?? 0) + 1);
    return counts;
  };
  const baseCounts = count(findings.base, toHead);
  const headCounts = count(findings.head, (f) => f);
  for (const d of findings.head) {
    const key = findingKey(d, (f) => f);
    const left = baseCounts.get(key) ?? 0;
    if (left > 0) baseCounts.set(key, left - 1);
    else out.findings.introduced.push(finding(d));
  }
  for (const d of findings.base) {
    const key = findingKey(d, toHead);
    const left = headCounts.get(key) ?? 0;
    if (left > 0) headCounts.set(key, left - 1);
    else out.findings.resolved.push({ ...finding(d), file: toHead(d.file) });
  }
  return out;
}

/** Reads both sides and compares them: `adr diff`. */
export async function diffLog(options: DiffOptions): Promise<LogDiff> {
  const head = await readLog({ cwd: options.cwd, dir: options.dir, cache: options.cache, env: options.env });
  const repo = await requireRepo(head.dir, options.env);
  if (!repo.head) throw new UserError('the repository has no commit yet: there is nothing to compare with');
  const fromEnv = options.base === undefined ? baseRefFromEnv(options.env) : null;
  const source: LogDiff['base']['source'] = options.base !== undefined ? 'named' : fromEnv ? 'pull request' : 'default branch';
  const baseRef = options.base ?? fromEnv ?? (await defaultBase(repo));
  const resolved = await resolveCommit(repo, baseRef);
  const notes: string[] = [];
  let compared = await mergeBase(repo, resolved.sha, repo.head);
  if (!compared) {
    notes.push(
      repo.shallow
        ? `this is a shallow clone: where this branch left ${resolved.ref} is not known, so the log is compared with ${resolved.ref}'s tip (fetch the full history: git fetch --unshallow, or actions/checkout with fetch-depth: 0)`
        : `this branch shares no history with ${resolved.ref}: the log is compared with its tip`,
    );
    compared = resolved.sha;
  }
  const [other, uncommitted] = await Promise.all([readLogAt(repo, compared, head), hasUncommitted(repo, head)]);
  const renamed = pairRenames(other.log.decisions, head.decisions, other.renames);
  // Both sides are checked as `adr check` checks the log: the log's config, the same day.
  const lint = (log: Log, read: (file: string) => SourceText | null, exists: (file: string) => boolean) =>
    lintLog(log, { rules: options.rules, now: options.now, timeZone: options.env.TZ, source: read, exists }).diagnostics;
  const headSource = logSource(head);
  const headFindings = lint(head, headSource.source, headSource.exists);
  const baseFindings = lint(other.log, other.source, other.exists);
  return {
    base: { ref: resolved.ref, source, commit: resolved.sha, compared },
    head: { commit: repo.head, branch: repo.branch, uncommitted },
    ...compareLogs(other.log, head, renamed, { base: baseFindings, head: headFindings }),
    notes,
  };
}
