/** Rule `overview-row-date`: an overview row whose Date disagrees with its record's date. */
import { overviewFile, summaryRecord } from '../lint/examples.js';
import { hunkAt, hunkFix, IN_STEP, judgeOverview, OverviewTables, overviewRecord } from '../lint/overview-table.js';
import type { Rule } from '../lint/rule.js';
import { isUndecidedDateText } from '../lint/facts.js';

const CACHE = summaryRecord({ title: 'Cache', status: '✅ Approved', date: '2025-08-07' });
const row = (date: string) => `| 🏗️ Infra | [Cache](decisions/2025-08-07-cache.md) | Redis | ${date} | 🟡 | **✓** | **—** |`;

/** `2025-08-07` → `7.8.25`, the overview's own date style (FORMAT.md §2). */
function shortDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}.${Number(m)}.${y.slice(-2)}`;
}

/** The rule object. */
export const rule: Rule = {
  id: 'overview-row-date',
  severity: 'warning',
  summary: 'An overview row\'s Date disagrees with its record.',
  description:
    'The overview\'s Date column (`D.M.YY`, or `-` while undecided) repeats the record\'s decision date, so the table can be sorted and scanned by time. A row is reported when it shows a different day than the record, or a date for a record whose date is still TBD (an unreadable or month-only date is left to date-invalid and date-coarse); a row showing `-` for a dated record is not reported (the overview may simply not track it yet). Dates are compared as days, whatever their written form. `--fix` writes the date `adr overview` would write.',
  fixable: true,
  examples: {
    ok: [
      { files: { '2025-08-07-cache.md': CACHE }, overview: overviewFile([row('7.8.25')]) },
      { files: { '2025-08-07-cache.md': CACHE }, overview: overviewFile([row('2025-08-07')]) },
      { files: { '2025-08-07-cache.md': CACHE }, overview: overviewFile([row('-')]) },
    ],
    notOk: [
      {
        files: { '2025-08-07-cache.md': CACHE },
        overview: overviewFile([row('6.8.25')]),
        findings: [
          { file: '../DECISIONS.md', line: 7, column: 64, message: 'Overview Date 6.8.25 for `2025-08-07-cache.md` disagrees with the record\'s date 2025-08-07; expected 7.8.25 (`adr overview` or `adr check --fix` brings it in step)' },
        ],
        output: {
          '../DECISIONS.md': (overviewFile([row('6.8.25')])).replace('| 🏗️ Infra | [Cache](decisions/2025-08-07-cache.md) | Redis | 6.8.25 | 🟡 | **✓** | **—** |\n', '| 🏗️ Infra | [Cache](decisions/2025-08-07-cache.md) | Redis | 7.8.25 | 🟡 | **✓** | **—** |\n'),
        },
      },
      {
        files: { '2025-08-07-cache.md': summaryRecord({ title: 'Cache', status: '❓ Under Discussion', date: 'TBD' }) },
        overview: overviewFile([row('7.8.25')]),
        findings: [
          { file: '../DECISIONS.md', line: 7, column: 64, message: 'Overview Date 7.8.25 for `2025-08-07-cache.md`, but the record\'s date is `TBD` (`adr overview` or `adr check --fix` brings it in step)' },
        ],
        output: {
          '../DECISIONS.md': (overviewFile([row('7.8.25')])).replace('| 🏗️ Infra | [Cache](decisions/2025-08-07-cache.md) | Redis | 7.8.25 | 🟡 | **✓** | **—** |\n', '| 🏗️ Infra | [Cache](decisions/2025-08-07-cache.md) | Redis | - | 🟡 | ❓ | **—** |\n'),
        },
      },
    ],
  },
  check(context, report) {
    const { log, byFile, source } = context;
    const overview = log.overview;
    if (!overview) return;
    let tables: OverviewTables | null | undefined;
    for (const row of overview.rows) {
      const record = overviewRecord(row.target, byFile);
      if (!record || row.date === null) continue;
      // Only a day or an explicit TBD is compared: a record that gives no date, or one the parser cannot
      // read (date-invalid, date-coarse report those), says nothing about the row.
      if (record.date === row.date || (record.date === null && !(record.dateText && isUndecidedDateText(record.dateText)))) continue;
      if (tables === undefined) {
        const src = source(overview.file);
        tables = src ? new OverviewTables(src.text) : null;
      }
      const cell = tables?.cells(row.line)?.get('date');
      const judged = judgeOverview(context);
      const hunk = judged && hunkAt(judged, row.line);
      const message =
        record.date
          ? `Overview Date ${shortDate(row.date)} for \`${record.file}\` disagrees with the record's date ${record.date}; expected ${shortDate(record.date)}`
          : `Overview Date ${shortDate(row.date)} for \`${record.file}\`, but the record's date is \`${record.dateText}\``;
      report({
        file: overview.file,
        line: row.line,
        ...(cell && tables ? { column: tables.column(row.line, cell.start), endColumn: tables.column(row.line, cell.end) } : {}),
        message: judged && hunk ? `${message} (${IN_STEP})` : message,
        ...(judged && hunk ? { fix: hunkFix(judged, hunk) } : {}),
      });
    }
  },
};
