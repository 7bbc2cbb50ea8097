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
  compiled: Compiled;
  /** Indexes into the decisions, with whether the record excludes (`!glob`) rather than includes. */
  owners: Array<{ index: number; exclude: boolean }>;
  /** The lookup that last tried it (a path can reach one entry twice: `a.ts/b.ts` and `*.ts`). */
  tried: number;
  /** Whether it matched a path since the index was built (for a record's matching globs). */
  hit: boolean;
}

const WILD = /[*?[{]/;

/** A repository path in the one form the index compares: POSIX, no `./`, no leading `/`. */
export function normalizeRepoPath(path: string): string {
  // Most paths come from git already in this form: no regex for them.
  let p = path.includes('\\') ? path.replace(/\\/g, '/') : path;
  while (p.startsWith('./')) p = p.slice(2);
  return p.startsWith('/') ? p.replace(/^\/+/, '') : p;
}

/**
 * A glob compiled for matching normalised paths, with the meaning of globToRegExp. The shapes most
 * records write (a literal folder or file, `folder/**`, a name without a slash, `*.ext`) are string
 * comparisons, which cost no RegExp to compile and can be decided for a whole folder at once.
 */
type Compiled =
  /** `lit` anchored: the path is `lit` or lies below it. */
  | { kind: 'path'; lit: string; prefix: string }
  /** `lit/**` or `lit/` anchored: the path lies below `lit`. */
  | { kind: 'below'; prefix: string }
  /** `name` anywhere: some segment is `name`. */
  | { kind: 'name'; name: string; first: string; inner: string; last: string }
  /** `name/` anywhere: some folder segment is `name`. */
  | { kind: 'name-below'; first: string; inner: string }
  /** `*.ext` anywhere: some segment ends with `.ext`. */
  | { kind: 'ext'; suffix: string; inner: string }
  /** A literal folder, any depth below it, then `*.ext`: below `lit`, some segment ends with `.ext`. */
  | { kind: 'below-ext'; prefix: string; suffix: string; inner: string }
  /** A literal folder, then `*.ext` directly in it. */
  | { kind: 'dir-ext'; prefix: string; suffix: string }
  | { kind: 'regex'; re: RegExp };

function compile(glob: string): Compiled {
  let g = glob.trim().replace(/\\/g, '/');
  if (g.startsWith('./')) g = g.slice(2);
  const anchored = g.startsWith('/') || g.slice(0, -1).includes('/');
  if (g.startsWith('/')) g = g.slice(1);
  // `x/` means `x/**`: something below x.
  const below = g.endsWith('/**') || g.endsWith('/');
  const body = g.endsWith('/**') ? g.slice(0, -3) : g.endsWith('/') ? g.slice(0, -1) : g;
  if (body !== '' && !/[*?[{\]}]/.test(body) && !body.includes('//')) {
    if (anchored) return below ? { kind: 'below', prefix: `${body}/` } : { kind: 'path', lit: body, prefix: `${body}/` };
    if (!body.includes('/')) {
      return below ? { kind: 'name-below', first: `${body}/`, inner: `/${body}/` } : { kind: 'name', name: body, first: `${body}/`, inner: `/${body}/`, last: `/${body}` };
    }
  }
  const ext = anchored || below ? null : /^\*(\.[^*?[{}\]/]+)$/.exec(g);
  if (ext) return { kind: 'ext', suffix: ext[1], inner: `${ext[1]}/` };
  // A literal folder, then (any depth and) a star and a literal extension: `src/**` + `/*.ts`, `src/*.ts`.
  const folderExt = anchored && !below ? /^([^*?[{}\]]+)\/(\*\*\/)?\*(\.[^*?[{}\]/]+)$/.exec(g) : null;
  if (folderExt && !folderExt[1].includes('//')) {
    const prefix = `${folderExt[1]}/`;
    return folderExt[2] ? { kind: 'below-ext', prefix, suffix: folderExt[3], inner: `${folderExt[3]}/` } : { kind: 'dir-ext', prefix, suffix: folderExt[3] };
  }
  return { kind: 'regex', re: globToRegExp(glob) };
}

/** Whether a compiled glob matches the normalised path `p`. */
function test(c: Compiled, p: string): boolean {
  switch (c.kind) {
    case 'path':
      return p === c.lit || p.startsWith(c.prefix);
    case 'below':
      return p.startsWith(c.prefix);
    case 'name':
      return p === c.name || p.startsWith(c.first) || p.endsWith(c.last) || p.includes(c.inner);
    case 'name-below':
      return p.startsWith(c.first) || p.includes(c.inner);
    case 'ext':
      return p.endsWith(c.suffix) || p.includes(c.inner);
    case 'below-ext':
      return p.startsWith(c.prefix) && (p.endsWith(c.suffix) || p.indexOf(c.inner, c.prefix.length) !== -1);
    case 'dir-ext': {
      if (!p.startsWith(c.prefix)) return false;
      const slash = p.indexOf('/', c.prefix.length);
      return (slash === -1 ? p : p.slice(0, slash)).endsWith(c.suffix);
    }
    case 'regex':
      return c.re.test(p);
  }
}

/**
 * What a compiled glob says of every file directly in `folder` (normalised, `''` for the root; `dir`
 * is it with a trailing `/`, `slashDir` with a leading one too): true when it matches all of them,
 * false when none, null when it depends on the file's name.
 */
function decideFolder(c: Compiled, folder: string, dir: string, slashDir: string): boolean | null {
  switch (c.kind) {
    case 'below':
      return dir.startsWith(c.prefix);
    case 'path': {
      // Below the literal path; or the literal path may be a file of this very folder.
      if (dir.startsWith(c.prefix)) return true;
      const slash = c.lit.lastIndexOf('/');
      return (slash === -1 ? '' : c.lit.slice(0, slash)) === folder ? null : false;
    }
    case 'name-below':
      return slashDir.includes(c.inner);
    case 'name':
    case 'ext':
      // A folder segment that matches covers every file below it; otherwise the file's own name decides.
      return folder !== '' && test(c, folder) ? true : null;
    case 'below-ext':
      // Below the folder: a matching folder segment covers all, else the name decides.
      if (!dir.startsWith(c.prefix)) return false;
      return dir.indexOf(c.inner, c.prefix.length) !== -1 ? true : null;
    case 'dir-ext':
      // In the folder itself the name decides; deeper, the first segment below it does, for all.
      if (!dir.startsWith(c.prefix)) return false;
      return dir.length === c.prefix.length ? null : test(c, folder);
    case 'regex':
      return null;
  }
}

/** A glob as a test of a normalised path (see {@link compile}). */
export function compileGlob(glob: string): (path: string) => boolean {
  const c = compile(glob);
  return (p) => test(c, p);
}

/**
 * Where a glob is filed. An anchored glob: under its literal folder prefix (`src/db/**` under
 * `src/db/`), and, when a wildcard segment follows that prefix, under the first literal segment
 * after it at its fixed depth (`services/*\/db/*.sql` under `services/` and `2:db`), so a file meets
 * only the cross-cutting globs of its own layer. An unanchored one: under its literal name or
 * extension; the rest are tried on every file.
 */
function bucketOf(glob: string): { kind: 'folder'; key: string; next: { depth: number; segment: string } | null } | { kind: 'name' | 'ext' | 'any'; key: string } {
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
    let next: { depth: number; segment: string } | null = null;
    for (let j = i; j < segments.length; j++) {
      const seg = segments[j];
      if (seg === '' || seg.includes('**')) break;
      if (!WILD.test(seg)) {
        next = { depth: j, segment: seg };
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

/**
 * The globs filed under one folder prefix, a node of a tree of folders (so a path is looked up by
 * walking its own segments, building no prefix strings): tried on every file below it, or only
 * where the file's segment at a depth agrees (see bucketOf).
 */
interface Folder {
  all: Entry[];
  /** By depth, then segment. */
  bySegment: Map<number, Map<string, Entry[]>> | null;
  children: Map<string, Folder>;
}

function folder(): Folder {
  return { all: [], bySegment: null, children: new Map() };
}

/** What the files of one folder share (see AppliesToIndex.folderCandidates). */
interface FolderCandidates {
  /** Globs that match every file of the folder. */
  always: Entry[];
  /** Globs to try on each file's path. */
  maybe: Entry[];
  /** Tables of globs by the file's own name. */
  atName: Array<Map<string, Entry[]>>;
}

/** The index of every record's `applies-to` globs. */
export class AppliesToIndex {
  private readonly folders: Folder = folder();
  private readonly byName = new Map<string, Entry[]>();
  private readonly byExt = new Map<string, Entry[]>();
  private readonly anywhere: Entry[] = [];
  /** How many distinct globs the records name. */
  readonly globs: number;
  /** Whether some record excludes paths (`!glob`): only then is a match checked per record. */
  private excluding = false;
  private readonly entries: Map<string, Entry>;
  /** The candidates of the folders of a path, by folder: files of one folder share them. */
  private readonly byDirectory = new Map<string, FolderCandidates>();

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
          entry = { glob, compiled: compile(glob), owners: [], tried: 0, hit: false };
          entries.set(glob, entry);
          const bucket = bucketOf(glob);
          if (bucket.kind === 'folder') {
            let node = this.folders;
            for (const name of bucket.key.split('/').slice(0, -1)) {
              let child = node.children.get(name);
              if (!child) node.children.set(name, (child = folder()));
              node = child;
            }
            if (bucket.next) {
              node.bySegment ??= new Map();
              let atDepth = node.bySegment.get(bucket.next.depth);
              if (!atDepth) node.bySegment.set(bucket.next.depth, (atDepth = new Map()));
              add(atDepth, bucket.next.segment, entry);
            } else node.all.push(entry);
          } else if (bucket.kind === 'name') add(this.byName, bucket.key, entry);
          else if (bucket.kind === 'ext') add(this.byExt, bucket.key, entry);
          else this.anywhere.push(entry);
        }
        if (!entry.owners.some((o) => o.index === index && o.exclude === exclude)) entry.owners.push({ index, exclude });
        if (exclude) this.excluding = true;
      }
    });
    this.entries = entries;
    this.globs = entries.size;
    this.includedAt = new Int32Array(decisions.length);
    this.excludedAt = new Int32Array(decisions.length);
  }

  /**
   * The entries whose glob may match `path` (a superset; the caller tests) into `out`, after those
   * that match every file of its folder, which go into `sure`.
   */
  private candidates(path: string, out: Entry[], sure: Entry[]): void {
    out.length = 0;
    sure.length = 0;
    const slash = path.lastIndexOf('/');
    const folder = slash === -1 ? '' : path.slice(0, slash);
    let shared = this.byDirectory.get(folder);
    if (!shared) {
      shared = this.folderCandidates(folder, path.split('/'));
      this.byDirectory.set(folder, shared);
    }
    for (let k = 0; k < shared.always.length; k++) sure.push(shared.always[k]);
    for (let k = 0; k < shared.maybe.length; k++) out.push(shared.maybe[k]);
    // The file's own name: globs whose literal segment sits at its depth, by name, by extension,
    // and the globs tried everywhere.
    const name = slash === -1 ? path : path.slice(slash + 1);
    for (const bySegment of shared.atName) {
      const list = bySegment.get(name);
      if (list) for (let k = 0; k < list.length; k++) out.push(list[k]);
    }
    this.nameCandidates(name, out);
    for (let k = 0; k < this.anywhere.length; k++) out.push(this.anywhere[k]);
  }

  /**
   * What every file in `folder` (whose path split at `/` is `segments`) shares: the candidates its
   * folders find, split into those that match every file there and those that depend on the name,
   * and the tables of globs whose literal segment is the file's own name.
   */
  private folderCandidates(folder: string, segments: string[]): FolderCandidates {
    const found: Entry[] = [];
    const atName: Array<Map<string, Entry[]>> = [];
    const last = segments.length - 1;
    let node: Folder | undefined = this.folders;
    for (let depth = 0; depth <= last && node; depth++) {
      for (let k = 0; k < node.all.length; k++) found.push(node.all[k]);
      if (node.bySegment) {
        for (const [at, bySegment] of node.bySegment) {
          if (at < last) {
            const list = bySegment.get(segments[at]);
            if (list) for (let k = 0; k < list.length; k++) found.push(list[k]);
          } else if (at === last) atName.push(bySegment);
        }
      }
      // A folder node only ever names folders: the last segment is the file itself.
      node = depth < last ? node.children.get(segments[depth]) : undefined;
    }
    for (let depth = 0; depth < last; depth++) this.nameCandidates(segments[depth], found);
    const always: Entry[] = [];
    const maybe: Entry[] = [];
    const dir = folder === '' ? '' : `${folder}/`;
    const slashDir = `/${dir}`;
    const lookup = ++this.lookups;
    for (const entry of found) {
      if (entry.tried === lookup) continue;
      entry.tried = lookup;
      const decided = decideFolder(entry.compiled, folder, dir, slashDir);
      if (decided === true) always.push(entry);
      else if (decided === null) maybe.push(entry);
    }
    return { always, maybe, atName };
  }

  /** The name and extension globs that may match the path segment `name`. */
  private nameCandidates(name: string, out: Entry[]): void {
    const push = (list: Entry[] | undefined) => {
      if (list) for (let k = 0; k < list.length; k++) out.push(list[k]);
    };
    if (this.byName.size > 0) push(this.byName.get(name));
    if (this.byExt.size > 0) for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) push(this.byExt.get(name.slice(dot)));
  }

  private lookups = 0;
  private readonly scratch: Entry[] = [];
  private readonly includedAt: Int32Array;
  private readonly excludedAt: Int32Array;

  /** The entries whose glob matches `path` (normalised), once each, into `out`. */
  private matchingInto(path: string, out: Entry[]): void {
    const list = this.scratch;
    this.candidates(path, list, out);
    // Numbered after the candidates (finding a folder's numbers its own lookup).
    const lookup = ++this.lookups;
    // `out` holds the folder's sure matches (distinct); the rest are tried once each.
    for (let k = 0; k < out.length; k++) out[k].tried = lookup;
    for (let k = 0; k < list.length; k++) {
      const entry = list[k];
      if (entry.tried === lookup) continue;
      entry.tried = lookup;
      if (test(entry.compiled, path)) out.push(entry);
    }
  }

  private readonly matched: Entry[] = [];

  /**
   * The records governing `path` (relative to the repository root), as indexes into
   * {@link decisions}, in record order: a record governs a path when one of its globs matches it and
   * none of its `!` globs does. With `globs`, where some record excludes paths, each governing
   * record's matching globs are added to its set there (see {@link matchedGlobs}).
   */
  governing(path: string, globs?: Map<number, Set<string>>): number[] {
    return [...this.governingInto(normalizeRepoPath(path), [], globs)];
  }

  /**
   * {@link governing} of a normalised path, into `out` (emptied first): the loop of affectedBy,
   * allocating nothing per file. With `sort` false the records come in no particular order.
   */
  governingInto(p: string, out: number[], globs?: Map<number, Set<string>>, sort = true): number[] {
    const matched = this.matched;
    this.matchingInto(p, matched);
    // Marks by record, stamped with this lookup's number: no set or search per match.
    const lookup = this.lookups;
    out.length = 0;
    let anyExcluded = false;
    for (let m = 0; m < matched.length; m++) {
      const entry = matched[m];
      entry.hit = true;
      const owners = entry.owners;
      for (let k = 0; k < owners.length; k++) {
        const o = owners[k];
        if (o.exclude) {
          this.excludedAt[o.index] = lookup;
          anyExcluded = true;
        } else if (this.includedAt[o.index] !== lookup) {
          this.includedAt[o.index] = lookup;
          out.push(o.index);
        }
      }
    }
    if (anyExcluded) {
      let kept = 0;
      for (let k = 0; k < out.length; k++) if (this.excludedAt[out[k]] !== lookup) out[kept++] = out[k];
      out.length = kept;
    }
    if (globs !== undefined && this.excluding) {
      // Which globs matched for which record, where exclusions make that a question per record.
      for (const entry of matched) {
        for (const o of entry.owners) {
          if (o.exclude || this.excludedAt[o.index] === lookup) continue;
          let set = globs.get(o.index);
          if (!set) globs.set(o.index, (set = new Set()));
          set.add(entry.glob);
        }
      }
    }
    if (sort && out.length > 1) out.sort((a, b) => a - b);
    return out;
  }

  /**
   * The globs of record `index` (as written, in its order) that matched since {@link resetHits}:
   * read from the globs' own marks, or, where some record excludes paths, from the per-record sets
   * {@link governing} filled in `globs`.
   */
  matchedGlobs(index: number, globs: Map<number, Set<string>>): string[] {
    const own = this.decisions[index].appliesTo.filter((a) => !a.glob.startsWith('!'));
    if (this.excluding) {
      const set = globs.get(index);
      return own.filter((a) => set?.has(a.glob)).map((a) => a.glob);
    }
    return own.filter((a) => this.entries.get(a.glob)?.hit).map((a) => a.glob);
  }

  /** Forgets which globs matched (before a new list of files). */
  resetHits(): void {
    for (const entry of this.entries.values()) entry.hit = false;
  }

  /**
   * The globs (as written, without a leading `!`) that match at least one of `files`: one pass
   * over the files, each tried only against its candidate globs that have not matched yet.
   */
  liveGlobs(files: Iterable<string>): Set<string> {
    const live = new Set<string>();
    const matched: Entry[] = [];
    for (const raw of files) {
      this.matchingInto(normalizeRepoPath(raw), matched);
      for (const entry of matched) live.add(entry.glob);
      if (live.size === this.globs) break;
    }
    return live;
  }

  /** Whether `glob` (as a record wrote it, without `!`) matches `path`. */
  static matches(glob: string, path: string): boolean {
    return compileGlob(glob)(normalizeRepoPath(path));
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
  const lists: Array<string[] | undefined> = new Array(decisions.length);
  const globs = new Map<number, Set<string>>();
  index.resetHits();
  const retiredOnly: Affected['retiredOnly'] = [];
  const seen = new Set<string>();
  const owners: number[] = [];
  const retiredAt = decisions.map((d) => RETIRED_STATUSES.has(d.status ?? ''));
  let governed = 0;
  for (const raw of files) {
    const file = normalizeRepoPath(raw);
    if (file === '' || seen.has(file)) continue;
    seen.add(file);
    // Unsorted: each record's list gets the file either way; only a retired-only call-out is sorted.
    index.governingInto(file, owners, globs, false);
    if (owners.length === 0) continue;
    governed++;
    let retired = true;
    for (let k = 0; k < owners.length; k++) {
      const i = owners[k];
      const list = lists[i];
      if (list) list.push(file);
      else lists[i] = [file];
      if (retired && !retiredAt[i]) retired = false;
    }
    if (retired) retiredOnly.push({ file, decisions: [...owners].sort((a, b) => a - b).map((i) => decisions[i]) });
  }
  const out: AffectedDecision[] = [];
  for (let i = 0; i < lists.length; i++) {
    const list = lists[i];
    if (list) out.push({ decision: decisions[i], files: list, globs: index.matchedGlobs(i, globs) });
  }
  return { decisions: out, retiredOnly, governed };
}
