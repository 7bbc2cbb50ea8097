/**
 * What a record or a file name can make `adr` print. Logs are read in CI, where a printed line
 * starting with `::` is a GitHub workflow command, and in terminals, where ESC and BEL sequences
 * retitle the window, clear the screen or worse. Neither a file name nor a title may smuggle such
 * control text into any output: it must be escaped or replaced.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashLines, describeRun, runAdr } from './run-adr.js';

let root: string;
const FORGED_NAME = '2025-01-01-a,b:c\n::error file=forged.md::forged by a file name.md';
const ESC_TITLE = 'Evil \u001b]0;pwned\u0007 title \u001b[2J\u001b[31mred';

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'adr-inject-')));
  const dir = join(root, 'decisions');
  mkdirSync(dir);
  writeFileSync(join(dir, FORGED_NAME), '# Forged\n\n**Status**: Frobbed %0A::error file=x.md::forged by a status\\\n**Date**: 2025-13-45\n');
  writeFileSync(
    join(dir, '2025-01-03-esc.md'),
    `# ${ESC_TITLE}\n\n**Status**: ❓ Under Discussion \u001b[0m\\\n**Date**: 2025-01-03\n\n## Action Items\n\n### 🔴 This Week (Urgent)\n\n- [ ] Do \u001b[2Jthis\n`,
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Lines that GitHub Actions would run as a workflow command. */
const commandLines = (out: string) => out.split(/\r?\n/).filter((l) => /^\s*::/.test(l));
/** Terminal control characters other than newline and tab (ESC, BEL, CR, ...). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u009b]/;

describe('no control text from the log reaches the output', () => {
  for (const args of [['list'], ['list', '--json'], ['check'], ['check', '--format', 'json'], ['todo'], ['todo', '--json']]) {
    it(`adr ${args.join(' ')}: no workflow-command line, no terminal control character`, async () => {
      const r = await runAdr(args, { cwd: root, limitMs: 60_000 });
      expect(crashLines(r.stderr), describeRun(args, r)).toEqual([]);
      expect([0, 1], describeRun(args, r)).toContain(r.code);
      for (const out of [r.stdout, r.stderr]) {
        expect(commandLines(out), describeRun(args, r)).toEqual([]);
        expect(CONTROL.test(out), `control character in: ${JSON.stringify(out.slice(0, 2000))}`).toBe(false);
      }
    }, 60_000);
  }

  it('adr check --format github: one annotation per diagnostic, file names and messages escaped', async () => {
    const args = ['check', '--format', 'github'];
    const r = await runAdr(args, { cwd: root, limitMs: 60_000 });
    expect(crashLines(r.stderr), describeRun(args, r)).toEqual([]);
    const lines = r.stdout.split('\n').filter((l) => l.length > 0);
    for (const l of lines) {
      // The properties are exactly these (a forged `,` or `::` in a value would add or end one).
      expect(l).toMatch(/^::(error|warning|notice) file=[^,:\n]*,line=\d+,col=\d+(,endLine=\d+,endColumn=\d+)?(,title=[^,:\n]*)?::/);
    }
    expect(lines.some((l) => l.includes('a%2Cb%3Ac%0A%3A%3Aerror'))).toBe(true);
  }, 60_000);
});
