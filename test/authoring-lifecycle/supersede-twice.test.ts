/**
 * Superseding a record that already has a successor: refused without --force (nothing written), and
 * with it the new record becomes the only successor in every dialect, the earlier claim taken out;
 * `adr check` agrees with the command at every step.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { adr, tempLog } from './helpers.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A numbered log in `dialect`: 1 Use MySQL (accepted), 2 Use PostgreSQL, superseding 1. */
async function superseded(dialect: string) {
  const { root, dir, cleanup } = tempLog();
  cleanups.push(cleanup);
  writeFileSync(join(root, '.adr.json'), JSON.stringify({ dir: 'decisions', overview: false, dialect, naming: 'number' }));
  for (const args of [['new', 'Use MySQL'], ['accept', '1'], ['new', 'Use PostgreSQL'], ['supersede', '1', '2']]) {
    const r = await adr(root, args);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  }
  return { root, dir };
}

const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

async function findings(root: string): Promise<string[]> {
  const r = await adr(root, ['check', '--format', 'json']);
  const json = JSON.parse(r.stdout);
  return (json.diagnostics ?? json).map((d: { rule: string; file: string }) => `${d.rule} ${d.file}`);
}

async function links(root: string): Promise<Record<string, string[]>> {
  const r = await adr(root, ['list', '--json']);
  return Object.fromEntries(JSON.parse(r.stdout).map((d: { file: string; links: Array<{ kind: string; target: string }> }) => [d.file, d.links.map((l) => `${l.kind} ${l.target}`)]));
}

