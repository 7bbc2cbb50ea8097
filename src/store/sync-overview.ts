/**
 * Keeping the overview file (DECISIONS.md) in step with the records on disk.
 *
 * `syncOverview` regenerates the marked regions from a log already read (abort, status and
 * supersede have one). `addToOverview` is `adr new`'s cheap path: it parses only the new record
 * and inserts its rows where a full regeneration would put them, so `adr new` never reads the
 * whole log. A hand-kept overview without markers is never restructured: it is merged in place
 * (edit/overview-merge.ts), wholly once `adr overview --adopt` marked it, else only for the
 * changed records (their rows, added in the table's style when missing, and the items they closed).
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { Config, Decision, Log } from '../model/index.js';
import {
  beginMarker,
  documentRow,
  endMarker,
  findRegions,
  historyRow,
  inHistory,
  isOpen,
  overviewRow,
  recordHref,
  rowKey,
  tableRowKey,
  updateOverview,
  type RegionName,
} from '../edit/overview.js';
import { localDate } from '../model/today.js';
import { decisionColumns } from '../parse/overview.js';
import { columnName, splitRow } from '../parse/table.js';
import { writeFileAtomic, type Bounds } from './write.js';
import { realTarget, repositoryBounds } from './confine.js';
import { overviewTarget, resolveOverviewPath, overviewLinkFrom, toPosix } from './naming.js';

// Re-exported: the overview's location is found by naming.ts, which `adr new` loads anyway.
export { overviewTarget, resolveOverviewPath, overviewLinkFrom };
import { UserError } from '../errors.js';

/**
 * Reads the overview file as text (a BOM stays as U+FEFF at the start, so writing the text back
 * keeps it). A file that is not UTF-8 is refused: rewriting it would destroy its bytes.
 */
export async function readOverviewText(path: string): Promise<string> {
  const bytes = await readFile(path);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  // The fast, lenient decode is exact unless it had to substitute U+FFFD; only then decode strictly.
  const quick = bytes.toString('utf8', bom ? 3 : 0);
  if (!quick.includes('\uFFFD')) return (bom ? '\uFEFF' : '') + quick;
  const { decodeBytes } = await import('../parse/encoding.js');
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) {
    throw new UserError(`${path}:${decoded.line}:${decoded.column}: the overview file is not UTF-8 text (${decoded.reason}); it was not changed`);
  }
  return (decoded.bom ? '\uFEFF' : '') + decoded.text;
}

/** The log folder as seen from the overview's folder (`decisions`, or `.`). */
export function logPrefix(dir: string, overviewPath: string): string {
  return toPosix(relative(dirname(overviewPath), dir)) || '.';
}

/** The overview's path relative to the log folder, as the model names it (`../DECISIONS.md`). */
export function overviewFileName(dir: string, overviewPath: string): string {
  return toPosix(relative(dir, overviewPath));
}

/**
 * Runs a read-modify-write of the overview file under its own lock (a folder next to it), so
 * twenty `adr new` at once, or a new and an abort, never lose each other's rows.
 */
export async function withOverviewLock<T>(path: string, where: Bounds, fn: () => Promise<T>): Promise<T> {
  const { withLockAt } = await import('./lock.js');
  return withLockAt(join(dirname(path), `.${basename(path)}.adr-overview-lock`), where, fn, path);
}

/** What locates a log's repository (store/confine.ts): its folder, config and root. */
export type RepositoryOf = { dir: string; configFile?: string | null; root?: string };

/**
 * The overview is written only inside the repository (the git work tree, else the config's
 * folder): every folder on the way, and the file itself when it is a symbolic link, is resolved.
 * Returns the bounds to write it with; throws an OutsideError naming the file and the link.
 */
export function assertWritableOverview(path: string, log: RepositoryOf): Bounds {
  const bounds = repositoryBounds(log);
  realTarget(path, bounds);
  return bounds;
}

/** Today's date for the footer, in the zone TZ names (else UTC), as records are dated. */
export function footerToday(now: Date, env: Record<string, string | undefined>): string {
  return localDate(now, env.TZ);
}

