/**
 * The check result cache (src/store/result-cache.ts) answers only for an unchanged log.
 *
 * Every log is written first and the suite waits past the racy margin once, so the cache really is
 * trusted. A hit is made visible by planting a marker finding in the stored result: a run that
 * prints the marker was answered from the cache, a run that does not was computed afresh. Each
 * change a user, an editor or a checkout makes must lead to a fresh answer.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RACY_MARGIN_MS } from '../../src/store/cache.js';
import { resultPathFor } from '../../src/store/result-cache.js';
import { runInProcess } from '../helpers/run-in-process.js';

const NOW = new Date('2025-08-07T12:00:00Z');
const MARKER = 'planted-by-the-test';

const record = (title: string, status = 'Accepted', extra = '') => `# ${title}\n\nDate: 2025-01-01\n\n## Status\n\n${status}\n${extra}\n## Context\n\nText.\n`;

interface Log {
  root: string;
  dir: string;
  env: Record<string, string>;
}

function makeLog(): Log {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'adr-result-')));
  const dir = join(root, 'decisions');
  mkdirSync(dir);
  writeFileSync(join(dir, '0001-first.md'), record('1. First'));
  writeFileSync(join(dir, '0002-second.md'), record('2. Second', 'Accepted', '\nSee [notes](../notes/extra.md)\n'));
  writeFileSync(join(root, 'DECISIONS.md'), '# Decisions\n\nA hand-written index.\n');
  return { root, dir, env: { ADR_CACHE_DIR: join(root, '.cache') } };
}

async function check(log: Log, args: string[] = [], now = NOW) {
  return runInProcess(['check', '--format', 'json', ...args], log.root, { now, env: log.env });
}

/** Adds the marker finding to the stored result (the findings only: every stamp stays as stored). */
function plant(log: Log): void {
  const path = resultPathFor(log.dir, log.env);
  const stored = JSON.parse(readFileSync(path, 'utf8'));
  stored.result.diagnostics.push({ file: '0001-first.md', line: 1, column: 1, endLine: 1, endColumn: 1, rule: 'status-mismatch', severity: 'warning', message: MARKER });
  writeFileSync(path, JSON.stringify(stored));
}

const answeredFromCache = (out: string) => out.includes(MARKER);

const logs: Record<string, Log> = {};
const CASES = ['same-output', 'unchanged', 'edit-same-size', 'restored-mtime', 'added', 'deleted', 'renamed', 'overview', 'config', 'probe', 'rule', 'hour', 'no-cache', 'fix'];

beforeAll(async () => {
  for (const name of CASES) logs[name] = makeLog();
  // An ignored folder: a file appearing there changes no listing, only what a rule's existence check answers.
  writeFileSync(join(logs.probe.root, '.adr.json'), JSON.stringify({ dir: 'decisions', ignore: ['drafts/**'] }));
  writeFileSync(join(logs.probe.dir, '0003-third.md'), record('3. Third', 'Accepted', '\nSee [the draft](drafts/next.md)\n'));
  // One log with findings of several kinds, for comparing answers (a dead link, a one-way supersede).
  writeFileSync(join(logs['same-output'].dir, '0003-third.md'), record('3. Third', 'Superseded by [1. First](0001-first.md)', '\nSee [gone](0009-gone.md)\n'));
  // Every file must be older than the racy margin before the filling run, or nothing is trusted.
  await new Promise((r) => setTimeout(r, RACY_MARGIN_MS + 300));
  for (const name of CASES) {
    const first = await check(logs[name]);
    expect(first.code, first.stderr).toBe(name === 'probe' || name === 'same-output' ? 1 : 0);
    if (name !== 'same-output') plant(logs[name]);
  }
}, 30_000);

afterAll(() => {
  for (const log of Object.values(logs)) rmSync(log.root, { recursive: true, force: true });
});

