#!/usr/bin/env node
// `npm run bench`: times whole `adr` processes on generated logs, next to the floor
// (remark parsing every file), a bare Astro build and adr-tools, in one run on the same files,
// and writes bench/results.md with the table, the goal ratios (PASS/FAIL) and growth with N.
//
//   node bench/run.mjs [--sizes 100,1000,10000] [--formats summary,nygard] [--only check,new]
//                      [--quick] [--runs N] [--out bench/results.md] [--no-install] [--merge]
// --merge adds this run's rows to those of the previous run (bench/out/results.json), replacing
// rows of the same log, size and operation: a long run can be completed in parts.
// --report-only rewrites bench/results.md from bench/out/results.json without measuring.
// --only install measures only the install part (bench/install.mjs): npm pack, install into an
// empty project with a cold npm cache, size, package count, seconds, `npx adrkit check` on a
// 100-record log, markdownlint-cli2 installed the same way as the anchor, and the site's packages.
//
// Every measurement is a fresh process (spawned with cwd set to the generated project), timed
// from spawn to exit, with its peak resident memory from GNU time (or a node preload).
// Cases that change the log (new, abort, overview) run on a copy that is restored after each run.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync, cpSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync,
} from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureLog, BENCH_NOW } from './generate.mjs';
import { ensureAffectedProject } from './affected.mjs';
import { ensureGitLog } from './git-history.mjs';
import { installSection, measureInstall } from './install.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const OUT = join(BENCH, 'out');
// The adr under test runs from a snapshot of bin/ + dist/ (bench/out/app), so a rebuild of dist/
// by someone else during a long run cannot swap the code between two measurements.
const APP = join(OUT, 'app');
const BIN = join(APP, 'dist', 'cli', 'bin.js');
const ADR_TOOLS = '/usr/bin/adr';
const GNU_TIME = '/usr/bin/time';
const TOC_MAX_SIZE = 1000; // adr-tools `generate toc` forks per file: ~15 min at 5,000 (TOOLCHAIN.md)
// One run of `generate toc` on 1,000 is 142 s on a quiet machine; on a loaded one it was 800 s. It is
// stopped at this bound, which still decides the goal (a lower bound on its time).
const TOC_TIMEOUT_MS = Number(process.env.BENCH_TOC_TIMEOUT_S ?? 300) * 1000;

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string' },
    formats: { type: 'string', default: 'summary,nygard' },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    out: { type: 'string', default: join(BENCH, 'results.md') },
    'no-install': { type: 'boolean', default: false },
    merge: { type: 'boolean', default: false },
    'report-only': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (flags.help) {
  const source = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1);
  console.log(source.slice(0, source.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
const SIZES = (flags.sizes ?? (flags.quick ? '100,1000' : '100,1000,10000')).split(',').map((s) => Number(s.trim()));
const FORMATS = flags.formats.split(',').map((s) => s.trim());
// Each group brings the yardstick its goal is measured against: a ratio needs both sides.
const GROUPS = {
  list: ['list'],
  check: ['check-cold', 'check-fill', 'check-warm', 'floor', 'node'],
  new: ['new', 'adrtools-new'],
  abort: ['abort'],
  affected: ['affected-base', 'affected-files', 'list', 'node'],
  overview: ['overview', 'adrtools-toc'],
  site: ['site', 'astro', 'dev-reload'],
  // adr site dev: a saved record shown in the open page (bench/dev-reload.mjs), at 1,000 records.
  dev: ['dev-reload'],
  // The site build alone, for adding it to a run (--merge) that has the bare Astro row already.
  'site-only': ['site'],
  floor: ['floor'],
  astro: ['astro'],
  'adr-tools': ['adrtools-new', 'adrtools-toc'],
  git: ['git-diff-cold', 'git-diff', 'git-history-cold', 'git-history', 'git-list-history-cold', 'git-list-history', 'git-log'],
  install: ['install'],
};
const ONLY = flags.only
  ? new Set(flags.only.split(',').flatMap((g) => {
    if (!GROUPS[g.trim()]) {
      console.error(`bench: unknown --only group '${g}' (known: ${Object.keys(GROUPS).join(', ')})`);
      process.exit(2);
    }
    return GROUPS[g.trim()];
  }))
  : null;
const wanted = (id) => !ONLY || ONLY.has(id);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function log(message) {
  process.stderr.write(`${message}\n`);
}

function aptInstall(pkg) {
  if (flags['no-install'] || !isRoot) return false;
  log(`bench: installing Debian package ${pkg} (apt-get install -y ${pkg})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], { stdio: 'inherit', env });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], { stdio: 'inherit', env });
  }
  return r.status === 0;
}

// ---- measuring one process ------------------------------------------------------------

let haveTime = existsSync(GNU_TIME);
if (!haveTime) haveTime = aptInstall('time') && existsSync(GNU_TIME);
const MEMORY_SOURCE = haveTime ? 'GNU time (max RSS)' : 'node preload (process.resourceUsage().maxRSS; none for adr-tools)';

/**
 * Runs one process to completion; returns wall time, peak RSS (KB or null), exit code, and the
 * head and tail of its output for notes. Stdout goes to a file: `list --json` on 10,000 is large.
 */
function measure({ cmd, args, cwd, env, timeoutMs }) {
  mkdirSync(join(OUT, 'tmp'), { recursive: true });
  const stdoutFile = join(OUT, 'tmp', 'stdout.txt');
  const rssFile = join(OUT, 'tmp', 'rss.txt');
  rmSync(rssFile, { force: true });
  let command = cmd;
  let argv = args;
  const fullEnv = { ...process.env, ...env };
  if (!haveTime && cmd === process.execPath) {
    argv = ['--require', join(BENCH, 'maxrss.cjs'), ...argv];
    fullEnv.BENCH_MAXRSS_FILE = rssFile;
  }
  if (timeoutMs) {
    // coreutils timeout signals the whole process group (adr-tools forks per file), then exits 124.
    argv = ['-s', 'TERM', '-k', '5', String(Math.ceil(timeoutMs / 1000)), command, ...argv];
    command = 'timeout';
  }
  if (haveTime) {
    argv = ['-f', '%U %S %M', '-o', rssFile, command, ...argv];
    command = GNU_TIME;
  }
  const fd = openSync(stdoutFile, 'w');
  const started = process.hrtime.bigint();
  const r = spawnSync(command, argv, { cwd, env: fullEnv, stdio: ['ignore', fd, 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  closeSync(fd);
  let peakKB = null;
  let cpuMs = null;
  if (existsSync(rssFile)) {
    // GNU time writes "Command exited with non-zero status N" before the format line; the
    // preload writes the KB alone.
    const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
    const fields = lines[lines.length - 1].trim().split(/\s+/).map(Number);
    const kb = fields[fields.length - 1];
    if (Number.isFinite(kb) && kb > 0) peakKB = kb;
    if (fields.length === 3 && fields.every(Number.isFinite)) cpuMs = (fields[0] + fields[1]) * 1000;
  }
  const stdout = readFileSync(stdoutFile);
  return {
    ms,
    peakKB,
    cpuMs,
    code: r.status ?? (r.signal ? 128 : 1),
    stdoutBytes: stdout.length,
    stdout: stdout.length < 256 * 1024 * 1024 ? stdout.toString('utf8') : '',
    stderr: (r.stderr ?? Buffer.alloc(0)).toString('utf8'),
    error: r.error ? String(r.error.message) : null,
    timedOut: Boolean(timeoutMs) && (r.status === 124 || r.status === 137),
  };
}

/** Copies bin/, dist/ and package.json to bench/out/app and links what they resolve at run time. */
function snapshotApp() {
  rmSync(APP, { recursive: true, force: true });
  mkdirSync(APP, { recursive: true });
  for (const name of ['dist']) cpSync(join(ROOT, name), join(APP, name), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(APP, 'package.json'));
  for (const name of ['node_modules', 'site', 'astro.config.mjs']) {
    if (existsSync(join(ROOT, name))) symlinkSync(join(ROOT, name), join(APP, name));
  }
}

// ---- copies of a log for the cases that write ------------------------------------------

function walk(dir, base = dir, out = new Map()) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, base, out);
    else {
      const st = statSync(path);
      out.set(relative(base, path), `${st.size}:${st.mtimeMs}`);
    }
  }
  return out;
}

/** A working copy of a generated project, restored file by file after each mutating run. */
function workCopy(pristine, name) {
  const dir = join(OUT, 'work', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  cpSync(pristine, dir, { recursive: true });
  let snapshot = walk(dir);
  return {
    dir,
    restore() {
      const now = walk(dir);
      let changed = 0;
      for (const [rel, stamp] of now) {
        if (!snapshot.has(rel)) {
          unlinkSync(join(dir, rel));
          changed++;
        } else if (snapshot.get(rel) !== stamp) {
          copyFileSync(join(pristine, rel), join(dir, rel));
          changed++;
        }
      }
      for (const rel of snapshot.keys()) {
        if (!now.has(rel)) {
          mkdirSync(dirname(join(dir, rel)), { recursive: true });
          copyFileSync(join(pristine, rel), join(dir, rel));
          changed++;
        }
      }
      if (changed > 0) snapshot = walk(dir);
      return changed;
    },
  };
}

// ---- which commands exist -----------------------------------------------------------------

const helpCache = new Map();
/** The `--help` text of an adr command, or null when the command is not there (yet). */
function adrHelp(words) {
  const key = words.join(' ');
  if (!helpCache.has(key)) {
    const r = spawnSync(process.execPath, [BIN, ...words, '--help'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const text = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    helpCache.set(key, r.status === 0 && !/unknown command/i.test(text) ? text : null);
  }
  return helpCache.get(key);
}

// ---- the cases ------------------------------------------------------------------------------

const ADR_ENV = { ADR_NOW: BENCH_NOW, NO_COLOR: '1', EDITOR: 'true', VISUAL: 'true', ASTRO_TELEMETRY_DISABLED: '1' };

function adrCase(id, label, words, extra) {
  return { id, label, tool: 'adr', cmd: process.execPath, args: [BIN, ...words], available: () => (adrHelp(words.slice(0, words[0] === 'site' ? 2 : 1)) ? true : `\`adr ${words[0] === 'site' ? 'site build' : words[0]}\` not in the tree yet`), ...extra };
}

function casesFor(manifest) {
  const { format, size, root } = manifest;
  const logDir = join(root, manifest.logDir);
  const cacheDir = join(OUT, 'cache', `${format}-${size}`);
  const env = { ...ADR_ENV, ADR_CACHE_DIR: cacheDir, XDG_CACHE_HOME: join(OUT, 'xdg') };
  const cases = [];
  let copy = null;
  const onCopy = () => {
    copy ??= workCopy(root, `${format}-${size}`);
    return copy;
  };
  const copyCwd = () => onCopy().dir;
  const restore = () => copy?.restore();

  // What any node process costs here before it does anything: the bound under every adr figure.
  cases.push({ id: 'node', label: 'node start-up alone (`node -e 0`)', tool: 'node', cmd: process.execPath, args: ['-e', '0'], cwd: root, env: {} });
  cases.push({
    id: 'floor', label: 'floor: read + remark-parse + remark-gfm, 1 thread', tool: 'floor', cmd: process.execPath,
    args: [join(BENCH, 'floor.mjs'), logDir, ...(format === 'summary' ? [join(root, 'DECISIONS.md')] : [])], cwd: root, env: {},
  });
  cases.push(adrCase('list', '`adr list --json`', ['list', '--json'], {
    cwd: root, env,
    check(result) {
      try {
        const data = JSON.parse(result.stdout);
        const n = Array.isArray(data) ? data.length : Array.isArray(data.decisions) ? data.decisions.length : Array.isArray(data.records) ? data.records.length : null;
        return n === null || n === size ? null : `listed ${n} records, expected ${size}`;
      } catch {
        return result.stdoutBytes > 0 ? 'output is not JSON' : 'no output';
      }
    },
  }));
  cases.push(adrCase('check-cold', '`adr check --no-cache` (cold)', ['check', '--no-cache'], { cwd: root, env, okCodes: [0, 1] }));
  const fillCache = join(OUT, 'cache', `${format}-${size}-fill`);
  cases.push(adrCase('check-fill', '`adr check` (first run: fills the cache)', ['check'], {
    cwd: root, env: { ...env, ADR_CACHE_DIR: fillCache }, okCodes: [0, 1],
    before() {
      rmSync(fillCache, { recursive: true, force: true });
    },
  }));
  cases.push(adrCase('check-warm', '`adr check` (warm cache)', ['check'], {
    cwd: root, env, okCodes: [0, 1],
    setupOnce() {
      // Fill the cache with one untimed run, from empty, so "warm" means this log's own entries.
      rmSync(cacheDir, { recursive: true, force: true });
      measure({ cmd: process.execPath, args: [BIN, 'check'], cwd: root, env });
    },
  }));
  cases.push(adrCase('new', '`adr new` (one record)', ['new', 'Adopt a benchmark decision for the nightly build'], {
    cwd: copyCwd, env, after: restore,
  }));
  if (format === 'summary' && manifest.abortTarget) {
    cases.push(adrCase('abort', '`adr abort` (one record)', ['abort', manifest.abortTarget, '--reason', 'Benchmark: replaced by a simpler approach'], {
      cwd: copyCwd, env, after: restore,
    }));
  }
  if (format === 'nygard' && size === 1000) {
    // Issue 18: which decisions govern a branch's 10,000 changed files, on a repository of its own
    // (bench/affected.mjs: 1,000 Nygard records with applies-to globs, a feature branch off main).
    let project = null;
    const affectedProject = () => (project ??= ensureAffectedProject({ records: 1000, files: 10000, out: OUT }));
    const affectedEnv = { ...ADR_ENV, ADR_CACHE_DIR: join(OUT, 'cache', 'affected'), XDG_CACHE_HOME: join(OUT, 'xdg') };
    const warm = (args) => () => measure({ cmd: process.execPath, args: [BIN, ...args], cwd: affectedProject().root, env: affectedEnv });
    cases.push(adrCase('affected-base', '`adr affected --base main` (1,000 records, 10,000 changed files)', ['affected', '--base', 'main'], {
      cwd: () => affectedProject().root, env: affectedEnv, setupOnce: warm(['list']),
    }));
    const files = () => readFileSync(affectedProject().list, 'utf8').trim().split('\n');
    const filesCase = adrCase('affected-files', '`adr affected FILE×10,000` (1,000 records)', ['affected'], {
      cwd: () => affectedProject().root, env: affectedEnv, setupOnce: warm(['list']),
    });
    // The 10,000 paths are arguments; read once the project exists.
    filesCase.before = () => {
      if (filesCase.args.length === 2) filesCase.args.push(...files());
    };
    cases.push(filesCase);
  }
  if (format === 'summary') {
    cases.push(adrCase('overview', '`adr overview` (regenerate DECISIONS.md)', ['overview'], { cwd: copyCwd, env, after: restore }));
  }
  // The site and the bare Astro build it is measured against: at 1,000, and at 10,000 when that size
  // is asked for (a 10,000-record site build takes minutes and gigabytes on these machines).
  if ((size === 1000 || size === 10000) && format === 'summary') {
    const siteOut = join(OUT, 'site', `${format}-${size}`);
    const siteXdg = join(OUT, 'site-xdg');
    cases.push(adrCase('site', '`adr site build` (cold)', ['site', 'build', '--out', siteOut], {
      cwd: root,
      // A fresh cache home each run: a CI build starts cold, and so does the bare Astro build.
      env: { ...env, XDG_CACHE_HOME: siteXdg, ADR_CACHE_DIR: join(siteXdg, 'parse') },
      before() {
        rmSync(siteOut, { recursive: true, force: true });
        rmSync(siteXdg, { recursive: true, force: true });
      },
    }));
    const astroWork = join(OUT, 'bare-astro-work');
    cases.push({
      id: 'astro', label: 'bare Astro 5 build, glob loader (cold)', tool: 'astro', cmd: process.execPath,
      args: [join(BENCH, 'bare-astro', 'build.mjs'), logDir, astroWork], cwd: root, env: { ASTRO_TELEMETRY_DISABLED: '1' },
      before() {
        rmSync(astroWork, { recursive: true, force: true });
      },
    });
  }
  if (size === 1000 && format === 'summary') {
    cases.push({
      id: 'dev-reload', label: '`adr site dev`: a saved record shown in the open page (Chromium)', tool: 'adr', cmd: process.execPath,
      args: [join(BENCH, 'dev-reload.mjs'), root, join(OUT, 'dev-reload')], cwd: root, env: { ASTRO_TELEMETRY_DISABLED: '1' },
      // One run saves the record several times; each save is one figure (the process's own time is start-up).
      runs: 1,
      timesFrom: (result) => JSON.parse(result.stdout.trim().split('\n').pop()).reloadMs,
      available: () => (existsSync(process.env.ADR_CHROMIUM ?? '/usr/bin/chromium') ? true : 'no Chromium (apt-get install chromium)'),
    });
  }
  if (format === 'nygard') {
    const toolsEnv = { EDITOR: 'true', VISUAL: 'true', ADR_DATE: BENCH_NOW.slice(0, 10) };
    const toolsAvailable = () => (existsSync(ADR_TOOLS) && existsSync('/usr/libexec/adr-tools/adr-new') ? true : 'adr-tools not installed (apt-get install adr-tools)');
    cases.push({
      id: 'adrtools-new', label: 'adr-tools `adr new` (one record)', tool: 'adr-tools', cmd: ADR_TOOLS,
      args: ['new', 'Adopt a benchmark decision for the nightly build'], cwd: copyCwd, env: toolsEnv, after: restore, available: toolsAvailable,
    });
    cases.push({
      id: 'adrtools-toc', label: 'adr-tools `adr generate toc`', tool: 'adr-tools', cmd: ADR_TOOLS, args: ['generate', 'toc'], cwd: root, env: toolsEnv,
      timeoutMs: TOC_TIMEOUT_MS,
      available: () => {
        const max = flags.quick ? 100 : TOC_MAX_SIZE;
        return size > max ? `skipped above ${max} records${flags.quick ? ' with --quick' : ''}: it forks per file (about 15 min at 5,000, TOOLCHAIN.md)` : toolsAvailable();
      },
      check: (result) => {
        const n = result.stdout.split('\n').filter((l) => l.startsWith('* [')).length;
        return n === size ? null : `listed ${n} records, expected ${size}`;
      },
    });
  }
  return cases.filter((c) => wanted(c.id));
}

/**
 * The git rows (issue 17): `adr diff` and `adr history` on a 1,000-record log with a 5,000-commit
 * history (bench/git-history.mjs), each cold (no parse or history cache) and warm, next to the
 * one `git log` pass they make, which bounds them from below.
 */
function gitCases(manifest) {
  const { root } = manifest;
  const cacheDir = join(OUT, 'cache', 'git-1000');
  const env = { ...ADR_ENV, ADR_CACHE_DIR: cacheDir, XDG_CACHE_HOME: join(OUT, 'xdg') };
  const cold = (dir) => ({ before: () => rmSync(dir, { recursive: true, force: true }) });
  const coldDir = join(OUT, 'cache', 'git-1000-cold');
  const coldEnv = { ...env, ADR_CACHE_DIR: coldDir };
  const warm = (words) => ({
    setupOnce() {
      measure({ cmd: process.execPath, args: [BIN, ...words], cwd: root, env });
    },
  });
  const cases = [
    {
      id: 'git-log', label: 'floor: `git log --raw -M` over the log folder (5,000 commits)', tool: 'git', cmd: 'git',
      args: ['log', '--topo-order', '--format=%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%s', '-z', '--raw', '--no-abbrev', '-M', '-c', 'HEAD', '--', 'decisions/'], cwd: root, env: {},
    },
    adrCase('git-diff-cold', '`adr diff main` (cold: no parse cache)', ['diff', manifest.base], { cwd: root, env: coldEnv, ...cold(coldDir) }),
    adrCase('git-diff', '`adr diff main` (warm parse cache)', ['diff', manifest.base], { cwd: root, env, ...warm(['diff', manifest.base]) }),
    adrCase('git-history-cold', `\`adr history\` of the most changed record (${manifest.historyVersions} versions; cold)`, ['history', manifest.historyTarget], { cwd: root, env: coldEnv, ...cold(coldDir) }),
    adrCase('git-history', `\`adr history\` of the most changed record (warm)`, ['history', manifest.historyTarget], { cwd: root, env, ...warm(['history', manifest.historyTarget]) }),
    adrCase('git-list-history-cold', '`adr list --json --history` (every record; cold)', ['list', '--json', '--history'], { cwd: root, env: coldEnv, ...cold(coldDir) }),
    adrCase('git-list-history', '`adr list --json --history` (every record; warm)', ['list', '--json', '--history'], { cwd: root, env, ...warm(['list', '--json', '--history']) }),
  ];
  return cases.filter((c) => wanted(c.id));
}

/** How many runs a case gets: several, fewer when one run is slow (the whole bench stays under ~20 min). */
function plannedRuns(size, firstMs) {
  if (flags.runs) return Math.max(1, Number(flags.runs));
  const base = flags.quick ? 2 : size >= 10000 ? 3 : 5;
  if (firstMs > 60000) return 1;
  if (firstMs > 20000) return Math.min(base, 2);
  if (firstMs > 8000) return Math.min(base, 3);
  return base;
}

function firstLine(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).slice(-1)[0]?.slice(0, 160) ?? '';
}

