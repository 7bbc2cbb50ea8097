/**
 * Finding the log: `--dir`, else the config file (`.adr.json`, or the `adr` key of package.json),
 * an adr-tools `.adr-dir`, or the first of decisions/, doc/adr, docs/adr, docs/decisions,
 * searching upward from the current directory (up to the repository root).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { Config } from '../model/index.js';
import { isWithin, repositoryOf, unusableLogReason } from './confine.js';
import { globToRegExp } from './glob.js';

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

/** Line and column (1-based) of offset `at` in `text`, as `:line:column`. */
function placeAt(text: string, at: number): string {
  const before = text.slice(0, at);
  return `:${before.split('\n').length}:${at - before.lastIndexOf('\n')}`;
}

/** Line and column of a JSON.parse error, for an error message naming the place. */
function jsonErrorPlace(text: string, error: Error): string {
  const m = /position (\d+)/.exec(error.message);
  return m ? placeAt(text, Number(m[1])) : '';
}

/**
 * Offset of the key at `path` (`['adr', 'title']`) in a JSON text JSON.parse accepted, or -1. The
 * last occurrence wins, as in JSON.parse.
 */
export function jsonKeyOffset(text: string, path: readonly string[]): number {
  let i = 0;
  let found = -1;
  const space = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const string = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (at: readonly string[], depth: number): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const object = c === '{';
      i++;
      space();
      if (text[i] === (object ? '}' : ']')) {
        i++;
        return;
      }
      for (let n = 0; i < text.length; n++) {
        space();
        const start = i;
        let key = String(n);
        if (object) {
          key = string();
          space();
          i++; // the colon
        }
        if (depth === path.length - 1 && key === path[depth] && at.every((k, j) => k === path[j])) found = start;
        value([...at, key], depth + 1);
        space();
        if (text[i++] !== ',') return;
      }
      return;
    }
    if (c === '"') {
      string();
      return;
    }
    while (i < text.length && !/[,}\]\s]/.test(text[i])) i++;
  };
  value([], 0);
  return found;
}

/** How a JSON value reads in a message: `an object`, `a number`, `null`. */
function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

const CONFIG_KEYS = new Set(['dir', 'overview', 'dialect', 'naming', 'supersededSpelling', 'rules', 'ignore', 'title', 'editUrl', '$schema']);

/** Where a config came from, for messages naming the file, the line and the column of a key. */
interface ConfigSource {
  file: string;
  text: string;
  /** The keys above the config in the file (`['adr']` in package.json). */
  prefix: string[];
}

/** `file:line:column: ` of a key of the config (the file alone when the key cannot be placed). */
function where(src: ConfigSource, ...key: string[]): string {
  const at = jsonKeyOffset(src.text, [...src.prefix, ...key]);
  return `${src.file}${at < 0 ? '' : placeAt(src.text, at)}${src.prefix.length ? ` ("${src.prefix.join('.')}")` : ''}`;
}

