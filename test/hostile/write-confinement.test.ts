/**
 * Writes stay inside the log: every command that writes a record or the overview, run against a
 * log with a folder that is a symbolic link out of it (`decisions/ext -> ../../outside`), an
 * overview that is a link out of the repository, an overview whose folder is such a link, and an
 * overview configured outside the repository. Each is refused with exit 1 and a message naming the
 * file and the link, and nothing anywhere changes (all or nothing: the record inside the log is
 * not written either). Also: a file-system root and pseudo file systems are refused as a log, and
 * every fs write in src/ goes through store/write.ts or an exemption listed here with its reason.
 *
 * The command table is checked against the registry, so a new command cannot be added without
 * saying whether it writes and being tried here.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { changedPaths, fingerprint } from './files.js';
import { crashLines, describeRun, runAdr } from './run-adr.js';

const cleanups: string[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) rmSync(c, { recursive: true, force: true });
});

const EXT = `# External decision

**Status**: ❓ Under Discussion\\
**Date**: 2025-01-02

## Action Items

### 🔴 This Week (Urgent)

- [ ] Outside task
`;

/**
 * The inside record says it supersedes the outside one; once it is accepted (see approveInside),
 * `check --fix` wants to write the reciprocal link there, and to bring its overview row in step.
 */
const INSIDE = `# Inside decision

**Status**: ❓ Under Discussion\\
**Date**: 2025-01-03

## Related Decisions

- Supersedes: [External decision](ext/2025-01-02-external.md)

## Action Items

### 🔴 This Week (Urgent)

- [ ] Inside task
`;

/**
 * base/outside/2025-01-02-external.md (a record outside), base/repo (a git work tree) with
 * decisions/2025-01-03-inside.md and decisions/ext -> ../../outside, and DECISIONS.md.
 */
function sandbox(): { base: string; root: string; dir: string } {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'adr-confine-')));
  cleanups.push(base);
  const root = join(base, 'repo');
  const dir = join(root, 'decisions');
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(dir);
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', '2025-01-02-external.md'), EXT);
  writeFileSync(join(dir, '2025-01-03-inside.md'), INSIDE);
  symlinkSync('../../outside', join(dir, 'ext'));
  return { base, root, dir };
}

/** Accepts the inside record behind adr's back: its supersede link is then in force, and its overview row drifts. */
function approveInside(dir: string): void {
  const path = join(dir, '2025-01-03-inside.md');
  writeFileSync(path, readFileSync(path, 'utf8').replace('❓ Under Discussion', '✅ Approved'));
}

const adr = (root: string, args: string[], cacheDir?: string) => runAdr(args, { cwd: root, cacheDir, limitMs: 60_000 });

/** Every file under `base` but the test cache. */
function everything(base: string): Map<string, string> {
  const all = fingerprint(base);
  for (const k of [...all.keys()]) if (k.includes('.adr-test-cache/') || k.startsWith('cache/')) all.delete(k);
  return all;
}

const EXT_REF = '2025-01-02-external';

/**
 * Every command of the registry: how it would write a record through the folder link. null: it
 * edits no existing record (init and overview write the overview and are tried below against
 * overviews leading out; list, todo, completion and site write only output the user names, and the cache).
 */
const THROUGH_FOLDER_LINK: Record<string, string[][] | null> = {
  abort: [['abort', EXT_REF, '--reason', 'escape']],
  // Renumbers only numbered records, which this log has none of: tried in
  // test/git/renumber.test.ts against a numbered log with a folder link out.
  renumber: null,
  // Read git and the log; write only the cache.
  diff: null,
  history: null,
  status: [['status', EXT_REF, 'accepted']],
  accept: [['accept', EXT_REF]],
  reject: [['reject', EXT_REF]],
  deprecate: [['deprecate', EXT_REF]],
  postpone: [['postpone', EXT_REF]],
  supersede: [
    ['supersede', EXT_REF, 'inside'],
    ['supersede', 'inside', EXT_REF],
  ],
  link: [
    ['link', 'inside', 'amends', EXT_REF],
    ['link', EXT_REF, 'relates', 'inside'],
  ],
  check: [['check', '--fix']],
  // These write a new record (always directly in the log folder) and the overview: tried below with
  // the overview leading out.
  // --force: the inside record already supersedes the outside one, and a second successor is refused
  // before any write is planned; with --force the write through the link is what stops it.
  new: [['new', 'Another decision', '--supersedes', EXT_REF, '--force']],
  init: null,
  overview: null,
  list: null,
  todo: null,
  site: null,
  completion: null,
  affected: null,
  // Its edit tools call the functions of the commands above (abortRecord, setStatus, relate,
  // createDecision); test/mcp/mcp.test.ts tries them through this same folder link.
  mcp: null,
};

