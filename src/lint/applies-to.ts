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
import { globToRegExp } from '../store/glob.js';

/** A compiled glob and the records that name it. */
interface Entry {
  glob: string;
  re: RegExp;
  /** Indexes into the decisions, with whether the record excludes (`!glob`) rather than includes. */
  owners: Array<{ index: number; exclude: boolean }>;
  /** The lookup that last tried it (a path can reach one entry twice: `a.ts/b.ts` and `*.ts`). */
  tried: number;
}

const WILD = /[*?[{]/;

/** A repository path in the one form the index compares: POSIX, no `./`, no leading `/`. */
export function normalizeRepoPath(path: string): string {
  let p = path.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  return p.replace(/^\/+/, '');
}

/**
 * Where a glob is filed. An anchored glob: under its literal folder prefix (`src/db/**` under
 * `src/db/`), and, when a wildcard segment follows that prefix, under the first literal segment
 * after it at its fixed depth (`services/*\/db/*.sql` under `services/` and `2:db`), so a file meets
 * only the cross-cutting globs of its own layer. An unanchored one: under its literal name or
 * extension; the rest are tried on every file.
 */
function bucketOf(glob: string): { kind: 'folder'; key: string; next: string | null } | { kind: 'name' | 'ext' | 'any'; key: string } {
  let g = glob.trim().replace(/\\/g, '/');
  if (g.startsWith('./')) g = g.slice(2);
  const anchored = g.startsWith('/') || g.slice(0, -1).includes('/');
  if (g.startsWith('/')) g = g.slice(1);
  if (anchored) {
    const segments = g.split('/');
    let key = '';
    let i = 0;
    for (; i < segments.length - 1; i++) {
      if (WILD.test(segments[i]) || segments[i] === '') break;
      key += `${segments[i]}/`;
    }
    // Past single-segment wildcards (never `**`, which spans any depth), the first literal segment.
    let next: string | null = null;
    for (let j = i; j < segments.length; j++) {
      const seg = segments[j];
      if (seg === '' || seg.includes('**')) break;
      if (!WILD.test(seg)) {
        next = `${j}:${seg}`;
        break;
      }
    }
    return { kind: 'folder', key, next: i < segments.length - 1 || next ? next : null };
  }
  const name = g.replace(/\/$/, '');
  if (!WILD.test(name)) return { kind: 'name', key: name };
  // `*.sql`, `*.test.ts`: a star, then a literal extension.
  const ext = /^\*(\.[^*?[{/]+)$/.exec(name);
  if (ext) return { kind: 'ext', key: ext[1] };
  return { kind: 'any', key: '' };
}

/** The globs filed under one folder prefix: tried on every file below it, or only where a segment agrees. */
interface Folder {
  all: Entry[];
  /** By `depth:segment` (see bucketOf). */
  bySegment: Map<string, Entry[]>;
}

/** The index of every record's `applies-to` globs. */
export class AppliesToIndex {
  private readonly byFolder = new Map<string, Folder>();
  private readonly byName = new Map<string, Entry[]>();
  private readonly byExt = new Map<string, Entry[]>();
  private readonly anywhere: Entry[] = [];
  /** How many distinct globs the records name. */
  readonly globs: number;

  constructor(readonly decisions: readonly Decision[]) {
    const entries = new Map<string, Entry>();
    const add = (map: Map<string, Entry[]>, key: string, entry: Entry) => {
      const list = map.get(key);
      if (list) list.push(entry);
      else map.set(key, [entry]);
    };
    decisions.forEach((d, index) => {
      for (const a of d.appliesTo ?? []) {
        const exclude = a.glob.startsWith('!');
        const glob = exclude ? a.glob.slice(1) : a.glob;
        if (glob.trim() === '') continue;
        let entry = entries.get(glob);
        if (!entry) {
          entry = { glob, re: globToRegExp(glob), owners: [], tried: 0 };
          entries.set(glob, entry);
          const bucket = bucketOf(glob);
          if (bucket.kind === 'folder') {
            let folder = this.byFolder.get(bucket.key);
            if (!folder) this.byFolder.set(bucket.key, (folder = { all: [], bySegment: new Map() }));
            if (bucket.next) add(folder.bySegment, bucket.next, entry);
            else folder.all.push(entry);
          } else if (bucket.kind === 'name') add(this.byName, bucket.key, entry);
          else if (bucket.kind === 'ext') add(this.byExt, bucket.key, entry);
          else this.anywhere.push(entry);
        }
        if (!entry.owners.some((o) => o.index === index && o.exclude === exclude)) entry.owners.push({ index, exclude });
      }
    });
    this.globs = entries.size;
    this.includedAt = new Int32Array(decisions.length);
    this.excludedAt = new Int32Array(decisions.length);
  }

  /** The entries whose glob may match `path` (a superset; the caller tests), into `out`. */
  private candidates(path: string, out: Entry[]): void {
    out.length = 0;
    const push = (list: Entry[] | undefined) => {
      if (list) for (let k = 0; k < list.length; k++) out.push(list[k]);
    };
    const segments = path.split('/');
    let prefix = '';
    for (let depth = 0; depth <= segments.length; depth++) {
      const folder = this.byFolder.get(prefix);
      if (folder) {
        push(folder.all);
        if (folder.bySegment.size > 0) for (let j = depth; j < segments.length; j++) push(folder.bySegment.get(`${j}:${segments[j]}`));
      }
      if (depth === segments.length) break;
      const segment = segments[depth];
      push(this.byName.get(segment));
      if (this.byExt.size > 0) for (let dot = segment.indexOf('.'); dot !== -1; dot = segment.indexOf('.', dot + 1)) push(this.byExt.get(segment.slice(dot)));
      prefix += `${segment}/`;
      // A folder prefix only ever names folders: the last segment is the file itself.
      if (depth === segments.length - 1) break;
    }
    push(this.anywhere);
  }

  private lookups = 0;
  private readonly scratch: Entry[] = [];
  private readonly includedAt: Int32Array;
  private readonly excludedAt: Int32Array;

  /** Calls `found` with each entry whose glob matches `path` (normalised), once each. */
  private matching(path: string, found: (entry: Entry) => void): void {
    const lookup = ++this.lookups;
    const list = this.scratch;
    this.candidates(path, list);
    for (let k = 0; k < list.length; k++) {
      const entry = list[k];
      if (entry.tried === lookup) continue;
      entry.tried = lookup;
      if (entry.re.test(path)) found(entry);
    }
  }

  /**
   * The records governing `path` (relative to the repository root), as indexes into
   * {@link decisions}, in record order: a record governs a path when one of its globs matches it and
   * none of its `!` globs does. With `globs`, each governing record's matching globs are added to
   * its set there.
   */
  governing(path: string, globs?: Map<number, Set<string>>): number[] {
    const p = normalizeRepoPath(path);
    // Marks by record, stamped with this lookup's number: no set or search per match.
    const lookup = this.lookups + 1;
    const included: number[] = [];
    let matched = null as Array<number | string> | null;
    let anyExcluded = false;
    this.matching(p, (entry) => {
      for (const o of entry.owners) {
        if (o.exclude) {
          this.excludedAt[o.index] = lookup;
          anyExcluded = true;
          continue;
        }
        if (this.includedAt[o.index] !== lookup) {
          this.includedAt[o.index] = lookup;
          included.push(o.index);
        }
        if (globs) (matched ??= []).push(o.index, entry.glob);
      }
    });
    const out = anyExcluded ? included.filter((i) => this.excludedAt[i] !== lookup) : included;
    if (globs && matched) {
      for (let k = 0; k < matched.length; k += 2) {
        const i = matched[k] as number;
        if (anyExcluded && this.excludedAt[i] === lookup) continue;
        let set = globs.get(i);
        if (!set) globs.set(i, (set = new Set()));
        set.add(matched[k + 1] as string);
      }
    }
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  }

  /**
   * The globs (as written, without a leading `!`) that match at least one of `files`: one pass
   * over the files, each tried only against its candidate globs that have not matched yet.
   */
  liveGlobs(files: Iterable<string>): Set<string> {
    const live = new Set<string>();
    for (const raw of files) {
      this.matching(normalizeRepoPath(raw), (entry) => live.add(entry.glob));
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
  const perDecision = new Map<number, string[]>();
  const globs = new Map<number, Set<string>>();
  const retiredOnly: Affected['retiredOnly'] = [];
  const seen = new Set<string>();
  let governed = 0;
  for (const raw of files) {
    const file = normalizeRepoPath(raw);
    if (file === '' || seen.has(file)) continue;
    seen.add(file);
    const owners = index.governing(file, globs);
    if (owners.length === 0) continue;
    governed++;
    let retired = true;
    for (const i of owners) {
      let list = perDecision.get(i);
      if (!list) perDecision.set(i, (list = []));
      list.push(file);
      if (retired && !RETIRED_STATUSES.has(decisions[i].status ?? '')) retired = false;
    }
    if (retired) retiredOnly.push({ file, decisions: owners.map((i) => decisions[i]) });
  }
  const out: AffectedDecision[] = [];
  for (const i of [...perDecision.keys()].sort((a, b) => a - b)) {
    const d = decisions[i];
    const matched = globs.get(i) ?? new Set<string>();
    // In the order the record wrote them.
    out.push({ decision: d, files: perDecision.get(i)!, globs: d.appliesTo.map((a) => a.glob).filter((g) => matched.has(g)) });
  }
  return { decisions: out, retiredOnly, governed };
}
