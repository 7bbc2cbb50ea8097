/**
 * Runs the real `adr` binary (`node dist/cli/bin.js`) as a child process, the way users and CI do:
 * a fixed clock (ADR_NOW), a private cache folder, no terminal, a hard time limit (a hang is a
 * failure, reported as such rather than as a vitest timeout), and the wall time measured.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * The repository's dist/cli/bin.js (runs dist/, so `npx tsc -p .` must have run; npm test does).
 * ADR_TEST_BIN points elsewhere, e.g. at a snapshot of bin/ + dist/ while others rebuild dist/.
 */
export const ADR_BIN = process.env.ADR_TEST_BIN ?? join(import.meta.dirname, '..', '..', 'dist', 'cli', 'bin.js');

/** The fixed clock of every spawned command. */
export const ADR_NOW = '2025-08-07T12:00:00Z';

/** What a finished (or killed) `adr` run gave. */
export interface AdrRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time in milliseconds. */
  ms: number;
  /** True when the time limit killed it. */
  timedOut: boolean;
}

/** Options of {@link runAdr}. */
export interface RunOptions {
  cwd: string;
  /** Cache root for this run (ADR_CACHE_DIR and XDG_CACHE_HOME); default `<cwd>/.adr-test-cache`. */
  cacheDir?: string;
  env?: Record<string, string | undefined>;
  /** Kill after this many milliseconds (default 90 s) and report timedOut. */
  limitMs?: number;
  /** Called with the child right after spawning (crash tests kill it). */
  onSpawn?: (child: ChildProcess) => void;
  /** Run as this unprivileged user (through `setpriv`; the caller must be root), e.g. `nobody`. */
  user?: string;
}

/** The environment every spawned adr gets. */
export function adrEnv(cwd: string, cacheDir?: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const cache = cacheDir ?? join(cwd, '.adr-test-cache');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    LANG: 'C.UTF-8',
    ADR_NOW,
    ADR_CACHE_DIR: cache,
    XDG_CACHE_HOME: cache,
    NO_COLOR: '1',
    TZ: 'UTC',
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Spawns `node dist/cli/bin.js ...args` in `cwd` and resolves when it exits (never rejects). */
export function runAdr(args: string[], options: RunOptions): Promise<AdrRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const [cmd, argv] = options.user
      ? ['setpriv', [`--reuid=${options.user}`, `--regid=${options.user === 'nobody' ? 'nogroup' : options.user}`, '--clear-groups', process.execPath, ADR_BIN, ...args]]
      : [process.execPath, [ADR_BIN, ...args]];
    const child = spawn(cmd, argv, {
      cwd: options.cwd,
      env: adrEnv(options.cwd, options.cacheDir, options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.limitMs ?? 90_000);
    options.onSpawn?.(child);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started, timedOut });
    });
  });
}

/** Lines of `stderr` that show a crash: a stack frame, an internal error, a Node warning trace. */
export function crashLines(stderr: string): string[] {
  return stderr
    .split(/\r?\n/)
    .filter((l) => /^\s+at\s/.test(l) || /internal error/i.test(l) || /^(\w*Error|RangeError|TypeError):/.test(l) || /Maximum call stack/i.test(l) || /heap out of memory/i.test(l));
}

/** A one-line description of a run for assertion messages. */
export function describeRun(args: string[], r: AdrRun): string {
  const tail = (s: string) => (s.length > 1500 ? `…${s.slice(-1500)}` : s);
  return `adr ${args.join(' ')} -> code ${r.code} signal ${r.signal}${r.timedOut ? ' (TIMED OUT)' : ''} in ${Math.round(r.ms)} ms\nstderr: ${tail(r.stderr)}`;
}
