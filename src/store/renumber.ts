/**
 * `adr renumber`: gives a numbered record another number, all or nothing.
 *
 * The record's file is renamed (`0042-use-kafka.md` → `0045-use-kafka.md`), the number in its title
 * and front matter follows, every link to it (from records, from other markdown files of the log,
 * from the overview) points to the new name, numbers written in place of links (`superseded by
 * ADR-0042`) follow, and `.adr-renames.json` records the old name for the site's redirect page.
 * Every changed file is re-read with the parser before anything is written, and the writes go
 * through one journal (src/store/journal.ts): an interrupted run is finished or undone by the next
 * command.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { unifiedDiff } from '../edit/diff.js';
import { fileNumber, numberRefEdit, relinkEdits, renumberedName, titleNumberEdits, type RelinkTarget } from '../edit/renumber.js';
import { applyEdits, type Splice } from '../edit/splice.js';
import { localDate } from '../model/today.js';
import { UserError } from '../errors.js';
import type { Decision, Log, RecordRename } from '../model/index.js';
import { decodeBytes, encodeText } from '../parse/encoding.js';
import { numberFromFile, parseRecord } from '../parse/index.js';
import { lockRecord, overviewName } from './apply-edit.js';
import { applyJournaled, type JournalStep } from './journal.js';
import { addRename, readRenames, renamesText, RENAMES_FILE } from './renames.js';
import { resolveRef } from './resolve-ref.js';
import { confineAll, isWithin, logBounds, repositoryBounds, repositoryOf } from './confine.js';
import { readLog } from './read-log.js';
import { requireRepo } from './git.js';
import { baseNumbers } from './base.js';

/** What {@link renumberRecord} needs. */
export interface RenumberOptions {
  log: Log;
  /** The record: a REF as `adr` takes them (number, file, title words). */
  ref: string;
  /** The new number; default: the next number free in the record's folder (and on the base, when given). */
  to?: number;
  /** The highest number the base branch uses (`--base`), so the new number is free on both sides. */
  baseMax?: { ref: string; max: number; numbers: ReadonlySet<number> } | null;
  /** The working directory (REFs that are paths are resolved from it). */
  cwd: string;
  now: Date;
  env?: Record<string, string | undefined>;
  dryRun?: boolean;
  /** Aborted by the caller (Ctrl-C): the renumbering stops between two files and undoes what it wrote. */
  signal?: AbortSignal;
}

/** One file the renumbering changes. */
export interface RenumberedFile {
  /** Relative to the log folder (`../DECISIONS.md` for the overview); for the record, its new name. */
  file: string;
  kind: 'record' | 'links' | 'overview' | 'redirects';
  /** Links (or number references) pointed at the new name in this file. */
  links: number;
  diff: string;
}

/** What {@link renumberRecord} did, or (dry run) would do. */
export interface RenumberResult {
  /** The log folder (absolute). */
  dir: string;
  from: { file: string; number: number };
  to: { file: string; number: number };
  title: string;
  /** Whether the title (or front matter) carried the number and was changed. */
  titleChanged: boolean;
  files: RenumberedFile[];
  /** The redirect recorded in `.adr-renames.json`. */
  redirect: RecordRename;
  /** All diffs, concatenated (the record's first, as a rename). */
  diff: string;
  written: boolean;
}

/** The folder part of a log-relative file. */
function folderOf(file: string): string {
  const at = file.lastIndexOf('/');
  return at === -1 ? '' : file.slice(0, at);
}

/** A file read for editing: its bytes, decoded text and BOM. */
interface Read {
  path: string;
  bytes: Buffer;
  text: string;
  bom: boolean;
}

async function readText(path: string): Promise<Read | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return null;
  }
  const decoded = decodeBytes(bytes);
  return decoded.ok ? { path, bytes, text: decoded.text, bom: decoded.bom } : null;
}

/** A rename shown the way git shows one, then the content change (if any). */
function renameDiff(from: string, to: string, before: string, after: string): string {
  const head = `diff --git a/${from} b/${to}\nrename from ${from}\nrename to ${to}\n`;
  const body = unifiedDiff(to, before, after);
  return head + body.replace(/^--- a\/.*\n/, `--- a/${from}\n`);
}

/** The next number free in `folder` of the log (and on the base). */
function nextFree(log: Log, folder: string, base: RenumberOptions['baseMax']): number {
  let max = base?.max ?? 0;
  for (const d of log.decisions) if (d.number !== null && folderOf(d.file) === folder) max = Math.max(max, d.number);
  return max + 1;
}

