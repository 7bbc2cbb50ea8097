/** Rule `review-overdue`: a decision whose review date has passed. */
import { madr3Record, nygardRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';
import { reviewState } from '../model/review.js';

/** The rule object. */
export const rule: Rule = {
  id: 'review-overdue',
  severity: 'info',
  summary: 'A decision\'s review date has passed.',
  description:
    'A record may say when the team means to look at it again (`review-by:` in front matter, `**Review by**:` or the footer\'s `Next Review:` in the summary format, `Review by:` under a Nygard status). Once that day is over the decision is reported until someone reviews it and sets a new date, or supersedes or deprecates it. Info by default, so a log that was clean yesterday does not fail `--max-warnings 0` because the calendar moved; a team that wants reviews enforced raises it (`"rules": { "review-overdue": "warning" }`). Superseded, deprecated, rejected and aborted records are not reviewed and never reported. `adr todo` lists the reviews due.',
  fixable: false,
  examples: {
    ok: [
      { files: { '0001-x.md': nygardRecord(1, 'Use X', ['Accepted', 'Review by: 2027-01-01']) } },
      { files: { '0002-y.md': nygardRecord(2, 'Use Y', ['Superseded by [3. Use Z](0003-z.md)', 'Review by: 2025-01-01']), '0003-z.md': nygardRecord(3, 'Use Z', ['Accepted', 'Supersedes [2. Use Y](0002-y.md)']) }, note: 'a superseded record is not reviewed' },
    ],
    notOk: [
      {
        files: { '0001-x.md': nygardRecord(1, 'Use X', ['Accepted', 'Review by: 2025-06-01']) },
        findings: [{ file: '0001-x.md', line: 9, column: 1, message: 'Review was due on 2025-06-01 (228 days ago): review the decision and set a new review date, or supersede or deprecate it' }],
      },
      {
        files: { '0001-use-x.md': madr3Record('Use X', { status: 'accepted', date: '2024-01-01', 'review-by': '2025-12-31' }) },
        findings: [{ file: '0001-use-x.md', line: 4, column: 1, message: 'Review was due on 2025-12-31 (15 days ago): review the decision and set a new review date, or supersede or deprecate it' }],
      },
    ],
  },
  check({ log, today }, report) {
    for (const decision of log.decisions) {
      const review = reviewState(decision, today);
      if (review?.state !== 'overdue') continue;
      const ago = -review.days;
      report({
        file: decision.file,
        line: decision.lines.review ?? decision.lines.title ?? 1,
        message: `Review was due on ${review.date} (${ago} day${ago === 1 ? '' : 's'} ago): review the decision and set a new review date, or supersede or deprecate it`,
      });
    }
  },
};
