/**
 * Imports point one way (the brief's "How the code should look"): every module of src/ and site/
 * belongs to a layer, and a layer imports only itself and the layers below it.
 *
 *   shared   src/errors.ts, src/output.ts,  import only each other
 *            src/package-info.ts, src/optional-deps.ts
 *   model    src/model/                     imports nothing at all (not even shared)
 *   parse    src/parse/                     markdown to model
 *   edit     src/edit/                      splicing edits
 *   store    src/store/                     the log on disk
 *   lint     src/lint/                      the check engine and the fix engine
 *   rules    src/rules/                     one file per check rule
 *   site     src/site/                      the site builder
 *   pages    site/ (Astro)                  through dist/: never the CLI
 *   cli      src/cli/                       one module per command
 *   api      src/index.ts                   the package's public names
 *
 * Within the CLI, a command module (one the registry, commands.ts, loads) never imports another
 * command module: what commands share is in the CLI's other modules (args, context, colour, prompt,
 * shared, a command's own helpers).
 * Type-only imports count: a type from a layer above is a dependency on it all the same.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The layers, lowest first. */
const LAYERS = ['shared', 'model', 'parse', 'edit', 'store', 'lint', 'rules', 'site', 'pages', 'cli', 'api'] as const;
type Layer = (typeof LAYERS)[number];

/** The modules below every layer: they import only each other. */
const SHARED = new Set(['src/errors.ts', 'src/output.ts', 'src/package-info.ts', 'src/optional-deps.ts']);

/** The command modules: those the registry (src/cli/commands.ts) loads. Every other CLI module is one they may share. */
const COMMAND_MODULES = new Set([...readFileSync(join(ROOT, 'src/cli/commands.ts'), 'utf8').matchAll(/\bimport\(\s*'\.\/([a-z-]+)\.js'\s*\)/g)].map((m) => m[1]));

/** The layer of a file given by its path relative to the repository (POSIX), or null when it is in none. */
export function layerOf(path: string): Layer | null {
  const p = path.replace(/^dist\//, 'src/').replace(/\.(js|d\.ts)$/, '.ts');
  if (SHARED.has(p)) return 'shared';
  if (p === 'src/index.ts') return 'api';
  const top = /^src\/([a-z]+)\//.exec(p)?.[1];
  if (top === 'model' || top === 'parse' || top === 'edit' || top === 'store' || top === 'lint' || top === 'rules' || top === 'site' || top === 'cli') return top;
  if (p.startsWith('site/')) return 'pages';
  return null;
}

/** The relative module specifiers a source file imports (static, dynamic, re-exports, `typeof import()`). */
export function importsOf(text: string): string[] {
  const found = new Set<string>();
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /^\s*import\s+['"]([^'"]+)['"]/gm];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) if (m[1].startsWith('.')) found.add(m[1]);
  return [...found];
}

/** One import that breaks the layering. */
interface Violation {
  from: string;
  to: string;
  why: string;
}

/** Checks one import of `from` (a repository path) resolving to `to`. */
export function checkImport(from: string, to: string): Violation | null {
  const a = layerOf(from);
  const b = layerOf(to);
  if (a === null || b === null) return null;
  if (a === 'model' && b !== 'model') return { from, to, why: 'the model imports nothing' };
  if (a === 'shared' && b !== 'shared') return { from, to, why: 'the shared modules import only each other' };
  if (LAYERS.indexOf(b) > LAYERS.indexOf(a)) return { from, to, why: `${a} imports ${b}, a layer above it` };
  if (a === 'cli' && b === 'cli') {
    const name = (p: string) => p.replace(/^.*\//, '').replace(/\.(ts|js)$/, '');
    const importer = name(from);
    const imported = name(to);
    if (COMMAND_MODULES.has(importer) && COMMAND_MODULES.has(imported) && importer !== imported) {
      return { from, to, why: `the ${importer} command imports the ${imported} command (shared helpers go in src/cli/shared.ts)` };
    }
  }
  return null;
}

/** Every source file below `dir` (repository-relative POSIX paths). */
function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const child = join(abs, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (/\.(ts|mts|mjs|js|astro)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(relative(ROOT, child).split(sep).join('/'));
    }
  };
  walk(join(ROOT, dir));
  return out.sort();
}

