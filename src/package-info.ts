/**
 * The package's own identity: its name on the registry, its version and the ranges of its
 * optional packages, read once from its package.json. `adr --version`, the SARIF tool block and
 * the messages that name an install command all ask here, so a rename or a version bump is one
 * edit of package.json.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the package says about itself. */
export interface PackageInfo {
  /** The name on the registry (`adrkit`); the command it installs is `adr`. */
  name: string;
  version: string;
  /** The package's folder (holding package.json, dist/, site/, schemas/). */
  root: string;
  /** The project's web address (homepage, else the repository), or null. */
  homepage: string | null;
  /** Optional packages and their version ranges (package.json `peerDependencies`). */
  peerDependencies: Record<string, string>;
}

let cached: PackageInfo | null = null;

/** The package's folder: dist/package-info.js sits one level below it, in the checkout and when installed. */
function ownRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..');
}

/** Reads the package's package.json (once per process). */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  const root = ownRoot();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name?: string;
    version?: string;
    homepage?: string;
    repository?: string | { url?: string };
    peerDependencies?: Record<string, string>;
  };
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const home = pkg.homepage ?? repo?.replace(/^git\+/, '').replace(/\.git$/, '') ?? null;
  cached = {
    name: pkg.name ?? 'adrkit',
    version: pkg.version ?? '0.0.0',
    root,
    homepage: home && /^https?:\/\//.test(home) ? home : null,
    peerDependencies: pkg.peerDependencies ?? {},
  };
  return cached;
}

/** The JSON Schemas shipped in `schemas/`, by name. */
export type SchemaName = 'config' | 'list' | 'check' | 'package';

/**
 * The address of a shipped schema for this version (what `adr init` writes as `$schema`): the
 * registry's file CDN serves every published version's files, so editors fetch it without the
 * package being installed, and the schema stays the one of the version that wrote the file.
 */
export function schemaUrl(name: SchemaName): string {
  const { name: pkg, version } = packageInfo();
  return `https://unpkg.com/${pkg}@${version}/schemas/${name}.schema.json`;
}
