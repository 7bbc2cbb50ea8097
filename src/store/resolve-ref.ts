/**
 * REF resolution: how a person names a record on the command line.
 *
 * In order of preference, a REF is
 * 1. a file name or path inside the log (`0003-use-x.md`, `decisions/0003-use-x.md`, `sub/x.md`),
 * 2. a file stem or id (`0003-use-x`, `2025-08-06-nix`), any case,
 * 3. a number (`3`, `0003`, `ADR-3`): where the log numbers its records, a record number and
 *    nothing else; where it does not (date-named files), a number written as a word of a title
 *    (`Python 3`), never the digits of a date or of a longer number (`2026-12-03`, `3.12`, `13`),
 * 4. an exact title or slug (the stem without its date or number prefix), else a unique
 *    case-insensitive part of a title or of a stem (`postgres`).
 *
 * An unknown or ambiguous REF is a UserError listing the candidates, each with a REF that names it
 * ({@link recordRefs}: what `adr list` shows). A REF is only ever matched against the records the
 * log reader found, so it can never name a file outside the log: REFs with `..` segments, absolute
 * paths or NUL bytes are refused up front, with a message that says why.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';
import { relativePath } from '../output.js';
import type { Decision, Log } from '../model/index.js';
import { listOrder } from './record-order.js';

/** Options of a resolution. */
export interface ResolveOptions {
  /** The directory a path-like REF is relative to (the command's cwd); the log folder when absent. */
  cwd?: string;
}

function stem(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.(md|markdown)$/i, '');
}

/** A stem without its date or number prefix (`2025-08-06-nix` → `nix`, `0003-use-x` → `use-x`). */
function slugOf(file: string): string {
  return stem(file).replace(/^(\d{4}-?\d{2}-?\d{2}|(adr[-_]?)?\d{1,6})[-_]/i, '');
}

/** `3`, `0003`, `ADR-3`, `#3`: the number a REF names, or null. */
function refNumber(ref: string): number | null {
  const m = /^(?:adr[-_ ]?|#)?0*(\d{1,9})$/i.exec(ref.trim());
  return m ? Number(m[1]) : null;
}

/**
 * Whether `title` has the number `n` as a word of its own: `Python 3` has 3, `Node 20 LTS` has 20;
 * `2026-12-03`, `3.12`, `v13` and `13` do not have 3 (digits joined by `-./,:` are one date or
 * version, and a word with letters is not a number).
 */
export function titleHasNumber(title: string, n: number): boolean {
  for (const m of title.matchAll(/(?<![\p{L}\p{N}])\d+(?:[-./,:]\d+)*(?![\p{L}\p{N}])/gu)) {
    if (/^\d+$/.test(m[0]) && Number(m[0]) === n) return true;
  }
  return false;
}

/** Whether the log names (some of) its records by number (`0003-x.md`, `# 3. Title`). */
function numbersRecords(decisions: readonly Decision[]): boolean {
  return decisions.some((d) => d.number !== null);
}

/**
 * For every record of the log, the shortest REF that every command resolves to it, by file:
 * the record number where it is unique (`3`), else the slug where it is unique (`use-postgresql`),
 * else the stem, else the file's path from `cwd` (the log folder when absent). Computed for the whole log at once (`adr list` shows it for
 * 10,000 records), following the order {@link resolveRef} tries: each candidate is given only when
 * no earlier step of the resolution would take it elsewhere.
 */
export function recordRefs(log: Pick<Log, 'decisions' | 'dir'>, cwd?: string): Map<string, string> {
  // Which records each key reaches at the step that looks at it.
  const add = <K>(map: Map<K, Set<string>>, key: K, file: string) => {
    const set = map.get(key);
    if (set) set.add(file);
    else map.set(key, new Set([file]));
  };
  const stems = new Map<string, Set<string>>();
  const numbers = new Map<number, Set<string>>();
  const titles = new Map<string, Set<string>>();
  const slugs = new Map<string, Set<string>>();
  for (const d of log.decisions) {
    add(stems, stem(d.file).toLowerCase(), d.file);
    add(stems, d.id.toLowerCase(), d.file);
    if (d.number !== null) add(numbers, d.number, d.file);
    add(titles, d.title.toLowerCase(), d.file);
    add(slugs, slugOf(d.file).toLowerCase(), d.file);
  }
  /** Whether `map` sends `key` nowhere, or to `file` alone. */
  const free = <K>(map: Map<K, Set<string>>, key: K, file: string) => {
    const set = map.get(key);
    return !set || (set.size === 1 && set.has(file));
  };
  const only = <K>(map: Map<K, Set<string>>, key: K, file: string) => map.get(key)?.size === 1 && map.get(key)!.has(file);
  const refs = new Map<string, string>();
  for (const d of log.decisions) {
    const st = stem(d.file);
    const slug = slugOf(d.file);
    const key = slug.toLowerCase();
    let ref: string;
    if (d.number !== null && only(numbers, d.number, d.file) && free(stems, String(d.number), d.file)) ref = String(d.number);
    else if (slug && slug !== st && free(stems, key, d.file) && refNumber(slug) === null && free(titles, key, d.file) && only(slugs, key, d.file)) ref = slug;
    else if (only(stems, st.toLowerCase(), d.file)) ref = st;
    else ref = pathRef(log.dir, d.file, cwd);
    refs.set(d.file, ref);
  }
  return refs;
}

/** A record's path as a REF: from `cwd`, and path-like (`./x.md`) so no other record's file name takes it. */
function pathRef(dir: string, file: string, cwd = dir): string {
  const rel = relativePath(cwd, resolve(dir, file));
  return rel.includes('/') ? rel : `./${rel}`;
}

/** One candidate line per record: `  use-postgresql  Use PostgreSQL  (2025-08-06-use-postgresql.md)`, aligned. */
export function describeCandidates(decisions: Decision[], limit = 10, refs: ReadonlyMap<string, string> = new Map()): string {
  const shown = [...decisions].sort(listOrder).slice(0, limit);
  const refOf = (d: Decision) => refs.get(d.file) ?? d.id;
  const width = Math.max(...shown.map((d) => refOf(d).length), 2);
  const lines = shown.map((d) => `  ${refOf(d).padEnd(width)}  ${d.title || '(untitled)'}  (${d.file})`);
  if (decisions.length > limit) lines.push(`  … and ${decisions.length - limit} more (adr list shows them all)`);
  return lines.join('\n');
}

function ambiguous(log: Log, ref: string, matches: Decision[], cwd?: string): UserError {
  return new UserError(`'${ref}' matches ${matches.length} records; name one of them by its REF:\n${describeCandidates(matches, 10, recordRefs(log, cwd))}`);
}

/** Words of a text, lower-cased, for suggesting near misses. */
function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
}