/** What a sync did. */
export interface SyncResult {
  /** Absolute path of the overview file. */
  path: string;
  changed: boolean;
  /** One line for the user, or null when there is nothing to say. */
  note: string | null;
}

/**
 * Brings the log's overview in step with `log` (already read). With marked regions, every region
 * is regenerated; a hand-kept overview only gets the rows of `files` (default: every record)
 * updated in place. Does nothing (null) when the log has no overview file.
 */
export async function syncOverview(
  log: Pick<Log, 'dir' | 'config' | 'decisions'> & { root?: string; configFile?: string | null },
  ctx: { now: Date; env: Record<string, string | undefined> },
  options: { files?: string[]; dryRun?: boolean } = {},
): Promise<SyncResult | null> {
  const path = resolveOverviewPath(log.dir, log.config);
  if (!path) return null;
  const bounds = assertWritableOverview(path, log);
  if (options.dryRun) return syncOverviewNow(log, ctx, options, path, bounds);
  return withOverviewLock(path, bounds, () => syncOverviewNow(log, ctx, options, path, bounds));
}

async function syncOverviewNow(
  log: Pick<Log, 'dir' | 'config' | 'decisions'>,
  ctx: { now: Date; env: Record<string, string | undefined> },
  options: { files?: string[]; dryRun?: boolean },
  path: string,
  bounds: Bounds,
): Promise<SyncResult> {
  {
    const before = await readOverviewText(path);
    const prefix = logPrefix(log.dir, path);
    const today = footerToday(ctx.now, ctx.env);
    let after: string;
    let note: string | null = null;
    if (findRegions(before).length > 0) {
      after = updateOverview(before, log.decisions, { logPrefix: prefix, today }).text;
    } else {
      // Loaded here, not up front: `adr new` imports this module and must stay light.
      const { isAdopted, mergeHandKept } = await import('../edit/overview-merge.js');
      // An adopted overview is kept wholly in step (so `adr overview --check` agrees); one never
      // adopted only gets what concerns the changed records.
      const adopted = isAdopted(before);
      after = mergeHandKept(before, log.decisions, {
        prefix,
        overviewFile: overviewFileName(log.dir, path),
        logName: basename(log.dir),
        files: adopted || !options.files ? null : new Set(options.files),
        addItems: adopted,
      });
      if (!adopted) note = `${basename(path)} has no adr regions: only the rows and items of the changed records were brought in step (run 'adr overview' to bring all of it in step, or 'adr overview --adopt' to have every edit do so)`;
    }
    const changed = after !== before;
    if (changed && !options.dryRun) await writeFileAtomic(path, after, bounds);
    return { path, changed, note: changed ? note : null };
  }
}

/**
 * Adds a freshly created record to the overview without reading the log: parses the record
 * alone, inserts its rows into the generated tables (or appends its row to a hand-kept
 * Decision Overview table). Returns a note for the user, or null; throws when the overview may
 * not or cannot be written.
 */
