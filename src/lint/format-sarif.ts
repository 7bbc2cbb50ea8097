/**
 * `--format sarif`: SARIF 2.1.0 in the subset GitHub code scanning accepts
 * (`github/codeql-action/upload-sarif`): one run, the tool's rule table with descriptions,
 * help links and default levels, and one result per problem with a repository-relative location
 * and a partial fingerprint that survives the problem moving to another line.
 */
import { createHash } from 'node:crypto';
import { PARSE_RULE } from './engine.js';
import type { Formatter, ReportInput, ReportedDiagnostic } from './report.js';
import { ruleHelpUri } from './report.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string };
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: { tags: string[] };
}

/** PascalCase name from a kebab-case id (SARIF's `name` is meant to be readable). */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _dash, char: string) => char.toUpperCase());
}

/** Percent-encodes each segment of a relative path (spaces, `#`, `%`), keeping `/` and `..`. */
export function toSarifUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** The rule table: every registered rule plus `parse`, and any rule id a diagnostic uses that is not registered. */
function sarifRules({ rules, tool, diagnostics }: ReportInput): SarifRule[] {
  const table: SarifRule[] = rules.map((rule) => ({
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.description },
    helpUri: ruleHelpUri(rule, tool),
    help: { text: rule.description },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['decision-records', 'adr'] },
  }));
  const known = new Set(table.map((rule) => rule.id));
  const extra = new Set([PARSE_RULE, ...diagnostics.map((d) => d.rule)].filter((id) => !known.has(id)));
  for (const id of extra) {
    const parse = id === PARSE_RULE;
    const text = parse ? 'A file of the log could not be read as a decision record.' : `Problems reported as ${id}.`;
    table.push({
      id,
      name: ruleName(id),
      shortDescription: { text: parse ? 'unreadable record' : id },
      fullDescription: { text },
      helpUri: ruleHelpUri({ id, url: undefined }, tool),
      help: { text },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['decision-records', 'adr'] },
    });
  }
  return table;
}

/** A fingerprint independent of the line number: rule, file and message. */
function fingerprint(d: ReportedDiagnostic): string {
  return createHash('sha256').update(`${d.rule}\0${d.path}\0${d.message}`).digest('hex').slice(0, 32);
}

/** Formats the report as a SARIF 2.1.0 log (pretty-printed JSON). */
export const formatSarif: Formatter = (input) => {
  const rules = sarifRules(input);
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const results = input.diagnostics.map((d) => ({
    ruleId: d.rule,
    ruleIndex: index.get(d.rule) ?? 0,
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toSarifUri(d.path), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: d.line,
            startColumn: d.column,
            endLine: d.endLine,
            endColumn: Math.max(d.endColumn, d.endLine === d.line ? d.column : 1),
          },
        },
      },
    ],
    ...(d.related?.length
      ? {
          relatedLocations: d.related.map((r, i) => ({
            id: i + 1,
            message: { text: r.message },
            physicalLocation: { artifactLocation: { uri: toSarifUri(r.file), uriBaseId: '%SRCROOT%' }, region: { startLine: Math.max(1, r.line) } },
          })),
        }
      : {}),
    partialFingerprints: { 'adrCheck/v1': fingerprint(d) },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: input.tool.name,
            version: input.tool.version,
            semanticVersion: input.tool.version,
            informationUri: input.tool.informationUri,
            rules,
          },
        },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
