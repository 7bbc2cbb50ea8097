/**
 * "Did you mean" for a command or option name typed wrong: the known names within two edits
 * (insertions, deletions, substitutions, and a swap of two neighbours, so `lsit` is one from `list`).
 */

/** The optimal-string-alignment distance between `a` and `b`, or `limit + 1` as soon as it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    before = prev;
    prev = row;
  }
  return prev[b.length];
}

/**
 * The known names closest to `typed` (case-insensitive), at most two edits away and fewer edits
 * than the name is long (so `x` suggests nothing), nearest first; empty when none is close.
 */
export function closestNames(typed: string, known: Iterable<string>, limit = 2): string[] {
  const word = typed.toLowerCase();
  const scored: Array<[string, number]> = [];
  for (const name of known) {
    const d = editDistance(word, name.toLowerCase(), limit);
    if (d <= limit && d < Math.max(2, Math.min(word.length, name.length))) scored.push([name, d]);
  }
  if (scored.length === 0) return [];
  const min = Math.min(...scored.map(([, d]) => d));
  return scored.filter(([, d]) => d === min).map(([name]) => name);
}

/** `; did you mean 'list'?` (or `'x' or 'y'`), or '' when nothing is close. */
export function didYouMean(typed: string, known: Iterable<string>): string {
  const names = closestNames(typed, known);
  return names.length ? `; did you mean ${names.map((n) => `'${n}'`).join(' or ')}?` : '';
}