/** Every import of src/ and site/ that breaks the layering. */
function violations(): Violation[] {
  const found: Violation[] = [];
  for (const file of [...sources('src'), ...sources('site')]) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const spec of importsOf(text)) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), spec)).split(sep).join('/');
      const v = checkImport(file, target);
      if (v) found.push(v);
    }
  }
  return found;
}

describe('imports point one way', () => {
  it('every module of src/ belongs to a layer, and the registry names the commands', () => {
    expect([...COMMAND_MODULES].sort()).toEqual(expect.arrayContaining(['abort', 'check', 'link', 'list', 'new', 'overview', 'site', 'status', 'supersede', 'todo']));
    expect(sources('src').filter((f) => layerOf(f) === null)).toEqual([]);
    expect(sources('site').every((f) => layerOf(f) === 'pages')).toBe(true);
  });

  it('no layer imports one above it, the model imports nothing, no command imports another', () => {
    expect(violations().map((v) => `${v.from} -> ${v.to}: ${v.why}`)).toEqual([]);
  });

  it('the site builder and the pages reach the model and the store, never the CLI', () => {
    expect(sources('src/site').length).toBeGreaterThan(5);
    const pagesImports = sources('site').flatMap((f) => importsOf(readFileSync(join(ROOT, f), 'utf8')).map((s) => relative(ROOT, resolve(ROOT, dirname(f), s)).split(sep).join('/')));
    expect(pagesImports.some((p) => p.startsWith('dist/'))).toBe(true);
    expect(pagesImports.filter((p) => /^(dist|src)\/cli\//.test(p))).toEqual([]);
  });
});

describe('the checker itself', () => {
  it.each([
    ['src/lint/fix.ts', 'src/cli/context.ts', 'lint imports cli, a layer above it'],
    ['src/site/build.ts', 'src/cli/context.ts', 'site imports cli, a layer above it'],
    ['site/loader.ts', 'dist/cli/main.js', 'pages imports cli, a layer above it'],
    ['src/store/walk.ts', 'src/lint/glob.ts', 'store imports lint, a layer above it'],
    ['src/rules/x.ts', 'src/edit/overview.ts', null],
    ['src/model/log.ts', 'src/output.ts', 'the model imports nothing'],
    ['src/output.ts', 'src/model/index.ts', 'the shared modules import only each other'],
    ['src/optional-deps.ts', 'src/package-info.ts', null],
    ['src/parse/index.ts', 'src/errors.ts', null],
    ['src/cli/status.ts', 'src/cli/abort.ts', 'the status command imports the abort command (shared helpers go in src/cli/shared.ts)'],
    ['src/cli/status.ts', 'src/cli/shared.ts', null],
    ['src/cli/commands.ts', 'src/cli/status.ts', null],
    ['src/cli/new.ts', 'src/cli/new-prompts.ts', null],
    ['src/cli/overview.ts', 'src/cli/new.ts', 'the overview command imports the new command (shared helpers go in src/cli/shared.ts)'],
  ])('%s -> %s', (from, to, why) => {
    expect(checkImport(from, to)?.why ?? null).toBe(why);
  });

  it('reads static, dynamic, type-only and re-export imports, across lines', () => {
    const text = [
      "import type { A } from '../model/index.js';",
      "import {\n  b,\n  c,\n} from './b.js';",
      "export { d } from '../d.js';",
      "const e = await import('../e.js');",
      "type F = typeof import('../f.js');",
      "import '../styles/site.css';",
      "import { g } from 'node:path';",
    ].join('\n');
    expect(importsOf(text).sort()).toEqual(['../d.js', '../e.js', '../f.js', '../model/index.js', '../styles/site.css', './b.js']);
  });
});
