/**
 * REF resolution: numbers, ids, file names, stems, title parts; ambiguous and unknown REFs list
 * candidates; nothing path-like resolves outside the log.
 */
import { describe, expect, test } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { Log } from '../../src/model/index.js';
import { parseRecord } from '../../src/parse/index.js';
import { resolveRef } from '../../src/store/resolve-ref.js';

const record = (file: string, title: string) => parseRecord(file, `# ${title}\n\n## Status\n\nAccepted\n`).decision!;

const log: Log = {
  dir: '/repo/decisions',
  root: '/repo',
  config: {},
  configFile: null,
  decisions: [
    record('0001-record-architecture-decisions.md', '1. Record architecture decisions'),
    record('0003-use-postgresql.md', '3. Use PostgreSQL for storage'),
    record('0012-use-postgres-replicas.md', '12. Use Postgres read replicas'),
    record('2025-08-06-nix-development-environment.md', 'Nix Development Environment'),
    record('sub/0020-kafka.md', '20. Kafka for messaging'),
    record('2025-08-06-infrastructure.md', 'Infrastructure Decisions'),
    record('2025-08-07-development-focus.md', 'Development Focus: SuperConfig vs LogFusion Infrastructure'),
  ],
  overview: null,
  diagnostics: [],
  skipped: [],
};

function refused(ref: string, options = {}): string {
  try {
    resolveRef(log, ref, options);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error(`'${ref}' resolved, expected a refusal`);
}

describe('resolveRef', () => {
  test.each([
    ['3', '0003-use-postgresql.md'],
    ['0003', '0003-use-postgresql.md'],
    ['ADR-3', '0003-use-postgresql.md'],
    ['12', '0012-use-postgres-replicas.md'],
    ['0003-use-postgresql', '0003-use-postgresql.md'],
    ['0003-use-postgresql.md', '0003-use-postgresql.md'],
    ['0003-USE-POSTGRESQL.MD', '0003-use-postgresql.md'],
    ['2025-08-06-nix-development-environment', '2025-08-06-nix-development-environment.md'],
    ['nix', '2025-08-06-nix-development-environment.md'],
    ['NIX DEVELOPMENT', '2025-08-06-nix-development-environment.md'],
    ['replicas', '0012-use-postgres-replicas.md'],
    ['PostgreSQL for storage', '0003-use-postgresql.md'],
    ['sub/0020-kafka.md', 'sub/0020-kafka.md'],
    ['20', 'sub/0020-kafka.md'],
    // The slug said exactly wins over a title that merely contains the word.
    ['infrastructure', '2025-08-06-infrastructure.md'],
    ['development-focus', '2025-08-07-development-focus.md'],
  ])('%s → %s', (ref, file) => {
    expect(resolveRef(log, ref).file).toBe(file);
  });

  test('a path from the working directory names a record of the log', () => {
    expect(resolveRef(log, 'decisions/0003-use-postgresql.md', { cwd: '/repo' }).file).toBe('0003-use-postgresql.md');
    expect(resolveRef(log, '/repo/decisions/0001-record-architecture-decisions.md').file).toBe('0001-record-architecture-decisions.md');
  });

  test('an ambiguous REF lists every candidate with id, title and file', () => {
    const message = refused('postgres');
    expect(message).toContain("'postgres' matches 2 records; name one of them by its REF");
    expect(message).toMatch(/3\s+Use PostgreSQL for storage\s+\(0003-use-postgresql\.md\)/);
    expect(message).toMatch(/12\s+Use Postgres read replicas\s+\(0012-use-postgres-replicas\.md\)/);
  });

  test('an unknown REF names near misses, or the records', () => {
    expect(refused('99')).toContain('no record number 99 (the records are numbered 1 to 20');
    expect(refused('architecture drawing')).toMatch(/did you mean:\n.*Record architecture decisions/);
  });

  test.each(['../x', '../decisions/0003-use-postgresql.md/..', '/etc/passwd', '..', '../../etc/passwd', 'sub/../../x.md'])(
    "'%s' never resolves outside the log",
    (ref) => {
      expect(refused(ref)).toMatch(/outside the log|no record/);
    },
  );

  test('NUL bytes and empty REFs are refused', () => {
    expect(refused('3\0')).toContain('NUL');
    expect(refused('  ')).toContain('empty');
  });

  describe('a number in a log named by date', () => {
    const dated: Log = {
      ...log,
      decisions: [
        record('2026-12-03-use-mysql.md', 'Use MySQL'),
        record('2026-12-03-use-python-3-for-scripts.md', 'Use Python 3 for scripts'),
        record('2026-12-13-use-python-3-12.md', 'Use Python 3.12 in CI'),
        record('2026-03-01-node-13.md', 'Node 13 upgrade'),
        record('2026-12-03-use-kafka.md', 'Use Kafka'),
      ],
    };
    const datedRefused = (ref: string) => {
      try {
        resolveRef(dated, ref);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`'${ref}' resolved`);
    };

    test.each([
      ['3', '2026-12-03-use-python-3-for-scripts.md'],
      ['03', '2026-12-03-use-python-3-for-scripts.md'],
      ['ADR-13', '2026-03-01-node-13.md'],
    ])('%s is a whole word of one title → %s', (ref, file) => {
      expect(resolveRef(dated, ref).file).toBe(file);
    });

    test('never the digits of a date, a version or a longer number; the message says why and offers a title word', () => {
      for (const ref of ['12', '2026', '1', '31']) {
        const message = datedRefused(ref);
        expect(message, ref).toContain(`no record matches '${ref}': this log names its records by date, not by number, and no title has the number ${ref}`);
        expect(message, ref).toMatch(/use a word of a title \(such as '\p{L}+'\) or a REF from adr list/u);
      }
      const example = /such as '(\p{L}+)'/u.exec(datedRefused('12'))![1];
      expect(() => resolveRef(dated, example)).not.toThrow();
    });

    test('a whole date (log4brains names) names the records of that day', () => {
      expect(datedRefused('20261203')).toContain("'20261203' matches 3 records");
      expect(resolveRef(dated, '20260301').file).toBe('2026-03-01-node-13.md');
    });
  });

  test('in a numbered log a number is a record number only; titles that hold it are offered as a hint', () => {
    const numbered: Log = { ...log, decisions: [record('0001-a.md', '1. A'), record('0002-python.md', '2. Use Python 3')] };
    let message = '';
    try {
      resolveRef(numbered, '3');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^no record number 3 \(the records are numbered 1 to 2; adr list shows them\); these titles have 3 in them:\n\s+2\s+Use Python 3/);
  });

  test('candidates are aligned, in list order, each with a REF that resolves to it', () => {
    const twins: Log = {
      ...log,
      decisions: [record('2026-12-03-use-pg-2.md', 'Use PG'), record('2026-12-03-use-pg.md', 'Use PG'), record('2026-12-03-use-a-much-longer-slug-here.md', 'Use PG later')],
    };
    let message = '';
    try {
      resolveRef(twins, 'pg');
    } catch (error) {
      message = (error as Error).message;
    }
    const lines = message.split('\n').slice(1);
    expect(lines.map((l) => l.trim().split(/\s+/)[0])).toEqual(['use-a-much-longer-slug-here', 'use-pg', 'use-pg-2']);
    expect(new Set(lines.map((l) => l.indexOf('Use PG'))).size).toBe(1);
  });
});