/** Plans and (unless a dry run) applies the renumbering. Throws a UserError, writing nothing, when it cannot be done cleanly. */
export async function renumberRecord(options: RenumberOptions): Promise<RenumberResult> {
  const { log } = options;
  const record: Decision = resolveRef(log, options.ref, { cwd: options.cwd });
  const name = posix.basename(record.file);
  const folder = folderOf(record.file);
  const fromNumber = numberFromFile(record.file);
  if (fromNumber === null || record.number === null) {
    throw new UserError(`${record.file} has no number in its file name (date-named records are not numbered); nothing to renumber`);
  }
  const to = options.to ?? nextFree(log, folder, options.baseMax);
  if (!Number.isSafeInteger(to) || to < 0 || to > 999_999) throw new UserError(`--to wants a record number from 0 to 999999, got ${to}`);
  if (to === fromNumber) throw new UserError(`${record.file} already has number ${to}`);
  const clash = log.decisions.find((d) => d !== record && d.number === to && folderOf(d.file) === folder);
  if (clash) throw new UserError(`number ${to} is taken by ${clash.file}; the next free number is ${nextFree(log, folder, options.baseMax)}`);
  if (options.baseMax?.numbers.has(to)) {
    throw new UserError(`number ${to} is taken on ${options.baseMax.ref}; the next number free on both sides is ${nextFree(log, folder, options.baseMax)}`);
  }
  // The folder's own width when the record's number does not show one (no leading zero).
  const padded = log.decisions.map((d) => (folderOf(d.file) === folder ? fileNumber(posix.basename(d.file))?.digits : undefined)).find((digits) => digits?.startsWith('0'));
  const newName = renumberedName(name, to, padded)!;
  const newFile = folder === '' ? newName : `${folder}/${newName}`;
  const oldPath = resolve(log.dir, record.file);
  const newPath = resolve(log.dir, newFile);
  if (existsSync(newPath)) throw new UserError(`${newFile} exists already; choose another number with --to`);

  const target: RelinkTarget = {
    matches: () => false,
    oldName: name,
    newName,
    from: fromNumber,
    to,
  };
  const linksTo = (fromDir: string) => ({ ...target, matches: (path: string) => resolve(fromDir, path) === oldPath });
  const ovName = overviewName(log);
  const steps: JournalStep[] = [];
  const files: RenumberedFile[] = [];
  const diffs: string[] = [];

  // The record itself: renamed, its number in title and front matter, its links to itself.
  const own = await readText(oldPath);
  if (!own) throw new UserError(`cannot read ${record.file} as UTF-8 text; not renumbered`);
  const titleEdits = titleNumberEdits(own.text, fromNumber, to);
  const ownLinks = relinkEdits(own.text, linksTo(dirname(oldPath)));
  const ownAfter = applyEdits(own.text, [...titleEdits, ...ownLinks.edits]);
  const reread = parseRecord(newFile, ownAfter, { bom: own.bom, overviewName: ovName }).decision;
  if (!reread || reread.number !== to || reread.title !== record.title || reread.status !== record.status) {
    throw new UserError(`${record.file}: renumbered, the record would no longer read as record ${to} "${record.title}"; not renumbered`);
  }
  const ownDiff = renameDiff(record.file, newFile, own.text, ownAfter);
  diffs.push(ownDiff);
  const inLog = logBounds(log);
  steps.push({ path: newPath, before: null, after: encodeText(ownAfter, { bom: own.bom }), where: inLog });
  files.push({ file: newFile, kind: 'record', links: ownLinks.links, diff: ownDiff });

  // Every other markdown file of the log, and the overview.
  const others: Array<{ file: string; kind: 'links' | 'overview'; decision?: Decision }> = [
    ...log.decisions.filter((d) => d !== record).map((d) => ({ file: d.file, kind: 'links' as const, decision: d })),
    ...log.skipped.map((file) => ({ file, kind: 'links' as const })),
  ];
  if (log.overview) others.push({ file: log.overview.file, kind: 'overview' });
  for (const other of others) {
    const path = resolve(log.dir, other.file);
    if (!isWithin(repositoryOf(log), path)) continue;
    const read = await readText(path);
    if (!read) continue;
    const relinked = relinkEdits(read.text, linksTo(dirname(path)));
    const edits: Splice[] = relinked.edits;
    let links = relinked.links;
    // Numbers written in place of a link (`superseded by ADR-0042`), resolved by the reader to this record.
    for (const link of other.decision?.links ?? []) {
      if (!link.implicit || link.target !== record.file) continue;
      const start = link.span.start.offset;
      const edit = numberRefEdit(read.text.slice(start, link.span.end.offset), start, fromNumber, to);
      if (edit && !edits.some((e) => e.start < edit.end && edit.start < e.end)) {
        edits.push(edit);
        links++;
      }
    }
    if (edits.length === 0) continue;
    let after: string;
    try {
      after = applyEdits(read.text, edits);
    } catch (error) {
      throw new UserError(`${other.file}: ${(error as Error).message}; not renumbered`);
    }
    if (other.decision) {
      const parsed = parseRecord(other.file, after, { bom: read.bom, overviewName: ovName }).decision;
      const before = other.decision.links.filter((l) => !l.implicit).length;
      if (!parsed || parsed.title !== other.decision.title || parsed.status !== other.decision.status || parsed.links.length !== before) {
        throw new UserError(`${other.file}: with its links renamed the record would read differently; not renumbered`);
      }
    }
    const diff = unifiedDiff(other.file, read.text, after);
    diffs.push(diff);
    steps.push({ path, before: read.bytes, after: encodeText(after, { bom: read.bom }), where: other.kind === 'overview' ? repositoryBounds(log) : inLog });
    files.push({ file: other.file, kind: other.kind, links, diff });
  }

  // The redirect for the site, and the old file's removal last.
  const renamesPath = join(log.dir, RENAMES_FILE);
  const known = readRenames(log.dir);
  if (known.problem && existsSync(renamesPath)) throw new UserError(`${known.problem}; fix or remove it, then renumber again`);
  const redirect: RecordRename = { from: record.file, to: newFile, fromNumber, toNumber: to, date: localDate(options.now, options.env?.TZ) };
  const renamesBefore = existsSync(renamesPath) ? await readFile(renamesPath) : null;
  const renamesAfter = renamesText(addRename(known.renames, redirect));
  const renamesDiff = unifiedDiff(RENAMES_FILE, renamesBefore?.toString('utf8') ?? '', renamesAfter);
  diffs.push(renamesDiff);
  steps.push({ path: renamesPath, before: renamesBefore, after: Buffer.from(renamesAfter), where: inLog });
  files.push({ file: RENAMES_FILE, kind: 'redirects', links: 0, diff: renamesDiff });
  steps.push({ path: oldPath, before: own.bytes, after: null, where: inLog });

  const result: RenumberResult = {
    dir: log.dir,
    from: { file: record.file, number: fromNumber },
    to: { file: newFile, number: to },
    title: record.title,
    titleChanged: titleEdits.length > 0,
    files,
    redirect,
    diff: diffs.join(''),
    written: false,
  };
  // Every target inside its bounds before anything is locked or written (a folder of the log that
  // is a symbolic link out of it is refused by name, and a dry run says so too).
  confineAll(steps.map((s) => ({ path: s.path, bounds: s.where })));
  if (options.dryRun) return result;

  // Each edited record is locked as the lifecycle commands lock it (in one order, so two runs cannot
  // deadlock); the new file is created exclusively, so a record another writer names the same
  // meanwhile is never overwritten (the journal undoes the renumbering instead).
  const locked = steps.filter((s) => s.before !== null && s.path !== renamesPath).sort((a, b) => (a.path < b.path ? -1 : 1));
  const releases: Array<() => Promise<void>> = [];
  try {
    for (const step of locked) {
      if (options.signal?.aborted) throw new UserError('interrupted before anything was written; every file is as it was', 130);
      releases.push(await lockRecord(step.path, { where: step.where }));
    }
    await applyJournaled(log, `renumber of ${record.file} to ${newFile}`, steps, options.signal);
  } finally {
    for (const release of releases.reverse()) await release();
  }
  result.written = true;
  return result;
}

/** What {@link renumber} needs: {@link RenumberOptions} with the log found and read from `cwd`/`dir`. */
export interface RenumberRefOptions extends Omit<RenumberOptions, 'log' | 'baseMax'> {
  dir?: string;
  /** A git ref whose numbers the new number must avoid too (`--base origin/main`). */
  base?: string;
}

/**
 * `adr renumber` as a function (the CLI and other callers share it): reads the log, with `base`
 * the numbers that git ref uses in the record's folder, and renumbers (see {@link renumberRecord}).
 */
export async function renumber(options: RenumberRefOptions): Promise<RenumberResult> {
  const log = await readLog({ cwd: options.cwd, dir: options.dir, env: options.env });
  let baseMax: RenumberOptions['baseMax'] = null;
  if (options.base !== undefined) {
    const record = resolveRef(log, options.ref, { cwd: options.cwd });
    const repo = await requireRepo(log.dir, options.env ?? {}, `--base ${options.base}`);
    baseMax = await baseNumbers(repo, options.base, folderOf(record.file));
  }
  return renumberRecord({ ...options, log, baseMax });
}