function runCases(manifest, cases, results) {
  for (const c of cases) {
    const avail = c.available ? c.available() : true;
    const row = { format: manifest.format, size: manifest.size, id: c.id, label: c.label, tool: c.tool, times: [], peaks: [], cpu: [], note: null, codes: [] };
    results.push(row);
    if (avail !== true) {
      row.note = avail;
      c.skip = true;
      log(`  ${c.id}: skipped (${avail})`);
    }
    c.row = row;
    c.planned = 1;
  }
  // Round-robin: run 1 of every case, then run 2 of every case, ... so drift on a noisy machine
  // spreads over every case instead of favouring one side of a ratio.
  for (let run = 0; ; run++) {
    const pending = cases.filter((c) => !c.skip && run < c.planned);
    if (pending.length === 0) break;
    for (const c of pending) {
      if (run === 0 && c.setupOnce) c.setupOnce();
      c.before?.();
      const cwd = typeof c.cwd === 'function' ? c.cwd() : c.cwd;
      const result = measure({ cmd: c.cmd, args: c.args, cwd, env: c.env, timeoutMs: c.timeoutMs });
      c.after?.();
      if (result.timedOut) {
        // A lower bound: the run was stopped; later runs would only be stopped too.
        c.row.times.push(result.ms);
        c.row.lowerBound = true;
        c.row.note = `stopped after ${secs(result.ms)}: the time is a lower bound`;
        log(`  ${c.id}: stopped at ${secs(result.ms)} (lower bound)`);
        c.skip = true;
        continue;
      }
      const ok = (c.okCodes ?? [0]).includes(result.code);
      if (!ok) {
        c.row.note = `exit ${result.code}: ${firstLine(result.stderr) || firstLine(result.stdout) || result.error || 'no output'}`;
        log(`  ${c.id}: FAILED ${c.row.note}`);
        c.skip = true;
        continue;
      }
      if (c.timesFrom) {
        try {
          c.row.times.push(...c.timesFrom(result));
        } catch (error) {
          c.row.note = `no figures in its output: ${error.message}`;
          c.skip = true;
          continue;
        }
      } else {
        c.row.times.push(result.ms);
      }
      if (result.peakKB !== null) c.row.peaks.push(result.peakKB);
      if (result.cpuMs !== null) c.row.cpu.push(result.cpuMs);
      c.row.codes.push(result.code);
      if (run === 0) {
        c.planned = c.runs ?? plannedRuns(manifest.size, result.ms);
        const problem = c.check?.(result) ?? null;
        if (result.code !== 0) c.row.note = `exit ${result.code} (findings): ${firstLine(result.stdout) || firstLine(result.stderr)}`;
        if (problem) c.row.note = c.row.note ? `${c.row.note}; ${problem}` : problem;
      }
      log(`  ${c.id} run ${run + 1}/${c.planned}: ${(result.ms / 1000).toFixed(2)} s, ${result.peakKB ? `${Math.round(result.peakKB / 1024)} MB` : '? MB'}`);
    }
  }
}

