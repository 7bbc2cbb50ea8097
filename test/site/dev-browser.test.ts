// `adr site dev` in Chromium: the page a person has open shows a saved record, and a new record
// joins the sidebar, without a manual reload (the loader re-reads the log; the pages take their
// data from it through the one loader).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, noBrowser } from './browser-helpers.js';
import { tempCopy } from './helpers.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli', 'bin.js');
const RECORD = '2025-08-10-use-postgresql';

let cleanup: () => Promise<void> = async () => undefined;
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let url = '';
let log = '';

beforeAll(async () => {
  if (noBrowser) return;
  const temp = await tempCopy(['basic']);
  cleanup = temp.cleanup;
  log = join(temp.dir, 'basic');
  server = spawn(process.execPath, [BIN, 'site', 'dev', '--port', '0'], {
    cwd: log,
    env: { ...process.env, XDG_CACHE_HOME: join(temp.dir, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  url = await new Promise<string>((resolve, reject) => {
    server!.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /adr site dev: .* at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) resolve(match[1]);
    });
    server!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server!.on('exit', (code) => reject(new Error(`adr site dev exited (${code}):\n${output}`)));
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.on('exit', resolve));
    server.kill('SIGINT');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  await cleanup();
});

describe.skipIf(noBrowser)(`adr site dev in Chromium${noBrowser ? ` (skipped: ${noBrowser})` : ''}`, { timeout: 180_000 }, () => {
  it('shows a saved record in the open page, and a new record in its sidebar', async () => {
    const page = await browser!.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(url) ? route.continue() : route.abort()));
    await page.goto(new URL(`records/${RECORD}/`, url).href, { timeout: 120_000 });
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 60_000 }).toBe('Use PostgreSQL for Storage');
    // The dev client connects before a change can reach the page.
    await page.waitForTimeout(1500);

    const file = join(log, 'decisions', `${RECORD}.md`);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/^## Context & Problem\s*$/m, (heading) => `${heading}\n\nA sentence saved while the page was open.\n`));
    await expect.poll(() => page.locator('main').innerText(), { timeout: 60_000 }).toContain('A sentence saved while the page was open.');

    await writeFile(
      join(log, 'decisions', '2025-08-20-adopt-kafka.md'),
      '# Adopt Kafka\n\n## Decision Summary\n\n**Status**: ✅ Accepted\\\n**Date**: 2025-08-20\n\n---\n\n## Decision\n\nWe adopt Kafka.\n',
    );
    await expect.poll(() => page.locator('#sidebar .side-title').allTextContents(), { timeout: 60_000 }).toContain('Adopt Kafka');
    await page.close();
  });
});