/** Checks a config's shape and every key's type, so a mistake is an error naming the file, line and key rather than silently ignored. */
function validateConfig(config: unknown, src: ConfigSource): Config {
  const file = src.prefix.length ? `${src.file} ("${src.prefix.join('.')}")` : src.file;
  if (!config || typeof config !== 'object' || Array.isArray(config)) throw new UserError(`${file}: the config must be a JSON object, not ${jsonKind(config)}`);
  const c = config as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!CONFIG_KEYS.has(key)) throw new UserError(`${where(src, key)}: unknown config key '${key}' (known: ${[...CONFIG_KEYS].filter((k) => k !== '$schema').join(', ')})`);
  }
  const bad = (key: string, expected: string, value: unknown, ...at: string[]) =>
    new UserError(`${where(src, key, ...at)}: '${[key, ...at].join('.')}' must be ${expected}, not ${jsonKind(value)}`);
  const text = (key: string, what: string) => {
    if (c[key] !== undefined && (typeof c[key] !== 'string' || (c[key] as string).trim() === '')) throw bad(key, what, c[key]);
  };
  const oneOf = (key: string, values: readonly string[]) => {
    if (c[key] !== undefined && !values.includes(c[key] as string)) throw bad(key, `one of ${values.map((v) => `"${v}"`).join(', ')}`, c[key]);
  };
  text('dir', 'a folder path (a non-empty string)');
  for (const key of ['dir', 'overview'] as const) {
    const value = c[key];
    if (typeof value === 'string' && /[\u0000-\u001f\u007f]/.test(value)) {
      throw new UserError(`${where(src, key)}: '${key}' is ${JSON.stringify(value)}, a path with a control character in it (a NUL, a tab, a line break): write the path plainly`);
    }
  }
  if (typeof c.overview === 'string' && /(^|[\\/])\.{0,2}[\\/]?$/.test(c.overview)) {
    throw new UserError(`${where(src, 'overview')}: 'overview' is ${JSON.stringify(c.overview)}, a folder; it names the overview file, relative to the log folder (the default is ../DECISIONS.md)`);
  }
  if (c.overview !== undefined && c.overview !== false && (typeof c.overview !== 'string' || c.overview.trim() === '')) {
    throw bad('overview', 'a file path (a non-empty string) or false', c.overview);
  }
  oneOf('dialect', ['summary', 'nygard', 'madr2', 'madr3', 'madr4']);
  oneOf('naming', ['date', 'number']);
  oneOf('supersededSpelling', ['Superseded', 'Superceded']);
  if (c.rules !== undefined) {
    if (!c.rules || typeof c.rules !== 'object' || Array.isArray(c.rules)) throw bad('rules', 'an object of rule id to severity', c.rules);
    for (const [rule, level] of Object.entries(c.rules)) {
      if (!['error', 'warning', 'info', 'off'].includes(level as string)) {
        throw new UserError(`${where(src, 'rules', rule)}: rule '${rule}' has severity ${jsonKind(level)}, expected "error", "warning", "info" or "off"`);
      }
    }
  }
  if (c.ignore !== undefined) {
    if (!Array.isArray(c.ignore)) throw bad('ignore', 'an array of glob patterns (strings)', c.ignore);
    const k = c.ignore.findIndex((p) => typeof p !== 'string');
    if (k >= 0) throw bad('ignore', 'a glob pattern (a string)', c.ignore[k], String(k));
    c.ignore.forEach((pattern: string, i) => {
      try {
        globToRegExp(pattern);
      } catch (error) {
        const why = String((error as Error).message).replace(/^Invalid regular expression: \/.*\/\w*: /, '');
        throw new UserError(`${where(src, 'ignore', String(i))}: 'ignore.${i}' is not a glob pattern adr can read (${JSON.stringify(pattern)}: ${why.toLowerCase()}); write a range low to high, as in [a-z]`);
      }
    });
  }
  if (c.editUrl !== undefined && (typeof c.editUrl !== 'string' || !/^https?:\/\/[^\s]+$/.test(c.editUrl))) {
    throw bad('editUrl', 'an http(s) URL, e.g. "https://github.com/owner/repo/edit/main/"', c.editUrl);
  }
  text('title', "the site's title (a non-empty string)");
  if (c.$schema !== undefined && typeof c.$schema !== 'string') throw bad('$schema', 'a URL or path (a string)', c.$schema);
  return c as Config;
}

/** What a config that is not JSON probably holds that JSON does not allow (as editors' JSONC does), for the message. */
function jsonHint(raw: string): string {
  if (/^\uFFFD|^\u0000|\u0000/.test(raw)) return ' (the file looks UTF-16 encoded: save it as UTF-8)';
  const outsideStrings = raw.replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
  if (/\/\/|\/\*/.test(outsideStrings)) return ' (JSON allows no comments: remove the // or /* */ ones)';
  if (/,\s*[}\]]/.test(outsideStrings)) return ' (JSON allows no trailing comma after the last entry)';
  if (/'/.test(outsideStrings)) return ' (JSON wants double quotes around keys and text)';
  return '';
}

