/**
 * Where a site build happens and where it may write.
 *
 * Astro needs a writable `root` (it always writes `<root>/.astro`), so the root is a work
 * folder per set of logs under the user's cache folder, never the installed package:
 * `$XDG_CACHE_HOME/adr/site/<hash>` (else `~/.cache/adr/site/<hash>`), with
 * `node_modules/astro` linked to the astro this package resolves. Astro also empties its
 * output folder, so `adr site build` refuses any output folder that is neither empty nor an
 * earlier adr site (recognised by a marker file).
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, readdir, readlink, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';

/** The marker file an adr site carries in its output folder. */
export const MARKER_FILE = '.adr-site.json';

/** What the marker file records. */
export interface SiteMarker {
  generator: 'adr';
  /** Base path the site was built for (the static server strips it). */
  base: string;
  /** Log folders the site was built from. */
  logs: string[];
}

/** The package's own folder (holding `site/`, `dist/`, `package.json`), found from this module. */
export function packageRoot(): string {
  // dist/site/work.js -> package root (two levels up), same in the checkout and when installed.
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** The folder of a package this package resolves (`astro`, `mermaid`). */
export function packageDir(name: string): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve(`${name}/package.json`));
}

/** The folder of the astro package this package resolves. */
export function astroPackageDir(): string {
  return packageDir('astro');
}

/** Packages the site's pages import at build time. */
const SITE_PACKAGES = ['astro'];

/** The user's cache folder for adr (`$XDG_CACHE_HOME/adr`, else `~/.cache/adr`). */
export function cacheHome(env: Record<string, string | undefined>): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'adr');
  return join(env.HOME || homedir(), '.cache', 'adr');
}

/** The work folder of a set of log folders (stable: the same logs always use the same folder). */
export function workFolderFor(env: Record<string, string | undefined>, logDirs: readonly string[], purpose: 'build' | 'dev' = 'build'): string {
  const hash = createHash('sha256').update(JSON.stringify([...logDirs].map((d) => resolve(d)))).digest('hex').slice(0, 16);
  // The dev server keeps its own folder: a build must not replace the pages under a running server.
  return join(cacheHome(env), 'site', purpose === 'dev' ? `${hash}-dev` : hash);
}

/**
 * Takes the work folder for this process (two builds of the same logs at once would overwrite
 * each other's `.astro` data). A lock left by a process that no longer runs is taken over.
 * Returns the function that releases it.
 */
export async function lockWorkFolder(work: string): Promise<() => Promise<void>> {
  await mkdir(work, { recursive: true });
  const lock = join(work, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' });
      return async () => {
        await rm(lock, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      let alive = false;
      if (Number.isInteger(pid) && pid > 0) {
        try {
          process.kill(pid, 0);
          alive = true;
        } catch (probe) {
          alive = (probe as NodeJS.ErrnoException).code === 'EPERM';
        }
      }
      if (alive) throw new UserError(`another adr site process (pid ${pid}) is using ${work}; wait for it to finish`);
      await rm(lock, { force: true });
    }
  }
  throw new UserError(`could not lock ${work}`);
}

/**
 * Creates the work folder and links `node_modules/astro` (and the other packages the pages
 * import) in it to ours, so Astro's own imports (`astro/...`, its client scripts) and the
 * pages' scripts resolve from the root.
 */
export async function prepareWorkFolder(work: string): Promise<void> {
  await mkdir(join(work, 'node_modules'), { recursive: true });
  await mkdir(join(work, 'public'), { recursive: true });
  for (const name of SITE_PACKAGES) await ensureLink(join(work, 'node_modules', name), packageDir(name));
  // Astro compiles .astro files (and their <script> and <style> parts) only under its root, so
  // the pages are copied into the work folder; `dist` is linked so the loader's `../dist/...`
  // imports reach this package's compiled code (and, from there, its dependencies).
  await rm(join(work, 'site'), { recursive: true, force: true });
  await cp(join(packageRoot(), 'site'), join(work, 'site'), { recursive: true });
  // The site's static files (favicon, the theme script) go to Astro's public folder, next to the
  // images the loader copies there.
  await cp(join(packageRoot(), 'site', 'public'), join(work, 'public'), { recursive: true });
  await ensureLink(join(work, 'dist'), join(packageRoot(), 'dist'));
  // A package.json makes the work folder a project root of its own for Vite's resolution.
  const pkg = join(work, 'package.json');
  const wanted = `${JSON.stringify({ name: 'adr-site-work', private: true, type: 'module' }, null, 2)}\n`;
  const existing = await readFile(pkg, 'utf8').catch(() => null);
  if (existing !== wanted) await writeFile(pkg, wanted);
}

/** Makes `link` a symbolic link to `target` (replacing whatever is there). */
async function ensureLink(link: string, target: string): Promise<void> {
  let current: string | null = null;
  try {
    current = await readlink(link);
  } catch {
    current = null;
  }
  if (current === target) return;
  await rm(link, { recursive: true, force: true });
  await symlink(target, link, process.platform === 'win32' ? 'junction' : 'dir');
}

function inside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Checks that `out` may be emptied and filled with a site: it is not the file system root, the
 * home folder, a log folder or a folder holding one, and it is either missing, empty or an
 * earlier adr site. Throws UserError otherwise.
 */
export async function checkOutputFolder(out: string, logDirs: readonly string[], env: Record<string, string | undefined>): Promise<void> {
  const abs = resolve(out);
  if (abs === parse(abs).root || abs === resolve(env.HOME || homedir())) {
    throw new UserError(`refusing to build the site into ${abs}: choose a dedicated folder with --out`);
  }
  for (const dir of logDirs) {
    if (inside(resolve(dir), abs)) {
      throw new UserError(`refusing to build the site into ${out}: it holds the log ${dir}, which the build would delete`);
    }
  }
  let info;
  try {
    info = await stat(abs);
  } catch {
    return;
  }
  if (!info.isDirectory()) throw new UserError(`cannot build the site into ${out}: it is a file, not a folder`);
  const entries = await readdir(abs);
  if (entries.length === 0 || entries.includes(MARKER_FILE)) return;
  throw new UserError(
    `refusing to build the site into ${out}: the folder is not empty and is not an earlier adr site (no ${MARKER_FILE}); ` +
      'choose an empty or new folder with --out',
  );
}

/** Reads the marker of a built site, or null when the folder is not an adr site. */
export async function readMarker(out: string): Promise<SiteMarker | null> {
  try {
    const marker = JSON.parse(await readFile(join(out, MARKER_FILE), 'utf8')) as Partial<SiteMarker>;
    if (marker.generator !== 'adr') return null;
    return { generator: 'adr', base: typeof marker.base === 'string' ? marker.base : '/', logs: Array.isArray(marker.logs) ? marker.logs : [] };
  } catch {
    return null;
  }
}

/** Writes the marker file into a built site. */
export async function writeMarker(out: string, marker: SiteMarker): Promise<void> {
  await writeFile(join(out, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
}

/** Removes a file or folder if it is there (used for the previous site's contents). */
export async function removeEntry(path: string): Promise<void> {
  try {
    await rm(path, { recursive: true, force: true });
  } catch {
    await unlink(path).catch(() => undefined);
  }
}