export async function addToOverview(args: {
  dir: string;
  config: Config;
  overviewPath: string;
  /** The folder holding the config (or the log's parent): with the git work tree, where the repository is. */
  root?: string;
  /** The config file, when there is one. */
  configFile?: string | null;
  file: string;
  text: string;
  now: Date;
  env: Record<string, string | undefined>;
  /**
   * The record's facts when the caller knows them exactly (a record just rendered from a built-in
   * template): spares loading and warming up the parser. Otherwise the text is parsed.
   */
  decision?: Decision;
}): Promise<string | null> {
  const { parseDate } = await import('../parse/vocab.js');
  let decision = args.decision ?? null;
  if (!decision) {
    const { parseRecord } = await import('../parse/index.js');
    decision = parseRecord(args.file, args.text, { overviewName: basename(args.overviewPath) }).decision;
  }
  if (!decision) return null;
  // Bytes, not text: an overview of a 10,000-record log runs to megabytes, and decoding and
  // encoding it would cost `adr new` more than everything else it does. Rows are spliced in at
  // line boundaries, so every other byte (even invalid UTF-8) stays exactly as it was.
  // An overview that may not be written through is the caller's failure to report, not a note.
  const bounds = assertWritableOverview(args.overviewPath, { dir: args.dir, root: args.root, configFile: args.configFile });
  return withOverviewLock(args.overviewPath, bounds, async () => {
    const before = await readFile(args.overviewPath);
    const prefix = logPrefix(args.dir, args.overviewPath);
    const today = footerToday(args.now, args.env);
    const dateOf = (t: string) => (t === '-' ? null : parseDate(t).date);
    const key = { date: decision.date, file: decision.file };
    const edits: ByteEdit[] = [];
    let note: string | null = null;
    if (before.indexOf('<!-- adr:begin ') >= 0) {
      const rows: Array<[RegionName, string]> = [
        ['overview', overviewRow(decision, prefix)],
        ['documents', documentRow(decision, prefix)],
      ];
      if (inHistory(decision)) rows.push(['history', historyRow(decision, prefix)]);
      for (const [name, row] of rows) {
        const range = regionRange(before, name);
        const edit = range && insertRowBytes(before, range, row, key, prefix, dateOf);
        if (edit) edits.push(edit);
      }
      if (decision.actionItems.some(isOpen)) note = "the new record has open action items: run 'adr overview' to list them";
      if (edits.length) {
        const footer = regionRange(before, 'footer');
        if (footer) {
          const body = before.toString('utf8', footer.start, footer.end);
          const stamped = body.replace(FOOTER_DATE_BYTES, `$1${today}`);
          if (stamped !== body) edits.push({ at: footer.start, remove: footer.end - footer.start, insert: stamped });
        }
      }
    } else {
      // A hand-kept table: the row in the table's own style, next to the rows of its status,
      // and the record's open items under their horizon. Text that does not decode cleanly gets
      // the row appended at the byte level instead, so its bytes stay as they are.
      const text = before.toString('utf8');
      if (!text.includes('\uFFFD')) {
        const { mergeHandKept } = await import('../edit/overview-merge.js');
        const merged = mergeHandKept(text, [decision], {
          prefix,
          overviewFile: overviewFileName(args.dir, args.overviewPath),
          logName: basename(args.dir),
          files: new Set([decision.file]),
        });
        if (merged !== text) {
          await writeFileAtomic(args.overviewPath, Buffer.from(merged, 'utf8'), bounds);
          return null;
        }
      }
      const edit = appendHandKeptRowBytes(before, overviewRow(decision, prefix));
      if (edit) edits.push(edit);
      else note = `no Decision Overview table found in ${basename(args.overviewPath)}; run 'adr overview' to generate one`;
    }
    if (edits.length) await writeFileAtomic(args.overviewPath, applyByteEdits(before, edits), bounds);
    return note;
  });
}

/** A replacement in a byte buffer: `remove` bytes at `at` give way to `insert` (text, written as UTF-8). */
interface ByteEdit {
  at: number;
  remove: number;
  insert: string;
}

const FOOTER_DATE_BYTES = /(_+\s*\**Last Updated\**\s*:\s*\**)(\d{4}-\d{2}-\d{2})/;

