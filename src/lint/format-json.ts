/**
 * `--format json`: an array of flat objects, one per problem, stable field order, for scripts and
 * other tools (`jq '.[] | select(.severity == "error")'`).
 */
import type { Formatter } from './report.js';

/** One element of the JSON output. */
export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fixable: boolean;
}

/** Formats the report as a JSON array (pretty-printed, newline-terminated). */
export const formatJson: Formatter = ({ diagnostics }) => {
  const items: JsonDiagnostic[] = diagnostics.map((d) => ({
    file: d.path,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    fixable: d.fixable,
  }));
  return `${JSON.stringify(items, null, 2)}\n`;
};
