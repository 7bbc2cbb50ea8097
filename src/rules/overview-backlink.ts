/** Rule `overview-backlink`: a record without the back-link to the overview that its siblings have. */
import type { Decision, Dialect, Fix } from '../model/index.js';
import { overviewFile, summaryRecord } from '../lint/examples.js';
import { lineEnding } from '../parse/eol.js';
import { lineEndAt, lineStarts, relativeHref } from '../lint/facts.js';
import type { Rule, SourceText } from '../lint/rule.js';

/** How a sibling writes its back-link: the link text, and whether it sits above the title. */
interface BacklinkStyle {
  text: string;
  above: boolean;
}

/** Reads the back-link style from a record that has one, or null. */
function styleOf(sibling: Decision, source: SourceText | null, overviewBase: string): BacklinkStyle | null {
  if (!source) return null;
  const pattern = new RegExp(`\\[([^\\]]+)\\]\\(([^)\\s]*${overviewBase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})\\)`, 'i');
  const lines = source.text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = pattern.exec(lines[i]);
    if (m) return { text: m[1], above: sibling.lines.title !== undefined && i + 1 < sibling.lines.title };
  }
  return null;
}

/** The fix: the sibling's back-link paragraph next to this record's title, with a path from this record's folder. */
function backlinkFix(decision: Decision, source: SourceText | null, style: BacklinkStyle | null, overview: string): Fix | undefined {
  const title = decision.lines.title;
  if (!source || !style || title === undefined) return undefined;
  const { text } = source;
  const eol = lineEnding(text);
  const starts = lineStarts(text);
  const link = `[${style.text}](${relativeHref(decision.file, overview)})`;
  const edit = style.above
    ? { file: decision.file, start: starts[title - 1], end: starts[title - 1], text: `${link}${eol}${eol}` }
    : { file: decision.file, start: lineEndAt(text, starts, title), end: lineEndAt(text, starts, title), text: `${eol}${eol}${link}` };
  return { description: `add the back-link ${link}`, edits: [edit] };
}

const ROWS = [
  '| 🏗️ Infra | [Cache](decisions/2025-08-06-cache.md) | Use Redis | 6.8.25 | 🟡 | **✓** | **—** |',
  '| 🏗️ Infra | [Queue](decisions/2025-08-07-queue.md) | Use SQS | 7.8.25 | 🟡 | **✓** | **—** |',
  '| 🏗️ Infra | [Logs](decisions/2025-08-08-logs.md) | Use Loki | 8.8.25 | 🟡 | **✓** | **—** |',
];
const records = (backlinkOnLogs: boolean) => ({
  '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved' }),
  '2025-08-07-queue.md': summaryRecord({ title: 'Queue', status: '✅ Approved', date: '2025-08-07' }),
  '2025-08-08-logs.md': summaryRecord({ title: 'Logs', status: '✅ Approved', date: '2025-08-08', backlink: backlinkOnLogs }),
});

/** The rule object. */
export const rule: Rule = {
  id: 'overview-backlink',
  severity: 'warning',
  summary: 'A record lacks the back-link to the overview that the log uses.',
  description:
    'Summary-style logs put `[🚪 ← Back to Decisions Overview](../DECISIONS.md)` next to each title so readers on GitHub can get back to the overview. The convention is learnt from the log itself: where an overview file exists and at least half (and at least two) of the records of one dialect carry the back-link, the records of that dialect without it are reported. Nygard and MADR logs, which have no such convention, are never affected. `--fix` adds the back-link the other records use (same text, same place above or below the title, the path from this record\'s folder).',
  fixable: true,
  examples: {
    ok: [
      { files: records(true), overview: overviewFile(ROWS) },
      { files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved', backlink: false }) }, overview: overviewFile([ROWS[0]]), note: 'the log does not use back-links' },
    ],
    notOk: [
      {
        files: records(false),
        overview: overviewFile(ROWS),
        findings: [
          { file: '2025-08-08-logs.md', line: 1, column: 1, message: 'No back-link to the overview (`[🚪 ← Back to Decisions Overview](../DECISIONS.md)`), which 2 of 3 summary records have' },
        ],
        output: {
          '2025-08-08-logs.md': '# Logs\n\n[🚪 ← Back to Decisions Overview](../DECISIONS.md)\n\n## Decision Summary\n\n**Status**: ✅ Approved\\\n**Priority**: 🟡 **Important** (2 weeks)\\\n**Date**: 2025-08-08\\\n**Category**: 🏗️ Infrastructure\n\n---\n',
        },
      },
    ],
  },
  check({ log, source }, report) {
    if (!log.overview) return;
    const overviewBase = log.overview.file.split('/').pop() ?? 'DECISIONS.md';
    const styles = new Map<Dialect, BacklinkStyle | null>();
    const byDialect = new Map<Dialect, { with: number; total: number }>();
    for (const d of log.decisions) {
      const entry = byDialect.get(d.dialect) ?? { with: 0, total: 0 };
      entry.total++;
      if (d.overviewLink) entry.with++;
      byDialect.set(d.dialect, entry);
    }
    for (const d of log.decisions) {
      const entry = byDialect.get(d.dialect)!;
      if (d.overviewLink || entry.with < 2 || entry.with * 2 < entry.total) continue;
      if (!styles.has(d.dialect)) {
        const sibling = log.decisions.find((o) => o.dialect === d.dialect && o.overviewLink);
        styles.set(d.dialect, sibling ? styleOf(sibling, source(sibling.file), overviewBase) : null);
      }
      const fix = backlinkFix(d, source(d.file), styles.get(d.dialect) ?? null, log.overview.file);
      report({
        ...(fix ? { fix } : {}),
        file: d.file,
        line: d.lines.title ?? 1,
        message: `No back-link to the overview (\`[🚪 ← Back to Decisions Overview](${log.overview.file})\`), which ${entry.with} of ${entry.total} ${d.dialect} records have`,
      });
    }
  },
};
