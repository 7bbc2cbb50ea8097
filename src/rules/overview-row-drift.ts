/** Rule `overview-row-drift`: an overview row whose Status, Tasks or Priority disagrees with its record. */
import type { Decision, Status, TaskState } from '../model/index.js';
import { cellSplice } from '../edit/overview.js';
import { STATUS_ACCEPTS as STATUS_OK } from '../model/overview.js';
import { abandonedUndecided, priorityAgrees, tasksExpected } from '../parse/overview-facts.js';
import { overviewFile, summaryRecord } from '../lint/examples.js';
import { IN_STEP, OverviewTables, overviewRecord, PRIORITY_MARKER, STATUS_MARKER, styledMarker, TASK_MARKER } from '../lint/overview-table.js';
import type { Problem, Rule } from '../lint/rule.js';

/** The Status marker a fix writes: what `adr overview` generates (aborted: ✓ when it was decided, i.e. dated). */
function statusFix(record: Decision, status: Status, rowTasks: TaskState | null): Status {
  if (status !== 'aborted') return status;
  return (record.date && !abandonedUndecided(record)) || (rowTasks === 'aborted' && !abandonedUndecided(record)) ? 'accepted' : 'aborted';
}

/** A marker without its bold markup, for messages. */
const bare = (marker: string) => marker.replace(/\*\*/g, '');

const ROWS = [
  '| 🏗️ Infra | [Nix](decisions/2025-08-06-nix.md) | Use Nix | 6.8.25 | 🟡 | **✓** | **✗** |',
  '| 🏗️ Infra | [Cache](decisions/2025-08-07-cache.md) | Use Redis | 7.8.25 | 🔴 | **✓** | 🏃 |',
];
const NIX = summaryRecord({ title: 'Nix', status: '**✗** **ABORTED** - Use Makefile instead', actionItems: ['- [x] ~~Add a flake~~ **✗** **ABORTED** - Makefile instead'] });
const CACHE = summaryRecord({ title: 'Cache', status: '✅ Approved', priority: '🔴 **Urgent** (this week)', date: '2025-08-07', actionItems: ['- [x] ~~Pick Redis~~ ✅ done', '- [ ] Deploy Redis'] });

