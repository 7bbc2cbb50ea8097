import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cachePathFor, cacheRoot, hashContent, openCache } from '../../src/store/cache.js';
import { parseRecord } from '../../src/parse/index.js';

let tmp: string;
let env: Record<string, string | undefined>;
const logDir = '/srv/project/decisions';

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'adr-cache-'));
  env = { ADR_CACHE_DIR: join(tmp, 'cache') };
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('where the cache lives', () => {
  it('uses ADR_CACHE_DIR, then XDG_CACHE_HOME/adr, then ~/.cache/adr', () => {
    expect(cacheRoot({ ADR_CACHE_DIR: '/x/y', XDG_CACHE_HOME: '/c', HOME: '/h' })).toBe('/x/y');
    expect(cacheRoot({ XDG_CACHE_HOME: '/c', HOME: '/h' })).toBe('/c/adr');
    expect(cacheRoot({ HOME: '/h' })).toBe('/h/.cache/adr');
  });

  it('ignores a relative XDG_CACHE_HOME, as the XDG spec says', () => {
    expect(cacheRoot({ XDG_CACHE_HOME: 'rel/cache', HOME: '/h' })).toBe('/h/.cache/adr');
  });

  it('names one file per log by the sha256 of its absolute path', () => {
    const path = cachePathFor(logDir, { XDG_CACHE_HOME: '/c' });
    expect(path).toBe(`/c/adr/parse/${hashContent(logDir)}.jsonl`);
    expect(cachePathFor('/srv/other/decisions', { XDG_CACHE_HOME: '/c' })).not.toBe(path);
  });
});

describe('hits and misses', () => {
  it('misses when empty, hits after set + save in a later process', async () => {
    const first = openCache<{ n: number }>({ logDir, env, enabled: true });
    expect(first.get('a.md', 'h1')).toBeUndefined();
    first.set('a.md', 'h1', { n: 1 });
    await first.save();
    expect(existsSync(first.path!)).toBe(true);

    const second = openCache<{ n: number }>({ logDir, env, enabled: true });
    expect(second.get('a.md', 'h1')).toEqual({ n: 1 });
    expect(second.stats).toMatchObject({ hits: 1, misses: 0, loaded: 1, corrupt: false });
  });

  it('misses when the content hash differs: an edited file is parsed again', async () => {
    const c = openCache({ logDir, env, enabled: true });
    c.set('a.md', hashContent('old text'), { title: 'old' });
    await c.save();
    const again = openCache({ logDir, env, enabled: true });
    expect(again.get('a.md', hashContent('new text'))).toBeUndefined();
    expect(again.get('a.md', hashContent('old text'))).toEqual({ title: 'old' });
  });

  it('hands out copies: changing a value after get or set does not change the cache', async () => {
    const c = openCache<{ list: string[] }>({ logDir, env, enabled: true });
    const value = { list: ['x'] };
    c.set('a.md', 'h', value);
    value.list.push('added after set');
    const got = c.get('a.md', 'h')!;
    got.list.push('added after get');
    expect(c.get('a.md', 'h')).toEqual({ list: ['x'] });
    await c.save();
    expect(openCache({ logDir, env, enabled: true }).get('a.md', 'h')).toEqual({ list: ['x'] });
  });

  it('keeps separate logs apart', async () => {
    const a = openCache({ logDir, env, enabled: true });
    a.set('a.md', 'h', 1);
    await a.save();
    expect(openCache({ logDir: '/srv/other', env, enabled: true }).get('a.md', 'h')).toBeUndefined();
  });

  it('never reads entries made under another key (parse options, version)', async () => {
    const a = openCache({ logDir, env, enabled: true, variant: 'overview=DECISIONS.md' });
    a.set('a.md', 'h', 1);
    await a.save();
    expect(openCache({ logDir, env, enabled: true, variant: 'overview=INDEX.md' }).get('a.md', 'h')).toBeUndefined();
    expect(openCache({ logDir, env, enabled: true, variant: 'overview=DECISIONS.md' }).get('a.md', 'h')).toBe(1);
  });

  it('does not rewrite the file when nothing changed', async () => {
    const a = openCache({ logDir, env, enabled: true });
    a.set('a.md', 'h', { v: 1 });
    await a.save();
    const b = openCache({ logDir, env, enabled: true });
    b.get('a.md', 'h');
    b.set('a.md', 'h', { v: 1 });
    // Replace the file behind b's back: a save that wrote anyway would overwrite the sentinel.
    writeFileSync(a.path!, 'sentinel');
    await b.save();
    expect(readFileSync(a.path!, 'utf8')).toBe('sentinel');
    b.set('a.md', 'h', { v: 2 });
    await b.save();
    expect(readFileSync(a.path!, 'utf8')).toContain('{"v":2}');
  });

  it('prunes entries of files not seen in a full run, and only when asked', async () => {
    const a = openCache({ logDir, env, enabled: true });
    a.set('kept.md', 'h1', 1);
    a.set('deleted.md', 'h2', 2);
    await a.save();
    const b = openCache({ logDir, env, enabled: true });
    b.get('kept.md', 'h1');
    await b.save();
    expect(openCache({ logDir, env, enabled: true }).get('deleted.md', 'h2')).toBe(2);
    const c = openCache({ logDir, env, enabled: true });
    c.get('kept.md', 'h1');
    await c.save({ prune: true });
    const d = openCache({ logDir, env, enabled: true });
    expect(d.get('deleted.md', 'h2')).toBeUndefined();
    expect(d.get('kept.md', 'h1')).toBe(1);
  });
});

