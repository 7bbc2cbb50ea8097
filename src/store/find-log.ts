/**
 * Finding the log: `--dir`, else the config file (`.adr.json`, or the `adr` key of package.json),
 * an adr-tools `.adr-dir`, or the first of decisions/, doc/adr, docs/adr, docs/decisions,
 * searching upward from the current directory (up to the repository root).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { Config } from '../model/index.js';

/** Where the log is and how it is configured. */
export interface LogLocation {
  /** Absolute path of the log folder. */
  dir: string;
  /** Absolute path of the folder holding the config (or the log's parent). */
  root: string;
  config: Config;
  configFile: string | null;
}

/** The folders searched for a log, in order, at each level. */
export const DEFAULT_LOG_DIRS = ['decisions', 'doc/adr', 'docs/adr', 'docs/decisions', 'doc/decisions', 'adr', 'docs/architecture/decisions'];

/** The config file's name. */
export const CONFIG_FILE = '.adr.json';

// Synchronous on purpose: a handful of stats and small reads, where the thread pool's round trips
// cost more than the calls (this runs before every command).
async function isDir(path: string): Promise<boolean> {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

async function readText(path: string): Promise<string | null> {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Whether a folder directly holds files named like records (`0001-x.md`, `2025-08-06-x.md`, `20200926-x.md`). */
async function holdsRecords(folder: string): Promise<boolean> {
  try {
    const names = readdirSync(folder);
    return names.some((n) => /^(?:adr[-_]?)?\d{3,8}[-_].+\.(md|markdown)$/i.test(n) || /^\d{4}-\d{2}-\d{2}-.+\.(md|markdown)$/.test(n));
  } catch {
    return false;
  }
}

/** Line and column of a JSON.parse error, for an error message naming the place. */
function jsonErrorPlace(text: string, error: Error): string {
  const m = /position (\d+)/.exec(error.message);
  if (!m) return '';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = Number(m[1]) - before.lastIndexOf('\n');
  return `:${line}:${column}`;
}

const CONFIG_KEYS = new Set(['dir', 'overview', 'dialect', 'naming', 'supersededSpelling', 'rules', 'ignore', 'title', 'editUrl', '$schema']);

/** Checks a config's shape, so a typo is an error naming the file rather than silently ignored. */
function validateConfig(config: unknown, file: string): Config {
  if (!config || typeof config !== 'object' || Array.isArray(config)) throw new UserError(`${file}: the config must be a JSON object`);
  const c = config as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!CONFIG_KEYS.has(key)) throw new UserError(`${file}: unknown config key '${key}' (known: ${[...CONFIG_KEYS].filter((k) => k !== '$schema').join(', ')})`);
  }
  if (c.dir !== undefined && typeof c.dir !== 'string') throw new UserError(`${file}: 'dir' must be a string`);
  if (c.overview !== undefined && typeof c.overview !== 'string' && c.overview !== false) throw new UserError(`${file}: 'overview' must be a path or false`);
  if (c.dialect !== undefined && !['summary', 'nygard', 'madr2', 'madr3', 'madr4'].includes(c.dialect as string)) {
    throw new UserError(`${file}: 'dialect' must be one of summary, nygard, madr2, madr3, madr4`);
  }
  if (c.naming !== undefined && c.naming !== 'date' && c.naming !== 'number') throw new UserError(`${file}: 'naming' must be "date" or "number"`);
  if (c.supersededSpelling !== undefined && c.supersededSpelling !== 'Superseded' && c.supersededSpelling !== 'Superceded') {
    throw new UserError(`${file}: 'supersededSpelling' must be "Superseded" or "Superceded"`);
  }
  if (c.rules !== undefined) {
    if (!c.rules || typeof c.rules !== 'object' || Array.isArray(c.rules)) throw new UserError(`${file}: 'rules' must be an object of rule id to severity`);
    for (const [rule, level] of Object.entries(c.rules)) {
      if (!['error', 'warning', 'info', 'off'].includes(level as string)) {
        throw new UserError(`${file}: rule '${rule}' has severity '${String(level)}', expected error, warning, info or off`);
      }
    }
  }
  if (c.editUrl !== undefined && (typeof c.editUrl !== 'string' || !/^https?:\/\/[^\s]+$/.test(c.editUrl))) {
    throw new UserError(`${file}: 'editUrl' must be an http(s) URL, e.g. "https://github.com/owner/repo/edit/main/"`);
  }
  if (c.ignore !== undefined && (!Array.isArray(c.ignore) || c.ignore.some((p) => typeof p !== 'string'))) {
    throw new UserError(`${file}: 'ignore' must be an array of glob patterns`);
  }
  return c as Config;
}

