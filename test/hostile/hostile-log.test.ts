/**
 * Every command over the hostile log (test/hostile/build-hostile-log.ts): a real `node dist/cli/bin.js`
 * process per run, in a temp repository, fixed clock, private cache.
 *
 * Promised everywhere: no crash and no stack trace, exit 0 or 1 (never 2: no usage error here),
 * no hang (a FIFO named .md is in the log), every good record read with its known facts, every
 * bad file named with a reason, and nothing but the intended file(s) changed by a writing command.
 * Times are recorded (TIMINGS_FILE), never asserted.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHostileLog, type HostileLog } from './build-hostile-log.js';
import { changedPaths, copyTree, fingerprint, recordTiming } from './files.js';
import { crashLines, describeRun, runAdr, type AdrRun } from './run-adr.js';

let log: HostileLog;
let cacheDir: string;
const copies: string[] = [];

beforeAll(() => {
  log = buildHostileLog();
  cacheDir = join(log.root, '..', `${log.root.split('/').pop()}-cache`);
}, 60_000);

afterAll(() => {
  rmSync(log.root, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
  for (const c of copies) rmSync(c, { recursive: true, force: true });
});

/** Runs adr in `cwd` (the hostile log by default) and records the time. */
async function adr(args: string[], cwd = log.root, limitMs = 90_000): Promise<AdrRun> {
  const r = await runAdr(args, { cwd, cacheDir, limitMs });
  recordTiming(args.join(' '), log.bytes, r.ms, r.code);
  return r;
}

/** The promises every run keeps: ended by itself, no crash text, exit 0 or 1. */
function expectSane(args: string[], r: AdrRun): void {
  const what = describeRun(args, r);
  expect(r.timedOut, what).toBe(false);
  expect(r.signal, what).toBeNull();
  expect(crashLines(r.stderr), what).toEqual([]);
  expect(crashLines(r.stdout), what).toEqual([]);
  expect([0, 1], what).toContain(r.code);
}

/** A fresh copy of the hostile log (symlinks and FIFO recreated) for a command that writes. */
function copyLog(name: string): string {
  const root = `${log.root}-${name}`;
  copyTree(log.root, root, { linkAbove: 20 * 1024 * 1024 });
  copies.push(root);
  return root;
}

const good = () => log.good;
const named = () => log.bad.filter((b) => b.mustBeNamed);

/** Checks `adr list --json` output against the known facts of the good records. */
function expectGoodRecords(list: any[]): void {
  const byFile = new Map(list.map((d) => [d.file, d]));
  for (const g of good()) {
    const d = byFile.get(g.file);
    expect(d, `${g.file} is listed`).toBeDefined();
    expect(d.title, `${g.file} title`).toBe(g.title);
    if (g.dialect === 'madr3') expect(['madr3', 'madr4'], `${g.file} dialect`).toContain(d.dialect);
    else expect(d.dialect, `${g.file} dialect`).toBe(g.dialect);
    expect(d.status, `${g.file} status`).toBe(g.status);
    expect(d.date, `${g.file} date`).toBe(g.date);
    if (g.priority !== undefined) expect(d.priority, `${g.file} priority`).toBe(g.priority);
    if (g.actionItems) {
      expect(d.actionItems.length, `${g.file} action items`).toBe(g.actionItems.total);
      expect(d.actionItems.filter((a: any) => !a.done).length, `${g.file} open items`).toBe(g.actionItems.open);
    }
    for (const l of g.links ?? []) {
      expect(d.links.map((x: any) => `${x.target} ${x.kind}`), `${g.file} links`).toContain(`${l.target} ${l.kind}`);
    }
  }
  // Files that can never be records are never listed as one.
  for (const b of log.bad.filter((x) => !x.mayList)) {
    expect([...byFile.keys()], `${b.file} (${b.what}) is not a record`).not.toContain(b.file);
  }
  // Nothing is listed that is neither a good record nor a damaged-but-readable file.
  const allowed = new Set([...good().map((g) => g.file), ...log.bad.filter((b) => b.mayList).map((b) => b.file)]);
  expect([...byFile.keys()].filter((f) => !allowed.has(f))).toEqual([]);
}

