/**
 * The public API of the `adrkit` package (the `adr` command): read a decision log into the typed model,
 * and check and fix it as `adr check` does (the engine, the rule registry, the fix engine).
 * Kept small on purpose; test/api.test.ts pins its names.
 *
 * @example
 * ```ts
 * import { readLog } from 'adrkit';
 * const log = await readLog({ cwd: process.cwd() });
 * for (const d of log.decisions) console.log(d.id, d.status, d.title);
 * ```
 */
export * from './model/index.js';
export { parseRecord, parseBytes, type ParseResult, type ParseOptions } from './parse/index.js';
export { parseOverview } from './parse/overview.js';
export { canonicalStatus, canonicalPriority, canonicalCategory, parseDate } from './parse/vocab.js';
export { readLog, type ReadLogOptions } from './store/read-log.js';
export { findLog, type LogLocation } from './store/find-log.js';
export { UsageError, UserError } from './errors.js';
export { lintLog, type LintOptions, type LintResult, type LintCounts } from './lint/engine.js';
export type { Rule, RuleContext, RuleExample, Problem, Report, SourceText } from './lint/rule.js';
export { RULES, ruleById } from './rules/index.js';
export { logSource, type LogSource } from './lint/source.js';
export {
  applyFixes,
  fixLog,
  lintLogAt,
  planFixes,
  verifyOverview,
  verifyRecord,
  type ChosenFix,
  type FixOutcome,
  type FixRun,
  type Linted,
  type LintLogAtOptions,
} from './lint/fix.js';
