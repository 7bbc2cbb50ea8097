/**
 * The report formats of `adr check`, by `--format` name. Loaded on use, like the fix machinery (the
 * parser, the edit transaction, the record lock): a warm check of a clean log loads only stylish.
 * The check command and the shell completions both read this one table.
 */
import { formatStylish } from './format-stylish.js';
import type { Formatter } from './report.js';

/** Format name to a loader of its formatter. */
export const FORMATS: Record<string, () => Promise<Formatter>> = {
  stylish: async () => formatStylish,
  json: async () => (await import('./format-json.js')).formatJson,
  github: async () => (await import('./format-github.js')).formatGithub,
  sarif: async () => (await import('./format-sarif.js')).formatSarif,
};
