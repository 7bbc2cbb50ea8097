/**
 * Shared helpers of the lifecycle tests: a temp log made from fixture files, and `adr` run
 * in-process through main() with a fixed clock and captured output (no process.exit).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { runInProcess } from '../helpers/run-in-process.js';

/** The fixed clock every lifecycle test runs with (noon, so no time zone moves the day). */
export const NOW = new Date('2025-08-07T12:00:00Z');

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'edit');

/** A temp repository with a `decisions/` log holding `files` (name to text or bytes). */
export function tempLog(files: Record<string, string | Uint8Array> = {}): { root: string; dir: string; cleanup: () => void } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'adr-lifecycle-')));
  const dir = join(root, 'decisions');
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { root, dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Copies the before/ files of fixture cases into `dir`. */
export function copyFixture(dir: string, ...cases: string[]): void {
  for (const c of cases) cpSync(join(FIXTURES, c, 'before'), dir, { recursive: true });
}

/** Runs `adr ...args` in `cwd` (the shared in-process runner); resolves to the exit code and the captured output. */
export async function adr(cwd: string, args: string[], env: Record<string, string | undefined> = {}) {
  return runInProcess(args, cwd, { now: NOW, env: { XDG_CACHE_HOME: join(cwd, '.cache'), ...env } });
}

/** `adr list --json` of the log in `cwd`, as objects. */
export async function listJson(cwd: string): Promise<any[]> {
  const r = await adr(cwd, ['list', '--json']);
  if (r.code !== 0) throw new Error(`adr list failed: ${r.stderr}`);
  const parsed = JSON.parse(r.stdout);
  return Array.isArray(parsed) ? parsed : parsed.decisions;
}

export const read = (path: string) => readFileSync(path, 'utf8');
export const readBytes = (path: string) => readFileSync(path);

/**
 * A maker of temp logs holding copies of fixture cases, each removed after its test
 * (registers the afterEach hook of the calling test file).
 */
export function fixtureLogs(): (...cases: string[]) => ReturnType<typeof tempLog> {
  let cleanup: (() => void) | null = null;
  afterEach(() => {
    cleanup?.();
    cleanup = null;
  });
  return (...cases) => {
    const t = tempLog();
    cleanup = t.cleanup;
    copyFixture(t.dir, ...cases);
    return t;
  };
}
