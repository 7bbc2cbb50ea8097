/**
 * Rendering record bodies, on two threads when there is enough to render.
 *
 * Parsing markdown with remark is the cost centre of a site build (about 0.4 to 1 MB/s on one
 * core), and it is the same work for every record, so a large log is split in two by size: a
 * worker thread renders one half while the main thread renders the other. Everything a body's
 * HTML depends on travels as plain data ({@link LinkTables}), so both threads resolve links the
 * same way.
 */
import { availableParallelism } from 'node:os';
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { renderMarkdown, type RenderedMarkdown, type RenderOptions } from './render.js';
import { shortHash } from './slug.js';
import type { TidyInfo } from './tidy.js';

/** Which files are pages of the site, and at which URLs. */
export interface LinkTables {
  /** Absolute record path to its page URL. */
  records: Array<[string, string]>;
  /** Absolute overview file path to its log's overview URL. */
  overviews: Array<[string, string]>;
  /** Absolute log folder to its overview URL. */
  logDirs: Array<[string, string]>;
  /** Folders images may come from (each log's repository root), and the URL prefix for copied images. */
  assets: { roots: string[]; prefix: string };
}

/** Image types copied into the site. SVG is left out on purpose: opened on its own, it can run script. */
const IMAGE_TYPES = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif']);
/** Larger images are not copied. */
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/**
 * The site URL of an image file a record shows, or null when it is not an image file of one of
 * the repositories (no type outside {@link IMAGE_TYPES}, nothing outside the roots, symbolic links
 * resolved first).
 */
export function assetUrl(tables: LinkTables, abs: string): { url: string; file: string } | null {
  if (!IMAGE_TYPES.has(extname(abs).toLowerCase())) return null;
  let real: string;
  try {
    real = realpathSync(abs);
    const info = statSync(real);
    if (!info.isFile() || info.size > MAX_IMAGE_BYTES) return null;
  } catch {
    return null;
  }
  const inside = tables.assets.roots.some((root) => {
    const rel = relative(root, real);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  });
  if (!inside) return null;
  const name = basename(real, extname(real)).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'image';
  return { url: `${tables.assets.prefix}${shortHash(real)}-${name}${extname(real).toLowerCase()}`, file: real };
}

/** One body to render. */
export interface BodyJob {
  /** Absolute path of the record (also the job's id). */
  abs: string;
  /** The markdown, front matter already removed. */
  text: string;
  /** The parser's heading anchors by line. */
  anchors: Array<[number, string]>;
  /** What the page shows elsewhere, for tidying the body. */
  tidy: TidyInfo;
}

/** A rendered body, or why it could not be rendered. */
export type BodyResult = RenderedMarkdown | { error: string };

/** Below this much text, starting a worker costs more than it saves. */
const PARALLEL_THRESHOLD = 400_000;

/** The link resolution of one record's page (used for its body and its inline texts). */
export function linkOptions(tables: LinkTables, recordAbs: string): Pick<RenderOptions, 'resolveLink' | 'isOverviewLink' | 'resolveAsset'> {
  const records = new Map(tables.records);
  const overviews = new Map(tables.overviews);
  const logDirs = new Map(tables.logDirs);
  const recordDir = dirname(recordAbs);
  return {
    resolveLink: (path, anchor) => {
      const abs = resolve(recordDir, path);
      const url = records.get(abs);
      if (url) return anchor ? `${url}#${encodeURIComponent(anchor)}` : url;
      return overviews.get(abs) ?? logDirs.get(abs.replace(/[\\/]+$/, '')) ?? null;
    },
    isOverviewLink: (path) => overviews.has(resolve(recordDir, path)),
    resolveAsset: (path) => assetUrl(tables, resolve(recordDir, path)),
  };
}

/** Renders bodies on this thread. */
export function renderBodies(jobs: readonly BodyJob[], tables: LinkTables): Array<[string, BodyResult]> {
  return jobs.map((job) => {
    try {
      return [job.abs, renderMarkdown(job.text, { ...linkOptions(tables, job.abs), headingAnchors: new Map(job.anchors), dropTitle: true, tidy: job.tidy })];
    } catch (error) {
      return [job.abs, { error: error instanceof Error ? error.message : String(error) }];
    }
  });
}

function inWorker(jobs: readonly BodyJob[], tables: LinkTables): Promise<Array<[string, BodyResult]>> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL('./render-worker.js', import.meta.url), { workerData: { jobs, tables } });
    worker.once('message', (results: Array<[string, BodyResult]>) => resolvePromise(results));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`render worker exited with code ${code}`));
    });
  });
}

/**
 * Renders bodies, splitting batches of more than `threshold` characters between this thread and
 * a worker thread.
 */
export async function renderBodiesParallel(
  jobs: readonly BodyJob[],
  tables: LinkTables,
  threshold = PARALLEL_THRESHOLD,
  /** Filled in for the curious (tests, the benchmark): whether a worker thread did its half. */
  stats: { worker: boolean } = { worker: false },
): Promise<Map<string, BodyResult>> {
  const size = jobs.reduce((sum, job) => sum + job.text.length, 0);
  if (size < threshold || availableParallelism() < 2 || jobs.length < 2) return new Map(renderBodies(jobs, tables));
  // Two halves of about equal size: alternate jobs, largest first.
  const sorted = [...jobs].sort((a, b) => b.text.length - a.text.length);
  const halves: [BodyJob[], BodyJob[]] = [[], []];
  const weight = [0, 0];
  for (const job of sorted) {
    const side = weight[0] <= weight[1] ? 0 : 1;
    halves[side].push(job);
    weight[side] += job.text.length;
  }
  const remote = inWorker(halves[1], tables).catch(() => null);
  const local = renderBodies(halves[0], tables);
  // A worker that cannot start (a locked-down runtime) only costs time: render its half here.
  const fromWorker = await remote;
  stats.worker = fromWorker !== null;
  const other = fromWorker ?? renderBodies(halves[1], tables);
  return new Map([...local, ...other]);
}
