/**
 * How a log names its files and which dialect most of it is written in, found cheaply.
 *
 * `adr new` runs while someone waits, in logs of 10,000 records: it must not parse the log.
 * The naming comes from the file names alone (one readdir); the dialect from a sniff of the
 * first 2 KB of the most recent files. The full parser is never loaded here.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Config } from '../model/index.js';
import { dominantEol } from '../parse/eol.js';

/** A path with POSIX separators (as markdown links and the model write them). */
export const toPosix = (p: string): string => (sep === '\\' ? p.split(sep).join('/') : p);

/** A dialect `adr new` can write. */
export type WritableDialect = 'summary' | 'nygard' | 'madr2' | 'madr3' | 'madr4';

/** Every dialect `adr new` can write, for flag validation and help. */
export const WRITABLE_DIALECTS: readonly WritableDialect[] = ['summary', 'nygard', 'madr2', 'madr3', 'madr4'];

/**
 * A file naming scheme.
 * - `date`: `2025-08-06-slug.md` (the primary format; the default for a new log)
 * - `compact-date`: `20250806-slug.md` (log4brains)
 * - `number`: `0012-slug.md` (adr-tools, MADR), `width` digits, zero-padded
 */
export type NamingScheme = { kind: 'date' } | { kind: 'compact-date' } | { kind: 'number'; width: number };

/**
 * The three namings as patterns, tried in this order; classifyName implements them with character
 * tests, and test/authoring-new/slug-naming.test.ts holds it to these.
 */
export const NAME_PATTERNS = {
  date: /^(\d{4})-(\d{2})-(\d{2})-.+\.md$/i,
  compact: /^(\d{4})(\d{2})(\d{2})-.+\.md$/i,
  number: /^(\d{1,6})[-_].+\.md$/i,
} as const;

const NOT_RECORD = /^(?:template|adr-template.*|index|readme)\.(?:md|markdown)$|^_?template/i;

/** Markdown files of a log folder that are records: not templates, READMEs, indexes or the overview (FORMAT.md §3). */
export function isRecordFileName(name: string, overviewName = 'DECISIONS.md'): boolean {
  // Character tests, no regular expression and no allocation on the common path: this runs on
  // every name of a 10,000-file folder on `adr new`'s fast path, in a process too short for the
  // regex tier-up, and a lower-cased copy of each name is 10,000 strings for the collector.
  if (name.charCodeAt(0) === 46 /* . */ || !hasMarkdownExtension(name)) return false;
  if (name.length === overviewName.length && name.toLowerCase() === overviewName.toLowerCase()) return false;
  const c = name.charCodeAt(0) | 32;
  // Only names starting t(emplate), a(dr-template), i(ndex), r(eadme) or _ can be one of the non-records.
  if (c === 116 || c === 97 || c === 105 || c === 114 || c === 127 /* _ | 32 */) return !NOT_RECORD.test(name);
  return true;
}

/** Whether `name` ends in `.md` or `.markdown`, in any case. */
function hasMarkdownExtension(name: string): boolean {
  const n = name.length;
  if (n > 3 && name.charCodeAt(n - 3) === 46 && (name.charCodeAt(n - 2) | 32) === 109 && (name.charCodeAt(n - 1) | 32) === 100) return true;
  return n > 9 && name.charCodeAt(n - 9) === 46 && name.slice(n - 8).toLowerCase() === 'markdown';
}

/** How a record's file name starts: by date, by compact date (with its month), by number, or neither. */
export type NameKind = { kind: 'date' } | { kind: 'compact'; month: number } | { kind: 'number'; width: number; number: number } | null;

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Classifies a name exactly as {@link NAME_PATTERNS} would, tried in their order, with character
 * tests: in a process as short as `adr new`, three cold regular expressions over every name of a
 * 10,000-file folder cost more than everything else it does.
 */