describe('the command table covers the registry', () => {
  it('every command is listed as a writer (tried here) or as writing no record and no overview', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual(Object.keys(THROUGH_FOLDER_LINK).sort());
  });
});

describe('a folder of the log that is a symbolic link out of it is never written through', () => {
  for (const [name, runs] of Object.entries(THROUGH_FOLDER_LINK)) {
    if (!runs) continue;
    for (const args of runs) {
      it(`adr ${args.join(' ')}: exit 1 naming the file and the link; nothing changes anywhere`, async () => {
        const { base, root } = sandbox();
        const made = await adr(root, ['overview']);
        expect(made.code, describeRun(['overview'], made)).toBe(0);
        approveInside(join(root, 'decisions'));
        const before = everything(base);
        const r = await adr(root, args);
        expect(crashLines(r.stderr), describeRun(args, r)).toEqual([]);
        expect(r.code, describeRun(args, r)).toBe(1);
        expect(r.stderr, describeRun(args, r)).toMatch(/decisions\/ext\/2025-01-02-external\.md/);
        expect(r.stderr, describeRun(args, r)).toMatch(/decisions\/ext is a symbolic link to .*outside, outside the log folder decisions/);
        expect(r.stderr).toMatch(/nothing was written/);
        expect(changedPaths(before, everything(base)), `${name}: files changed`).toEqual([]);
        expect(readFileSync(join(base, 'outside', '2025-01-02-external.md'), 'utf8')).toBe(EXT);
      }, 60_000);
    }
  }

  it('reads follow the link: the record outside is listed and checked', async () => {
    const { root } = sandbox();
    const r = await adr(root, ['list', '--json']);
    expect(r.code, describeRun(['list'], r)).toBe(0);
    expect(JSON.parse(r.stdout).map((d: { file: string }) => d.file).sort()).toEqual(['2025-01-03-inside.md', 'ext/2025-01-02-external.md']);
  }, 60_000);
});

/**
 * Commands that would also be refused for what they ask (a second successor, a record already
 * aborted, a record linked to itself), run where a record they would write lies through the folder
 * link: the refusal of the write out of the log comes first, so the person is not told to add
 * --force only to be refused again. `arrange` adds what makes the other refusal apply.
 */
const BOTH_REFUSALS: Array<[string[], (dir: string, base: string) => void]> = [
  // external already has a successor (inside, accepted): a second one would need --force.
  [['new', 'Another decision', '--supersedes', EXT_REF], () => {}],
  [['supersede', EXT_REF, 'other'], (dir) => writeFileSync(join(dir, '2025-01-04-other.md'), EXT.replace('External', 'Other').replace('Outside task', 'Other task'))],
  [['link', 'other', 'supersedes', EXT_REF], (dir) => writeFileSync(join(dir, '2025-01-04-other.md'), EXT.replace('External', 'Other').replace('Outside task', 'Other task'))],
  // external is already rejected: aborting it needs --force.
  [['abort', EXT_REF, '--reason', 'r'], (_dir, base) => rewriteOutside(base, (t) => t.replace('❓ Under Discussion', '❌ Rejected'))],
  [['supersede', EXT_REF, EXT_REF], () => {}],
];

