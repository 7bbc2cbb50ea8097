/**
 * The package as users get it: `npm pack`, install the tarball into an empty folder, and run
 * `npx adr` there on a log outside the repository. Catches a missing `files` entry, a bin that
 * points at an uncompiled file, or a runtime import of a devDependency.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
let work: string;
let app: string;

/** Runs the installed bin as `npx adr` would (without npm's own warnings on stderr). */
function npx(args: string[], cwd: string) {
  return spawnSync(join(app, 'node_modules', '.bin', 'adr'), args, { cwd, encoding: 'utf8', env: { ...process.env, ADR_CACHE_DIR: join(work, 'cache') } });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'adr-pack-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  // Offline first: the registry is only asked for what the npm cache lacks.
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(work, tarball)], {
    cwd: app,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  mkdirSync(join(app, 'decisions'));
  writeFileSync(
    join(app, 'decisions', '0001-use-adr.md'),
    '# 1. Use adr\n\nDate: 2026-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWe need a log.\n',
  );
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships the compiled CLI, the site sources and no tests', () => {
    const listing = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const files: string[] = JSON.parse(listing)[0].files.map((f: { path: string }) => f.path);
    expect(files).toContain('dist/cli/bin.js');
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files.some((f) => f.startsWith('site/pages/'))).toBe(true);
    expect(files.some((f) => f.startsWith('test/'))).toBe(false);
    expect(files.some((f) => f.startsWith('src/'))).toBe(false);
  }, 60_000);

  it('runs `npx adr` from an empty project', () => {
    const version = npx(['--version'], app);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const list = npx(['list', '--json'], app);
    expect(list.stderr).toBe('');
    expect(list.status).toBe(0);
    const records = JSON.parse(list.stdout);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: '1', title: 'Use adr', dialect: 'nygard', status: 'accepted', date: '2026-01-02' });
    const check = npx(['check'], app);
    expect(check.status, check.stdout + check.stderr).toBe(0);
  }, 60_000);

  it('exposes the typed API to importers', () => {
    const script = "import('adr').then((m) => m.readLog({ cwd: process.cwd() })).then((log) => console.log(log.decisions[0].title))";
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8', env: { ...process.env, ADR_CACHE_DIR: join(work, 'cache') } });
    expect(out.stderr).toBe('');
    expect(out.stdout.trim()).toBe('Use adr');
  }, 60_000);
});
