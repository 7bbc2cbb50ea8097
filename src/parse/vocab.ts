/**
 * The vocabularies of FORMAT.md: status, priority, category words and dates as people
 * write them, mapped to the canonical words `adr list --json` reports.
 *
 * Matching works on plain text (markdown already stripped) in any case, with or without
 * the emoji, and ignores a trailing ` - reason` or parenthesised note.
 */
import type { Priority, Status } from '../model/index.js';

/** Ordered: the first pattern that matches the start of the words wins. */
const STATUS_WORDS: Array<[RegExp, Status]> = [
  [/^(superseded|superceded|replaced)\b/, 'superseded'],
  [/^(aborted|abandoned|withdrawn|cancell?ed)\b/, 'aborted'],
  [/^(rejected|declined|refused|decided against|not adopted|won'?t do)\b/, 'rejected'],
  [/^(deprecated|obsolete|retired)\b/, 'deprecated'],
  [/^(postponed|on[ -]hold|deferred|paused|parked)\b/, 'postponed'],
  [/^(accepted|approved|decided|agreed|adopted|done|implemented|complete|completed|final|finali[sz]ed|confirmed|active)\b/, 'accepted'],
  [/^(draft|wip|work in progress)\b/, 'draft'],
  [
    /^(proposed|proposal|under (discussion|review|consideration)|in (progress|discussion|review)|open|pending|new|suggested|discussing|undecided|tbd)\b/,
    'proposed',
  ],
];

/** Markers that carry a status on their own (`**✗**` with no word). */
const STATUS_MARKERS: Array<[RegExp, Status]> = [
  [/^(✗|❌|✖|⛔)/u, 'aborted'],
  [/^(✅|✓|✔|🟢)/u, 'accepted'],
  [/^(⏸️?|⏸)/u, 'postponed'],
  [/^(❓|🔄|🤔)/u, 'proposed'],
];

// Emoji, pictographs, variation selectors and the check/cross marks people put before words.
const LEADING_SYMBOLS = /^[\s\p{Extended_Pictographic}\p{Emoji_Component}\u2000-\u2BFF\uFE0F\u200D*_~`[\]():|.,-]+/u;

/** Lower-cased words of a value with leading emoji and markdown punctuation removed. */
function words(text: string): string {
  // A leading date (`2020-02-01 Accepted`, a status history entry) is not part of the status.
  return text
    .replace(LEADING_SYMBOLS, '')
    .replace(/^\d{4}-\d{2}-\d{2}[\s:,.\-–—]*/, '')
    .replace(LEADING_SYMBOLS, '')
    .trim()
    .toLowerCase();
}

/**
 * The canonical status a text names, or null.
 * `**✗** **ABORTED** - reason` → aborted; `Superseded by [3. X](0003-x.md)` → superseded.
 */
export function canonicalStatus(text: string | null | undefined): Status | null {
  if (!text) return null;
  const trimmed = text.trim();
  const w = words(trimmed);
  if (w) {
    for (const [pattern, status] of STATUS_WORDS) if (pattern.test(w)) return status;
  }
  // A bare marker (`✅`, `**✗**`) with no recognised word still says what it means.
  const bare = trimmed.replace(/^[\s*_~`]+/, '');
  for (const [pattern, status] of STATUS_MARKERS) if (pattern.test(bare)) return status;
  return null;
}

const PRIORITY_WORDS: Array<[RegExp, Priority]> = [
  [/^(urgent|critical|high|this week|p0|p1|asap)\b/, 'urgent'],
  [/^(important|medium|normal|next 2 weeks|2 weeks|two weeks|p2)\b/, 'important'],
  [/^(planning|low|this month|month|p3|later|nice to have)\b/, 'planning'],
  [/^(complete|completed|done|none|no deadline|n\/a|not applicable|-|—)$/, 'none'],
  [/^(complete|completed|no deadline|none)\b/, 'none'],
];

const PRIORITY_MARKERS: Array<[RegExp, Priority]> = [
  [/^🔴/u, 'urgent'],
  [/^🟡/u, 'important'],
  [/^🟢/u, 'planning'],
  [/^⚪/u, 'none'],
];

