/**
 * What a record is called when it names itself nowhere: its file name read as words, and the
 * section names that are never a record's title.
 */

/**
 * The title a file name gives (`0042-gracefully-handle-samgov-4xx-errors` → `Gracefully handle
 * samgov 4xx errors`): the number or date prefix dropped, hyphens and underscores as spaces, the
 * first letter capitalised, the way adr-tools made the name from the title. A stem that is nothing
 * but its number (`ADR-0081`) stays as it is.
 */
export function titleFromStem(stem: string): string {
  const words = stem
    .replace(/^(?:\d{4}-\d{2}-\d{2}|\d{8})(?=[-_ ]|$)/, '')
    .replace(/^(?:adr[-_ ]?)?\d{1,6}(?=[-_. ]|$)/i, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  if (!words) return stem;
  return words[0].toUpperCase() + words.slice(1);
}

/**
 * Headings that name a section of a record in some dialect, never the record: a record whose first
 * heading is one of these has no title (FAC's records open `## Areas of impact` when the title line
 * was forgotten).
 */
const SECTION_NAMES = new Set([
  'status',
  'context',
  'decision',
  'decisions',
  'consequences',
  'context and problem statement',
  'problem statement',
  'problem',
  'background',
  'decision drivers',
  'considered options',
  'options',
  'options considered',
  'decision outcome',
  'pros and cons of the options',
  'more information',
  'links',
  'related',
  'related decisions',
  'related documents',
  'related documents/links',
  'references',
  'metadata',
  'summary',
  'notes',
  'alternatives',
  'alternatives considered',
  'areas of impact',
]);

/** Whether a heading's text is a section name of the dialects (`Context`, `## Status:`), not a title. */
export function isSectionName(text: string): boolean {
  return SECTION_NAMES.has(
    text
      .replace(/[*_`:]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase(),
  );
}
