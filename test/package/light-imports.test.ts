/**
 * The light install holds only because no command but `adr site` reaches a package outside
 * package.json's `dependencies`. This follows every import (static and dynamic) of the compiled
 * code from each entry point and command module and lists the packages it reaches: the CLI and
 * the API reach only dependencies and node builtins; the site's optional packages are imported
 * only under dist/site, which the site command enters only after it checked they are installed, and
 * the MCP SDK only by dist/cli/mcp/sdk.js, which checks them itself before it imports them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../src/optional-deps.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const BUILTINS = new Set(builtinModules);
const SITE_PACKAGES = new Set<string>(FEATURES.site.packages);
const MCP_PACKAGES = new Set<string>(FEATURES.mcp.packages);
/** The one module that imports the MCP packages, after ensureFeature('mcp'). */
const MCP_GATE = join(DIST, 'cli', 'mcp', 'sdk.js');

/** Module specifiers a file imports (static, re-exports, side-effect and `import('…')` with a literal), read by TypeScript's scanner. */
function specifiers(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** The package a bare specifier names (`@scope/name/sub` gives `@scope/name`), or null for a builtin. */
function packageOf(spec: string): string | null {
  if (spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0])) return null;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every package reached from `entry`, following relative imports; `stopAt` files are not entered. */
function reach(entry: string, stopAt: (file: string, from: string) => boolean = () => false): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of specifiers(file)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (!stopAt(target, file)) queue.push(target);
      } else {
        const name = packageOf(spec);
        if (name && !packages.has(name)) packages.set(name, relative(ROOT, file));
      }
    }
  }
  return packages;
}

const underSite = (file: string): boolean => file.startsWith(join(DIST, 'site') + '/');

describe.skipIf(!existsSync(join(DIST, 'cli', 'main.js')))('what each command loads (dist/, after npm run build)', () => {
  const allowed = new Set(Object.keys(PKG.dependencies));

  it('the API and every command but site reach only dependencies and node builtins', () => {
    const entries = [join(DIST, 'index.js'), join(DIST, 'cli', 'bin.js')];
    for (const name of readdirSync(join(DIST, 'cli'))) if (name.endsWith('.js')) entries.push(join(DIST, 'cli', name));
    const outside: string[] = [];
    // dist/site is entered only through the site command, which calls ensureFeature('site') first
    // (next test); any module may reach the site command through the lazy command registry.
    // adr mcp reaches the MCP SDK only through its gate, which checks for it first (a test below).
    const stop = (target: string, from: string): boolean => (underSite(target) && from.endsWith('/cli/site.js')) || target === MCP_GATE;
    for (const entry of entries) {
      for (const [name, from] of reach(entry, stop)) if (!allowed.has(name)) outside.push(`${relative(ROOT, entry)} reaches ${name} (imported by ${from})`);
    }
    expect(outside).toEqual([]);
  }, 60_000); // walks every module of dist/: seconds on a loaded machine, and not a speed check

  it('the site command checks the optional packages before it imports any module under dist/site', () => {
    const text = readFileSync(join(DIST, 'cli', 'site.js'), 'utf8');
    const guard = text.indexOf("ensureFeature('site'");
    expect(guard).toBeGreaterThan(0);
    const needs = [...text.matchAll(/await needSitePackages\(/g)].map((m) => m.index as number);
    // Each import of the build or dev module follows a call of the guard in the same branch.
    for (const module of ['../site/build.js', '../site/dev.js']) {
      const at = text.indexOf(`import('${module}')`);
      expect(at, module).toBeGreaterThan(0);
      const before = needs.filter((n) => n < at).pop();
      expect(before, `a needSitePackages call before ${module}`).toBeDefined();
      expect(text.slice(before, at)).not.toMatch(/\n\s*if \(sub ===/);
    }
  });

  it('the MCP gate checks its packages before it imports any of them', () => {
    const text = readFileSync(MCP_GATE, 'utf8');
    const guard = text.indexOf("ensureFeature('mcp'");
    expect(guard).toBeGreaterThan(0);
    for (const name of MCP_PACKAGES) {
      const at = text.indexOf(`import('${name}`);
      expect(at, name).toBeGreaterThan(guard);
    }
  });

  it('only dist/site imports the site packages, and it imports nothing else outside dependencies', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.js')) {
          for (const spec of specifiers(path)) {
            const name = spec.startsWith('.') ? null : packageOf(spec);
            if (!name || allowed.has(name)) continue;
            if (MCP_PACKAGES.has(name)) {
              if (path !== MCP_GATE) offenders.push(`${relative(ROOT, path)} imports ${name}, which only dist/cli/mcp/sdk.js may import`);
            } else if (!SITE_PACKAGES.has(name)) offenders.push(`${relative(ROOT, path)} imports ${name}, which no feature in src/optional-deps.ts lists`);
            else if (!underSite(path)) offenders.push(`${relative(ROOT, path)} imports ${name} outside dist/site`);
          }
        }
      }
    };
    walk(DIST);
    expect(offenders).toEqual([]);
  });

  it('the site pages import only Astro and what dist/ gives them', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(ts|mjs|js|astro)$/.test(entry.name)) {
          // An .astro file's imports sit in its front matter, which the scanner reads as script.
          for (const spec of specifiers(path)) {
            if (spec.startsWith('.') || spec.startsWith('astro:')) continue;
            const name = packageOf(spec);
            if (name && !SITE_PACKAGES.has(name) && !allowed.has(name)) offenders.push(`${relative(ROOT, path)} imports ${name}`);
          }
        }
      }
    };
    walk(join(ROOT, 'site'));
    expect(offenders).toEqual([]);
  });
});
