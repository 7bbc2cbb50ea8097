/**
 * `adr abort` end to end in temp logs: what it writes, what `adr list --json` then reads,
 * refusals, --force, --dry-run, the required reason, and the overview row.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { adr, FIXTURES, fixtureLogs, listJson, read, readBytes } from './helpers.js';

const log = fixtureLogs();

describe('adr abort', () => {
  test('aborts a summary record as the golden file says, and list agrees with the report', async () => {
    const { root, dir } = log('abort-summary-seed');
    const file = '2025-08-06-nix-development-environment.md';
    const r = await adr(root, ['abort', 'nix', '--reason', 'Use Makefile + proto instead for simpler development setup', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ file, previousStatus: 'accepted', status: 'aborted', written: true, rationale: true });
    expect(report.closedItems).toHaveLength(6);
    // The CLI writes what the pure edit gives (golden), today from the fixed clock.
    expect(read(join(dir, file))).toBe(read(join(FIXTURES, 'abort-summary-seed', 'after', file)));

    const [d] = await listJson(root);
    expect(d.status).toBe('aborted');
    expect(d.reason).toBe('Use Makefile + proto instead for simpler development setup');
    const closedLines = new Set(report.closedItems.map((i: { line: number }) => i.line));
    for (const item of d.actionItems) {
      expect(item.done).toBe(true);
      if (closedLines.has(item.line)) expect(item.aborted).toBe(true);
    }
    expect(d.actionItems.filter((i: { aborted: boolean }) => i.aborted)).toHaveLength(6);
  });

  test('refuses a record that is already aborted, rejected or superseded, naming it; --force goes ahead', async () => {
    const { root, dir } = log('abort-summary-seed-force');
    const file = join(dir, '2025-08-06-nix-development-environment.md');
    const before = readBytes(file);
    const refused = await adr(root, ['abort', '2025-08-06-nix-development-environment', '--reason', 'again']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/2025-08-06-nix-development-environment\.md is already aborted .*--force/);
    expect(readBytes(file).equals(before)).toBe(true);

    const forced = await adr(root, ['abort', 'nix', '--reason', 'Makefile approach confirmed after a month', '--force']);
    expect(forced.code).toBe(0);
    expect(read(file)).toContain('### Decision to Abandon Nix Development Environment & Package Distribution Strategy (2025-08-07)');
    // The old rationale stays, the new entry comes after it.
    expect(read(file).indexOf('Decision to Abandon Nix (2025-08-07)')).toBeLessThan(read(file).indexOf('(2025-08-07)\n\nMakefile approach'));
  });

  test('refuses a rejected record too', async () => {
    const { root } = log('abort-nygard');
    expect((await adr(root, ['reject', '2', '--reason', 'no'])).code).toBe(0);
    const r = await adr(root, ['abort', '2', '--reason', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already rejected');
  });

  test('--dry-run prints the diff and writes nothing', async () => {
    const { root, dir } = log('abort-nygard');
    const file = join(dir, '0002-use-kafka.md');
    const before = readBytes(file);
    const r = await adr(root, ['abort', 'kafka', '--reason', 'The managed queue of our cloud is enough', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--- a/0002-use-kafka.md');
    expect(r.stdout).toContain('-Accepted');
    expect(r.stdout).toContain('+Aborted - The managed queue of our cloud is enough');
    expect(r.stderr).toContain('would abort');
    expect(readBytes(file).equals(before)).toBe(true);
    // No lock or temp file is left behind.
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  test('--reason is required when nobody can be asked', async () => {
    const { root, dir } = log('abort-nygard');
    const before = readBytes(join(dir, '0002-use-kafka.md'));
    const r = await adr(root, ['abort', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--reason is required');
    const empty = await adr(root, ['abort', '2', '--reason', '  ']);
    expect(empty.code).toBe(2);
    expect(readBytes(join(dir, '0002-use-kafka.md')).equals(before)).toBe(true);
  });

  test('unknown flags are usage errors', async () => {
    const { root } = log('abort-nygard');
    const r = await adr(root, ['abort', '2', '--reason', 'x', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: adr abort');
  });

  test.each([
    ['abort-madr2', '0004', 'aborted'],
    ['abort-madr3', 'junit', 'aborted'],
    ['abort-madr4', 'orm', 'aborted'],
    ['abort-log4brains', 'log4brains', 'aborted'],
    ['abort-nygard-status-last', '7', 'aborted'],
  ])('%s: written like the golden file, read back as aborted', async (c, ref) => {
    const { root, dir } = log(c);
    const caseJson = JSON.parse(read(join(FIXTURES, c, 'case.json')));
    const r = await adr(root, ['abort', ref, '--reason', caseJson.reason], { TZ: 'UTC' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const expected = read(join(FIXTURES, c, 'after', caseJson.file)).replaceAll(caseJson.today, '2025-08-07');
    expect(read(join(dir, caseJson.file))).toBe(expected);
    const [d] = await listJson(root);
    expect(d.status).toBe('aborted');
  });

  test('keeps the overview row in step', async () => {
    const { root } = log('abort-summary-seed');
    expect((await adr(root, ['overview'])).code).toBe(0);
    const overview = join(root, 'DECISIONS.md');
    expect(existsSync(overview)).toBe(true);
    const before = read(overview);
    const row = (text: string) => text.split('\n').find((l) => l.includes('2025-08-06-nix-development-environment.md') && l.startsWith('|'))!;
    expect(row(before)).not.toMatch(/✗/);
    const r = await adr(root, ['abort', 'nix', '--reason', 'Use Makefile + proto instead']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('updated DECISIONS.md');
    const after = read(overview);
    expect(row(after)).toMatch(/✗/);
    // The open action items of the record are gone from the overview's action item list.
    expect(before).toContain('Test Nix + Moon integration workflow');
    expect(after).not.toContain('Test Nix + Moon integration workflow');
    // adr overview --check agrees that the file is in step.
    expect((await adr(root, ['overview', '--check'])).code).toBe(0);

    // A run killed between the record and the overview: the rerun refuses, but brings the row in step.
    writeFileSync(overview, before);
    const rerun = await adr(root, ['abort', 'nix', '--reason', 'Use Makefile + proto instead']);
    expect(rerun.code).toBe(1);
    expect(rerun.stderr).toContain('is already aborted');
    expect(rerun.stderr).toContain('updated DECISIONS.md to match it');
    expect(read(overview)).toBe(after);
  });
});
