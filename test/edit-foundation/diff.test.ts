import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, splitLines, unifiedDiff } from '../../src/edit/diff.js';

/** Apply a unified diff to `before` (a small, strict patcher: context must match exactly). */
function applyPatch(before: string, diff: string): string {
  if (diff === '') return before;
  const src = splitLines(before);
  const lines = diff.split('\n');
  expect(lines[0]).toMatch(/^--- a\//);
  expect(lines[1]).toMatch(/^\+\+\+ b\//);
  const out: string[] = [];
  let at = 0; // next unread line of src
  let i = 2;
  const eolOf = (line: string) => (line.endsWith('\r\n') ? '\r\n' : line.endsWith('\n') ? '\n' : '');
  while (i < lines.length && lines[i] !== '') {
    const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(lines[i]);
    if (!m) throw new Error(`bad hunk header: ${lines[i]}`);
    const aStart = Number(m[1]);
    const aCount = m[2] === undefined ? 1 : Number(m[2]);
    const from = aCount === 0 ? aStart : aStart - 1;
    while (at < from) out.push(src[at++]);
    i++;
    let removed = 0;
    while (i < lines.length && /^[ +\-\\]/.test(lines[i])) {
      const line = lines[i];
      const noNewline = lines[i + 1] === '\\ No newline at end of file';
      if (line[0] === ' ' || line[0] === '-') {
        const orig = src[at];
        if (orig === undefined || orig.replace(/\r?\n$/, '') !== line.slice(1)) throw new Error(`context mismatch at ${at + 1}`);
        if (noNewline !== (eolOf(orig) === '')) throw new Error(`newline marker mismatch at ${at + 1}`);
        if (line[0] === ' ') out.push(orig);
        at++;
        removed++;
      } else if (line[0] === '+') {
        // Added lines take the line ending of the file (tests use one style per text).
        const eol = before.includes('\r\n') ? '\r\n' : '\n';
        out.push(line.slice(1) + (noNewline ? '' : eol));
      }
      i += noNewline ? 2 : 1;
    }
    expect(removed).toBe(aCount);
  }
  while (at < src.length) out.push(src[at++]);
  return out.join('');
}

/** Length of the longest common subsequence of two line arrays (reference for minimality). */
function lcs(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
  }
  return dp[a.length][b.length];
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('x.md', 'a\nb\n', 'a\nb\n')).toBe('');
  });

  it('shows one changed line with three lines of context', () => {
    const before = 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\n';
    const after = 'l1\nl2\nl3\nl4\nL5\nl6\nl7\nl8\n';
    expect(unifiedDiff('decisions/x.md', before, after)).toBe(
      ['--- a/decisions/x.md', '+++ b/decisions/x.md', '@@ -2,7 +2,7 @@', ' l2', ' l3', ' l4', '-l5', '+L5', ' l6', ' l7', ' l8', ''].join('\n'),
    );
  });

  it('splits far-apart changes into hunks and merges near ones', () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const far = before.replace('line 2\n', 'LINE 2\n').replace('line 25\n', 'LINE 25\n');
    const hunks = unifiedDiff('f', before, far).split('\n').filter((l) => l.startsWith('@@'));
    expect(hunks).toEqual(['@@ -1,5 +1,5 @@', '@@ -22,7 +22,7 @@']);
    const near = before.replace('line 10\n', 'LINE 10\n').replace('line 16\n', 'LINE 16\n');
    expect(unifiedDiff('f', before, near).split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -7,13 +7,13 @@']);
    // Exactly 2 * context equal lines between two changes: one hunk, as GNU diff -u makes it;
    // one more: two hunks.
    const six = before.replace('line 10\n', 'LINE 10\n').replace('line 17\n', 'LINE 17\n');
    expect(unifiedDiff('f', before, six).split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -7,14 +7,14 @@']);
    const seven = before.replace('line 10\n', 'LINE 10\n').replace('line 18\n', 'LINE 18\n');
    expect(unifiedDiff('f', before, seven).split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -7,7 +7,7 @@', '@@ -15,7 +15,7 @@']);
  });

  it('uses the GNU conventions for pure insertions and deletions', () => {
    expect(unifiedDiff('f', 'a\nb\n', 'a\nx\nb\n', 0)).toBe('--- a/f\n+++ b/f\n@@ -1,0 +2 @@\n+x\n');
    expect(unifiedDiff('f', 'a\nx\nb\n', 'a\nb\n', 0)).toBe('--- a/f\n+++ b/f\n@@ -2 +1,0 @@\n-x\n');
    expect(unifiedDiff('f', '', 'new\n')).toBe('--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+new\n');
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('f', 'a\nb', 'a\nb\n')).toBe('--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
  });

  it('shows CRLF lines without the CR, and sees a CRLF-only change', () => {
    expect(unifiedDiff('f', 'a\r\nb\r\n', 'a\r\nB\r\n')).toBe('--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n');
    expect(unifiedDiff('f', 'a\r\n', 'a\n')).toBe('--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+a\n');
  });

  it('is a minimal, correct patch (property, checked against an LCS reference)', () => {
    const line = fc.constantFrom('a', 'b', 'c', 'd', '', '- [ ] x', '**Status**: ✅');
    const text = fc.tuple(fc.array(line, { maxLength: 25 }), fc.boolean()).map(([ls, finalNl]) => (ls.length ? ls.join('\n') + (finalNl ? '\n' : '') : ''));
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 4 }), (before, after, context) => {
        const diff = unifiedDiff('f.md', before, after, context);
        if (applyPatch(before, diff) !== after) return false;
        const a = splitLines(before);
        const b = splitLines(after);
        const ops = diffLines(a, b);
        const changed = ops.filter((o) => o !== 0).length;
        return changed === a.length + b.length - 2 * lcs(a, b);
      }),
      { numRuns: 1500 },
    );
  });

  const patch = existsSync('/usr/bin/patch');
  it.skipIf(!patch)(`is accepted by GNU patch${patch ? '' : ' (skipped: /usr/bin/patch is not installed)'}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'adr-diff-'));
    try {
      const before = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n') + '\n';
      const after = before.replace('line 3\n', '').replace('line 20\n', 'line 20\nnew\n').replace('line 39\n', 'LAST');
      writeFileSync(join(dir, 'f.md'), before);
      writeFileSync(join(dir, 'p.diff'), unifiedDiff('f.md', before, after));
      const r = spawnSync('/usr/bin/patch', ['-p1', '--quiet', '-i', 'p.diff'], { cwd: dir, encoding: 'utf8' });
      expect(r.stderr + r.stdout).toBe('');
      expect(r.status).toBe(0);
      expect(readFileSync(join(dir, 'f.md'), 'utf8')).toBe(after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('handles a 10,000-line file with one changed line as one small hunk', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `- [ ] item ${i}`);
    const before = lines.join('\n') + '\n';
    lines[5000] = '- [x] item 5000';
    const diff = unifiedDiff('big.md', before, lines.join('\n') + '\n');
    expect(diff.split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -4998,7 +4998,7 @@']);
    expect(diff.split('\n')).toHaveLength(3 + 8 + 1);
  });

  it('stays a correct patch for whole-file rewrites past the minimal-diff limit', () => {
    const before = Array.from({ length: 2500 }, (_, i) => `old ${i}`).join('\n') + '\n';
    const after = Array.from({ length: 2500 }, (_, i) => `new ${i}`).join('\n') + '\n';
    expect(applyPatch(before, unifiedDiff('f', before, after))).toBe(after);
  });
});
