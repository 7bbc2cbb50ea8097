/**
 * Dates a record cannot order on its own: `09/02/2021` is 9 February to one team and 2 September to
 * another. The parser reads such a date day first; the log reader, which sees every record, reads
 * the log's ambiguous dates in the order its other dates use where only one order reads them
 * (`02/21/2017` somewhere in the log makes it a month-first log).
 */
import type { Decision } from '../model/index.js';
import { ambiguousDate, logDateOrder } from '../parse/vocab.js';

// A day and a month, in some order, before a four-digit year: the only shape that can be ambiguous.
const MAYBE_AMBIGUOUS = /\d{1,2}[/-]\d{1,2}[/-]\d{4}/;

/**
 * Sets the date of every record of `decisions` whose date text is ambiguous to the reading the dates
 * of `among` (the whole log; a record read fresh for an edit is judged by the log it belongs to)
 * support, day first without evidence.
 */
export function resolveDateOrder(decisions: Decision[], among: Decision[] = decisions): void {
  if (!decisions.some((d) => d.dateText && MAYBE_AMBIGUOUS.test(d.dateText))) return;
  const order = logDateOrder(among.map((d) => d.dateText));
  for (const d of decisions) {
    const reading = ambiguousDate(d.dateText);
    if (!reading || (d.date !== reading.dayFirst && d.date !== reading.monthFirst)) continue;
    d.date = order === 'month-first' ? reading.monthFirst : reading.dayFirst;
  }
}
