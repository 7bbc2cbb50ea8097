/**
 * Crash safety, tested by killing for real: `adr abort` and `adr overview` processes are killed
 * with SIGKILL at many points of their run (delays spread from 0 to past the command's measured
 * duration, plus kills aimed at the moment the temp file of the atomic write appears). After each
 * kill every file the command writes is byte-identical to the original or to the finished result,
 * never torn or empty; and running the command again afterwards finishes it (no stale lock).
 *
 * The files are made large (several MB) so that a write takes measurable time and kills land
 * inside it. Timings vary run to run; only outcomes are asserted.
 */
import { appendFileSync, watch, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyTree } from '../hostile/files.js';
import { crashLines, describeRun, runAdr, type AdrRun } from '../hostile/run-adr.js';
import { frobnicatorRecord } from './frobnicator.js';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'adr-sigkill-')));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let copyN = 0;
function copyOf(template: string): string {
  const root = join(base, `run-${copyN++}`);
  copyTree(template, root);
  return root;
}

const run = (root: string, args: string[], onSpawn?: Parameters<typeof runAdr>[1]['onSpawn']) =>
  runAdr(args, { cwd: root, cacheDir: join(base, 'cache'), limitMs: 120_000, onSpawn });

/** A big summary-format record with open action items; `paragraphs` of filler make it large. */
function bigRecord(paragraphs: number): string {
  const filler = 'This paragraph is part of a long context section that makes the write take time. '.repeat(10);
  const body: string[] = [];
  for (let i = 0; i < paragraphs; i++) body.push(`### Note ${i}\n\n${filler}\n`);
  return frobnicatorRecord(body);
}

/** Runs `jobs` with at most `limit` at once. */
async function pool<T>(jobs: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < jobs.length) {
        const k = next++;
        out[k] = await jobs[k]();
      }
    }),
  );
  return out;
}

interface Scenario {
  /** Template repository (never run in). */
  template: string;
  args: string[];
  /** Files (relative to the repo root) the command writes. */
  files: string[];
  before: Map<string, Buffer>;
  after: Map<string, Buffer>;
  /** Wall time of the uninterrupted run. */
  ms: number;
  /** When the reference run's write began (first temp file) and ended (last target replaced), ms after spawn. */
  writeFrom: number;
  writeTo: number;
}

/**
 * Runs the command once uninterrupted in a copy to learn its result, its duration and when it
 * writes: the first temp file appearing and the last target replaced, in ms after spawn (from
 * file-system events), so the kills can be spread over the write itself.
 */
async function prepare(template: string, args: string[], files: string[]): Promise<Scenario> {
  const before = new Map(files.map((f) => [f, readFileSync(join(template, f))]));
  const root = copyOf(template);
  const names = new Set(files.map((f) => f.split('/').pop()!));
  const dirs = [...new Set(files.map((f) => join(root, f, '..')))];
  const watchers: ReturnType<typeof watch>[] = [];
  let t0 = 0;
  let firstTemp = -1;
  let lastTarget = -1;
  const r = await run(root, args, () => {
    t0 = performance.now();
    for (const d of dirs) {
      watchers.push(
        watch(d, (_event, name) => {
          const t = performance.now() - t0;
          if (name && /\.tmp$/.test(String(name)) && firstTemp < 0) firstTemp = t;
          if (name && names.has(String(name)) && firstTemp >= 0) lastTarget = t;
        }),
      );
    }
  });
  for (const w of watchers) w.close();
  expect(r.code, describeRun(args, r)).toBe(0);
  expect(crashLines(r.stderr)).toEqual([]);
  const after = new Map(files.map((f) => [f, readFileSync(join(root, f))]));
  for (const f of files) expect(after.get(f)!.equals(before.get(f)!), `${args[0]} changes ${f}`).toBe(false);
  expect(firstTemp, 'the write goes through a temp file next to the target').toBeGreaterThan(0);
  return { template, args, files, before, after, ms: r.ms, writeFrom: firstTemp, writeTo: Math.max(lastTarget, firstTemp) };
}

/** What a killed run left: per file, 'old', 'new' or 'TORN (n bytes)'. */
interface KillOutcome {
  when: string;
  finished: boolean;
  states: Record<string, string>;
  rerun?: AdrRun;
  rerunStates?: Record<string, string>;
}

function states(s: Scenario, root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of s.files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(root, f));
    } catch {
      out[f] = 'MISSING';
      continue;
    }
    out[f] = bytes.equals(s.before.get(f)!) ? 'old' : bytes.equals(s.after.get(f)!) ? 'new' : `TORN (${bytes.length} bytes)`;
  }
  return out;
}

