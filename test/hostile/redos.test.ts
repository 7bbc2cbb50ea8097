/**
 * Small files that cost a careless parser minutes: backtracking regexes over long runs of blanks
 * or brackets, and a YAML alias bomb (600 bytes that expand to 43 million names). Each record
 * sits in its own log next to a good one; `adr list --json` and `adr check` must read the log and
 * name or read the hostile record. A 100 KB file takes milliseconds to read when parsing is linear;
 * the 60 s limit only tells a hang from an answer, it is not a speed assertion (speed is measured
 * by `node test/hostile/growth.mjs` and the bench).
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crashLines, describeRun, runAdr } from './run-adr.js';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'adr-redos-')));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const GOOD = '# Good record\n\n**Status**: ✅ Approved\\\n**Date**: 2025-01-01\n';

const BOMB = [
  '---',
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'deciders: [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'tags: *g',
  'status: accepted',
  '---',
  '# Alias bomb',
  '',
].join('\n');

/**
 * [what, record text, why it is skipped]. A case that still makes the parser backtrack is skipped
 * with its reason (each would spend its full 60 s limit per command); drop the reason once it reads fast.
 */
const cases: Array<[string, string, string?]> = [
  ['a heading line with 50,000 blank pairs', `# a${' \t'.repeat(50_000)}x\n\n**Status**: Approved\n`],
  ['an action item with 50,000 `[[`', `# Brackets in an item\n\n## Action Items\n\n### 🔴 This Week (Urgent)\n\n- [ ] x ${'[['.repeat(50_000)}\n`],
  ['a YAML alias bomb in front matter', BOMB],
  ['a status line of 20,000 ` - `', `# Dashes\n\n**Status**: ${' - '.repeat(20_000)}x\n`],
  ['a Nygard status of 20,000 `Superseded by`', `# 1. Nygard\n\nDate: 2016-02-12\n\n## Status\n\n${'Superseded by '.repeat(20_000)}\n`],
  ['a line of 20,000 `[x](`', `# Links\n\n**Status**: Approved\n\n${'[x]('.repeat(20_000)}\n`],
];

describe('small files built to make a parser backtrack', () => {
  cases.forEach(([what, text, openBug], k) => {
    // Skipped, with its reason, while the parser still backtracks on it (see the note on `cases`).
    it.skipIf(Boolean(openBug))(`adr list and adr check read a log holding ${what}${openBug ? ` (skipped: ${openBug})` : ''}`, async () => {
      const root = join(base, `case-${k}`);
      mkdirSync(join(root, 'decisions'), { recursive: true });
      writeFileSync(join(root, 'decisions', '2025-01-01-good.md'), GOOD);
      writeFileSync(join(root, 'decisions', '2025-01-02-hostile.md'), text);
      for (const args of [['list', '--json', '--no-cache'], ['check', '--format', 'json', '--no-cache']]) {
        const r = await runAdr(args, { cwd: root, limitMs: 60_000 });
        const d = describeRun(args, r);
        expect(r.timedOut, d).toBe(false);
        expect(crashLines(r.stderr), d).toEqual([]);
        expect([0, 1], d).toContain(r.code);
        const out = JSON.parse(r.stdout);
        if (args[0] === 'list') {
          expect(out.map((x: any) => x.file)).toContain('2025-01-01-good.md');
          // Read as a record, or named on stderr: never silently dropped.
          if (!out.some((x: any) => x.file === '2025-01-02-hostile.md')) expect(r.stderr).toContain('2025-01-02-hostile.md');
          expect(r.stdout.length, 'output stays proportional to the input').toBeLessThan(5_000_000);
        }
      }
    }, 150_000);
  });
});
