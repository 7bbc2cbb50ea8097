// From logs read by readLog to the site's data, without Astro: keys, summaries, hostile sizes.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSiteData } from '../../dist/site/data.js';
import { logKeys } from '../../dist/site/site-index.js';
import { readLog } from '../../dist/store/read-log.js';

let root = '';

const record = (title: string, extra = ''): string =>
  `# ${title}\n\n## Decision Summary\n\n**Status**: ✅ Accepted\\\n**Date**: 2025-01-0${(title.length % 9) + 1}\\\n**Category**: 🏗️ Infrastructure\n\n---\n\n${extra}\n`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'adr-site-data-'));
  const log = join(root, 'decisions');
  await mkdir(log);
  await writeFile(join(log, '2025-01-01-plain.md'), record('Plain', '## Decision\n\nWe pick **boring** technology for the core. More text follows here.\n\nSee [big](2025-01-02-big.md).'));
  await writeFile(join(log, '2025-01-02-big.md'), record('Big', `| a | b |\n|---|---|\n${'| x | y |\n'.repeat(120_000)}`));
  await writeFile(join(log, '2025-01-03-deep.md'), record('Deep', `${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n${'['.repeat(20_000)}${'*'.repeat(20_000)}`));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('buildSiteData', () => {
  it('shows a huge record as a plain-text excerpt with a diagnostic, and survives deep nesting', async () => {
    const log = await readLog({ cwd: root, dir: 'decisions', cache: false });
    const data = await buildSiteData([log], { cwd: root, dirs: [log.dir], base: '/', site: null, title: null });
    const [siteLog] = data.logs;
    expect(siteLog.records).toHaveLength(3);
    const big = siteLog.records.find((r) => r.title === 'Big')!;
    expect(big.bodyError).toMatch(/too large/);
    expect(big.bodyHtml.startsWith('<pre class="excerpt">')).toBe(true);
    expect(big.bodyHtml.length).toBeLessThan(60_000 * 2);
    expect(siteLog.diagnostics.some((d) => d.source === 'decisions/2025-01-02-big.md' && /too large/.test(d.message))).toBe(true);
    const deep = siteLog.records.find((r) => r.title === 'Deep')!;
    expect(deep.bodyHtml.length > 0 || deep.bodyError !== null).toBe(true);
  }, 60_000);

  it('takes the decision line from the first sentence of the Decision section when the record states no summary', async () => {
    const log = await readLog({ cwd: root, dir: 'decisions', cache: false });
    const data = await buildSiteData([log], { cwd: root, dirs: [log.dir], base: '/x/', site: null, title: 'T' });
    const plain = data.logs[0].records.find((r) => r.title === 'Plain')!;
    expect(plain.decisionText).toBe('We pick boring technology for the core.');
    expect(plain.decisionHtml).toBe('We pick <strong>boring</strong> technology for the core.');
    expect(plain.url).toBe('/x/records/2025-01-01-plain/');
    expect(plain.bodyHtml).toContain('href="/x/records/2025-01-02-big/"');
    expect(data.title).toBe('T');
  }, 60_000);
});

describe('the render cache', () => {
  it('renders again only the records whose text changed, and forgets records that are gone', async () => {
    const { openRenderCache } = await import('../../dist/site/render-cache.js');
    const file = join(root, 'render-cache.json');
    const dir = join(root, 'cached');
    await mkdir(dir);
    await writeFile(join(dir, '2025-02-01-a.md'), record('Alpha', 'Body of alpha.'));
    await writeFile(join(dir, '2025-02-02-b.md'), record('Beta', 'Body of beta.'));
    const build = async () => {
      const cache = await openRenderCache(file);
      let hits = 0;
      const counting = { ...cache, get: (key: string) => { const v = cache.get(key); if (v) hits++; return v; } };
      const log = await readLog({ cwd: root, dir: 'cached', cache: false });
      const data = await buildSiteData([log], { cwd: root, dirs: [log.dir], base: '/', site: null, title: null }, counting);
      await cache.save();
      return { hits, html: data.logs[0].records.map((r) => r.bodyHtml).sort() };
    };
    const first = await build();
    expect(first.hits).toBe(0);
    const second = await build();
    expect(second.hits).toBe(2);
    expect(second.html).toEqual(first.html);
    await writeFile(join(dir, '2025-02-02-b.md'), record('Beta', 'Changed body of beta.'));
    const third = await build();
    expect(third.hits).toBe(1);
    expect(third.html.join('')).toContain('Changed body of beta.');
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')))).toHaveLength(2);
  }, 60_000);
});

describe('logKeys', () => {
  it('names several logs by their meaningful folder, distinct and never a page name', () => {
    expect(logKeys(['/r/decisions'], '/r')).toEqual(['']);
    expect(logKeys(['/r/packages/api/docs/adr', '/r/packages/web/docs/adr', '/r/search/decisions', '/r/decisions'], '/r')).toEqual([
      'packages-api',
      'packages-web',
      'log-search',
      'decisions',
    ]);
    expect(logKeys(['/r/a/adr', '/r/b/a/adr'], '/r')).toEqual(['a', 'b-a']);
  });
});

describe('renderBodiesParallel', () => {
  it('gives exactly what rendering on one thread gives, links included', async () => {
    const { renderBodies, renderBodiesParallel } = await import('../../dist/site/bodies.js');
    const jobs = Array.from({ length: 6 }, (_, i) => ({
      abs: `/log/2025-01-${String(i).padStart(2, '0')}-r.md`,
      text: `# R${i}\n\n## Part {#p${i}}\n\n${'Some **text** with [a link](2025-01-00-r.md#p0) and `code`.\n\n'.repeat(10)}`,
      anchors: [] as Array<[number, string]>,
      tidy: { factLines: [], itemLines: [] },
    }));
    const tables = { records: jobs.map((j): [string, string] => [j.abs, `/records/${j.abs.slice(5, -3)}/`]), overviews: [], logDirs: [] };
    const serial = new Map(renderBodies(jobs, tables));
    // Threshold 0: the worker thread takes half even of this small batch.
    const stats = { worker: false };
    const parallel = await renderBodiesParallel(jobs, tables, 0, stats);
    expect(stats.worker).toBe(true);
    expect(parallel.size).toBe(6);
    for (const [abs, result] of serial) expect(parallel.get(abs)).toEqual(result);
    expect(JSON.stringify(parallel.get(jobs[5].abs))).toContain('href=\\"/records/2025-01-00-r/#p0\\"');
  }, 120_000);
});