/** Spawns the command in a fresh copy and SIGKILLs it after `delayMs`, or when a temp file appears (`aim`). */
async function killOnce(s: Scenario, how: { delayMs: number } | { aimMs: number }, rerun: boolean): Promise<KillOutcome> {
  const root = copyOf(s.template);
  const dirs = [...new Set(s.files.map((f) => join(root, f, '..')))];
  const watchers: ReturnType<typeof watch>[] = [];
  const r = await run(root, s.args, (child) => {
    if ('delayMs' in how) {
      setTimeout(() => child.kill('SIGKILL'), how.delayMs);
      return;
    }
    for (const d of dirs) {
      watchers.push(
        watch(d, (_event, name) => {
          if (name && /\.tmp$/.test(String(name))) setTimeout(() => child.kill('SIGKILL'), how.aimMs);
        }),
      );
    }
  });
  for (const w of watchers) w.close();
  const outcome: KillOutcome = {
    when: 'delayMs' in how ? `${Math.round(how.delayMs)} ms after spawn` : `${how.aimMs} ms after a temp file appeared`,
    finished: r.signal === null,
    states: states(s, root),
  };
  if (rerun) {
    // Run it again to completion: whatever the kill left (a lock, a temp file), it must finish the job.
    outcome.rerun = await run(root, s.args);
    outcome.rerunStates = states(s, root);
  }
  rmSync(root, { recursive: true, force: true });
  return outcome;
}

/**
 * `spread + aimed` kills, two at a time (two cores): `spread` over the whole run and past its end
 * (so some runs finish; the last one always does), `aimed` at the write itself: SIGKILL 0 ms to twice the measured write
 * window after the first temp file appears (a file-system event, so it holds on a slow machine).
 * Every `rerunEvery`-th killed copy is then run again to completion.
 */
async function killMany(s: Scenario, spread: number, aimed: number, rerunEvery: number): Promise<KillOutcome[]> {
  const jobs: Array<() => Promise<KillOutcome>> = [];
  // Spread up to 2x the reference duration; the last one at 10x, so at least one run finishes
  // even on a machine loaded by other work (then "new" is among the outcomes, as it must be).
  for (let i = 0; i < spread; i++) {
    const delayMs = i === spread - 1 ? s.ms * 10 : (i / (spread - 1)) * s.ms * 2;
    jobs.push(() => killOnce(s, { delayMs }, i % rerunEvery === 2));
  }
  const window = (s.writeTo - s.writeFrom) * 2 + 30;
  for (let i = 0; i < aimed; i++) jobs.push(() => killOnce(s, { aimMs: Math.round((i / (aimed - 1)) * window) }, i % rerunEvery === 3));
  return pool(jobs, 2);
}

function expectOldOrNew(s: Scenario, outcomes: KillOutcome[]): void {
  const bad = outcomes.filter((o) => Object.values(o.states).some((v) => v !== 'old' && v !== 'new'));
  expect(bad.map((o) => `${o.when}: ${JSON.stringify(o.states)}`), 'torn or missing files after SIGKILL').toEqual([]);
  for (const o of outcomes.filter((x) => x.rerun)) {
    const what = `rerun after a kill ${o.when}: ${describeRun(s.args, o.rerun!)}`;
    expect(crashLines(o.rerun!.stderr), what).toEqual([]);
    expect(o.rerun!.timedOut, what).toBe(false);
    // The rerun either did the job or found it done ("already aborted"); either way the record is
    // now the finished one. The overview is a second file: a kill between the two writes leaves it
    // old, and a refused rerun does not bring it in step (`adr check` flags it).
    expect([0, 1], what).toContain(o.rerun!.code);
    for (const f of s.files) {
      const refused = o.rerun!.code === 1 && /already aborted/.test(o.rerun!.stderr);
      if (f === 'DECISIONS.md' && s.files.length > 1 && refused) expect(['old', 'new'], `${what}\n${f}`).toContain(o.rerunStates![f]);
      else expect(o.rerunStates![f], `${what}\n${f}`).toBe('new');
    }
  }
}

