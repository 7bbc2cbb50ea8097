/**
 * Two writers on one record: two `adr abort` processes at once leave one consistent result (the
 * second one sees the first one's abort and refuses), and a file changed on disk between reading
 * and writing is read again instead of overwritten.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { abortEdits } from '../../src/edit/abort.js';
import { parseRecord } from '../../src/parse/index.js';
import { editRecord } from '../../src/store/apply-edit.js';
import { readLog } from '../../src/store/read-log.js';
import { adr, copyFixture, tempLog } from './helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'bin.js');
const FILE = '2025-08-06-nix-development-environment.md';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function spawnAdr(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, ADR_NOW: '2025-08-07T12:00:00Z', XDG_CACHE_HOME: join(cwd, '.cache'), NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Checks the record reads as one abort, by one of the reasons. */
function oneConsistentAbort(dir: string, reasons: string[]): string {
  const text = readFileSync(join(dir, FILE), 'utf8');
  const d = parseRecord(FILE, text).decision!;
  expect(d.status).toBe('aborted');
  expect(reasons).toContain(d.reason);
  expect(text.match(/### Decision to Abandon/g)).toHaveLength(1);
  expect(text.match(/^## Abort Rationale$/gm)).toHaveLength(1);
  expect(d.actionItems.filter((i) => !i.done)).toEqual([]);
  // Every closed item carries the winner's reason: no mix of the two runs.
  for (const i of d.actionItems.filter((x) => x.raw.includes('ABORTED') && !x.raw.includes('Done'))) expect(i.raw).toContain(d.reason!);
  expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  return d.reason!;
}

describe('two adr abort at once', () => {
  test.each([1, 2, 3])('round %i: one wins, the other refuses, the file is consistent', async () => {
    const t = tempLog();
    cleanup = t.cleanup;
    copyFixture(t.dir, 'abort-summary-seed');
    const reasons = ['Use Makefile + proto instead', 'Nix is too hard to learn'];
    const results = await Promise.all(reasons.map((r) => spawnAdr(t.root, ['abort', 'nix', '--reason', r])));
    const codes = results.map((r) => r.code).sort();
    expect(codes, results.map((r) => r.stderr).join('\n')).toEqual([0, 1]);
    // The loser refuses: the record changed since it read it (or, when it started after the winner
    // wrote, it is already aborted). Either way it wrote nothing.
    const loser = results.find((r) => r.code === 1)!;
    expect(loser.stderr).toMatch(/changed since this command read it|is already aborted/);
    const winner = reasons[results.findIndex((r) => r.code === 0)];
    expect(oneConsistentAbort(t.dir, reasons)).toBe(winner);
  }, 30_000);

  test('in one process too (the per-record lock serialises them)', async () => {
    const t = tempLog();
    cleanup = t.cleanup;
    copyFixture(t.dir, 'abort-summary-seed');
    const reasons = ['first reason', 'second reason'];
    const results = await Promise.all(reasons.map((r) => adr(t.root, ['abort', FILE, '--reason', r])));
    expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
    oneConsistentAbort(t.dir, reasons);
  });
});

describe('a file changed between reading and writing', () => {
  test('is refused as changed since read, never overwritten nor planned again on text nobody saw', async () => {
    const t = tempLog();
    cleanup = t.cleanup;
    copyFixture(t.dir, 'abort-summary-seed');
    const log = await readLog({ cwd: t.root, cache: false });
    const path = join(t.dir, FILE);
    let attempts = 0;
    const run = editRecord({
      log,
      file: FILE,
      plan: (record) => {
        attempts++;
        // Another writer (without our lock, like an editor) aborts it after we read it.
        const other = abortEdits(record.decision, record.text, { reason: 'someone else', today: '2025-08-07' });
        const text = other.edits.slice().sort((a, b) => b.start - a.start).reduce((s, e) => s.slice(0, e.start) + e.text + s.slice(e.end), record.text);
        writeFileSync(path, text);
        return { edits: abortEdits(record.decision, record.text, { reason: 'ours', today: '2025-08-07' }).edits, result: null };
      },
      verify: () => null,
    });
    await expect(run).rejects.toThrow(/changed since this command read it.*nothing was written.*run the command again/);
    expect(attempts).toBe(1);
    expect(oneConsistentAbort(t.dir, ['someone else'])).toBe('someone else');
  });

  test('a record changed after the log was read and before the edit began is refused too', async () => {
    const t = tempLog();
    cleanup = t.cleanup;
    copyFixture(t.dir, 'abort-summary-seed');
    const log = await readLog({ cwd: t.root, cache: false });
    const path = join(t.dir, FILE);
    writeFileSync(path, readFileSync(path, 'utf8').replace('**Approved**', '**Rejected**'));
    const before = readFileSync(path);
    let planned = false;
    const run = editRecord({
      log,
      file: FILE,
      plan: () => {
        planned = true;
        return { edits: [], result: null };
      },
      verify: () => null,
    });
    await expect(run).rejects.toThrow(/changed since this command read it \(its status is now rejected, it was accepted\)/);
    expect(planned).toBe(false);
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
