/**
 * "Today" as `adr` writes it into records (a new record's date, an abort's rationale heading, a
 * status change's history, the overview's footer, a fix that adds a link): one rule for every
 * command and for `adr check --fix`, so two of them run at the same moment never write two dates.
 */

/**
 * The calendar date (YYYY-MM-DD) of `now` in `timeZone` (an IANA name such as `Europe/Berlin`, the
 * value of `TZ`), or in UTC when no zone is given or the zone is unknown: the zone `TZ` names, not
 * the machine's, so CI and laptops agree by default.
 */
export function localDate(now: Date, timeZone?: string): string {
  if (timeZone) {
    try {
      // en-CA formats as YYYY-MM-DD.
      const text = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
      if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
    } catch {
      // An unknown zone (TZ=":/etc/localtime" and friends): fall back to UTC below.
    }
  }
  return now.toISOString().slice(0, 10);
}
