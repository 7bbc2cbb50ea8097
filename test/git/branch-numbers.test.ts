/**
 * Branch-safe numbers, as a team meets them: two branches each add "the next record", the base
 * gets its record first, and the second branch is caught by `adr check --base` (or, after the
 * merge, by id-duplicate), renumbered, and checked clean.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, HAVE_GIT, makeRepo, nygard, runCli, tempFolder, type TestRepo } from './helpers.js';

/** main with records 1 and 2; branch feature adds 3 (Kafka); main then adds 3 (Redis). */
function twoBranches(): TestRepo {
  const repo = makeRepo();
  repo.write({
    '.adr-dir': 'doc/adr\n',
    'doc/adr/0001-record-architecture-decisions.md': nygard(1, 'Record architecture decisions', 'Accepted'),
    'doc/adr/0002-use-postgres.md': nygard(2, 'Use Postgres', 'Accepted'),
  });
  repo.commit('Start the log', { author: 'Ana <ana@example.com>', date: '2026-01-02' });
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write({ 'doc/adr/0003-use-kafka.md': nygard(3, 'Use Kafka', 'Proposed', '\nBuilds on [2. Use Postgres](0002-use-postgres.md).\n') });
  repo.commit('Propose Kafka', { author: 'Ben <ben@example.com>', date: '2026-01-05' });
  repo.git('checkout', '-q', 'main');
  repo.write({ 'doc/adr/0003-use-redis.md': nygard(3, 'Use Redis', 'Accepted') });
  repo.commit('Decide on Redis', { author: 'Ana <ana@example.com>', date: '2026-01-06' });
  repo.git('checkout', '-q', 'feature');
  return repo;
}

