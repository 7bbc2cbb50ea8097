/**
 * File-name slugs for new records: lowercase ASCII words joined by single dashes.
 *
 * A slug is built only from `[a-z0-9-]`, so no title can produce a path separator, `..`,
 * a NUL byte or a name the file system refuses: whatever the title, the record lands in
 * the log folder under a readable name.
 */

/** The longest slug `adr new` writes: file names stay well under every file system's limit. */
export const MAX_SLUG_LENGTH = 60;

/** The slug of a title that has no letters or digits at all (`???`, `🚀🚀`). */
export const FALLBACK_SLUG = 'decision';

// Letters NFKD does not decompose into a base letter plus marks.
const SPECIAL: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd',
  þ: 'th', Þ: 'th', ł: 'l', Ł: 'l', ı: 'i', ħ: 'h', Ħ: 'h', ŋ: 'n', Ŋ: 'n', ſ: 's',
  '&': ' and ', '+': ' plus ', '@': ' at ',
};

/**
 * The slug of `title`: accents transliterated (NFKD, marks stripped), lowercase, every run of
 * anything but ASCII letters and digits one dash, no dash at either end, cut at a dash boundary
 * to at most `maxLength` characters. Never empty: a title without letters gives `decision`.
 *
 * @example slugify('Use PostgreSQL für Storage!') === 'use-postgresql-fur-storage'
 */
export function slugify(title: string, maxLength = MAX_SLUG_LENGTH): string {
  // Cap the work on absurd titles before normalising (a 10 MB title must stay cheap).
  const head = title.slice(0, maxLength * 8);
  const ascii = head
    .replace(/[ßæÆœŒøØđĐðÐþÞłŁıħĦŋŊſ&+@]/g, (ch) => SPECIAL[ch] ?? ' ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > maxLength) {
    const cut = slug.slice(0, maxLength + 1);
    const dash = cut.lastIndexOf('-');
    // Cut at the last word boundary when there is one in the second half; else cut hard.
    slug = (dash > maxLength / 2 ? cut.slice(0, dash) : slug.slice(0, maxLength)).replace(/-+$/, '');
  }
  return slug || FALLBACK_SLUG;
}
