/**
 * The git-reading module on its own: finding the repository of a log, naming refs, reading trees,
 * blobs and histories in one process each, with names git would otherwise quote.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logPath, parseLog, probeRepo, readBlobs, readHistory, resolveCommit, topPath, listTree, type GitRepo } from '../../src/store/git.js';
import { gitIn, HAVE_GIT, makeRepo, runCli, tempFolder } from './helpers.js';

async function repoOf(dir: string): Promise<GitRepo> {
  const probe = await probeRepo(dir, process.env);
  if (!probe.ok) throw new Error(probe.message);
  return probe.repo;
}

describe.skipIf(!HAVE_GIT)('src/store/git.ts', { timeout: 30_000 }, () => {
  it('finds the work tree, the log folder in it, the branch and HEAD; says why when there is none', async () => {
    const repo = makeRepo();
    repo.write({ 'docs/adr/0001-x.md': '# 1. X\n' });
    const sha = repo.commit('x');
    const found = await repoOf(join(repo.root, 'docs/adr'));
    expect(found).toMatchObject({ logPrefix: 'docs/adr/', shallow: false, head: sha, branch: 'main' });
    repo.git('checkout', '-q', '--detach');
    expect((await repoOf(join(repo.root, 'docs/adr'))).branch).toBeNull();
    const none = await probeRepo(tempFolder(), process.env);
    expect(none).toMatchObject({ ok: false, reason: 'not-a-repo' });
    const noGit = await probeRepo(repo.root, { PATH: '/nonexistent' });
    expect(noGit).toEqual({ ok: false, reason: 'no-git', message: 'git is not installed (or not on PATH)' });
  });

  it('a repository with no commit yet has no HEAD, and the commands say there is nothing to compare', async () => {
    const root = tempFolder();
    gitIn(root, ['init', '-q', '-b', 'main']);
    mkdirSync(join(root, 'decisions'));
    const found = await repoOf(root);
    expect(found.head).toBeNull();
    const r = await runCli(['diff', 'main'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no commit yet/);
  });

  it('names refs as people write them, and suggests near names for a typo', async () => {
    const repo = makeRepo();
    repo.write({ 'a.md': 'a' });
    const first = repo.commit('a');
    repo.write({ 'a.md': 'b' });
    repo.commit('b');
    repo.git('tag', 'v1.0', first);
    repo.git('branch', 'release/2026');
    const found = await repoOf(repo.root);
    expect((await resolveCommit(found, 'v1.0')).sha).toBe(first);
    expect((await resolveCommit(found, 'HEAD~1')).sha).toBe(first);
    expect((await resolveCommit(found, first.slice(0, 8))).sha).toBe(first);
    await expect(resolveCommit(found, 'release/2062')).rejects.toThrow(/did you mean release\/2026\?/);
    await expect(resolveCommit(found, '--output=/tmp/x')).rejects.toThrow(/is not a git ref/);
    await expect(resolveCommit(found, 'zzzzzzzzzzzzzzzzz')).rejects.toThrow(/is not a branch, tag or commit/);
  });

  it('reads trees, blobs and a history with renames, spaces, quotes and non-ASCII in file names', async () => {
    const repo = makeRepo();
    const odd = 'decisions/2026-01-01 "quoted" ünïcode.md';
    repo.write({ [odd]: '# Odd\n\n**Status**: Accepted\n', 'decisions/0001-a.md': '# 1. A\n\nSome text that stays.\n\nMore text.\n' });
    repo.commit('start', { author: 'Zoë Ünïcode <z@example.com>', date: '2026-01-02' });
    repo.git('mv', 'decisions/0001-a.md', 'decisions/0002-a.md');
    const second = repo.commit('renumber', { date: '2026-01-03' });
    const found = await repoOf(join(repo.root, 'decisions'));
    const tree = await listTree(found, second, [found.logPrefix]);
    expect(tree.map((e) => logPath(found, e.path)).sort()).toEqual(['0002-a.md', '2026-01-01 "quoted" ünïcode.md']);
    const blobs = await readBlobs(found, tree.map((e) => e.sha));
    expect(blobs.get(tree.find((e) => e.path === odd)!.sha)!.toString('utf8')).toBe('# Odd\n\n**Status**: Accepted\n');
    const history = await readHistory(found, 'HEAD', [found.logPrefix]);
    expect(history.map((e) => e.commit.subject)).toEqual(['renumber', 'start']);
    expect(history[0].changes).toMatchObject([{ status: 'R', oldPath: 'decisions/0001-a.md', newPath: 'decisions/0002-a.md' }]);
    expect(history[1].commit.author).toBe('Zoë Ünïcode');
    expect(history[1].changes.map((c) => c.newPath).sort()).toEqual(['decisions/0001-a.md', odd]);
    expect(topPath(found, '../DECISIONS.md')).toBe('DECISIONS.md');
    expect(logPath(found, 'DECISIONS.md')).toBe('../DECISIONS.md');
  });

  it('parses a merge that changed a file itself (combined raw output)', () => {
    const sha = (c: string) => c.repeat(40);
    const out = Buffer.from(
      `\x1e${sha('a')}\x1f${sha('b')} ${sha('c')}\x1fAna\x1fana@x\x1f2026-01-02T00:00:00+00:00\x1fMerge\0\n::100644 100644 100644 ${sha('1')} ${sha('2')} ${sha('3')} MM\0d/0001-x.md\0` +
        `\x1e${sha('b')}\x1f${sha('d')}\x1fBen\x1fben@x\x1f2026-01-01T00:00:00+00:00\x1fAdd\0\n:000000 100644 ${'0'.repeat(40)} ${sha('4')} A\0d/0002-y.md\0`,
    );
    const entries = parseLog(out);
    expect(entries).toHaveLength(2);
    expect(entries[0].parents).toHaveLength(2);
    expect(entries[0].changes).toEqual([{ status: 'M', oldSha: sha('1'), newSha: sha('3'), oldPath: 'd/0001-x.md', newPath: 'd/0001-x.md' }]);
    expect(entries[1].changes).toEqual([{ status: 'A', oldSha: null, newSha: sha('4'), oldPath: 'd/0002-y.md', newPath: 'd/0002-y.md' }]);
  });
});
