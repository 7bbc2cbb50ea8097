/**
 * Rendered record bodies kept between site builds, in one JSON file in the site's work folder:
 * rebuilding a log renders only the records that changed. The key of a body covers its text,
 * its heading anchors, what the renderer is told about the record and the link tables (see
 * load-bodies.ts), so a stale entry is never found. The inline texts of the records (titles,
 * decision lines, action items) are kept the same way: re-rendering them all cost seconds on
 * every save in `adr site dev` at 1,000 records.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { RenderedMarkdown } from './render.js';

/** The file's layout; a file of another layout is read as an empty cache. */
const FORMAT = 2;

/** A render cache: entries read from the file, and the ones this build used. */
export interface RenderCache {
  get(key: string): RenderedMarkdown | undefined;
  set(key: string, value: RenderedMarkdown): void;
  /** A rendered inline text (a title, a decision line, an action item), by its key. */
  getInline(key: string): string | undefined;
  setInline(key: string, html: string): void;
  /** Writes the entries used by this build (older ones are dropped). */
  save(): Promise<void>;
}

/** Opens the cache in `file`. A missing or unreadable file is an empty cache. */
export async function openRenderCache(file: string): Promise<RenderCache> {
  let stored: Record<string, RenderedMarkdown> = {};
  let storedInline: Record<string, string> = {};
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && (parsed as { version?: unknown }).version === FORMAT) {
      const { bodies, inline } = parsed as { bodies?: unknown; inline?: unknown };
      if (bodies && typeof bodies === 'object') stored = bodies as Record<string, RenderedMarkdown>;
      if (inline && typeof inline === 'object') storedInline = inline as Record<string, string>;
    }
  } catch {
    stored = {};
  }
  const used = new Map<string, RenderedMarkdown>();
  const usedInline = new Map<string, string>();
  return {
    get: (key) => (Object.hasOwn(stored, key) ? stored[key] : undefined),
    set: (key, value) => {
      used.set(key, value);
    },
    getInline: (key) => (Object.hasOwn(storedInline, key) && typeof storedInline[key] === 'string' ? storedInline[key] : undefined),
    setInline: (key, html) => {
      usedInline.set(key, html);
    },
    save: async () => {
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify({ version: FORMAT, bodies: Object.fromEntries(used), inline: Object.fromEntries(usedInline) }));
      await rename(temp, file);
    },
  };
}
