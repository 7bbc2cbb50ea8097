/**
 * readLog's `only` option: a command that changes one record reads that record, not the log
 * (`adr abort` on 10,000 records used to read all of them for one edit). The record read alone
 * equals the same record in a full read, the others stay listed, and the parse cache keeps the
 * entries of the records this run did not read.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParseResult } from '../../src/parse/index.js';
import { openRecordCache } from '../../src/store/cache.js';
import { readLog } from '../../src/store/read-log.js';

let root: string;
let env: Record<string, string>;
const names = ['0001-first.md', '0002-second.md', '0003-third.md'];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'adr-partial-'));
  env = { ADR_CACHE_DIR: join(root, '.cache') };
  mkdirSync(join(root, 'doc', 'adr'), { recursive: true });
  writeFileSync(join(root, '.adr-dir'), 'doc/adr\n');
  names.forEach((name, i) => {
    const other = names[(i + 1) % names.length];
    writeFileSync(join(root, 'doc', 'adr', name), `# ${i + 1}. Record ${i + 1}\n\nDate: 2025-01-0${i + 1}\n\n## Status\n\nAccepted\n\nRelates to [next](${other})\n\n## Context\n\nText.\n`);
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readLog({ only })', () => {
  it('reads only the chosen record, as a full read reads it (back-links aside), and lists the rest', async () => {
    const full = await readLog({ cwd: root, env, cache: false });
    const part = await readLog({ cwd: root, env, cache: false, only: (file) => file === '0002-second.md' });
    expect(part.decisions.map((d) => d.file)).toEqual(['0002-second.md']);
    const whole = full.decisions.find((d) => d.file === '0002-second.md')!;
    expect({ ...part.decisions[0], backlinks: [] }).toEqual({ ...whole, backlinks: [] });
    expect(part.skipped).toEqual(expect.arrayContaining(['0001-first.md', '0003-third.md']));
  });

  it('keeps the cache entries of the records it did not read', async () => {
    await readLog({ cwd: root, env });
    await readLog({ cwd: root, env, only: (file) => file === '0001-first.md' });
    const cache = openRecordCache<ParseResult>({ logDir: join(root, 'doc', 'adr'), env, enabled: true, variant: 'DECISIONS.md' });
    expect(cache.cache.stats.loaded).toBe(names.length);
  });
});
