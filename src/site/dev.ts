/**
 * `adr site dev`: Astro's dev server on the same pages, with the log folders watched by the
 * content loader, so saving a record reloads the page showing it.
 */
import { join } from 'node:path';
import { displayPath, type Output } from '../output.js';
import { astroConfig } from './astro-config.js';
import { portError } from './serve.js';
import { resolveLogDirs } from './build.js';
import { normaliseBase, SITE_OPTIONS_ENV, type SiteOptions } from './options.js';
import { lockWorkFolder, prepareWorkFolder, workFolderFor } from './work.js';

/** What `adr site dev` needs. */
export interface DevSiteOptions {
  cwd: string;
  dirs: string[];
  base?: string;
  port: number;
  title?: string | null;
  env: Record<string, string | undefined>;
  stdout: Output;
  /** Resolves when the server should stop (Ctrl+C). */
  until: Promise<void>;
}

/** Runs the dev server until `until` resolves. */
export async function devSite(options: DevSiteOptions): Promise<void> {
  const dirs = await resolveLogDirs(options.cwd, options.dirs);
  const base = normaliseBase(options.base);
  const work = workFolderFor(options.env, dirs, 'dev');
  const unlock = await lockWorkFolder(work);
  try {
    await prepareWorkFolder(work);
    await serve(options, dirs, base, work);
  } finally {
    await unlock();
  }
}

async function serve(options: DevSiteOptions, dirs: string[], base: string, work: string): Promise<void> {
  const siteOptions: SiteOptions = { cwd: options.cwd, dirs, base, site: null, title: options.title ?? null, cacheFile: join(work, 'render-cache.json'), copyAssets: true, dev: true };
  // The content loader runs inside this process and reads its settings from the environment.
  process.env[SITE_OPTIONS_ENV] = JSON.stringify(siteOptions);
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  // Astro's dev server asks the registry for a newer Astro and tells the reader to upgrade: adr
  // pins its Astro, so the advice is wrong here, and the request needs no network of its own.
  process.env.ASTRO_DISABLE_UPDATE_CHECK = 'true';
  const { dev } = await import('astro');
  const config = astroConfig({ work, base, site: null, outDir: join(work, 'dev-out') }, 'dev');
  // strictPort: a taken port is an error to report, not a reason to serve somewhere else.
  let server: Awaited<ReturnType<typeof dev>>;
  try {
    server = await dev({ ...config, server: { host: '127.0.0.1', port: options.port, open: false }, vite: { ...config.vite, server: { ...config.vite?.server, strictPort: true } } });
  } catch (error) {
    throw portError(error as NodeJS.ErrnoException, options.port) ?? portErrorFromMessage(error, options.port) ?? error;
  }
  const port = server.address.port;
  options.stdout.write(
    `adr site dev: ${dirs.map((d) => displayPath(options.cwd, d)).join(', ')} at http://127.0.0.1:${port}${base} (reloads when a record changes; Ctrl+C stops)\n`,
  );
  await options.until;
  await server.stop();
}

/** Vite reports a taken strict port in words (`Port 4321 is already in use`), without an error code. */
function portErrorFromMessage(error: unknown, port: number): Error | null {
  const message = error instanceof Error ? error.message : String(error);
  return /already in use/i.test(message) ? portError(Object.assign(new Error(message), { code: 'EADDRINUSE' }), port) : null;
}
