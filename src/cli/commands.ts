/**
 * The explicit command registry. Each entry imports its module lazily, so `adr new`
 * never pays for the markdown parser and `adr check` never loads Astro.
 */
import type { Command } from './context.js';

/** Command name to a loader of its module. Aliases map to the module that serves them. */
export const COMMANDS: Record<string, () => Promise<Command>> = {
  // Each command module adds its line here: name: async () => (await import('./name.js')).command,
  site: async () => (await import('./site.js')).command,
  list: async () => (await import('./list.js')).command,
  check: async () => (await import('./check.js')).command,
  new: async () => (await import('./new.js')).command,
  init: async () => (await import('./init.js')).command,
  abort: async () => (await import('./abort.js')).command,
  status: async () => (await import('./status.js')).command,
  accept: async () => (await import('./status.js')).shortcut('accepted'),
  reject: async () => (await import('./status.js')).shortcut('rejected'),
  deprecate: async () => (await import('./status.js')).shortcut('deprecated'),
  postpone: async () => (await import('./status.js')).shortcut('postponed'),
  supersede: async () => (await import('./supersede.js')).command,
  link: async () => (await import('./link.js')).command,
  overview: async () => (await import('./overview.js')).command,
  todo: async () => (await import('./todo.js')).command,
  renumber: async () => (await import('./renumber.js')).command,
  diff: async () => (await import('./diff.js')).command,
  history: async () => (await import('./history.js')).command,
  affected: async () => (await import('./affected.js')).command,
  mcp: async () => (await import('./mcp.js')).command,
  completion: async () => (await import('./completion.js')).command,
};

/** One-line summaries for `adr --help`, kept here so the top-level help loads no command module. */
export const SUMMARIES: Record<string, string> = {
  init: 'create a decision log (folder, config, first record)',
  new: 'draft a new decision record',
  list: 'list the records of the log (table or --json)',
  check: 'check the log for inconsistencies (CI: --format github|sarif|json)',
  abort: 'abort a decision with a rationale, closing its open action items',
  status: 'change the status of a record (adr status REF STATUS)',
  accept: 'mark a record accepted (adr status REF accepted)',
  reject: 'mark a record rejected, closing its open action items',
  deprecate: 'mark a record deprecated',
  postpone: 'mark a record postponed',
  supersede: 'mark a record as superseded by another, on both sides',
  link: 'link two records (amends, relates, ...) on both sides',
  overview: 'generate or update the overview file (DECISIONS.md)',
  todo: 'list every open action item and review due, by horizon',
  affected: 'list the decisions that govern some files or a branch\'s changes',
  mcp: 'serve the decision log to AI agents over the Model Context Protocol (stdio)',
  diff: 'what a branch changes in the log: records, statuses, links, items, findings',
  history: 'the status changes of a record, from git: date, commit, author',
  renumber: 'give a numbered record another number (file, title, every link), all or nothing',
  site: 'build or serve the decisions site (site build | site dev | site serve)',
  completion: 'print a shell completion script (bash, zsh, fish)',
};
