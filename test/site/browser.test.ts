// The built site in Debian's Chromium (playwright-core, never a downloaded browser): the overview,
// filtering by status, a record, a back-link, Pagefind search, no script from a hostile record,
// the page without JavaScript, and screenshots (test/.tmp/site/) to look at.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../dist/site/serve.js';
import { adr, FIXTURES, tempCopy } from './helpers.js';

const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', '.tmp', 'site');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let cleanup: () => Promise<void> = async () => undefined;
let server: RunningServer;
let browser: Browser;
const dialogs: string[] = [];
const foreignRequests: string[] = [];

async function open(path: string, options: { colorScheme?: 'light' | 'dark'; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: options.colorScheme ?? 'light', javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`http://127.0.0.1:${server.port}/`)) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  await page.goto(new URL(path, server.url).href);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function pwnedGlobals(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(window).filter((key) => key.startsWith('__pwned')));
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  const temp = await tempCopy(['basic']);
  cleanup = temp.cleanup;
  // One log holding the hostile record too, so it shows up in the table, the feed and search.
  await copyFile(join(FIXTURES, 'hostile', 'decisions', '2025-01-01-hostile-html.md'), join(temp.dir, 'basic', 'decisions', '2025-01-01-hostile-html.md'));
  const run = await adr(join(temp.dir, 'basic'), temp.dir, ['site', 'build', '--out', join(temp.dir, 'site')]);
  if (run.code !== 0) throw new Error(`build failed:\n${run.stdout}\n${run.stderr}`);
  server = await startServer({ dir: join(temp.dir, 'site'), port: 0 });
  browser = await chromium.launch({ executablePath: process.env.ADR_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await cleanup();
});