/** A word of a title that names its record alone (`kafka`), for a hint; the newest record's first such word. */
function titleWordExample(decisions: readonly Decision[]): string | null {
  const newest = [...decisions].sort((a, b) => ((a.date ?? '') + a.file < (b.date ?? '') + b.file ? 1 : -1));
  for (const d of newest.slice(0, 20)) {
    const candidates = d.title.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 4).sort((a, b) => b.length - a.length);
    for (const w of candidates) {
      if (decisions.filter((x) => x.title.toLowerCase().includes(w) || stem(x.file).toLowerCase().includes(w)).length === 1) return w;
    }
  }
  return null;
}

/**
 * The record `ref` names in `log`. Throws a UserError when none or several match, or when the
 * REF tries to leave the log.
 */
export function resolveRef(log: Log, ref: string, options: ResolveOptions = {}): Decision {
  const raw = ref.trim();
  if (raw === '') throw new UserError('an empty REF names no record');
  if (raw.includes('\0')) throw new UserError('a REF cannot contain a NUL byte');
  const decisions = log.decisions;
  const lower = raw.toLowerCase();

  // 1. Paths and file names. Anything path-like must land inside the log folder.
  if (raw.includes('/') || raw.includes('\\') || isAbsolute(raw) || raw === '..' || raw === '.') {
    const candidates = [resolve(options.cwd ?? log.dir, raw), resolve(log.dir, raw)];
    let inside: string | null = null;
    for (const abs of candidates) {
      const rel = relative(log.dir, abs);
      if (rel && !rel.startsWith('..') && !isAbsolute(rel)) {
        inside = rel.split(sep).join('/');
        const hit = decisions.find((d) => d.file === inside || d.file.toLowerCase() === inside!.toLowerCase());
        if (hit) return hit;
      }
    }
    if (inside === null) throw new UserError(`'${raw}' is outside the log folder ${log.dir}; a REF names a record of the log`);
    throw new UserError(`no record ${inside} in the log ${log.dir}`);
  }
  const byFile = decisions.filter((d) => d.file.split('/').pop()!.toLowerCase() === lower);
  if (byFile.length === 1) return byFile[0];
  if (byFile.length > 1) throw ambiguous(log, raw, byFile, options.cwd);

  // 2. Stem or id.
  const byStem = decisions.filter((d) => stem(d.file).toLowerCase() === lower || d.id.toLowerCase() === lower);
  if (byStem.length === 1) return byStem[0];
  if (byStem.length > 1) throw ambiguous(log, raw, byStem, options.cwd);

  // 3. A number: `3`, `0003`, `ADR-3`, `#3`.
  const n = refNumber(raw);
  if (n !== null) return resolveNumber(log, raw, n, options);

  // 4. An exact title, then a unique part of a title or stem.
  const byTitle = decisions.filter((d) => d.title.toLowerCase() === lower);
  if (byTitle.length === 1) return byTitle[0];
  if (byTitle.length > 1) throw ambiguous(log, raw, byTitle, options.cwd);
  // The slug (stem without its date or number prefix) said exactly beats a part of a title.
  const bySlug = decisions.filter((d) => slugOf(d.file).toLowerCase() === lower);
  if (bySlug.length === 1) return bySlug[0];
  if (bySlug.length > 1) throw ambiguous(log, raw, bySlug, options.cwd);
  const byPart = decisions.filter((d) => d.title.toLowerCase().includes(lower) || stem(d.file).toLowerCase().includes(lower));
  if (byPart.length === 1) return byPart[0];
  if (byPart.length > 1) throw ambiguous(log, raw, byPart, options.cwd);

  // Nothing: suggest records sharing a word with the REF.
  const want = new Set(words(raw));
  const near = decisions.filter((d) => words(`${d.title} ${stem(d.file)}`).some((w) => want.has(w) || [...want].some((x) => w.startsWith(x) || x.startsWith(w))));
  throw new UserError(`no record matches '${raw}'${unknownHint(log, near, options.cwd)}`);
}

