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
    expect(message).toContain("'postgres' matches 2 records");
    expect(message).toMatch(/3\s+Use PostgreSQL for storage\s+\(0003-use-postgresql\.md\)/);
    expect(message).toMatch(/12\s+Use Postgres read replicas\s+\(0012-use-postgres-replicas\.md\)/);
  });

  test('an unknown REF names near misses, or the records', () => {
    expect(refused('99')).toContain("no record matches '99'");
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
});