export function classifyName(name: string): NameKind {
  const kind = classifyInto(name, scratch);
  if (kind === NONE) return null;
  if (kind === DATE) return { kind: 'date' };
  if (kind === COMPACT) return { kind: 'compact', month: scratch.value };
  return { kind: 'number', width: scratch.width, number: scratch.value };
}

const NONE = 0;
const DATE = 1;
const COMPACT = 2;
const NUMBER = 3;
/** Where classifyInto leaves the number (or the compact date's month) and its digit count. */
interface Scratch {
  value: number;
  width: number;
}
const scratch: Scratch = { value: 0, width: 0 };

/**
 * classifyName without allocating: the kind as a small number, the value in `out`. The loop over a
 * 10,000-name folder runs before V8 has optimised anything, where every object and substring counts.
 */
function classifyInto(name: string, out: Scratch): number {
  const n = name.length;
  let c = name.charCodeAt(0);
  if (!isDigit(c)) return NONE;
  // Every pattern ends `.+\.md` (any case).
  if (!(n > 3 && name.charCodeAt(n - 3) === 46 && (name.charCodeAt(n - 2) | 32) === 109 && (name.charCodeAt(n - 1) | 32) === 100)) return NONE;
  let k = 0;
  let value = 0;
  while (isDigit(c)) {
    if (k < 9) value = value * 10 + (c - 48);
    k++;
    c = name.charCodeAt(k);
  }
  // `YYYY-MM-DD-x.md`
  if (k === 4 && c === 45 && n >= 15 && isDigit(name.charCodeAt(5)) && isDigit(name.charCodeAt(6)) && name.charCodeAt(7) === 45 &&
      isDigit(name.charCodeAt(8)) && isDigit(name.charCodeAt(9)) && name.charCodeAt(10) === 45) return DATE;
  // `YYYYMMDD-x.md`
  if (k === 8 && c === 45 && n >= 13) {
    out.value = (name.charCodeAt(4) - 48) * 10 + (name.charCodeAt(5) - 48);
    return COMPACT;
  }
  // `NNNN-x.md`, `N_x.md`: one to six digits
  if (k >= 1 && k <= 6 && (c === 45 || c === 95) && n >= k + 5) {
    out.value = value;
    out.width = k;
    return NUMBER;
  }
  return NONE;
}

/** The record number a file name starts with (`0012-x.md` gives 12), or null (date-named files give null). */
export function fileNumber(name: string): number | null {
  const kind = classifyName(name);
  return kind?.kind === 'number' ? kind.number : null;
}

/**
 * The naming most of `files` follow, or null when no file follows a known scheme (a new log).
 * Ties go to the date scheme, the primary format's.
 */
export function detectNaming(files: readonly string[]): NamingScheme | null {
  return tallyNames(files).naming;
}

/** The naming scheme from counts of date-named, compact-date-named and numbered names (by digit width). */
function namingFromCounts(dated: number, compact: number, widths: ReadonlyMap<number, number>): NamingScheme | null {
  let numbered = 0;
  let width = 4;
  let best = 0;
  for (const [w, count] of widths) {
    numbered += count;
    if (count > best || (count === best && w > width)) {
      best = count;
      width = w;
    }
  }
  if (dated + compact + numbered === 0) return null;
  if (dated >= compact && dated >= numbered) return { kind: 'date' };
  if (compact >= numbered) return { kind: 'compact-date' };
  return { kind: 'number', width };
}

/** The highest record number among `files` (0 when none is numbered). */
export function maxNumber(files: readonly string[]): number {
  return tallyNames(files).maxNumber;
}

/**
 * One pass over a folder's names: those `keep` accepts (all by default), the naming most of them
 * follow and the highest number among them. No allocation per name: in a process as short as
 * `adr new` this loop runs before V8 has optimised anything.
 */
