/**
 * One `--base` for `adr check`: the base branch's records (id-taken-on-base) and the files this
 * branch changed since it left the base (applies-to-retired) come from the same ref, resolved the
 * same way (the ref named, else the pull request's GITHUB_BASE_REF as origin/<base>); `adr affected
 * --base` finds the changed files the same way. Real repositories in temp folders.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, HAVE_GIT, makeRepo, runCli, tempFolder, type TestRepo } from './helpers.js';

/** A Nygard record that governs `globs`. */
function governing(number: number, title: string, status: string, globs: string[]): string {
  const applies = globs.length ? `Applies to: ${globs.map((g) => `\`${g}\``).join(', ')}\n` : '';
  return `# ${number}. ${title}\n\nDate: 2026-01-01\n${applies}\n## Status\n\n${status}\n\n## Context\n\nWhy.\n\n## Decision\n\nWe do it.\n\n## Consequences\n\nWhat follows.\n`;
}

const RETIRED = 'applies-to-retired';
const TAKEN = 'id-taken-on-base';

/**
 * main: records 1 (MySQL, src/db/**) and 2 (Jasper reports, reports/**, deprecated), with code.
 * feature (from there): edits reports/monthly.ts and adds record 3 (Kafka). main then adds its own
 * record 3 (Redis) and edits reports/yearly.ts, which the feature branch never touched.
 */
function project(): TestRepo {
  const repo = makeRepo();
  repo.write({
    '.adr-dir': 'doc/adr\n',
    'doc/adr/0001-use-mysql.md': governing(1, 'Use MySQL', 'Accepted', ['src/db/**']),
    'doc/adr/0002-generate-reports-with-jasper.md': governing(2, 'Generate reports with Jasper', 'Deprecated', ['reports/**']),
    'src/db/pool.ts': 'export const pool = 1;\n',
    'reports/monthly.ts': 'export const monthly = 1;\n',
    'reports/yearly.ts': 'export const yearly = 1;\n',
  });
  repo.commit('Start', { date: '2026-01-02' });
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write({ 'reports/monthly.ts': 'export const monthly = 2;\n', 'src/db/pool.ts': 'export const pool = 2;\n', 'doc/adr/0003-use-kafka.md': governing(3, 'Use Kafka', 'Proposed', []) });
  repo.commit('Monthly report on the new pool, propose Kafka', { author: 'Ben <ben@example.com>', date: '2026-01-05' });
  repo.git('checkout', '-q', 'main');
  repo.write({ 'doc/adr/0003-use-redis.md': governing(3, 'Use Redis', 'Accepted', []), 'reports/yearly.ts': 'export const yearly = 2;\n' });
  repo.commit('Decide on Redis, touch the yearly report', { author: 'Ana <ana@example.com>', date: '2026-01-06' });
  repo.git('checkout', '-q', 'feature');
  return repo;
}

interface Finding {
  file: string;
  rule: string;
  message: string;
}

/** The findings of `adr check --format json`, whatever the field names of the rule id. */
function findings(stdout: string): Finding[] {
  const out = JSON.parse(stdout) as Array<Record<string, unknown>>;
  return out.flatMap((f) => {
    const messages = (f.messages as Array<Record<string, unknown>> | undefined) ?? [f];
    return messages.map((m) => ({ file: String(f.filePath ?? f.file ?? ''), rule: String(m.ruleId ?? m.rule ?? ''), message: String(m.message ?? '') }));
  });
}

