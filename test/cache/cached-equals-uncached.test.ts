/**
 * The parse cache changes how fast a command answers, never what it answers: `adr list --json`
 * and `adr check --format json` print the same bytes with `--no-cache`, on the run that fills the
 * cache, and on warm runs that take the stat shortcut, for every real log in test/fixtures/judge
 * and for generated logs of both formats (bench/generate.mjs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { ensureLog } from '../../bench/generate.mjs';
import { RACY_MARGIN_MS } from '../../src/store/cache.js';
import { adr as judgeAdr, copyLog, type RealLog } from '../judge/helpers.js';

const REAL: RealLog[] = ['adr-tools', 'adr-tools-superceded', 'log4brains', 'madr', 'summary'];

/** `adr ...argv` in `cwd` with its parse cache in `cacheDir` (the judge helper, cache moved). */
const adr = (argv: string[], cwd: string, cacheDir: string) => judgeAdr(argv, cwd, { ADR_CACHE_DIR: cacheDir });

const roots = new Map<string, string>();
const tmp = mkdtempSync(join(tmpdir(), 'adr-cached-uncached-'));

beforeAll(async () => {
  for (const log of REAL) roots.set(log, copyLog(log));
  for (const format of ['summary', 'nygard']) roots.set(`generated ${format}`, ensureLog({ format, size: 80, out: tmp }).root);
  // Past the racy margin once, so warm runs really take the stat shortcut (a wait, not a timed assertion).
  await new Promise((done) => setTimeout(done, RACY_MARGIN_MS + 300));
}, 120_000);

afterAll(() => {
  for (const [name, root] of roots) if (!name.startsWith('generated')) rmSync(root, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

describe.each([...REAL, 'generated summary', 'generated nygard'])('%s', (name) => {
  for (const argv of [['list', '--json'], ['check', '--format', 'json']]) {
    it(`adr ${argv.join(' ')}: --no-cache, filling and warm runs print the same`, async () => {
      const root = roots.get(name)!;
      const cacheDir = join(tmp, `cache-${name.replace(/\W/g, '-')}-${argv[0]}`);
      const uncached = await adr([...argv, '--no-cache'], root, cacheDir);
      expect(uncached.stdout.length).toBeGreaterThan(2);
      const filling = await adr(argv, root, cacheDir);
      const warm = await adr(argv, root, cacheDir);
      const again = await adr(argv, root, cacheDir);
      for (const run of [filling, warm, again]) {
        expect(run.code).toBe(uncached.code);
        expect(run.stderr).toBe(uncached.stderr);
        expect(run.stdout).toBe(uncached.stdout);
      }
    });
  }
});
