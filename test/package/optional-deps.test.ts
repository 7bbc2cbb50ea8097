/**
 * The optional packages (Astro, Pagefind, remark for `adr site`): found the way Node finds them,
 * checked against the ranges of package.json, and, when missing, one exact install command for
 * the way adrkit was installed (a project with npm, pnpm, yarn or bun; global; npx; a checkout).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  ensureFeature,
  FEATURES,
  findInstalled,
  installCommand,
  installSpec,
  installTarget,
  missingPackages,
  satisfies,
  shellQuote,
} from '../../src/optional-deps.js';
import { packageInfo } from '../../src/package-info.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};
const temps: string[] = [];

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'adr-optional-'));
  temps.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `node_modules/<name>/package.json` with `version` under `dir`. */
function install(dir: string, name: string, version: string): void {
  const folder = join(dir, 'node_modules', ...name.split('/'));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name, version }));
}

/** A project with adrkit installed in it; returns adrkit's folder. */
function project(files: Record<string, string> = {}): { dir: string; self: string } {
  const dir = temp();
  writeFileSync(join(dir, 'package.json'), '{"name":"app","private":true}');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  install(dir, 'adrkit', PKG.version);
  return { dir, self: join(dir, 'node_modules', 'adrkit') };
}

function errorOf(fn: () => void): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('version ranges', () => {
  it.each([
    ['5.18.2', '~5.18.0', true],
    ['5.19.0', '~5.18.0', false],
    ['5.17.9', '~5.18.0', false],
    ['11.0.5', '^11.0.0', true],
    ['12.0.0', '^11.0.0', false],
    ['10.9.9', '^11.0.0', false],
    ['0.3.4', '^0.3.1', true],
    ['0.4.0', '^0.3.1', false],
    ['1.5.2', '1.5.2', true],
    ['1.5.3', '1.5.2', false],
    ['4.1.0', '4', true],
    ['5.0.0', '>=4.2.0', true],
    ['4.1.0', '>=4.2.0', false],
    ['1.0.0-beta.1', '*', true],
    ['2.0.0', '1.x || 2.x', true],
  ])('%s in %s: %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('writes install specs every shell takes as they are', () => {
    expect(installSpec('astro', '~5.18.0')).toBe('astro@5.18');
    expect(installSpec('unified', '^11.0.0')).toBe('unified@11');
    expect(installSpec('x', '1.2.3')).toBe('x@1.2.3');
    expect(installSpec('y', '^0.3.1')).toBe(`'y@^0.3.1'`);
    expect(installSpec('@scope/z', '>=1 <3')).toBe(`'@scope/z@>=1 <3'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('--out')).toBe('--out');
  });
});

describe('finding packages the way Node does', () => {
  it('looks in node_modules of the package and every folder above, never inside node_modules itself', () => {
    const { dir, self } = project();
    install(dir, 'astro', '5.18.2');
    expect(findInstalled('astro', self)).toEqual({ dir: join(dir, 'node_modules', 'astro'), version: '5.18.2' });
    install(self, 'unified', '11.0.5');
    expect(findInstalled('unified', self)?.dir).toBe(join(self, 'node_modules', 'unified'));
    install(dir, '@scope/pkg', '1.0.0');
    expect(findInstalled('@scope/pkg', self)?.version).toBe('1.0.0');
    expect(findInstalled('pagefind', self)).toBeNull();
  });

  it('reports missing packages and versions outside the range', () => {
    const { dir, self } = project();
    install(dir, 'astro', '4.16.1');
    install(dir, 'unified', '11.0.5');
    const missing = missingPackages({ task: 't', label: 'l', packages: ['astro', 'unified', 'pagefind'] }, self, { astro: '~5.18.0', unified: '^11.0.0', pagefind: '~1.5.2' });
    expect(missing).toEqual([
      { name: 'astro', range: '~5.18.0', found: '4.16.1' },
      { name: 'pagefind', range: '~1.5.2', found: null },
    ]);
  });
});

describe('how adrkit was installed', () => {
  it('tells a project (by its lockfile), the global folder, npx and a checkout apart', () => {
    expect(installTarget(project().self)).toMatchObject({ kind: 'project', manager: 'npm' });
    expect(installTarget(project({ 'pnpm-lock.yaml': '' }).self)).toMatchObject({ kind: 'project', manager: 'pnpm' });
    expect(installTarget(project({ 'yarn.lock': '' }).self)).toMatchObject({ kind: 'project', manager: 'yarn' });
    expect(installTarget(project({ 'bun.lock': '' }).self)).toMatchObject({ kind: 'project', manager: 'bun' });
    const pnpmStore = join(project().dir, 'node_modules', '.pnpm', 'adrkit@0.1.0', 'node_modules', 'adrkit');
    expect(installTarget(pnpmStore)).toMatchObject({ kind: 'project', manager: 'pnpm' });
    const prefix = temp();
    mkdirSync(join(prefix, 'lib', 'node_modules', 'adrkit'), { recursive: true });
    expect(installTarget(join(prefix, 'lib', 'node_modules', 'adrkit'))).toMatchObject({ kind: 'global', dir: join(prefix, 'lib') });
    expect(installTarget(join(prefix, '.npm', '_npx', 'a1b2', 'node_modules', 'adrkit'))).toMatchObject({ kind: 'npx' });
    expect(installTarget(ROOT)).toEqual({ kind: 'checkout', dir: ROOT, manager: 'npm' });
  });

  it('gives one command per way', () => {
    const specs = ['astro@5.18', 'unified@11'];
    const options = { cwd: '/p/app', argv: ['site', 'build', '--title', 'Our log'], self: { name: 'adrkit', version: '1.2.3' } };
    expect(installCommand(specs, { kind: 'project', dir: '/p/app', manager: 'npm' }, options)).toBe('npm install --save-dev astro@5.18 unified@11');
    expect(installCommand(specs, { kind: 'project', dir: '/p/app', manager: 'pnpm' }, options)).toBe('pnpm add --save-dev astro@5.18 unified@11');
    expect(installCommand(specs, { kind: 'project', dir: '/p/app', manager: 'yarn' }, options)).toBe('yarn add --dev astro@5.18 unified@11');
    expect(installCommand(specs, { kind: 'project', dir: '/p/app', manager: 'bun' }, options)).toBe('bun add --dev astro@5.18 unified@11');
    // From a sub-folder npm finds the project itself; from outside it the command says where.
    expect(installCommand(specs, { kind: 'project', dir: '/p/app', manager: 'npm' }, { ...options, cwd: '/p/app/docs' })).toBe('npm install --save-dev astro@5.18 unified@11');
    expect(installCommand(specs, { kind: 'project', dir: '/p/my app', manager: 'npm' }, options)).toBe(`cd '/p/my app' && npm install --save-dev astro@5.18 unified@11`);
    expect(installCommand(specs, { kind: 'global', dir: '/usr/local/lib', manager: 'npm' }, options)).toBe('npm install --global astro@5.18 unified@11');
    expect(installCommand(specs, { kind: 'npx', dir: '/root/.npm/_npx/x', manager: 'npm' }, options)).toBe(
      `npx --yes -p adrkit@1.2.3 -p astro@5.18 -p unified@11 adr site build --title 'Our log'`,
    );
    expect(installCommand(specs, { kind: 'checkout', dir: '/src/adr', manager: 'npm' }, { ...options, cwd: '/src/adr' })).toBe('npm install');
  });
});

describe('ensureFeature', () => {
  it('passes when every package is there in range, and names the one command otherwise', () => {
    const { dir, self } = project();
    const context = { command: 'adr site build', argv: ['site', 'build'], cwd: dir, root: self };
    const error = errorOf(() => ensureFeature('site', context));
    expect(error.exitCode).toBe(1);
    const [first, command, ...rest] = error.message.split('\n');
    expect(rest).toEqual([]);
    expect(first).toContain('building the site needs Astro, Pagefind and remark');
    expect(first).toContain(`not installed: ${FEATURES.site.packages.join(', ')}`);
    expect(first).toContain('then run `adr site build` again');
    const specs = FEATURES.site.packages.map((name) => installSpec(name, PKG.peerDependencies[name]));
    expect(command).toBe(`  npm install --save-dev ${specs.join(' ')}`);

    // Installed at the ranges' own lower bounds: nothing missing.
    for (const name of FEATURES.site.packages) install(dir, name, PKG.peerDependencies[name].replace(/^[~^]/, ''));
    expect(() => ensureFeature('site', context)).not.toThrow();

    // One of another major version: named with the version found, and only it is installed again.
    install(dir, 'astro', '4.16.1');
    const wrong = errorOf(() => ensureFeature('site', context));
    expect(wrong.message).toContain(`of another version: astro 4.16.1, wants ${PKG.peerDependencies.astro}`);
    expect(wrong.message.split('\n')[1]).toBe(`  npm install --save-dev ${installSpec('astro', PKG.peerDependencies.astro)}`);
  });

  it('is satisfied in this checkout, whose devDependencies carry the packages', () => {
    expect(() => ensureFeature('site', { command: 'adr site build', argv: ['site', 'build'], cwd: ROOT })).not.toThrow();
  });
});

describe('package.json and the features agree', () => {
  it('has every feature package as an optional peer and a devDependency of the same range, and nothing else as a peer', () => {
    const featured = new Set<string>(Object.values(FEATURES).flatMap((f) => [...f.packages]));
    expect(new Set(Object.keys(PKG.peerDependencies))).toEqual(featured);
    for (const name of featured) {
      expect(PKG.peerDependenciesMeta[name]?.optional, `${name} is an optional peer`).toBe(true);
      expect(PKG.devDependencies[name], `${name} is a devDependency (npm install in this repository sets it up)`).toBe(PKG.peerDependencies[name]);
      expect(PKG.dependencies[name], `${name} is not a dependency`).toBeUndefined();
    }
  });

  it('reads its own name and version', () => {
    expect(packageInfo()).toMatchObject({ name: PKG.name, version: PKG.version, root: ROOT });
  });
});
