/** Rule `date-future`: a decision dated after today. */
import { summaryRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

// Somewhere on Earth it is already tomorrow for up to 14 hours: do not flag a record written there.
const AHEAD_MS = 14 * 60 * 60 * 1000;

/** The rule object. */
export const rule: Rule = {
  id: 'date-future',
  severity: 'warning',
  summary: 'A record is dated in the future.',
  description:
    'A decision date after today is almost always a typo (2052 for 2025, a swapped day and month) and sorts the record above everything real. The date is compared with the current day in the earliest time zone, so a record written today anywhere on Earth is never reported. A planned decision should say `TBD` until it is made.',
  fixable: false,
  examples: {
    ok: [{ files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved', date: '2025-08-06' }) } }],
    notOk: [
      {
        files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved', date: '2052-08-06' }) },
        findings: [
          { file: '2025-08-06-cache.md', line: 9, column: 1, message: 'Date 2052-08-06 is in the future (today is 2026-01-15)' },
        ],
      },
    ],
  },
  check({ log, now, today }, report) {
    const latest = new Date(now.getTime() + AHEAD_MS).toISOString().slice(0, 10);
    for (const decision of log.decisions) {
      if (!decision.date || decision.date <= latest) continue;
      report({
        file: decision.file,
        line: decision.lines.date ?? decision.lines.title ?? 1,
        message: `Date ${decision.date} is in the future (today is ${today})`,
      });
    }
  },
};
