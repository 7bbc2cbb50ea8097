// Shared by the site tests: copy fixture logs into a temp folder and run `adr site build` there.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The compiled CLI: the build forks dist/site/astro-runner.js, so the tests run what users run.
import { main } from '../../dist/cli/main.js';
import { runInProcess } from '../helpers/run-in-process.js';

/** The site fixtures folder. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'site');

/** Output captured from one CLI run. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `adr ...args` in `cwd` with a fixed clock and a cache folder inside `home` (the shared runner, on the compiled CLI). */
export async function adr(cwd: string, home: string, args: string[]): Promise<Run> {
  return runInProcess(args, cwd, {
    entry: main,
    now: new Date('2025-08-20T12:00:00Z'),
    env: { ...process.env, XDG_CACHE_HOME: join(home, 'cache'), HOME: home, ASTRO_TELEMETRY_DISABLED: '1' },
  });
}

/** A temp folder holding copies of the named fixture folders (`basic`, `second`, ...). */
export async function tempCopy(names: string[]): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'adr-site-'));
  for (const name of names) await cp(join(FIXTURES, name), join(dir, name), { recursive: true });
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
