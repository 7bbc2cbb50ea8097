/**
 * The log's record of renumbered records, `.adr-renames.json` in the log folder: each old file name
 * and the file the record has now, so the site can keep a page at the old address pointing to the
 * new one, and links written elsewhere (issues, wikis, chat) still lead somewhere.
 *
 * ```json
 * { "renames": [ { "from": "0042-use-kafka.md", "to": "0043-use-kafka.md", "fromNumber": 42, "toNumber": 43, "date": "2026-03-01" } ] }
 * ```
 *
 * A hidden file in the log (the log reader skips dot files), committed with the rename. Chains are
 * collapsed: a record renumbered twice keeps both old names, each pointing to its newest file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordRename } from '../model/index.js';

/** The file name, in the log folder. */
export const RENAMES_FILE = '.adr-renames.json';

/** Whether a value read from the file is a well-formed rename. */
function isRename(value: unknown): value is RecordRename {
  const r = value as RecordRename;
  return (
    !!r &&
    typeof r === 'object' &&
    typeof r.from === 'string' &&
    typeof r.to === 'string' &&
    r.from !== '' &&
    r.to !== '' &&
    !r.from.split('/').includes('..') &&
    !r.to.split('/').includes('..')
  );
}

/**
 * The renames recorded for the log at `logDir` (empty when there is no file). Entries that are not
 * well formed are left out; a file that is not JSON reads as none, with the reason in `problem`.
 */
export function readRenames(logDir: string): { renames: RecordRename[]; problem: string | null } {
  let text: string;
  try {
    text = readFileSync(join(logDir, RENAMES_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { renames: [], problem: code === 'ENOENT' ? null : `cannot read ${RENAMES_FILE}: ${code ?? (error as Error).message}` };
  }
  try {
    const data = JSON.parse(text) as { renames?: unknown };
    const list = Array.isArray(data?.renames) ? data.renames : [];
    return {
      renames: list.filter(isRename).map((r) => ({
        from: r.from,
        to: r.to,
        fromNumber: typeof r.fromNumber === 'number' ? r.fromNumber : null,
        toNumber: typeof r.toNumber === 'number' ? r.toNumber : null,
        date: typeof r.date === 'string' ? r.date : '',
      })),
      problem: null,
    };
  } catch (error) {
    return { renames: [], problem: `${RENAMES_FILE} is not valid JSON (${(error as Error).message})` };
  }
}

/**
 * `renames` with `next` added: earlier entries that led to `next.from` now lead to `next.to`, an
 * entry for the new name itself (a record renumbered back) is dropped.
 */
export function addRename(renames: readonly RecordRename[], next: RecordRename): RecordRename[] {
  const out: RecordRename[] = [];
  for (const r of renames) {
    if (r.from === next.to || r.from === next.from) continue;
    out.push(r.to === next.from ? { ...r, to: next.to, toNumber: next.toNumber } : r);
  }
  if (next.from !== next.to) out.push(next);
  return out;
}

/** The file's text for `renames`. */
export function renamesText(renames: readonly RecordRename[]): string {
  return `${JSON.stringify({ renames }, null, 2)}\n`;
}
