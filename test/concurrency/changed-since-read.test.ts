/**
 * An edit of a record that changed since the command read it is refused, so `adr abort` and
 * `adr status` on one record at once never both act on what they read: real processes, many
 * rounds. Each round ends in one of two ways: the two ran one after the other (the second read
 * the first one's result, and its report says so), or they overlapped and the loser refused with
 * "changed since this command read it" and wrote nothing. The record always reads as exactly what
 * the winners did, the overview agrees with it, and no lock or temp file is left.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/parse/index.js';
import { crashLines, describeRun, runAdr } from '../hostile/run-adr.js';
import { frobnicatorRecord } from './frobnicator.js';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'adr-changed-since-')));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const FILE = '2025-08-01-frobnicator.md';
const ROUNDS = 12;

async function round(n: number): Promise<'overlapped' | 'one after the other'> {
  const root = join(base, `round-${n}`);
  const dir = join(root, 'decisions');
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(dir);
  writeFileSync(join(dir, FILE), frobnicatorRecord(['Frobnication is the future.', '']));
  const cacheDir = join(root, '.cache');
  const adr = (args: string[]) => runAdr(args, { cwd: root, cacheDir, limitMs: 120_000 });
  expect((await adr(['overview'])).code).toBe(0);

  const abortArgs = ['abort', 'frobnicator', '--reason', 'Too expensive'];
  const statusArgs = ['status', 'frobnicator', 'rejected'];
  // Alternate which one is spawned first.
  const [abort, status] = n % 2 ? await Promise.all([adr(abortArgs), adr(statusArgs)]) : (await Promise.all([adr(statusArgs), adr(abortArgs)])).reverse();
  const both = `${describeRun(abortArgs, abort)}\n${describeRun(statusArgs, status)}`;
  for (const r of [abort, status]) {
    expect(r.timedOut, both).toBe(false);
    expect(crashLines(r.stderr), both).toEqual([]);
    expect([0, 1], both).toContain(r.code);
  }
  const text = readFileSync(join(dir, FILE), 'utf8');
  const d = parseRecord(FILE, text).decision!;
  expect(readdirSync(dir).filter((f) => f.startsWith('.')), both).toEqual([]);
  expect(readdirSync(root).filter((f) => f.startsWith('.') && !['.git', '.cache'].includes(f)), both).toEqual([]);

  let outcome: 'overlapped' | 'one after the other';
  if (abort.code === 0 && status.code === 0) {
    // One after the other, both acting on what they read: only status after abort can do that
    // (an abort of a rejected record is refused), and the status run says it saw the abort.
    expect(status.stdout, both).toMatch(/aborted → rejected/);
    expect(d.status).toBe('rejected');
    expect(text.match(/^## Abort Rationale$/gm), both).toHaveLength(1);
    outcome = 'one after the other';
  } else {
    expect([abort.code, status.code].filter((c) => c === 0), both).toHaveLength(1);
    const loser = abort.code === 1 ? abort : status;
    const winner = loser === abort ? 'status' : 'abort';
    if (/changed since this command read it/.test(loser.stderr)) {
      expect(loser.stderr, both).toMatch(/nothing was written: run the command again/);
      outcome = 'overlapped';
    } else {
      // The abort came second, read the rejected record and refused as abort does.
      expect(loser, both).toBe(abort);
      expect(abort.stderr, both).toMatch(/is already rejected/);
      outcome = 'one after the other';
    }
    expect(d.status, both).toBe(winner === 'abort' ? 'aborted' : 'rejected');
    expect((text.match(/^## Abort Rationale$/gm) ?? []).length, both).toBe(winner === 'abort' ? 1 : 0);
  }
  // The overview agrees with the record, whoever won.
  const check = await adr(['check', '--format', 'json', '--no-cache']);
  const drift = JSON.parse(check.stdout).filter((x: { rule: string }) => x.rule.startsWith('overview'));
  expect(drift, both).toEqual([]);
  return outcome;
}

describe('adr abort and adr status on one record at once', () => {
  it(`${ROUNDS} rounds: one after the other, or the loser refuses "changed since read"; never both on stale text`, async () => {
    const outcomes: string[] = [];
    // Two rounds at a time (two cores).
    for (let n = 0; n < ROUNDS; n += 2) outcomes.push(...(await Promise.all([round(n), round(n + 1)])));
    const counts = outcomes.reduce<Record<string, number>>((c, o) => ((c[o] = (c[o] ?? 0) + 1), c), {});
    // eslint-disable-next-line no-console
    console.log(`abort vs status: ${JSON.stringify(counts)}`);
    // Spawned together, they overlap in most rounds: the refusal is what was tested.
    expect(counts.overlapped ?? 0).toBeGreaterThan(0);
  }, 600_000);
});
