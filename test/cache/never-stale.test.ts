/**
 * The parse cache's stat shortcut never serves a stale result (src/store/cache.ts).
 *
 * Unit tests drive `fresh()` with made-up stats, so the racy-clean rule and every field of the
 * stamp are exercised exactly; the readLog tests use real files whose timestamps are older than
 * the racy margin (the log is written, then the test waits past the margin once), so the shortcut
 * really is taken, and then edit the files every way an editor, a checkout or a restore does.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BigIntStats } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachePathFor, fileStamp, openCache, openRecordCache, RACY_MARGIN_MS } from '../../src/store/cache.js';
import { readLog } from '../../src/store/read-log.js';
import type { ParseResult } from '../../src/parse/index.js';

const MS = 1_000_000n;

/** A stat as the cache sees it (only the fields it reads). */
function fakeStat(fields: { dev?: bigint; ino?: bigint; size?: bigint; mtimeMs: number; ctimeMs: number }): BigIntStats {
  return {
    dev: fields.dev ?? 1n,
    ino: fields.ino ?? 42n,
    size: fields.size ?? 100n,
    mtimeNs: BigInt(fields.mtimeMs) * MS + 123n,
    ctimeNs: BigInt(fields.ctimeMs) * MS + 456n,
    isFile: () => true,
  } as unknown as BigIntStats;
}

