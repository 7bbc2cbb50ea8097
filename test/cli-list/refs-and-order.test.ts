/**
 * The REF column of `adr list` and its order: every ref shown is one that every command resolves to
 * that very record, it is never cut, and records come in the order a person counts them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Decision, Log } from '../../src/model/index.js';
import { parseRecord } from '../../src/parse/index.js';
import { listOrder, naturalCompare } from '../../src/store/record-order.js';
import { recordRefs, resolveRef } from '../../src/store/resolve-ref.js';
import { runCli } from '../authoring-new/helpers.js';
import { runInProcess } from '../helpers/run-in-process.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'adr-refs-'));
  roots.push(root);
  mkdirSync(join(root, 'decisions'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'decisions', name), text);
  return root;
}

const summary = (title: string, date = '2026-12-03') => `# ${title}\n\n**Status**: ❓ **Under Discussion**\\\n**Date**: ${date}\n`;
const nygard = (n: number, title: string) => `# ${n}. ${title}\n\nDate: 2026-01-0${(n % 9) + 1}\n\n## Status\n\nAccepted\n`;

function logOf(files: Record<string, string>): Log {
  const decisions = Object.entries(files).map(([file, text]) => parseRecord(file, text).decision!) as Decision[];
  return { dir: '/repo/decisions', root: '/repo', config: {}, configFile: null, decisions, overview: null, diagnostics: [], skipped: [] };
}

describe('adr list order', () => {
  it('a dated log: by date, then file name with -2, -3, -10 counted as numbers', async () => {
    const root = project({
      '2026-12-03-use-postgresql-10.md': summary('Use PostgreSQL'),
      '2026-12-03-use-postgresql-2.md': summary('Use PostgreSQL'),
      '2026-12-03-use-postgresql.md': summary('Use PostgreSQL'),
      '2026-12-03-use-postgresql-3.md': summary('Use PostgreSQL'),
      '2026-12-01-adopt-kafka.md': summary('Adopt Kafka', '2026-12-01'),
      '2026-12-02-zebra.md': summary('Zebra', 'TBD'),
    });
    const { stdout } = await runCli(['list'], root);
    expect(stdout.trimEnd().split('\n').map((l) => l.split(/\s+/)[0])).toEqual([
      'REF',
      'adopt-kafka',
      'zebra',
      'use-postgresql',
      'use-postgresql-2',
      'use-postgresql-3',
      'use-postgresql-10',
    ]);
  });

  it('a numbered log: by number, unpadded numbers included', async () => {
    const root = project({ '10-c.md': nygard(10, 'C'), '2-b.md': nygard(2, 'B'), '1-a.md': nygard(1, 'A'), '0011-d.md': nygard(11, 'D') });
    const { stdout } = await runCli(['list'], root);
    expect(stdout.trimEnd().split('\n').slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['1', '2', '10', '11']);
  });

  it('naturalCompare counts digit runs', () => {
    expect(['x-10', 'x', 'x-2', 'x-1a', 'w'].sort(naturalCompare)).toEqual(['w', 'x', 'x-1a', 'x-2', 'x-10']);
  });
});

describe('the REF column', () => {
  it('is never cut: a narrow terminal cuts the title instead', async () => {
    const long = 'record-the-architecture-of-the-whole-platform-and-its-many-parts';
    const root = project({ [`2026-12-03-${long}.md`]: summary('Record the architecture of the whole platform and its many parts') });
    const { stdout } = await runInProcess(['list'], root, { now: new Date('2026-12-03T12:00:00Z'), tty: true, columns: 80, env: { NO_COLOR: '1', ADR_CACHE_DIR: join(root, '.cache') } });
    const row = stdout.split('\n')[1];
    expect(row.startsWith(`${long}  `)).toBe(true);
    expect(row).toMatch(/…$/);
    expect(row).not.toContain(`${long.slice(0, 20)}…`);
  });

  it('shows the number in a numbered log, the slug in a dated one, the stem when the slug repeats', () => {
    const log = logOf({
      '0001-use-x.md': nygard(1, 'Use X'),
      '2026-12-03-nix.md': summary('Nix'),
      '2026-12-04-nix.md': summary('Nix again'),
      '2026-12-05-kafka.md': summary('Kafka'),
    });
    const refs = recordRefs(log);
    expect(Object.fromEntries(refs)).toEqual({
      '0001-use-x.md': '1',
      '2026-12-03-nix.md': '2026-12-03-nix',
      '2026-12-04-nix.md': '2026-12-04-nix',
      '2026-12-05-kafka.md': 'kafka',
    });
  });

  // Logs built from a few colliding parts: equal slugs on several days, titles equal to other
  // records' slugs, repeated numbers, stems that are numbers, sub-folders.
  const part = fc.constantFrom('nix', 'use-x', '3', 'kafka', 'nix-2', '2026');
  const name = fc.oneof(
    fc.tuple(fc.constantFrom('2026-12-03', '2026-12-04', '20261203'), part).map(([d, p]) => `${d}-${p}.md`),
    fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom(1, 4), part).map(([n, w, p]) => `${String(n).padStart(w, '0')}-${p}.md`),
    part.map((p) => `${p}.md`),
    fc.tuple(fc.constantFrom('sub', 'other'), part).map(([dir, p]) => `${dir}/2026-12-03-${p}.md`),
  );
  const title = fc.constantFrom('Nix', 'use-x', 'Python 3', 'Kafka 2026', '3', 'Use X', 'kafka');

  it('every ref shown resolves to its own record (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, title), { minLength: 1, maxLength: 8, selector: ([n]) => n.toLowerCase() }), (entries) => {
        const log = logOf(Object.fromEntries(entries.map(([n, t]) => [n, summary(t)])));
        const refs = recordRefs(log, '/repo');
        for (const d of log.decisions) {
          const ref = refs.get(d.file)!;
          expect(resolveRef(log, ref, { cwd: '/repo' }).file, `${ref} in ${entries.map(([n]) => n).join(', ')}`).toBe(d.file);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('listOrder is a total order (antisymmetric, transitive on samples)', () => {
    const log = logOf({ '0002-b.md': nygard(2, 'B'), '2026-12-03-a.md': summary('A'), '2026-12-03-a-2.md': summary('A'), 'x.md': '# X\n' });
    const sorted = [...log.decisions].sort(listOrder).map((d) => d.file);
    expect(sorted).toEqual(['0002-b.md', '2026-12-03-a.md', '2026-12-03-a-2.md', 'x.md']);
  });
});
