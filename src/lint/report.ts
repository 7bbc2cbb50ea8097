/**
 * What every formatter receives: diagnostics with their path as the user should see it
 * (relative to the working directory), the rules for metadata, and the tool's identity.
 */
import type { Diagnostic } from '../model/index.js';
import type { Rule } from './rule.js';

/** A diagnostic ready to print: `path` is relative to the working directory, POSIX separators. */
export interface ReportedDiagnostic extends Diagnostic {
  path: string;
  fixable: boolean;
}

/** The tool's identity, for SARIF's `tool.driver`. */
export interface ToolInfo {
  name: string;
  version: string;
  /** Where the tool is documented (SARIF informationUri, base of each rule's helpUri). */
  informationUri: string;
}

/** Everything a formatter may use. */
export interface ReportInput {
  diagnostics: readonly ReportedDiagnostic[];
  /** The rules that exist (for SARIF's rule table and help links). */
  rules: readonly Rule[];
  tool: ToolInfo;
  /** Colour the output (stylish only). */
  color?: boolean;
  /** Number of records checked (stylish's all-clear line). */
  records?: number;
}

/** A formatter: turns a report into the text written to stdout or `--output`. */
export type Formatter = (input: ReportInput) => string;

/** Attaches display paths and the fixable flag to diagnostics. */
export function toReported(diagnostics: readonly Diagnostic[], displayPath: (file: string) => string): ReportedDiagnostic[] {
  return diagnostics.map((d) => ({
    ...d,
    path: displayPath(d.file),
    fixable: Boolean(d.fix && d.fix.edits.length > 0),
    ...(d.related ? { related: d.related.map((r) => ({ ...r, file: displayPath(r.file) })) } : {}),
  }));
}

/** The documentation link of a rule: its own url, else the README's entry for it. */
export function ruleHelpUri(rule: Pick<Rule, 'id' | 'url'>, tool: ToolInfo): string {
  return rule.url ?? `${tool.informationUri.replace(/#.*$/, '')}#rule-${rule.id}`;
}

/** `1 error`, `2 errors`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