describe('the stat shortcut (fresh) and the racy-clean rule', () => {
  let tmp: string;
  let env: Record<string, string>;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'adr-fresh-'));
    env = { ADR_CACHE_DIR: join(tmp, 'cache') };
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const logDir = '/srv/fresh/decisions';

  /** A cache holding `a.md` verified at `verified` with the stat `st`, reopened from disk. */
  async function cacheWith(st: BigIntStats, verified: number) {
    rmSync(join(tmp, 'cache'), { recursive: true, force: true });
    const c = openCache<{ v: number }>({ logDir, env, enabled: true });
    c.set('a.md', 'h1', { v: 1 }, fileStamp(st, verified));
    await c.save();
    return openCache<{ v: number }>({ logDir, env, enabled: true });
  }

  const T = 1_700_000_000_000; // a fixed moment, ms
  const old = { mtimeMs: T - 60_000, ctimeMs: T - 60_000 };

  it('serves an entry without reading the file when the stat is identical and older than the margin', async () => {
    const c = await cacheWith(fakeStat(old), T);
    expect(c.fresh('a.md', fakeStat(old))).toEqual({ v: 1 });
    expect(c.stats).toMatchObject({ fresh: 1, hits: 1 });
  });

  it('never trusts a racily clean entry: a file modified within the margin of its verification (same second as the cache write)', async () => {
    // Written 1 s before it was read: an edit after the read may leave mtime, ctime and size as they were.
    const racy = { mtimeMs: T - 1000, ctimeMs: T - 1000 };
    const c = await cacheWith(fakeStat(racy), T);
    expect(c.fresh('a.md', fakeStat(racy))).toBeUndefined();
    // Exactly at the margin is still racy; one ms older is not.
    const edge = { mtimeMs: T - RACY_MARGIN_MS, ctimeMs: T - RACY_MARGIN_MS - 1 };
    expect((await cacheWith(fakeStat(edge), T)).fresh('a.md', fakeStat(edge))).toBeUndefined();
    const past = { mtimeMs: T - RACY_MARGIN_MS - 1, ctimeMs: T - RACY_MARGIN_MS - 1 };
    expect((await cacheWith(fakeStat(past), T + 1)).fresh('a.md', fakeStat(past))).toEqual({ v: 1 });
  });

  it('never trusts a ctime within the margin even when the mtime is old (touch -r, cp -p, utimes)', async () => {
    const restored = { mtimeMs: T - 60_000, ctimeMs: T - 10 };
    const c = await cacheWith(fakeStat(restored), T);
    expect(c.fresh('a.md', fakeStat(restored))).toBeUndefined();
  });

  it('misses when any field of the stamp differs: size, mtime, ctime, inode, device', async () => {
    const base = fakeStat(old);
    const variants: BigIntStats[] = [
      fakeStat({ ...old, size: 101n }),
      fakeStat({ ...old, mtimeMs: old.mtimeMs + 1 }),
      fakeStat({ ...old, ctimeMs: old.ctimeMs + 1 }),
      fakeStat({ ...old, ino: 43n }),
      fakeStat({ ...old, dev: 2n }),
      // A restored mtime: only the ctime tells (and the ctime of a restore is always later).
      fakeStat({ mtimeMs: old.mtimeMs, ctimeMs: old.ctimeMs + 5000 }),
    ];
    for (const st of variants) {
      const c = await cacheWith(base, T);
      expect(c.fresh('a.md', st)).toBeUndefined();
    }
  });

  it('misses for a file that has no stamp (an entry set from a hash alone)', async () => {
    const c = openCache<{ v: number }>({ logDir, env, enabled: true });
    c.set('b.md', 'h', { v: 2 });
    await c.save();
    expect(openCache({ logDir, env, enabled: true }).fresh('b.md', fakeStat(old))).toBeUndefined();
  });

  it('re-stamps an entry when its bytes were read, hashed and matched, so the next run may skip them', async () => {
    const racy = { mtimeMs: T - 1000, ctimeMs: T - 1000 };
    const c = await cacheWith(fakeStat(racy), T);
    expect(c.fresh('a.md', fakeStat(racy))).toBeUndefined();
    // A later run reads the same bytes (same hash) when the file has aged past the margin.
    expect(c.get('a.md', 'h1', fileStamp(fakeStat(racy), T + 10_000))).toEqual({ v: 1 });
    await c.save();
    const next = openCache<{ v: number }>({ logDir, env, enabled: true });
    expect(next.fresh('a.md', fakeStat(racy))).toEqual({ v: 1 });
  });

  it('reads back entries set earlier in the same run, past the spool buffer, and saves them all', async () => {
    rmSync(join(tmp, 'cache'), { recursive: true, force: true });
    const c = openCache<{ i: number; pad: string }>({ logDir, env, enabled: true });
    const pad = 'x'.repeat(5000);
    for (let i = 0; i < 400; i++) c.set(`r${i}.md`, `h${i}`, { i, pad }); // 2 MB: more than one buffer
    c.set('big.md', 'hb', { i: -1, pad: 'y'.repeat(1_500_000) }); // larger than the buffer itself
    expect(c.get('r0.md', 'h0')).toEqual({ i: 0, pad });
    expect(c.get('r399.md', 'h399')).toEqual({ i: 399, pad });
    expect(c.get('big.md', 'hb')?.pad.length).toBe(1_500_000);
    await c.save();
    const again = openCache<{ i: number; pad: string }>({ logDir, env, enabled: true });
    expect(again.stats.loaded).toBe(401);
    for (const i of [0, 1, 200, 399]) expect(again.get(`r${i}.md`, `h${i}`)).toEqual({ i, pad });
    expect(again.get('big.md', 'hb')?.pad).toBe('y'.repeat(1_500_000));
  });

  it('packs spans and gives them back exactly; a value with an array under "span" is not cached', async () => {
    const c = openCache({ logDir, env, enabled: true });
    const value = {
      span: { start: { line: 1, column: 2, offset: 3 }, end: { line: 4, column: 5, offset: 6 } },
      list: [{ span: { start: { line: 7, column: 8, offset: 9 }, end: { line: 10, column: 11, offset: 12 } }, line: 7 }],
      odd: { span: { start: { line: 1, column: 2 }, end: { line: 3, column: 4, offset: 5 } } },
      extra: { span: { start: { line: 1, column: 2, offset: 3, more: 1 }, end: { line: 3, column: 4, offset: 5 } } },
    };
    c.set('a.md', 'h', value);
    c.set('b.md', 'h', { span: [1, 2, 3, 4, 5, 6] });
    await c.save();
    expect(readFileSync(c.path!, 'latin1')).toContain('"span":[1,2,3,4,5,6]');
    const again = openCache({ logDir, env, enabled: true });
    expect(again.get('a.md', 'h')).toStrictEqual(value);
    expect(again.get('b.md', 'h')).toBeUndefined();
  });
});

/** Reads the log at `root` through a cache whose counters the test can see. */
async function readCached(root: string, env: Record<string, string>) {
  const logDir = join(root, 'decisions');
  const cache = openRecordCache<ParseResult>({ logDir, env, enabled: true, variant: 'DECISIONS.md' });
  const log = await readLog({ cwd: root, env }, cache);
  return { log, stats: { ...cache.cache.stats } };
}

/** What a log reads as, for comparison (the parts a command prints). */
function facts(log: Awaited<ReturnType<typeof readLog>>) {
  return JSON.stringify({ decisions: log.decisions, diagnostics: log.diagnostics, overview: log.overview });
}

const record = (title: string, status: string) =>
  `# ${title}\n\n## Decision Summary\n\n**Status**: ${status}\\\n**Date**: 2025-08-06\n\n## Context\n\nText.\n`;

