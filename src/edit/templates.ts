/**
 * The text of a new record in each dialect `adr new` writes, and `--template FILE` filling.
 *
 * Pure functions: no file system. Every template writes the facts where that dialect's readers
 * (ours, adr-tools, log4brains, MADR tooling) look for them, so the record reads back with the
 * title, status, date, priority and category it was created with.
 */
import type { Priority, Status } from '../model/index.js';

/** A dialect `adr new` can write (the config's `dialect` values). */
export type TemplateDialect = 'summary' | 'nygard' | 'madr2' | 'madr3' | 'madr4';

/** What a new record says about itself. */
export interface RecordFacts {
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  /** The record number (Nygard titles carry it), or null when the log does not number records. */
  number: number | null;
  status: Status;
  priority: Priority | null;
  /** Canonical category words (`Infrastructure`), or null. */
  category: string | null;
  /** Relative link from the record to the overview file (`../DECISIONS.md`), or null when the log has none. */
  overviewLink: string | null;
  /**
   * Body text for the main sections instead of the writing hints (`adr init`'s first record):
   * context (Context & Problem / Context), decision, consequences (or risks).
   */
  body?: { context: string; decision: string; consequences: string };
  /**
   * Front-matter lines the log's records share (`parent: Decisions`, `nav_order: 19`), written
   * first in the front matter of the MADR 3/4 dialects, as the log's records have them.
   */
  frontMatter?: ReadonlyArray<readonly [key: string, value: string]>;
  /** The review date (YYYY-MM-DD), written where the dialect's readers look for it (`adr new --review-in`). */
  reviewBy?: string | null;
  /**
   * The paths the record governs (globs relative to the repository root; checked by the caller):
   * written where the dialect keeps its metadata, so the reader finds them as `applies-to`.
   */
  appliesTo?: readonly string[];
}

/** The globs as a label line's value: each in inline code, so `**` stays a glob and not emphasis. */
function globList(globs: readonly string[]): string {
  return globs.map((g) => `\`${g}\``).join(', ');
}

/** Whether there are globs to write. */
function governs(f: RecordFacts): f is RecordFacts & { appliesTo: readonly string[] } {
  return (f.appliesTo?.length ?? 0) > 0;
}

/** How each status reads in the summary format: the header value (markdown) and the footer's plain text. */
const SUMMARY_STATUS: Record<Status, { header: string; footer: string }> = {
  draft: { header: '📝 **Draft**', footer: '📝 Draft' },
  proposed: { header: '❓ **Under Discussion**', footer: '❓ Under Discussion' },
  accepted: { header: '✅ **Accepted**', footer: '✅ Accepted' },
  postponed: { header: '⏸️ **Postponed**', footer: '⏸️ Postponed' },
  rejected: { header: '❌ **Rejected**', footer: '❌ Rejected' },
  aborted: { header: '**✗** **ABORTED**', footer: '**✗** ABORTED' },
  deprecated: { header: '**Deprecated**', footer: 'Deprecated' },
  superseded: { header: '**Superseded**', footer: 'Superseded' },
};

/** How each priority reads in the summary format (FORMAT.md vocabularies). */
export const SUMMARY_PRIORITY: Record<Priority, { header: string; footer: string; emoji: string }> = {
  urgent: { header: '🔴 **Urgent** (this week)', footer: '🔴 Urgent (this week)', emoji: '🔴' },
  important: { header: '🟡 **Important** (2 weeks)', footer: '🟡 Important (2 weeks)', emoji: '🟡' },
  planning: { header: '🟢 **Planning** (month)', footer: '🟢 Planning (month)', emoji: '🟢' },
  none: { header: '⚪ **No deadline**', footer: '⚪ No deadline', emoji: '⚪' },
};

/** The horizon headings of the summary format's Action Items, in the order records use them. */
export const HORIZON_HEADINGS: readonly string[] = [
  '✅ Completed/Aborted',
  '🔴 This Week (Urgent)',
  '🟡 Next 2 Weeks (Important)',
  '🟢 This Month (Planning)',
];