describe('a damaged cache is ignored and rebuilt', () => {
  it('round-trips any text exactly: emoji, mojibake, lone surrogates, non-ASCII names and paths', async () => {
    const dir = '/srv/prøject/décisions 🚪';
    const value = { title: '🚪 ← Back ‚úó ✗ ÄÖÜ 中文', lone: '\ud800x', tab: 'a\tb\nc', nul: '\u0000' };
    const a = openCache({ logDir: dir, env, enabled: true });
    a.set('2025-08-06-ñandú-✅.md', 'h', value);
    await a.save();
    expect(/[^\x00-\x7e]/.test(readFileSync(a.path!, 'latin1'))).toBe(false);
    const b = openCache({ logDir: dir, env, enabled: true });
    expect(b.get('2025-08-06-ñandú-✅.md', 'h')).toEqual(value);
  });

  it('ignores a file of garbage and replaces it on save', async () => {
    const path = cachePathFor(logDir, env);
    const a = openCache({ logDir, env, enabled: true });
    a.set('a.md', 'h', 1);
    await a.save();
    writeFileSync(path, '\u0000\u0001 not json at all\n["a.md","h"]\t1\n');
    const b = openCache({ logDir, env, enabled: true });
    expect(b.stats.corrupt).toBe(true);
    expect(b.get('a.md', 'h')).toBeUndefined();
    b.set('b.md', 'h2', 2);
    await b.save();
    const c = openCache({ logDir, env, enabled: true });
    expect(c.stats.corrupt).toBe(false);
    expect(c.get('b.md', 'h2')).toBe(2);
  });

  it('ignores a cache file that is not pure ASCII (written by something else)', async () => {
    const a = openCache({ logDir, env, enabled: true });
    a.set('a.md', 'h', { t: 'x' });
    await a.save();
    writeFileSync(a.path!, readFileSync(a.path!, 'utf8').replace('"x"', '"é"'));
    const b = openCache({ logDir, env, enabled: true });
    expect(b.get('a.md', 'h')).toBeUndefined();
    expect(b.stats.corrupt).toBe(true);
  });

  it('drops a damaged line or value and keeps the others', async () => {
    const a = openCache({ logDir, env, enabled: true });
    a.set('a.md', 'h1', { ok: 'a' });
    a.set('b.md', 'h2', { ok: 'b' });
    a.set('c.md', 'h3', { ok: 'c' });
    await a.save();
    const lines = readFileSync(a.path!, 'utf8').split('\n');
    lines[1] = lines[1].slice(0, 10); // truncated id
    lines[2] = lines[2].replace(/\t.*/, '\t{"ok": '); // truncated value
    writeFileSync(a.path!, lines.join('\n'));
    const b = openCache({ logDir, env, enabled: true });
    expect(b.get('a.md', 'h1')).toBeUndefined();
    expect(b.get('b.md', 'h2')).toBeUndefined();
    expect(b.get('c.md', 'h3')).toEqual({ ok: 'c' });
    expect(b.stats.corrupt).toBe(true);
  });

  it('survives a cache folder that cannot be written (a file where the folder should be)', async () => {
    writeFileSync(join(tmp, 'cache'), 'in the way');
    const a = openCache({ logDir, env, enabled: true });
    a.set('a.md', 'h', 1);
    await expect(a.save()).resolves.toBeUndefined();
    expect(a.get('a.md', 'h')).toBe(1);
  });

  it('leaves no temp file behind after saving', async () => {
    const a = openCache({ logDir, env, enabled: true });
    a.set('a.md', 'h', 1);
    await a.save();
    expect(readdirSync(join(tmp, 'cache', 'parse'))).toEqual([`${hashContent(logDir)}.jsonl`]);
  });
});

describe('--no-cache', () => {
  it('neither reads nor writes the cache file', async () => {
    const a = openCache({ logDir, env, enabled: true });
    a.set('a.md', 'h', 1);
    await a.save();
    const before = readFileSync(a.path!, 'utf8');
    const off = openCache({ logDir, env, enabled: false });
    expect(off.enabled).toBe(false);
    expect(off.path).toBeNull();
    expect(off.get('a.md', 'h')).toBeUndefined();
    off.set('b.md', 'h', 2);
    await off.save({ prune: true });
    expect(readFileSync(a.path!, 'utf8')).toBe(before);
  });

  it('creates nothing on disk when disabled', async () => {
    const off = openCache({ logDir, env, enabled: false });
    off.set('a.md', 'h', 1);
    await off.save();
    expect(existsSync(join(tmp, 'cache'))).toBe(false);
  });
});

