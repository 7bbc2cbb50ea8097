/**
 * The walk of a log folder: which files are records, which are skipped or unreadable, and where the
 * overview is. Kept apart from the reader (read-log.ts) so a check answered from its result cache
 * lists the log without loading the parse cache, its hashing or the parser.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';
import type { Diagnostic } from '../model/index.js';
import { globToRegExp } from './glob.js';
import type { LogLocation } from './find-log.js';
import { isDebrisName } from './debris.js';

/** The reader's diagnostic about a whole file (parse/index.ts's fileDiagnostic, loaded only when one is needed). */
async function fileDiagnostic(...args: Parameters<typeof import('../parse/index.js').fileDiagnostic>): Promise<Diagnostic> {
  return (await import('../parse/index.js')).fileDiagnostic(...args);
}

/** Whether a file name is a record file at all (markdown, not a template, index or readme). */
export function isRecordName(name: string): boolean {
  if (!/\.(md|markdown)$/i.test(name)) return false;
  if (name.startsWith('.') || name.startsWith('_')) return false;
  const lower = name.toLowerCase();
  if (/^(readme|index|changelog|contributing|license|summary)\.(md|markdown)$/.test(lower)) return false;
  // `template.md`, `adr-template-bare.md`, `!template_[verb].md`, `0000-template.md`: a template, not a
  // record. A numbered or dated record about templates (`2025-08-06-template-engine.md`) stays a record.
  const stem = lower.replace(/\.(md|markdown)$/, '');
  if (/^\d/.test(stem) ? /^[\d_.-]+template$/.test(stem) : /(^|[^a-z0-9])template([^a-z0-9]|$)/.test(stem)) return false;
  return true;
}

/** Folders never searched for records. */
export function skipFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules' || name === 'templates' || name === 'assets' || name === 'images';
}

/**
 * The most files and folders one walk looks at. A log of 20,000 records is well below it (asset
 * folders are not descended); a walk that reaches it was pointed at something else (a home folder, /usr) and stops
 * with a message instead of running for minutes.
 */
export const MAX_WALK_ENTRIES = 50_000;
/** How deep the walk goes below the log folder; deeper folders are reported and not read. */
export const MAX_WALK_DEPTH = 24;

export { isDebrisName } from './debris.js';

/** A record file found by the walk. */
interface Found {
  abs: string;
  file: string;
}

/** Lists the record files under `dir`, following symlinks once, reporting dangling ones and loops. */
export async function listRecordFiles(
  dir: string,
  ignore: RegExp[],
  skip: Set<string>,
): Promise<{ files: Found[]; diagnostics: Diagnostic[]; skipped: string[]; debris: Array<{ folder: string; names: string[] }> }> {
  const files: Found[] = [];
  const skipped: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const debris: Array<{ folder: string; names: string[] }> = [];
  const seenDirs = new Set<string>();
  let looked = 0;

  // Paths are built by concatenation (the walk knows each folder's relative prefix): path.join and
  // path.relative per file cost more than the rest of the walk together.
  async function walk(folder: string, prefix: string, depth: number): Promise<void> {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch {
      return;
    }
    const here = prefix === '' ? '.' : prefix.slice(0, -1);
    if (seenDirs.has(real)) {
      diagnostics.push(await fileDiagnostic(here, 'Folder reached twice through a symbolic link (a loop?); read once.', 'warning'));
      return;
    }
    seenDirs.add(real);
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      diagnostics.push(await fileDiagnostic(here, `Cannot list folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`));
      return;
    }
    looked += entries.length;
    if (looked > MAX_WALK_ENTRIES) {
      throw new UserError(
        `stopped reading ${resolve(dir)}: more than ${MAX_WALK_ENTRIES.toLocaleString('en')} files and folders under it, so it is not a decision log (or not only one). Point --dir (or "dir" in .adr.json) at the folder holding the records, or list what is not the log under "ignore" in .adr.json`,
      );
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const base = folder.endsWith(sep) ? folder : folder + sep;
    let ours: string[] | null = null;
    for (const entry of entries) {
      if (entry.name.charCodeAt(0) === 46 && isDebrisName(entry.name)) {
        (ours ??= []).push(entry.name);
        continue;
      }
      const abs = base + entry.name;
      const file = prefix + entry.name;
      if (ignore.length > 0 && ignore.some((re) => re.test(file))) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (isRecordName(entry.name) || code === 'ELOOP') {
            diagnostics.push(await fileDiagnostic(file, code === 'ELOOP' ? 'Symbolic link loop; not read.' : 'Dangling symbolic link (its target does not exist); not read.'));
          }
          continue;
        }
      }
      if (isDir) {
        if (skipFolder(entry.name)) continue;
        if (depth >= MAX_WALK_DEPTH) {
          diagnostics.push(await fileDiagnostic(file, `Folder nested more than ${MAX_WALK_DEPTH} levels below the log folder; not read.`, 'warning'));
          continue;
        }
        await walk(abs, `${file}/`, depth + 1);
        continue;
      }
      // `slug/index.md` alone in its sub-folder is a page-bundle record (joelparkerhenderson's
      // examples, Hugo and Astro content); the log's own index.md stays the log's index.
      const bundle = prefix !== '' && /^index\.(md|markdown)$/i.test(entry.name) && !entries.some((e) => e !== entry && isRecordName(e.name));
      if ((!isRecordName(entry.name) && !bundle) || skip.has(abs)) {
        if (/\.(md|markdown)$/i.test(entry.name)) skipped.push(file);
        continue;
      }
      if (!isFile) {
        diagnostics.push(await fileDiagnostic(file, 'Not a regular file (a device, socket or pipe); not read.'));
        continue;
      }
      files.push({ abs, file });
    }
    if (ours) debris.push({ folder, names: ours });
  }
  await walk(resolve(dir), '', 0);
  return { files, diagnostics, skipped, debris };
}

