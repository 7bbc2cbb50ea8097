/**
 * The files a site build copies next to its pages: the images records show (chosen by
 * bodies.ts's `assetUrl`, which allows only image files inside the repositories), and the
 * diagram renderer when a record has a diagram.
 */
import { copyFile, cp, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FEATURES, installCommand, installSpec, installTarget, missingPackages } from '../optional-deps.js';
import { packageInfo } from '../package-info.js';
import { packageRoot } from './work.js';

/**
 * Copies the images the records show into `<folder>/assets/` (Astro's public folder, which it
 * copies into the built site), replacing what an earlier run put there.
 * @param assets [site URL, absolute file] pairs
 * @param base the site's base path (`/` or `/x/`)
 * @returns how many files were copied
 */
export async function copyAssets(assets: ReadonlyArray<[string, string]>, base: string, folder: string): Promise<number> {
  const target = join(folder, 'assets');
  await rm(target, { recursive: true, force: true });
  let copied = 0;
  for (const [url, file] of assets) {
    const name = url.slice(`${base}assets/`.length);
    if (!/^[a-z0-9._-]+$/.test(name)) continue;
    await mkdir(target, { recursive: true });
    try {
      await copyFile(file, join(target, name));
      copied++;
    } catch {
      // A file that vanished since it was checked: the page shows a broken image, nothing worse.
    }
  }
  return copied;
}

/** Where the diagram renderer lives in a built site (under the base path). */
export const MERMAID_FOLDER = 'mermaid';

/** What {@link placeMermaid} did. */
export interface MermaidPlacement {
  placed: boolean;
  /** When a record draws a diagram and mermaid is not installed: what to run to draw it, else null. */
  note: string | null;
}

/**
 * Puts the diagram renderer into `<folder>/mermaid/` when a record draws a diagram, and takes it
 * away when none does: mermaid's own browser build (one minified file) and the sandboxed page
 * that runs it (site/mermaid/). No CDN, and no bundling of mermaid by Vite on every build (that
 * took a site build from about 8 to 22-28 s of CPU and from 0.3 to 0.9 GB of memory, whether a
 * log had diagrams or not). mermaid is an optional package of its own: without it the diagrams
 * stay code blocks and the note says how to draw them.
 */
export async function placeMermaid(folder: string, needed: boolean, cwd: string): Promise<MermaidPlacement> {
  const target = join(folder, MERMAID_FOLDER);
  await rm(target, { recursive: true, force: true });
  if (!needed) return { placed: false, note: null };
  const missing = missingPackages(FEATURES.diagrams);
  if (missing.length > 0) {
    const info = packageInfo();
    const command = installCommand(
      missing.map((m) => installSpec(m.name, m.range)),
      installTarget(info.root),
      { cwd, argv: ['site', 'build'], self: { name: info.name, version: info.version } },
    );
    return { placed: false, note: `records draw mermaid diagrams, shown as code until mermaid is installed: ${command}` };
  }
  const dist = join(dirname(createRequire(import.meta.url).resolve('mermaid/package.json')), 'dist');
  await cp(join(packageRoot(), 'site', 'mermaid'), target, { recursive: true });
  await copyFile(join(dist, 'mermaid.min.js'), join(target, 'mermaid.min.js'));
  return { placed: true, note: null };
}
