/**
 * Slugs for the site: heading anchors the way GitHub makes them (so links written for
 * GitHub keep working on the site), and URL-safe page slugs for record files.
 */

/**
 * The GitHub-style anchor of a heading text: lower case, punctuation and emoji removed,
 * spaces turned into hyphens. Letters of any script and digits stay.
 */
export function githubSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/**
 * Hands out GitHub-style anchors and, like GitHub, numbers repeats (`a`, `a-1`, `a-2`),
 * so every heading of a page gets a distinct id.
 */
export class Slugger {
  private readonly seen = new Map<string, number>();

  /** Returns `wanted` (already an anchor) or a numbered variant not handed out before, and reserves it. */
  reserve(wanted: string): string {
    let slug = wanted;
    let count = this.seen.get(wanted) ?? 0;
    while (this.seen.has(slug)) {
      count += 1;
      slug = `${wanted}-${count}`;
    }
    this.seen.set(wanted, count);
    this.seen.set(slug, this.seen.get(slug) ?? 0);
    return slug;
  }

  /** The anchor for a heading text (slugged, then made distinct). */
  slug(text: string): string {
    return this.reserve(githubSlug(text));
  }
}

/**
 * A URL path segment for a record file (`sub/0003-Use X.md` gives `sub-0003-use-x`):
 * ASCII letters, digits and hyphens only, so URLs need no escaping on any host.
 * Returns an empty string when nothing usable is left (a name in a non-Latin script);
 * callers then fall back to a hash.
 */
export function pathSlug(file: string): string {
  return file
    .replace(/\.(md|markdown)$/i, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/g, '');
}

/** A short, stable, non-cryptographic hash (FNV-1a, 32 bit) as 8 hex digits. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