/**
 * Each bad file is named in `text` with a reason: on the same line (`file:1:1: error: why`,
 * GitHub annotations) or, for output grouped by file (stylish), on the indented line under it.
 */
function expectBadNamed(text: string, label: string, which = named()): void {
  const lines = text.split(/\r?\n/);
  const says = (l: string | undefined) => (l ?? '').replace(/[^A-Za-z]/g, '').length > 10;
  for (const b of which) {
    const k = lines.findIndex((l) => l.includes(b.file) && (says(l.replace(b.file, '')) || says(lines[lines.indexOf(l) + 1])));
    expect(k, `${label} names ${b.file} (${b.what}) with a reason`).toBeGreaterThanOrEqual(0);
  }
}

describe('the hostile log, read', () => {
  it('adr list --json reads every good record with its facts and names every bad file', async () => {
    const args = ['list', '--json', '--no-cache'];
    const r = await adr(args);
    expectSane(args, r);
    const parsed = JSON.parse(r.stdout);
    expectGoodRecords(Array.isArray(parsed) ? parsed : parsed.decisions);
    // list names the files it cannot read at all; damaged but readable ones are check's business.
    expectBadNamed(r.stderr, 'list stderr', named().filter((b) => !b.mayList));
  }, 120_000);

  it('adr list (table, warm cache) survives too', async () => {
    const args = ['list'];
    const r = await adr(args);
    expectSane(args, r);
    for (const g of good()) expect(r.stdout, g.file).toContain(g.title.slice(0, 20));
  }, 120_000);

  it('adr check --format json names every bad file with a reason and raises no read error on a good one', async () => {
    const args = ['check', '--format', 'json'];
    const r = await adr(args);
    expectSane(args, r);
    expect(r.code, 'the log has errors').toBe(1);
    const diags: any[] = JSON.parse(r.stdout);
    const files = (d: any) => String(d.file).replace(/^decisions\//, '');
    for (const b of named()) {
      const hit = diags.find((d) => files(d) === b.file && typeof d.message === 'string' && d.message.length > 10);
      expect(hit, `check json names ${b.file} (${b.what})`).toBeDefined();
      expect(hit.line, `${b.file} has a line`).toBeGreaterThanOrEqual(1);
    }
    for (const g of good()) {
      const readErrors = diags.filter((d) => files(d) === g.file && d.rule === 'parse' && d.severity === 'error');
      expect(readErrors, `${g.file} is read without a read error`).toEqual([]);
    }
  }, 120_000);

  for (const format of ['stylish', 'github', 'sarif']) {
    it(`adr check --format ${format} names every bad file`, async () => {
      const args = ['check', '--format', format];
      const r = await adr(args);
      expectSane(args, r);
      expect(r.code).toBe(1);
      if (format === 'sarif') {
        const sarif = JSON.parse(r.stdout);
        expect(sarif.version).toBe('2.1.0');
        const uris: string[] = sarif.runs[0].results.flatMap((x: any) => x.locations.map((l: any) => decodeURIComponent(l.physicalLocation.artifactLocation.uri)));
        for (const b of named()) expect(uris.some((u) => u.endsWith(b.file)), `sarif names ${b.file}`).toBe(true);
      } else {
        expectBadNamed(r.stdout, `check ${format}`);
      }
    }, 120_000);
  }

  it('adr todo lists the open items of the good records', async () => {
    const args = ['todo'];
    const r = await adr(args);
    expectSane(args, r);
    expect(r.stdout).toContain('Order the frobnicator');
    expect(r.stdout).toContain('Write the migration plan');
  }, 120_000);
});

describe('the hostile log, written', () => {
  it('adr overview writes DECISIONS.md with a row per good record and touches nothing else', async () => {
    const root = copyLog('overview');
    const before = fingerprint(join(root, 'decisions'));
    const args = ['overview'];
    const r = await adr(args, root);
    expectSane(args, r);
    expect(changedPaths(before, fingerprint(join(root, 'decisions')))).toEqual([]);
    const overview = readFileSync(join(root, 'DECISIONS.md'), 'utf8');
    for (const g of good()) {
      const spellings = [g.file, encodeURI(g.file), g.file.replace(/ /g, '%20')];
      expect(spellings.some((s) => overview.includes(s)), `row for ${g.file}`).toBe(true);
    }
  }, 120_000);

  it('adr new writes one readable record and touches nothing else', async () => {
    const root = copyLog('new');
    const before = fingerprint(join(root, 'decisions'));
    const args = ['new', 'Survive the hostile log'];
    const r = await adr(args, root);
    expectSane(args, r);
    expect(r.code).toBe(0);
    const changed = changedPaths(before, fingerprint(join(root, 'decisions')));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/survive-the-hostile-log\.md$/);
    const list = await adr(['list', '--json'], root);
    const made = JSON.parse(list.stdout).find((d: any) => d.file === changed[0]);
    expect(made?.title).toBe('Survive the hostile log');
    expect(made?.status).toBe('proposed');
    expect(made?.date).toBe('2025-08-07');
  }, 120_000);

  it('adr abort aborts the good record and touches nothing else', async () => {
    const root = copyLog('abort');
    const before = fingerprint(join(root, 'decisions'));
    const args = ['abort', '2025-06-01-abort-target.md', '--reason', 'Frobnicators are banned'];
    const r = await adr(args, root);
    expectSane(args, r);
    expect(r.code).toBe(0);
    expect(changedPaths(before, fingerprint(join(root, 'decisions')))).toEqual(['2025-06-01-abort-target.md']);
    const list = await adr(['list', '--json'], root);
    const d = JSON.parse(list.stdout).find((x: any) => x.file === '2025-06-01-abort-target.md');
    expect(d.status).toBe('aborted');
    expect(d.reason).toBe('Frobnicators are banned');
    expect(d.actionItems.filter((a: any) => !a.done)).toEqual([]);
  }, 120_000);

  it('adr status, supersede and link change only the records they name', async () => {
    const root = copyLog('lifecycle');
    const dir = join(root, 'decisions');
    const steps: Array<{ args: string[]; files: string[] }> = [
      { args: ['status', '2025-03-01-madr3-cache.md', 'accepted'], files: ['2025-03-01-madr3-cache.md'] },
      { args: ['supersede', '0001-record-architecture-decisions.md', '0007-決定.md'], files: ['0001-record-architecture-decisions.md', '0007-決定.md'] },
      { args: ['link', '2025-02-01-madr2-queue.md', 'relates', '2025-01-01-решение о базе.md'], files: ['2025-02-01-madr2-queue.md', '2025-01-01-решение о базе.md'] },
    ];
    for (const step of steps) {
      const before = fingerprint(dir);
      const r = await adr(step.args, root);
      expectSane(step.args, r);
      expect(r.code, describeRun(step.args, r)).toBe(0);
      expect(changedPaths(before, fingerprint(dir)), step.args.join(' ')).toEqual([...step.files].sort());
    }
    const list = await adr(['list', '--json'], root);
    const byFile = new Map<string, any>(JSON.parse(list.stdout).map((d: any) => [d.file, d]));
    expect(byFile.get('2025-03-01-madr3-cache.md').status).toBe('accepted');
    expect(byFile.get('0001-record-architecture-decisions.md').status).toBe('superseded');
    expect(byFile.get('0007-決定.md').links.map((l: any) => `${l.target} ${l.kind}`)).toContain('0001-record-architecture-decisions.md supersedes');
    expect(byFile.get('2025-02-01-madr2-queue.md').links.map((l: any) => l.target)).toContain('2025-01-01-решение о базе.md');
  }, 120_000);

  it('adr check --fix never rewrites a file it cannot read', async () => {
    const root = copyLog('fix');
    const dir = join(root, 'decisions');
    const before = fingerprint(dir);
    const args = ['check', '--fix', '--format', 'json'];
    const r = await adr(args, root);
    expectSane(args, r);
    const changed = changedPaths(before, fingerprint(dir));
    for (const b of log.bad) expect(changed, `${b.file} (${b.what}) untouched by --fix`).not.toContain(b.file);
    for (const f of changed) expect(f, 'only records --fix can read are changed').toMatch(/\.md$/);
  }, 120_000);

  it('adr abort on a bad file refuses clearly and changes nothing', async () => {
    const root = copyLog('abort-bad');
    const before = fingerprint(join(root, 'decisions'));
    for (const ref of ['latin1.md', 'image.md', 'fifo.md', 'dangling.md']) {
      const args = ['abort', ref, '--reason', 'x'];
      const r = await adr(args, root);
      expectSane(args, r);
      expect(r.code, describeRun(args, r)).toBe(1);
      expect(r.stderr.length, describeRun(args, r)).toBeGreaterThan(10);
    }
    expect(changedPaths(before, fingerprint(join(root, 'decisions')))).toEqual([]);
  }, 120_000);
});