describe('readLog with the shortcut taken: every kind of change is seen', () => {
  let root: string;
  let env: Record<string, string>;
  const dir = () => join(root, 'decisions');
  const names = ['2025-08-06-a.md', '2025-08-06-b.md', '2025-08-06-c.md', '2025-08-06-d.md', '2025-08-06-e.md'];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'adr-never-stale-'));
    env = { ADR_CACHE_DIR: join(root, '.cache') };
    mkdirSync(dir());
    for (const name of names) writeFileSync(join(dir(), name), record(`Record ${name}`, 'Accepted'));
    // Let every file age past the racy margin once (a wait, not a timed assertion), then fill the cache.
    await new Promise((done) => setTimeout(done, RACY_MARGIN_MS + 300));
    await readCached(root, env);
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function expectSameAsUncached() {
    const cached = await readCached(root, env);
    const uncached = await readLog({ cwd: root, env, cache: false });
    expect(facts(cached.log)).toBe(facts(uncached));
    return cached;
  }

  it('takes the shortcut for files that did not change (no read, no hash)', async () => {
    const { stats } = await expectSameAsUncached();
    expect(stats.fresh).toBe(names.length);
    expect(stats.misses).toBe(0);
  });

  it('sees an edit that keeps the size, made right after the cache was written', async () => {
    const file = join(dir(), names[0]);
    const before = readFileSync(file, 'utf8');
    const after = before.replace('Accepted', 'Rejected');
    expect(after.length).toBe(before.length);
    writeFileSync(file, after);
    const { log, stats } = await expectSameAsUncached();
    expect(log.decisions.find((d) => d.file === names[0])?.status).toBe('rejected');
    expect(stats.fresh).toBe(names.length - 1);
  });

  it('sees different content of the same size whose mtime was restored (touch -r / utimes)', async () => {
    const file = join(dir(), names[1]);
    const ref = join(root, 'times-of-b');
    writeFileSync(ref, '');
    execFileSync('touch', ['-r', file, ref]); // coreutils keeps the nanoseconds (utimes takes a double)
    const st = statSync(file, { bigint: true });
    writeFileSync(file, readFileSync(file, 'utf8').replace('Accepted', 'Proposed'));
    execFileSync('touch', ['-r', ref, file]);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(st.mtimeNs);
    expect(statSync(file, { bigint: true }).size).toBe(st.size);
    const { log } = await expectSameAsUncached();
    expect(log.decisions.find((d) => d.file === names[1])?.status).toBe('proposed');
  });

  it('sees a file replaced by rename (an editor saving through a temp file, a git checkout)', async () => {
    const file = join(dir(), names[2]);
    const temp = join(dir(), '.swap.tmp');
    writeFileSync(temp, readFileSync(file, 'utf8').replace('Accepted', 'Rejected'));
    const st = statSync(file);
    utimesSync(temp, st.atime, st.mtime);
    renameSync(temp, file);
    const { log } = await expectSameAsUncached();
    expect(log.decisions.find((d) => d.file === names[2])?.status).toBe('rejected');
  });

  it('sees a file deleted and re-created with other content of the same size', async () => {
    const file = join(dir(), names[3]);
    const text = readFileSync(file, 'utf8');
    const st = statSync(file);
    unlinkSync(file);
    writeFileSync(file, text.replace('Record', 'Recxrd'));
    utimesSync(file, st.atime, st.mtime);
    const { log } = await expectSameAsUncached();
    expect(log.decisions.find((d) => d.file === names[3])?.title).toContain('Recxrd');
  });

  it('forgets a deleted file and reads a new one', async () => {
    unlinkSync(join(dir(), names[4]));
    writeFileSync(join(dir(), '2025-08-06-f.md'), record('Record f', 'Accepted'));
    const { log } = await expectSameAsUncached();
    expect(log.decisions.map((d) => d.file)).not.toContain(names[4]);
    expect(log.decisions.map((d) => d.file)).toContain('2025-08-06-f.md');
  });

  it('--no-cache (cache: false) neither reads nor writes the cache file', async () => {
    const path = cachePathFor(dir(), env);
    writeFileSync(path, 'not a cache at all');
    const log = await readLog({ cwd: root, env, cache: false });
    expect(readFileSync(path, 'utf8')).toBe('not a cache at all');
    expect(log.decisions.length).toBeGreaterThan(0);
  });

  it('ignores a corrupt cache file, gives the uncached result, and rebuilds it', async () => {
    const path = cachePathFor(dir(), env);
    writeFileSync(path, '{"adrParseCache":3,"key":"x"}\n\u0000garbage\t\t\t\n');
    const { stats } = await expectSameAsUncached();
    expect(stats.hits).toBe(0);
    expect(readFileSync(path, 'latin1').split('\n')[0]).toMatch(/"adrParseCache":3/);
    // A cache whose lines were damaged (a truncated value) is also survived.
    const lines = readFileSync(path, 'latin1').split('\n');
    lines[1] = lines[1].slice(0, lines[1].length - 20);
    writeFileSync(path, lines.join('\n'));
    await expectSameAsUncached();
  });
});
