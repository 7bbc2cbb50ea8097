#!/usr/bin/env node
// Builds the bare Astro project over a log folder, cold, from a fresh work root.
// Astro writes `<root>/.astro` and a cache under root, and wants to resolve `astro` from root,
// so root is a temp folder with node_modules/astro linked to ours (TOOLCHAIN.md pitfalls); the
// pages stay in bench/bare-astro/src. The current directory is the root, so Astro's scratch
// folders land there and nowhere else.
//
//   node bench/bare-astro/build.mjs <markdown folder> <empty work folder>
import { mkdirSync, symlinkSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const [base, workArg] = process.argv.slice(2);
if (!base || !workArg) {
  console.error('usage: node bench/bare-astro/build.mjs <markdown folder> <empty work folder>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const work = resolve(workArg);
mkdirSync(join(work, 'node_modules'), { recursive: true });
const astroDir = dirname(createRequire(import.meta.url).resolve('astro/package.json'));
symlinkSync(astroDir, join(work, 'node_modules', 'astro'), 'dir');
process.env.BARE_ASTRO_BASE = resolve(base);
process.env.ASTRO_TELEMETRY_DISABLED = '1';
process.chdir(work);

const { build } = await import('astro');
await build({
  root: work,
  srcDir: join(here, 'src'),
  publicDir: join(work, 'public'),
  outDir: join(work, 'dist'),
  cacheDir: join(work, '.cache'),
  configFile: false,
  logLevel: 'warn',
  vite: { cacheDir: join(work, '.vite'), logLevel: 'warn' },
});
const pages = readdirSync(join(work, 'dist'), { recursive: true }).filter((name) => String(name).endsWith('.html')).length;
console.log(`${pages} pages`);
