/**
 * The second step of a site build: every record's body, read from its file and rendered (from
 * the render cache where it can be, the rest shared between threads by bodies.ts). A body that
 * is too large or too heavy in markup to render safely is kept as a plain-text excerpt instead.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Decision } from '../model/index.js';
import { decodeBytes, repairMojibake } from '../parse/encoding.js';
import { renderBodiesParallel, type BodyJob, type BodyResult } from './bodies.js';
import type { RenderCache } from './render-cache.js';
import type { SiteIndex } from './site-index.js';
import type { TidyInfo } from './tidy.js';

/** A body as the pages get it: rendered, an excerpt of a body too large to render, or why it could not be read. */
export type LoadedBody = BodyResult | { excerpt: string; length: number };

/** Bump when the rendered HTML of the same markdown changes, so cached bodies are not reused. */
const RENDER_VERSION = '4';

/** Records longer than this (in UTF-16 units) are not rendered as markdown. */
export const MAX_BODY_CHARS = 1_000_000;
/** How much of a too-large record is shown as plain text. */
export const MAX_EXCERPT_CHARS = 50_000;
/**
 * remark's inline parser is quadratic on runs of unclosed brackets and emphasis markers: a record
 * with more of them than any real decision has is shown as plain text too, so the build stays linear.
 */
export const MAX_MARKUP_CHARS = 10_000;

/** Counts `[`, `*` and `_` in one pass; past the limit, rendering the text as markdown is not safe. */
function tooMuchMarkup(text: string): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 91 || c === 42 || c === 95) && ++count > MAX_MARKUP_CHARS) return true;
  }
  return false;
}

/** Reads a record's text for its body (decoded, BOM off, mojibake repaired), or the reason it cannot be read. */
async function readBody(path: string): Promise<{ text: string } | { error: string }> {
  try {
    const decoded = decodeBytes(await readFile(path));
    if (!decoded.ok) return { error: decoded.reason };
    return { text: repairMojibake(decoded.text) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Front matter is metadata, shown in the page's head: the body starts after it. It is blanked
 * rather than cut, so the lines of the body keep the numbers the parser gave them.
 */
export function blankFrontMatter(text: string): string {
  const match = /^---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return match ? match[0].replace(/[^\r\n]/g, '') + text.slice(match[0].length) : text;
}

/** The lines the page shows as facts or as action items, for tidying the body. */
export function tidyInfo(decision: Decision): TidyInfo {
  const factLines = new Set<number>();
  for (const declaration of decision.statusDeclarations) if (declaration.site !== 'sub-decision') factLines.add(declaration.line);
  for (const [fact, line] of Object.entries(decision.lines)) if (fact !== 'title') factLines.add(line);
  // A relation written as a labelled line (`Supersedes [1. X](0001-x.md)`, Nygard's Status section);
  // a plain mention in prose is not one.
  for (const link of decision.links) if (link.label && link.kind !== 'relates') factLines.add(link.line);
  return { factLines: [...factLines].sort((a, b) => a - b), itemLines: decision.actionItems.map((item) => item.line) };
}

/** Reads and renders every record's body of the index, by absolute path. */
export async function loadBodies(index: SiteIndex, cache?: RenderCache): Promise<Map<string, LoadedBody>> {
  // A body's HTML depends on its text and on which files are pages at which URLs (its links):
  // the cache key covers both.
  const linkContext = createHash('sha256').update(RENDER_VERSION).update(JSON.stringify(index.tables)).digest('hex').slice(0, 16);
  const bodies = new Map<string, LoadedBody>();
  const jobs: BodyJob[] = [];
  const cacheKeys = new Map<string, string>();
  for (const entry of index.byAbs.values()) {
    const body = await readBody(entry.abs);
    if ('error' in body) {
      bodies.set(entry.abs, { error: body.error });
      continue;
    }
    if (body.text.length > MAX_BODY_CHARS || tooMuchMarkup(body.text)) {
      bodies.set(entry.abs, { excerpt: body.text.slice(0, MAX_EXCERPT_CHARS), length: body.text.length });
      continue;
    }
    const anchors = entry.decision.headings.map((h): [number, string] => [h.line, h.anchor]);
    const tidy = tidyInfo(entry.decision);
    const key = `${linkContext}:${createHash('sha256').update(body.text).update(JSON.stringify([anchors, tidy])).digest('hex')}`;
    cacheKeys.set(entry.abs, key);
    const cached = cache?.get(key);
    if (cached) {
      cache?.set(key, cached);
      bodies.set(entry.abs, cached);
    } else {
      jobs.push({ abs: entry.abs, text: blankFrontMatter(body.text), anchors, tidy });
    }
  }
  for (const [abs, result] of await renderBodiesParallel(jobs, index.tables)) {
    bodies.set(abs, result);
    if (!('error' in result)) cache?.set(cacheKeys.get(abs)!, result);
  }
  return bodies;
}
