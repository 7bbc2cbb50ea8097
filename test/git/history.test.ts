/**
 * `adr history` and `adr list --json --history`: status changes with date, commit and author,
 * followed across renames, read from one git log pass; shallow clones and missing git.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn, HAVE_GIT, makeRepo, nygard, runCli, summary, tempFolder, type TestRepo } from './helpers.js';

/** Record 2's life: proposed by Ana, accepted by Ben, renumbered to 5 by Cy, superseded by Ana; record 1 untouched. */
function livedLog(): TestRepo {
  const repo = makeRepo();
  repo.write({
    '.adr-dir': 'doc/adr\n',
    'doc/adr/0001-record.md': nygard(1, 'Record architecture decisions', 'Accepted'),
    'doc/adr/0002-use-kafka.md': nygard(2, 'Use Kafka', 'Proposed'),
  });
  repo.commit('Propose Kafka', { author: 'Ana <ana@example.com>', date: '2026-01-02' });
  repo.write({ 'doc/adr/0002-use-kafka.md': nygard(2, 'Use Kafka', 'Proposed', '\nMore context.\n') });
  repo.commit('Explain Kafka better', { author: 'Ben <ben@example.com>', date: '2026-01-03' });
  repo.write({ 'doc/adr/0002-use-kafka.md': nygard(2, 'Use Kafka', 'Accepted', '\nMore context.\n') });
  repo.commit('Accept Kafka', { author: 'Ben <ben@example.com>', date: '2026-01-04' });
  repo.git('mv', 'doc/adr/0002-use-kafka.md', 'doc/adr/0005-use-kafka.md');
  repo.write({ 'doc/adr/0005-use-kafka.md': nygard(5, 'Use Kafka', 'Accepted', '\nMore context.\n') });
  repo.commit('Renumber Kafka to 5', { author: 'Cy <cy@example.com>', date: '2026-01-05' });
  repo.write({
    'doc/adr/0005-use-kafka.md': nygard(5, 'Use Kafka', 'Superseded by [6. Use NATS](0006-use-nats.md)', '\nMore context.\n'),
    'doc/adr/0006-use-nats.md': nygard(6, 'Use NATS', 'Accepted\n\nSupersedes [5. Use Kafka](0005-use-kafka.md)'),
  });
  repo.commit('Move to NATS', { author: 'Ana <ana@example.com>', date: '2026-01-09' });
  return repo;
}