/** Reads the config at `folder`, if any: `.adr.json`, else the `adr` key of package.json. */
export async function readConfigAt(folder: string): Promise<{ config: Config; file: string } | null> {
  const file = join(folder, CONFIG_FILE);
  const text = await readText(file);
  if (text !== null) {
    try {
      return { config: validateConfig(JSON.parse(text), file), file };
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError(`${file}${jsonErrorPlace(text, error as Error)}: invalid JSON: ${(error as Error).message}`);
    }
  }
  const pkgFile = join(folder, 'package.json');
  const pkg = await readText(pkgFile);
  if (pkg !== null) {
    try {
      const parsed = JSON.parse(pkg) as { adr?: unknown };
      if (parsed && typeof parsed === 'object' && parsed.adr !== undefined) return { config: validateConfig(parsed.adr, `${pkgFile} ("adr")`), file: pkgFile };
    } catch (error) {
      if (error instanceof UserError) throw error;
      // A broken package.json is not ours to report.
    }
  }
  return null;
}

/** The folders from `start` up to the repository root (the first folder holding `.git`) or the file-system root. */
async function* upward(start: string): AsyncGenerator<string> {
  let dir = resolve(start);
  for (;;) {
    yield dir;
    try {
      statSync(join(dir, '.git'));
      return;
    } catch {
      // not the repository root yet
    }
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/** Finds the config governing a log folder (searching upward from it). */
async function configFor(logDir: string): Promise<{ config: Config; file: string } | null> {
  for await (const folder of upward(logDir)) {
    const found = await readConfigAt(folder);
    // A config that names another folder as its log governs that log, not this one
    // (a repository's own decisions/ config must not leak into a fixture log below it).
    if (found && (!found.config.dir || resolve(folder, found.config.dir) === resolve(logDir))) return found;
  }
  return null;
}

/** Finds the log from `cwd` (and `dir`, the --dir flag, when given). Throws UserError when there is none. */
export async function findLog(options: { cwd: string; dir?: string }): Promise<LogLocation> {
  if (options.dir !== undefined) {
    const dir = resolve(options.cwd, options.dir);
    if (!(await isDir(dir))) throw new UserError(`no such log folder: ${options.dir}`);
    const found = await configFor(dir);
    return { dir, root: found ? dirname(found.file) : dirname(dir), config: found?.config ?? {}, configFile: found?.file ?? null };
  }
  for await (const folder of upward(options.cwd)) {
    const found = await readConfigAt(folder);
    if (found?.config.dir) {
      const dir = resolve(folder, found.config.dir);
      if (!(await isDir(dir))) throw new UserError(`${found.file}: the log folder '${found.config.dir}' does not exist`);
      return { dir, root: folder, config: found.config, configFile: found.file };
    }
    const adrDir = await readText(join(folder, '.adr-dir'));
    if (adrDir !== null && adrDir.trim()) {
      const dir = resolve(folder, adrDir.trim());
      if (await isDir(dir)) return { dir, root: folder, config: found?.config ?? {}, configFile: found?.file ?? null };
    }
    for (const candidate of DEFAULT_LOG_DIRS) {
      const dir = join(folder, candidate);
      if (await isDir(dir)) return { dir, root: folder, config: found?.config ?? {}, configFile: found?.file ?? null };
    }
    // The current folder may itself be the log (someone running `adr list` inside decisions/).
    if (folder === resolve(options.cwd) && found === null) {
      const parentConfig = await configFor(folder);
      if (parentConfig?.config.dir && resolve(dirname(parentConfig.file), parentConfig.config.dir) === folder) {
        return { dir: folder, root: dirname(parentConfig.file), config: parentConfig.config, configFile: parentConfig.file };
      }
    }
  }
  // Last resort: the current folder holds numbered or dated records itself (`adr list` run inside
  // a log folder with an unusual name and no config).
  if (await holdsRecords(resolve(options.cwd))) {
    const found = await configFor(resolve(options.cwd));
    return { dir: resolve(options.cwd), root: dirname(resolve(options.cwd)), config: found?.config ?? {}, configFile: found?.file ?? null };
  }
  throw new UserError(
    `no decision log found from ${options.cwd}: looked for ${CONFIG_FILE}, .adr-dir and ${DEFAULT_LOG_DIRS.join(', ')} up to the repository root. Use --dir DIR or run \`adr init\`.`,
  );
}