describe.skipIf(!HAVE_GIT)('two branches adding the same number', { timeout: 30_000 }, () => {
  it('adr check --base finds the record the base took first, names who took it and the number to move to', async () => {
    const repo = twoBranches();
    const r = await runCli(['check', '--base', 'main', '--format', 'json'], repo.root);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.stdout) as Array<{ file: string; ruleId?: string; rule?: string; message: string }>;
    const text = JSON.stringify(found);
    expect(text).toContain('id-taken-on-base');
    expect(text).toContain('Number 3 is also used on main by `0003-use-redis.md`');
    expect(text).toContain('by Ana, 2026-01-06');
    expect(text).toContain('adr renumber 0003-use-kafka.md --to 4');
    // The base's own record is never reported: it was there first.
    expect(text).not.toMatch(/0003-use-redis\.md[^`]*id-taken-on-base/);
  });

  it('in a GitHub pull request the base comes from GITHUB_BASE_REF (origin/<base>)', async () => {
    const repo = twoBranches();
    // A CI checkout: a clone whose main exists only as origin/main.
    const clone = tempFolder();
    gitIn(clone, ['clone', '-q', '--branch', 'feature', repo.root, 'work']);
    const work = join(clone, 'work');
    const r = await runCli(['check'], work, { env: { GITHUB_BASE_REF: 'main' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Number 3 is also used on origin/main by `0003-use-redis.md`');
    // Without the variable the check is the plain one, and clean.
    expect((await runCli(['check'], work)).code).toBe(0);
  });

  it('a base from the environment that is not fetched is a notice, not a failure (shallow CI checkout)', async () => {
    const repo = twoBranches();
    const clone = tempFolder();
    gitIn(clone, ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo.root}`, 'work']);
    const r = await runCli(['check'], join(clone, 'work'), { env: { GITHUB_BASE_REF: 'develop' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/not compared: 'origin\/develop' is not a branch, tag or commit/);
    expect(r.stderr).toMatch(/\. This is a shallow clone: fetch the branch and the history first \(git fetch --unshallow origin \+refs\/heads\/develop:refs\/remotes\/origin\/develop\)/);
  });

  it('an explicit --base that names nothing is an error with the names that come close', async () => {
    const repo = twoBranches();
    const r = await runCli(['check', '--base', 'mian'], repo.root);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`adr check: 'mian' is not a branch, tag or commit of the repository at ${repo.root}; did you mean main?\n`);
  });

  it('renumbering before the merge clears the check, and the merge is then clean', async () => {
    const repo = twoBranches();
    const r = await runCli(['renumber', '0003-use-kafka.md', '--base', 'main'], repo.root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('renumbered 3 → 4: doc/adr/0003-use-kafka.md → doc/adr/0004-use-kafka.md (Use Kafka)');
    expect(existsSync(join(repo.root, 'doc/adr/0003-use-kafka.md'))).toBe(false);
    expect(repo.read('doc/adr/0004-use-kafka.md')).toMatch(/^# 4\. Use Kafka\n/);
    expect((await runCli(['check', '--base', 'main'], repo.root)).code).toBe(0);
    repo.commit('Renumber Kafka to 4', { author: 'Ben <ben@example.com>', date: '2026-01-07' });
    repo.git('merge', '-q', 'main', '-m', 'Merge main');
    expect((await runCli(['check'], repo.root)).code).toBe(0);
    expect((await runCli(['list', '--json'], repo.root)).stdout).toContain('"0004-use-kafka.md"');
  });

  it('after a merge that brought both: id-duplicate, renumber (links and all), check clean', async () => {
    const repo = twoBranches();
    repo.write({ 'doc/adr/0002-use-postgres.md': nygard(2, 'Use Postgres', 'Accepted', '\nSee also [3. Use Kafka](0003-use-kafka.md#decision).\n') });
    repo.commit('Link Postgres to Kafka', { date: '2026-01-06' });
    repo.git('merge', '-q', 'main', '-m', 'Merge main');
    const before = await runCli(['check'], repo.root);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('Number 3 is also used by `0003-use-redis.md`');
    const r = await runCli(['renumber', 'kafka'], repo.root);
    expect(r.code).toBe(0);
    expect(repo.read('doc/adr/0002-use-postgres.md')).toContain('See also [4. Use Kafka](0004-use-kafka.md#decision).');
    const after = await runCli(['check'], repo.root);
    expect(after.stdout).toContain('No problems');
    expect(after.code).toBe(0);
    const renames = JSON.parse(readFileSync(join(repo.root, 'doc/adr/.adr-renames.json'), 'utf8'));
    expect(renames.renames).toEqual([{ from: '0003-use-kafka.md', to: '0004-use-kafka.md', fromNumber: 3, toNumber: 4, date: '2026-01-15' }]);
  });

  it('adr new --base takes a number free on both sides', async () => {
    const repo = twoBranches();
    repo.git('checkout', '-q', '-b', 'other', 'main~1');
    // This branch knows records 1 and 2 only; main has 3 already.
    const plain = await runCli(['new', '--dry-run', 'Use NATS'], repo.root);
    expect(plain.stderr).toContain('0003-use-nats.md');
    const r = await runCli(['new', '--base', 'main', 'Use NATS'], repo.root);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('doc/adr/0004-use-nats.md');
    expect(repo.read('doc/adr/0004-use-nats.md')).toMatch(/^# 4\. Use NATS/);
    expect((await runCli(['check', '--base', 'main'], repo.root)).code).toBe(0);
  });

  it('a shallow clone without the merge base compares with the base tip and says so once', async () => {
    const repo = twoBranches();
    const clone = tempFolder();
    gitIn(clone, ['clone', '-q', '--depth', '1', '--no-single-branch', `file://${repo.root}`, 'work']);
    const work = join(clone, 'work');
    gitIn(work, ['checkout', '-q', 'feature']);
    const r = await runCli(['check', '--base', 'origin/main'], work);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Number 3 is also used on origin/main by `0003-use-redis.md`;');
    expect(r.stderr.match(/shallow clone/g)).toHaveLength(1);
  });

  it('date-named logs have no numbers to clash', async () => {
    const repo = makeRepo();
    repo.write({ 'decisions/2026-01-02-a.md': '# A\n\n**Status**: Accepted\n' });
    repo.commit('a');
    repo.git('checkout', '-q', '-b', 'b');
    repo.write({ 'decisions/2026-01-03-b.md': '# B\n\n**Status**: Accepted\n' });
    repo.commit('b');
    const r = await runCli(['check', '--base', 'main', '--rule', 'id-taken-on-base'], repo.root);
    expect(r.code).toBe(0);
  });
});