describe('never stale', () => {
  // A reader that goes through the cache the way readLog does: hash the bytes, get, else compute and set.
  async function readThroughCache(files: Map<string, string>, compute: (text: string) => unknown) {
    const cache = openCache({ logDir, env, enabled: true });
    const out = new Map<string, unknown>();
    for (const [file, text] of files) {
      const hash = hashContent(text);
      let value = cache.get(file, hash);
      if (value === undefined) {
        value = compute(text);
        cache.set(file, hash, value);
      }
      out.set(file, value);
    }
    await cache.save({ prune: true });
    return out;
  }

  it('gives what a fresh computation gives, after any sequence of edits, renames and deletions', async () => {
    const compute = (text: string) => ({ length: text.length, first: text.split('\n')[0], words: text.split(/\s+/).filter(Boolean).length });
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ file: fc.constantFrom('a.md', 'b.md', 'c.md', 'd.md'), text: fc.option(fc.string({ maxLength: 40 }), { nil: null }) }),
          { minLength: 1, maxLength: 25 },
        ),
        async (steps) => {
          rmSync(join(tmp, 'cache'), { recursive: true, force: true });
          const files = new Map<string, string>();
          for (const step of steps) {
            if (step.text === null) files.delete(step.file);
            else files.set(step.file, step.text);
            const got = await readThroughCache(files, compute);
            for (const [file, text] of files) expect(got.get(file)).toEqual(compute(text));
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000); // many small saves: generous for a loaded CI machine (not a timing assertion)

  it('returns exactly the parser result for a real record, before and after an edit of one character', async () => {
    const example = [
      '# Nix Development Environment',
      '',
      '[🚪 ← Back to Decisions Overview](../DECISIONS.md)',
      '',
      '## Decision Summary',
      '',
      '**Status**: **✗** **ABORTED** - Use Makefile + proto instead\\',
      '**Priority**: 🟡 **Important** (2 weeks)\\',
      '**Date**: 2025-08-06\\',
      '**Category**: 🏗️ Infrastructure',
      '',
      '## Action Items',
      '',
      '### ✅ Completed/Aborted',
      '',
      '- [x] ~~Add a Nix flake~~ **✗** **ABORTED** - Implemented Makefile + proto instead',
      '',
      '---',
      '',
      '## Abort Rationale',
      '',
      'Simpler tools won. See [Infrastructure](2025-08-06-infrastructure.md).',
      '',
      '_Decision Status: **✗** ABORTED | Next Review: Not applicable_',
      '',
    ].join('\n');
    const files = new Map([['2025-08-06-nix.md', example]]);
    const parse = (text: string) => JSON.parse(JSON.stringify(parseRecord('2025-08-06-nix.md', text)));
    const cold = await readThroughCache(files, parse);
    const warm = await readThroughCache(files, () => {
      throw new Error('a warm read must not parse');
    });
    expect(warm.get('2025-08-06-nix.md')).toEqual(cold.get('2025-08-06-nix.md'));
    expect(warm.get('2025-08-06-nix.md')).toEqual(parse(example));
    const edited = example.replace('**Date**: 2025-08-06', '**Date**: 2025-08-07');
    files.set('2025-08-06-nix.md', edited);
    const after = await readThroughCache(files, parse);
    expect(after.get('2025-08-06-nix.md')).toEqual(parse(edited));
    expect((after.get('2025-08-06-nix.md') as { decision: { date: string } }).decision.date).toBe('2025-08-07');
  });
});

describe('openRecordCache (the readLog adapter)', () => {
  it('keys by the bytes given, hits on the same bytes, misses on changed ones, and prunes on save', async () => {
    const { openRecordCache } = await import('../../src/store/cache.js');
    const bytes = (s: string) => new TextEncoder().encode(s);
    const a = openRecordCache<{ t: string }>({ logDir, env, enabled: true, variant: 'DECISIONS.md' });
    expect(a.get('a.md', bytes('one'))).toBeUndefined();
    a.set('a.md', bytes('one'), { t: 'one' });
    a.set('gone.md', bytes('x'), { t: 'x' });
    await a.save();
    const b = openRecordCache<{ t: string }>({ logDir, env, enabled: true, variant: 'DECISIONS.md' });
    expect(b.get('a.md', bytes('one'))).toEqual({ t: 'one' });
    expect(b.get('a.md', bytes('one!'))).toBeUndefined();
    await b.save();
    const c = openRecordCache<{ t: string }>({ logDir, env, enabled: true, variant: 'DECISIONS.md' });
    expect(c.get('gone.md', bytes('x'))).toBeUndefined();
    expect(c.cache.stats.loaded).toBe(1);
  });

  it('does nothing when disabled', async () => {
    const { openRecordCache } = await import('../../src/store/cache.js');
    const a = openRecordCache({ logDir, env, enabled: false });
    a.set('a.md', new Uint8Array([1]), 1);
    expect(a.get('a.md', new Uint8Array([1]))).toBeUndefined();
    await a.save();
    expect(existsSync(join(tmp, 'cache'))).toBe(false);
  });
});
