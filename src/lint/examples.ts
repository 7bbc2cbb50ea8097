/**
 * Builders for the small records in the rules' ok / not-ok examples, so each example states only
 * what it is about. The output is ordinary markdown in the dialect's own layout (FORMAT.md).
 */

/** Fields of a summary-style record (FORMAT.md §1). */
export interface SummaryFields {
  title: string;
  status?: string | null;
  priority?: string | null;
  date?: string | null;
  category?: string | null;
  /** Whether to write the back-link to the overview (default true). */
  backlink?: boolean;
  /** Markdown lines of the `## Action Items` section (omitted when absent). */
  actionItems?: string[];
  /** Extra markdown after the `---` rule (sections). */
  body?: string;
  /** Footer status (`_Status: ..._`), omitted when absent. */
  footerStatus?: string;
}

/** A summary-style record. */
export function summaryRecord(fields: SummaryFields): string {
  const lines = [`# ${fields.title}`, ''];
  if (fields.backlink !== false) lines.push('[🚪 ← Back to Decisions Overview](../DECISIONS.md)', '');
  lines.push('## Decision Summary', '');
  const labels: string[] = [];
  if (fields.status != null) labels.push(`**Status**: ${fields.status}`);
  labels.push(`**Priority**: ${fields.priority ?? '🟡 **Important** (2 weeks)'}`);
  if (fields.date !== null) labels.push(`**Date**: ${fields.date ?? '2025-08-06'}`);
  labels.push(`**Category**: ${fields.category ?? '🏗️ Infrastructure'}`);
  lines.push(...labels.map((l, i) => (i < labels.length - 1 ? `${l}\\` : l)), '');
  if (fields.actionItems) lines.push('## Action Items', '', ...fields.actionItems, '');
  lines.push('---', '');
  if (fields.body) lines.push(fields.body.trim(), '');
  if (fields.footerStatus) lines.push('---', '', '_Decision Document Version: 1.0_\\', `_Status: ${fields.footerStatus}_`, '');
  return lines.join('\n');
}

/** A Nygard / adr-tools record: `# N. Title`, `Date:`, `## Status` with its paragraphs. */
export function nygardRecord(number: number, title: string, status: string[], date = '2016-02-12'): string {
  return [
    `# ${number}. ${title}`,
    '',
    `Date: ${date}`,
    '',
    '## Status',
    '',
    status.join('\n\n'),
    '',
    '## Context',
    '',
    'Some context.',
    '',
    '## Decision',
    '',
    'We will do it.',
    '',
    '## Consequences',
    '',
    'It is done.',
    '',
  ].join('\n');
}

/** Two Nygard records linked both ways: 2 supersedes 1 (the clean case several rules start from). */
export function supersedePair(): Record<string, string> {
  return {
    '0001-x.md': nygardRecord(1, 'Use X', ['Superseded by [2. Use Y](0002-y.md)']),
    '0002-y.md': nygardRecord(2, 'Use Y', ['Accepted', 'Supersedes [1. Use X](0001-x.md)']),
  };
}

/** A MADR 2 record with its bullet header. */
export function madr2Record(title: string, status: string, date = '2020-01-01'): string {
  return [`# ${title}`, '', `* Status: ${status}`, '* Deciders: Ana, Ben', `* Date: ${date}`, '', '## Context and Problem Statement', '', 'Why.', '', '## Decision Outcome', '', 'Chosen option: "A".', ''].join('\n');
}

/** A MADR 3/4 record with YAML front matter. */
export function madr3Record(title: string, front: Record<string, string>): string {
  const yaml = Object.entries(front).map(([k, v]) => `${k}: ${v}`);
  return ['---', ...yaml, '---', '', `# ${title}`, '', '## Context and Problem Statement', '', 'Why.', '', '## Decision Outcome', '', 'Chosen option: "A".', ''].join('\n');
}

/** An overview file (FORMAT.md §2) from table rows and open action items. */
export function overviewFile(rows: string[], actionItems: string[] = []): string {
  const lines = [
    '# Decisions',
    '',
    '## Decision Overview',
    '',
    '| Category | Topic | Decision | Date | Priority | Status | Tasks |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ];
  if (actionItems.length) lines.push('## 🎯 Action Items', '', '### 🔴 This Week (Urgent)', '', ...actionItems, '');
  lines.push('_Last Updated: 2025-08-07 | Version: 2.2_', '');
  return lines.join('\n');
}