/** Applies non-overlapping edits to a buffer. */
function applyByteEdits(bytes: Buffer, edits: ByteEdit[]): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (const e of [...edits].sort((x, y) => x.at - y.at)) {
    parts.push(bytes.subarray(at, e.at), Buffer.from(e.insert, 'utf8'));
    at = e.at + e.remove;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

/** The line starting at `start`: its end (before `\n`) and the start of the next. */
function byteLine(bytes: Buffer, start: number): { start: number; end: number; next: number } {
  const nl = bytes.indexOf(0x0a, start);
  return nl < 0 ? { start, end: bytes.length, next: bytes.length } : { start, end: nl, next: nl + 1 };
}

/** Whether the line is a table row: up to three spaces, then `|`. */
function isRowBytes(bytes: Buffer, start: number, end: number): boolean {
  let i = start;
  while (i < end && i - start < 3 && bytes[i] === 0x20) i++;
  return i < end && bytes[i] === 0x7c;
}

/** The text of a line, without a trailing CR. */
function lineText(bytes: Buffer, line: { start: number; end: number }): string {
  return bytes.toString('utf8', line.start, line.end).replace(/\r$/, '');
}

/** The body (between the marker lines) of region `name`, in bytes, or null. */
function regionRange(bytes: Buffer, name: string): { start: number; end: number } | null {
  const begin = bytes.indexOf(beginMarker(name));
  if (begin < 0) return null;
  const start = byteLine(bytes, begin).next;
  const close = bytes.indexOf(endMarker(name), start);
  if (close < 0) return null;
  const end = bytes.lastIndexOf(0x0a, close - 1) + 1;
  return end >= start ? { start, end } : null;
}

/**
 * The byte version of `insertRow`: the edit that puts `row` into the first table of the region,
 * before the rows that sort after it (walking back from the table's end), or replaces the
 * record's row when it is already listed. Null when there is no table or nothing changes.
 */
function insertRowBytes(
  bytes: Buffer,
  range: { start: number; end: number },
  row: string,
  key: { date: string | null; file: string },
  prefix: string,
  parseDate: (text: string) => string | null,
): ByteEdit | null {
  let line = byteLine(bytes, range.start);
  while (line.start < range.end && !isRowBytes(bytes, line.start, line.end)) line = byteLine(bytes, line.next);
  if (line.start >= range.end) return null;
  const dateCol = splitRow(lineText(bytes, line)).map((c) => columnName(c.text)).indexOf('date');
  const delimiter = byteLine(bytes, line.next);
  const rows: Array<{ start: number; end: number; next: number }> = [];
  for (let r = byteLine(bytes, delimiter.next); r.start < range.end && isRowBytes(bytes, r.start, r.end); r = byteLine(bytes, r.next)) rows.push(r);
  const tableEnd = rows.length ? rows[rows.length - 1].next : delimiter.next;
  const eol = bytes[delimiter.end - 1] === 0x0d ? '\r\n' : '\n';
  const marker = Buffer.from(`](${recordHref(prefix, key.file)})`);
  const listed = bytes.indexOf(marker, delimiter.next);
  if (listed >= 0 && listed < tableEnd) {
    const at = rows.find((r) => r.start <= listed && listed < r.end)!;
    return lineText(bytes, at) === row ? null : { at: at.start, remove: at.end - at.start - (eol === '\r\n' ? 1 : 0), insert: row };
  }
  const keyOf = (r: { start: number; end: number }) => tableRowKey(lineText(bytes, r), dateCol, prefix, parseDate);
  const newKey = rowKey(key);
  let i = rows.length;
  while (i > 0 && keyOf(rows[i - 1]) > newKey) i--;
  const at = i < rows.length ? rows[i].start : tableEnd;
  // A table that ends the file without a newline: the row goes on a line of its own.
  const lead = at === bytes.length && at > 0 && bytes[at - 1] !== 0x0a ? eol : '';
  return { at, remove: 0, insert: `${lead}${row}${eol}` };
}

/** The byte version of `appendHandKeptRow`: the edit appending the row to the first Topic/Status table. */
function appendHandKeptRowBytes(bytes: Buffer, row: string): ByteEdit | null {
  let pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let previousWasRow = false;
  while (pos < bytes.length) {
    const line = byteLine(bytes, pos);
    const isRow = isRowBytes(bytes, line.start, line.end);
    if (isRow && !previousWasRow) {
      const header = decisionColumns(splitRow(lineText(bytes, line)).map((c) => columnName(c.text)));
      let last = line;
      for (let r = byteLine(bytes, line.next); r.start < bytes.length && isRowBytes(bytes, r.start, r.end); r = byteLine(bytes, r.next)) last = r;
      if (header) {
        const fresh = splitRow(row);
        const names = ['category', 'topic', 'decision', 'date', 'priority', 'status', 'tasks'];
        const cells = header.map((name) => {
          const at = names.indexOf(name);
          return at >= 0 ? fresh[at].text : '-';
        });
        const eol = bytes[last.end - 1] === 0x0d ? '\r\n' : '\n';
        const text = `| ${cells.join(' | ')} |`;
        return last.next > last.end ? { at: last.next, remove: 0, insert: text + eol } : { at: bytes.length, remove: 0, insert: eol + text + eol };
      }
      pos = last.next;
      previousWasRow = true;
      continue;
    }
    previousWasRow = isRow;
    pos = line.next;
  }
  return null;
}

