/**
 * When two action items are the same task: the overview lists a record's open items in its own
 * words and markup, so items are compared by a key without markup, emoji, references or case.
 * One rule for `adr check`, `adr overview` and every edit that keeps the overview in step.
 */

/** Normalises an action item's text for comparison: markup, emoji, refs and case dropped. */
export function itemKey(text: string): string {
  return text
    .replace(/\[\[([^\]]*)\]\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*(?:TBD|TBA)[^\]]*)\]/gi, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_~`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .toLowerCase();
}

/** Whether two item keys name the same task (equal, or one is a long enough prefix of the other). */
export function sameItem(a: string, b: string): boolean {
  if (a === b) return a !== '';
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 16 && long.startsWith(short);
}

/** Significant words of an item, for pairing a reworded overview item with its record's item. */
function words(key: string): Set<string> {
  return new Set(key.split(' ').filter((w) => w.length >= 3 && !STOP.has(w)));
}
const STOP = new Set(['the', 'and', 'for', 'with', 'from', 'into', 'to', 'of', 'via', 'our', 'its']);

/**
 * Pairs overview items with record items that say the same thing in other words: at least half
 * of the shorter item's significant words (3+ letters) shared, best pairs first. Returns pairs of
 * indexes into `listed` and `open`. Used only for items neither side matched exactly.
 */
export function pairReworded(listed: readonly string[], open: readonly string[]): Array<[number, number]> {
  const candidates: Array<{ i: number; j: number; score: number }> = [];
  const a = listed.map(words);
  const b = open.map(words);
  a.forEach((wa, i) =>
    b.forEach((wb, j) => {
      const shared = [...wa].filter((w) => wb.has(w) || [...wb].some((x) => x.length >= 4 && w.length >= 4 && (x.startsWith(w) || w.startsWith(x)))).length;
      const score = shared / Math.max(1, Math.min(wa.size, wb.size));
      if (shared >= 2 && score >= 0.5) candidates.push({ i, j, score });
    }),
  );
  candidates.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    pairs.push([c.i, c.j]);
  }
  return pairs;
}
