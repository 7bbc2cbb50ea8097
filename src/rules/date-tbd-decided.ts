/** Rule `date-tbd-decided`: a decided record whose date is still TBD. */
import { isUndecidedDateText } from '../lint/facts.js';
import { summaryRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

// States that are only reached by deciding; an aborted or postponed record may never have been decided.
const DECIDED = new Set(['accepted', 'deprecated', 'superseded']);

/** The rule object. */
export const rule: Rule = {
  id: 'date-tbd-decided',
  severity: 'warning',
  summary: 'A decided record still has its date as TBD.',
  description:
    '`**Date**: TBD` is right while a decision is under discussion; once it is accepted the date it was made belongs there, or the overview and the timeline cannot place it. Reported for accepted, deprecated and superseded records whose date reads TBD (or pending, n/a, -, ?); aborted, rejected and postponed records may never have been decided and are left alone.',
  fixable: false,
  examples: {
    ok: [
      { files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '❓ Under Discussion', date: 'TBD' }) } },
      { files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved', date: '2025-08-06' }) } },
    ],
    notOk: [
      {
        files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved', date: 'TBD' }) },
        findings: [
          { file: '2025-08-06-cache.md', line: 9, column: 1, message: 'Date is `TBD` but the record is accepted; write the date the decision was made' },
        ],
      },
    ],
  },
  check({ log }, report) {
    for (const decision of log.decisions) {
      if (!decision.status || !DECIDED.has(decision.status)) continue;
      const text = decision.dateText?.trim();
      if (!text || !isUndecidedDateText(text)) continue;
      report({
        file: decision.file,
        line: decision.lines.date ?? decision.lines.title ?? 1,
        message: `Date is \`${text}\` but the record is ${decision.status}; write the date the decision was made`,
      });
    }
  },
};
