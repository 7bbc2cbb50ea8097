/**
 * Which decisions govern which files: the records' `applies-to` globs (relative to the repository
 * root, .gitignore/CODEOWNERS meaning, see src/lint/glob.ts) matched against repository paths.
 *
 * Built for many records and many files (1,000 records against a 10,000-file change): each distinct
 * glob is compiled once, and a file is tested only against the globs that can match it. An anchored
 * glob is filed under its literal folder prefix (`src/db/**` under `src/db/`) and looked up through
 * the file's own folders; a name glob without a slash (`Dockerfile`, `*.sql`) is filed under its
 * literal name or extension and looked up through the file's segments; only the rest are tried on
 * every file.
 */
import type { Decision } from '../model/index.js';
import { globToRegExp } from './glob.js';

/** A compiled glob and the records that name it. */
interface Entry {
  glob: string;
  re: RegExp;
  /** Indexes into the decisions, with whether the record excludes (`!glob`) rather than includes. */
  owners: Array<{ index: number; exclude: boolean }>;
}

const WILD = /[*?[{]/;

/** A repository path in the one form the index compares: POSIX, no `./`, no leading `/`. */
export function normalizeRepoPath(path: string): string {
  let p = path.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  return p.replace(/^\/+/, '');
}

/** Where a glob is filed: a folder prefix (anchored), a literal name or extension (unanchored), or nowhere. */
function bucketOf(glob: string): { kind: 'folder' | 'name' | 'ext' | 'any'; key: string } {
  let g = glob.trim().replace(/\\/g, '/');
  if (g.startsWith('./')) g = g.slice(2);
  const anchored = g.startsWith('/') || g.slice(0, -1).includes('/');
  if (g.startsWith('/')) g = g.slice(1);
  if (anchored) {
    // The longest run of whole literal folders: `src/db/**` → `src/db/`, `src/*.ts` → `src/`.
    const segments = g.split('/');
    let key = '';
    for (let i = 0; i < segments.length - 1; i++) {
      if (WILD.test(segments[i]) || segments[i] === '') break;
      key += `${segments[i]}/`;
    }
    return { kind: 'folder', key };
  }
  const name = g.replace(/\/$/, '');
  if (!WILD.test(name)) return { kind: 'name', key: name };
  // `*.sql`, `*.test.ts`: a star, then a literal extension.
  const ext = /^\*(\.[^*?[{/]+)$/.exec(name);
  if (ext) return { kind: 'ext', key: ext[1] };
  return { kind: 'any', key: '' };
}

/** The index of every record's `applies-to` globs. */
export class AppliesToIndex {
  private readonly byFolder = new Map<string, Entry[]>();
  private readonly byName = new Map<string, Entry[]>();
  private readonly byExt = new Map<string, Entry[]>();
  private readonly anywhere: Entry[] = [];
  private readonly excludes: boolean;
  /** How many distinct globs the records name. */
  readonly globs: number;

  constructor(readonly decisions: readonly Decision[]) {
    const entries = new Map<string, Entry>();
    let excludes = false;
    decisions.forEach((d, index) => {
      for (const a of d.appliesTo ?? []) {
        const exclude = a.glob.startsWith('!');
        const glob = exclude ? a.glob.slice(1) : a.glob;
        if (glob.trim() === '') continue;
        excludes ||= exclude;
        let entry = entries.get(glob);
        if (!entry) {
          entry = { glob, re: globToRegExp(glob), owners: [] };
          entries.set(glob, entry);
          const bucket = bucketOf(glob);
          const map = bucket.kind === 'folder' ? this.byFolder : bucket.kind === 'name' ? this.byName : bucket.kind === 'ext' ? this.byExt : null;
          if (map) map.set(bucket.key, [...(map.get(bucket.key) ?? []), entry]);
          else this.anywhere.push(entry);
        }
        if (!entry.owners.some((o) => o.index === index && o.exclude === exclude)) entry.owners.push({ index, exclude });
      }
    });
    this.excludes = excludes;
    this.globs = entries.size;
  }

  /** Calls `visit` with each entry whose glob may match `path` (a superset; the caller tests). */
  private candidates(path: string, visit: (entry: Entry) => void): void {
    const root = this.byFolder.get('');
    if (root) root.forEach(visit);
    let from = 0;
    for (;;) {
      const slash = path.indexOf('/', from);
      const segment = path.slice(from, slash === -1 ? path.length : slash);
      this.byName.get(segment)?.forEach(visit);
      if (this.byExt.size > 0) {
        for (let dot = segment.indexOf('.'); dot !== -1; dot = segment.indexOf('.', dot + 1)) this.byExt.get(segment.slice(dot))?.forEach(visit);
      }
      if (slash === -1) break;
      this.byFolder.get(path.slice(0, slash + 1))?.forEach(visit);
      from = slash + 1;
    }
    this.anywhere.forEach(visit);
  }

  /**
   * The records governing `path` (relative to the repository root), as indexes into
   * {@link decisions}, in record order: a record governs a path when one of its globs matches it and
   * none of its `!` globs does.
   */
  governing(path: string): number[] {
    const p = normalizeRepoPath(path);
    const included = new Set<number>();
    let excluded: Set<number> | null = null;
    const seen = new Set<Entry>();
    this.candidates(p, (entry) => {
      if (seen.has(entry)) return;
      seen.add(entry);
      if (!entry.re.test(p)) return;
      for (const o of entry.owners) {
        if (o.exclude) (excluded ??= new Set()).add(o.index);
        else included.add(o.index);
      }
    });
    const out = [...included];
    if (this.excludes && excluded) return out.filter((i) => !excluded!.has(i)).sort((a, b) => a - b);
    return out.sort((a, b) => a - b);
  }

  /**
   * The globs (as written, without a leading `!`) that match at least one of `files`: one pass
   * over the files, each tried only against its candidate globs that have not matched yet.
   */
  liveGlobs(files: Iterable<string>): Set<string> {
    const live = new Set<string>();
    for (const raw of files) {
      const p = normalizeRepoPath(raw);
      this.candidates(p, (entry) => {
        if (!live.has(entry.glob) && entry.re.test(p)) live.add(entry.glob);
      });
      if (live.size === this.globs) break;
    }
    return live;
  }

  /** Whether `glob` (as a record wrote it, without `!`) matches `path`. */
  static matches(glob: string, path: string): boolean {
    return globToRegExp(glob).test(normalizeRepoPath(path));
  }
}

/** One record and the files of a change it governs. */
export interface AffectedDecision {
  decision: Decision;
  /** The changed files it governs, in the order given. */
  files: string[];
  /** Its globs that matched at least one of them. */
  globs: string[];
}

/** Statuses of a decision that no longer holds: the code it names is governed by nothing live. */
export const RETIRED_STATUSES: ReadonlySet<string> = new Set(['superseded', 'deprecated', 'aborted']);

/** What a set of changed files touches. */
export interface Affected {
  /** Records governing at least one changed file, in log order. */
  decisions: AffectedDecision[];
  /**
   * Changed files governed by at least one record, but only by retired ones (superseded, deprecated,
   * aborted, rejected): the change follows a decision that no longer holds.
   */
  retiredOnly: Array<{ file: string; decisions: Decision[] }>;
  /** How many changed files at least one record governs. */
  governed: number;
}

/**
 * Matches changed files (repository paths) against every record's globs. A file named twice counts
 * once; the order of `files` is kept in each record's list.
 */
export function affectedBy(decisions: readonly Decision[], files: Iterable<string>, index = new AppliesToIndex(decisions)): Affected {
  const perDecision = new Map<number, { files: string[]; globs: Set<string> }>();
  const retiredOnly: Affected['retiredOnly'] = [];
  const seen = new Set<string>();
  let governed = 0;
  for (const raw of files) {
    const file = normalizeRepoPath(raw);
    if (file === '' || seen.has(file)) continue;
    seen.add(file);
    const owners = index.governing(file);
    if (owners.length === 0) continue;
    governed++;
    for (const i of owners) {
      let slot = perDecision.get(i);
      if (!slot) perDecision.set(i, (slot = { files: [], globs: new Set() }));
      slot.files.push(file);
    }
    if (owners.every((i) => RETIRED_STATUSES.has(decisions[i].status ?? ''))) retiredOnly.push({ file, decisions: owners.map((i) => decisions[i]) });
  }
  const out: AffectedDecision[] = [];
  for (const i of [...perDecision.keys()].sort((a, b) => a - b)) {
    const slot = perDecision.get(i)!;
    const d = decisions[i];
    // Which globs did the matching: tried per record on its own files, which are few.
    const positives = d.appliesTo.filter((a) => !a.glob.startsWith('!'));
    const globs = positives.filter((a) => {
      const re = globToRegExp(a.glob);
      return slot.files.some((f) => re.test(f));
    });
    out.push({ decision: d, files: slot.files, globs: globs.map((a) => a.glob) });
  }
  return { decisions: out, retiredOnly, governed };
}
