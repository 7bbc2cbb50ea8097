/**
 * The child process that runs `astro build` (see build.ts for why it is a child: Astro must
 * run with the work folder as its current directory, and a failing build must not take the
 * CLI down). It reports each step to the parent over IPC.
 *
 * Input: the environment variable ADR_SITE_RUN (JSON {@link AstroRunSettings}) and
 * ADR_SITE_OPTIONS (read by the content loader).
 */
import { astroConfig, type AstroRunSettings } from './astro-config.js';

/** A message from the runner to the CLI. */
export type RunnerMessage =
  | {
      step: 'read';
      ms: number;
      records: number;
      logs: string[];
      diagnostics: Array<{ source: string; line: number; column: number; severity: string; message: string }>;
      /** What the build could not do for the site as a whole, and how to have it done. */
      notes?: string[];
    }
  | { step: 'astro'; ms: number }
  | { step: 'error'; message: string };

function send(message: RunnerMessage): void {
  if (process.send) process.send(message);
}

async function run(): Promise<void> {
  const settings = JSON.parse(process.env.ADR_SITE_RUN ?? '{}') as AstroRunSettings;
  // The content loader reports through this hook (it runs inside Astro, in this process).
  (globalThis as { __adrSiteReport?: (event: RunnerMessage) => void }).__adrSiteReport = send;
  const started = performance.now();
  const { build } = await import('astro');
  await build(astroConfig(settings, 'build'), { teardownCompiler: true });
  send({ step: 'astro', ms: performance.now() - started });
}

run().then(
  () => {
    process.exitCode = 0;
    // Astro may keep handles open (watchers, workers); the build is done.
    setTimeout(() => process.exit(0), 50).unref();
    if (process.connected) process.disconnect();
  },
  (error: unknown) => {
    const message = error instanceof Error ? `${error.message}${process.env.ADR_DEBUG && error.stack ? `\n${error.stack}` : ''}` : String(error);
    send({ step: 'error', message });
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 50).unref();
  },
);
