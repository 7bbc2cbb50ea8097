// Shared by the browser tests: Debian's Chromium through playwright-core (never a downloaded
// browser), the built site served on 127.0.0.1, and a page that records what must never happen:
// a dialog, a request to another host, a Content-Security-Policy violation.
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../dist/site/serve.js';

/** Where screenshots go, for a person to look at (ignored by git). */
export const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', '.tmp', 'site');

/** The Chromium the tests drive. */
export const CHROMIUM = process.env.ADR_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null. */
export const noBrowser: string | null = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (npm test installs Debian's chromium when run as root)`;

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** What a page did that it must not. */
export interface Incidents {
  dialogs: string[];
  foreign: string[];
  violations: string[];
}

/** A browser and a server for one built site. */
export interface Harness {
  browser: Browser;
  server: RunningServer;
  incidents: Incidents;
  /** A fresh context (viewport, colour scheme, JavaScript) with every guard in place. */
  context(options?: { width?: number; height?: number; colorScheme?: 'light' | 'dark'; javaScriptEnabled?: boolean }): Promise<BrowserContext>;
  /** Opens a path of the site in a new page of `context` (or of a new default context). */
  open(path: string, context?: BrowserContext): Promise<Page>;
  url(path: string): string;
  close(): Promise<void>;
}

/** Starts Chromium and serves `dir`. */
export async function harness(dir: string, base = '/'): Promise<Harness> {
  await mkdir(SHOTS, { recursive: true });
  const server = await startServer({ dir, port: 0, base });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const incidents: Incidents = { dialogs: [], foreign: [], violations: [] };
  const origin = `http://127.0.0.1:${server.port}/`;
  const context: Harness['context'] = async (options = {}) => {
    const ctx = await browser.newContext({
      viewport: { width: options.width ?? 1400, height: options.height ?? 900 },
      colorScheme: options.colorScheme ?? 'light',
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    // Runs before any page script (through DevTools, so the pages' CSP does not apply to it).
    await ctx.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const list = ((window as unknown as { __adrViolations?: string[] }).__adrViolations ??= []);
        list.push(`${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
      });
    });
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin)) return route.continue();
      incidents.foreign.push(url);
      return route.abort();
    });
    ctx.on('page', (page) => watch(page, incidents));
    return ctx;
  };
  const url = (path: string): string => new URL(path.replace(/^\//, ''), server.url).href;
  return {
    browser,
    server,
    incidents,
    context,
    url,
    async open(path, ctx) {
      const page = await (ctx ?? (await context())).newPage();
      await page.goto(url(path));
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

function watch(page: Page, incidents: Incidents): void {
  page.on('dialog', (dialog) => {
    incidents.dialogs.push(`${dialog.type()}: ${dialog.message()} on ${page.url()}`);
    void dialog.dismiss();
  });
}

/** The CSP violations the page has seen so far (its own, and its frames' reported to it). */
export async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __adrViolations?: string[] }).__adrViolations ?? []);
}

/** Elements carrying an event-handler attribute, in the page and in every frame of it. */
export async function handlerAttributes(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const frame of page.frames()) {
    found.push(
      ...(await frame.evaluate(() =>
        [...document.querySelectorAll('*')].flatMap((el) =>
          [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName.toLowerCase()}[${a.name}="${a.value.slice(0, 60)}"] in ${location.pathname}`),
        ),
      )),
    );
  }
  return found;
}

/** A full-page screenshot under test/.tmp/site/. */
export async function shot(page: Page, name: string): Promise<void> {
  // From the top: a full-page picture of a scrolled page draws the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** How far the page scrolls sideways beyond its viewport (0 when it does not). */
export async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
