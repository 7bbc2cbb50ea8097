/**
 * Unified diffs for `--dry-run`: what an edit would change, in the format `git diff` and `patch`
 * read. Lines are compared with their line endings, so a CRLF/LF change shows up; they are printed
 * without them (plus `\ No newline at end of file` where the last line has none).
 *
 * Myers' O(ND) algorithm on the lines left after trimming the common head and tail, so a
 * 10,000-line file with one changed line costs a few string comparisons. The result is a minimal
 * diff up to {@link MAX_EDIT_DISTANCE} changed lines in the middle part; past that (whole-file
 * rewrites) the middle is shown as one replaced block, still a correct patch.
 */

/** Beyond this many changed lines, Myers' trace would cost too much memory; see the module note. */
export const MAX_EDIT_DISTANCE = 2000;

/** One step of a line edit script: 0 keeps a line, 1 deletes one from `before`, 2 inserts one from `after`. */
export type DiffOp = 0 | 1 | 2;

/** Split into lines that keep their `\n` (and `\r\n`); a final line without one is kept as is. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let at = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', at)) {
    lines.push(text.slice(at, i + 1));
    at = i + 1;
  }
  if (at < text.length) lines.push(text.slice(at));
  return lines;
}

/**
 * The edit script turning `a` into `b` (both arrays of integer line ids), minimal (Myers).
 * Returns null when more than `maxD` lines differ.
 */
function myers(a: Int32Array, b: Int32Array, maxD: number): DiffOp[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxD);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max; d++) {
    // Only diagonals -d..d are live at step d; keep just those for the backtrack.
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1];
      else x = v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found !== -1) break;
  }
  if (found === -1) return null;
  // Backtrack from (n, m) through the saved frontiers.
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const saved = trace[d]; // frontier before step d, diagonals -(d)-1 .. d+1 relative
    const get = (k: number) => saved[k + d + 1];
    const k = x - y;
    const down = k === -d || (k !== d && get(k - 1) < get(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = get(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(0);
      x--;
      y--;
    }
    if (down) {
      ops.push(2);
      y--;
    } else {
      ops.push(1);
      x--;
    }
  }
  while (x > 0 && y > 0) {
    ops.push(0);
    x--;
    y--;
  }
  return ops.reverse();
}

/** The line-level edit script from `before` to `after` (exported for tests). */
export function diffLines(before: string[], after: string[]): DiffOp[] {
  let head = 0;
  const maxHead = Math.min(before.length, after.length);
  while (head < maxHead && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < maxHead - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  ) {
    tail++;
  }
  const ids = new Map<string, number>();
  const idOf = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) {
      id = ids.size;
      ids.set(line, id);
    }
    return id;
  };
  const a = Int32Array.from(before.slice(head, before.length - tail), idOf);
  const b = Int32Array.from(after.slice(head, after.length - tail), idOf);
  let middle = myers(a, b, MAX_EDIT_DISTANCE);
  if (middle === null) {
    middle = [...new Array<DiffOp>(a.length).fill(1), ...new Array<DiffOp>(b.length).fill(2)];
  }
  return [...new Array<DiffOp>(head).fill(0), ...middle, ...new Array<DiffOp>(tail).fill(0)];
}

function range(start: number, count: number): string {
  // GNU/git convention: an empty range names the line before it; a count of 1 is left out.
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

function show(prefix: string, line: string): string {
  if (line.endsWith('\n')) return prefix + line.slice(0, line.endsWith('\r\n') ? -2 : -1) + '\n';
  return prefix + line + '\n\\ No newline at end of file\n';
}

/**
 * A unified diff of `before` and `after` for `file`, with `context` unchanged lines around each
 * change (`--- a/file`, `+++ b/file`, `@@ -l,s +l,s @@` hunks). The empty string when they are equal.
 */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);

  // Position of each op in a and b.
  const ai: number[] = [];
  const bi: number[] = [];
  let x = 0;
  let y = 0;
  for (const op of ops) {
    ai.push(x);
    bi.push(y);
    if (op !== 2) x++;
    if (op !== 1) y++;
  }

  let out = `--- a/${file}\n+++ b/${file}\n`;
  let i = 0;
  while (i < ops.length) {
    if (ops[i] === 0) {
      i++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` after the last change that is
    // within 2*context equal lines of the previous one.
    const start = Math.max(0, i - context);
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end] !== 0) end++;
      let gap = end;
      while (gap < ops.length && ops[gap] === 0) gap++;
      if (gap < ops.length && gap - end <= 2 * context) {
        end = gap;
        continue;
      }
      end = Math.min(ops.length, end + context);
      break;
    }
    let aCount = 0;
    let bCount = 0;
    let body = '';
    for (let k = start; k < end; k++) {
      const op = ops[k];
      if (op === 0) {
        aCount++;
        bCount++;
        body += show(' ', a[ai[k]]);
      } else if (op === 1) {
        aCount++;
        body += show('-', a[ai[k]]);
      } else {
        bCount++;
        body += show('+', b[bi[k]]);
      }
    }
    out += `@@ -${range(ai[start] + 1, aCount)} +${range(bi[start] + 1, bCount)} @@\n${body}`;
    i = end;
  }
  return out;
}

/** One changed run of lines between two texts: what `before` has there and what `after` puts instead. */
export interface LineHunk {
  /** 1-based line of `before` where the run starts (for a pure insertion: the line it goes before; one past the last line at the end). */
  line: number;
  /** The lines of `before` it replaces (with their line endings); empty for an insertion. */
  oldLines: string[];
  /** The lines of `after` it puts there; empty for a deletion. */
  newLines: string[];
  /** The splice of `before` that makes the change: offsets of the old lines, and the new text. */
  start: number;
  end: number;
  text: string;
}

/** The changed runs of lines from `before` to `after`, in order (`unifiedDiff`'s edit script, without context). */
export function diffHunks(before: string, after: string): LineHunk[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const hunks: LineHunk[] = [];
  let x = 0;
  let y = 0;
  let offset = 0;
  let i = 0;
  while (i < ops.length) {
    if (ops[i] === 0) {
      offset += a[x].length;
      x++;
      y++;
      i++;
      continue;
    }
    const hunk: LineHunk = { line: x + 1, oldLines: [], newLines: [], start: offset, end: offset, text: '' };
    for (; i < ops.length && ops[i] !== 0; i++) {
      if (ops[i] === 1) {
        hunk.oldLines.push(a[x]);
        offset += a[x].length;
        x++;
      } else hunk.newLines.push(b[y++]);
    }
    hunk.end = offset;
    hunk.text = hunk.newLines.join('');
    hunks.push(hunk);
  }
  return hunks;
}
