/**
 * `adr diff`: what a branch changes in the log, read from a real repository: records added,
 * removed and renamed, status changes, relations, action items, findings; three formats.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, HAVE_GIT, makeRepo, NOW, runCli, summary, tempFolder, type TestRepo } from './helpers.js';

/** main has the log as it was; branch feature changes it in every way a reviewer cares about. */
function changedBranch(): TestRepo {
  const repo = makeRepo();
  repo.write({
    'decisions/2026-01-01-kafka.md': summary('Use Kafka', '❓ Under Discussion', ['- [ ] Set up the cluster', '- [ ] Write the runbook', '- [ ] Train the team']),
    'decisions/2026-01-02-postgres.md': summary('Use Postgres', '✅ Accepted'),
    'decisions/2026-01-03-cache.md': summary('Cache in Redis', '✅ Accepted', [], 'Related: [missing](2026-01-09-nowhere.md)'),
    'decisions/2026-01-04-old.md': summary('Old idea', '✅ Accepted'),
  });
  repo.commit('Start the log', { author: 'Ana <ana@example.com>', date: '2026-01-05' });
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write({
    'decisions/2026-01-01-kafka.md': summary('Use Kafka', '✅ Accepted', ['- [x] ~~Set up the cluster~~ ✅ done', '- [x] ~~Write the runbook~~ ❌ **ABORTED** - not needed', '- [ ] Train the team', '- [ ] Add alerts']),
    'decisions/2026-01-02-postgres.md': summary('Use Postgres', '**Superseded** by [Use CockroachDB](2026-01-06-cockroach.md)'),
    'decisions/2026-01-06-cockroach.md': summary('Use CockroachDB', '✅ Accepted', [], 'Supersedes [Use Postgres](2026-01-02-postgres.md). See [gone](2026-01-07-gone.md).'),
  });
  repo.git('rm', '-q', 'decisions/2026-01-04-old.md');
  // The cache record moves to a clearer name and loses its dead link.
  repo.git('mv', 'decisions/2026-01-03-cache.md', 'decisions/2026-01-03-caching.md');
  repo.write({ 'decisions/2026-01-03-caching.md': summary('Cache in Redis', '✅ Accepted') });
  repo.commit('Decide on the data layer', { author: 'Ben <ben@example.com>', date: '2026-01-06' });
  return repo;
}

