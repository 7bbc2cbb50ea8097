// The built site in Debian's Chromium, at 1400 px and 375 px and in both themes, asserting what a
// person sees: the sidebar lists every record (a drawer on a phone), nothing scrolls sideways, the
// status chips filter, Ctrl+K and "/" open search, the theme toggle switches and persists, one
// name in <title>, the favicon is served, no empty headings, a mermaid block becomes a drawing,
// "edit this page" goes to the repository, the page reads without JavaScript, text keeps 4.5:1
// contrast. Screenshots land in test/.tmp/site/ for a person to look at.
import { copyFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerAttributes, harness, noBrowser, shot, sideways, violations, type Harness } from './browser-helpers.js';
import { adr, FIXTURES, tempCopy } from './helpers.js';

let cleanup: () => Promise<void> = async () => undefined;
let h: Harness;
const RECORDS = 7;
const POSTGRES = 'records/2025-08-10-use-postgresql/';
const KINDS = ['./', POSTGRES, 'records/2025-08-06-nix-development-environment/', 'actions/', 'timeline/', 'graph/', 'search/?q=postgres', 'no-such-page/'];

function head(path: string): Promise<{ status: number; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request(h.url(path), { method: 'GET' }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? '') });
    });
    req.on('error', reject);
    req.end();
  });
}

async function pwned(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(window).filter((key) => key.startsWith('__pwned')));
}

beforeAll(async () => {
  if (noBrowser) return;
  const temp = await tempCopy(['basic']);
  cleanup = temp.cleanup;
  const log = join(temp.dir, 'basic');
  // One log holding the old hostile record too; a config naming the repository for "edit this page".
  await copyFile(join(FIXTURES, 'hostile', 'decisions', '2025-01-01-hostile-html.md'), join(log, 'decisions', '2025-01-01-hostile-html.md'));
  await writeFile(join(log, '.adr.json'), JSON.stringify({ dir: 'decisions', title: 'Platform decisions', editUrl: 'https://github.com/example/platform/edit/main/' }));
  const run = await adr(log, temp.dir, ['site', 'build', '--out', join(temp.dir, 'site')]);
  if (run.code !== 0) throw new Error(`build failed:\n${run.stdout}\n${run.stderr}`);
  h = await harness(join(temp.dir, 'site'));
}, 240_000);

afterAll(async () => {
  await h?.close();
  await cleanup();
});