/** The emoji the known categories carry (FORMAT.md §1). */
export const CATEGORY_EMOJI: Record<string, string> = {
  Infrastructure: '🏗️',
  Branding: '🎨',
  Business: '💼',
  Domain: '🌐',
  Documentation: '📚',
  GTM: '🚀',
};

/** A category as the summary format writes it: emoji and words where the emoji is known. */
export function categoryLabel(category: string): string {
  const emoji = CATEGORY_EMOJI[category];
  return emoji ? `${emoji} ${category}` : category;
}

/** `proposed` → `Proposed`. */
function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * A title made safe for a heading line: control characters (NUL, newlines) become spaces,
 * runs of white space one space. The caller refuses a title that comes out empty.
 */
export function cleanTitle(title: string): string {
  // eslint-disable-next-line no-control-regex
  return title.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * A title as the text of a `#` heading that reads back as typed: what markdown would take for raw
 * HTML (`List<String>`, `<br>`, `<!-- -->`, which the reader and the site drop) gets its `<`
 * escaped, and a trailing ` #` (a heading's closing sequence, dropped too) its `#`. Markdown the
 * user meant (`*fast*`, a code span, an autolink `<https://…>`) is left as written.
 */
export function headingSafe(title: string): string {
  return title.replace(/<(?=[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|\/[A-Za-z]|!|\?)/g, '\\<').replace(/(\s)(#+)(\s*)$/, '$1\\$2$3');
}

/** A YAML scalar for front matter: quoted when plain style would change its meaning. */
function yamlScalar(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/.test(value) && !/^(true|false|yes|no|null|on|off|~)$/i.test(value) && !/:\s|\s#/.test(value)
    ? value
    : JSON.stringify(value);
}

function summaryRecord(f: RecordFacts): string[] {
  const status = SUMMARY_STATUS[f.status];
  const priority = f.priority ? SUMMARY_PRIORITY[f.priority] : null;
  const labels = [
    `**Status**: ${status.header}`,
    ...(priority ? [`**Priority**: ${priority.header}`] : []),
    `**Date**: ${f.date}`,
    ...(f.category ? [`**Category**: ${categoryLabel(f.category)}`] : []),
    ...(governs(f) ? [`**Applies to**: ${globList(f.appliesTo)}`] : []),
    ...(f.reviewBy ? [`**Review by**: ${f.reviewBy}`] : []),
  ];
  const footer = [
    '_Decision Document Version: 1.0_',
    `_Last Updated: ${f.date}_`,
    `_Status: ${status.footer}_`,
    ...(priority ? [`_Priority: ${priority.footer}_`] : []),
  ];
  return [
    `# ${headingSafe(f.title)}`,
    '',
    ...(f.overviewLink ? [`[🚪 ← Back to Decisions Overview](${f.overviewLink})`, ''] : []),
    '## Decision Summary',
    '',
    // Every label line but the last ends in a hard break, as the hand-written records do.
    ...labels.map((line, i) => (i < labels.length - 1 ? `${line}\\` : line)),
    '',
    '## Action Items',
    '',
    ...HORIZON_HEADINGS.flatMap((heading) => [`### ${heading}`, '']),
    '---',
    '',
    '## Context & Problem',
    '',
    f.body?.context ?? '<!-- What forces are at play, and why does this need deciding now? -->',
    '',
    '## Decision',
    '',
    f.body?.decision ?? '<!-- What we decide, in one paragraph. -->',
    '',
    ...(f.body ? [] : ['## Alternatives Considered', '', '<!-- Each option with its pros and cons. -->', '']),
    f.body ? '## Consequences' : '## Risks & Mitigations',
    '',
    f.body?.consequences ?? '<!-- What could go wrong, and what we do about it. -->',
    '',
    '---',
    '',
    ...footer.map((line, i) => (i < footer.length - 1 ? `${line}\\` : line)),
  ];
}

function nygardRecord(f: RecordFacts): string[] {
  return [
    f.number !== null ? `# ${f.number}. ${headingSafe(f.title)}` : `# ${headingSafe(f.title)}`,
    '',
    `Date: ${f.date}`,
    ...(governs(f) ? [`Applies to: ${globList(f.appliesTo)}`] : []),
    '',
    '## Status',
    '',
    capitalised(f.status),
    '',
    ...(f.reviewBy ? [`Review by: ${f.reviewBy}`, ''] : []),
    '## Context',
    '',
    f.body?.context ?? 'The issue motivating this decision, and any context that influences or constrains the decision.',
    '',
    '## Decision',
    '',
    f.body?.decision ?? "The change that we're proposing or have agreed to implement.",
    '',
    '## Consequences',
    '',
    f.body?.consequences ??
      'What becomes easier or more difficult to do and any risks introduced by the change that will need to be mitigated.',
  ];
}

/** The sections MADR 2, 3 and 4 share. */
function madrBody(f: RecordFacts): string[] {
  return [
    '## Context and Problem Statement',
    '',
    f.body?.context ?? '<!-- Describe the context and problem statement, e.g., in free form using two to three sentences. -->',
    '',
    ...(f.body ? [] : ['## Considered Options', '', '<!-- The options considered, one bullet each. -->', '']),
    '## Decision Outcome',
    '',
    f.body?.decision ?? '<!-- Chosen option: "…", because … -->',
  ];
}

function madr2Record(f: RecordFacts): string[] {
  return [
    `# ${headingSafe(f.title)}`,
    '',
    `- Status: ${f.status}`,
    `- Date: ${f.date}`,
    ...(f.priority ? [`- Priority: ${f.priority}`] : []),
    ...(f.category ? [`- Category: ${f.category}`] : []),
    ...(governs(f) ? [`- Applies to: ${globList(f.appliesTo)}`] : []),
    ...(f.reviewBy ? [`- Review by: ${f.reviewBy}`] : []),
    '',
    ...madrBody(f),
  ];
}

function madr34Record(f: RecordFacts, version: 3 | 4): string[] {
  return [
    '---',
    ...(f.frontMatter ?? []).map(([key, value]) => `${key}: ${value}`),
    `status: ${f.status}`,
    `date: ${f.date}`,
    version === 4 ? 'decision-makers: []' : 'deciders: []',
    ...(f.priority ? [`priority: ${f.priority}`] : []),
    ...(f.category ? [`category: ${yamlScalar(f.category)}`] : []),
    // A flow list of double-quoted strings: YAML reads `*` and `{` unquoted as aliases and maps.
    ...(governs(f) ? [`applies-to: [${f.appliesTo.map((g) => JSON.stringify(g)).join(', ')}]`] : []),
    ...(f.reviewBy ? [`review-by: ${f.reviewBy}`] : []),
    '---',
    '',
    `# ${headingSafe(f.title)}`,
    '',
    ...madrBody(f),
    '',
    '### Consequences',
    '',
    f.body?.consequences ?? '<!-- Good, because …; bad, because … -->',
  ];
}

/**
 * The full text of a new record in `dialect`, ending in one newline.
 * @param eol the line ending to write (`\n`, or `\r\n` for a log kept in CRLF)
 */
export function renderRecord(dialect: TemplateDialect, facts: RecordFacts, eol: '\n' | '\r\n' = '\n'): string {
  const lines =
    dialect === 'nygard'
      ? nygardRecord(facts)
      : dialect === 'madr2'
        ? madr2Record(facts)
        : dialect === 'madr3' || dialect === 'madr4'
          ? madr34Record(facts, dialect === 'madr4' ? 4 : 3)
          : summaryRecord(facts);
  return lines.join(eol) + eol;
}

/**
 * Fills a user's template (`--template FILE`): `{{title}}`, `{{date}}`, `{{number}}`, `{{status}}`,
 * and also `{{priority}}`, `{{category}}`, `{{overview}}` (the link to the overview), `{{reviewBy}}`
 * (or `{{review}}`, the review date). Globs to govern (`appliesTo`) go into an `## Applies to`
 * section at the end. Whitespace
 * inside the braces is allowed; unknown placeholders stay as written so nothing is silently lost.
 * An adr-tools template (no `{{`, a `# NUMBER. TITLE` line) is filled the way adr-tools does:
 * that line, then `DATE` and `STATUS` once each.
 */
export function fillTemplate(template: string, facts: RecordFacts): string {
  const filled = fillTemplateFacts(template, facts);
  // A template has no place of ours for the paths: they get a section of their own at the end, which
  // every dialect reads.
  if (!governs(facts)) return filled;
  const eol = template.includes('\r\n') ? '\r\n' : '\n';
  const body = filled.replace(/(?:\r?\n)*$/, '');
  return [body, '', '## Applies to', '', ...facts.appliesTo.map((g) => `- \`${g}\``), ''].join(eol);
}

function fillTemplateFacts(template: string, facts: RecordFacts): string {
  if (!template.includes('{{') && /^# NUMBER\. TITLE\s*$/m.test(template)) {
    return template
      .replace(/^# NUMBER\. TITLE/m, () => `# ${facts.number ?? ''}. ${headingSafe(facts.title)}`)
      .replace('DATE', () => facts.date)
      .replace('STATUS', () => capitalised(facts.status));
  }
  if (!template.includes('{{')) return fillPlainTemplate(template, facts);
  const values: Record<string, string> = {
    title: facts.title,
    date: facts.date,
    number: facts.number === null ? '' : String(facts.number),
    status: facts.status,
    priority: facts.priority ?? '',
    category: facts.category ?? '',
    overview: facts.overviewLink ?? '',
    reviewby: facts.reviewBy ?? '',
    review: facts.reviewBy ?? '',
  };
  return template.replace(/\{\{\s*([a-z]+)\s*\}\}/gi, (whole, name: string) => values[name.toLowerCase()] ?? whole);
}

/**
 * Fills a template with no placeholders of ours, the way log4brains and MADR users copy theirs
 * (`template.md`, `adr-template.md`): the first `# ` heading becomes the title; the `title`, `status` and
 * `date` of the front matter and the `- Status:` / `- Date:` bullets (MADR 2, log4brains) take
 * the new record's values (their hints, `[draft | proposed | …] <!-- optional -->`, go). Every
 * other line stays as the team wrote it, hints included, for the author to fill.
 */
export function fillPlainTemplate(template: string, facts: RecordFacts): string {
  const eol = template.includes('\r\n') ? '\r\n' : '\n';
  const lines = template.split(/\r?\n/);
  let i = 0;
  let frontTitle = false;
  // Front matter: only at the very top, up to the closing `---`.
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end > 0) {
      for (let j = 1; j < end; j++) {
        if (/^status\s*:/i.test(lines[j])) lines[j] = `${lines[j].match(/^status/i)![0]}: ${facts.status}`;
        else if (/^date\s*:/i.test(lines[j])) lines[j] = `${lines[j].match(/^date/i)![0]}: ${facts.date}`;
        else if (/^title\s*:/i.test(lines[j])) {
          lines[j] = `${lines[j].match(/^title/i)![0]}: ${yamlScalar(facts.title)}`;
          frontTitle = true;
        }
      }
      i = end + 1;
    }
  }
  const bodyStart = i;
  let titled = false;
  let inFence = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s{0,3}(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    if (!titled && /^#\s/.test(line)) {
      lines[i] = `# ${headingSafe(facts.title)}`;
      titled = true;
      continue;
    }
    const bullet = /^([-*+] +)(status|date)(\s*:\s*)/i.exec(line);
    if (bullet) lines[i] = `${bullet[1]}${bullet[2]}: ${/^status$/i.test(bullet[2]) ? facts.status : facts.date}`;
  }
  // No heading to fill: the title goes first in the body, unless the front matter carries it (Hugo, Jekyll).
  if (!titled && !frontTitle) {
    const at = bodyStart > 0 && lines[bodyStart] === '' ? bodyStart + 1 : bodyStart;
    lines.splice(at, 0, `# ${headingSafe(facts.title)}`, '');
  }
  return lines.join(eol);
}