describe.skipIf(!HAVE_GIT)('adr history', { timeout: 30_000 }, () => {
  it('lists each status change with date, commit and author, across a renumbering', async () => {
    const repo = livedLog();
    const r = await runCli(['history', '5', '--json'], repo.root);
    expect(r.stderr).toBe('');
    const h = JSON.parse(r.stdout);
    expect(h.file).toBe('0005-use-kafka.md');
    expect(h.created).toMatchObject({ author: 'Ana', email: 'ana@example.com', date: '2026-01-02T12:00:00+00:00', subject: 'Propose Kafka' });
    expect(h.updated).toMatchObject({ author: 'Ana', subject: 'Move to NATS' });
    expect(h.changes.map((c: { commit: { author: string; date: string }; from: string; to: string; file: string }) => `${c.commit.date.slice(0, 10)} ${c.commit.author} ${c.from} → ${c.to} (${c.file})`)).toEqual([
      '2026-01-02 Ana null → proposed (0002-use-kafka.md)',
      '2026-01-04 Ben proposed → accepted (0002-use-kafka.md)',
      '2026-01-09 Ana accepted → superseded (0005-use-kafka.md)',
    ]);
    expect(h.renames.map((x: { from: string; to: string; commit: { author: string } }) => `${x.from} → ${x.to} by ${x.commit.author}`)).toEqual(['0002-use-kafka.md → 0005-use-kafka.md by Cy']);
    expect(h.uncommitted).toBe(false);
    expect(h.complete).toBe(true);
  });

  it('prints a timeline for a person, and the log-wide history newest first', async () => {
    const repo = livedLog();
    const r = await runCli(['history', 'kafka'], repo.root);
    expect(r.stdout).toMatch(/^5\. Use Kafka  doc\/adr\/0005-use-kafka\.md\nstatus now: superseded/);
    expect(r.stdout).toMatch(/added 2026-01-02 by Ana in [0-9a-f]{7}\n/);
    const timeline = r.stdout.split('\n').filter((l) => l.startsWith('  2026'));
    expect(timeline.map((l) => l.replace(/[0-9a-f]{7}/, 'SHA'))).toEqual([
      '  2026-01-02  SHA  Ana  proposed (added)  Propose Kafka',
      '  2026-01-04  SHA  Ben  proposed → accepted  Accept Kafka',
      '  2026-01-05  SHA  Cy  renamed 0002-use-kafka.md → 0005-use-kafka.md',
      '  2026-01-09  SHA  Ana  accepted → superseded  Move to NATS',
    ]);
    const all = await runCli(['history', '-n', '2'], repo.root);
    const lines = all.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^2026-01-09  [0-9a-f]{7}  Ana  accepted → superseded  Move to NATS  5\. Use Kafka$|^2026-01-09  [0-9a-f]{7}  Ana  accepted \(added\)  Move to NATS  6\. Use NATS$/);
    expect(lines[2]).toMatch(/^… 3 earlier changes/);
  });

  it('shows an uncommitted status change of the work tree', async () => {
    const repo = livedLog();
    repo.write({ 'doc/adr/0006-use-nats.md': nygard(6, 'Use NATS', 'Deprecated\n\nSupersedes [5. Use Kafka](0005-use-kafka.md)') });
    const h = JSON.parse((await runCli(['history', '6', '--json'], repo.root)).stdout);
    expect(h.uncommitted).toBe(true);
    expect(h.changes.at(-1)).toMatchObject({ commit: null, from: 'accepted', to: 'deprecated' });
  });

  it('does not follow a rename git guessed between two different records', async () => {
    // Two records from one template: git may pair a deleted one with a new one.
    const repo = makeRepo();
    repo.write({ 'decisions/2026-01-01-a.md': summary('Alpha', '✅ Accepted') });
    repo.commit('a', { date: '2026-01-01' });
    repo.git('rm', '-q', 'decisions/2026-01-01-a.md');
    repo.write({ 'decisions/2026-01-02-b.md': summary('Beta', '❓ Under Discussion') });
    repo.commit('b replaces a', { author: 'Ben <ben@example.com>', date: '2026-01-02' });
    expect(repo.git('log', '-1', '--name-status', '-M', '--format=')).toMatch(/^R\d+/);
    const h = JSON.parse((await runCli(['history', 'beta', '--json'], repo.root)).stdout);
    expect(h.renames).toEqual([]);
    expect(h.created).toMatchObject({ author: 'Ben' });
    expect(h.changes.map((c: { from: string; to: string }) => `${c.from} → ${c.to}`)).toEqual(['null → proposed']);
  });

  it('a record made from another record\'s text is not followed into that record\'s past', async () => {
    // git log --follow reports such a new file as a copy of its look-alike.
    const repo = makeRepo();
    const text = (n: number, title: string, status: string) => nygard(n, title, status, '\nA long shared template body that both records keep word for word.\nMore shared text.\nAnd more.\n');
    repo.write({ 'doc/adr/0001-postgres.md': text(1, 'Use Postgres', 'Accepted'), '.adr-dir': 'doc/adr\n' });
    repo.commit('postgres', { author: 'Ana <ana@example.com>', date: '2026-01-01' });
    repo.write({ 'doc/adr/0002-kafka.md': text(2, 'Use Kafka', 'Proposed') });
    repo.commit('kafka', { author: 'Ben <ben@example.com>', date: '2026-01-02' });
    const h = JSON.parse((await runCli(['history', 'kafka', '--json'], repo.root)).stdout);
    expect(h.created).toMatchObject({ author: 'Ben', subject: 'kafka' });
    expect(h.changes.map((c: { added: boolean; to: string }) => `${c.added} ${c.to}`)).toEqual(['true proposed']);
  });

  it('list --json --history adds created, updated, history and renamedFrom to every record', async () => {
    const repo = livedLog();
    const r = await runCli(['list', '--json', '--history'], repo.root);
    expect(r.stderr).toBe('');
    const list = JSON.parse(r.stdout);
    const kafka = list.find((d: { file: string }) => d.file === '0005-use-kafka.md');
    expect(kafka.created.subject).toBe('Propose Kafka');
    expect(kafka.updated.subject).toBe('Move to NATS');
    expect(kafka.history.map((c: { to: string }) => c.to)).toEqual(['proposed', 'accepted', 'superseded']);
    expect(kafka.renamedFrom).toEqual(['0002-use-kafka.md']);
    const first = list.find((d: { file: string }) => d.file === '0001-record.md');
    expect(first.history.map((c: { to: string }) => c.to)).toEqual(['accepted']);
    // Without --history the JSON stays as it was.
    expect(Object.keys(JSON.parse((await runCli(['list', '--json'], repo.root)).stdout)[0])).not.toContain('history');
    expect((await runCli(['list', '--history'], repo.root)).code).toBe(2);
  });

  it('a shallow clone gives the history it has, marked incomplete, said once', async () => {
    const repo = livedLog();
    const clone = tempFolder();
    gitIn(clone, ['clone', '-q', '--depth', '2', `file://${repo.root}`, 'work']);
    const work = join(clone, 'work');
    const r = await runCli(['list', '--json', '--history'], work);
    expect(r.stderr.match(/shallow clone/g)).toHaveLength(1);
    const kafka = JSON.parse(r.stdout).find((d: { file: string }) => d.file === '0005-use-kafka.md');
    expect(kafka.created).toBeNull();
    expect(kafka.history.map((c: { from: string; to: string }) => `${c.from} → ${c.to}`)).toEqual(['accepted → superseded']);
    const h = JSON.parse((await runCli(['history', '5', '--json'], work)).stdout);
    expect(h.complete).toBe(false);
  });

  it('without git: list --history carries on and says so once; history says why it cannot', async () => {
    const repo = livedLog();
    const env = { PATH: '/nonexistent' };
    const r = await runCli(['list', '--json', '--history'], repo.root, { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('adr list: no history: git is not installed (or not on PATH)\n');
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ created: null, updated: null, history: null });
    const h = await runCli(['history', '5'], repo.root, { env });
    expect(h.code).toBe(1);
    expect(h.stderr).toBe('adr history: this needs the git history of the log, but git is not installed (or not on PATH)\n');
  });

  it('a record never committed has no commits yet', async () => {
    const repo = livedLog();
    repo.write({ 'doc/adr/0007-new.md': nygard(7, 'New', 'Proposed') });
    const h = JSON.parse((await runCli(['history', '7', '--json'], repo.root)).stdout);
    expect(h).toMatchObject({ created: null, updated: null, uncommitted: true, complete: true });
    expect(h.changes).toMatchObject([{ commit: null, from: null, to: 'proposed' }]);
  });
});
