/**
 * Rendered record bodies kept between site builds, in one JSON file in the site's work folder:
 * rebuilding a log renders only the records that changed. The key of a body covers its text,
 * its heading anchors, what the renderer is told about the record and the link tables (see
 * load-bodies.ts), so a stale entry is never found.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { RenderedMarkdown } from './render.js';

/** A render cache: entries read from the file, and the ones this build used. */
export interface RenderCache {
  get(key: string): RenderedMarkdown | undefined;
  set(key: string, value: RenderedMarkdown): void;
  /** Writes the entries used by this build (older ones are dropped). */
  save(): Promise<void>;
}

/** Opens the cache in `file`. A missing or unreadable file is an empty cache. */
export async function openRenderCache(file: string): Promise<RenderCache> {
  let stored: Record<string, RenderedMarkdown> = {};
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (parsed && typeof parsed === 'object') stored = parsed as Record<string, RenderedMarkdown>;
  } catch {
    stored = {};
  }
  const used = new Map<string, RenderedMarkdown>();
  return {
    get: (key) => (Object.hasOwn(stored, key) ? stored[key] : undefined),
    set: (key, value) => {
      used.set(key, value);
    },
    save: async () => {
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(Object.fromEntries(used)));
      await rename(temp, file);
    },
  };
}