describe.skipIf(!HAVE_GIT)('adr check --base: one base for the numbers and the changed files', { timeout: 30_000 }, () => {
  it('reports the number taken on the base and the changed files only a retired decision governs, from one --base', async () => {
    const repo = project();
    // A new file in the work tree counts as changed; one git ignores does not.
    repo.write({ 'reports/weekly.ts': 'export const weekly = 1;\n', '.gitignore': 'reports/*.log\n', 'reports/build.log': 'noise\n' });
    const r = await runCli(['check', '--base', 'main', '--format', 'json'], repo.root);
    expect(r.code).toBe(1);
    const found = findings(r.stdout);
    const retired = found.filter((f) => f.rule === RETIRED);
    expect(retired).toHaveLength(1);
    expect(retired[0].file).toMatch(/0002-generate-reports-with-jasper\.md$/);
    expect(retired[0].message).toBe(
      'This change touches 2 files governed only by this deprecated decision (`reports/monthly.ts`, `reports/weekly.ts`): record the decision that now holds for them',
    );
    // reports/yearly.ts changed on main after this branch left it: not this change's.
    expect(retired[0].message).not.toContain('yearly');
    const taken = found.filter((f) => f.rule === TAKEN);
    expect(taken).toHaveLength(1);
    expect(taken[0].message).toContain('Number 3 is also used on main by `0003-use-redis.md`');
  });

  it('without --base neither rule runs, and a live decision over a changed file is fine', async () => {
    const repo = project();
    const plain = await runCli(['check', '--format', 'json'], repo.root);
    expect(findings(plain.stdout).filter((f) => f.rule === RETIRED || f.rule === TAKEN)).toEqual([]);
    // Only src/db/ changed against a base where reports/ is untouched: src/db/** has a live decision.
    repo.git('checkout', '-q', '-b', 'db-only', 'main');
    repo.write({ 'src/db/pool.ts': 'export const pool = 3;\n' });
    const r = await runCli(['check', '--base', 'main', '--format', 'json'], repo.root);
    expect(findings(r.stdout).filter((f) => f.rule === RETIRED)).toEqual([]);
  });

  it('in a pull request both come from GITHUB_BASE_REF (origin/main in a CI clone), and adr affected finds the same files', async () => {
    const repo = project();
    const clone = tempFolder();
    gitIn(clone, ['clone', '-q', '--branch', 'feature', repo.root, 'work']);
    const work = join(clone, 'work');
    const r = await runCli(['check', '--format', 'json'], work, { env: { GITHUB_BASE_REF: 'main' } });
    expect(r.code).toBe(1);
    const found = findings(r.stdout);
    expect(found.find((f) => f.rule === TAKEN)?.message).toContain('Number 3 is also used on origin/main by `0003-use-redis.md`');
    expect(found.find((f) => f.rule === RETIRED)?.message).toBe(
      'This change touches a file governed only by this deprecated decision (`reports/monthly.ts`): record the decision that now holds for it',
    );
    // `--base main` where main exists only as origin/main: the same resolution as the check's.
    const named = await runCli(['check', '--base', 'main', '--format', 'json'], work);
    expect(findings(named.stdout).map((f) => f.rule).sort()).toEqual([RETIRED, TAKEN]);
    for (const args of [['affected', '--base', 'main', '--json'], ['affected', '--json']]) {
      const a = await runCli(args, work, { env: { GITHUB_BASE_REF: 'main' } });
      expect(a.code, a.stderr).toBe(0);
      const report = JSON.parse(a.stdout) as { base: string; decisions: Array<{ file: string; files: string[] }>; retiredOnly: Array<{ file: string }> };
      expect(report.base).toBe('origin/main');
      expect(report.decisions.map((d) => [d.file, d.files])).toEqual([
        ['0001-use-mysql.md', ['src/db/pool.ts']],
        ['0002-generate-reports-with-jasper.md', ['reports/monthly.ts']],
      ]);
      expect(report.retiredOnly.map((f) => f.file)).toEqual(['reports/monthly.ts']);
    }
  });

  it('an --base that names nothing is an error for check and affected alike', async () => {
    const repo = project();
    const c = await runCli(['check', '--base', 'mian'], repo.root);
    const a = await runCli(['affected', '--base', 'mian'], repo.root);
    for (const r of [c, a]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("'mian' is not a branch, tag or commit");
      expect(r.stderr).toContain('did you mean main');
    }
  });
});
