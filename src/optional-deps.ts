/**
 * Packages that a single command needs (Astro, Pagefind and remark for `adr site`; the MCP SDK
 * for `adr mcp`) are optional peer dependencies: installing adrkit does not bring them, so the
 * `adr check` of a CI step installs a few MB instead of two hundred. The command that needs them
 * asks here before it loads any of them. When one is missing, or installed at a version outside
 * the range package.json names, it stops with a UserError whose last line is the exact command
 * that installs them where this copy of adrkit looks for packages: the project's devDependencies,
 * the global folder, an `npx -p` line, or `npm install` in a checkout of this repository.
 *
 * Once the check passes the command imports them by their plain names: Node finds them the way
 * this module did (node_modules folders upward from the package), so nothing else changes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { UserError } from './errors.js';
import { packageInfo } from './package-info.js';

/** A set of optional packages that one command needs. */
export interface OptionalFeature {
  /** What needs them, for the message (`building the site`). */
  task: string;
  /** What they are, for the message (`Astro, Pagefind and remark`). */
  label: string;
  /** Package names; each must be a peerDependency (optional) and a devDependency in package.json. */
  packages: readonly string[];
}

/**
 * The optional features. A command that needs heavy packages adds its entry here, lists the
 * packages under peerDependencies (with `"optional": true` in peerDependenciesMeta) and
 * devDependencies of package.json, and calls {@link ensureFeature} before importing them.
 */
export const FEATURES = {
  site: {
    task: 'building the site',
    label: 'Astro, Pagefind and remark',
    packages: ['astro', 'pagefind', 'unified', 'remark-parse', 'remark-gfm', 'remark-rehype', 'rehype-stringify', 'unist-util-visit'],
  },
  // Not required by a site build: without it, mermaid blocks stay code and the build says how to
  // draw them (src/site/assets.ts). It weighs about as much as Astro's whole tree.
  diagrams: {
    task: 'drawing mermaid diagrams on the site',
    label: 'mermaid',
    packages: ['mermaid'],
  },
  mcp: {
    task: 'running the MCP server',
    label: 'the MCP SDK and zod',
    packages: ['@modelcontextprotocol/sdk', 'zod'],
  },
} as const satisfies Record<string, OptionalFeature>;

/** The name of an optional feature. */
export type FeatureName = keyof typeof FEATURES;

/** A package found on disk. */
export interface InstalledPackage {
  /** Its folder. */
  dir: string;
  /** Its version, or null when its package.json is unreadable. */
  version: string | null;
}

/**
 * Finds a package the way Node resolves a bare import from `from`: `node_modules/<name>` in
 * `from` and every folder above it (never inside a `node_modules` folder itself).
 */
