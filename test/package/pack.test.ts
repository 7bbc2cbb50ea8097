/**
 * The package as users get it: `npm pack`, install the tarball into an empty project, and run
 * `npx adr` / `npx adrkit` there on logs outside the repository. Catches a missing `files` entry,
 * a bin that points at an uncompiled file, a runtime import of a devDependency, and a CLI that
 * grew heavy: the install is held to the size and package budget of the light CLI (sizes, not
 * times: the seconds are measured by `npm run bench`, never asserted). Last, it does what a user
 * does next: `adr site build`, the one command that message prints, and the build again; the same
 * for `adr mcp` and the MCP SDK.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the bench's log generator is plain JavaScript.
import { ensureLog } from '../../bench/generate.mjs';
import { FEATURES } from '../../dist/optional-deps.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; peerDependencies: Record<string, string> };
/** The light CLI's budget (issue: ≤ 10 MB installed, ≤ 30 packages). */
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_PACKAGES = 30;

let work: string;
let app: string;
let tarball: string;
let packOutput: string;

/** Runs an installed bin as `npx <bin>` would (without npm's own start-up and warnings). */
function bin(name: string, args: string[], cwd: string) {
  return spawnSync(join(app, 'node_modules', '.bin', name), args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ADR_CACHE_DIR: join(work, 'cache'), XDG_CACHE_HOME: join(work, 'xdg'), NO_COLOR: '1' },
  });
}

/** Every installed package under `modules` (nested ones too), and the bytes of their files. */
function weigh(modules: string): { packages: string[]; bytes: number } {
  const packages: string[] = [];
  let bytes = 0;
  const walk = (dir: string, inModules: boolean): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const info = lstatSync(path);
      if (info.isSymbolicLink()) continue;
      if (info.isDirectory()) {
        if (inModules && !entry.name.startsWith('@') && !entry.name.startsWith('.') && existsSync(join(path, 'package.json'))) packages.push(path.slice(modules.length + 1));
        walk(path, entry.name === 'node_modules' || (inModules && entry.name.startsWith('@')));
      } else bytes += info.size;
    }
  };
  walk(modules, true);
  return { packages, bytes };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'adr-pack-'));
  // Plain `npm pack`, as the pre-commit framework runs it to install the adr-check hook: it takes
  // the whole of stdout as the tarball's name, so the prepack build must print nothing there.
  packOutput = execFileSync('npm', ['pack', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const name = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!name) throw new Error('npm pack wrote no tarball');
  tarball = join(work, name);
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  // Offline first: the registry is only asked for what the npm cache lacks.
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
  mkdirSync(join(app, 'decisions'));
  writeFileSync(
    join(app, 'decisions', '0001-use-adr.md'),
    '# 1. Use adr\n\nDate: 2026-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWe need a log.\n',
  );
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }), 120_000);

