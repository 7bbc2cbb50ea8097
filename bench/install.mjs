// The install part of `npm run bench` (`node bench/run.mjs --only install` runs it alone): what a
// CI step pays before `adr check` can run. The package is packed with `npm pack` and installed
// into an empty project with a cold npm cache (a fresh `--cache` folder per run), next to
// markdownlint-cli2 installed the same way as the anchor; then `npx <bin>` runs on a 100-record
// log there. Also measured: the one command `adr site build` prints, which brings the site's
// packages. Sizes are the bytes of the installed files (apparent size) and, beside them, the disk
// usage (`du`); packages are the folders with a package.json under node_modules, nested ones too.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The budget of the light CLI (issue: ≤ 10 MB installed, ≤ 30 packages). */
export const INSTALL_BUDGET = { bytes: 10 * 1024 * 1024, packages: 30 };

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function timed(cmd, args, options) {
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/** Packages and bytes under a node_modules folder (symbolic links not followed). */
export function weigh(modules) {
  const packages = [];
  let bytes = 0;
  const walk = (dir, inModules) => {
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
  if (existsSync(modules)) walk(modules, true);
  const du = spawnSync('du', ['-sk', modules], { encoding: 'utf8' });
  const diskKB = du.status === 0 ? Number(du.stdout.split('\t')[0]) : null;
  return { packages, bytes, diskKB };
}

/** A fresh empty project with its own cold npm cache. */
function freshProject(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'bench-install', private: true }, null, 2)}\n`);
  const cache = `${dir}-npm-cache`;
  rmSync(cache, { recursive: true, force: true });
  return cache;
}

const NPM_QUIET = ['--no-audit', '--no-fund', '--update-notifier=false', '--loglevel=error'];

/**
 * Installs `spec` into a fresh project `runs` times (each with a cold cache) and weighs the last
 * install; returns the timings, the weight and the project folder (left installed).
 */
function installRuns(spec, dir, runs, log) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const cache = freshProject(dir);
    const r = timed('npm', ['install', '--cache', cache, ...NPM_QUIET, spec], { cwd: dir });
    if (r.status !== 0) throw new Error(`npm install ${spec} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-5).join(' | ')}`);
    times.push(r.ms);
    log(`bench: install ${spec.split('/').pop()} run ${i + 1}/${runs}: ${(r.ms / 1000).toFixed(1)} s`);
    rmSync(cache, { recursive: true, force: true });
  }
  return { times, ...weigh(join(dir, 'node_modules')) };
}

/** Runs `npx <bin> <args>` in `cwd` `runs` times; `before` runs before each (to empty a cache). */
function npxRuns(bin, args, cwd, runs, env, before = () => {}) {
  const times = [];
  let last = null;
  for (let i = 0; i < runs; i++) {
    before();
    // --no-install: the bin must come from the project, never from the registry.
    last = timed('npx', ['--no-install', bin, ...args], { cwd, env: { ...process.env, ...env } });
    if (last.error) throw last.error;
    times.push(last.ms);
  }
  return { times, status: last?.status ?? null, out: `${last?.stdout ?? ''}${last?.stderr ?? ''}`.trim().split('\n').slice(-2).join(' ') };
}

/**
 * Measures the install of the package (packed from `root`) and of the anchor, and `npx … check`
 * on the 100-record log at `logRoot`, in a temporary folder outside the repository (a project
 * inside it would find the repository's own node_modules), removed afterwards.
 */
export function measureInstall({ root, logRoot, runs = 3, npxRunsCount = 5, site = true, log = () => {} }) {
  const out = mkdtempSync(join(tmpdir(), 'adr-bench-install-'));
  try {
    return measureIn(out, { root, logRoot, runs, npxRunsCount, site, log });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function measureIn(out, { root, logRoot, runs, npxRunsCount, site, log }) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const packed = execFileSync('npm', ['pack', '--pack-destination', out], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').pop();
  const tarball = join(out, packed);
  const tarballBytes = lstatSync(tarball).size;
  const rows = [];
  const env = { NO_COLOR: '1', ADR_NOW: '2026-01-15T12:00:00Z' };

  // The package as a CI step installs it.
  const app = join(out, 'adrkit');
  const ours = installRuns(tarball, app, runs, log);
  cpSync(logRoot, app, { recursive: true });
  const adrCache = join(out, 'adr-cache');
  const firstCheck = npxRuns(pkg.name, ['check'], app, npxRunsCount, { ...env, ADR_CACHE_DIR: adrCache }, () => rmSync(adrCache, { recursive: true, force: true }));
  const warmCheck = npxRuns(pkg.name, ['check'], app, npxRunsCount, { ...env, ADR_CACHE_DIR: adrCache });
  rows.push({ id: 'adrkit', label: `${pkg.name} ${pkg.version} (packed tarball)`, ...ours, command: `npx ${pkg.name} check`, first: firstCheck, warm: warmCheck });

  // The anchor: a markdown linter a CI step might run instead, installed the same way.
  const anchorDir = join(out, 'markdownlint-cli2');
  const anchor = installRuns('markdownlint-cli2', anchorDir, runs, log);
  const anchorVersion = JSON.parse(readFileSync(join(anchorDir, 'node_modules', 'markdownlint-cli2', 'package.json'), 'utf8')).version;
  cpSync(logRoot, anchorDir, { recursive: true });
  const lint = npxRuns('markdownlint-cli2', ['decisions/**/*.md', 'DECISIONS.md'], anchorDir, npxRunsCount, env);
  rows.push({ id: 'markdownlint-cli2', label: `markdownlint-cli2 ${anchorVersion} (anchor)`, ...anchor, command: 'npx markdownlint-cli2 "decisions/**/*.md" DECISIONS.md', first: lint, warm: null });

  // What `adr site build` asks for, run in the same project: the site's packages on top.
  let siteRow = null;
  if (site) {
    const message = timed('npx', ['--no-install', pkg.name, 'site', 'build'], { cwd: app, env: { ...process.env, ...env, ADR_CACHE_DIR: adrCache } });
    const command = message.stderr.trim().split('\n').pop()?.trim() ?? '';
    if (message.status === 1 && /^npm install --save-dev /.test(command)) {
      const before = weigh(join(app, 'node_modules'));
      const cache = `${app}-site-npm-cache`;
      rmSync(cache, { recursive: true, force: true });
      const words = command.split(' ').slice(2);
      const r = timed('npm', ['install', '--cache', cache, ...NPM_QUIET, ...words], { cwd: app });
      rmSync(cache, { recursive: true, force: true });
      const after = weigh(join(app, 'node_modules'));
      siteRow = { command, ms: r.ms, ok: r.status === 0, packages: after.packages.length - before.packages.length, bytes: after.bytes - before.bytes, diskKB: after.diskKB !== null && before.diskKB !== null ? after.diskKB - before.diskKB : null };
      log(`bench: the site's packages: ${(r.ms / 1000).toFixed(1)} s`);
    } else siteRow = { command: null, note: `adr site build did not print an npm install command (exit ${message.status}): ${message.stderr.trim().slice(0, 200)}` };
  }
  return { measuredAt: new Date().toISOString(), node: process.version, npm: execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim(), tarball: packed, tarballBytes, runs, rows, site: siteRow };
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const s = (ms) => (ms === null || ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`);
const range = (times) => (times.length > 1 ? ` (${s(Math.min(...times))}–${s(Math.max(...times))})` : '');

/** The install section of bench/results.md. */
export function installSection(install) {
  const lines = ['## Install', ''];
  if (!install) {
    lines.push('Not measured yet: `node bench/run.mjs --only install` measures it (about a minute on a quiet machine).', '');
    return lines;
  }
  lines.push(
    `\`npm pack\` (${install.tarball}, ${(install.tarballBytes / 1024).toFixed(0)} KB), then \`npm install <tarball>\` into an empty project with a cold npm cache (a fresh \`--cache\` folder each run), ${install.runs} run${install.runs === 1 ? '' : 's'}, median (min–max); Node ${install.node}, npm ${install.npm}; measured ${install.measuredAt.replace(/\.\d+Z$/, 'Z')}. The 100-record log is bench/generate.mjs's summary log. "First run" empties adr's cache before each run (what a CI job sees); "warm" keeps it.`,
    '',
    '| package | packages installed | installed size (disk) | install, cold npm cache | command on the 100-record log | first run | warm |',
    '| --- | ---: | ---: | ---: | --- | ---: | ---: |',
  );
  for (const row of install.rows) {
    lines.push(`| ${row.label} | ${row.packages.length} | ${mb(row.bytes)} (${row.diskKB !== null ? mb(row.diskKB * 1024) : '-'}) | ${s(median(row.times))}${range(row.times)} | \`${row.command}\` | ${s(median(row.first.times))}${range(row.first.times)} | ${row.warm ? `${s(median(row.warm.times))}${range(row.warm.times)}` : '-'} |`);
  }
  const ours = install.rows.find((r) => r.id === 'adrkit');
  if (ours) {
    const ok = ours.packages.length <= INSTALL_BUDGET.packages && ours.bytes <= INSTALL_BUDGET.bytes;
    lines.push('', `Budget of the light CLI: ≤ ${INSTALL_BUDGET.packages} packages and ≤ ${mb(INSTALL_BUDGET.bytes)}: **${ok ? 'PASS' : 'FAIL'}** (${ours.packages.length} packages, ${mb(ours.bytes)}: ${ours.packages.join(', ')}).`);
    const anchor = install.rows.find((r) => r.id === 'markdownlint-cli2');
    if (anchor) lines.push(`Against the anchor: ${(ours.bytes / anchor.bytes).toFixed(2)} × its size, ${ours.packages.length} vs ${anchor.packages.length} packages, ${(median(ours.times) / median(anchor.times)).toFixed(2)} × its install time. (markdownlint-cli2 exits ${anchor.first.status} on this log: it reports markdown style, a different job; it is here for the weight of a CI step.)`);
  }
  if (install.site) {
    if (install.site.command) {
      lines.push('', `The site's packages, installed with the one command \`adr site build\` prints (\`${install.site.command}\`, cold cache) in that project: ${install.site.ok ? '' : '**failed**, '}${install.site.packages} more packages, ${mb(install.site.bytes)}${install.site.diskKB !== null ? ` (${mb(install.site.diskKB * 1024)} on disk)` : ''}, ${s(install.site.ms)}. Only \`adr site\` needs them.`);
    } else lines.push('', `The site's packages: ${install.site.note}`);
  }
  lines.push('');
  return lines;
}