function tallyNames(names: readonly string[], keep?: (name: string) => boolean): { kept: string[]; naming: NamingScheme | null; maxNumber: number } {
  const kept: string[] = [];
  let dated = 0;
  let compact = 0;
  let max = 0;
  // Counts by digit width, 1 to 6 (a Map per name costs more than the whole loop).
  const byWidth = [0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (keep && !keep(name)) continue;
    kept.push(name);
    const kind = classifyInto(name, scratch);
    if (kind === DATE) dated++;
    else if (kind === COMPACT) {
      if (scratch.value <= 12) compact++;
    } else if (kind === NUMBER) {
      byWidth[scratch.width]++;
      if (scratch.value > max) max = scratch.value;
    }
  }
  const widths = new Map<number, number>();
  for (let w = 1; w < byWidth.length; w++) if (byWidth[w] > 0) widths.set(w, byWidth[w]);
  return { kept, naming: namingFromCounts(dated, compact, widths), maxNumber: max };
}

/**
 * The file name for a new record.
 * @param attempt 0 for the first try; later tries (the name was taken) add `-2`, `-3`... to a
 *   date-named file. Numbered files take the next number instead (the caller passes it).
 */
export function recordFileName(scheme: NamingScheme, facts: { date: string; number: number; slug: string; attempt?: number }): string {
  const attempt = facts.attempt ?? 0;
  if (scheme.kind === 'number') {
    return `${String(facts.number).padStart(scheme.width, '0')}-${facts.slug}.md`;
  }
  const suffix = attempt > 0 ? `-${attempt + 1}` : '';
  const date = scheme.kind === 'date' ? facts.date : facts.date.replaceAll('-', '');
  return `${date}-${facts.slug}${suffix}.md`;
}

/**
 * The dialect a record's first bytes are written in, or null when they do not say.
 * A sniff, not a parse: it looks only for the header lines each dialect opens with.
 */
export function sniffDialect(head: string): WritableDialect | null {
  const text = head.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.startsWith('---\n')) {
    const end = text.indexOf('\n---', 3);
    const front = end > 0 ? text.slice(4, end) : text.slice(4);
    if (/^decision-makers\s*:/m.test(front)) return 'madr4';
    if (/^(status|date|deciders|consulted|informed)\s*:/m.test(front)) return 'madr3';
  }
  if (/^\*\*(Decision )?Status\*\*\s*:|^\*\*(Decision )?Status:\*\*|^\*\*Decision Date\*\*\s*:/m.test(text)) return 'summary';
  if (/^[-*] (Status|Deciders|Date)\s*:/im.test(text)) return 'madr2';
  if (/^##\s+Status\s*$/m.test(text) || /^#\s+\d+\.\s+\S/m.test(text)) return 'nygard';
  return null;
}

/** What `adr new` needs to know about an existing log folder. */
export interface LogScan {
  /** File names in the log folder (not recursive), in listing order. */
  files: readonly string[];
  /** Record file names among them, in listing order. */
  records: string[];
  /** The newest `SNIFF_FILES` records (the greatest names), sorted: the ones the sniff read. */
  newest: string[];
  /** The naming the records follow, or null for an empty log. */
  naming: NamingScheme | null;
  /** The highest number in use (0 when none). */
  maxNumber: number;
  /** The dialect most sniffed records are written in, or null when none could be told. */
  dialect: WritableDialect | null;
  /** The line ending most sniffed records use, or null when none told (a new log). */
  eol: '\n' | '\r\n' | null;
  /** Whether most sniffed records start with a UTF-8 byte-order mark (null when none could be read). */
  bom: boolean | null;
  /** Front-matter lines the records share (see `sharedFrontMatter`). */
  frontMatter: SharedFrontMatter[];
}

/** How many of the most recent records the dialect sniff reads (a majority of twenty is a clear one), and how much of each. */
export const SNIFF_FILES = 20;
export const SNIFF_BYTES = 2048;