describe('the site in Chromium', { timeout: 90_000 }, () => {
  it('filters the overview by status with a labelled control', async () => {
    const page = await open('./');
    await expect.poll(() => page.locator('table.decisions tbody tr:visible').count()).toBe(7);
    await shot(page, 'overview-light');
    await page.getByLabel('Status', { exact: true }).selectOption('superseded');
    await expect.poll(() => page.locator('table.decisions tbody tr:visible').count()).toBe(2);
    expect(await page.locator('[data-count]').textContent()).toBe('Showing 2 of 7 decisions');
    expect(page.url()).toContain('?status=superseded');
    const titles = await page.locator('table.decisions tbody tr:visible td.topic a').allTextContents();
    expect(titles.sort()).toEqual(['Use MySQL', 'Use SQLite']);
    await shot(page, 'overview-filtered');
    await page.getByLabel('Status', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Sort by Topic' }).click();
    const sorted = await page.locator('table.decisions tbody tr td.topic a').allTextContents();
    expect(sorted).toEqual([...sorted].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })));
    await page.context().close();
  });

  it('opens a record and follows a back-link to the record that supersedes it', async () => {
    const page = await open('./');
    await page.getByRole('link', { name: 'Use MySQL', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Use MySQL');
    expect(await page.locator('h1').count()).toBe(1);
    await shot(page, 'record-mysql');
    const referenced = page.locator('section[aria-labelledby="adr-backlinks"]');
    await referenced.getByRole('link', { name: 'Use PostgreSQL for Storage' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Use PostgreSQL for Storage');
    await shot(page, 'record-postgresql-light');
    await page.getByRole('link', { name: '← All decisions' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Decisions');
    await page.context().close();
  });

  it('finds records with Pagefind search, offline', async () => {
    const page = await open('search/?q=replication');
    const results = page.locator('.pagefind-ui__result-link');
    await expect.poll(() => results.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await results.first().textContent()).toContain('Use PostgreSQL for Storage');
    await shot(page, 'search');
    // The header form lands on the same page.
    await page.getByLabel('Search the decisions').fill('Moon monorepo');
    await page.getByLabel('Search the decisions').press('Enter');
    await expect.poll(() => page.locator('.pagefind-ui__result-link').allTextContents(), { timeout: 15_000 }).toContain('Infrastructure Decisions');
    await page.context().close();
  });

  it('runs no script from a hostile record (no dialog, no global set)', async () => {
    const page = await open('records/2025-01-01-hostile-html/');
    await expect.poll(() => page.locator('h1').count()).toBe(1);
    // Give anything that could fire (onerror, onload, ontoggle, timers) the chance to.
    await page.mouse.move(400, 400);
    for (const text of ['javascript link', 'tabbed javascript', 'encoded', 'vbscript', 'data html', 'ref link']) {
      await page.getByText(text, { exact: true }).first().click();
    }
    await page.waitForLoadState('networkidle');
    expect(page.url()).toContain('/records/2025-01-01-hostile-html/');
    expect(await pwnedGlobals(page)).toEqual([]);
    expect(await page.locator('iframe, object, embed, svg script, [onerror], [onload], [onclick]').count()).toBe(0);
    await shot(page, 'record-hostile');
    // The same record in the table, the board and search results.
    for (const path of ['./', 'actions/', 'search/?q=hostile']) {
      await page.goto(new URL(path, server.url).href);
      await page.waitForLoadState('networkidle');
      expect(await pwnedGlobals(page), path).toEqual([]);
    }
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('reads without JavaScript: the full table, no inert controls', async () => {
    const page = await open('./', { javaScriptEnabled: false });
    expect(await page.locator('table.decisions tbody tr:visible').count()).toBe(7);
    expect(await page.locator('form[data-filters]').isVisible()).toBe(false);
    await page.context().close();
  });

  it('fits a phone screen: wide tables scroll inside their box, the page does not', async () => {
    const page = await open('./');
    await page.setViewportSize({ width: 390, height: 800 });
    for (const path of ['./', 'records/2025-08-10-use-postgresql/', 'graph/', 'actions/']) {
      await page.goto(new URL(path, server.url).href);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
    await page.goto(new URL('./', server.url).href);
    await shot(page, 'overview-phone');
    await page.context().close();
  });

  it('follows the system dark mode', async () => {
    const page = await open('./', { colorScheme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(15, 18, 23)');
    await shot(page, 'overview-dark');
    await page.goto(new URL('records/2025-08-10-use-postgresql/', server.url).href);
    await shot(page, 'record-postgresql-dark');
    await page.goto(new URL('graph/', server.url).href);
    await shot(page, 'graph-dark');
    await page.goto(new URL('actions/', server.url).href);
    await shot(page, 'board-dark');
    await page.context().close();
  });

  it('keeps text contrast at 4.5:1 or more in both themes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const path of ['./', 'records/2025-08-10-use-postgresql/', 'actions/']) {
        const page = await open(path, { colorScheme });
        const failures = await page.evaluate(() => {
          const parse = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
          const lum = ([r, g, b]: number[]): number => {
            const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
          };
          const background = (el: Element | null): number[] => {
            for (let at = el; at; at = at.parentElement) {
              const c = parse(getComputedStyle(at).backgroundColor);
              if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
            }
            return parse(getComputedStyle(document.body).backgroundColor).slice(0, 3);
          };
          const bad: string[] = [];
          let checked = 0;
          const texts = document.querySelectorAll('main *, header *, footer *');
          for (const el of texts) {
            const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== '');
            if (!own || (el as HTMLElement).offsetParent === null || el.closest('.visually-hidden, svg')) continue;
            const fg = lum(parse(getComputedStyle(el).color).slice(0, 3));
            const bg = lum(background(el));
            const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
            checked++;
            if (!(ratio >= 4.5)) bad.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent!.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
          }
          return { bad, checked };
        });
        expect(failures.bad, `${colorScheme} ${path}`).toEqual([]);
        expect(failures.checked, `${colorScheme} ${path}`).toBeGreaterThan(15);
        await page.context().close();
      }
    }
  });

  it('never reached for another host', () => {
    expect(foreignRequests).toEqual([]);
  });
});
