/** Rule `overview-dead-link`: the overview links a record file (or anchor) that does not exist. */
import type { Decision } from '../model/index.js';
import { anchorSet, normalizeAnchor } from '../lint/facts.js';
import { overviewFile, summaryRecord } from '../lint/examples.js';
import { hunkAt, hunkFix, IN_STEP, judgeOverview, overviewRecord } from '../lint/overview-table.js';
import type { Problem } from '../lint/rule.js';
import type { Rule } from '../lint/rule.js';

const CACHE = summaryRecord({ title: 'Cache', status: '✅ Approved' });
const ROW = '| 🏗️ Infra | [Cache](decisions/2025-08-06-cache.md) | Use Redis | 6.8.25 | 🟡 | **✓** | **—** |';

/** The rule object. */
export const rule: Rule = {
  id: 'overview-dead-link',
  severity: 'error',
  summary: 'The overview links a record that does not exist.',
  description:
    'A row of the overview table (or an open item in its Action Items) whose link leads nowhere: the record was renamed, moved or deleted and the overview kept the old path, or the `#anchor` of a sub-decision no longer matches a heading. Links are resolved from the overview file\'s own folder, as GitHub resolves them. In a generated (`adr:` region) overview `adr overview` takes such a row out, and `--fix` does the same; a hand-kept overview keeps its rows (fix the link by hand).',
  fixable: true,
  examples: {
    ok: [
      { files: { '2025-08-06-cache.md': CACHE }, overview: overviewFile([ROW]) },
      { files: { '2025-08-06-cache.md': CACHE }, overview: overviewFile([ROW.replace('](decisions/', '](/decisions/')]), note: 'a repository-absolute link' },
    ],
    notOk: [
      {
        files: { '2025-08-06-cache.md': CACHE },
        overview: overviewFile([ROW, ROW.replace('2025-08-06-cache.md', '2025-08-09-queue.md').replace('[Cache]', '[Queue]')]),
        findings: [
          { file: '../DECISIONS.md', line: 8, column: 1, message: 'The row "Queue" links `2025-08-09-queue.md`, which does not exist' },
        ],
      },
      {
        files: { '2025-08-06-cache.md': CACHE },
        overview: overviewFile([ROW.replace('cache.md)', 'cache.md#redis)')]),
        findings: [
          { file: '../DECISIONS.md', line: 7, column: 1, message: 'The row "Cache" links `2025-08-06-cache.md#redis`, but the record has no heading with that anchor' },
        ],
      },
      {
        files: { '2025-08-06-cache.md': CACHE },
        overview: ['# Decisions', '', '<!-- adr:begin overview -->', '## Decision Overview', '', '| Category | Topic | Decision | Date | Priority | Status | Tasks |', '|---|---|---|---|---|---|---|', ROW, ROW.replace('2025-08-06-cache.md', '2025-08-09-queue.md').replace('[Cache]', '[Queue]'), '<!-- adr:end overview -->', ''].join('\n'),
        note: 'in a generated region `adr overview` takes the row out, and so does the fix',
        findings: [
          { file: '../DECISIONS.md', line: 9, column: 1, message: 'The row "Queue" links `2025-08-09-queue.md`, which does not exist (`adr overview` or `adr check --fix` brings it in step)' },
        ],
        output: {
          '../DECISIONS.md': (['# Decisions', '', '<!-- adr:begin overview -->', '## Decision Overview', '', '| Category | Topic | Decision | Date | Priority | Status | Tasks |', '|---|---|---|---|---|---|---|', ROW, ROW.replace('2025-08-06-cache.md', '2025-08-09-queue.md').replace('[Cache]', '[Queue]'), '<!-- adr:end overview -->', ''].join('\n')).replace('| 🏗️ Infra | [Cache](decisions/2025-08-06-cache.md) | Use Redis | 6.8.25 | 🟡 | **✓** | **—** |\n| 🏗️ Infra | [Queue](decisions/2025-08-09-queue.md) | Use Redis | 6.8.25 | 🟡 | **✓** | **—** |\n', '| 🏗️ Infrastructure | [Cache](decisions/2025-08-06-cache.md) | - | 6.8.25 | 🟡 | **✓** | **—** |\n\n### Legend\n\n| Status | Has it been decided? | Tasks | Is it carried out? | Priority | Horizon |\n|---|---|---|---|---|---|\n| ❓ | Under discussion | ◯ | Not started | 🔴 | Urgent (this week) |\n| 🔄 | In progress | 📌 | Queued | 🟡 | Important (2 weeks) |\n| **✓** | Decided | 🏃 | In progress | 🟢 | Planning (month) |\n| **✗** | Abandoned or rejected | **✓** | Done | ⚪ | No deadline |\n| ⏸️ | Postponed | **✗** | Aborted | - | Not set |\n| | | **—** | Not applicable | | |\n'),
        },
      },
    ],
  },
  check(context, report) {
    const { log, byFile, exists } = context;
    const overview = log.overview;
    if (!overview) return;
    // Where `adr overview` takes the row or item out (a generated region), its change is the fix.
    const fixed = (problem: Problem): Problem => {
      const judged = judgeOverview(context);
      const hunk = judged && hunkAt(judged, problem.line ?? 1);
      return judged && hunk ? { ...problem, message: `${problem.message} (${IN_STEP})`, fix: hunkFix(judged, hunk) } : problem;
    };
    const anchors = new Map<string, Set<string>>();
    const anchorsOf = (record: Decision) => {
      let set = anchors.get(record.file);
      if (!set) anchors.set(record.file, (set = anchorSet(record.headings, record.subDecisions.map((s) => s.id))));
      return set;
    };
    const check = (target: string | null, anchor: string | null, line: number, where: string) => {
      if (!target) return;
      const record = overviewRecord(target, byFile);
      if (!record) {
        if (exists(target)) return;
        report(fixed({ file: overview.file, line, message: `${where} links \`${target}\`, which does not exist` }));
        return;
      }
      if (anchor && !anchorsOf(record).has(normalizeAnchor(anchor))) {
        report(fixed({ file: overview.file, line, message: `${where} links \`${record.file}#${anchor}\`, but the record has no heading with that anchor` }));
      }
    };
    for (const row of overview.rows) check(row.target, row.anchor, row.line, `The row "${row.topic}"`);
    for (const item of overview.actionItems) {
      if (!item.target) continue;
      const hash = item.target.indexOf('#');
      check(hash === -1 ? item.target : item.target.slice(0, hash), hash === -1 ? null : item.target.slice(hash + 1), item.line, 'The action item');
    }
  },
};
