/**
 * The one in-process `adr` runner of the tests: `main()` with a command context instead of the
 * process (a working folder, a fixed clock, captured stdout and stderr, an environment of its own),
 * so a test runs a command the way a person types it, in a temp folder, without spawning node.
 * (test/hostile/run-adr.ts spawns the real binary, for what only a process shows: exit, signals.)
 */
import { join } from 'node:path';
import type { CommandContext } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';

/** What a run gave. */
export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** How to run: every field has a default a test rarely needs to change. */
export interface InProcessOptions {
  /** The clock (default 2026-01-15 12:00 UTC, the clock of most tests). */
  now?: Date;
  /**
   * The environment: these variables only (no NO_COLOR, no TZ from the test process), with the cache in
   * `<cwd>/.cache-test` unless they name one (ADR_CACHE_DIR or XDG_CACHE_HOME).
   */
  env?: Record<string, string | undefined>;
  /** Whether a person can answer prompts (default false). */
  interactive?: boolean;
  /** Whether stdout is a terminal (colour, the table cut to `columns`). */
  tty?: boolean;
  columns?: number;
  /** The `main()` to run: the source's by default; the site tests run the compiled one (the build forks dist/). */
  entry?: typeof main;
}

/** The clock most CLI tests run at. */
export const TEST_NOW = new Date('2026-01-15T12:00:00Z');

/** Runs `adr ...argv` in `cwd` in-process and captures what it printed. */
export async function runInProcess(argv: string[], cwd: string, options: InProcessOptions = {}): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const ctx: CommandContext = {
    cwd,
    now: options.now ?? TEST_NOW,
    stdout: { write: (t: string) => ((stdout += t), true), isTTY: options.tty ?? false, ...(options.columns ? { columns: options.columns } : {}) },
    stderr: { write: (t: string) => ((stderr += t), true) },
    env: options.env?.ADR_CACHE_DIR || options.env?.XDG_CACHE_HOME ? { ...options.env } : { ADR_CACHE_DIR: join(cwd, '.cache-test'), ...options.env },
    interactive: options.interactive ?? false,
  };
  const code = await (options.entry ?? main)(argv, ctx);
  return { code, stdout, stderr };
}
