/**
 * `--format github`: GitHub Actions workflow commands, so each problem shows as an annotation on
 * the pull request's diff (`::error file=...,line=...::message`).
 */
import type { Formatter } from './report.js';

/** Escapes a command's message (data): `%`, CR and LF, as the Actions runner's toolkit does. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: as data, plus `:` and `,`, which delimit properties. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Formats the report as one workflow command per problem. */
export const formatGithub: Formatter = ({ diagnostics }) =>
  diagnostics
    .map((d) => {
      const properties = [
        `file=${escapeProperty(d.path)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(d.rule)}`,
      ].join(',');
      return `::${COMMAND[d.severity]} ${properties}::${escapeData(d.message)}\n`;
    })
    .join('');