describe('files that change while the log is read', () => {
  it('adr check and adr list survive files vanishing, appearing and being rewritten during the run', async () => {
    const root = copyLog('vanish');
    const dir = join(root, 'decisions');
    const { writeFileSync, unlinkSync, renameSync } = await import('node:fs');
    let n = 0;
    let stop = false;
    // A busy writer: creates, rewrites (shorter and longer), renames and deletes record files
    // as fast as the event loop allows, while the command walks and reads the folder.
    const churn = async () => {
      while (!stop) {
        const k = n++ % 50;
        const p = join(dir, `2025-09-${String(k).padStart(2, '0')}-vanishing.md`);
        try {
          writeFileSync(p, `# Vanishing ${k}\n\n**Status**: Approved\n${'x'.repeat((n * 7919) % 100_000)}\n`);
          if (k % 3 === 0) renameSync(p, `${p}.gone`);
          else if (k % 3 === 1) unlinkSync(p);
        } catch {
          // racing ourselves is fine
        }
        await new Promise((r) => setImmediate(r));
      }
    };
    const running = churn();
    try {
      for (const args of [['list', '--json', '--no-cache'], ['check', '--format', 'json', '--no-cache']]) {
        const r = await adr(args, root);
        expectSane(args, r);
        const out = JSON.parse(r.stdout);
        if (args[0] === 'list') expectGoodRecords((Array.isArray(out) ? out : out.decisions).filter((d: any) => !d.file.includes('vanishing')));
      }
    } finally {
      stop = true;
      await running;
    }
    expect(n).toBeGreaterThan(10);
  }, 200_000);
});

