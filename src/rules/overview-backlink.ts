/** Rule `overview-backlink`: a record without the back-link to the overview that its siblings have. */
import type { Dialect } from '../model/index.js';
import { overviewFile, summaryRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

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
    'Summary-style logs put `[🚪 ← Back to Decisions Overview](../DECISIONS.md)` next to each title so readers on GitHub can get back to the overview. The convention is learnt from the log itself: where an overview file exists and at least half (and at least two) of the records of one dialect carry the back-link, the records of that dialect without it are reported. Nygard and MADR logs, which have no such convention, are never affected.',
  fixable: false,
  examples: {
    ok: [
      { files: records(true), overview: overviewFile(ROWS) },
      { files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved', backlink: false }) }, overview: overviewFile([ROWS[0]]), note: 'the log does not use back-links' },
    ],
    notOk: [{ files: records(false), overview: overviewFile(ROWS) }],
  },
  check({ log }, report) {
    if (!log.overview) return;
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
      report({
        file: d.file,
        line: d.lines.title ?? 1,
        message: `No back-link to the overview (\`[🚪 ← Back to Decisions Overview](${log.overview.file})\`), which ${entry.with} of ${entry.total} ${d.dialect} records have`,
      });
    }
  },
};
