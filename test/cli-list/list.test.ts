/**
 * `adr list` end to end through main(), in temp folders with a fixed clock: the table, the JSON
 * fields (exactly ListedDecision's), filters, NO_COLOR, usage errors, and finding the log.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../parse/helpers.js';
import { runInProcess } from '../helpers/run-in-process.js';

/** Runs `adr …` and captures its output. */
async function run(argv: string[], cwd: string, options: { env?: Record<string, string>; tty?: boolean } = {}) {
  return runInProcess(argv, cwd, { now: new Date('2025-08-10T12:00:00Z'), tty: options.tty, columns: 120, env: { XDG_CACHE_HOME: join(cwd, '.cache'), ...options.env } });
}

function temp(): string {
  return mkdtempSync(join(tmpdir(), 'adr-list-'));
}

/** A project whose log is decisions/ (the mixed fixture) with its overview one level up. */
function mixedProject(): string {
  const root = temp();
  cpSync(fixture('mixed'), root, { recursive: true });
  return root;
}

const FIELDS = [
  'file', 'path', 'id', 'number', 'title', 'dialect', 'status', 'statusText', 'reason', 'date', 'priority', 'category',
  'deciders', 'attendees', 'consulted', 'informed', 'tags', 'summary', 'actionItems', 'links', 'backlinks', 'subDecisions',
  'overviewLink', 'encoding', 'lines', 'ref', 'appliesTo', 'reviewBy', 'reviewByText',
];

describe('adr list --json', () => {
  it('prints one object per record with exactly the documented fields', async () => {
    const root = mixedProject();
    const { code, stdout, stderr } = await run(['list', '--json'], root);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const list = JSON.parse(stdout);
    expect(list).toHaveLength(6);
    for (const item of list) expect(Object.keys(item)).toEqual(FIELDS);
    const build = list.find((d: { file: string }) => d.file === '2025-01-10-build-tool.md');
    expect(build).toMatchObject({
      path: 'decisions/2025-01-10-build-tool.md',
      id: '2025-01-10-build-tool',
      number: null,
      title: 'Build Tool',
      dialect: 'summary',
      status: 'accepted',
      statusText: '🟢 Decided - Moon over Nx',
      reason: 'Moon over Nx',
      date: '2025-01-10',
      priority: 'urgent',
      category: 'Infrastructure',
      overviewLink: true,
      encoding: { bom: false, eol: 'lf', mojibake: null },
    });
    expect(Object.keys(build.actionItems[0])).toEqual(['text', 'note', 'done', 'aborted', 'group', 'horizon', 'ref', 'line']);
    expect(build.actionItems.map((a: { text: string; done: boolean }) => [a.text, a.done])).toEqual([
      ['Install Moon in CI', false],
      ['Remove the Makefile', true],
    ]);
    expect(Object.keys(build.links[0])).toEqual(['target', 'anchor', 'kind', 'text', 'line']);
    expect(build.links.map((l: { kind: string; target: string }) => `${l.kind} ${l.target}`)).toEqual(['supersedes 0001-use-make.md', 'relates 0002-record-format.md']);
    expect(Object.keys(build.backlinks[0])).toEqual(['file', 'kind', 'anchor', 'line']);
    expect(build.backlinks.map((b: { kind: string; file: string }) => `${b.kind} ${b.file}`)).toEqual([
      'superseded-by 0001-use-make.md',
      'relates frontend/20240301-use-react.md',
    ]);
    const react = list.find((d: { file: string }) => d.file === 'frontend/20240301-use-react.md');
    expect(react).toMatchObject({ dialect: 'log4brains', tags: ['frontend'], path: 'decisions/frontend/20240301-use-react.md' });
  });

  it('filters by status, priority and category (comma lists, any case, none for unset)', async () => {
    const root = mixedProject();
    const ids = async (...flags: string[]) => JSON.parse((await run(['list', '--json', ...flags], root)).stdout).map((d: { id: string }) => d.id);
    expect(await ids('--status', 'superseded,proposed')).toEqual(['1', '3']);
    expect(await ids('--priority', 'urgent')).toEqual(['2025-01-10-build-tool']);
    expect(await ids('--priority', 'none')).toEqual(['1', '2', '3', '4', '20240301-use-react']);
    expect(await ids('--category', 'infrastructure')).toEqual(['2025-01-10-build-tool']);
    expect(await ids('--status', 'ACCEPTED', '--category', 'none')).toEqual(['2', '4', '20240301-use-react']);
  });

  it('rejects an unknown status word as a usage error with help', async () => {
    const { code, stderr } = await run(['list', '--status', 'acepted'], mixedProject());
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown status 'acepted'/);
    expect(stderr).toMatch(/Usage: adr list/);
  });
});

