/**
 * `adr affected`, `adr check --base` and the applies-to rules in real git repositories made in temp
 * folders (and one without git): a main branch with code and decisions, a feature branch that
 * changes, adds, renames and deletes files, committed or not.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeRun, runAdr } from '../hostile/run-adr.js';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, env: GIT_ENV, encoding: 'utf8' });
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const nygard = (n: number, title: string, applies: string, status: string[]) =>
  [`# ${n}. ${title}`, '', 'Date: 2020-01-01', `Applies to: ${applies}`, '', '## Status', '', status.join('\n\n'), '', '## Context', '', 'x', ''].join('\n');

/** A repository on main: three decisions (one superseded, one deprecated) and the code they govern. */
function repo(options: { git?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'adr-affected-'));
  temps.push(root);
  write(root, {
    '.gitignore': '.adr-test-cache/\nbuild/\n',
    'docs/adr/0001-use-mysql.md': nygard(1, 'Use MySQL', '`src/db/**`, `legacy/`', ['Superseded by [2. Use Postgres](0002-use-postgres.md)']),
    'docs/adr/0002-use-postgres.md': nygard(2, 'Use Postgres', '`src/db/**`, `*.sql`', ['Accepted', 'Supersedes [1. Use MySQL](0001-use-mysql.md)']),
    'docs/adr/0003-reports-with-jasper.md': nygard(3, 'Reports with Jasper', '`reports/**`', ['Deprecated']),
    'src/db/pool.ts': 'export {};\n',
    'src/api/routes.ts': 'export {};\n',
    'legacy/report.ts': 'export {};\n',
    'reports/monthly.ts': 'export {};\n',
    'schema.sql': 'create table t (id int);\n',
  });
  if (options.git !== false) {
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'main');
  }
  return root;
}

async function adr(root: string, ...args: string[]) {
  const r = await runAdr(args, { cwd: root });
  return { ...r, why: describeRun(args, r) };
}

describe('adr affected FILE...', () => {
  it('lists the governing decisions with their status, globs and files; retired-only files are called out', async () => {
    const root = repo();
    const r = await adr(root, 'affected', 'src/db/pool.ts', 'legacy/report.ts', 'src/api/routes.ts');
    expect(r.code, r.why).toBe(0);
    expect(r.stdout).toBe(
      [
        '2 decisions govern 2 of 3 files:',
        '',
        '1  superseded  Use MySQL (superseded by 2)',
        '    docs/adr/0001-use-mysql.md  applies to src/db/**, legacy/',
        '      src/db/pool.ts',
        '      legacy/report.ts',
        '',
        '2  accepted    Use Postgres',
        '    docs/adr/0002-use-postgres.md  applies to src/db/**',
        '      src/db/pool.ts',
        '',
        'warning: 1 file governed only by decisions that no longer hold (record a current decision, or move the applies-to to the successor):',
        '  legacy/report.ts  1 superseded',
        '',
      ].join('\n'),
    );
  });

  it('prints the documented JSON; paths are relative to the current folder; a folder stands for its files', async () => {
    const root = repo();
    const r = await adr(join(root, 'src'), 'affected', 'db', '--json');
    expect(r.code, r.why).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['base', 'mergeBase', 'files', 'governed', 'decisions', 'retiredOnly']);
    expect(report).toMatchObject({ base: null, mergeBase: null, files: 1, governed: 1, retiredOnly: [] });
    expect(report.decisions.map((d: { id: string }) => d.id)).toEqual(['1', '2']);
    expect(Object.keys(report.decisions[0])).toEqual(['id', 'file', 'path', 'title', 'status', 'statusText', 'retired', 'supersededBy', 'globs', 'files']);
    expect(report.decisions[0]).toMatchObject({ file: '0001-use-mysql.md', path: '../docs/adr/0001-use-mysql.md', retired: true, supersededBy: ['2'], files: ['src/db/pool.ts'] });
  });

  it('says so when nothing governs the files, and exits 0', async () => {
    const root = repo();
    const r = await adr(root, 'affected', 'src/api/routes.ts', 'nowhere/new.ts');
    expect(r.code, r.why).toBe(0);
    expect(r.stdout).toBe('No decision governs these 2 files.\n');
  });

  it('refuses a path outside the repository (1) and no argument at all (2)', async () => {
    const root = repo();
    const outside = await adr(root, 'affected', '../elsewhere.ts');
    expect(outside.code).toBe(1);
    expect(outside.stderr).toMatch(/lies outside the repository/);
    const none = await adr(root, 'affected');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give FILEs or --base REF/);
  });
});