describe('the packed package', () => {
  it('ships the compiled CLI, the site sources, the schemas and no tests', () => {
    const listing = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const files: string[] = JSON.parse(listing)[0].files.map((f: { path: string }) => f.path);
    expect(files).toContain('dist/cli/bin.js');
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('schemas/config.schema.json');
    expect(files).toContain('schemas/list.schema.json');
    expect(files).toContain('schemas/check.schema.json');
    expect(files.some((f) => f.startsWith('site/pages/'))).toBe(true);
    expect(files.some((f) => f.startsWith('test/'))).toBe(false);
    expect(files.some((f) => f.startsWith('src/'))).toBe(false);
    expect(files.some((f) => f.startsWith('bench/'))).toBe(false);
  }, 60_000);

  it('names only the tarball on the stdout of npm pack (what pre-commit reads)', () => {
    expect(packOutput).toBe(`${PKG.name}-${PKG.version}.tgz\n`);
  });

  it(`installs light: at most ${MAX_PACKAGES} packages and ${MAX_BYTES / 1024 / 1024} MB, none of the site's`, () => {
    const { packages, bytes } = weigh(join(app, 'node_modules'));
    expect(packages).toContain(PKG.name);
    expect(packages.length, packages.join(', ')).toBeLessThanOrEqual(MAX_PACKAGES);
    expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
    for (const heavy of [...Object.keys(PKG.peerDependencies), 'vite', 'esbuild', 'rollup']) expect(packages, heavy).not.toContain(heavy);
  });

  it('runs as `npx adr` and `npx adrkit` from an empty project, naming itself in --version', () => {
    for (const name of ['adr', 'adrkit']) {
      const version = bin(name, ['--version'], app);
      expect(version.status).toBe(0);
      expect(version.stdout).toBe(`${PKG.name} ${PKG.version}\n`);
    }
    const list = bin('adr', ['list', '--json'], app);
    expect(list.stderr).toBe('');
    expect(list.status).toBe(0);
    const records = JSON.parse(list.stdout);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: '1', title: 'Use adr', dialect: 'nygard', status: 'accepted', date: '2026-01-02' });
    const check = bin('adr', ['check'], app);
    expect(check.status, check.stdout + check.stderr).toBe(0);
  }, 60_000);

  it('checks a 100-record log with the light install', () => {
    const manifest = ensureLog({ format: 'summary', size: 100, out: join(work, 'logs') }) as { root: string };
    const check = bin('adrkit', ['check', '--format', 'json'], manifest.root);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout)).toEqual([]);
    const list = bin('adr', ['list', '--json'], manifest.root);
    expect(JSON.parse(list.stdout)).toHaveLength(100);
  }, 60_000);

  it('exposes the typed API to importers', () => {
    const script = `import('${PKG.name}').then((m) => m.readLog({ cwd: process.cwd() })).then((log) => console.log(log.decisions[0].title))`;
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8', env: { ...process.env, ADR_CACHE_DIR: join(work, 'cache') } });
    expect(out.stderr).toBe('');
    expect(out.stdout.trim()).toBe('Use adr');
  }, 60_000);

  it('says how to get the site packages, and that one command is all a site build needs', () => {
    const first = bin('adr', ['site', 'build'], app);
    expect(first.status).toBe(1);
    const lines = first.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^adr site: building the site needs Astro, Pagefind and remark, .*then run `adr site build` again:$/);
    const command = lines[1].trim();
    expect(command).toMatch(/^npm install --save-dev (astro@5\.\d+) /);
    expect(existsSync(join(app, '.site'))).toBe(false);

    // What the user does next: the command as printed, then the build again.
    execFileSync('sh', ['-c', command.replace('npm install', 'npm install --prefer-offline --no-audit --no-fund')], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
    const saved = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(Object.keys(saved.devDependencies).sort()).toEqual([...FEATURES.site.packages].sort());
    const second = bin('adr', ['site', 'build'], app);
    expect(second.stderr + second.stdout).toMatch(/done in/);
    expect(second.status).toBe(0);
    const index = readFileSync(join(app, '.site', 'index.html'), 'utf8');
    expect(index).toContain('Use adr');
    expect(existsSync(join(app, '.site', 'pagefind'))).toBe(true);
  }, 300_000);

  it('says how to get the MCP SDK, and that one command is all adr mcp needs', () => {
    const first = bin('adr', ['mcp'], app);
    expect(first.status).toBe(1);
    expect(first.stdout).toBe('');
    const lines = first.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^adr mcp: running the MCP server needs the MCP SDK and zod, .*then run `adr mcp` again:$/);
    const command = lines[1].trim();
    // zod may be there already (Astro brings one in range): then the command names the SDK alone.
    expect(command).toMatch(/^npm install --save-dev @modelcontextprotocol\/sdk@1(?: 'zod@\^3\.25\.0 \|\| \^4\.0\.0')?$/);

    const before = weigh(join(app, 'node_modules')).packages.length;
    execFileSync('sh', ['-c', command.replace('npm install', 'npm install --prefer-offline --no-audit --no-fund')], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
    const saved = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    for (const name of FEATURES.mcp.packages) if (command.includes(` ${name}@`) || command.includes(` '${name}@`)) expect(Object.keys(saved.devDependencies)).toContain(name);
    // What the README says it adds: about a hundred packages (98 with npm 10).
    const added = weigh(join(app, 'node_modules')).packages.length - before;
    expect(added).toBeGreaterThan(50);
    expect(added).toBeLessThan(150);

    // A client's first words; the server answers them and exits when stdin closes.
    const hello = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'pack-test', version: '0' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list', arguments: {} } },
    ];
    const served = spawnSync(join(app, 'node_modules', '.bin', 'adr'), ['mcp'], {
      cwd: app,
      encoding: 'utf8',
      input: `${hello.map((l) => JSON.stringify(l)).join('\n')}\n`,
      timeout: 60_000,
      env: { ...process.env, ADR_CACHE_DIR: join(work, 'cache'), XDG_CACHE_HOME: join(work, 'xdg'), NO_COLOR: '1' },
    });
    expect(served.status, served.stderr).toBe(0);
    const answers = served.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; result: { serverInfo?: { name: string }; content?: Array<{ text: string }> } });
    expect(answers.find((a) => a.id === 1)?.result.serverInfo?.name).toBe('adr');
    expect(JSON.parse(answers.find((a) => a.id === 2)!.result.content![0].text).records[0].title).toBe('Use adr');
  }, 300_000);
});