// ---- statistics and the report ----------------------------------------------------------------

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function secs(ms) {
  if (ms === null || ms === undefined) return '-';
  return ms < 1000 ? `${(ms / 1000).toFixed(3)} s` : ms < 100000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(0)} s`;
}

function stat(results, format, size, id) {
  const row = results.find((r) => r.format === format && r.size === size && r.id === id);
  if (!row || row.times.length === 0) return null;
  return { median: median(row.times), min: Math.min(...row.times), max: Math.max(...row.times), peakKB: row.peaks.length ? Math.max(...row.peaks) : null, runs: row.times.length, lowerBound: Boolean(row.lowerBound), cpu: row.cpu.length ? median(row.cpu) : null };
}

function machine() {
  const cpu = cpus();
  let commit = '';
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  if (git.status === 0) commit = git.stdout.trim();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    kernel: release(),
    commit,
  };
}

/** Sizes and formats present in the results (a merged report covers more than this run's flags). */
function reportSizes(results) {
  return [...new Set(results.map((r) => r.size))].sort((a, b) => a - b);
}
function reportFormats(results) {
  return [...new Set(results.map((r) => r.format))];
}

/** The same ratio in CPU time (user + sys), which other load on the machine disturbs less than wall time. */
function cpuRatio(a, b) {
  return a.cpu !== null && b.cpu !== null && b.cpu > 0 ? `; CPU ${(a.cpu / b.cpu).toFixed(3)} ×` : '';
}

function goalRows(results) {
  const rows = [];
  // `applies` false: the figure is shown for context, the goal is stated for another size.
  const add = (goal, measured, target, pass, detail, applies = true) => rows.push({
    goal, measured, target, verdict: !applies ? 'info' : pass === null ? 'n/a' : pass ? 'PASS' : 'FAIL', detail,
  });
  for (const format of reportFormats(results)) {
    for (const size of reportSizes(results)) {
      const floor = stat(results, format, size, 'floor');
      const cold = stat(results, format, size, 'check-cold');
      const warm = stat(results, format, size, 'check-warm');
      if (floor && cold) add(`check cold ≤ 0.5 × floor (${format}, ${size})`, `${(cold.median / floor.median).toFixed(3)} ×`, '≤ 0.5 ×', cold.median <= 0.5 * floor.median, `${secs(cold.median)} vs ${secs(floor.median)}${cpuRatio(cold, floor)}`);
      const node = stat(results, format, size, 'node');
      // When 0.1 × the floor is less than a bare node process takes, no node program can meet it: say so.
      const bound = node && floor && 0.1 * floor.median < node.median ? `; 0.1 × floor = ${secs(0.1 * floor.median)} is less than \`node -e 0\` alone (${secs(node.median)})` : '';
      if (floor && warm) add(`check warm ≤ 0.1 × floor (${format}, ${size})`, `${(warm.median / floor.median).toFixed(3)} ×`, '≤ 0.1 ×', warm.median <= 0.1 * floor.median, `${secs(warm.median)} vs ${secs(floor.median)}${cpuRatio(warm, floor)}${bound}`);
    }
    for (const id of ['check-cold', 'check-warm']) {
      const g = growth(results, format, id);
      if (g && g.marginal !== null) {
        add(`${id} linear in N (${format})`, `${g.marginal.toFixed(2)}`, 'per-record cost 1k→10k ≤ 1.5 × 100→1k', g.marginal <= 1.5, `10k/1k time ${g.ratio.toFixed(1)} ×${g.cpuMarginal !== null ? `; in CPU time: per-record ratio ${g.cpuMarginal.toFixed(2)}, 10k/1k ${g.cpuRatio.toFixed(1)} ×` : ''}`);
      } else if (g) {
        add(`${id} linear in N (${format})`, `${g.ratio.toFixed(1)} ×`, '10k/1k time ≤ 12 ×', g.ratio <= 12, 'no 100-record run to subtract start-up');
      }
    }
    const big = Math.max(...reportSizes(results));
    if (big >= 10000) {
      for (const id of ['check-cold', 'check-fill', 'check-warm', 'list']) {
        const s = stat(results, format, big, id);
        if (s && s.peakKB) add(`${id} peak memory at ${big} (${format})`, `${Math.round(s.peakKB / 1024)} MB`, '≤ 500 MB', s.peakKB <= 500 * 1024, '');
      }
    }
  }
  for (const size of reportSizes(results)) {
    const tools = stat(results, 'nygard', size, 'adrtools-new');
    for (const format of reportFormats(results)) {
      const ours = stat(results, format, size, 'new');
      if (ours && tools) {
        // The goal compares the same log: adr-tools reads only Nygard logs. The summary-log row
        // (which also inserts an overview row) is context.
        add(`adr new ≤ adr-tools adr new (${format} log vs Nygard log, ${size})`, `${(ours.median / tools.median).toFixed(2)} ×`, '≤ 1 ×', ours.median <= tools.median, `${secs(ours.median)} vs ${secs(tools.median)}${cpuRatio(ours, tools)}`, size === 10000 && format === 'nygard');
      }
    }
  }
  for (const id of ['affected-base', 'affected-files']) {
    const a = stat(results, 'nygard', 1000, id);
    if (a) add(`${id === 'affected-base' ? 'adr affected --base' : 'adr affected FILE…'} ≤ 0.5 s (1,000 records, 10,000 changed files)`, secs(a.median), '≤ 0.5 s', a.median <= 500, `CPU ${secs(a.cpu)}; min ${secs(a.min)}`);
  }
  // Issue 17: adr diff and adr history on 1,000 records with 5,000 commits, each ≤ 2 s.
  for (const id of ['git-diff', 'git-diff-cold', 'git-history', 'git-history-cold']) {
    const s = stat(results, 'git', 1000, id);
    const floor = stat(results, 'git', 1000, 'git-log');
    if (s) add(`${results.find((r) => r.format === 'git' && r.id === id).label} ≤ 2 s (1,000 records, 5,000 commits)`, secs(s.median), '≤ 2 s', s.median <= 2000, `CPU ${secs(s.cpu)}${floor ? `; the git log pass alone: ${secs(floor.median)}` : ''}`);
  }
  for (const size of reportSizes(results)) {
    const toc = stat(results, 'nygard', size, 'adrtools-toc');
    const ours = stat(results, 'summary', size, 'overview');
    if (toc && ours) add(`adr overview ≤ 1/50 × adr-tools generate toc (${size})`, `1/${toc.lowerBound ? '>' : ''}${(toc.median / ours.median).toFixed(0)}`, '≤ 1/50', ours.median * 50 <= toc.median, `${secs(ours.median)} vs ${toc.lowerBound ? '> ' : ''}${secs(toc.median)}`, size === 1000);
    const site = stat(results, 'summary', size, 'site');
    const astro = stat(results, 'summary', size, 'astro');
    if (site && astro) add(`adr site build ≤ 1.2 × bare Astro (${size})`, `${(site.median / astro.median).toFixed(2)} ×`, '≤ 1.2 ×', site.median <= 1.2 * astro.median, `${secs(site.median)} vs ${secs(astro.median)}`, size === 1000);
    const reload = stat(results, 'summary', size, 'dev-reload');
    if (reload) add(`adr site dev shows a saved record ≤ 1 s (${size})`, secs(reload.median), '≤ 1 s', reload.median <= 1000, `slowest ${secs(reload.max)} of ${reload.runs} saves, under the load noted above`, size === 1000);
    // The scale goal: no more time and no more peak memory than the bare build of the same markdown.
    if (site && astro && size === 10000) {
      const memory = site.peakKB && astro.peakKB ? site.peakKB / astro.peakKB : null;
      add(
        `adr site build ≤ bare Astro in time and peak memory (${size})`,
        `${(site.median / astro.median).toFixed(2)} ×${memory === null ? '' : `, ${memory.toFixed(2)} × memory`}`,
        '≤ 1 ×',
        site.median <= astro.median && (memory === null || memory <= 1),
        `${secs(site.median)} vs ${secs(astro.median)}${cpuRatio(site, astro)}`,
        true,
      );
    }
  }
  return rows;
}