describe('adr affected --base REF', () => {
  it('takes the files changed since the merge base: committed, staged, unstaged, untracked, deleted, both sides of a rename', async () => {
    const root = repo();
    git(root, 'checkout', '-qb', 'feature');
    // main moves on meanwhile: its own changes are not this branch's.
    git(root, 'checkout', '-q', 'main');
    write(root, { 'src/api/routes.ts': 'export const v = 2;\n' });
    git(root, 'commit', '-qam', 'main moves');
    git(root, 'checkout', '-q', 'feature');
    write(root, { 'src/db/pool.ts': 'export const pool = 1;\n' });
    git(root, 'commit', '-qam', 'pool');
    renameSync(join(root, 'reports/monthly.ts'), join(root, 'reports/yearly.ts'));
    git(root, 'add', '-A', 'reports');
    write(root, { 'legacy/new.ts': 'export {};\n', 'build/out.js': 'ignored\n' });
    rmSync(join(root, 'schema.sql'));

    const r = await adr(root, 'affected', '--base', 'main', '--json');
    expect(r.code, r.why).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.base).toBe('main');
    expect(report.mergeBase).toMatch(/^[0-9a-f]{40}$/);
    const files = (id: string) => report.decisions.find((d: { id: string }) => d.id === id)?.files.sort();
    expect(files('1')).toEqual(['legacy/new.ts', 'src/db/pool.ts']);
    expect(files('2')).toEqual(['schema.sql', 'src/db/pool.ts']);
    expect(files('3')).toEqual(['reports/monthly.ts', 'reports/yearly.ts']);
    expect(report.files).toBe(5);
    expect(report.retiredOnly.map((x: { file: string }) => x.file).sort()).toEqual(['legacy/new.ts', 'reports/monthly.ts', 'reports/yearly.ts']);

    const text = await adr(root, 'affected', '--base', 'main');
    expect(text.stdout).toMatch(/^3 decisions govern 5 of 5 files changed since main \(merge base [0-9a-f]{12}\):/);
  });

  it('names the problem with a wrong ref, a shallow clone and a folder that is no repository (exit 1)', async () => {
    const root = repo();
    const wrong = await adr(root, 'affected', '--base', 'no-such-branch');
    expect(wrong.code).toBe(1);
    // The ref is resolved as `adr check --base` resolves it, with the same message.
    expect(wrong.stderr).toMatch(/'no-such-branch' is not a branch, tag or commit of the repository at /);
    const dash = await adr(root, 'affected', '--base=--output=x');
    expect(dash.code).toBe(1);
    expect(dash.stderr).toMatch(/is not a git ref/);

    // A shallow clone of one commit on a branch made after main's first commit has no merge base.
    git(root, 'checkout', '-qb', 'feature');
    write(root, { 'src/db/pool.ts': 'export const a = 1;\n' });
    git(root, 'commit', '-qam', 'a');
    git(root, 'checkout', '-q', 'main');
    write(root, { 'src/api/routes.ts': 'export const b = 1;\n' });
    git(root, 'commit', '-qam', 'b');
    const clone = mkdtempSync(join(tmpdir(), 'adr-shallow-'));
    temps.push(clone);
    git(clone, 'clone', '-q', '--depth', '1', '--no-single-branch', `file://${root}`, 'repo');
    const shallow = join(clone, 'repo');
    git(shallow, 'checkout', '-q', 'feature');
    const r = await adr(shallow, 'affected', '--base', 'origin/main');
    expect(r.code, r.why).toBe(1);
    expect(r.stderr).toMatch(/--base origin\/main: where this branch left origin\/main is not in this shallow clone; fetch more history \(git fetch --unshallow/);

    const plain = repo({ git: false });
    const none = await adr(plain, 'affected', '--base', 'main');
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/--base main needs the git history of the log, but .* is not in a git repository/);
  });
});

