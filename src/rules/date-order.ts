/** Rule `date-order`: a date whose day and month are in an order the reader has to guess. */
import { dateReading, logDateOrder } from '../parse/vocab.js';
import { nygardRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

/** The rule object. */
export const rule: Rule = {
  id: 'date-order',
  severity: 'warning',
  summary: 'A record\'s date puts the day and month in an unusual or ambiguous order.',
  description:
    'A date written year, day, month (`2023-13-10`, where 13 cannot be a month) is read as the only date it can be (2023-10-13) and reported as a warning: anyone else reading the file, and every tool that sorts by date, takes it for an impossible ISO date. A date whose day and month can be read either way (`09/02/2021`: 9 February or 2 September) is read in the order the log\'s other dates use where only one order reads them (`21/02/2017` somewhere in the log makes the log day first, `02/21/2017` month first), day first when nothing in the log says; that reading is reported as information, so that it is never a silent guess. Writing ISO 8601 (`2021-02-09`) says it once for everyone.',
  fixable: false,
  examples: {
    ok: [
      { files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '2021-02-09') } },
      { files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '21/02/2017') }, note: 'only one order makes a date' },
      { files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '12.06.2020') }, note: 'dotted dates are day first' },
    ],
    notOk: [
      { files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '2023-13-10') }, note: 'year, day, month' },
      { files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted'], '09/02/2021') }, note: 'day or month first: information' },
    ],
  },
  check({ log }, report) {
    let order: ReturnType<typeof logDateOrder> | undefined;
    for (const decision of log.decisions) {
      const text = decision.dateText?.trim();
      const reading = text ? dateReading(text) : null;
      if (!reading || !text || decision.date === null) continue;
      const line = decision.lines.date ?? decision.lines.title ?? 1;
      if (reading.kind === 'year-day-month') {
        if (decision.date !== reading.date) continue;
        report({ file: decision.file, line, message: `Date \`${text}\` is written year, day, month; read as ${reading.date}, which is how to write it` });
        continue;
      }
      if (decision.date !== reading.dayFirst && decision.date !== reading.monthFirst) continue;
      order ??= logDateOrder(log.decisions.map((d) => d.dateText));
      const dayFirst = decision.date === reading.dayFirst;
      const why = order ? `as the log's other dates write the ${order === 'day-first' ? 'day' : 'month'} first` : 'day first: no other date of the log says which';
      report({
        file: decision.file,
        line,
        severity: 'info',
        message: `Date \`${text}\` reads as ${reading.dayFirst} (day first) or ${reading.monthFirst} (month first); read as ${dayFirst ? reading.dayFirst : reading.monthFirst}, ${why}; write ${decision.date} to say which`,
      });
    }
  },
};
