/**
 * Crash safety of `adr abort`: a process killed with SIGKILL at any moment leaves the record
 * either exactly as it was or exactly as the finished abort writes it, never torn; the lock it
 * leaves behind does not block the next run.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, adr, copyFixture, tempLog } from './helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'bin.js');
const FILE = '2025-08-06-nix-development-environment.md';
const REASON = 'Use Makefile + proto instead for simpler development setup';

function killedAbort(cwd: string, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'abort', 'nix', '--reason', REASON], {
      cwd,
      env: { ...process.env, ADR_NOW: '2025-08-07T12:00:00Z', XDG_CACHE_HOME: join(cwd, '.cache') },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('adr abort killed at any moment', () => {
  test('leaves the old file or the new one, and the next run completes', async () => {
    const before = readFileSync(join(FIXTURES, 'abort-summary-seed', 'before', FILE));
    const after = readFileSync(join(FIXTURES, 'abort-summary-seed', 'after', FILE));
    const seen = new Set<string>();
    for (let round = 0; round < 12; round++) {
      const t = tempLog();
      try {
        copyFixture(t.dir, 'abort-summary-seed');
        // Spread the kills over start-up, reading, planning and writing.
        await killedAbort(t.root, [0, 40, 80, 120, 160, 200, 240, 280, 320, 400, 500, 700][round]);
        const now = readFileSync(join(t.dir, FILE));
        const state = now.equals(before) ? 'old' : now.equals(after) ? 'new' : 'torn';
        seen.add(state);
        expect(state).not.toBe('torn');
        // A lock left by the killed process names a dead pid: the next run takes it over.
        const r = await adr(t.root, ['abort', 'nix', '--reason', REASON]);
        if (state === 'old') expect(r.code, r.stderr).toBe(0);
        else expect(r.stderr).toContain('already aborted');
        expect(readFileSync(join(t.dir, FILE)).equals(after)).toBe(true);
        expect(readdirSync(t.dir).filter((f) => f.endsWith('.adr-lock'))).toEqual([]);
      } finally {
        t.cleanup();
      }
    }
    expect(seen.has('torn')).toBe(false);
  }, 120_000);

  test('a lock whose holder is gone is taken over', async () => {
    const t = tempLog();
    try {
      copyFixture(t.dir, 'abort-nygard');
      const gone = await new Promise<number>((resolve) => {
        const child = spawn(process.execPath, ['-e', '0']);
        child.on('close', () => resolve(child.pid!));
      });
      writeFileSync(join(t.dir, '.0002-use-kafka.md.adr-lock'), `${gone}\n`);
      const r = await adr(t.root, ['abort', '2', '--reason', 'x']);
      expect(r.code, r.stderr).toBe(0);
      expect(readdirSync(t.dir).filter((f) => f.startsWith('.'))).toEqual([]);
    } finally {
      t.cleanup();
    }
  });
});
