// The benchmark's synthetic logs must be deterministic and consistent, or the bench measures
// noise (a log full of errors times the error path, a log that changes between machines
// cannot be compared). These tests read the generated files with the real parser and checker.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { ensureLog, planLog, BENCH_NOW } from '../../bench/generate.mjs';
import { parseRecord } from '../../src/parse/index.js';
import type { Decision } from '../../src/model/index.js';
import { runInProcess } from '../helpers/run-in-process.js';

const tmp = mkdtempSync(join(tmpdir(), 'adr-bench-gen-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
    if (name.endsWith('.md')) out.set(name, readFileSync(join(dir, name), 'utf8'));
  }
  return out;
}

function parseAll(dir: string): Map<string, Decision> {
  const out = new Map<string, Decision>();
  for (const [name, text] of filesOf(dir)) {
    const { decision } = parseRecord(name, text);
    if (decision) out.set(name, decision);
  }
  return out;
}

async function runAdr(cwd: string, argv: string[]) {
  return runInProcess(argv, cwd, { now: new Date(BENCH_NOW), env: { ADR_CACHE_DIR: join(tmp, 'cache'), NO_COLOR: '1' } });
}

describe('bench/generate.mjs', () => {
  const a = ensureLog({ format: 'summary', size: 120, out: join(tmp, 'a') });
  const b = ensureLog({ format: 'summary', size: 120, out: join(tmp, 'b') });
  const n = ensureLog({ format: 'nygard', size: 120, out: join(tmp, 'a') });

  it('writes the same bytes for the same seed and size, and other bytes for another seed', () => {
    expect(filesOf(b.root)).toEqual(filesOf(a.root));
    const c = ensureLog({ format: 'summary', size: 120, out: join(tmp, 'c'), seed: 7 });
    expect(filesOf(c.root)).not.toEqual(filesOf(a.root));
  });

  it('makes records of about 3 KB, with supersede relations', () => {
    expect(a.bytes / a.files).toBeGreaterThan(2500);
    expect(a.bytes / a.files).toBeLessThan(3700);
    expect(n.bytes / n.files).toBeGreaterThan(2500);
    expect(a.superseded).toBeGreaterThan(3);
  });

  it('writes what the plan says, as the parser reads it: status, date, priority, action items', () => {
    const plan = planLog(120);
    const decisions = [...parseAll(join(a.root, 'decisions')).values()];
    expect(decisions).toHaveLength(120);
    const byTitle = new Map(decisions.map((d) => [d.title, d]));
    for (const rec of plan) {
      const d = byTitle.get(rec.title);
      expect(d, rec.title).toBeDefined();
      expect(d!.dialect).toBe('summary');
      expect(d!.status).toBe(rec.status);
      expect(d!.date).toBe(rec.date);
      expect(d!.priority).toBe(rec.priority);
      expect(d!.overviewLink).toBe(true);
      if (rec.status === 'aborted') expect(d!.actionItems.every((i) => i.done && i.aborted)).toBe(true);
    }
  });

  it('writes supersede relations on both sides, in both formats', () => {
    for (const [dir, format] of [[join(a.root, 'decisions'), 'summary'], [join(n.root, 'doc/adr'), 'nygard']] as const) {
      const decisions = parseAll(dir);
      let pairs = 0;
      for (const d of decisions.values()) {
        for (const link of d.links.filter((l) => l.kind === 'superseded-by')) {
          const successor = decisions.get(link.target);
          expect(successor, `${format}: ${d.file} -> ${link.target}`).toBeDefined();
          expect(successor!.links.some((l) => l.kind === 'supersedes' && l.target === d.file), `${format}: ${link.target} names ${d.file}`).toBe(true);
          expect(d.status).toBe('superseded');
          pairs++;
        }
      }
      expect(pairs, format).toBe(a.superseded);
    }
  });

  it('gives logs in which adr check finds no errors', async () => {
    const summary = await runAdr(a.root, ['check', '--no-cache', '--quiet']);
    expect(summary.stderr).toBe('');
    expect(summary.code, summary.stdout).toBe(0);
    const nygard = await runAdr(n.root, ['check', '--no-cache', '--quiet']);
    expect(nygard.code, nygard.stdout).toBe(0);
  }, 120_000);
});
