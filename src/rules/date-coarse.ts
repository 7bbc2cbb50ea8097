/** Rule `date-coarse`: a date given only to the month, quarter or year. */
import { coarseDate } from '../parse/vocab.js';
import { nygardRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

const PRECISION = { month: 'the month', quarter: 'the quarter', year: 'the year' } as const;

/** The rule object. */
export const rule: Rule = {
  id: 'date-coarse',
  severity: 'info',
  summary: 'A record\'s date gives only the month, quarter or year.',
  description:
    'A date such as `2018-11`, `November 2018`, `Q3 2025` or `2025` is not wrong, but it names no day: the record has no date in lists, JSON (`date: null`) and the site\'s timeline, and sorts after every dated record. Said as information, so that the record is not silently left undated; write the day the decision was taken (`2018-11-14`) if it is known.',
  fixable: false,
  examples: {
    ok: [{ files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '2018-11-14') } }],
    notOk: [
      {
        files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '2018-11') },
        findings: [
          { file: '0001-record.md', line: 3, column: 1, message: 'Date `2018-11` gives only the month, so the record has no date (null in JSON, last in the timeline); write the day if it is known' },
        ],
      },
      {
        files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], 'Q3 2025') },
        findings: [
          { file: '0001-record.md', line: 3, column: 1, message: 'Date `Q3 2025` gives only the quarter, so the record has no date (null in JSON, last in the timeline); write the day if it is known' },
        ],
      },
    ],
  },
  check({ log }, report) {
    for (const decision of log.decisions) {
      const text = decision.dateText?.trim();
      const precision = text ? coarseDate(text) : null;
      if (!precision || decision.date !== null) continue;
      report({
        file: decision.file,
        line: decision.lines.date ?? decision.lines.title ?? 1,
        message: `Date \`${text}\` gives only ${PRECISION[precision]}, so the record has no date (null in JSON, last in the timeline); write the day if it is known`,
      });
    }
  },
};
