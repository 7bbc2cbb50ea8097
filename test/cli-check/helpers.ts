/** Runs `adr check` in temp folders with a fixed clock and captured output. */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { runInProcess } from '../helpers/run-in-process.js';

/** The clock of every check CLI test. */
export const NOW = new Date('2026-01-15T12:00:00Z');

/** A fresh temp folder. */
export function tempDir(prefix = 'adr-check-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files (relative paths, string or bytes) under `root`. */
export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), data);
  }
}

/** Copies a folder into a fresh temp folder and returns its path. */
export function copyToTemp(folder: string): string {
  const dir = tempDir();
  cpSync(folder, dir, { recursive: true });
  return dir;
}

/** Every file under `root`, as POSIX paths relative to it. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.')) walk(abs);
      } else if (!entry.name.startsWith('.')) out.push(relative(root, abs).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** Runs `adr ...argv` in `cwd` (the shared in-process runner, at this suite's clock). */
export async function runCheck(
  argv: string[],
  cwd: string,
  options: { env?: Record<string, string | undefined>; tty?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return runInProcess(argv, cwd, { now: NOW, env: options.env, tty: options.tty });
}
