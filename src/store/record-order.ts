/**
 * The order records are shown in, wherever a command lists them (`adr list`, the candidates of an
 * ambiguous REF): numbered records by number, the others by date, ties by file name in natural order.
 */
import type { Decision } from '../model/index.js';

/**
 * Compares two texts with their digit runs as numbers (`x` < `x-2` < `x-10`), so the `-2`, `-3`
 * files `adr new` makes for a repeated title on one day, and unpadded numbers, sort as counted.
 */
export function naturalCompare(a: string, b: string): number {
  const chunks = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const x = chunks(a);
  const y = chunks(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const digits = /^\d/.test(x[i]) && /^\d/.test(y[i]);
    if (digits && Number(x[i]) !== Number(y[i])) return Number(x[i]) - Number(y[i]);
    return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

/** A record's name to sort by: its path without the extension (`x.md` before `x-2.md`). */
function sortName(d: Decision): string {
  return d.file.replace(/\.(md|markdown)$/i, '');
}

/** The date a record sorts by: its decision date, else the date its file name starts with; null when neither. */
function sortDate(d: Decision): string | null {
  if (d.date) return d.date;
  const m = /(?:^|\/)(\d{4})-?(\d{2})-?(\d{2})[-_]/.exec(d.file);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * The order `adr list` shows: numbered records by number, then the others by date (undated last),
 * each tie by file name in natural order.
 */
export function listOrder(a: Decision, b: Decision): number {
  if (a.number !== null || b.number !== null) {
    if (a.number === null) return 1;
    if (b.number === null) return -1;
    if (a.number !== b.number) return a.number - b.number;
  } else {
    const da = sortDate(a);
    const db = sortDate(b);
    if (da !== db) return da === null ? 1 : db === null ? -1 : da < db ? -1 : 1;
  }
  return naturalCompare(sortName(a), sortName(b));
}