/** Growth of one cost with N: the 10,000/1,000 time ratio, and per-record cost beyond start-up. */
function growth(results, format, id) {
  const a = stat(results, format, 100, id);
  const b = stat(results, format, 1000, id);
  const c = stat(results, format, 10000, id);
  if (!b || !c) return null;
  const ratio = c.median / b.median;
  const marginal = a && b.median > a.median ? (c.median - b.median) / 9000 / ((b.median - a.median) / 900) : null;
  const cpuRatio = b.cpu && c.cpu ? c.cpu / b.cpu : null;
  const cpuMarginal = a?.cpu && b.cpu && c.cpu && b.cpu > a.cpu ? (c.cpu - b.cpu) / 9000 / ((b.cpu - a.cpu) / 900) : null;
  return { ratio, marginal, small: a ? b.median / a.median : null, cpuRatio, cpuMarginal };
}

function report(results, startedAt, elapsedMs, notes, runs = [], stored = null) {
  // --report-only describes the machine and load of the measuring run, not of this moment.
  const m = stored?.machine ?? machine();
  const load = stored ? stored.load : { start: LOAD_AT_START, end: loadavg() };
  const loadText = load
    ? `load average at start ${load.start.map((x) => x.toFixed(1)).join(' ')}, at end ${load.end.map((x) => x.toFixed(1)).join(' ')}`
    : 'load average not recorded';
  const lines = [];
  lines.push('# Benchmark results', '');
  lines.push('Written by `npm run bench` (bench/run.mjs); regenerate rather than edit. Issue 6 sets the goals.', '');
  if (runs.length > 1) lines.push(`- Dates: measured in ${runs.length} parts (\`--merge\`), started ${[...runs].sort().map((d) => String(d).replace(/\.\d+Z$/, 'Z')).join(', ')}; the last part took ${(elapsedMs / 60000).toFixed(1)} min`);
  else lines.push(`- Date: ${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}; whole run: ${(elapsedMs / 60000).toFixed(1)} min`);
  lines.push(`- Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} memory, Linux ${m.kernel}; ${loadText} (other work on the machine slows every row alike; compare ratios, not seconds)`);
  lines.push(`- Node ${m.node}; adr at commit ${m.commit || '?'}${runs.length > 1 ? ' (the last part)' : ''}; command: \`node bench/run.mjs ${process.argv.slice(2).join(' ')}\``.trimEnd());
  lines.push(`- Logs: bench/generate.mjs (seed 6): summary format (records + DECISIONS.md) and Nygard/adr-tools, ~3 KB per record, sizes ${reportSizes(results).join(', ')}`);
  lines.push(`- Each figure is one whole process, spawn to exit, cwd = the generated project: median (min–max) over the runs shown, wall clock; CPU = median user+sys; the verdicts use wall-clock medians; peak = max RSS (${MEMORY_SOURCE}). Runs interleave round-robin.`);
  lines.push('');
  lines.push('## Goals', '');
  const goals = goalRows(results);
  if (goals.length === 0) lines.push('No goal could be computed from this run (a command or its yardstick is missing; see the notes).');
  else {
    lines.push('| goal | measured | target | verdict | detail |', '| --- | --- | --- | --- | --- |');
    for (const g of goals) lines.push(`| ${g.goal} | ${g.measured} | ${g.target} | ${g.verdict} | ${g.detail} |`);
  }
  lines.push('');
  lines.push('## Timings', '');
  lines.push('| log | N | operation | runs | median | min–max | CPU (user+sys) | peak RSS | note |', '| --- | ---: | --- | ---: | ---: | --- | ---: | ---: | --- |');
  for (const row of results) {
    const s = stat(results, row.format, row.size, row.id);
    lines.push(`| ${row.format} | ${row.size.toLocaleString('en-US')} | ${row.label} | ${s ? s.runs : 0} | ${s ? `${s.lowerBound ? '> ' : ''}${secs(s.median)}` : '-'} | ${s ? `${secs(s.min)}–${secs(s.max)}` : '-'} | ${s?.cpu != null ? secs(s.cpu) : '-'} | ${s?.peakKB ? `${Math.round(s.peakKB / 1024)} MB` : '-'} | ${row.note ?? ''} |`);
  }
  lines.push('');
  lines.push('## Growth with N', '');
  lines.push('Time ratio from 1,000 to 10,000 records (10 would be linear with no fixed cost; less means start-up still weighs), and the per-record cost beyond the fixed start-up, 1k→10k over 100→1k (1.0 = linear).', '');
  lines.push('| log | operation | 1k / 100 | 10k / 1k | per-record cost ratio | 10k / 1k in CPU time | per-record ratio in CPU time |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  let growthRows = 0;
  for (const format of reportFormats(results)) {
    const ids = [...new Set(results.filter((r) => r.format === format).map((r) => r.id))];
    for (const id of ids) {
      const g = growth(results, format, id);
      if (!g) continue;
      growthRows++;
      const label = results.find((r) => r.format === format && r.id === id).label;
      lines.push(`| ${format} | ${label} | ${g.small ? `${g.small.toFixed(1)} ×` : '-'} | ${g.ratio.toFixed(1)} × | ${g.marginal !== null ? g.marginal.toFixed(2) : '-'} | ${g.cpuRatio !== null ? `${g.cpuRatio.toFixed(1)} ×` : '-'} | ${g.cpuMarginal !== null ? g.cpuMarginal.toFixed(2) : '-'} |`);
    }
  }
  if (growthRows === 0) lines.push('| - | (needs 1,000 and 10,000 records measured) | - | - | - | - | - |');
  lines.push('');
  if (INSTALL || wanted('install')) lines.push(...installSection(INSTALL));
  lines.push('## Notes', '');
  for (const note of notes) lines.push(`- ${note}`);
  lines.push('');
  return lines.join('\n');
}

/**
 * `--only install` measures nothing else, so it brings only the Install section of results.md (and
 * the `install` key of results.json) up to date and leaves the rest as the last full run wrote it.
 */
function writeInstallOnly() {
  const jsonFile = join(OUT, 'results.json');
  const stored = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : {};
  writeFileSync(jsonFile, `${JSON.stringify({ ...stored, install: INSTALL }, null, 2)}\n`);
  const file = resolve(flags.out);
  const section = installSection(INSTALL).join('\n');
  const notesLine = INSTALL ? '' : notes.filter((n) => n.startsWith('The install part failed')).map((n) => `- ${n}\n`).join('');
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n\n## Notes\n\n';
  const start = text.indexOf('\n## Install\n');
  if (start >= 0) {
    const next = text.indexOf('\n## ', start + 1);
    text = `${text.slice(0, start + 1)}${section}\n${notesLine}${next >= 0 ? text.slice(next + 1) : ''}`;
  } else {
    const at = text.indexOf('\n## Notes\n');
    text = at >= 0 ? `${text.slice(0, at + 1)}${section}\n${notesLine}${text.slice(at + 1)}` : `${text.trimEnd()}\n\n${section}\n${notesLine}`;
  }
  writeFileSync(file, text);
  return text;
}

function writeResults(done) {
  if (onlyInstall && !reportOnly) return writeInstallOnly();
  const elapsedMs = Date.now() - t0;
  const key = (r) => `${r.format}\0${r.size}\0${r.id}`;
  const fresh = new Set(results.map(key));
  const all = [...earlier.filter((r) => !fresh.has(key(r))), ...results].sort((a, b) => a.size - b.size || (a.format === b.format ? 0 : a.format === 'summary' ? -1 : 1));
  const pending = done ? [] : ['**Partial: the run was still going when this was written** (bench/run.mjs writes after every log).'];
  if (reportOnly) {
    const text = report(all, reportOnly.startedAt, reportOnly.elapsed, notes, reportOnly.runs, reportOnly);
    writeFileSync(resolve(flags.out), text);
    return text;
  }
  const text = report(all, startedAt, elapsedMs, [...pending, ...notes], [...earlierRuns, startedAt.toISOString()]);
  writeFileSync(resolve(flags.out), text);
  const load = { start: LOAD_AT_START, end: loadavg() };
  writeFileSync(join(OUT, 'results.json'), `${JSON.stringify({ startedAt, earlierRuns, elapsed: elapsedMs, done, machine: machine(), load, results: all, install: INSTALL }, null, 2)}\n`);
  return text;
}

// ---- main ---------------------------------------------------------------------------------------

const startedAt = new Date();
const earlierRuns = [];
let reportOnly = null;
const LOAD_AT_START = loadavg();
const t0 = Date.now();
const notes = [
  'adr-tools is Debian\'s `adr-tools` 3.0, called as /usr/bin/adr (its binary name collides with ours). Its `generate toc` runs only up to 1,000 records: it forks several processes per file (about 15 min at 5,000, TOOLCHAIN.md).',
  'adr-tools reads only Nygard logs, so its rows use the Nygard log of the same decisions; `adr overview` is compared on the summary log, whose overview is the richer file.',
  '`adr new`, `adr abort` and `adr overview` run on a copy of the log, restored file by file after each run; `adr check` warm is timed after one untimed run that fills the cache (ADR_CACHE_DIR under bench/out/cache); the "first run" row empties its own cache before every run.',
  '`adr site build` and the bare Astro build both start cold each run (fresh cache home, fresh work root).',
  'The `adr site dev` row (bench/dev-reload.mjs) times each of several saves of one record, from the write to the moment the page open in Chromium shows the new sentence; its CPU and peak are the whole run (the dev server starting, Chromium not counted).',
  '`adr affected` runs on its own git repository (bench/affected.mjs): 1,000 Nygard records naming 1 to 3 applies-to globs each (one in ten across every service), a feature branch changing 10,000 files; timed after one untimed `adr list` fills its parse cache. The CPU column includes git\'s own processes.',
];
if (existsSync(ADR_TOOLS) === false && (wanted('adrtools-new') || wanted('adrtools-toc'))) {
  if (aptInstall('adr-tools') === false) notes.push('adr-tools is not installed and could not be installed here (not root, or --no-install): its rows are skipped.');
}
if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  log('bench: dist/ is missing; building with tsc first');
  spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
}
snapshotApp();
const results = [];
const earlier = [];
/** The install part's figures (bench/install.mjs), this run's or, with --merge, the last run's. */
let INSTALL = null;
if ((flags.merge || flags['report-only']) && existsSync(join(OUT, 'results.json'))) {
  const previous = JSON.parse(readFileSync(join(OUT, 'results.json'), 'utf8'));
  earlier.push(...(previous.results ?? []).map((r) => ({ ...r, cpu: r.cpu ?? [] })));
  INSTALL = previous.install ?? null;
  if (flags['report-only']) {
    earlierRuns.push(...(previous.earlierRuns ?? []));
    reportOnly = {
      startedAt: new Date(previous.startedAt), elapsed: previous.elapsed, runs: [...(previous.earlierRuns ?? []), previous.startedAt],
      machine: previous.machine ?? null, load: previous.load ?? null,
    };
  } else {
    earlierRuns.push(previous.startedAt, ...(previous.earlierRuns ?? []));
  }
  const runsSoFar = [...(previous.earlierRuns ?? []), previous.startedAt].sort();
  if (runsSoFar.length > 1 || !flags['report-only']) {
    notes.unshift(`Merged report: measured in parts, by runs started ${runsSoFar.join(', ')}${flags['report-only'] ? '' : ` and ${startedAt.toISOString()}`}; each row comes from the latest run that measured it (bench/out/results.json keeps them). Ratios within one size and log come from one run.`);
  }
}
const logsDir = join(OUT, 'logs');
// `--only install` measures no log sizes.
const onlyInstall = ONLY !== null && [...ONLY].every((id) => id === 'install');
for (const size of reportOnly || onlyInstall ? [] : SIZES) {
  for (const format of FORMATS) {
    const g0 = Date.now();
    const manifest = ensureLog({ format, size, out: logsDir });
    log(`bench: ${format} ${size}: ${(manifest.bytes / 1e6).toFixed(1)} MB in ${manifest.root} (${((Date.now() - g0) / 1000).toFixed(1)} s to generate or reuse)`);
    runCases(manifest, casesFor(manifest), results);
    // Written after every log, so a run stopped early (or still going) has its figures so far.
    writeResults(false);
  }
}
if (!reportOnly && (!ONLY || GROUPS.git.some((id) => ONLY.has(id)))) {
  const g0 = Date.now();
  const manifest = ensureGitLog({ out: join(OUT, 'git-logs') });
  log(`bench: git ${manifest.records}: ${manifest.commits} commits in ${manifest.root} (${((Date.now() - g0) / 1000).toFixed(1)} s to generate or reuse)`);
  runCases({ format: 'git', size: manifest.records }, gitCases(manifest), results);
  writeResults(false);
}
rmSync(join(OUT, 'work'), { recursive: true, force: true });
if (!reportOnly && wanted('install')) {
  const manifest = ensureLog({ format: 'summary', size: 100, out: logsDir });
  log('bench: install part (npm pack, cold npm cache installs, npx check on 100 records)');
  try {
    INSTALL = measureInstall({ root: ROOT, logRoot: manifest.root, runs: flags.runs ? Math.max(1, Math.min(5, Number(flags.runs))) : flags.quick ? 1 : 3, log });
  } catch (error) {
    notes.push(`The install part failed: ${error instanceof Error ? error.message : String(error)} (it needs the npm registry).`);
  }
}
const elapsed = Date.now() - t0;
const text = writeResults(true);
log(`bench: wrote ${relative(process.cwd(), resolve(flags.out)) || flags.out} in ${(elapsed / 60000).toFixed(1)} min`);
process.stdout.write(text);