/** The rule object. */
export const rule: Rule = {
  id: 'overview-row-drift',
  severity: 'error',
  summary: 'An overview row\'s Status, Tasks or Priority disagrees with its record.',
  description:
    'The overview table (DECISIONS.md) tracks two things per decision (FORMAT.md §2): **Status**, whether the decision has been made (❓ under discussion, 🔄 in progress, **✓** decided, **✗** abandoned, ⏸️ postponed), and **Tasks**, whether it has been carried out (◯, 📌, 🏃, **✓**, **✗**, **—**). A record aborted after deciding therefore shows Status **✓** and Tasks **✗**; one abandoned before deciding shows **✗**. A row is reported when its Status contradicts the record\'s status, when its Tasks contradict the record\'s status or action items (done while items are open, not started while all are closed; still not started or queued once some are done is a warning), or when its Priority differs from the record\'s (⚪ Complete is accepted for finished records). `--fix` rewrites just that cell, in the marker style the file already uses.',
  fixable: true,
  examples: {
    ok: [{ files: { '2025-08-06-nix.md': NIX, '2025-08-07-cache.md': CACHE }, overview: overviewFile(ROWS) }],
    notOk: [
      {
        files: { '2025-08-06-nix.md': NIX, '2025-08-07-cache.md': CACHE },
        overview: overviewFile([ROWS[0].replace('| **✓** | **✗** |', '| 🔄 | 🏃 |'), ROWS[1]]),
        note: 'the record is aborted, the row still says in progress',
        findings: [
          { file: '../DECISIONS.md', line: 7, column: 76, message: 'Overview Status `🔄` for `2025-08-06-nix.md` disagrees with the record, which is aborted; expected `✓` (`adr overview` or `adr check --fix` brings it in step)' },
          { file: '../DECISIONS.md', line: 7, column: 81, message: 'Overview Tasks `🏃` for `2025-08-06-nix.md` disagrees with the record: the record is aborted; expected `✗` (`adr overview` or `adr check --fix` brings it in step)' },
        ],
        output: {
          '../DECISIONS.md': (overviewFile([ROWS[0].replace('| **✓** | **✗** |', '| 🔄 | 🏃 |'), ROWS[1]])).replace('| 🏗️ Infra | [Nix](decisions/2025-08-06-nix.md) | Use Nix | 6.8.25 | 🟡 | 🔄 | 🏃 |\n', '| 🏗️ Infra | [Nix](decisions/2025-08-06-nix.md) | Use Nix | 6.8.25 | 🟡 | **✓** | **✗** |\n'),
        },
      },
      {
        files: { '2025-08-06-nix.md': NIX, '2025-08-07-cache.md': CACHE },
        overview: overviewFile([ROWS[0], ROWS[1].replace('| 🔴 | **✓** | 🏃 |', '| 🟢 | **✓** | **✓** |')]),
        findings: [
          { file: '../DECISIONS.md', line: 8, column: 77, message: 'Overview Priority `🟢` for `2025-08-07-cache.md` disagrees with the record\'s priority urgent; expected `🔴` (`adr overview` or `adr check --fix` brings it in step)' },
          { file: '../DECISIONS.md', line: 8, column: 90, message: 'Overview Tasks `✓` for `2025-08-07-cache.md` disagrees with the record: 1 of 2 action items of the record are done; expected `🏃` (`adr overview` or `adr check --fix` brings it in step)' },
        ],
        output: {
          '../DECISIONS.md': (overviewFile([ROWS[0], ROWS[1].replace('| 🔴 | **✓** | 🏃 |', '| 🟢 | **✓** | **✓** |')])).replace('| 🏗️ Infra | [Cache](decisions/2025-08-07-cache.md) | Use Redis | 7.8.25 | 🟢 | **✓** | **✓** |\n', '| 🏗️ Infra | [Cache](decisions/2025-08-07-cache.md) | Use Redis | 7.8.25 | 🔴 | **✓** | 🏃 |\n'),
        },
      },
    ],
  },
  check({ log, byFile, source }, report) {
    const overview = log.overview;
    if (!overview) return;
    // Read and index the overview's text only when a row has drifted (for the column and the fix).
    let tables: OverviewTables | null | undefined;
    const index = () => {
      if (tables === undefined) {
        const src = source(overview.file);
        tables = src ? new OverviewTables(src.text) : null;
      }
      return tables;
    };
    for (const row of overview.rows) {
      const record = overviewRecord(row.target, byFile);
      if (!record) continue;
      const sub = row.anchor ? record.subDecisions.find((s) => s.id.toLowerCase() === row.anchor!.toLowerCase()) : undefined;
      const drift = (column: 'status' | 'tasks' | 'priority', message: string, value: string, fallback: string, mild = false) => {
        const tableIndex = index();
        const cell = tableIndex?.cells(row.line)?.get(column);
        const problem: Problem = { file: overview.file, line: row.line, message, ...(mild ? { severity: 'warning' as const } : {}) };
        if (cell && tableIndex) {
          problem.column = tableIndex.column(row.line, cell.start);
          problem.endColumn = tableIndex.column(row.line, cell.end);
          const replacement = styledMarker(tableIndex, overview.rows, column, value, fallback);
          const src = source(overview.file);
          if (replacement !== cell.text && src) {
            problem.fix = {
              description: `set ${column} of the row for \`${record.file}\` to ${replacement}`,
              edits: [{ file: overview.file, ...cellSplice(src.text, cell, replacement) }],
            };
          }
        }
        problem.message += problem.fix ? ` (${IN_STEP})` : ' (`adr overview` brings it in step)';
        report(problem);
      };

      const recordStatus = sub ? sub.status : record.status;
      const what = sub ? `sub-decision \`#${sub.id}\` of \`${record.file}\`` : `\`${record.file}\``;
      if (row.status && recordStatus && !STATUS_OK[recordStatus].includes(row.status)) {
        const fix = statusFix(record, recordStatus, row.tasks);
        drift('status', `Overview Status \`${row.statusText.trim()}\` for ${what} disagrees with the record, which is ${recordStatus}; expected \`${bare(STATUS_MARKER[fix])}\``, fix, STATUS_MARKER[fix]);
      }
      if (sub) continue;
      const tasks = tasksExpected(record, row.status && STATUS_OK[record.status ?? 'proposed']?.includes(row.status) ? row.status : null);
      if (row.tasks && tasks && !tasks.ok.includes(row.tasks)) {
        const mild = tasks.lagging?.includes(row.tasks) ?? false;
        drift('tasks', `Overview Tasks \`${row.tasksText.trim()}\` for ${what} ${mild ? 'lags behind' : 'disagrees with'} the record: ${tasks.why}; expected \`${bare(TASK_MARKER[tasks.fix])}\``, tasks.fix, TASK_MARKER[tasks.fix], mild);
      }
      if (row.priority && record.priority && !priorityAgrees(row.priority, record)) {
        drift('priority', `Overview Priority \`${row.priorityText.trim()}\` for ${what} disagrees with the record's priority ${record.priority}; expected \`${PRIORITY_MARKER[record.priority]}\``, record.priority, PRIORITY_MARKER[record.priority]);
      }
    }
  },
};