describe('adr check answers from its result cache only when nothing changed', () => {
  it('the answer from the cache is byte for byte the computed one, in every format, with the same exit code', async () => {
    const log = logs['same-output'];
    for (const format of ['stylish', 'json', 'github', 'sarif']) {
      const fresh = await check(log, ['--format', format, '--no-cache']);
      const cached = await check(log, ['--format', format]);
      expect(fresh.stdout, format).toContain('0009-gone.md');
      expect(cached.stdout, format).toBe(fresh.stdout);
      expect(cached.code, format).toBe(fresh.code);
    }
  });

  it('an unchanged log is answered from the cache (the planted finding shows)', async () => {
    const r = await check(logs.unchanged);
    expect(answeredFromCache(r.stdout)).toBe(true);
    // ... and the exit code follows the stored findings (a warning: still 0; --max-warnings 0: 1).
    expect((await check(logs.unchanged, ['--max-warnings', '0'])).code).toBe(1);
  });

  it('a same-size edit of a record is seen', async () => {
    const log = logs['edit-same-size'];
    writeFileSync(join(log.dir, '0001-first.md'), record('1. First', 'Rejected'));
    const r = await check(log);
    expect(answeredFromCache(r.stdout)).toBe(false);
  });

  it('a same-size edit whose old mtime is put back (touch -r, cp -p) is seen: ctime moved', async () => {
    const log = logs['restored-mtime'];
    const path = join(log.dir, '0001-first.md');
    const before = statSync(path);
    writeFileSync(path, record('1. First', 'Rejected'));
    utimesSync(path, before.atime, before.mtime);
    const r = await check(log);
    expect(answeredFromCache(r.stdout)).toBe(false);
  });

  it('a new record is seen', async () => {
    const log = logs.added;
    writeFileSync(join(log.dir, '0003-third.md'), record('3. Third'));
    const r = await check(log);
    expect(answeredFromCache(r.stdout)).toBe(false);
    expect(JSON.parse(r.stdout).records ?? r.stdout).toBeTruthy();
  });

  it('a deleted record is seen', async () => {
    const log = logs.deleted;
    unlinkSync(join(log.dir, '0002-second.md'));
    expect(answeredFromCache((await check(log)).stdout)).toBe(false);
  });

  it('a record replaced by rename is seen', async () => {
    const log = logs.renamed;
    writeFileSync(join(log.dir, '.tmp'), record('1. First', 'Deprecated'));
    renameSync(join(log.dir, '.tmp'), join(log.dir, '0001-first.md'));
    expect(answeredFromCache((await check(log)).stdout)).toBe(false);
  });

  it('an edited overview is seen', async () => {
    const log = logs.overview;
    writeFileSync(join(log.root, 'DECISIONS.md'), '# Decisions\n\nA hand-written index!\n');
    expect(answeredFromCache((await check(log)).stdout)).toBe(false);
  });

  it('a changed config is seen', async () => {
    const log = logs.config;
    writeFileSync(join(log.root, '.adr.json'), JSON.stringify({ dir: 'decisions', rules: { 'date-future': 'off' } }));
    expect(answeredFromCache((await check(log)).stdout)).toBe(false);
  });

  it('a missing link target that appears in an ignored folder is seen (a rule asked whether it exists)', async () => {
    const log = logs.probe;
    expect(answeredFromCache((await check(log)).stdout)).toBe(true);
    mkdirSync(join(log.dir, 'drafts'));
    writeFileSync(join(log.dir, 'drafts', 'next.md'), '# Next\n');
    const r = await check(log);
    expect(answeredFromCache(r.stdout)).toBe(false);
    expect(r.stdout).not.toContain('link-missing-file');
  });

  it('another --rule filter is another question', async () => {
    const log = logs.rule;
    expect(answeredFromCache((await check(log, ['--rule', 'status-mismatch'])).stdout)).toBe(false);
  });

  it('another hour is another question (date rules compare with today)', async () => {
    const log = logs.hour;
    expect(answeredFromCache((await check(log, [], new Date(NOW.getTime() + 3_600_000))).stdout)).toBe(false);
  });

  it('--no-cache neither reads nor writes it', async () => {
    const log = logs['no-cache'];
    const path = resultPathFor(log.dir, log.env);
    const stored = readFileSync(path, 'utf8');
    expect(answeredFromCache((await check(log, ['--no-cache'])).stdout)).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(stored);
  });

  it('--fix works on the log as it is, never on the stored answer', async () => {
    const log = logs.fix;
    const r = await check(log, ['--fix']);
    expect(answeredFromCache(r.stdout)).toBe(false);
  });

  it('files changed within the racy margin of the filling run are not vouched for by their stat', async () => {
    // Written just now: an edit in the same timestamp tick could keep size and times, so the stat proves nothing yet.
    const log = makeLog();
    try {
      expect((await check(log)).code).toBe(0);
      plant(log);
      expect(answeredFromCache((await check(log)).stdout)).toBe(false);
    } finally {
      rmSync(log.root, { recursive: true, force: true });
    }
  });

  it('a corrupt result file is a miss, and the next run stores a good one', async () => {
    const log = logs.unchanged;
    writeFileSync(resultPathFor(log.dir, log.env), '{"adrCheckCache":1,"key":');
    const r = await check(log);
    expect(r.code, r.stderr).toBe(0);
    expect(answeredFromCache(r.stdout)).toBe(false);
    expect(JSON.parse(readFileSync(resultPathFor(log.dir, log.env), 'utf8')).adrCheckCache).toBe(1);
  });
});

describe('the code fingerprint behind the key', () => {
  it('is reused while every code file keeps its stat, and hashed afresh when one changes or is too recent to trust', async () => {
    const { codeStamp } = await import('../../src/store/result-cache.js');
    const real = await codeStamp();
    expect(real.files.length).toBeGreaterThan(20);
    // Verified long after every file's last change: the stored fingerprint (here a planted one) is reused.
    const trusted = { ...real, fingerprint: 'planted', verifiedMs: Date.now() + 3_600_000 };
    expect((await codeStamp(trusted)).fingerprint).toBe('planted');
    // One file's stamp differs (a rebuild, an upgrade): hashed again.
    const changed = { ...trusted, files: trusted.files.map(([f, k], i) => [f, i === 3 ? `${k}x` : k] as [string, string]) };
    expect((await codeStamp(changed)).fingerprint).toBe(real.fingerprint);
    // A file added or removed: hashed again.
    expect((await codeStamp({ ...trusted, files: trusted.files.slice(1) })).fingerprint).toBe(real.fingerprint);
    // Verified within the racy margin of the files' last change: nothing is trusted.
    const racy = { ...trusted, verifiedMs: 0 };
    expect((await codeStamp(racy)).fingerprint).toBe(real.fingerprint);
  });
});