/** Changes the record outside before the run (the fingerprint is taken after). */
function rewriteOutside(base: string, change: (text: string) => string): void {
  const path = join(base, 'outside', '2025-01-02-external.md');
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

describe('the refusal of a write out of the log comes before any refusal of what is asked', () => {
  for (const [args, arrange] of BOTH_REFUSALS) {
    it(`adr ${args.join(' ')}: the folder link is named, not the other reason`, async () => {
      const { base, root, dir } = sandbox();
      const made = await adr(root, ['overview']);
      expect(made.code, describeRun(['overview'], made)).toBe(0);
      approveInside(dir);
      arrange(dir, base);
      const outside = readFileSync(join(base, 'outside', '2025-01-02-external.md'), 'utf8');
      const before = everything(base);
      const r = await adr(root, args);
      expect(crashLines(r.stderr), describeRun(args, r)).toEqual([]);
      expect(r.code, describeRun(args, r)).toBe(1);
      expect(r.stderr, describeRun(args, r)).toMatch(/decisions\/ext is a symbolic link to .*outside, outside the log folder decisions/);
      expect(r.stderr, describeRun(args, r)).not.toMatch(/--force|already|itself/);
      expect(changedPaths(before, everything(base))).toEqual([]);
      expect(readFileSync(join(base, 'outside', '2025-01-02-external.md'), 'utf8')).toBe(outside);
    }, 60_000);
  }
});

/**
 * Variants of an overview that leads out of the repository: made by `adr overview` while it was
 * inside, then moved out and linked back (so it is a real overview, with a row that drifts once
 * the record is accepted: `check --fix` wants to write it).
 */
const OVERVIEW_OUT: Array<[string, (s: { base: string; root: string }) => Promise<void>, RegExp]> = [
  [
    'the overview is a symbolic link out of the repository',
    async ({ base, root }) => {
      const made = await adr(root, ['overview']);
      expect(made.code, describeRun(['overview'], made)).toBe(0);
      renameSync(join(root, 'DECISIONS.md'), join(base, 'outside', 'theirs.md'));
      symlinkSync('../outside/theirs.md', join(root, 'DECISIONS.md'));
    },
    /DECISIONS\.md is a symbolic link to .*outside\/theirs\.md, outside the repository/,
  ],
  [
    "the overview's folder is a symbolic link out of the repository",
    async ({ base, root }) => {
      writeFileSync(join(root, '.adr.json'), JSON.stringify({ dir: 'decisions', overview: '../docs/DECISIONS.md' }));
      mkdirSync(join(root, 'docs'));
      const made = await adr(root, ['overview']);
      expect(made.code, describeRun(['overview'], made)).toBe(0);
      renameSync(join(root, 'docs'), join(base, 'outside', 'docs'));
      symlinkSync('../outside/docs', join(root, 'docs'));
    },
    /docs\/DECISIONS\.md is not written: docs is a symbolic link to .*outside\/docs, outside the repository/,
  ],
];

/** Every command that writes the overview, with a record inside the log to act on. */
const OVERVIEW_WRITERS: string[][] = [
  ['overview'],
  ['overview', '--adopt'],
  ['new', 'Through the overview'],
  ['abort', 'inside', '--reason', 'r'],
  ['status', 'inside', 'rejected'],
  ['accept', 'inside'],
  ['check', '--fix'],
];

describe('an overview that leads out of the repository is never written', () => {
  for (const [what, arrange, message] of OVERVIEW_OUT) {
    for (const args of OVERVIEW_WRITERS) {
      it(`${what}: adr ${args.join(' ')} refuses and writes nothing, the record inside included`, async () => {
        const { base, root } = sandbox();
        rmSync(join(root, 'decisions', 'ext'));
        await arrange({ base, root });
        approveInside(join(root, 'decisions'));
        const before = everything(base);
        const r = await adr(root, args);
        expect(crashLines(r.stderr), describeRun(args, r)).toEqual([]);
        expect(r.code, describeRun(args, r)).toBe(1);
        expect(r.stderr, describeRun(args, r)).toMatch(message);
        expect(changedPaths(before, everything(base))).toEqual([]);
      }, 60_000);
    }
  }

  for (const overview of ['../../x.md', '/tmp/adr-confine-absolute-overview.md', '../../../etc/x.md']) {
    it(`an overview configured as ${overview} is refused by every command, naming the config key`, async () => {
      const { base, root } = sandbox();
      rmSync(join(root, 'decisions', 'ext'));
      writeFileSync(join(root, '.adr.json'), `{\n  "dir": "decisions",\n  "overview": ${JSON.stringify(overview)}\n}\n`);
      const before = everything(base);
      for (const args of [['overview'], ['new', 'X'], ['abort', 'inside', '--reason', 'r'], ['list']]) {
        const r = await adr(root, args);
        expect(crashLines(r.stderr), describeRun(args, r)).toEqual([]);
        expect(r.code, describeRun(args, r)).toBe(1);
        expect(r.stderr, describeRun(args, r)).toMatch(/\.adr\.json:3:3: 'overview' is .*outside the repository/);
      }
      expect(changedPaths(before, everything(base))).toEqual([]);
      expect(() => readFileSync('/tmp/adr-confine-absolute-overview.md')).toThrow();
    }, 60_000);
  }

  it('adr init refuses a log whose overview would land outside the repository, before writing anything', async () => {
    const base = realpathSync(mkdtempSync(join(tmpdir(), 'adr-confine-init-')));
    cleanups.push(base);
    const root = join(base, 'repo');
    mkdirSync(join(root, '.git'), { recursive: true });
    mkdirSync(join(base, 'outside'));
    symlinkSync('../outside', join(root, 'docs'));
    const before = everything(base);
    const r = await adr(root, ['init', 'docs/adr']);
    expect(r.code, describeRun(['init', 'docs/adr'], r)).toBe(1);
    expect(r.stderr).toMatch(/docs\/DECISIONS\.md is not written: docs is a symbolic link to .*outside, outside the repository/);
    expect(changedPaths(before, everything(base))).toEqual([]);
  }, 60_000);

  it('an overview that is a link to a missing file outside: exit 1 naming the link, nothing created through it', async () => {
    const { base, root, dir } = sandbox();
    rmSync(join(dir, 'ext'));
    symlinkSync('../outside/not-yet.md', join(root, 'DECISIONS.md'));
    const before = everything(base);
    const r = await adr(root, ['overview']);
    expect(crashLines(r.stderr), describeRun(['overview'], r)).toEqual([]);
    expect(r.code, describeRun(['overview'], r)).toBe(1);
    expect(r.stderr).toMatch(/DECISIONS\.md is a symbolic link to \.\.\/outside\/not-yet\.md, which does not exist; .*remove the link/);
    expect(changedPaths(before, everything(base))).toEqual([]);
  }, 60_000);

  it('adr new takes a record name held by a link out of the log as taken, and writes under the next name', async () => {
    const { base, root, dir } = sandbox();
    rmSync(join(dir, 'ext'));
    const today = '2025-08-07'; // ADR_NOW of every spawned adr
    symlinkSync('../../outside/2025-01-02-external.md', join(dir, `${today}-taken-name.md`));
    const outside = readFileSync(join(base, 'outside', '2025-01-02-external.md'), 'utf8');
    const r = await adr(root, ['new', 'Taken name']);
    expect(crashLines(r.stderr), describeRun(['new'], r)).toEqual([]);
    expect(r.code, describeRun(['new'], r)).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${today}-taken-name-2\\.md`));
    expect(readFileSync(join(base, 'outside', '2025-01-02-external.md'), 'utf8')).toBe(outside);
  }, 60_000);

  for (const [what, lockName, args] of [
    ['the allocation lock', '.adr-new.lock', ['new', 'Behind a planted lock']],
    ["a record's edit lock", '.2025-01-03-inside.md.adr-lock', ['accept', 'inside']],
  ] as const) {
    for (const target of ['../../outside/2025-01-02-external.md', '../../outside/nowhere']) {
      it(`${what} planted as a link to ${target.endsWith('nowhere') ? 'nothing' : 'a file outside'}: exit 1 at once naming it, nothing written`, async () => {
        const { base, root, dir } = sandbox();
        rmSync(join(dir, 'ext'));
        symlinkSync(target, join(dir, lockName));
        const before = everything(base);
        const r = await adr(root, [...args]);
        expect(crashLines(r.stderr), describeRun([...args], r)).toEqual([]);
        expect(r.code, describeRun([...args], r)).toBe(1);
        expect(r.stderr).toContain(`${lockName} is a symbolic link, not a lock adr made; remove it`);
        expect(r.ms, describeRun([...args], r)).toBeLessThan(15_000);
        expect(changedPaths(before, everything(base))).toEqual([]);
      }, 60_000);
    }
  }

  it('a symlinked record or folder that stays inside the log is written where it really is', async () => {
    const { root, dir } = sandbox();
    rmSync(join(dir, 'ext'));
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', '2025-01-02-external.md'), EXT);
    symlinkSync('real', join(dir, 'alias'));
    const r = await adr(root, ['abort', 'external', '--reason', 'inside is fine']);
    expect(r.code, describeRun(['abort'], r)).toBe(0);
    expect(readFileSync(join(dir, 'real', '2025-01-02-external.md'), 'utf8')).toMatch(/ABORTED/);
  }, 60_000);
});

describe('a file-system root or a pseudo file system is not a log', () => {
  const folders = ['/', '/proc', '/sys', '/dev', '/proc/self', '/sys/kernel', '/dev/shm'];
  for (const folder of folders) {
    it(`--dir ${folder}: every command refuses at once, writing nothing`, async () => {
      const base = realpathSync(mkdtempSync(join(tmpdir(), 'adr-confine-root-')));
      cleanups.push(base);
      for (const args of [['overview'], ['list'], ['check'], ['new', 'X'], ['init']]) {
        const full = args[0] === 'init' ? ['init', folder] : [...args, '--dir', folder];
        const r = await adr(base, full, join(base, 'cache'));
        expect(crashLines(r.stderr), describeRun(full, r)).toEqual([]);
        expect(r.code, describeRun(full, r)).toBe(1);
        expect(r.stderr, describeRun(full, r)).toMatch(/cannot be a decision log: .*(root of the file system|pseudo file system)/);
        expect(r.ms, describeRun(full, r)).toBeLessThan(30_000);
      }
      expect(() => readFileSync('/DECISIONS.md')).toThrow();
      expect(() => readFileSync(join(folder, 'DECISIONS.md'))).toThrow();
    }, 120_000);
  }

  it('a walk that finds far more files than a log holds stops with a message naming the folder', async () => {
    const base = realpathSync(mkdtempSync(join(tmpdir(), 'adr-confine-big-')));
    cleanups.push(base);
    const { MAX_WALK_ENTRIES } = await import('../../src/store/walk.js');
    // Folders of empty files: over the limit in entries, cheap to make.
    const per = 5_000;
    for (let f = 0; f * per <= MAX_WALK_ENTRIES; f++) {
      const folder = join(base, 'big', `part-${f}`);
      mkdirSync(folder, { recursive: true });
      for (let i = 0; i < per; i++) writeFileSync(join(folder, `f${i}.txt`), '');
    }
    const r = await adr(base, ['list', '--dir', 'big'], join(base, 'cache'));
    expect(r.code, describeRun(['list'], r)).toBe(1);
    expect(r.stderr).toMatch(/stopped reading .*big: more than [\d,]+ files and folders under it/);
    expect(r.stderr).toMatch(/--dir/);
  }, 180_000);
});

/** Where src/ may touch the file system for writing other than through store/write.ts, and why. */
const WRITE_EXEMPT: Record<string, string> = {
  'store/write.ts': 'the writer itself: every write of a record or the overview names its bounds here',
  'store/lock.ts': "removes and sets aside adr's own lock and temp files (created through write.ts)",
  'store/cache.ts': 'the parse cache, in the cache folder',
  'store/result-cache.ts': 'the check result cache, in the cache folder',
  'store/create-with-relations.ts': 'takes back the record it just created when linking it fails',
  'site/work.ts': 'the site work folder (in the cache) and the --out folder the user named',
  'site/assets.ts': "copies the log's images and mermaid's page into the site work folder (in the cache)",
  'site/render-cache.ts': 'the rendered-markdown cache, in the cache folder',
  'site/build.ts': 'the --out folder the user named',
};

const WRITE_NAMES =
  /\b(writeFile|writeFileSync|appendFile|appendFileSync|rename|renameSync|unlink|unlinkSync|rm|rmSync|rmdir|rmdirSync|mkdir|mkdirSync|mkdtemp|mkdtempSync|copyFile|copyFileSync|cp|cpSync|symlink|symlinkSync|link|linkSync|truncate|truncateSync|ftruncate|createWriteStream|writeSync|chmod|chmodSync|utimes|utimesSync)\b/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('every write in src/ goes through store/write.ts', () => {
  it('no module but the listed exemptions imports a writing fs function', () => {
    const src = join(import.meta.dirname, '..', '..', 'src');
    const offenders: string[] = [];
    for (const file of sources(src)) {
      const rel = relative(src, file).split('\\').join('/');
      const text = readFileSync(file, 'utf8');
      const imports = [
        ...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'node:fs(?:\/promises)?'/g),
        ...text.matchAll(/\{([^}]*)\}\s*=\s*await import\('node:fs(?:\/promises)?'\)/g),
      ].map((m) => m[1]);
      const namespace = /import\s+\*\s+as\s+\w+\s+from\s+'node:fs|import\s+\w+\s+from\s+'node:fs|require\('(?:node:)?fs/.test(text);
      const writes = imports.some((names) => names.split(',').some((n) => WRITE_NAMES.test(n.trim().split(/\s+as\s+/)[0])));
      if ((writes || namespace) && !WRITE_EXEMPT[rel]) offenders.push(rel);
    }
    expect(offenders, 'write through store/write.ts (writeFileAtomic / createExclusive with bounds), or list the exemption and its reason here').toEqual([]);
  });

  it('the exemptions are still needed (a stale entry is removed)', () => {
    const src = join(import.meta.dirname, '..', '..', 'src');
    for (const rel of Object.keys(WRITE_EXEMPT)) expect(readFileSync(join(src, rel), 'utf8'), rel).toMatch(WRITE_NAMES);
  });
});
