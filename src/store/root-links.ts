/**
 * Links written from the repository root (`[ADR 21](doc/adr/0021-x.md)` inside doc/adr): markdown
 * resolves a link from the file's own folder, so such a link is broken wherever the record is
 * rendered, yet it plainly names a record of the log. The parser sees one file and cannot tell; the
 * log reader, which knows the log folder's path, points the link at the record it names and marks it
 * `fromRoot`, so relations and back-links hold and `link-missing-file` still reports the link.
 */
import { sep } from 'node:path';
import type { Decision } from '../model/index.js';

/**
 * The file of the log a destination written from the repository root (or any folder above the log)
 * names: a leading part of `dest` is the end of the log folder's own path, and the rest exists.
 */
export function fileFromRoot(dest: string, logDir: string, exists: (file: string) => boolean): string | null {
  const parts = dest.replace(/^\.\//, '').split('/');
  const dir = logDir.split(sep).join('/').replace(/\/+$/, '');
  for (let k = 1; k < parts.length; k++) {
    const prefix = parts.slice(0, k).join('/');
    if (prefix === '' || prefix.startsWith('.') || !(dir === prefix || dir.endsWith(`/${prefix}`))) continue;
    const file = parts.slice(k).join('/');
    if (file && exists(file)) return file;
  }
  return null;
}

/** Points every link of `decisions` whose target is missing but which names a log file from the repository root at that file. */
export function resolveRootLinks(decisions: Decision[], logDir: string, exists: (file: string) => boolean): void {
  for (const d of decisions) {
    const folder = d.file.includes('/') ? d.file.slice(0, d.file.lastIndexOf('/') + 1) : '';
    for (const link of d.links) {
      if (link.external || link.implicit || exists(link.target)) continue;
      // The target is the destination joined to the record's folder: take that folder off again.
      const dest = folder && link.target.startsWith(folder) ? link.target.slice(folder.length) : link.target;
      const file = fileFromRoot(dest, logDir, exists);
      if (!file || file === d.file) continue;
      link.fromRoot = dest;
      link.target = file;
    }
  }
}