export function findInstalled(name: string, from: string): InstalledPackage | null {
  let dir = from;
  for (;;) {
    if (!dir.endsWith(`${sep}node_modules`)) {
      const folder = join(dir, 'node_modules', ...name.split('/'));
      const manifest = join(folder, 'package.json');
      if (existsSync(manifest)) {
        try {
          const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version;
          return { dir: folder, version: typeof version === 'string' ? version : null };
        } catch {
          return { dir: folder, version: null };
        }
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function parseVersion(text: string): [number, number, number] | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * Whether `version` is inside `range`, for the range forms package.json uses here: `^x.y.z`,
 * `~x.y.z`, `x.y.z`, `x`, `x.y`, `>=x.y.z` and `*`. Any other form is taken as satisfied: npm
 * itself checks peer ranges when it installs; this only catches a plainly wrong version early.
 */
export function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  const r = range.trim();
  if (!v || r === '*' || r === '' || r === 'latest') return true;
  const m = /^([\^~]|>=)?\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(r);
  if (!m) return true;
  const op = m[1] ?? '';
  const major = Number(m[2]);
  const minor = m[3] === undefined || m[3] === 'x' || m[3] === '*' ? null : Number(m[3]);
  const patch = m[4] === undefined || m[4] === 'x' || m[4] === '*' ? null : Number(m[4]);
  const low = [major, minor ?? 0, patch ?? 0];
  if (compare(v, low) < 0) return false;
  if (op === '>=') return true;
  if (op === '^') {
    if (major > 0 || minor === null) return v[0] === major;
    if (minor > 0 || patch === null) return v[0] === 0 && v[1] === minor;
    return v[0] === 0 && v[1] === 0 && v[2] === patch;
  }
  if (op === '~') return v[0] === major && (minor === null || v[1] === minor);
  return v[0] === major && (minor === null || v[1] === minor) && (patch === null || v[2] === patch);
}

/** A package the feature needs that is not usable: missing, or at a version outside the range. */
export interface MissingPackage {
  name: string;
  range: string;
  /** The version found outside the range, or null when the package is not there. */
  found: string | null;
}

/** The packages of `feature` that are missing or of a wrong version, seen from the package folder `root`. */
export function missingPackages(
  feature: OptionalFeature,
  root: string = packageInfo().root,
  ranges: Record<string, string> = packageInfo().peerDependencies,
): MissingPackage[] {
  const missing: MissingPackage[] = [];
  for (const name of feature.packages) {
    const range = ranges[name] ?? '*';
    const installed = findInstalled(name, root);
    if (!installed) missing.push({ name, range, found: null });
    else if (installed.version !== null && !satisfies(installed.version, range)) missing.push({ name, range, found: installed.version });
  }
  return missing;
}

/** How this copy of adrkit was installed, which decides the command that adds packages beside it. */
export interface InstallTarget {
  /**
   * `checkout`: a clone of this repository (the packages are its devDependencies); `project`: a
   * dependency of a project; `global`: `npm install -g`; `npx`: a temporary copy in npm's cache.
   */
  kind: 'checkout' | 'project' | 'global' | 'npx';
  /** The project (or checkout, or global prefix) folder. */
  dir: string;
  /** The package manager whose lockfile the project has. */
  manager: 'npm' | 'pnpm' | 'yarn' | 'bun';
}

/** Works out how the package at `root` was installed. */
export function installTarget(root: string): InstallTarget {
  const parts = root.split(sep);
  const first = parts.indexOf('node_modules');
  if (first < 0) return { kind: 'checkout', dir: root, manager: 'npm' };
  // pnpm keeps packages in <project>/node_modules/.pnpm/<name>@<version>/node_modules/<name>:
  // the project is above the first node_modules folder in every layout.
  const dir = parts.slice(0, first).join(sep) || sep;
  if (parts.includes('_npx')) return { kind: 'npx', dir, manager: 'npm' };
  // A project always has a package.json beside its node_modules; npm's global folder
  // (<prefix>/lib/node_modules, or %APPDATA%\npm\node_modules) has none.
  if (!existsSync(join(dir, 'package.json'))) return { kind: 'global', dir, manager: 'npm' };
  let manager: InstallTarget['manager'] = 'npm';
  if (parts.includes('.pnpm') || existsSync(join(dir, 'pnpm-lock.yaml'))) manager = 'pnpm';
  else if (existsSync(join(dir, 'yarn.lock'))) manager = 'yarn';
  else if (existsSync(join(dir, 'bun.lock')) || existsSync(join(dir, 'bun.lockb'))) manager = 'bun';
  return { kind: 'project', dir, manager };
}

/** A word quoted for POSIX shells (and PowerShell) when it needs quoting. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The install spec of a package for a range, written so that every shell takes it as it is:
 * `^11.0.0` becomes `unified@11`, `~5.18.0` becomes `astro@5.18` (npm reads both as the same
 * range), anything else is quoted.
 */
export function installSpec(name: string, range: string): string {
  const caret = /^\^(\d+)\.\d+\.\d+$/.exec(range);
  if (caret && Number(caret[1]) > 0) return `${name}@${caret[1]}`;
  const tilde = /^~(\d+\.\d+)\.\d+$/.exec(range);
  if (tilde) return `${name}@${tilde[1]}`;
  if (/^\d+\.\d+\.\d+$/.test(range)) return `${name}@${range}`;
  return shellQuote(`${name}@${range}`);
}

/** The one command that makes the packages available, for the way adrkit was installed. */
export function installCommand(
  specs: readonly string[],
  target: InstallTarget,
  options: { cwd: string; argv: readonly string[]; self: { name: string; version: string } },
): string {
  const list = specs.join(' ');
  switch (target.kind) {
    case 'checkout':
      return `${cdPrefix(target.dir, options.cwd)}npm install`;
    case 'global':
      return `npm install --global ${list}`;
    case 'npx':
      // A copy in npx's cache cannot take more packages; npx runs adr again with them beside it.
      return `npx --yes -p ${options.self.name}@${options.self.version} ${specs.map((s) => `-p ${s}`).join(' ')} adr ${options.argv.map(shellQuote).join(' ')}`.trimEnd();
    case 'project': {
      const add = { npm: 'npm install --save-dev', pnpm: 'pnpm add --save-dev', yarn: 'yarn add --dev', bun: 'bun add --dev' }[target.manager];
      return `${cdPrefix(target.dir, options.cwd)}${add} ${list}`;
    }
  }
}

/** `cd DIR && ` when the command must run in `dir` and `cwd` is not inside it. */
function cdPrefix(dir: string, cwd: string): string {
  const rel = relative(dir, cwd);
  const inside = rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  return inside ? '' : `cd ${shellQuote(dir)} && `;
}

/** What {@link ensureFeature} needs to know about the command being run. */
export interface FeatureContext {
  /** The command as the user would type it (`adr site build`), for the message. */
  command: string;
  /** The arguments after `adr` (`['site', 'build', '--out', 'x']`), for the `npx -p` line. */
  argv: readonly string[];
  cwd: string;
  /** The package folder to look from (tests); default this package's own folder. */
  root?: string;
}

/**
 * Checks that every package of `feature` is installed at a version in its range; throws a
 * UserError (exit 1) naming the missing ones and the one command that installs them otherwise.
 */
export function ensureFeature(name: FeatureName, context: FeatureContext): void {
  const feature: OptionalFeature = FEATURES[name];
  const info = packageInfo();
  const root = context.root ?? info.root;
  const missing = missingPackages(feature, root, info.peerDependencies);
  if (missing.length === 0) return;
  const absent = missing.filter((m) => m.found === null).map((m) => m.name);
  const wrong = missing.filter((m) => m.found !== null).map((m) => `${m.name} ${m.found}, wants ${m.range}`);
  const problems = [absent.length ? `not installed: ${absent.join(', ')}` : '', wrong.length ? `of another version: ${wrong.join('; ')}` : ''].filter(Boolean).join('; ');
  const target = installTarget(root);
  const command = installCommand(
    missing.map((m) => installSpec(m.name, m.range)),
    target,
    { cwd: context.cwd, argv: context.argv, self: { name: info.name, version: info.version } },
  );
  const why =
    target.kind === 'checkout'
      ? `which this checkout has as devDependencies (${problems}). Install them with:`
      : `which ${info.name} leaves out of its own install so that the other commands stay light (${problems}). ${target.kind === 'npx' ? 'Run it with them:' : `Install them once, then run \`${context.command}\` again:`}`;
  throw new UserError(`${feature.task} needs ${feature.label}, ${why}\n  ${command}`);
}

/** Imports `specifier` (a package of `feature` or a path inside one) after {@link ensureFeature}. */
export async function importOptional<T>(name: FeatureName, specifier: string, context: FeatureContext): Promise<T> {
  ensureFeature(name, context);
  return (await import(specifier)) as T;
}