describe('SIGKILL during adr abort', () => {
  let scenario: Scenario;
  beforeAll(async () => {
    const template = join(base, 'abort-template');
    mkdirSync(join(template, 'decisions'), { recursive: true });
    // About 0.7 MB: the verify re-parse and the fsync of the write take measurable time.
    writeFileSync(join(template, 'decisions', '2025-08-01-frobnicator.md'), bigRecord(800));
    writeFileSync(
      join(template, 'decisions', '2025-08-02-small.md'),
      '# Small\n\n[🚪 ← Back to Decisions Overview](../DECISIONS.md)\n\n## Decision Summary\n\n**Status**: ✅ Approved\\\n**Date**: 2025-08-02\n',
    );
    const ov = await run(template, ['overview']);
    expect(ov.code, describeRun(['overview'], ov)).toBe(0);
    rmSync(join(base, 'cache'), { recursive: true, force: true });
    scenario = await prepare(template, ['abort', 'frobnicator', '--reason', 'Killed mid-write'], ['decisions/2025-08-01-frobnicator.md', 'DECISIONS.md']);
  }, 180_000);

  it('leaves the record and the overview old or new, never torn, and a rerun finishes', async () => {
    const outcomes = await killMany(scenario, 15, 25, 10);
    const finished = outcomes.filter((o) => o.finished).length;
    // eslint-disable-next-line no-console
    console.log(`abort: reference ${Math.round(scenario.ms)} ms, write ${Math.round(scenario.writeFrom)}-${Math.round(scenario.writeTo)} ms; ${outcomes.length} kills, ${finished} runs finished before the kill; states: ${JSON.stringify(countStates(outcomes))}`);
    expectOldOrNew(scenario, outcomes);
    // The kills must have landed: some runs left the old file (killed before the write).
    expect(outcomes.some((o) => Object.values(o.states).includes('old'))).toBe(true);
    expect(outcomes.some((o) => Object.values(o.states).includes('new'))).toBe(true);
  }, 600_000);
});

describe('SIGKILL during adr overview', () => {
  let scenario: Scenario;
  beforeAll(async () => {
    const template = join(base, 'overview-template');
    mkdirSync(join(template, 'decisions'), { recursive: true });
    for (let i = 1; i <= 30; i++) {
      writeFileSync(
        join(template, 'decisions', `2025-07-${String(i).padStart(2, '0')}-record-${i}.md`),
        `# Record ${i}\n\n[🚪 ← Back to Decisions Overview](../DECISIONS.md)\n\n## Decision Summary\n\n**Status**: ${i % 3 ? '✅ Approved' : '❓ Under Discussion'}\\\n**Priority**: 🟡 Important (2 weeks)\\\n**Date**: 2025-07-${String(i).padStart(2, '0')}\n\n## Action Items\n\n### 🟡 Next 2 Weeks (Important)\n\n- [ ] Task of record ${i}\n`,
      );
    }
    // The overview is generated once (its marked regions), then gets about 1 MB of hand-written
    // text after them, which every later write keeps: the write takes measurable time. A record
    // added afterwards gives the measured `adr overview` a row to add.
    const made = await run(template, ['overview']);
    expect(made.code, describeRun(['overview'], made)).toBe(0);
    const para = 'A hand-written paragraph about the history of this log, kept as written. '.repeat(12);
    appendFileSync(join(template, 'DECISIONS.md'), `\n## Notes\n\n${`${para}\n\n`.repeat(1100)}`);
    writeFileSync(
      join(template, 'decisions', '2025-08-01-record-31.md'),
      '# Record 31\n\n[🚪 ← Back to Decisions Overview](../DECISIONS.md)\n\n## Decision Summary\n\n**Status**: ✅ Approved\\\n**Date**: 2025-08-01\n',
    );
    rmSync(join(base, 'cache'), { recursive: true, force: true });
    scenario = await prepare(template, ['overview'], ['DECISIONS.md']);
  }, 180_000);

  it('leaves the overview old or new, never torn, and a rerun finishes', async () => {
    const outcomes = await killMany(scenario, 8, 16, 12);
    const finished = outcomes.filter((o) => o.finished).length;
    // eslint-disable-next-line no-console
    console.log(`overview: reference ${Math.round(scenario.ms)} ms, write ${Math.round(scenario.writeFrom)}-${Math.round(scenario.writeTo)} ms; ${outcomes.length} kills, ${finished} finished before the kill; states: ${JSON.stringify(countStates(outcomes))}`);
    expectOldOrNew(scenario, outcomes);
    expect(outcomes.some((o) => o.states['DECISIONS.md'] === 'old')).toBe(true);
    expect(outcomes.some((o) => o.states['DECISIONS.md'] === 'new')).toBe(true);
  }, 600_000);
});

function countStates(outcomes: KillOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = Object.values(o.states).join('+');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