describe('the applies-to rules in adr check', () => {
  it('applies-to-retired runs with --base, and only then', async () => {
    const root = repo();
    git(root, 'checkout', '-qb', 'feature');
    write(root, { 'reports/monthly.ts': 'export const x = 1;\n', 'src/db/pool.ts': 'export const y = 1;\n' });
    const withBase = await adr(root, 'check', '--base', 'main', '--format', 'json');
    const found = JSON.parse(withBase.stdout) as Array<{ file: string; line: number; rule: string; message: string }>;
    expect(found.filter((d) => d.rule === 'applies-to-retired').map((d) => `${d.file}:${d.line}`)).toEqual(['docs/adr/0003-reports-with-jasper.md:4']);
    expect(found.find((d) => d.rule === 'applies-to-retired')!.message).toContain('`reports/monthly.ts`');
    const without = await adr(root, 'check', '--format', 'json');
    expect((JSON.parse(without.stdout) as Array<{ rule: string }>).filter((d) => d.rule === 'applies-to-retired')).toEqual([]);
  });

  it('applies-to-dead: a live record naming no file warns at the glob; a retired one does not; files in ignored folders do not count', async () => {
    const root = repo();
    write(root, {
      'docs/adr/0004-build-output.md': nygard(4, 'Build output', '`build/**`, `src/api/**`', ['Accepted']),
      'build/out.js': 'ignored\n',
    });
    rmSync(join(root, 'legacy'), { recursive: true });
    const r = await adr(root, 'check', '--format', 'json');
    const dead = (JSON.parse(r.stdout) as Array<{ file: string; line: number; column: number; rule: string; message: string }>).filter((d) => d.rule === 'applies-to-dead');
    expect(dead.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(['docs/adr/0004-build-output.md:4:14']);
    expect(dead[0].message).toContain('`build/**` matches no file in the repository');
  });

  it('without git, a walk that honours .gitignore lists the repository', async () => {
    const root = repo({ git: false });
    write(root, { 'docs/adr/0004-build-output.md': nygard(4, 'Build output', '`build/**`', ['Accepted']), 'build/out.js': 'ignored\n', 'docs/.gitignore': '' });
    const r = await adr(root, 'check', '--format', 'json', '--dir', 'docs/adr');
    const dead = (JSON.parse(r.stdout) as Array<{ rule: string; file: string }>).filter((d) => d.rule === 'applies-to-dead');
    expect(dead.map((d) => d.file)).toEqual(['docs/adr/0004-build-output.md']);
  });

  it('a check answered from its stored result sees a file added since (the listing is part of what it stamps)', async () => {
    const root = repo();
    write(root, { 'docs/adr/0004-mongo.md': nygard(4, 'Mongo', '`src/mongo/**`', ['Accepted']) });
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'mongo');
    // Older than the result cache's racy margin, so a stored result could be trusted.
    await new Promise((r) => setTimeout(r, 3500));
    const first = await adr(root, 'check', '--format', 'json');
    expect((JSON.parse(first.stdout) as Array<{ rule: string }>).map((d) => d.rule)).toEqual(['applies-to-dead']);
    const again = await adr(root, 'check', '--format', 'json');
    expect(again.stdout).toBe(first.stdout);
    write(root, { 'src/mongo/client.ts': 'export {};\n' });
    const after = await adr(root, 'check', '--format', 'json');
    expect(JSON.parse(after.stdout)).toEqual([]);
  }, 60_000);
});
