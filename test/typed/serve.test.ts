/**
 * `adr site serve`, then Ctrl-C, typed in a terminal: the server answers while it runs, Ctrl-C
 * stops it (the usual way to end a server: exit 0, one line saying so) and the port is free again.
 * The site is a minimal built one (its marker and a page): building with Astro is tested elsewhere.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cannotType, freshRepo, Terminal } from './terminal.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** Whether something can listen on `port` of 127.0.0.1 (nobody holds it). */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe.skipIf(cannotType !== '')(`adr site serve in a terminal${cannotType ? ` (skipped: ${cannotType})` : ''}`, () => {
  it('serves until Ctrl-C, then says it stopped, exits 0 and frees the port', async () => {
    const repo = freshRepo();
    cleanup = repo.cleanup;
    mkdirSync(join(repo.root, '.site'));
    writeFileSync(join(repo.root, '.site', '.adr-site.json'), JSON.stringify({ generator: 'adr', base: '/', logs: [] }));
    writeFileSync(join(repo.root, '.site', 'index.html'), '<!doctype html><title>Decisions</title><h1>Decisions</h1>\n');
    const t = new Terminal(['site', 'serve', '--port', '0'], { cwd: repo.root, env: { ADR_NOW: '2026-12-03T12:00:00Z' } });
    await t.waitFor(/\(Ctrl\+C stops\)/, 30_000);
    const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(t.screen.text())![1];
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>Decisions</h1>');
    await t.press('ctrl-c');
    expect(await t.exit()).toBe(0);
    expect(t.screen.text()).toMatch(/\nadr site serve: stopped$/);
    expect(t.screen.text()).not.toMatch(/error|\n\s+at /i);
    expect(await portFree(Number(new URL(url).port))).toBe(true);
  }, 60_000);
});