describe('adr list table', () => {
  it('shows ref, date, status, priority, open/total action items and title, without colour when piped', async () => {
    const { code, stdout } = await run(['list'], mixedProject());
    expect(code).toBe(0);
    const rows = stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^REF\s+DATE\s+STATUS\s+PRIORITY\s+OPEN\s+TITLE$/);
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r.startsWith('build-tool '))).toMatch(/2025-01-10\s+accepted\s+urgent\s+1\/2\s+Build Tool$/);
    expect(rows.find((r) => r.startsWith('1 '))).toMatch(/^1\s+2019-05-02\s+superseded\s+-\s+-\s+Use Make$/);
    expect(stdout).not.toMatch(/\x1b\[/);
  });

  it('colours a terminal, and honours NO_COLOR', async () => {
    const root = mixedProject();
    expect((await run(['list'], root, { tty: true })).stdout).toMatch(/\x1b\[32maccepted/);
    expect((await run(['list'], root, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/);
  });

  it('says so when the log is empty or nothing matches', async () => {
    const root = temp();
    mkdirSync(join(root, 'decisions'));
    expect((await run(['list'], root)).stdout).toMatch(/No decision records/);
    expect((await run(['list', '--status', 'draft'], mixedProject())).stdout).toMatch(/No records match/);
  });

  it('prints unreadable files to stderr and still lists the rest', async () => {
    const root = temp();
    cpSync(fixture('broken'), join(root, 'decisions'), { recursive: true });
    const { code, stdout, stderr } = await run(['list'], root);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^decisions\/latin1\.md:1:6: error: .*not UTF-8/m);
    expect(stderr).toMatch(/^decisions\/binary\.md:\d+:\d+: error: .*binary/m);
    expect(stdout).toMatch(/Good Nygard record/);
    expect(stdout).toMatch(/BOM and CRLF/);
  });
});

describe('usage errors', () => {
  it('an unknown flag exits 2 with the help', async () => {
    const { code, stderr, stdout } = await run(['list', '--colour'], mixedProject());
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/--colour/);
    expect(stderr).toMatch(/Usage: adr list/);
  });

  it('a stray positional argument exits 2', async () => {
    expect((await run(['list', 'decisions'], mixedProject())).code).toBe(2);
  });

  it('--help prints the help with an example and exits 0', async () => {
    const { code, stdout } = await run(['list', '--help'], temp());
    expect(code).toBe(0);
    expect(stdout).toMatch(/Examples:\n\s+adr list/);
  });
});

describe('finding the log', () => {
  it('fails with exit 1 and a clear message when there is no log', async () => {
    const root = temp();
    mkdirSync(join(root, '.git'));
    const { code, stderr } = await run(['list'], root);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no decision log found/);
    expect(stderr).toMatch(/--dir/);
  });

  it('fails with exit 1 when --dir does not exist', async () => {
    const { code, stderr } = await run(['list', '--dir', 'nope'], temp());
    expect(code).toBe(1);
    expect(stderr).toMatch(/no such log folder: nope/);
  });

  const layouts: Array<[string, (root: string) => string]> = [
    ['decisions/', (root) => join(root, 'decisions')],
    ['doc/adr', (root) => join(root, 'doc', 'adr')],
    ['docs/adr', (root) => join(root, 'docs', 'adr')],
    ['docs/decisions', (root) => join(root, 'docs', 'decisions')],
    [
      'an adr-tools .adr-dir',
      (root) => {
        writeFileSync(join(root, '.adr-dir'), 'architecture/records\n');
        return join(root, 'architecture', 'records');
      },
    ],
    [
      'the .adr.json config',
      (root) => {
        writeFileSync(join(root, '.adr.json'), JSON.stringify({ dir: 'knowledge/log' }));
        return join(root, 'knowledge', 'log');
      },
    ],
  ];
  for (const [name, make] of layouts) {
    it(`finds ${name}, searching upward from a sub-folder`, async () => {
      const root = temp();
      mkdirSync(join(root, '.git'));
      const dir = make(root);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, '0001-found-me.md'), '# 1. Found me\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n');
      const deep = join(root, 'src', 'deep', 'er');
      mkdirSync(deep, { recursive: true });
      const { code, stdout, stderr } = await run(['list', '--json'], deep);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(JSON.parse(stdout).map((d: { title: string }) => d.title)).toEqual(['Found me']);
    });
  }

  it('prefers the config over .adr-dir and the default folders', async () => {
    const root = temp();
    mkdirSync(join(root, 'decisions'));
    writeFileSync(join(root, 'decisions', '0001-wrong.md'), '# 1. Wrong\n');
    mkdirSync(join(root, 'log'));
    writeFileSync(join(root, 'log', '0001-right.md'), '# 1. Right\n');
    writeFileSync(join(root, '.adr.json'), JSON.stringify({ dir: 'log' }));
    const { stdout } = await run(['list', '--json'], root);
    expect(JSON.parse(stdout).map((d: { title: string }) => d.title)).toEqual(['Right']);
  });

  it('reports a broken config naming the file', async () => {
    const root = temp();
    writeFileSync(join(root, '.adr.json'), '{ "dir": ');
    const { code, stderr } = await run(['list'], root);
    expect(code).toBe(1);
    expect(stderr).toMatch(/\.adr\.json.*invalid JSON/);
  });
});

describe('finding the log from inside it', () => {
  it('uses the current folder when it holds numbered records and nothing else is found', async () => {
    const root = temp();
    mkdirSync(join(root, '.git'));
    const dir = join(root, 'architecture', 'records');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '0001-here.md'), '# 1. Here\n\n## Status\n\nAccepted\n');
    const { code, stdout } = await run(['list', '--json'], dir);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((d: { title: string }) => d.title)).toEqual(['Here']);
  });
});