/** The canonical priority a text names (`🟡 **Important** (2 weeks)` → important), or null. */
export function canonicalPriority(text: string | null | undefined): Priority | null {
  if (!text) return null;
  const trimmed = text.trim();
  const w = words(trimmed);
  if (w) {
    for (const [pattern, priority] of PRIORITY_WORDS) if (pattern.test(w)) return priority;
    // "URGENT (free text)" anywhere in a short value still reads as urgent.
    if (/\burgent\b/.test(w)) return 'urgent';
  }
  const bare = trimmed.replace(/^[\s*_~`]+/, '');
  for (const [pattern, priority] of PRIORITY_MARKERS) if (pattern.test(bare)) return priority;
  return null;
}

/** Short category names people use for the long ones. */
const CATEGORY_ALIASES: Record<string, string> = {
  infra: 'Infrastructure',
  infrastructure: 'Infrastructure',
  brand: 'Branding',
  branding: 'Branding',
  biz: 'Business',
  business: 'Business',
  domain: 'Domain',
  docs: 'Documentation',
  doc: 'Documentation',
  documentation: 'Documentation',
  gtm: 'GTM',
  'go-to-market': 'GTM',
  'go to market': 'GTM',
};

/** The category's words without the emoji (`🏗️ Infrastructure` → `Infrastructure`; `Infra` too), or null. */
export function canonicalCategory(text: string | null | undefined): string | null {
  if (!text) return null;
  const stripped = text
    .replace(LEADING_SYMBOLS, '')
    .replace(/[\s*_]+$/, '')
    .trim();
  if (!stripped) return null;
  return CATEGORY_ALIASES[stripped.toLowerCase()] ?? stripped;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

function isoDate(year: number, month: number, day: number): { date: string | null; valid: boolean } {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return { date: null, valid: false };
  }
  return {
    date: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    valid: true,
  };
}

/** Whether a date text says "not decided yet" (TBD and friends): null, and not an error. */
export function isUndecidedDate(text: string): boolean {
  return /^(tbd|tba|tbc|pending|n\/a|-|—|\?+|unknown|not yet( decided)?)$/i.test(text.trim());
}

/**
 * Reads a date as people write it: `2025-08-06`, `2025/08/06`, `20250806`, `6.8.25`, `06.08.2025`,
 * `August 6, 2025`, `6 Aug 2025`, also with a time after it. `TBD` gives `{ date: null, valid: true }`;
 * text that is not a possible date gives `{ date: null, valid: false }`.
 */
export function parseDate(text: string | null | undefined): { date: string | null; valid: boolean } {
  if (text == null) return { date: null, valid: true };
  const t = text.replace(/[*_`]/g, '').trim();
  if (!t || isUndecidedDate(t)) return { date: null, valid: true };
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(t);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  // Day first (European, and FORMAT.md's overview `D.M.YY`).
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(t);
  if (m) return isoDate(m[3].length === 2 ? 2000 + +m[3] : +m[3], +m[2], +m[1]);
  // Slashes or dashes with the year last: adr-tools wrote `dd/mm/yyyy` before it moved to ISO 8601
  // (its own ADR 8), so day first unless only month first makes a date (`02/21/2017`).
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:[T\s].*)?$/.exec(t);
  if (m) {
    const dayFirst = isoDate(+m[3], +m[2], +m[1]);
    return dayFirst.valid ? dayFirst : isoDate(+m[3], +m[1], +m[2]);
  }
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(t);
  if (m && MONTHS[m[1].slice(0, 3).toLowerCase()]) return isoDate(+m[3], MONTHS[m[1].slice(0, 3).toLowerCase()], +m[2]);
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(t);
  if (m && MONTHS[m[2].slice(0, 3).toLowerCase()]) return isoDate(+m[3], MONTHS[m[2].slice(0, 3).toLowerCase()], +m[1]);
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m) return { date: null, valid: false };
  return { date: null, valid: false };
}

/** The horizon a task group heading names (`🔴 This Week (Urgent)` → urgent), or null. */
export function horizonOf(heading: string | null | undefined): Priority | null {
  if (!heading) return null;
  const w = heading.toLowerCase();
  if (/🔴|urgent|this week/u.test(w)) return 'urgent';
  if (/🟡|important|next 2 weeks|2 weeks|two weeks/u.test(w)) return 'important';
  if (/🟢|planning|this month|month/u.test(w)) return 'planning';
  if (/✅|⚪|complete|aborted|done|no deadline/u.test(w)) return 'none';
  return null;
}

/**
 * Splits a status value into its words and its reason: `ABORTED - Use X instead` →
 * reason `Use X instead`; `Postponed (until Q3)` → reason `until Q3`.
 */
export function splitReason(text: string): { head: string; reason: string | null } {
  const dash = /\s+[-–—]\s+/.exec(text);
  if (dash) {
    const reason = text.slice(dash.index + dash[0].length).trim();
    return { head: text.slice(0, dash.index).trim(), reason: reason || null };
  }
  const paren = /^(.*?\S)\s*\(([^()]+)\)\s*$/.exec(text);
  if (paren && !/\]\(/.test(text)) return { head: paren[1].trim(), reason: paren[2].trim() || null };
  return { head: text.trim(), reason: null };
}

/** The date a status line carries (`Accepted on 2020-03-01`, `Accepted (17/10/2023)`), as YYYY-MM-DD, or null. */
export function statusDate(text: string | null): string | null {
  if (!text) return null;
  const m = /(\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})/.exec(text);
  return m ? parseDate(m[1]).date : null;
}
