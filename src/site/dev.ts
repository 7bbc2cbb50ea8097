/**
 * `adr site dev`: Astro's dev server on the same pages, with the log folders watched by the
 * content loader, so saving a record reloads the page showing it.
 */
import { join } from 'node:path';
import { displayPath, type Output } from '../output.js';
import { astroConfig } from './astro-config.js';
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
  const siteOptions: SiteOptions = { cwd: options.cwd, dirs, base, site: null, title: options.title ?? null, cacheFile: join(work, 'render-cache.json'), copyAssets: true };
  // The content loader runs inside this process and reads its settings from the environment.
  process.env[SITE_OPTIONS_ENV] = JSON.stringify(siteOptions);
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const { dev } = await import('astro');
  const config = astroConfig({ work, base, site: null, outDir: join(work, 'dev-out') }, 'dev');
  const server = await dev({ ...config, server: { host: '127.0.0.1', port: options.port, open: false } });
  const port = server.address.port;
  options.stdout.write(
    `adr site dev: ${dirs.map((d) => displayPath(options.cwd, d)).join(', ')} at http://127.0.0.1:${port}${base} (reloads when a record changes; Ctrl+C stops)\n`,
  );
  await options.until;
  await server.stop();
}
