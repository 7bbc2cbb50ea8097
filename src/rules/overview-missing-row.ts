/** Rule `overview-missing-row`: a record with no row in the overview table. */
import { resolve } from 'node:path';
import { overviewRows } from '../edit/overview.js';
import { overviewFile, summaryRecord } from '../lint/examples.js';
import { lineEnding } from '../parse/eol.js';
import { OverviewTables, overviewRecord } from '../lint/overview-table.js';
import type { Rule } from '../lint/rule.js';
import { logPrefix } from '../store/sync-overview.js';

// The columns of the table `adr overview` writes (FORMAT.md §2); a row is only added to a table of this shape.
const STANDARD = ['category', 'topic', 'decision', 'date', 'priority', 'status', 'tasks'];

const CACHE = summaryRecord({ title: 'Cache', status: '✅ Approved' });
const ROW = '| 🏗️ Infra | [Cache](decisions/2025-08-06-cache.md) | Use Redis | 6.8.25 | 🟡 | **✓** | **—** |';

/** The rule object. */
export const rule: Rule = {
  id: 'overview-missing-row',
  severity: 'warning',
  summary: 'A record has no row in the overview table.',
  description:
    'Where the log keeps an overview file (DECISIONS.md) with a Decision Overview table, every record should have a row there, linked from the Topic column; a record without one is invisible to anyone who starts from the overview. Rows linking `file.md#anchor` (sub-decisions) count for their file. Logs without an overview file, or whose overview has no decision table, are not checked, nor are files in no known dialect. `--fix` appends the row `adr new` would add (one per sub-decision) at the end of the table, when the table has the standard columns.',
  fixable: true,
  examples: {
    ok: [
      { files: { '2025-08-06-cache.md': CACHE }, overview: overviewFile([ROW]) },
      { files: { '2025-08-06-cache.md': CACHE }, note: 'no overview file: nothing to check' },
    ],
    notOk: [
      {
        files: { '2025-08-06-cache.md': CACHE, '2025-08-07-queue.md': summaryRecord({ title: 'Queue', status: '✅ Approved', date: '2025-08-07' }) },
        overview: overviewFile([ROW]),
        findings: [
          { file: '../DECISIONS.md', line: 7, column: 1, message: 'No row for `2025-08-07-queue.md` (Queue) in the overview table (`adr overview` or `adr check --fix` adds it)' },
        ],
        output: {
          '../DECISIONS.md': (overviewFile([ROW])).replace('| 🏗️ Infra | [Cache](decisions/2025-08-06-cache.md) | Use Redis | 6.8.25 | 🟡 | **✓** | **—** |\n\n', '| 🏗️ Infra | [Cache](decisions/2025-08-06-cache.md) | Use Redis | 6.8.25 | 🟡 | **✓** | **—** |\n| 🏗️ Infrastructure | [Queue](decisions/2025-08-07-queue.md) | - | 7.8.25 | 🟡 | **✓** | **—** |\n\n'),
        },
      },
    ],
  },
  check({ log, byFile, source }, report) {
    const overview = log.overview;
    if (!overview || overview.rows.length === 0) return;
    const listed = new Set(overview.rows.map((row) => overviewRecord(row.target, byFile)?.file).filter(Boolean));
    const last = overview.rows[overview.rows.length - 1].line;
    // The fix needs the overview's text, a table of the standard shape, and the log's path from the overview.
    let insert: { at: number; eol: string; prefix: string } | null | undefined;
    const place = () => {
      if (insert !== undefined) return insert;
      const src = source(overview.file);
      const tables = src ? new OverviewTables(src.text) : null;
      const header = tables?.header(last);
      insert =
        src && tables && header && header.join('|') === STANDARD.join('|')
          ? {
              at: tables.lineEnd(last),
              eol: lineEnding(src.text),
              prefix: logPrefix(log.dir, resolve(log.dir, overview.file)),
            }
          : null;
      return insert;
    };
    for (const decision of log.decisions) {
      // A markdown file in no known dialect (notes, a glossary) is not asked to be listed.
      if (listed.has(decision.file) || decision.dialect === 'unknown') continue;
      const where = place();
      const rows = where ? overviewRows(decision, where.prefix) : [];
      report({
        file: overview.file,
        line: last,
        message: `No row for \`${decision.file}\` (${decision.title}) in the overview table (\`adr overview\`${where && rows.length ? ' or `adr check --fix`' : ''} adds it)`,
        related: [{ file: decision.file, line: decision.lines.title ?? 1, message: 'the record without a row' }],
        ...(where && rows.length
          ? { fix: { description: `add the row for \`${decision.file}\``, edits: [{ file: overview.file, start: where.at, end: where.at, text: rows.map((r) => `${where.eol}${r}`).join('') }] } }
          : {}),
      });
    }
  },
};