describe.skipIf(noBrowser)(`the site in Chromium${noBrowser ? ` (skipped: ${noBrowser})` : ''}`, { timeout: 120_000 }, () => {
  it('1400 px: the sidebar lists every record, closed ones struck through; the table fits', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await h.context({ width: 1400, colorScheme });
      const page = await h.open('./', context);
      const links = page.locator('#sidebar .side-link');
      await expect.poll(() => links.count()).toBe(RECORDS);
      expect(await page.locator('#sidebar').isVisible()).toBe(true);
      const struck = await page.locator('#sidebar .side-link.is-closed .side-title').evaluateAll((els) => els.map((el) => getComputedStyle(el).textDecorationLine));
      expect(struck.length).toBeGreaterThanOrEqual(3);
      expect(struck.every((d) => d.includes('line-through'))).toBe(true);
      expect(await page.locator('table.decisions tbody tr:visible').count()).toBe(RECORDS);
      expect(await sideways(page)).toBe(0);
      // Titles on one or two lines.
      const lines = await page.locator('table.decisions td.col-topic a').evaluateAll((els) =>
        els.map((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight))),
      );
      expect(Math.max(...lines)).toBeLessThanOrEqual(2);
      await shot(page, `overview-1400-${colorScheme}`);
      await page.goto(h.url(POSTGRES));
      await expect.poll(() => page.locator('#sidebar .side-link[aria-current="page"]').textContent()).toContain('Use PostgreSQL for Storage');
      await shot(page, `record-1400-${colorScheme}`);
      await context.close();
    }
  });

  it('the status chips filter the table, and the filters can be linked', async () => {
    const page = await h.open('./');
    const chip = page.getByRole('button', { name: /Superseded\s*2/ });
    await chip.click();
    await expect.poll(() => page.locator('table.decisions tbody tr:visible').count()).toBe(2);
    expect(await chip.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('[data-count]').textContent()).toBe(`Showing 2 of ${RECORDS} decisions`);
    expect(page.url()).toContain('?status=superseded');
    expect((await page.locator('table.decisions tbody tr:visible td.col-topic a').allTextContents()).sort()).toEqual(['Use MySQL', 'Use SQLite']);
    await shot(page, 'overview-filtered');
    await chip.click();
    await expect.poll(() => page.locator('table.decisions tbody tr:visible').count()).toBe(RECORDS);
    await page.goto(h.url('./?status=aborted'));
    await expect.poll(() => page.locator('table.decisions tbody tr:visible td.col-topic a').allTextContents()).toEqual(['Nix Development Environment & Package Distribution Strategy']);
    await page.getByRole('button', { name: 'Sort by Topic' }).click();
    await page.context().close();
  });

  it('Ctrl+K and "/" open the one search; it finds records offline', async () => {
    const page = await h.open(POSTGRES);
    await page.keyboard.press('Control+k');
    const input = page.locator('dialog[open] input.pagefind-ui__search-input');
    await expect.poll(() => input.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.fill('replication');
    await expect.poll(() => page.locator('dialog[open] .pagefind-ui__result-link').allTextContents(), { timeout: 15_000 }).toContain('Use PostgreSQL for Storage');
    await shot(page, 'search-dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
    await page.keyboard.press('/');
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(1);
    await page.keyboard.press('Escape');
    // The search page has one search field, and Ctrl+K goes to it.
    await page.goto(h.url('search/?q=monorepo'));
    await expect.poll(() => page.locator('.pagefind-ui__result-link').allTextContents(), { timeout: 15_000 }).toContain('Infrastructure Decisions');
    expect(await page.locator('main input[type="text"]:visible, main input[type="search"]:visible, header input:visible').count()).toBe(1);
    await page.locator('h1').click();
    await page.keyboard.press('Control+k');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('pagefind-ui__search-input'))).toBe(true);
    await shot(page, 'search-page');
    await page.context().close();
  });

  it('the theme toggle switches and is remembered', async () => {
    const context = await h.context({ colorScheme: 'light' });
    const page = await h.open('./', context);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(255, 255, 255)');
    const toggle = page.locator('[data-theme-toggle]');
    await toggle.click(); // light (explicit)
    await toggle.click(); // dark
    await expect.poll(background).toBe('rgb(15, 18, 23)');
    expect(await toggle.getAttribute('title')).toBe('Theme: dark');
    await page.reload();
    await expect.poll(background).toBe('rgb(15, 18, 23)');
    await page.goto(h.url(POSTGRES));
    expect(await background()).toBe('rgb(15, 18, 23)');
    await toggle.click(); // back to the system's
    await expect.poll(background).toBe('rgb(255, 255, 255)');
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-theme'))).toBe(false);
    await context.close();
  });

  it('375 px: nothing scrolls sideways on any page, the overview is cards, the sidebar is a drawer', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await h.context({ width: 375, height: 800, colorScheme });
      const page = await context.newPage();
      for (const path of KINDS) {
        await page.goto(h.url(path));
        expect(await sideways(page), `${path} at 375 px`).toBe(0);
        const topbar = await page.locator('header.topbar').boundingBox();
        expect(topbar!.height, `${path}: the header stays one row`).toBeLessThanOrEqual(60);
      }
      await page.goto(h.url('./'));
      expect((await page.locator('table.decisions thead').boundingBox())!.height).toBeLessThanOrEqual(1);
      const card = await page.locator('table.decisions tbody tr').first().boundingBox();
      expect(card!.width).toBeLessThanOrEqual(375);
      expect(await page.locator('#sidebar').isVisible()).toBe(false);
      await shot(page, `overview-375-${colorScheme}`);
      await page.getByRole('button', { name: 'Show the list of decisions' }).click();
      await expect.poll(() => page.locator('#sidebar').isVisible()).toBe(true);
      await page.waitForTimeout(400); // the drawer slides in
      expect(await page.locator('#sidebar .side-link:visible').count()).toBe(RECORDS);
      expect(await page.locator('#sidebar nav a').allTextContents()).toEqual(['Overview', 'Action items', 'Timeline', 'Graph']);
      await shot(page, `drawer-375-${colorScheme}`);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('#sidebar').isVisible()).toBe(false);
      await page.goto(h.url(POSTGRES));
      await shot(page, `record-375-${colorScheme}`);
      await page.goto(h.url('graph/'));
      const frame = page.locator('[data-graph]');
      const fits = await frame.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
      const readable = await page.locator('svg.relation-graph').evaluate((svg) => svg.getBoundingClientRect().width / Number(svg.getAttribute('viewBox')!.split(' ')[2]));
      expect(fits || readable >= 0.7).toBe(true);
      await shot(page, `graph-375-${colorScheme}`);
      await page.goto(h.url('actions/'));
      await shot(page, `board-375-${colorScheme}`);
      await context.close();
    }
  });

  it('every page: one name in <title>, the favicon, no empty heading, no handler, no CSP violation', async () => {
    const favicon = await head('favicon.svg');
    expect(favicon).toEqual({ status: 200, type: 'image/svg+xml' });
    const context = await h.context();
    const page = await context.newPage();
    for (const path of KINDS) {
      await page.goto(h.url(path));
      const title = await page.title();
      const parts = title.split(' · ');
      expect(new Set(parts).size, `${path}: ${title}`).toBe(parts.length);
      expect(title.match(/Platform decisions/g)?.length ?? 0, `${path}: ${title}`).toBeLessThanOrEqual(1);
      expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg');
      const empty = await page.evaluate(() =>
        [...document.querySelectorAll('main h2, main h3, main h4')].filter((heading) => {
          if (heading.closest('.visually-hidden')) return false;
          if (heading.textContent!.trim() === '') return true;
          // Nothing of its own before the next heading of the same or a higher level.
          const level = Number(heading.tagName[1]);
          let next = heading.nextElementSibling;
          if (!next && heading.parentElement?.firstElementChild === heading) next = heading.parentElement.nextElementSibling;
          return next === null || (/^H[1-6]$/.test(next.tagName) && Number(next.tagName[1]) <= level);
        }).map((heading) => heading.textContent!.trim()),
      );
      expect(empty, `${path}: empty headings`).toEqual([]);
      expect(await handlerAttributes(page), path).toEqual([]);
      expect(await violations(page), path).toEqual([]);
    }
    await context.close();
  });

  it('a record: each fact once, a mermaid block drawn as SVG, "edit this page" on the repository', async () => {
    const page = await h.open(POSTGRES);
    expect(await page.locator('h1').allTextContents()).toEqual(['Use PostgreSQL for Storage']);
    expect(await page.getByText('Decision Summary').count()).toBe(0);
    expect(await page.locator('dt', { hasText: /^Status$/ }).count()).toBe(1);
    expect(await page.getByText('Provision the primary database in staging').count()).toBe(1);
    await expect.poll(() => page.locator('figure.mermaid .mermaid-drawing svg').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('figure.mermaid svg text, figure.mermaid svg tspan').allTextContents()).toEqual(expect.arrayContaining(['PostgreSQL 16']));
    expect(await page.getByRole('link', { name: 'Edit this page' }).getAttribute('href')).toBe('https://github.com/example/platform/edit/main/decisions/2025-08-10-use-postgresql.md');
    expect(await page.getByRole('link', { name: 'View the source' }).getAttribute('href')).toBe('https://github.com/example/platform/blob/main/decisions/2025-08-10-use-postgresql.md');
    expect(await violations(page)).toEqual([]);
    await shot(page, 'record-mermaid');
    // An aborted record says so, with its reason and the finding about its footer.
    await page.goto(h.url('records/2025-08-06-nix-development-environment/'));
    expect(await page.locator('.notice-aborted').innerText()).toContain('Use Makefile + proto instead');
    expect(await page.locator('.notice-finding').innerText()).toContain('Unexpected status');
    await page.context().close();
  });

  it('reads without JavaScript: the whole table and list, no control that cannot work', async () => {
    for (const width of [1400, 375]) {
      const context = await h.context({ width, javaScriptEnabled: false });
      const page = await h.open('./', context);
      expect(await page.locator('table.decisions tbody tr:visible').count()).toBe(RECORDS);
      expect(await page.locator('#sidebar .side-link:visible').count()).toBe(RECORDS);
      for (const control of ['form[data-filters]', '[data-menu]', '[data-theme-toggle]', '.search-key', '#adr-side-filter']) {
        expect(await page.locator(control).isVisible(), `${control} at ${width}`).toBe(false);
      }
      expect(await sideways(page)).toBe(0);
      await shot(page, `overview-nojs-${width}`);
      await page.goto(h.url(POSTGRES));
      expect(await page.locator('pre code.language-mermaid').isVisible()).toBe(true);
      await context.close();
    }
  });

  it('runs no script from a hostile record (no dialog, no global set)', async () => {
    const page = await h.open('records/2025-01-01-hostile-html/');
    await page.mouse.move(400, 400);
    for (const text of ['javascript link', 'tabbed javascript', 'encoded', 'vbscript', 'data html', 'ref link']) {
      await page.getByText(text, { exact: true }).first().click();
    }
    expect(page.url()).toContain('/records/2025-01-01-hostile-html/');
    expect(await pwned(page)).toEqual([]);
    expect(await page.locator('iframe:not(.mermaid-frame), object, embed, svg script').count()).toBe(0);
    for (const path of ['./', 'actions/', 'search/?q=hostile']) {
      await page.goto(h.url(path));
      await page.waitForTimeout(300);
      expect(await pwned(page), path).toEqual([]);
    }
    expect(h.incidents.dialogs).toEqual([]);
    await page.context().close();
  });

  it('prints the record without navigation', async () => {
    const page = await h.open(POSTGRES);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#sidebar').isVisible()).toBe(false);
    expect(await page.locator('header.topbar').isVisible()).toBe(false);
    expect(await page.locator('h1').isVisible()).toBe(true);
    await page.context().close();
  });

  it('keeps text contrast at 4.5:1 or more in both themes, and focus visible', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const path of ['./', POSTGRES, 'actions/', 'timeline/']) {
        const page = await h.open(path, await h.context({ colorScheme }));
        const failures = await page.evaluate(() => {
          // rgb(0, 0, 0) and rgba(...), or color(srgb 0.1 0.2 0.3) where color-mix() made it.
          const parse = (c: string): number[] => {
            const numbers = (c.match(/[\d.]+/g) ?? []).map(Number);
            return c.startsWith('color(srgb') ? numbers.map((n, i) => (i < 3 ? n * 255 : n)) : numbers;
          };
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
          for (const el of document.querySelectorAll('main *, header *, footer *, aside *')) {
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
        // Keyboard focus shows.
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
        expect(outline, `${colorScheme} ${path}`).not.toBe('none');
        await page.context().close();
      }
    }
  });

  it('never reached for another host', () => {
    expect(h.incidents.foreign).toEqual([]);
  });
});
