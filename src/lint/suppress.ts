/**
 * Inline suppression comments, as markdownlint and ESLint users expect them:
 *
 *   <!-- adr-check-disable -->                         every rule, for the whole file
 *   <!-- adr-check-disable status-mismatch date-future -->   these rules, for the whole file
 *   <!-- adr-check-disable-next-line link-missing-file -->   these rules (or all), on the next line
 *
 * They are looked for only in files that have problems, so a clean log costs no extra reads.
 */
import type { Diagnostic } from '../model/index.js';

const COMMENT = /<!--\s*adr-check-disable(-next-line)?((?:\s+[a-z][a-z-]*)*)\s*-->/g;

/** What a file's comments suppress. */
interface Suppressions {
  /** Rules off for the whole file; `*` = all. */
  file: Set<string>;
  /** 1-based line to the rules off on it; `*` = all. */
  lines: Map<number, Set<string>>;
}

function read(text: string): Suppressions | null {
  if (!text.includes('adr-check-disable')) return null;
  const found: Suppressions = { file: new Set(), lines: new Map() };
  COMMENT.lastIndex = 0;
  for (let m = COMMENT.exec(text); m !== null; m = COMMENT.exec(text)) {
    const rules = m[2].trim() ? m[2].trim().split(/\s+/) : ['*'];
    if (m[1]) {
      // The line after the one the comment ends on.
      let line = 1;
      const end = m.index + m[0].length;
      for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
      const set = found.lines.get(line + 1) ?? new Set<string>();
      for (const r of rules) set.add(r);
      found.lines.set(line + 1, set);
    } else {
      for (const r of rules) found.file.add(r);
    }
  }
  return found;
}

/** Drops the diagnostics that the files' own comments suppress. `text` gives a file's text or null. */
export function applySuppressions(diagnostics: Diagnostic[], text: (file: string) => string | null): Diagnostic[] {
  const cache = new Map<string, Suppressions | null>();
  return diagnostics.filter((d) => {
    if (d.rule === 'parse') return true;
    let s = cache.get(d.file);
    if (s === undefined) {
      const t = text(d.file);
      s = t === null ? null : read(t);
      cache.set(d.file, s);
    }
    if (!s) return true;
    if (s.file.has('*') || s.file.has(d.rule)) return false;
    const line = s.lines.get(d.line);
    return !(line && (line.has('*') || line.has(d.rule)));
  });
}
