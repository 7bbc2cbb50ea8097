/**
 * Locks and temp files clean up after a kill: `adr abort` is killed with SIGKILL 100 times at
 * random points of its run (seeded, so a failure can be replayed), and after each kill the next
 * command (`adr list`, a reading command) leaves no `.adr-lock`, `.tmp`, lock or set-aside file
 * behind, never lists one as a record, and the next abort is not held up by what the killed one
 * left. The record is put back between kills so that every run has work to do.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crashLines, describeRun, runAdr } from '../hostile/run-adr.js';
import { frobnicatorRecord } from './frobnicator.js';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'adr-kill-loop-')));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const KILLS = 100;
const LANES = 2;
const FILE = '2025-08-01-frobnicator.md';

/** A small seeded generator (mulberry32): the same kills on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Names adr gives its temp files, locks and locks set aside. */
const DEBRIS = /^\..*(\.tmp|\.stale|\.adr-lock|\.adr-new\.lock|\.adr-overview-lock)$/;
const debrisIn = (...dirs: string[]) => dirs.flatMap((d) => readdirSync(d).filter((n) => DEBRIS.test(n)).map((n) => join(d, n)));

async function lane(l: number, kills: number): Promise<{ leftByKills: number; finished: number }> {
  const root = join(base, `lane-${l}`);
  const dir = join(root, 'decisions');
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(dir);
  // About 0.25 MB: the re-parse and the write take long enough for kills to land inside them.
  const filler = 'This paragraph makes the record large, so that writing it takes a measurable time. '.repeat(8);
  const record = frobnicatorRecord(Array.from({ length: 350 }, (_, i) => `### Note ${i}\n\n${filler}\n`));
  writeFileSync(join(dir, FILE), record);
  writeFileSync(join(dir, '2025-08-02-small.md'), '# Small\n\n**Status**: ✅ Approved\\\n**Date**: 2025-08-02\n');
  const cacheDir = join(root, '.cache');
  const adr = (args: string[], onSpawn?: Parameters<typeof runAdr>[1]['onSpawn']) => runAdr(args, { cwd: root, cacheDir, limitMs: 120_000, onSpawn });
  expect((await adr(['overview'])).code).toBe(0);
  const overview = readFileSync(join(root, 'DECISIONS.md'));
  const args = ['abort', 'frobnicator', '--reason', 'Killed'];

  // The uninterrupted run's duration (the second run: the first fills the parse cache): kills are
  // spread over it and a little past it.
  let reference = await adr(args);
  writeFileSync(join(dir, FILE), record);
  reference = await adr(args);
  expect(reference.code, describeRun(args, reference)).toBe(0);
  const span = reference.ms * 1.1;

  const rand = random(0xadc0de + l);
  let leftByKills = 0;
  let finished = 0;
  for (let k = 0; k < kills; k++) {
    writeFileSync(join(dir, FILE), record);
    writeFileSync(join(root, 'DECISIONS.md'), overview);
    const delay = rand() * span;
    const killed = await adr(args, (child) => setTimeout(() => child.kill('SIGKILL'), delay));
    if (killed.signal === null) finished++;
    else expect(killed.signal).toBe('SIGKILL');
    if (debrisIn(dir, root).length > 0) leftByKills++;

    // The next command, a reading one, sweeps what the killed process left and reads no debris.
    const next = await adr(['list', '--json']);
    const what = `kill ${k} of lane ${l}, ${Math.round(delay)} ms after spawn: ${describeRun(['list', '--json'], next)}`;
    expect(crashLines(next.stderr), what).toEqual([]);
    expect(next.code, what).toBe(0);
    expect(JSON.parse(next.stdout).map((d: { file: string }) => d.file).sort(), what).toEqual([FILE, '2025-08-02-small.md']);
    expect(debrisIn(dir, root), what).toEqual([]);
  }
  // And an edit after all that is not held up by a lock of a killed process.
  writeFileSync(join(dir, FILE), record);
  const last = await adr(args);
  expect(last.code, describeRun(args, last)).toBe(0);
  expect(last.ms).toBeLessThan(reference.ms * 3 + 5_000);
  return { leftByKills, finished };
}

describe(`SIGKILL of adr abort, ${KILLS} times at random points`, () => {
  it('the next command leaves no lock, temp or set-aside file, and reads none as a record', async () => {
    const results = await Promise.all(Array.from({ length: LANES }, (_, l) => lane(l, KILLS / LANES)));
    const left = results.reduce((s, r) => s + r.leftByKills, 0);
    const finished = results.reduce((s, r) => s + r.finished, 0);
    // eslint-disable-next-line no-console
    console.log(`kill loop: ${KILLS} kills, ${left} left a lock or temp file behind (swept by the next command), ${finished} finished before the kill`);
    // The kills landed inside the work: some of them left something for the next command to sweep.
    expect(left).toBeGreaterThan(0);
  }, 900_000);
});
