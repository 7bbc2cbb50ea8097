/**
 * What every command receives instead of reaching for globals, so tests can run
 * commands in temp folders with a fixed clock and captured output.
 */

import type { Output } from '../output.js';

// Output lives in src/output.ts so the site builder can write to one without importing the CLI.
export type { Output };

/** The world a command runs in. */
export interface CommandContext {
  /** Working directory; every relative path is resolved from here. */
  cwd: string;
  /** The current time: `adr new` dates and "in the future" checks use it. */
  now: Date;
  stdout: Output;
  stderr: Output;
  /** Environment (NO_COLOR, VISUAL, EDITOR, XDG_CACHE_HOME). */
  env: Record<string, string | undefined>;
  /** Whether a person can answer prompts (stdin is a TTY). */
  interactive: boolean;
}

/** A command module: `src/cli/<name>.ts` exports these. */
export interface Command {
  /** One line for `adr --help`. */
  summary: string;
  /** Full `--help` text, with at least one example. */
  help: string;
  /** Runs the command; resolves to the process exit code (0 ok, 1 findings/failure, 2 usage). */
  run(argv: string[], ctx: CommandContext): Promise<number>;
}

// The error classes live in src/errors.ts so lower layers (store, edit) can throw them
// without importing the CLI; commands keep importing them from here.
export { UsageError, UserError } from '../errors.js';
