/**
 * The check engine: runs the rules over a Log, applies the config (severities, `off`, ignored paths),
 * passes the reader's own diagnostics through, and returns sorted, de-duplicated diagnostics.
 * Pure: the caller supplies the clock and, for fixes, a way to read a file's text.
 */
import type { BaseSnapshot, Config, Diagnostic, Log, Severity } from '../model/index.js';
import { localDate } from '../model/today.js';
import { ignoreMatcher } from '../store/glob.js';
import type { Problem, Rule, RuleContext, SourceText } from './rule.js';
import { applySuppressions } from './suppress.js';

/** The pseudo-rule id of problems met while reading (unreadable files, broken front matter). */
export const PARSE_RULE = 'parse';

/** Options of one check run. */
export interface LintOptions {
  /** The current time (for `date-future`). */
  now: Date;
  /** The zone (`TZ`) the calendar day a fix writes is taken in; UTC when unset (src/model/today.ts). */
  timeZone?: string;
  /** Reads a file's decoded text, relative to the log folder; defaults to "nothing readable". */
  source?: (file: string) => SourceText | null;
  /** Whether a path relative to the log folder exists; defaults to "is a record of the log". */
  exists?: (file: string) => boolean;
  /** The rules to run: the caller passes the registry (src/rules/index.ts), so lint never imports rules. */
  rules: readonly Rule[];
  /** Run only these rule ids (`--rule`); `parse` keeps the reader's diagnostics. */
  only?: readonly string[];
  /** The repository's files (paths relative to its root), listed on first call; null or absent: unknown. */
  repoFiles?: () => readonly string[] | null;
  /** The files the change under review touches (repository paths), when the check knows them. */
  changedFiles?: readonly string[] | null;
  /** The base branch to compare with (`--base`), for the rules that need one. */
  base?: BaseSnapshot;
}

/** Counts by severity. */
export interface LintCounts {
  errors: number;
  warnings: number;
  infos: number;
  /** Problems that carry a safe fix. */
  fixable: number;
}

