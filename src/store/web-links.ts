/**
 * Links to a log's own records written as their web address on a code forge
 * (`[ADR 3](https://github.com/o/r/blob/main/docs/adr/0003-x.md)`): the link works on the forge, and
 * it names a record of this log as surely as `0003-x.md` would, so relations and back-links hold.
 * The parser sees one file; the log reader knows the log's folder, its repository and its files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Decision } from '../model/index.js';
import { gitWorkTree } from './confine.js';

/** The `owner/name` (lower case) of every forge remote in a work tree's git config; empty when none or unreadable. */
export function remoteRepositories(workTree: string | null): Set<string> {
  const out = new Set<string>();
  if (!workTree) return out;
  let config: string;
  try {
    let gitDir = join(workTree, '.git');
    // A linked worktree's `.git` is a file naming its git dir; the config lives in the common dir above it.
    if (!existsSync(join(gitDir, 'config'))) {
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(gitDir, 'utf8'));
      if (!pointer) return out;
      gitDir = pointer[1].trim().replace(/[/\\]worktrees[/\\][^/\\]+$/, '');
    }
    config = readFileSync(join(gitDir, 'config'), 'utf8');
  } catch {
    return out;
  }
  for (const m of config.matchAll(/^\s*url\s*=\s*(\S+)/gm)) {
    // https://github.com/o/r(.git), git@github.com:o/r(.git), ssh://git@host/group/r.git
    const r = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?[^/:]+[:/](.+?)(?:\.git)?\/?$/i.exec(m[1]);
    if (r) out.add(r[1].replace(/^\/+/, '').toLowerCase());
  }
  return out;
}

/**
 * Moves every web link of `decisions` that names a present file of the log into its `links`,
 * pointed at that file (the address kept as `url`). It names the file when the repository it
 * names is the log's own (or the log's remotes are unknown) and either the path after the ref is
 * the log folder's path in the work tree followed by the file, or, where the log sits elsewhere
 * than its address says (a copy, a fixture), the address's file name is a record of the log and
 * the remotes are unknown. `among` is the whole log (a record read fresh for an edit is matched
 * against the log it belongs to). Anything else stays an external address, never a guess at a broken link.
 */
export function resolveWebLinks(decisions: Decision[], logDir: string, exists: (file: string) => boolean, among: Decision[] = decisions): void {
  if (!decisions.some((d) => d.webLinks?.length)) return;
  const tree = gitWorkTree(logDir);
  const remotes = remoteRepositories(tree);
  const inTree = tree ? relative(tree, logDir).split(sep).join('/') : null;
  const files = new Set<string>();
  for (const d of among) files.add(d.file);
  for (const d of decisions) {
    for (const { link, repository } of d.webLinks ?? []) {
      const own = repository !== null && remotes.has(repository);
      if (repository !== null && remotes.size > 0 && !own) continue;
      const file = fileOf(link.target, inTree, own ? null : files, exists);
      if (!file || file === d.file) continue;
      if (d.links.some((l) => l.target === file && l.kind === link.kind && l.line === link.line)) continue;
      d.links.push({ ...link, target: file, external: false });
    }
  }
}

/** The log file `rest` (a ref, then a path in the repository) names, or null. */
function fileOf(rest: string, inTree: string | null, byName: Set<string> | null, exists: (file: string) => boolean): string | null {
  const parts = rest.split('/');
  // The ref is at least one segment and may hold slashes (`feature/x`): try every split.
  for (let k = 1; k < parts.length; k++) {
    const path = parts.slice(k).join('/');
    if (inTree !== null) {
      const prefix = inTree === '' ? '' : `${inTree}/`;
      if (path.startsWith(prefix) && path.length > prefix.length && exists(path.slice(prefix.length))) return path.slice(prefix.length);
    }
  }
  if (!byName) return null;
  const name = parts[parts.length - 1];
  return byName.has(name) ? name : null;
}
