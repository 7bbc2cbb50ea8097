/** Rule `date-invalid`: a date that cannot be read or cannot exist. */
import { coarseDate, parseDate } from '../parse/vocab.js';
import { isUndecidedDateText } from '../lint/facts.js';
import { nygardRecord, summaryRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

/** The rule object. */
export const rule: Rule = {
  id: 'date-invalid',
  severity: 'error',
  summary: 'A record\'s date is malformed or impossible.',
  description:
    'The decision date orders the log, fills the overview\'s Date column and the site\'s timeline. A date that is not a date (`2025-13-01`, `2025-02-30`, `next week`) silently drops the record out of all three. Dates are read as people write them (`2025-08-06`, `2025/08/06`, `6.8.25`, `August 6, 2025`); `TBD` and its friends mean "not decided yet" and are not reported here (see `date-tbd-decided`), nor are dates given only to the month, quarter or year (`2025-08`, `August 2025`, `Q3 2025`: see `date-coarse`). A note after the date (`2018-08-30; updated 2019-04-09`) and brackets around it (`[2022-10-05]`) are read past, and front-matter dates are read as written, not as the YAML engine rolls them over (`2026-02-30` is not 2026-03-02).',
  fixable: false,
  examples: {
    ok: [
      { files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '❓ Under Discussion', date: 'TBD' }) } },
      { files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '2016-02-29') } },
      { files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], 'August 2016') }, note: 'a month is coarse, not wrong' },
      { files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '2018-08-30; updated 2019-04-09') }, note: 'a note after the date' },
    ],
    notOk: [
      {
        files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved', date: '2025-02-30' }) },
        findings: [
          { file: '2025-08-06-cache.md', line: 9, column: 1, message: 'Invalid date `2025-02-30`, expected a real calendar date such as 2025-08-06 (or TBD while undecided)' },
        ],
      },
      {
        files: { '0001-x.md': '---\nstatus: accepted\ndate: 2026-02-30\n---\n\n# Use X\n\n## Context and Problem Statement\n\nWhy.\n' },
        note: 'YAML would roll the date over into March',
        findings: [
          { file: '0001-x.md', line: 3, column: 1, message: 'Invalid date `2026-02-30`, expected a real calendar date such as 2025-08-06 (or TBD while undecided)' },
        ],
      },
      {
        files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], 'sometime in May') },
        findings: [
          { file: '0001-record.md', line: 3, column: 1, message: 'Invalid date `sometime in May`, expected a real calendar date such as 2025-08-06 (or TBD while undecided)' },
        ],
      },
      {
        files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '2016-13') },
        findings: [
          { file: '0001-record.md', line: 3, column: 1, message: 'Invalid date `2016-13`, expected a real calendar date such as 2025-08-06 (or TBD while undecided)' },
        ],
      },
    ],
  },
  check({ log }, report) {
    for (const decision of log.decisions) {
      const text = decision.dateText?.trim();
      if (!text || isUndecidedDateText(text) || coarseDate(text)) continue;
      if (decision.date !== null && parseDate(decision.date).valid) continue;
      const parsed = parseDate(text);
      if (parsed.valid && parsed.date) continue;
      report({
        file: decision.file,
        line: decision.lines.date ?? decision.lines.title ?? 1,
        message: `Invalid date \`${text}\`, expected a real calendar date such as 2025-08-06 (or TBD while undecided)`,
      });
    }
  },
};
