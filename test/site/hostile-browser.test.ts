// No script from a record, anywhere on the site, in a real Chromium: a log with markup in every
// field (titles, categories, tags, deciders, status text, reasons, action items, file names, the
// log's title, the overview file, mermaid diagrams) built alone and next to another log. Every
// page is opened, search is run (on its page and in the header's dialog), every filter is opened
// and ticked, the theme is switched (diagrams redraw) and the drawer opened on a phone. No dialog
// may fire, no element may carry an event handler, no Content-Security-Policy violation may be
// reported, and a feed reader that renders the feed's titles and descriptions as HTML runs nothing.
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerAttributes, harness, noBrowser, shot, violations, type Harness } from './browser-helpers.js';
import { adr, tempCopy } from './helpers.js';

let cleanup: () => Promise<void> = async () => undefined;
const sites: Record<'single' | 'multi', { dir: string; pages: string[]; h?: Harness }> = {
  single: { dir: '', pages: [] },
  multi: { dir: '', pages: [] },
};

async function htmlPages(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name === 'index.html' || (e.isFile() && e.name === '404.html'))
    .map((e) => relative(folder, join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).split('\\').join('/'))
    .map((p) => (p.endsWith('index.html') ? p.slice(0, -'index.html'.length) : p))
    .sort();
}

/** Everything a page must not have done, after giving timers and lazy loads their chance. */
async function clean(page: Page, what: string): Promise<void> {
  await page.waitForTimeout(150);
  expect(await handlerAttributes(page), `${what}: elements with event handlers`).toEqual([]);
  expect(await violations(page), `${what}: CSP violations`).toEqual([]);
}

beforeAll(async () => {
  if (noBrowser) return;
  const temp = await tempCopy(['hostile-all', 'basic']);
  cleanup = temp.cleanup;
  const log = join(temp.dir, 'hostile-all', 'decisions');
  // File names with markup in them (not committed: not every file system takes them).
  await copyFile(join(log, '0003-nygard-markup.md'), join(log, `0005-<img src=x onerror=alert('filename')>.md`));
  await copyFile(join(log, '2025-03-04-aborted-markup.md'), join(log, `2025-03-06-"><svg onload=alert('filename2')>.md`));
  sites.single.dir = join(temp.dir, 'single');
  sites.multi.dir = join(temp.dir, 'multi');
  const [single, multi] = await Promise.all([
    adr(temp.dir, temp.dir, ['site', 'build', '--dir', 'hostile-all/decisions', '--out', 'single']),
    adr(temp.dir, temp.dir, ['site', 'build', '--dir', 'hostile-all/decisions', '--dir', 'basic/decisions', '--out', 'multi']),
  ]);
  for (const run of [single, multi]) if (run.code !== 0) throw new Error(`build failed:\n${run.stdout}\n${run.stderr}`);
  for (const site of Object.values(sites)) {
    site.pages = await htmlPages(site.dir);
    site.h = await harness(site.dir);
  }
}, 300_000);

afterAll(async () => {
  for (const site of Object.values(sites)) await site.h?.close();
  await cleanup();
});

