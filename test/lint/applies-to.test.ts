/**
 * Which decisions govern which files: glob meaning (.gitignore / CODEOWNERS), exclusions, the
 * retired-only call-out, and the index agreeing with testing every glob on every file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppliesToIndex, affectedBy, compileGlob } from '../../src/lint/applies-to.js';
import type { Decision } from '../../src/model/index.js';
import { globToRegExp } from '../../src/store/glob.js';

/** A record with just what matching reads. */
function record(id: string, globs: string[], status: Decision['status'] = 'accepted'): Decision {
  const span = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
  return { id, file: `${id}.md`, status, links: [], appliesTo: globs.map((glob) => ({ glob, line: 1, span })) } as unknown as Decision;
}

function governing(globs: string[], path: string): boolean {
  return new AppliesToIndex([record('a', globs)]).governing(path).length > 0;
}

describe('glob meaning', () => {
  it('a folder covers everything below it; a trailing slash too', () => {
    expect(governing(['src/db'], 'src/db/pool.ts')).toBe(true);
    expect(governing(['src/db/'], 'src/db/deep/x.ts')).toBe(true);
    expect(governing(['src/db/**'], 'src/db/x.ts')).toBe(true);
    expect(governing(['src/db/**'], 'src/dbx/x.ts')).toBe(false);
    expect(governing(['src/db'], 'lib/src/db/x.ts')).toBe(false);
  });

  it('a pattern without a slash matches a name in any folder (as in .gitignore)', () => {
    expect(governing(['*.sql'], 'db/migrations/0001.sql')).toBe(true);
    expect(governing(['Dockerfile'], 'services/api/Dockerfile')).toBe(true);
    expect(governing(['Dockerfile'], 'services/api/Dockerfile.dev')).toBe(false);
    expect(governing(['/Dockerfile'], 'services/api/Dockerfile')).toBe(false);
    expect(governing(['/Dockerfile'], 'Dockerfile')).toBe(true);
  });

  it('stars stay within a segment, ** crosses them, braces and classes work', () => {
    expect(governing(['src/*.ts'], 'src/a.ts')).toBe(true);
    expect(governing(['src/*.ts'], 'src/a/b.ts')).toBe(false);
    expect(governing(['src/**/*.ts'], 'src/a/b/c.ts')).toBe(true);
    expect(governing(['src/**/*.ts'], 'src/c.ts')).toBe(true);
    expect(governing(['docs/{api,cli}.md'], 'docs/cli.md')).toBe(true);
    expect(governing(['v[12]/x'], 'v2/x')).toBe(true);
    expect(governing(['./src/a.ts'], 'src/a.ts')).toBe(true);
  });

  it('an exclusion (!glob) takes files back out of the same record only', () => {
    const a = record('a', ['src/**', '!src/legacy/**']);
    const b = record('b', ['src/legacy/**']);
    const index = new AppliesToIndex([a, b]);
    expect(index.governing('src/new.ts')).toEqual([0]);
    expect(index.governing('src/legacy/old.ts')).toEqual([1]);
  });
});

describe('affectedBy', () => {
  it('lists governing records in log order with their files and matching globs; counts each file once', () => {
    const old = record('1', ['src/db/**', 'legacy/'], 'superseded');
    const live = record('2', ['src/db/**', '*.sql']);
    const found = affectedBy([old, live], ['src/db/a.ts', './src/db/a.ts', 'legacy/r.ts', 'README.md', 'x/schema.sql']);
    expect(found.decisions.map((d) => [d.decision.id, d.files, d.globs])).toEqual([
      ['1', ['src/db/a.ts', 'legacy/r.ts'], ['src/db/**', 'legacy/']],
      ['2', ['src/db/a.ts', 'x/schema.sql'], ['src/db/**', '*.sql']],
    ]);
    expect(found.governed).toBe(3);
    expect(found.retiredOnly.map((r) => [r.file, r.decisions.map((d) => d.id)])).toEqual([['legacy/r.ts', ['1']]]);
  });

  it('calls out deprecated and aborted decisions too, but not rejected or proposed ones', () => {
    const found = affectedBy([record('1', ['a/**'], 'deprecated'), record('2', ['b/**'], 'aborted'), record('3', ['c/**'], 'rejected'), record('4', ['d/**'], 'proposed')], ['a/x', 'b/x', 'c/x', 'd/x']);
    expect(found.retiredOnly.map((r) => r.file)).toEqual(['a/x', 'b/x']);
  });

  it('compileGlob agrees with globToRegExp on the shapes it answers without a RegExp', () => {
    const globs = ['src/db', 'src/db/', 'src/db/**', '/Dockerfile', 'Dockerfile', 'node_modules/', '*.sql', '*.d.ts', './src/a.ts', ' src/db ', 'src\\db', 'src/**/*.ts', 'src/*.ts', '/src/db/*.sql'];
    const paths = ['src/db', 'src/db/x.ts', 'src/dbx', 'a/src/db/x', 'Dockerfile', 'a/Dockerfile', 'a/Dockerfile.dev', 'node_modules/x/y', 'a/node_modules', 'x.sql', 'a/b.sql/c', 'a.sqlx', 'types/a.d.ts', 'src/a.ts', '.sql', 'src/db/m.sql', 'src/db/m.sql/x', 'src/a/b.tsx', 'src/.ts', 'src/x.ts/y.js'];
    for (const g of globs) for (const p of paths) expect(compileGlob(g)(p), `${g} ~ ${p}`).toBe(globToRegExp(g).test(p));
  });

  it('liveGlobs names the globs that match at least one file', () => {
    const index = new AppliesToIndex([record('1', ['src/**', 'gone/**', '*.md', '!src/x/**'])]);
    expect([...index.liveGlobs(['src/a.ts', 'README.md'])].sort()).toEqual(['*.md', 'src/**']);
  });
});

describe('the index', () => {
  const segment = fc.constantFrom('src', 'db', 'api', 'a.ts', 'b.sql', 'Dockerfile', 'x', '.hidden', 'v1', 'v2');
  const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
  const globPart = fc.constantFrom('src', 'db', 'api', '*', '**', '*.ts', '*.sql', '*.b.sql', 'Dockerfile', 'v[12]', '{db,api}', 'a.?s', '.hidden', 'a.ts');
  const glob = fc
    .tuple(fc.boolean(), fc.array(globPart, { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([lead, parts, trail]) => `${lead ? '/' : ''}${parts.join('/')}${trail ? '/' : ''}`);

  it('finds exactly the globs that testing every glob on every file finds', () => {
    fc.assert(
      fc.property(fc.array(fc.array(glob, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }), fc.array(path, { maxLength: 20 }), (globSets, files) => {
        const decisions = globSets.map((g, i) => record(String(i), g));
        const index = new AppliesToIndex(decisions);
        for (const f of files) {
          const naive = decisions.flatMap((d, i) => (d.appliesTo.some((a) => globToRegExp(a.glob).test(f)) ? [i] : []));
          expect(index.governing(f)).toEqual(naive);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
