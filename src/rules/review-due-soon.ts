/** Rule `review-due-soon`: a decision whose review date is near. */
import { nygardRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';
import { REVIEW_SOON_DAYS, reviewState } from '../model/review.js';

/** The rule object. */
export const rule: Rule = {
  id: 'review-due-soon',
  severity: 'info',
  summary: `A decision's review date is within ${REVIEW_SOON_DAYS} days.`,
  description: `A heads-up before \`review-overdue\`: the record's review date (see that rule for where it is written) falls today or within the next ${REVIEW_SOON_DAYS} days, so the review can be planned. Always info unless the config raises it; kept apart from \`review-overdue\` so a team can enforce overdue reviews without failing on the ones merely coming up. Settled records (superseded, deprecated, rejected, aborted) are never reported.`,
  fixable: false,
  examples: {
    ok: [{ files: { '0001-x.md': nygardRecord(1, 'Use X', ['Accepted', 'Review by: 2026-06-01']) } }],
    notOk: [
      {
        files: { '0001-x.md': nygardRecord(1, 'Use X', ['Accepted', 'Review by: 2026-02-01']) },
        findings: [{ file: '0001-x.md', line: 9, column: 1, message: 'Review is due on 2026-02-01, in 17 days' }],
      },
    ],
  },
  check({ log, today }, report) {
    for (const decision of log.decisions) {
      const review = reviewState(decision, today);
      if (review?.state !== 'due-soon') continue;
      report({
        file: decision.file,
        line: decision.lines.review ?? decision.lines.title ?? 1,
        message: review.days === 0 ? `Review is due today (${review.date})` : `Review is due on ${review.date}, in ${review.days} day${review.days === 1 ? '' : 's'}`,
      });
    }
  },
};
