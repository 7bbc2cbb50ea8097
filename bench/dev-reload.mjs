#!/usr/bin/env node
// How long `adr site dev` takes to show a saved record in the page a person has open, measured in
// Debian's Chromium (playwright-core): start the dev server on a copy of a generated log, open a
// record's page, then save the record several times with a new sentence and time each save until
// the open page shows it (the content layer re-reads the file, Vite tells the page, the page
// reloads). Prints one JSON line: { startMs, reloadMs: [...] }.
//
//   node bench/dev-reload.mjs <generated log root> <work folder>
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'bin.js');
const SAVES = Number(process.env.BENCH_DEV_SAVES ?? 5);
const [source, work] = process.argv.slice(2);
if (!source || !work) {
  console.error('usage: node bench/dev-reload.mjs <generated log root> <work folder>');
  process.exit(2);
}
rmSync(work, { recursive: true, force: true });
const root = join(work, 'log');
cpSync(source, root, { recursive: true });
const dir = join(root, 'decisions');
// A record in the middle of the log, so neither end of any list favours it.
const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
const file = files[Math.floor(files.length / 2)];
const path = join(dir, file);
const original = readFileSync(path, 'utf8');

const started = performance.now();
const server = spawn(process.execPath, [BIN, 'site', 'dev', '--port', '0'], {
  cwd: root,
  env: { ...process.env, XDG_CACHE_HOME: join(work, 'xdg'), ASTRO_TELEMETRY_DISABLED: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
const url = await new Promise((resolve, reject) => {
  const seen = (chunk) => {
    output += chunk;
    const match = /adr site dev: .* at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
    if (match) resolve(match[1]);
  };
  server.stdout.on('data', seen);
  server.stderr.on('data', (chunk) => (output += chunk));
  server.on('exit', (code) => reject(new Error(`adr site dev exited (${code}):\n${output.slice(-2000)}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.ADR_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const result = { startMs: 0, reloadMs: [] };
try {
  const page = await browser.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith(new URL(url).origin) ? route.continue() : route.abort()));
  await page.goto(new URL(`records/${file.replace(/\.md$/, '')}/`, url).href, { timeout: 600_000 });
  await page.waitForSelector('h1', { timeout: 600_000 });
  result.startMs = Math.round(performance.now() - started);
  // Vite's client must be connected before a save can reach the page.
  await page.waitForTimeout(2000);
  for (let i = 1; i <= SAVES; i++) {
    const marker = `Benchmark sentence ${i} ${Date.now()}.`;
    const changed = original.replace(/^## Context & Problem\s*$/m, (heading) => `${heading}\n\n${marker}\n`);
    if (changed === original) throw new Error(`no Context section in ${file}`);
    const t0 = performance.now();
    writeFileSync(path, changed);
    await page.waitForFunction((text) => document.body?.innerText.includes(text), marker, { timeout: 120_000, polling: 20 });
    result.reloadMs.push(Math.round(performance.now() - t0));
    await page.waitForTimeout(1000);
  }
} finally {
  await browser.close();
  writeFileSync(path, original);
  server.kill('SIGINT');
  await new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      resolve();
    }, 15_000);
    server.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
console.log(JSON.stringify(result));
