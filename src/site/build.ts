/**
 * `adr site build`: read the logs, build the pages with Astro, index them with Pagefind,
 * and put the result in the output folder, saying what each step did and how long it took.
 *
 * Astro runs in a child process (astro-runner.ts) with the work folder as its current
 * directory: Astro uses `<cwd>/.astro` as scratch space when the output folder is elsewhere,
 * and must never touch the user's folders. The site is built into the work folder first and
 * moved into place only when every step succeeded, so a failed build leaves the previous
 * site as it was.
 */
import { fork } from 'node:child_process';
import { cp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayPath, printable, type Output } from '../output.js';
import { UserError } from '../errors.js';
import { findLog } from '../store/find-log.js';
import type { AstroRunSettings } from './astro-config.js';
import type { RunnerMessage } from './astro-runner.js';
import { normaliseBase, SITE_OPTIONS_ENV, type SiteOptions } from './options.js';
import { checkOutputFolder, lockWorkFolder, MARKER_FILE, prepareWorkFolder, readMarker, removeEntry, workFolderFor, writeMarker } from './work.js';

/** What `adr site build` needs. */
export interface BuildSiteOptions {
  cwd: string;
  /** Log folders (`--dir`, repeatable); empty for the log found from `cwd`. */
  dirs: string[];
  /** Output folder (default `.site`, relative to `cwd`). */
  out?: string;
  base?: string;
  site?: string | null;
  title?: string | null;
  env: Record<string, string | undefined>;
  stdout: Output;
  stderr: Output;
}

/** What a build did. */
export interface BuildSiteResult {
  out: string;
  records: number;
  pages: number;
  indexed: number;
  problems: number;
  /** Milliseconds per step. */
  timings: { read: number; astro: number; pagefind: number; write: number; total: number };
}

/** Resolves the log folders to build (each must be a log `findLog` accepts). */
export async function resolveLogDirs(cwd: string, dirs: readonly string[]): Promise<string[]> {
  const wanted = dirs.length > 0 ? dirs : [undefined];
  const found: string[] = [];
  for (const dir of wanted) {
    const location = await findLog({ cwd, dir });
    const abs = resolve(location.dir);
    if (!found.includes(abs)) found.push(abs);
  }
  return found;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function line(label: string, detail: string, ms: number): string {
  return `  ${label.padEnd(13)} ${detail.padEnd(34)} ${seconds(ms).padStart(8)}\n`;
}

async function countPages(folder: string): Promise<number> {
  let count = 0;
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  for (const entry of entries) if (entry.isFile() && entry.name.endsWith('.html')) count++;
  return count;
}

/**
 * The environment without the names Astro reads as `import.meta.env` (a shell's `DEV=1`, or the
 * `DEV`/`MODE` a test runner sets, would make a build think it is the dev server).
 */
function withoutAstroEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const clean = { ...env };
  for (const name of ['DEV', 'PROD', 'MODE', 'SSR', 'SITE', 'BASE_URL', 'ASSETS_PREFIX']) delete clean[name];
  return clean;
}

