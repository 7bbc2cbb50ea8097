/**
 * `--format stylish` (the default): ESLint's stylish layout. Problems grouped under their file,
 * aligned columns `line:column  severity  message  rule`, and a summary line
 * `✖ 3 problems (2 errors, 1 warning)`. Colour only when asked (a TTY without NO_COLOR).
 */
import type { Formatter, ReportedDiagnostic } from './report.js';
import { plural } from './report.js';
import { displayWidth as width, printable } from '../output.js';

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  underline: '\u001b[4m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  blue: '\u001b[34m',
  green: '\u001b[32m',
} as const;

type Paint = (style: keyof typeof ANSI, text: string) => string;

// The one scrub of control characters for terminal text lives with the other output helpers.
export { printable };

function pad(text: string, size: number, left = false): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return left ? fill + text : text + fill;
}

function summaryLine(errors: number, warnings: number, infos: number): string {
  const total = errors + warnings + infos;
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos > 0) parts.push(`${infos} info`);
  return `✖ ${plural(total, 'problem')} (${parts.join(', ')})`;
}

/** Formats the report in ESLint's stylish layout. */
export const formatStylish: Formatter = ({ diagnostics, color, records }) => {
  const paint: Paint = color ? (style, text) => `${ANSI[style]}${text}${ANSI.reset}` : (_style, text) => text;
  if (diagnostics.length === 0) {
    const checked = records === undefined ? '' : ` in ${plural(records, 'record')}`;
    return `${paint('green', '✔')} No problems${checked}.\n`;
  }
  const groups = new Map<string, ReportedDiagnostic[]>();
  for (const d of diagnostics) {
    const path = printable(d.path);
    const list = groups.get(path);
    if (list) list.push(d);
    else groups.set(path, [d]);
  }
  let out = '';
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const [path, list] of groups) {
    const rows = list.map((d) => [`${d.line}:${d.column}`, d.severity, printable(d.message.replace(/\r?\n/g, ' ')), printable(d.rule)]);
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => width(row[i]))));
    out += `\n${paint('underline', path)}\n`;
    list.forEach((d, index) => {
      const [position, severity, message, rule] = rows[index];
      const severityStyle = d.severity === 'error' ? 'red' : d.severity === 'warning' ? 'yellow' : 'blue';
      out += `  ${paint('dim', pad(position, widths[0]))}  ${paint(severityStyle, pad(severity, widths[1]))}  ${pad(message, widths[2])}  ${paint('dim', rule)}\n`;
      if (d.severity === 'error') {
        errors++;
        if (d.fixable) fixableErrors++;
      } else if (d.severity === 'warning') {
        warnings++;
        if (d.fixable) fixableWarnings++;
      } else {
        infos++;
      }
    });
  }
  const summaryStyle = errors > 0 ? 'red' : warnings > 0 ? 'yellow' : 'blue';
  out += `\n${paint('bold', paint(summaryStyle, summaryLine(errors, warnings, infos)))}\n`;
  if (fixableErrors + fixableWarnings > 0) {
    out += `${paint('bold', paint(summaryStyle, `  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`))}\n`;
  }
  return `${out}\n`;
};
