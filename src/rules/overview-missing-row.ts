/** Rule `overview-missing-row`: a record with no row in the overview table. */
import { overviewFile, summaryRecord } from '../lint/examples.js';
import { overviewRecord } from '../lint/overview-table.js';
import type { Rule } from '../lint/rule.js';

const CACHE = summaryRecord({ title: 'Cache', status: '✅ Approved' });
const ROW = '| 🏗️ Infra | [Cache](decisions/2025-08-06-cache.md) | Use Redis | 6.8.25 | 🟡 | **✓** | **—** |';

/** The rule object. */
export const rule: Rule = {
  id: 'overview-missing-row',
  severity: 'warning',
  summary: 'A record has no row in the overview table.',
  description:
    'Where the log keeps an overview file (DECISIONS.md) with a Decision Overview table, every record should have a row there, linked from the Topic column; a record without one is invisible to anyone who starts from the overview. Rows linking `file.md#anchor` (sub-decisions) count for their file. Logs without an overview file, or whose overview has no decision table, are not checked, nor are files in no known dialect. `adr overview` adds the missing rows.',
  fixable: false,
  examples: {
    ok: [
      { files: { '2025-08-06-cache.md': CACHE }, overview: overviewFile([ROW]) },
      { files: { '2025-08-06-cache.md': CACHE }, note: 'no overview file: nothing to check' },
    ],
    notOk: [{ files: { '2025-08-06-cache.md': CACHE, '2025-08-07-queue.md': summaryRecord({ title: 'Queue', status: '✅ Approved', date: '2025-08-07' }) }, overview: overviewFile([ROW]) }],
  },
  check({ log, byFile }, report) {
    const overview = log.overview;
    if (!overview || overview.rows.length === 0) return;
    const listed = new Set(overview.rows.map((row) => overviewRecord(row.target, byFile)?.file).filter(Boolean));
    const last = overview.rows[overview.rows.length - 1].line;
    for (const decision of log.decisions) {
      // A markdown file in no known dialect (notes, a glossary) is not asked to be listed.
      if (listed.has(decision.file) || decision.dialect === 'unknown') continue;
      report({
        file: overview.file,
        line: last,
        message: `No row for \`${decision.file}\` (${decision.title}) in the overview table; run \`adr overview\` or add one`,
        related: [{ file: decision.file, line: decision.lines.title ?? 1, message: 'the record without a row' }],
      });
    }
  },
};