/** The overview file's path relative to the log folder, or null when the log has none. */
export async function locateOverview(location: LogLocation): Promise<string | null> {
  const configured = location.config.overview;
  if (configured === false) return null;
  const candidates = configured ? [configured] : ['../DECISIONS.md', 'DECISIONS.md'];
  for (const candidate of candidates) {
    try {
      if (statSync(resolve(location.dir, candidate)).isFile()) return candidate.split(sep).join('/');
    } catch {
      // not there
    }
  }
  return null;
}

/** A log's walk: its overview file (relative to the log folder) and its listing. */
export interface LogWalk {
  overviewFile: string | null;
  listed: { files: Array<{ abs: string; file: string }>; diagnostics: Diagnostic[]; skipped: string[] };
}

/**
 * Sweeps what killed `adr` processes left in the walked folders and next to the overview (temp
 * files, locks of dead processes), so the command after a `kill -9` leaves none behind. Loads the
 * lock module only when there is something to judge.
 */
async function sweepDebris(location: LogLocation, overviewFile: string | null, found: Array<{ folder: string; names: string[] }>): Promise<void> {
  const piles = [...found];
  if (overviewFile) {
    const folder = dirname(resolve(location.dir, overviewFile));
    if (folder !== resolve(location.dir)) {
      // The overview's temp files and lock (`.DECISIONS.md.…tmp`, `.DECISIONS.md.adr-overview-lock`)
      // and the lock's own temp files (`..DECISIONS.md.adr-overview-lock.…tmp`).
      const mark = `.${basename(overviewFile)}.`;
      let names: string[] = [];
      try {
        names = readdirSync(folder).filter((n) => (n.startsWith(mark) || n.startsWith(`.${mark}`)) && isDebrisName(n));
      } catch {
        // unreadable: nothing to sweep
      }
      if (names.length) piles.push({ folder, names });
    }
  }
  if (piles.length === 0) return;
  const { sweepStale } = await import('./lock.js');
  for (const pile of piles) await sweepStale(pile.folder, pile.names);
}

/** Walks the log at `location`: the overview, then every record file but it and the config's ignored paths. */
export async function walkLog(location: LogLocation): Promise<LogWalk> {
  const overviewFile = await locateOverview(location);
  const skip = new Set<string>();
  if (overviewFile) skip.add(resolve(location.dir, overviewFile));
  const ignore = (location.config.ignore ?? []).map(globToRegExp);
  const { debris, ...listed } = await listRecordFiles(location.dir, ignore, skip);
  await sweepDebris(location, overviewFile, debris);
  return { overviewFile, listed };
}