/** Reads the config at `folder`, if any: `.adr.json`, else the `adr` key of package.json. */
export async function readConfigAt(folder: string): Promise<{ config: Config; file: string } | null> {
  const file = join(folder, CONFIG_FILE);
  const raw = await readText(file);
  if (raw !== null) {
    const text = raw.replace(/^\uFEFF/, '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new UserError(`${file}${jsonErrorPlace(text, error as Error)}: invalid JSON: ${(error as Error).message}${jsonHint(raw)}`);
    }
    return { config: validateConfig(parsed, { file, text, prefix: [] }), file };
  }
  const pkgFile = join(folder, 'package.json');
  const pkg = await readText(pkgFile);
  if (pkg !== null) {
    const text = pkg.replace(/^\uFEFF/, '');
    let parsed: { adr?: unknown } | null = null;
    try {
      parsed = JSON.parse(text) as { adr?: unknown };
    } catch {
      // A broken package.json is not ours to report.
    }
    if (parsed && typeof parsed === 'object' && parsed.adr !== undefined) return { config: validateConfig(parsed.adr, { file: pkgFile, text, prefix: ['adr'] }), file: pkgFile };
  }
  return null;
}

/**
 * Refuses an overview configured outside the repository (an absolute path elsewhere, `../../x.md`):
 * adr would write it. Its position in the config is named.
 */
function checkOverviewPlace(location: LogLocation): void {
  const overview = location.config.overview;
  if (typeof overview !== 'string' || !location.configFile) return;
  const repo = repositoryOf(location);
  const path = resolve(location.dir, overview);
  const text = () => (readFileSync(location.configFile!, 'utf8') as string).replace(/^\uFEFF/, '');
  const source = (): ConfigSource => ({ file: location.configFile!, text: text(), prefix: basename(location.configFile!) === 'package.json' ? ['adr'] : [] });
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    // not there yet: adr creates it
  }
  if (folder) {
    throw new UserError(`${where(source(), 'overview')}: 'overview' is ${overview}, which is the folder ${path}; it names the overview file, relative to the log folder (the default is ../DECISIONS.md)`);
  }
  if (isWithin(repo, path) && path !== repo) return;
  const src = source();
  throw new UserError(
    `${where(src, 'overview')}: 'overview' is ${overview}${path === overview ? '' : `, which is ${path}`}, outside the repository ${repo}; adr writes the overview, so it must lie inside (it is relative to the log folder; the default is ../DECISIONS.md)`,
  );
}

/** Refuses a log folder that is a file, the file-system root or a pseudo file system (/proc, /sys, /dev). */
function checkLogFolder(dir: string, named: string): void {
  const unusable = unusableLogReason(dir);
  if (unusable) throw new UserError(`${named} cannot be a decision log: ${unusable}. Name the folder holding your records (--dir decisions)`);
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

/** The journal an interrupted multi-file edit (`adr renumber`) leaves in the log folder (src/store/journal.ts). */
export const JOURNAL_NAME = '.adr-journal.json';

/**
 * Finds the log from `cwd` (and `dir`, the --dir flag, when given). Throws UserError when there is none.
 * A journal left by an interrupted `adr renumber` is finished or rolled back first, so every
 * command sees the log whole.
 */
export async function findLog(options: { cwd: string; dir?: string }): Promise<LogLocation> {
  const location = await locate(options);
  checkLogFolder(location.dir, options.dir ?? location.dir);
  checkOverviewPlace(location);
  if (existsSync(join(location.dir, JOURNAL_NAME))) await (await import('./journal.js')).recoverJournal(location);
  return location;
}

async function locate(options: { cwd: string; dir?: string }): Promise<LogLocation> {
  if (options.dir !== undefined) {
    const dir = resolve(options.cwd, options.dir);
    if (!(await isDir(dir))) {
      let isFile = false;
      try {
        isFile = statSync(dir).isFile();
      } catch {
        // missing
      }
      throw new UserError(isFile ? `--dir ${options.dir} is a file, not a folder: name the folder holding the records` : `no such log folder: ${options.dir}`);
    }
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