/** What a check run found. */
export interface LintResult {
  diagnostics: Diagnostic[];
  counts: LintCounts;
  /** Rules that threw (a bug in adr, never in the log): the CLI exits 2 when there are any. */
  failures: Array<{ rule: string; message: string }>;
  /** Problems with the config itself (unknown rule ids, bad severities), for stderr. */
  configWarnings: string[];
  /** Number of records checked (after ignores). */
  records: number;
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

/** Resolves each rule's effective severity (or `off`) from the config, collecting config mistakes. */
export function resolveSeverities(
  rules: readonly Rule[],
  config: Config,
  warnings: string[],
): Map<string, Severity | 'off'> {
  const known = new Set([...rules.map((rule) => rule.id), PARSE_RULE]);
  const result = new Map<string, Severity | 'off'>();
  for (const rule of rules) result.set(rule.id, rule.severity);
  for (const [id, value] of Object.entries(config.rules ?? {})) {
    if (!SEVERITIES.has(value as string)) {
      warnings.push(`config: rule '${id}' has severity '${String(value)}', expected one of error, warning, info, off`);
      continue;
    }
    if (!known.has(id)) {
      warnings.push(`config: unknown rule '${id}' (see adr check --list-rules)`);
      continue;
    }
    result.set(id, value);
  }
  return result;
}

/** Turns a rule's problem into a diagnostic with 1-based positions. */
function toDiagnostic(rule: string, severity: Severity, problem: Problem): Diagnostic {
  const line = problem.span?.start.line ?? problem.line ?? 1;
  const column = problem.span?.start.column ?? problem.column ?? 1;
  const endLine = problem.span?.end.line ?? problem.endLine ?? line;
  const endColumn = problem.span?.end.column ?? problem.endColumn ?? column;
  const startLine = Math.max(1, line);
  const diagnostic: Diagnostic = {
    file: problem.file,
    line: startLine,
    column: Math.max(1, column),
    endLine: Math.max(startLine, endLine),
    endColumn: Math.max(1, endColumn),
    rule,
    severity,
    message: problem.message,
  };
  if (problem.related?.length) diagnostic.related = problem.related;
  if (problem.fix && problem.fix.edits.length > 0) diagnostic.fix = problem.fix;
  return diagnostic;
}

/** Orders diagnostics by file, then position, then rule (stable output for CI diffs and tests). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/** Counts diagnostics by severity. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): LintCounts {
  const counts: LintCounts = { errors: 0, warnings: 0, infos: 0, fixable: 0 };
  for (const d of diagnostics) {
    if (d.severity === 'error') counts.errors++;
    else if (d.severity === 'warning') counts.warnings++;
    else counts.infos++;
    if (d.fix) counts.fixable++;
  }
  return counts;
}

/** Runs the rules over `log` and returns what they found, after the config's severities and ignores. */
export function lintLog(log: Log, options: LintOptions): LintResult {
  const { rules } = options;
  const configWarnings: string[] = [];
  const severities = resolveSeverities(rules, log.config ?? {}, configWarnings);
  const only = options.only ? new Set(options.only) : null;
  const ignored = ignoreMatcher(log.config?.ignore);

  // Ignored records vanish from the log the rules see, so no rule asks anything of them.
  const decisions = log.decisions.filter((d) => !ignored(d.file));
  const view: Log = { ...log, decisions };
  const byFile = new Map(decisions.map((d) => [d.file, d]));
  const allFiles = new Set([...log.decisions.map((d) => d.file), ...log.skipped]);
  const context: RuleContext = {
    log: view,
    now: options.now,
    today: localDate(options.now, options.timeZone),
    byFile,
    source: options.source ?? (() => null),
    exists: options.exists ?? ((file) => allFiles.has(file)),
    repoFiles: options.repoFiles ?? (() => null),
    // The change under review: given, else what the base branch says this side changed.
    changedFiles: options.changedFiles ?? options.base?.changed ?? null,
    ...(options.base ? { base: options.base } : {}),
    runs: (id) => rules.some((r) => r.id === id) && (!only || only.has(id)) && severities.get(id) !== 'off',
  };

  const diagnostics: Diagnostic[] = [];
  const failures: LintResult['failures'] = [];
  const seen = new Set<string>();
  const push = (diagnostic: Diagnostic) => {
    if (ignored(diagnostic.file)) return;
    const key = `${diagnostic.file}\0${diagnostic.line}\0${diagnostic.column}\0${diagnostic.rule}\0${diagnostic.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    diagnostics.push(diagnostic);
  };

  // The reader's diagnostics pass through; a config entry for their rule id can re-grade or silence them.
  // The reader's note about a missing title is left to `title-missing` when that rule runs.
  const titleRule = severities.get('title-missing') !== 'off' && (!only || only.has('title-missing')) && rules.some((r) => r.id === 'title-missing');
  if (!only || only.has(PARSE_RULE)) {
    for (const d of log.diagnostics) {
      if (titleRule && d.rule === PARSE_RULE && d.severity === 'info' && /^No title heading/.test(d.message)) continue;
      const configured = log.config?.rules?.[d.rule];
      if (configured === 'off') continue;
      push(configured && SEVERITIES.has(configured) ? { ...d, severity: configured } : d);
    }
  }

  for (const rule of rules) {
    if (only && !only.has(rule.id)) continue;
    const severity = severities.get(rule.id) ?? rule.severity;
    if (severity === 'off') continue;
    const configured = log.config?.rules?.[rule.id] !== undefined;
    try {
      rule.check(context, (problem) => push(toDiagnostic(rule.id, problem.severity && !configured ? problem.severity : severity, problem)));
    } catch (error) {
      failures.push({ rule: rule.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }

  const kept = applySuppressions(diagnostics, (file) => context.source(file)?.text ?? null);
  kept.sort(compareDiagnostics);
  return { diagnostics: kept, counts: countDiagnostics(kept), failures, configWarnings, records: decisions.length };
}

