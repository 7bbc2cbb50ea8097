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
 * `**✗** **ABORTED** - reason` → aborted; `Superseded by [3. X](0003-x.md)` → superseded;
 * `Depreciated.` → deprecated (a misspelt status word, see {@link statusMisspelling}).
 * A template's list of choices left unfilled (`[proposed | accepted | deprecated]`) names none.
 */
export function canonicalStatus(text: string | null | undefined): Status | null {
  if (!text) return null;
  const trimmed = text.trim();
  if (isChoiceList(trimmed)) return null;
  const w = words(trimmed);
  if (w) {
    for (const [pattern, status] of STATUS_WORDS) if (pattern.test(w)) return status;
    const fuzzy = fuzzyStatusWord(w);
    if (fuzzy) return fuzzy.status;
  }
  // A bare marker (`✅`, `**✗**`) with no recognised word still says what it means.
  const bare = trimmed.replace(/^[\s*_~`]+/, '');
  for (const [pattern, status] of STATUS_MARKERS) if (pattern.test(bare)) return status;
  return null;
}

/**
 * Whether a status value is a template's list of choices left as it was (`[ accepted | deprecated |
 * superseded by [xxx](yyyymmdd-xxx.md)]`, `{proposed | rejected | accepted}`, `proposed | accepted |
 * rejected`): two or more status words separated by `|`, nothing chosen.
 */
export function isChoiceList(text: string): boolean {
  if (!text.includes('|')) return false;
  const bare = text.replace(/<!--[\s\S]*?-->/g, '').trim();
  // `draft [ accepted | deprecated ]`: a word chosen before the leftover list is the status.
  const open = bare.search(/[[{(]/);
  if (open > 0 && !bare.slice(0, open).includes('|')) return false;
  const inner = bare.replace(/^[[{(]\s*/, '').replace(/\s*[\]})]$/, '');
  const parts = inner.split('|').map((p) => p.trim()).filter((p) => p !== '' && p !== '…' && p !== '...');
  if (parts.length < 2) return false;
  let named = 0;
  for (const part of parts) {
    const w = words(part);
    if (STATUS_WORDS.some(([pattern]) => pattern.test(w))) named++;
  }
  return named >= 2 && named >= parts.length - 1;
}

/**
 * Status words a misspelling is matched against, with what they mean. Only words of seven letters
 * or more: shorter ones have too many real neighbours (`paused`/`passed`, `draft`/`drift`).
 */
const FUZZY_STATUS: ReadonlyArray<readonly [string, Status]> = [
  ['accepted', 'accepted'],
  ['approved', 'accepted'],
  ['implemented', 'accepted'],
  ['completed', 'accepted'],
  ['confirmed', 'accepted'],
  ['finalized', 'accepted'],
  ['finalised', 'accepted'],
  ['proposed', 'proposed'],
  ['rejected', 'rejected'],
  ['declined', 'rejected'],
  ['deprecated', 'deprecated'],
  ['obsolete', 'deprecated'],
  ['superseded', 'superseded'],
  ['replaced', 'superseded'],
  ['postponed', 'postponed'],
  ['deferred', 'postponed'],
  ['aborted', 'aborted'],
  ['abandoned', 'aborted'],
  ['withdrawn', 'aborted'],
  ['cancelled', 'aborted'],
  ['canceled', 'aborted'],
];

/** Misspellings too far from their word for the distance rule, seen in real logs. */
const KNOWN_MISSPELLINGS: Readonly<Record<string, string>> = {
  excepted: 'accepted',
  acceped: 'accepted',
  aproved: 'approved',
  purposed: 'proposed',
  propsed: 'proposed',
  depricated: 'deprecated',
  depreceated: 'deprecated',
  deprecieated: 'deprecated',
  superseeded: 'superseded',
  supersceded: 'superseded',
  surperseded: 'superseded',
  cancled: 'canceled',
  postoned: 'postponed',
};

/** Real words one edit away from a status word that mean something else: never read as a status. */
const NOT_MISSPELLINGS = new Set(['supersedes', 'supercedes', 'superseding', 'superceding', 'accented', 'adapted', 'ejected', 'reclined', 'competed', 'conformed', 'referred', 'deterred', 'replayed', 'relaced', 'rejecter']);

/** Edit distance with adjacent transpositions (optimal string alignment), stopping early past `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
  }
  return rows[a.length][b.length];
}

/**
 * The status a misspelt first word stands for, and the word it should have been: from the table of
 * known misspellings, else the one status word within one edit (two for words of ten letters or
 * more) of a word of seven letters or more. Null when the word is spelt right, is no status word, or
 * is close to two different ones.
 */
function fuzzyStatusWord(w: string): { word: string; correct: string; status: Status } | null {
  const m = /^[a-z]+/.exec(w);
  if (!m) return null;
  const word = m[0];
  if (word.length < 7 || NOT_MISSPELLINGS.has(word)) return null;
  const known = KNOWN_MISSPELLINGS[word];
  if (known) {
    const entry = FUZZY_STATUS.find(([v]) => v === known);
    return entry ? { word, correct: known, status: entry[1] } : null;
  }
  if (FUZZY_STATUS.some(([v]) => v === word)) return null;
  const max = word.length >= 10 ? 2 : 1;
  let found: { correct: string; status: Status; distance: number } | null = null;
  let tie = false;
  for (const [correct, status] of FUZZY_STATUS) {
    const d = editDistance(word, correct, max);
    if (d > max) continue;
    if (!found || d < found.distance) {
      found = { correct, status, distance: d };
      tie = false;
    } else if (d === found.distance && found.status !== status) tie = true;
  }
  return found && !tie ? { word, correct: found.correct, status: found.status } : null;
}

/**
 * A misspelt status word in a status text (`Depreciated.` → `Deprecated`), as written and as it
 * should read (in the case it was written in), or null. The spellings the vocabulary accepts
 * (`Superceded`, `Supercedes`) are not misspellings.
 */
export function statusMisspelling(text: string | null | undefined): { written: string; correct: string } | null {
  if (!text) return null;
  const trimmed = text.trim();
  if (isChoiceList(trimmed)) return null;
  const w = words(trimmed);
  if (!w || STATUS_WORDS.some(([pattern]) => pattern.test(w))) return null;
  const fuzzy = fuzzyStatusWord(w);
  if (!fuzzy) return null;
  const at = trimmed.toLowerCase().indexOf(fuzzy.word);
  if (at === -1) return null;
  const written = trimmed.slice(at, at + fuzzy.word.length);
  return { written, correct: matchCase(written, fuzzy.correct) };
}

/** `correct` in the case `written` uses: `DEPRECATED`, `Deprecated` or `deprecated`. */
function matchCase(written: string, correct: string): string {
  if (written === written.toUpperCase()) return correct.toUpperCase();
  if (written[0] === written[0].toUpperCase()) return correct[0].toUpperCase() + correct.slice(1);
  return correct;
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

/** The names of the sections records have (Nygard's, MADR's, the summary format's), never a title. */
export const RECORD_SECTION = /^(status|context|decision|consequences|context and problem statement|considered options|decision outcome|decision drivers|decision summary)$/i;

/** Whether a date text says "not decided yet" (TBD and friends): null, and not an error. */
export function isUndecidedDate(text: string): boolean {
  return /^(tbd|tba|tbc|pending|n\/a|-|—|\?+|unknown|not yet( decided)?)$/i.test(text.replace(/[*_`]/g, '').trim());
}

/** A date written at the precision of a month, quarter or year, and which of them it is. */
export type CoarseDate = 'month' | 'quarter' | 'year';

const MONTH_NAME = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const MONTH_ONLY = new RegExp(`^(?:\\d{4}[-/](?:0?[1-9]|1[0-2])|(?:0?[1-9]|1[0-2])[-/.]\\d{4}|${MONTH_NAME},?\\s+\\d{4})$`, 'i');

/**
 * Whether a date text gives only the month (`2018-11`, `11/2018`, `November 2018`), the quarter or
 * half (`Q3 2025`) or the year (`2025`): less precise than a day, not wrong. Null for anything else.
 */
export function coarseDate(text: string | null | undefined): CoarseDate | null {
  if (text == null) return null;
  const t = unwrapDate(text);
  if (MONTH_ONLY.test(t)) return 'month';
  if (/^(?:q[1-4]|h[12])\s+\d{4}$|^\d{4}[-\s]?(?:q[1-4]|h[12])$/i.test(t)) return 'quarter';
  if (/^\d{4}$/.test(t)) return 'year';
  return null;
}

/**
 * A date text without the markup and wrapping people put around it: emphasis and code ticks, one
 * pair of enclosing brackets (`[2022-10-05]`, as a filled-in template placeholder leaves it),
 * parentheses or angle brackets.
 */
function unwrapDate(text: string): string {
  let t = text.replace(/[*_`]/g, '').trim();
  const m = /^[[(<]\s*([^[\]()<>]*?)\s*[\])>]$/.exec(t);
  if (m) t = m[1];
  return t;
}

/**
 * Whether a date text is a template's placeholder left unfilled (`YYYY-MM-DD`, `[YYYY-MM-DD when the
 * decision was last updated]`, `{date}`): no date yet, like TBD.
 */
export function isDatePlaceholder(text: string): boolean {
  const t = text.replace(/<!--[\s\S]*?-->/g, '').replace(/[*_`]/g, '').trim();
  return /^[[{(<]?\s*(?:yyyy[-/.]?mm[-/.]?dd|dd[-/.]mm[-/.]yyyy|mm[-/.]dd[-/.]yyyy|date)\b[^\]})>]*[\]})>]?$/i.test(t);
}

/**
 * Whether a metadata value is a template's placeholder left as it was: the whole value in square or
 * curly brackets, describing what to write instead of saying it (`[list everyone involved in the
 * decision]`, `{space and/or comma separated list of tags}`, `[option 1 | option 2]`).
 */
export function isTemplatePlaceholder(text: string): boolean {
  const t = text.replace(/<!--[\s\S]*?-->/g, '').trim();
  const m = /^[[{]([^\]}]*)[\]}]$/.exec(t);
  if (!m) return false;
  return /\||…|\.\.\.|\b(?:list|e\.g\.|describe|description|separated|ticket|issue url|yyyy|everyone|involved|optional|name of|names of)\b/i.test(m[1]);
}

/**
 * Whether what follows a date (after `T` or a space) can stand there: a time of day that exists
 * (`10:00`, `23:59:59.5Z`, `08:00+02:00`; not `25:00` or `10:61`), or, after a space, any other note.
 * A timestamp is a date as written too, and an impossible one is no date.
 */
function possibleTime(separator: string, rest: string): boolean {
  const time = /^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:Z|[+-](\d{2})(?::?(\d{2}))?)?$/i.exec(rest);
  if (!time) return separator.toUpperCase() !== 'T' && !/^\s*\d{1,2}:\d/.test(rest);
  const [h, min, sec, zh, zm] = time.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  return h <= 23 && min <= 59 && sec <= 60 && zh <= 23 && zm <= 59;
}

/** A whole date text in one of the forms people write, or null when it is none of them. */
function parseWholeDate(t: string): { date: string | null; valid: boolean } | null {
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:([Tt\s])(.*))?$/.exec(t);
  if (m) return m[4] !== undefined && !possibleTime(m[4], m[5]) ? { date: null, valid: false } : isoDate(+m[1], +m[2], +m[3]);
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
  return null;
}

// A date at the start of a longer text, and where the rest (a note) begins: `2018-08-30; updated
// 2019-04-09`, `2020-01-01 (revised 2021)`, `12.03.2021 - approved in the weekly`, `August 6, 2025, amended`.
const LEADING_DATE = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{8}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4})(?=\s*[;,(|]|\s+[-–—]\s|\s+\p{L})/u;

/**
 * Reads a date as people write it: `2025-08-06`, `2025/08/06`, `20250806`, `6.8.25`, `06.08.2025`,
 * `August 6, 2025`, `6 Aug 2025`, also with a time after it, inside brackets (`[2022-10-05]`) or
 * followed by a note (`2018-08-30; updated 2019-04-09` is 2018-08-30). `TBD` and an unfilled
 * template placeholder give `{ date: null, valid: true }`; text that is not a possible date gives
 * `{ date: null, valid: false }` (a month, quarter or year alone included: see {@link coarseDate}).
 */
export function parseDate(text: string | null | undefined): { date: string | null; valid: boolean } {
  if (text == null) return { date: null, valid: true };
  const t = unwrapDate(text);
  if (!t || isUndecidedDate(t) || isDatePlaceholder(text)) return { date: null, valid: true };
  const whole = parseWholeDate(t);
  if (whole) return whole;
  const lead = LEADING_DATE.exec(t);
  if (lead) return parseWholeDate(lead[1]) ?? { date: null, valid: false };
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
