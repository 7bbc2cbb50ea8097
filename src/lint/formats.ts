/**
 * The report formats, by `--format` name: the registry `adr check` picks from and the shell
 * completion offers. Loaded on use, like the fix machinery (the parser, the edit transaction, the
 * record lock): a warm check of a clean log loads only the default one.
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