/** Reads the first `bytes` bytes of a file as UTF-8, or null when it cannot be read. */
function readHead(path: string, bytes: number): string | null {
  let fd: number | null = null;
  try {
    // Non-blocking, and regular files only: a FIFO named `x.md` must not hang `adr new`.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(fd).isFile()) return null;
    const buffer = Buffer.alloc(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n).toString('utf8');
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * The majority dialect of `records` (names in `dir`), sniffed from the newest `SNIFF_FILES`
 * (file names sort by date or number, so the last ones are the newest). Ties go to the newest
 * file's dialect, which is what the team writes today.
 */
export function sniffLogDialect(dir: string, records: readonly string[]): WritableDialect | null {
  return sniffLog(dir, records).dialect;
}

/** What the sniff tells about a log's writing conventions. */
export interface LogConventions {
  dialect: WritableDialect | null;
  /** The majority line ending, or null when no sniffed record has a line break. */
  eol: '\n' | '\r\n' | null;
  /** Whether the majority of readable records starts with a BOM, or null when none was readable. */
  bom: boolean | null;
  /** Front-matter keys the log's records share beyond the dialect's own (see `sharedFrontMatter`). */
  frontMatter: SharedFrontMatter[];
}

/**
 * A front-matter line every new record of the log should carry: a key with the same value in
 * all records (`parent: Decisions`, a Jekyll/just-the-docs navigation parent), or one whose
 * value is always the record's number (`nav_order: 18`), written with the new number.
 */
export type SharedFrontMatter = { key: string; value: string } | { key: string; number: true };

/** Keys the writers of the MADR dialects set themselves; never copied from other records. */
const OWN_FRONT_MATTER = /^(status|date|deciders|decision-makers|consulted|informed|title|priority|category|tags)$/i;

/** The simple `key: value` lines of a head's front matter (nested or multi-line values are skipped), or null without one. */
export function frontMatterLines(head: string): Map<string, string> | null {
  const text = head.replace(/^\uFEFF/, '');
  if (!/^---\r?\n/.test(text)) return null;
  const lines = text.split(/\r?\n/);
  const end = lines.indexOf('---', 1);
  if (end < 0) return null;
  const out = new Map<string, string>();
  for (const line of lines.slice(1, end)) {
    const m = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(\S.*?)[ \t]*$/.exec(line);
    if (m && !/^[|>[{]/.test(m[2])) out.set(m[1], m[2]);
  }
  return out;
}

/**
 * The front-matter lines shared by the log's records (`heads`: file name and front matter of
 * each sniffed record that has one): a key present in at least half of them, whose value is the
 * same everywhere, or is everywhere the file's own number.
 */
export function sharedFrontMatter(heads: ReadonlyArray<{ file: string; front: Map<string, string> }>): SharedFrontMatter[] {
  if (heads.length < 2) return [];
  const keys = new Map<string, number>();
  for (const { front } of heads) for (const key of front.keys()) keys.set(key, (keys.get(key) ?? 0) + 1);
  const shared: SharedFrontMatter[] = [];
  for (const [key, count] of keys) {
    if (count * 2 < heads.length || OWN_FRONT_MATTER.test(key)) continue;
    const having = heads.filter((h) => h.front.has(key));
    const first = having[0].front.get(key)!;
    if (having.every((h) => h.front.get(key) === first)) shared.push({ key, value: first });
    else if (having.every((h) => fileNumber(h.file) !== null && h.front.get(key) === String(fileNumber(h.file)))) shared.push({ key, number: true });
  }
  return shared;
}

/**
 * The majority dialect (see `sniffLogDialect`), line ending and BOM of the newest records: a new
 * record follows the log's own conventions, so a Windows checkout (core.autocrlf) gets CRLF and a
 * log whose records carry a BOM gets one. Each file counts once (its head's majority line ending);
 * ties go to LF and to no BOM, the plain form.
 */
export function sniffLog(dir: string, records: readonly string[]): LogConventions {
  const sample = records.slice(-SNIFF_FILES);
  const counts = new Map<WritableDialect, number>();
  let newest: WritableDialect | null = null;
  let crlf = 0;
  let lf = 0;
  let withBom = 0;
  let withoutBom = 0;
  const fronts: Array<{ file: string; front: Map<string, string> }> = [];
  for (const name of sample) {
    const head = readHead(join(dir, name), SNIFF_BYTES);
    if (head === null || head === '') continue;
    const front = frontMatterLines(head);
    if (front) fronts.push({ file: name, front });
    if (head.charCodeAt(0) === 0xfeff) withBom++;
    else withoutBom++;
    const eol = dominantEol(head);
    if (eol === '\r\n') crlf++;
    else if (eol === '\n') lf++;
    const dialect = sniffDialect(head);
    if (!dialect) continue;
    counts.set(dialect, (counts.get(dialect) ?? 0) + 1);
    newest = dialect;
  }
  let best: WritableDialect | null = null;
  let bestCount = 0;
  for (const [dialect, count] of counts) {
    if (count > bestCount || (count === bestCount && dialect === newest)) {
      best = dialect;
      bestCount = count;
    }
  }
  return {
    dialect: best,
    eol: crlf + lf === 0 ? null : crlf > lf ? '\r\n' : '\n',
    bom: withBom + withoutBom === 0 ? null : withBom > withoutBom,
    frontMatter: sharedFrontMatter(fronts),
  };
}

/** Scans a log folder: one readdir plus the dialect sniff. A missing folder scans as empty. */
export function scanLog(dir: string, overviewName = 'DECISIONS.md'): LogScan {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') files = [];
    else throw error;
  }
  return scanFiles(dir, files, overviewName);
}

/**
 * The `n` greatest names of `names`, sorted (file names sort by date or number, so these are the
 * newest records).
 */
export function greatestNames(names: readonly string[], n: number): string[] {
  if (n <= 0) return [];
  // One native sort of a copy: 3-5 ms for 10,000 names, sorted or not. (Keeping a running top n
  // costs an insertion per name when the listing comes sorted, as most filesystems list it.)
  return [...names].sort().slice(-n);
}

/**
 * `scanLog` on a listing already read (`adr new` reads it once, under its lock). One pass over
 * the names classifies each once (record or not, date, compact date or number); the sniff reads
 * only the newest records.
 */
export function scanFiles(dir: string, listing: readonly string[], overviewName = 'DECISIONS.md'): LogScan {
  const { kept: records, naming, maxNumber: max } = tallyNames(listing, (name) => isRecordFileName(name, overviewName));
  const newest = greatestNames(records, SNIFF_FILES);
  return {
    files: listing,
    records,
    newest,
    naming,
    maxNumber: max,
    ...sniffLog(dir, newest),
  };
}

/**
 * Where the log's overview file is, whether or not it exists: the config's `overview`
 * (relative to the log folder), else `../DECISIONS.md`; null when the config turns it off.
 */
export function overviewTarget(dir: string, config: Config): string | null {
  if (config.overview === false) return null;
  return resolve(dir, typeof config.overview === 'string' && config.overview ? config.overview : '../DECISIONS.md');
}

/**
 * The log's overview file when it exists, else null: the configured one, else `../DECISIONS.md`,
 * else `DECISIONS.md` inside the log folder (the order the log reader uses).
 */
export function resolveOverviewPath(dir: string, config: Config): string | null {
  if (config.overview === false) return null;
  const candidates = typeof config.overview === 'string' && config.overview ? [config.overview] : ['../DECISIONS.md', 'DECISIONS.md'];
  for (const candidate of candidates) {
    const path = resolve(dir, candidate);
    if (existsSync(path) && statSync(path).isFile()) return path;
  }
  return null;
}

/** The link from a record (`file`, relative to the log folder) to the overview, POSIX (`../DECISIONS.md`). */
export function overviewLinkFrom(dir: string, file: string, overviewPath: string): string {
  return toPosix(relative(dirname(join(dir, file)), overviewPath));
}
