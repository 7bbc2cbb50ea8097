/** Rule `date-order`: a date whose day and month read either way, and which reading was taken. */
import { ambiguousDate, logDateOrder } from '../parse/vocab.js';
import { nygardRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

/** The rule object. */
export const rule: Rule = {
  id: 'date-order',
  severity: 'info',
  summary: 'A record\'s date has a day and month that read either way; says which reading was taken.',
  description:
    'A date whose day and month can be read either way (`09/02/2021`: 9 February or 2 September) is read in the order the log\'s other dates use where only one order reads them (`21/02/2017` somewhere in the log makes the log day first, `02/21/2017` month first), day first when nothing in the log says (adr-tools wrote `dd/mm/yyyy` before it moved to ISO 8601). That reading is reported as information, so that it is never a silent guess: the date orders the timeline, the overview and the site. Writing ISO 8601 (`2021-02-09`) says it once for everyone. A date no order makes real (`2023-13-10`, an ISO date with day and month swapped) is no date: `date-invalid` reports it and offers the swapped reading as the likely fix.',
  fixable: false,
  examples: {
    ok: [
      { files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '2021-02-09') } },
      { files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '21/02/2017') }, note: 'only one order makes a date' },
      { files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '12.06.2020') }, note: 'dotted dates are day first' },
      { files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '05/05/2020') }, note: 'the same number twice reads one way' },
    ],
    notOk: [
      {
        files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '09/02/2021') },
        note: 'nothing in the log says: day first',
        findings: [
          {
            file: '0001-record.md',
            line: 3,
            column: 1,
            message: 'Date `09/02/2021` reads as 2021-02-09 (day first) or 2021-09-02 (month first); read as 2021-02-09, day first: no other date of the log says which; write 2021-02-09 to say which',
          },
        ],
      },
      {
        files: {
          '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '02/21/2021'),
          '0002-use-postgres.md': nygardRecord(2, 'Use Postgres', ['Accepted'], '09/02/2021'),
        },
        note: 'the log writes the month first',
        findings: [
          {
            file: '0002-use-postgres.md',
            line: 3,
            column: 1,
            message: 'Date `09/02/2021` reads as 2021-02-09 (day first) or 2021-09-02 (month first); read as 2021-09-02, as the log\'s other dates write the month first; write 2021-09-02 to say which',
          },
        ],
      },
    ],
  },
  check({ log }, report) {
    let order: ReturnType<typeof logDateOrder> | undefined;
    for (const decision of log.decisions) {
      const text = decision.dateText?.trim();
      const reading = text ? ambiguousDate(text) : null;
      if (!reading || !text || decision.date === null) continue;
      if (decision.date !== reading.dayFirst && decision.date !== reading.monthFirst) continue;
      const line = decision.lines.date ?? decision.lines.title ?? 1;
      order ??= logDateOrder(log.decisions.map((d) => d.dateText));
      const dayFirst = decision.date === reading.dayFirst;
      const why = order ? `as the log's other dates write the ${order === 'day-first' ? 'day' : 'month'} first` : 'day first: no other date of the log says which';
      report({
        file: decision.file,
        line,
        message: `Date \`${text}\` reads as ${reading.dayFirst} (day first) or ${reading.monthFirst} (month first); read as ${dayFirst ? reading.dayFirst : reading.monthFirst}, ${why}; write ${decision.date} to say which`,
      });
    }
  },
};