/** The end of a "no record matches" message: near misses, the records of a small log, or a count. */
function unknownHint(log: Log, near: Decision[], cwd?: string): string {
  const decisions = log.decisions;
  if (decisions.length === 0) return ` (the log ${log.dir} has no records)`;
  if (near.length > 0) return `; did you mean:\n${describeCandidates(near, 10, recordRefs(log, cwd))}`;
  if (decisions.length <= 10) return `; the records are:\n${describeCandidates(decisions, 10, recordRefs(log, cwd))}`;
  return ` (${decisions.length} records; adr list shows each one's REF)`;
}

/** A REF that is a number: a record number where the log numbers its records, else a number in a title. */
function resolveNumber(log: Log, raw: string, n: number, options: ResolveOptions): Decision {
  const decisions = log.decisions;
  const byNumber = decisions.filter((d) => d.number === n);
  if (byNumber.length === 1) return byNumber[0];
  if (byNumber.length > 1) throw ambiguous(log, raw, byNumber, options.cwd);
  const inTitle = decisions.filter((d) => titleHasNumber(d.title, n));
  if (numbersRecords(decisions)) {
    // A number in a numbered log means a record number: a title that happens to hold it is a hint, never a match.
    const numbers = decisions.map((d) => d.number).filter((x): x is number => x !== null);
    const range = `the records are numbered ${Math.min(...numbers)} to ${Math.max(...numbers)}`;
    const hint = inTitle.length ? `; these titles have ${n} in them:\n${describeCandidates(inTitle, 10, recordRefs(log, options.cwd))}` : '';
    throw new UserError(`no record number ${n} (${range}; adr list shows them)${hint}`);
  }
  if (inTitle.length === 1) return inTitle[0];
  if (inTitle.length > 1) throw ambiguous(log, raw, inTitle, options.cwd);
  // A whole date (`20250806`, as log4brains names its files) names the records of that day.
  if (/^\d{8}$/.test(raw)) {
    const day = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6)}`;
    const byDay = decisions.filter((d) => new RegExp(`^(${raw}|${day})[-_]`).test(stem(d.file)));
    if (byDay.length === 1) return byDay[0];
    if (byDay.length > 1) throw ambiguous(log, raw, byDay, options.cwd);
  }
  if (decisions.length === 0) throw new UserError(`no record matches '${raw}' (the log ${log.dir} has no records)`);
  const example = titleWordExample(decisions);
  throw new UserError(
    `no record matches '${raw}': this log names its records by date, not by number, and no title has the number ${n}; ` +
      `use a word of a title${example ? ` (such as '${example}')` : ''} or a REF from adr list`,
  );
}