describe.each(['summary', 'nygard', 'madr2', 'madr3', 'madr4'])('superseding twice, %s', (dialect) => {
  test('adr new -s refuses without --force, naming the earlier successor; nothing is written', async () => {
    const { root, dir } = await superseded(dialect);
    const before = snapshot(dir);
    const r = await adr(root, ['new', '-s', '1', 'Use PostgreSQL 16']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^adr new: record 1 \(Use MySQL\) is already superseded by record 2 \(Use PostgreSQL\); .*--force/);
    expect(snapshot(dir)).toEqual(before);
    expect(await findings(root)).toEqual([]);
  });

  test('with --force the new record is the only successor on both sides, and check is clean', async () => {
    const { root } = await superseded(dialect);
    const r = await adr(root, ['new', '-s', '1', '--force', 'Use PostgreSQL 16']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("took 'Supersedes 0001-use-mysql.md' out of 0002-use-postgresql.md (it stays proposed)");
    const l = await links(root);
    expect(l['0001-use-mysql.md']).toEqual(['superseded-by 0003-use-postgresql-16.md']);
    expect(l['0002-use-postgresql.md']).toEqual([]);
    expect(l['0003-use-postgresql-16.md']).toEqual(['supersedes 0001-use-mysql.md']);
    expect(await findings(root)).toEqual([]);
  });

  test('adr supersede and adr link refuse the same way; --dry-run --force shows all three files and writes none', async () => {
    const { root, dir } = await superseded(dialect);
    expect((await adr(root, ['new', 'Use PostgreSQL 16'])).code).toBe(0);
    const before = snapshot(dir);
    const s = await adr(root, ['supersede', '1', '3']);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('already superseded by record 2 (Use PostgreSQL)');
    const l = await adr(root, ['link', '3', 'supersedes', '1']);
    expect(l.code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    const dry = await adr(root, ['supersede', '1', '3', '--force', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    for (const f of ['0001-use-mysql.md', '0002-use-postgresql.md', '0003-use-postgresql-16.md']) expect(dry.stdout).toContain(`+++ b/${f}`);
    expect(snapshot(dir)).toEqual(before);
    expect((await adr(root, ['supersede', '1', '3', '--force'])).code).toBe(0);
    expect(await findings(root)).toEqual([]);
  });

  test('the state the old behaviour left (the earlier claim standing) is reported by check', async () => {
    const { root, dir } = await superseded(dialect);
    const claim = readFileSync(join(dir, '0002-use-postgresql.md'));
    expect((await adr(root, ['new', '-s', '1', '--force', 'Use PostgreSQL 16'])).code).toBe(0);
    writeFileSync(join(dir, '0002-use-postgresql.md'), claim);
    expect(await findings(root)).toEqual(['supersede-contested decisions/0001-use-mysql.md']);
    // --fix must not flip the successor back and forth: nothing to fix, the person decides.
    const fix = await adr(root, ['check', '--fix']);
    expect(fix.code).toBe(1);
    expect(await findings(root)).toEqual(['supersede-contested decisions/0001-use-mysql.md']);
  });
});

describe('superseding with a rejected or aborted record', () => {
  test('warns, writes both sides, and check warns too', async () => {
    const { root, cleanup } = tempLog();
    cleanups.push(cleanup);
    writeFileSync(join(root, '.adr.json'), JSON.stringify({ dir: 'decisions', overview: false }));
    for (const args of [['new', 'Use RabbitMQ'], ['accept', 'rabbitmq'], ['new', 'Adopt Kafka'], ['abort', 'kafka', '--reason', 'Too heavy']]) {
      expect((await adr(root, args)).code).toBe(0);
    }
    const r = await adr(root, ['supersede', 'rabbitmq', 'kafka']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('adr: warning: adopt-kafka is aborted: use-rabbitmq now reads as superseded by a decision that was aborted (adr check warns about it until one of them changes)\n');
    expect(await findings(root)).toEqual(['superseded-by-abandoned decisions/2025-08-07-use-rabbitmq.md']);
  });

  test('a rejected proposal that claimed to supersede is no earlier successor', async () => {
    const { root, cleanup } = tempLog();
    cleanups.push(cleanup);
    writeFileSync(join(root, '.adr.json'), JSON.stringify({ dir: 'decisions', overview: false, naming: 'number' }));
    for (const args of [['new', 'Use RabbitMQ'], ['accept', '1'], ['new', 'Adopt Kafka'], ['new', 'Adopt NATS']]) expect((await adr(root, args)).code).toBe(0);
    // 2 claims to supersede 1 on its own side only, then is rejected.
    const { dir } = { dir: join(root, 'decisions') };
    const one = readFileSync(join(dir, '0001-use-rabbitmq.md'));
    expect((await adr(root, ['link', '2', 'supersedes', '1'])).code).toBe(0);
    writeFileSync(join(dir, '0001-use-rabbitmq.md'), one);
    expect((await adr(root, ['reject', '2', '--reason', 'RabbitMQ is enough'])).code).toBe(0);
    const r = await adr(root, ['supersede', '1', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(await findings(root)).toEqual([]);
  });
});

test('an earlier claim written inside a sentence is not cut out: refused, every file put back', async () => {
  const { root, dir, cleanup } = tempLog({
    '0001-use-mysql.md': '# 1. Use MySQL\n\nDate: 2025-01-01\n\n## Status\n\nSuperseded by [2. Use PostgreSQL](0002-use-postgresql.md)\n\n## Context\n\nX.\n',
    '0002-use-postgresql.md': '# 2. Use PostgreSQL\n\nDate: 2025-01-02\n\n## Status\n\nAccepted\n\nThis one Supersedes [1. Use MySQL](0001-use-mysql.md) for the billing service.\n\n## Context\n\nX.\n',
    '0003-use-postgresql-16.md': '# 3. Use PostgreSQL 16\n\nDate: 2025-01-03\n\n## Status\n\nAccepted\n\n## Context\n\nX.\n',
  });
  cleanups.push(cleanup);
  const before = snapshot(dir);
  const r = await adr(root, ['supersede', '1', '3', '--force']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('0002-use-postgresql.md:9 says more than the link');
  expect(snapshot(dir)).toEqual(before);
});