describe.skipIf(!HAVE_GIT)('adr diff', { timeout: 30_000 }, () => {
  it('reports every kind of change as JSON', async () => {
    const repo = changedBranch();
    const r = await runCli(['diff', 'main', '--format', 'json'], repo.root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.base.ref).toBe('main');
    expect(d.base.compared).toBe(d.base.commit);
    expect(d.head).toMatchObject({ branch: 'feature', uncommitted: false });
    expect(d.added.map((x: { file: string }) => x.file)).toEqual(['2026-01-06-cockroach.md']);
    expect(d.removed.map((x: { file: string; title: string }) => `${x.file} ${x.title}`)).toEqual(['2026-01-04-old.md Old idea']);
    expect(d.renamed.map((x: { from: string; to: string }) => `${x.from} → ${x.to}`)).toEqual(['2026-01-03-cache.md → 2026-01-03-caching.md']);
    expect(d.statusChanged.map((x: { record: { title: string }; from: string; to: string }) => `${x.record.title}: ${x.from} → ${x.to}`)).toEqual([
      'Use Kafka: proposed → accepted',
      'Use Postgres: accepted → superseded',
    ]);
    expect(d.relationsAdded.map((x: { record: { title: string }; kind: string; target: string }) => `${x.record.title} ${x.kind} ${x.target}`)).toEqual([
      'Use Postgres superseded-by 2026-01-06-cockroach.md',
      'Use CockroachDB supersedes 2026-01-02-postgres.md',
      'Use CockroachDB relates 2026-01-07-gone.md',
    ]);
    expect(d.relationsRemoved.map((x: { record: { title: string }; target: string }) => `${x.record.title} ${x.target}`)).toEqual(['Cache in Redis 2026-01-09-nowhere.md']);
    expect(d.actionItems.opened.map((x: { text: string }) => x.text)).toEqual(['Add alerts']);
    expect(d.actionItems.closed.map((x: { text: string }) => x.text)).toEqual(['Set up the cluster']);
    expect(d.actionItems.aborted.map((x: { text: string }) => x.text)).toEqual(['Write the runbook']);
    expect(d.findings.introduced.map((x: { file: string; rule: string }) => `${x.file} ${x.rule}`)).toContain('2026-01-06-cockroach.md link-missing-file');
    expect(d.findings.resolved.map((x: { file: string; rule: string }) => `${x.file} ${x.rule}`)).toContain('2026-01-03-caching.md link-missing-file');
    expect(d.notes).toEqual([]);
  });

  it('prints text for a person and markdown for a pull request', async () => {
    const repo = changedBranch();
    const text = await runCli(['diff', 'main'], repo.root);
    expect(text.stdout).toMatch(/^Decision log: feature compared with main \([0-9a-f]{7}\)\n/);
    expect(text.stdout).toContain('\nAdded (1)\n  + Use CockroachDB  accepted · 2026-01-06-cockroach.md\n');
    expect(text.stdout).toContain('\nStatus changes (2)\n  Use Kafka: proposed → accepted\n  Use Postgres: accepted → superseded\n');
    expect(text.stdout).toContain('closed  Set up the cluster');
    const md = await runCli(['diff', 'main', '--format', 'markdown'], repo.root);
    expect(md.stdout).toMatch(/^### Decision log changes\n\nCompared with `main` \(`[0-9a-f]{7}`\): 1 record added, 1 record removed, 1 record renamed, 2 status changes, 4 relations changed, 3 action items changed, /);
    expect(md.stdout).toContain('| 🔄 status | Use Kafka | proposed → **accepted** | `2026-01-01-kafka.md` |');
    expect(md.stdout).toContain('- [x] ~~Write the runbook~~ — Use Kafka (aborted)');
  });

  it('includes uncommitted changes, and says when nothing changed', async () => {
    const repo = changedBranch();
    repo.git('checkout', '-q', 'main');
    let r = await runCli(['diff', 'main'], repo.root);
    expect(r.stdout).toMatch(/No changes to the decision log\.\n$/);
    expect((await runCli(['diff', 'main', '--exit-code'], repo.root)).code).toBe(0);
    repo.write({ 'decisions/2026-01-02-postgres.md': summary('Use Postgres', '⏸️ Postponed') });
    r = await runCli(['diff', 'main', '--format', 'json'], repo.root);
    const d = JSON.parse(r.stdout);
    expect(d.head.uncommitted).toBe(true);
    expect(d.statusChanged.map((x: { from: string; to: string }) => `${x.from} → ${x.to}`)).toEqual(['accepted → postponed']);
    expect((await runCli(['diff', 'main', '--exit-code'], repo.root)).code).toBe(1);
  });

  it('markdown escapes what the log says: no HTML, no mentions, no broken tables', async () => {
    const repo = makeRepo();
    repo.write({ 'decisions/2026-01-01-a.md': summary('A', '✅ Accepted') });
    repo.commit('a');
    repo.write({ 'decisions/2026-01-02-b.md': summary('Use <img src=x onerror=alert(1)> `a|b` for @team', '✅ Accepted') });
    const md = (await runCli(['diff', 'main', '--format', 'markdown'], repo.root)).stdout;
    expect(md).not.toContain('<img');
    expect(md).toContain('| ➕ added | Use a\\|b for @\u200bteam | accepted |');
  });

  it('defaults to the pull request base, else main; names the mistake in a wrong ref', async () => {
    const repo = changedBranch();
    expect((await runCli(['diff'], repo.root)).stdout).toContain('compared with main');
    const r = await runCli(['diff', 'feture'], repo.root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/'feture' is not a branch, tag or commit .*; did you mean feature\?/);
    expect((await runCli(['diff', 'main', '--format', 'yaml'], repo.root)).code).toBe(2);
    // GitHub Actions: origin/<GITHUB_BASE_REF> in a clone.
    const clone = tempFolder();
    gitIn(clone, ['clone', '-q', '--branch', 'feature', repo.root, 'work']);
    const ci = await runCli(['diff', '--format', 'json'], join(clone, 'work'), { env: { GITHUB_BASE_REF: 'main' } });
    expect(JSON.parse(ci.stdout).base).toMatchObject({ ref: 'origin/main', source: 'pull request' });
  });

  it('is one function, diffLog, that the CLI and other callers share: the same object as --format json', async () => {
    const repo = changedBranch();
    const { diffLog } = await import('../../src/lint/log-diff.js');
    const { RULES } = await import('../../src/rules/index.js');
    const env = { ...process.env, ADR_CACHE_DIR: join(repo.root, '.git', 'adr-cache'), GITHUB_BASE_REF: undefined };
    const named = await diffLog({ cwd: repo.root, env, now: NOW, base: 'main', rules: RULES });
    const cli = JSON.parse((await runCli(['diff', 'main', '--format', 'json'], repo.root)).stdout);
    expect(JSON.parse(JSON.stringify(named))).toEqual(cli);
    expect(named.base.source).toBe('named');
    const chosen = await diffLog({ cwd: repo.root, env, now: NOW, rules: RULES });
    expect(chosen.base).toMatchObject({ ref: 'main', source: 'default branch' });
    expect(chosen.statusChanged).toEqual(named.statusChanged);
  });

  it('in a shallow clone compares with the base tip and says so', async () => {
    const repo = changedBranch();
    const clone = tempFolder();
    gitIn(clone, ['clone', '-q', '--depth', '1', '--no-single-branch', `file://${repo.root}`, 'work']);
    const work = join(clone, 'work');
    gitIn(work, ['checkout', '-q', 'feature']);
    const r = await runCli(['diff', 'origin/main', '--format', 'json'], work);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.notes[0]).toMatch(/shallow clone/);
    expect(d.statusChanged).toHaveLength(2);
  });

  it('without git, or outside a repository, says why', async () => {
    const repo = changedBranch();
    let r = await runCli(['diff', 'main'], repo.root, { env: { PATH: '/nonexistent' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('adr diff: this needs the git history of the log, but git is not installed (or not on PATH)\n');
    const plain = tempFolder();
    gitIn(plain, ['init', '-q']);
    const outside = tempFolder('adr-nogit-');
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(join(outside, 'decisions'));
    writeFileSync(join(outside, 'decisions/2026-01-01-a.md'), summary('A', '✅ Accepted'));
    r = await runCli(['diff', 'main'], outside);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not in a git repository/);
  });
});