/** Runs Astro's build in a child process and relays its reports. */
function runAstro(
  settings: AstroRunSettings,
  options: SiteOptions,
  env: Record<string, string | undefined>,
  onMessage: (message: RunnerMessage) => void,
  stderr: Output,
): Promise<void> {
  const runner = join(dirname(fileURLToPath(import.meta.url)), 'astro-runner.js');
  return new Promise((resolvePromise, reject) => {
    const child = fork(runner, [], {
      cwd: settings.work,
      env: {
        ...withoutAstroEnv(env),
        ASTRO_TELEMETRY_DISABLED: '1',
        ASTRO_DISABLE_UPDATE_CHECK: 'true',
        NODE_ENV: 'production',
        ADR_SITE_RUN: JSON.stringify(settings),
        [SITE_OPTIONS_ENV]: JSON.stringify(options),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let failure: string | null = null;
    const output: string[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('message', (message: RunnerMessage) => {
      if (message.step === 'error') failure = message.message;
      else onMessage(message);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      // Astro's own warnings (logLevel warn) are worth showing; its progress lines are not printed at that level.
      const text = output.join('').replace(/\u001b\[[0-9;]*m/g, '').trim();
      if (code === 0 && !failure) {
        if (text) stderr.write(`${text.split('\n').map((l) => `  astro: ${l}`).join('\n')}\n`);
        resolvePromise();
      } else {
        reject(new UserError(`the Astro build failed: ${failure ?? `exit code ${code}`}${text ? `\n${text}` : ''}`));
      }
    });
  });
}

/** Indexes the built pages with Pagefind's Node API and writes `pagefind/` next to them. */
async function indexWithPagefind(folder: string): Promise<number> {
  const pagefind = await import('pagefind');
  try {
    const created = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!created.index) throw new Error(created.errors.join('; ') || 'could not start pagefind');
    const added = await created.index.addDirectory({ path: folder });
    if (added.errors.length > 0) throw new Error(added.errors.join('; '));
    const written = await created.index.writeFiles({ outputPath: join(folder, 'pagefind') });
    if (written.errors.length > 0) throw new Error(written.errors.join('; '));
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}

/** Moves the built site from the work folder into the output folder (replacing an earlier adr site). */
async function moveIntoPlace(built: string, out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  const marker = await readMarker(out);
  const existing = await readdir(out);
  if (existing.length > 0 && !marker && !existing.includes(MARKER_FILE)) {
    throw new UserError(`refusing to replace ${out}: it is not an earlier adr site`);
  }
  for (const name of existing) await removeEntry(join(out, name));
  for (const name of await readdir(built)) {
    try {
      await rename(join(built, name), join(out, name));
    } catch (error) {
      // Another file system (cache folder on its own disk): copy instead.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await cp(join(built, name), join(out, name), { recursive: true });
    }
  }
  await rm(built, { recursive: true, force: true });
}

/** Builds the site; throws UserError for problems the user can fix (no log, a bad output folder). */
export async function buildSite(options: BuildSiteOptions): Promise<BuildSiteResult> {
  const started = performance.now();
  const { cwd, env } = options;
  const dirs = await resolveLogDirs(cwd, options.dirs);
  const out = resolve(cwd, options.out ?? '.site');
  await checkOutputFolder(out, dirs, env);
  const base = normaliseBase(options.base);

  const work = workFolderFor(env, dirs);
  const unlock = await lockWorkFolder(work);
  try {
    return await buildInWorkFolder(options, dirs, out, base, work, started);
  } finally {
    await unlock();
  }
}

async function buildInWorkFolder(
  options: BuildSiteOptions,
  dirs: string[],
  out: string,
  base: string,
  work: string,
  started: number,
): Promise<BuildSiteResult> {
  const { cwd, stdout, stderr, env } = options;
  await prepareWorkFolder(work);
  const staging = join(work, 'out');
  await rm(staging, { recursive: true, force: true });

  stdout.write(`adr site: building ${dirs.map((d) => displayPath(cwd, d)).join(', ')} into ${displayPath(cwd, out)} (base ${base})\n`);
  const siteOptions: SiteOptions = {
    cwd,
    dirs,
    base,
    site: options.site ?? null,
    title: options.title ?? null,
    cacheFile: join(work, 'render-cache.json'),
    copyAssets: true,
  };
  const settings: AstroRunSettings = { work, base, site: siteOptions.site, outDir: staging };

  let readMs = 0;
  let records = 0;
  let problems = 0;
  const astroStarted = performance.now();
  let astroMs = 0;
  await runAstro(
    settings,
    siteOptions,
    env,
    (message) => {
      if (message.step === 'read') {
        readMs = message.ms;
        records = message.records;
        problems = message.diagnostics.length;
        const detail = `${records} ${records === 1 ? 'record' : 'records'}${problems ? `, ${problems} ${problems === 1 ? 'problem' : 'problems'}` : ''}`;
        stdout.write(line('read log', detail, readMs));
        for (const d of message.diagnostics) {
          stderr.write(`    ${printable(d.source)}:${d.line}:${d.column}: ${d.severity}: ${printable(d.message)}\n`);
        }
        for (const note of message.notes ?? []) stderr.write(`    note: ${note}\n`);
      } else if (message.step === 'astro') {
        astroMs = message.ms;
      }
    },
    stderr,
  );
  astroMs = Math.max(0, (astroMs || performance.now() - astroStarted) - readMs);
  const pages = await countPages(staging);
  stdout.write(line('astro build', `${pages} pages`, astroMs));

  const indexStarted = performance.now();
  const indexed = await indexWithPagefind(staging);
  const pagefindMs = performance.now() - indexStarted;
  stdout.write(line('pagefind', `${indexed} pages indexed`, pagefindMs));

  const writeStarted = performance.now();
  await writeMarker(staging, { generator: 'adr', base, logs: dirs });
  await moveIntoPlace(staging, out);
  const writeMs = performance.now() - writeStarted;
  stdout.write(line('write', displayPath(cwd, out), writeMs));

  const total = performance.now() - started;
  const serveHint = `adr site serve --out ${displayPath(cwd, out)}`;
  stdout.write(`done in ${seconds(total)}: ${pages} pages in ${displayPath(cwd, out)}; preview with \`${serveHint}\`\n`);
  return { out, records, pages, indexed, problems, timings: { read: readMs, astro: astroMs, pagefind: pagefindMs, write: writeMs, total } };
}
