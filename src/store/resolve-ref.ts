/**
 * REF resolution: how a person names a record on the command line.
 *
 * In order of preference, a REF is
 * 1. a file name or path inside the log (`0003-use-x.md`, `decisions/0003-use-x.md`, `sub/x.md`),
 * 2. a file stem or id (`0003-use-x`, `2025-08-06-nix`), any case,
 * 3. a number (`3`, `0003`, `ADR-3`), matched against record numbers,
 * 4. an exact title or slug (the stem without its date or number prefix), else a unique
 *    case-insensitive part of a title or of a stem (`postgres`).
 *
 * An unknown or ambiguous REF is a UserError listing the candidates (id, title, file). A REF is
 * only ever matched against the records the log reader found, so it can never name a file
 * outside the log: REFs with `..` segments, absolute paths or NUL bytes are refused up front,
 * with a message that says why.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';
import type { Decision, Log } from '../model/index.js';

/** Options of a resolution. */
export interface ResolveOptions {
  /** The directory a path-like REF is relative to (the command's cwd); the log folder when absent. */
  cwd?: string;
}

function stem(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.(md|markdown)$/i, '');
}

/** One candidate line: `  0003  Use PostgreSQL  (0003-use-postgresql.md)`. */
export function describeCandidates(decisions: Decision[], limit = 10): string {
  const shown = decisions.slice(0, limit);
  const width = Math.min(24, Math.max(...shown.map((d) => d.id.length), 2));
  const lines = shown.map((d) => `  ${d.id.padEnd(width)}  ${d.title || '(untitled)'}  (${d.file})`);
  if (decisions.length > limit) lines.push(`  … and ${decisions.length - limit} more (adr list shows them all)`);
  return lines.join('\n');
}

function ambiguous(ref: string, matches: Decision[]): UserError {
  return new UserError(`'${ref}' matches ${matches.length} records; use a number or file name:\n${describeCandidates(matches)}`);
}

/** Words of a text, lower-cased, for suggesting near misses. */
function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
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
  if (byFile.length > 1) throw ambiguous(raw, byFile);

  // 2. Stem or id.
  const byStem = decisions.filter((d) => stem(d.file).toLowerCase() === lower || d.id.toLowerCase() === lower);
  if (byStem.length === 1) return byStem[0];
  if (byStem.length > 1) throw ambiguous(raw, byStem);

  // 3. A number: `3`, `0003`, `ADR-3`, `#3`.
  const num = /^(?:adr[-_ ]?|#)?0*(\d{1,9})$/i.exec(raw);
  if (num) {
    const n = Number(num[1]);
    const byNumber = decisions.filter((d) => d.number === n);
    if (byNumber.length === 1) return byNumber[0];
    if (byNumber.length > 1) throw ambiguous(raw, byNumber);
  }

  // 4. An exact title, then a unique part of a title or stem.
  const byTitle = decisions.filter((d) => d.title.toLowerCase() === lower);
  if (byTitle.length === 1) return byTitle[0];
  if (byTitle.length > 1) throw ambiguous(raw, byTitle);
  // The slug (stem without its date or number prefix) said exactly beats a part of a title.
  const slug = (d: Decision) => stem(d.file).toLowerCase().replace(/^(\d{4}-?\d{2}-?\d{2}|(adr[-_]?)?\d{1,6})[-_]/, '');
  const bySlug = decisions.filter((d) => slug(d) === lower);
  if (bySlug.length === 1) return bySlug[0];
  if (bySlug.length > 1) throw ambiguous(raw, bySlug);
  const byPart = decisions.filter((d) => d.title.toLowerCase().includes(lower) || stem(d.file).toLowerCase().includes(lower));
  if (byPart.length === 1) return byPart[0];
  if (byPart.length > 1) throw ambiguous(raw, byPart);

  // Nothing: suggest records sharing a word with the REF.
  const want = new Set(words(raw));
  const near = decisions.filter((d) => words(`${d.title} ${stem(d.file)}`).some((w) => want.has(w) || [...want].some((x) => w.startsWith(x) || x.startsWith(w))));
  const hint =
    decisions.length === 0
      ? ` (the log ${log.dir} has no records)`
      : near.length > 0
        ? `; did you mean:\n${describeCandidates(near)}`
        : decisions.length <= 10
          ? `; the records are:\n${describeCandidates(decisions)}`
          : ` (${decisions.length} records; adr list shows them)`;
  throw new UserError(`no record matches '${raw}'${hint}`);
}