describe.skipIf(noBrowser)(`a log with markup in every field, in Chromium${noBrowser ? ` (skipped: ${noBrowser})` : ''}`, { timeout: 180_000 }, () => {
  for (const kind of ['single', 'multi'] as const) {
    it(`${kind}-log site: every page opens with no script run and no handler anywhere`, async () => {
      const { h, pages } = sites[kind];
      expect(pages.length).toBeGreaterThan(kind === 'single' ? 10 : 20);
      expect(pages.some((p) => p.includes('0005-img-src-x-onerror'))).toBe(true);
      const context = await h!.context();
      const page = await context.newPage();
      for (const path of pages) {
        await page.goto(h!.url(path));
        await page.waitForLoadState('load');
        await clean(page, `${kind} ${path}`);
      }
      await context.close();
      expect(h!.incidents.dialogs).toEqual([]);
      expect(h!.incidents.foreign).toEqual([]);
    });
  }

  it('draws the hostile diagrams (or says why not) with nothing of theirs running, in both themes', async () => {
    const { h } = sites.single;
    const context = await h!.context();
    const page = await h!.open('records/2025-03-01-summary-markup/', context);
    const settled = () => page.evaluate(() => document.querySelectorAll('figure.mermaid .mermaid-drawing svg').length + document.querySelectorAll('.mermaid-error').length);
    await expect.poll(settled, { timeout: 30_000 }).toBe(3);
    expect(await page.locator('figure.mermaid svg').count()).toBeGreaterThanOrEqual(2);
    // The labels are SVG text: no HTML, no foreignObject, no link out of the drawing.
    expect(await page.locator('figure.mermaid svg foreignObject, figure.mermaid svg a[href], figure.mermaid svg script').count()).toBe(0);
    expect(await page.locator('figure.mermaid svg img').count()).toBe(0);
    await clean(page, 'mermaid, light');
    await shot(page, 'hostile-mermaid-light');
    await page.getByRole('button', { name: /^Theme:/ }).click();
    await page.getByRole('button', { name: /^Theme:/ }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBe('dark');
    await page.waitForTimeout(1500);
    await expect.poll(settled, { timeout: 30_000 }).toBe(3);
    await clean(page, 'mermaid, dark');
    await shot(page, 'hostile-mermaid-dark');
    // Hovering and clicking the drawings triggers nothing.
    for (const svg of await page.locator('figure.mermaid svg').all()) {
      await svg.hover();
      await svg.click({ force: true });
    }
    await clean(page, 'mermaid, clicked');
    expect(h!.incidents.dialogs).toEqual([]);
    await context.close();
  });

  it('search: results and every filter, on the search page and in the header dialog', async () => {
    for (const kind of ['single', 'multi'] as const) {
      const { h } = sites[kind];
      const context = await h!.context();
      const page = await h!.open('search/?q=onerror', context);
      await expect.poll(() => page.locator('.pagefind-ui__result').count(), { timeout: 20_000 }).toBeGreaterThan(2);
      // Every filter group opened and every value ticked, one at a time.
      const groups = page.locator('details.pagefind-ui__filter-block');
      await expect.poll(() => groups.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(kind === 'multi' ? 4 : 3);
      for (const summary of await page.locator('summary.pagefind-ui__filter-name').all()) await summary.click();
      const labels = page.locator('label.pagefind-ui__filter-label');
      const count = await labels.count();
      expect(count).toBeGreaterThan(5);
      for (let i = 0; i < count; i++) {
        await labels.nth(i).click();
        await page.waitForTimeout(120);
        await labels.nth(i).click();
      }
      // The markup shows as text, where it is shown at all.
      const text = await page.locator('.pagefind-ui').innerText();
      expect(text).toContain("x<img src=x onerror=alert('fm-category')>");
      await expect
        .poll(() => page.locator('.pagefind-ui__result-link').allInnerTexts(), { timeout: 10_000 })
        .toContain("Aborted <img src=x onerror=alert('ab-title')>");
      if (kind === 'multi') expect(text).toContain('Log <img src=x onerror="alert(\'log-title\')"> "quoted" & <b>bold</b>');
      await clean(page, `${kind} search page`);
      await shot(page, `hostile-search-${kind}`);

      // The header's search: Ctrl+K on a record page.
      await page.goto(h!.url(kind === 'single' ? 'records/2025-03-02-front-matter-markup/' : 'hostile-all/records/2025-03-02-front-matter-markup/'));
      await page.keyboard.press('Control+k');
      const input = page.locator('dialog[open] input.pagefind-ui__search-input');
      await expect.poll(() => input.count(), { timeout: 15_000 }).toBe(1);
      await input.fill('onerror');
      await expect.poll(() => page.locator('dialog[open] .pagefind-ui__result').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await clean(page, `${kind} search dialog`);
      await context.close();
    }
    expect(sites.single.h!.incidents.dialogs).toEqual([]);
    expect(sites.multi.h!.incidents.dialogs).toEqual([]);
  });

  it('the drawer on a phone, the board and the timeline run nothing either', async () => {
    const { h } = sites.multi;
    const context = await h!.context({ width: 375, height: 800 });
    const page = await h!.open('hostile-all/records/2025-03-04-aborted-markup/', context);
    await page.getByRole('button', { name: 'Show the list of decisions' }).click();
    await expect.poll(() => page.locator('#sidebar').isVisible()).toBe(true);
    await page.getByLabel('Filter the list of decisions').fill('img');
    await clean(page, 'drawer');
    await shot(page, 'hostile-drawer-375');
    for (const path of ['hostile-all/actions/', 'hostile-all/timeline/', 'hostile-all/graph/', 'hostile-all/?status=aborted&text=img']) {
      await page.goto(h!.url(path));
      await clean(page, path);
    }
    expect(h!.incidents.dialogs).toEqual([]);
    await context.close();
  });

  it('the feed runs nothing in a reader that renders its titles and descriptions as HTML', async () => {
    const { h, dir } = sites.single;
    const xml = await readFile(join(dir, 'rss.xml'), 'utf8');
    const context = await h!.context();
    const page = await context.newPage();
    // A reader's own page: no CSP to catch what the feed would smuggle in.
    await page.goto('about:blank');
    const rendered = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'application/xml');
      if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror')!.textContent ?? 'parse error', handlers: [], html: '' };
      const holder = document.createElement('div');
      document.body.append(holder);
      for (const node of doc.querySelectorAll('item > title, item > description, item > category, channel > title, channel > description')) {
        const div = document.createElement('div');
        div.innerHTML = node.textContent ?? '';
        holder.append(div);
      }
      const handlers = [...holder.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`));
      return { error: null, handlers, html: holder.innerText };
    }, xml);
    expect(rendered.error).toBeNull();
    expect(rendered.handlers).toEqual([]);
    // The markup is there as text for the reader to see.
    expect(rendered.html).toContain("<img src=x onerror=alert('category-entity')>");
    await page.waitForTimeout(300);
    expect(h!.incidents.dialogs).toEqual([]);
    await context.close();
  });
});
