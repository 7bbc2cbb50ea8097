/**
 * Many `adr` processes at once on one log, for real (spawned `node dist/cli/bin.js`, fixed clock):
 * numbers are never handed out twice, every file written is whole and readable, the overview
 * keeps every row, and two aborts of one record leave one consistent result.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { crashLines, describeRun, runAdr, type AdrRun } from '../hostile/run-adr.js';
import { frobnicatorRecord } from './frobnicator.js';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function tempRepo(): { root: string; dir: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'adr-concurrency-')));
  roots.push(root);
  const dir = join(root, 'decisions');
  mkdirSync(dir);
  return { root, dir };
}

const adr = (root: string, args: string[]) => runAdr(args, { cwd: root, cacheDir: join(root, '.cache'), limitMs: 120_000 });

async function listJson(root: string): Promise<any[]> {
  const r = await adr(root, ['list', '--json', '--no-cache']);
  expect(r.code, describeRun(['list'], r)).toBe(0);
  return JSON.parse(r.stdout);
}

function expectClean(args: string[], r: AdrRun): void {
  expect(r.timedOut, describeRun(args, r)).toBe(false);
  expect(crashLines(r.stderr), describeRun(args, r)).toEqual([]);
}

const NYGARD_1 = '# 1. Record architecture decisions\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\n## Context\n\nWe record decisions.\n';

describe('20 adr new at once', () => {
  it('a numbered log gets 20 distinct numbers and 20 readable files', async () => {
    const { root, dir } = tempRepo();
    writeFileSync(join(dir, '0001-record-architecture-decisions.md'), NYGARD_1);
    const titles = Array.from({ length: 20 }, (_, i) => `Concurrent decision ${i + 1}`);
    const runs = await Promise.all(titles.map((t) => adr(root, ['new', t])));
    runs.forEach((r, i) => {
      expectClean(['new', titles[i]], r);
      expect(r.code, describeRun(['new', titles[i]], r)).toBe(0);
    });
    const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
    expect(files).toHaveLength(21);
    const numbers = files.map((f) => Number(/^(\d+)-/.exec(f)?.[1]));
    expect(new Set(numbers).size).toBe(21);
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    // Each process printed the path it wrote, and each path is a different file.
    const printed = runs.map((r) => r.stdout.trim());
    expect(new Set(printed).size).toBe(20);
    const list = await listJson(root);
    expect(list.map((d) => d.title).sort()).toEqual([...titles, 'Record architecture decisions'].sort());
    for (const d of list) expect(d.status).toBe(d.number === 1 ? 'accepted' : 'proposed');
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 240_000);

  it('a date-named log gets 20 distinct files for 20 records with the same title', async () => {
    const { root, dir } = tempRepo();
    writeFileSync(join(dir, '2025-01-01-first.md'), '# First\n\n**Status**: ✅ Approved\\\n**Date**: 2025-01-01\n');
    const runs = await Promise.all(Array.from({ length: 20 }, () => adr(root, ['new', 'Same title'])));
    for (const r of runs) {
      expectClean(['new', 'Same title'], r);
      expect(r.code, describeRun(['new', 'Same title'], r)).toBe(0);
    }
    const made = readdirSync(dir).filter((f) => f.startsWith('2025-08-07-'));
    expect(made).toHaveLength(20);
    const list = await listJson(root);
    const same = list.filter((d) => d.title === 'Same title');
    expect(same).toHaveLength(20);
    for (const d of same) {
      expect(d.status).toBe('proposed');
      expect(d.date).toBe('2025-08-07');
    }
  }, 240_000);

  it('a log with an overview gets 20 new rows, none lost', async () => {
    const { root, dir } = tempRepo();
    const init = await adr(root, ['init']);
    expect(init.code, describeRun(['init'], init)).toBe(0);
    const titles = Array.from({ length: 20 }, (_, i) => `Row ${i + 1} of twenty`);
    const runs = await Promise.all(titles.map((t) => adr(root, ['new', t])));
    runs.forEach((r, i) => {
      expectClean(['new', titles[i]], r);
      expect(r.code, describeRun(['new', titles[i]], r)).toBe(0);
    });
    const overview = readFileSync(join(root, 'DECISIONS.md'), 'utf8');
    const missing = readdirSync(dir)
      .filter((f) => f.includes('of-twenty'))
      .filter((f) => !overview.includes(f));
    expect(missing, 'records without an overview row (lost update)').toEqual([]);
    const check = await adr(root, ['check', '--format', 'json', '--no-cache']);
    const drift = JSON.parse(check.stdout).filter((d: any) => String(d.rule).startsWith('overview'));
    expect(drift).toEqual([]);
  }, 240_000);
});

describe('two adr abort at once on one record', () => {
  const RECORD = frobnicatorRecord(['Frobnication.', '']);

  for (let round = 1; round <= 3; round++) {
    it(`leave one consistent result (round ${round})`, async () => {
      const { root, dir } = tempRepo();
      const file = join(dir, '2025-08-01-frobnicator.md');
      writeFileSync(file, RECORD);
      const [a, b] = await Promise.all([
        adr(root, ['abort', 'frobnicator', '--reason', 'Reason A']),
        adr(root, ['abort', 'frobnicator', '--reason', 'Reason B']),
      ]);
      expectClean(['abort', 'A'], a);
      expectClean(['abort', 'B'], b);
      // One wins; the other refuses clearly (already aborted / being edited) or no-ops.
      const winners = [a, b].filter((r) => r.code === 0);
      expect(winners.length, `${describeRun(['abort', 'A'], a)}\n${describeRun(['abort', 'B'], b)}`).toBeGreaterThanOrEqual(1);
      for (const r of [a, b].filter((x) => x.code !== 0)) {
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/already aborted|being edited|changed/i);
      }
      const text = readFileSync(file, 'utf8');
      expect(text.match(/^## Abort Rationale/gm) ?? []).toHaveLength(1);
      const reasons = new Set(text.match(/Reason [AB]/g));
      expect(reasons.size, text).toBe(1);
      const [d] = await listJson(root);
      expect(d.status).toBe('aborted');
      expect(['Reason A', 'Reason B']).toContain(d.reason);
      expect(d.actionItems).toHaveLength(2);
      for (const item of d.actionItems) expect(item).toMatchObject({ done: true, aborted: true });
      const check = await adr(root, ['check', '--format', 'json', '--no-cache']);
      const statusProblems = JSON.parse(check.stdout).filter((x: any) => /^(status|lifecycle)/.test(String(x.rule)) && x.severity === 'error');
      expect(statusProblems).toEqual([]);
      expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    }, 120_000);
  }
});