/** Every .html file under `dir`. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

describe('the site', () => {
  it('adr site build does not crash on the hostile log', async () => {
    const out = join(log.root, '..', `${log.root.split('/').pop()}-site`);
    copies.push(out);
    const args = ['site', 'build', '--out', out];
    const r = await adr(args, log.root, 240_000);
    expectSane(args, r);
    // A log with bad files still gets its site (the bad files are reported, the good records shown).
    expect(r.code, describeRun(args, r)).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    // The record full of script-looking markup is rendered inert (Chromium checks live in test/site/).
    const pages = htmlFiles(out).map((f) => readFileSync(f, 'utf8'));
    const page = pages.find((h) => h.includes('Aborted record with spaces in its file name') && h.includes('Script-looking content'));
    expect(page, 'the page of the record with spaces in its name').toBeDefined();
    for (const h of pages) {
      expect(h).not.toMatch(/<script[^>]*>\s*window\.__hostile/i);
      expect(h).not.toMatch(/\son(error|toggle|load)\s*=\s*["']?window\.__hostile/i);
      expect(h).not.toMatch(/(href|src)\s*=\s*["']?\s*javascript:/i);
      expect(h).not.toMatch(/(href|src)\s*=\s*["']?\s*data:text\/html/i);
      expect(h).not.toMatch(/<iframe/i);
    }
  }, 260_000);
});
