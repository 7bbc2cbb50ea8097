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

/**
 * The day `span` after `date` (both YYYY-MM-DD): `6m`, `2w`, `30d`, `1y` (also `6 months`, `2 weeks`),
 * for a review date (`adr new --review-in 6m`). Months and years keep the day of the month, or take
 * the month's last day when it has fewer (2026-01-31 + 1m = 2026-02-28). Null when `span` is not a
 * duration.
 */
export function addDuration(date: string, span: string): string | null {
  const m = /^\s*(\d{1,4})\s*(d|days?|w|weeks?|m|mo|months?|y|years?)\s*$/i.exec(span);
  if (!m || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const n = Number(m[1]);
  const unit = m[2][0].toLowerCase();
  const [y, mo, d] = date.split('-').map(Number);
  if (unit === 'd' || unit === 'w') return new Date(Date.UTC(y, mo - 1, d + n * (unit === 'w' ? 7 : 1))).toISOString().slice(0, 10);
  const months = mo - 1 + n * (unit === 'y' ? 12 : 1);
  const year = y + Math.floor(months / 12);
  const month = months % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}
