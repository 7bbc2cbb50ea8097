// Shared by the authoring and overview tests: run a command in a temp folder with a fixed clock.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runInProcess } from '../helpers/run-in-process.js';

/** The clock every CLI test runs at. */
export const NOW = new Date('2026-01-15T12:00:00Z');

/** A fresh temp folder. */
export function tempDir(prefix = 'adr-authoring-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files (path relative to `root`) and their folders. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** Runs `adr ARGV` in `cwd` and captures its output (the shared in-process runner). */
export async function runCli(
  argv: string[],
  cwd: string,
  options: { now?: Date; env?: Record<string, string | undefined>; interactive?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return runInProcess(argv, cwd, { now: options.now ?? NOW, env: options.env, interactive: options.interactive });
}
