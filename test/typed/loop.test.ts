/**
 * The everyday loop typed in a terminal on a fresh log, in a date-named (summary) log and in a
 * numbered (Nygard) one: draft, accept, abort, supersede, supersede again, check, list, typos and
 * wrong REFs. At every step `adr check` must agree with what the other commands said.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cannotType, freshRepo, typed } from './terminal.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 30_000 });

const ENV = { ADR_NOW: '2026-12-03T12:00:00Z' };
let root: string;
let cleanup: () => void;
afterEach(() => cleanup?.());

/** `adr ARGS` typed at the prompt; its screen and code. */
const adr = (...args: string[]) => typed(args, root, ENV);

/** The first column of `adr list`, row by row. */
async function refs(): Promise<string[]> {
  const r = await adr('list');
  expect(r.code).toBe(0);
  return r.screen.split('\n').slice(1).map((l) => l.split(/\s+/)[0]);
}

async function clean(): Promise<void> {
  const r = await adr('check');
  expect(r.screen, 'adr check').toMatch(/No problems/);
  expect(r.code).toBe(0);
}

describe.skipIf(cannotType !== '')(`a date-named log${cannotType ? ` (skipped: ${cannotType})` : ''}`, () => {
  beforeEach(async () => {
    ({ root, cleanup } = freshRepo());
    expect((await adr('init')).code).toBe(0);
  });

  it('new, accept, supersede, supersede again, abort: every command and check agree', async () => {
    for (const title of ['Use MySQL', 'Use PostgreSQL', 'Use Python 3 for scripts', 'Use PostgreSQL']) expect((await adr('new', title)).code).toBe(0);
    // A second record with the same title on the same day is -2, listed after the first.
    expect(await refs()).toEqual(['record-architecture-decisions', 'use-mysql', 'use-postgresql', 'use-postgresql-2', 'use-python-3-for-scripts']);
    await clean();

    expect((await adr('accept', 'mysql')).code).toBe(0);
    const s = await adr('supersede', 'mysql', 'use-postgresql');
    expect(s.code).toBe(0);
    expect(s.screen).toContain('wrote superseded-by in 2026-12-03-use-mysql.md (status accepted → superseded)');
    await clean();

    // Superseding again: refused, nothing written, and check still clean.
    const again = await adr('new', '-s', 'mysql', 'Use PostgreSQL 16');
    expect(again.code).toBe(1);
    expect(again.screen).toContain('adr new: use-mysql is already superseded by use-postgresql;');
    expect(again.screen).toContain('--force');
    await clean();
    const forced = await adr('new', '-s', 'mysql', '--force', 'Use PostgreSQL 16');
    expect(forced.code).toBe(0);
    expect(forced.screen.split('\n')[0]).toBe('decisions/2026-12-03-use-postgresql-16.md');
    expect(forced.screen).toContain("  took 'Supersedes 2026-12-03-use-mysql.md' out of 2026-12-03-use-postgresql.md (it stays proposed)");
    await clean();
    const mysql = readFileSync(join(root, 'decisions/2026-12-03-use-mysql.md'), 'utf8');
    expect(mysql).toContain('Superseded by [Use PostgreSQL 16](2026-12-03-use-postgresql-16.md)');
    expect(readFileSync(join(root, 'decisions/2026-12-03-use-postgresql.md'), 'utf8')).not.toContain('Supersedes');

    // Superseding with an aborted record: done, with a warning, and check warns too.
    expect((await adr('abort', 'use-postgresql-2', '--reason', 'A duplicate')).code).toBe(0);
    expect((await adr('new', 'Use SQLite')).code).toBe(0);
    expect((await adr('accept', 'sqlite')).code).toBe(0);
    const dead = await adr('supersede', 'sqlite', 'use-postgresql-2');
    expect(dead.code).toBe(0);
    expect(dead.screen).toContain('adr: warning: use-postgresql-2 is aborted');
    const check = await adr('check');
    expect(check.screen).toContain('superseded-by-abandoned');
  });

  it('a number is a word of a title here, never the digits of a date', async () => {
    for (const title of ['Use MySQL', 'Use Python 3 for scripts', 'Adopt Kafka']) expect((await adr('new', title)).code).toBe(0);
    const three = await adr('accept', '3', '--dry-run');
    expect(three.code).toBe(0);
    expect(three.screen).toContain('would change decisions/2026-12-03-use-python-3-for-scripts.md: proposed → accepted');
    const twelve = await adr('abort', '12', '--reason', 'x');
    expect(twelve.code).toBe(1);
    expect(twelve.screen).toContain("adr abort: no record matches '12': this log names its records by date, not by number, and no title has the number 12;");
    expect(twelve.screen).toMatch(/use a word of a title \(such as '\w+'\)/);
    // Every REF adr list shows works in every command.
    for (const ref of await refs()) {
      const r = await adr('accept', ref, '--dry-run');
      expect(r.code, `${ref}: ${r.screen}`).toBe(0);
    }
  });

  it('typos get a suggestion in one line', async () => {
    const cases: Array<[string[], string]> = [
      [['lsit'], "adr: unknown command 'lsit'; did you mean 'list'?"],
      [['acept', 'mysql'], "adr: unknown command 'acept'; did you mean 'accept'?"],
      [['list', '--stauts', 'accepted'], "adr list: unknown option '--stauts'; did you mean '--status'?"],
      [['new', '--dryrun', 'X'], "adr new: unknown option '--dryrun'; did you mean '--dry-run'?"],
    ];
    for (const [args, line] of cases) {
      const r = await adr(...args);
      expect(r.code).toBe(2);
      expect(r.screen.split('\n')[0]).toBe(line);
      expect(r.screen).not.toContain('Usage:');
    }
  });
});

describe.skipIf(cannotType !== '')(`a numbered Nygard log${cannotType ? ` (skipped: ${cannotType})` : ''}`, () => {
  beforeEach(async () => {
    ({ root, cleanup } = freshRepo({ '.adr-dir': 'doc/adr\n' }));
    expect((await adr('init')).code).toBe(0);
  });

  it('refs are numbers, in number order, and a number is only ever a record number', async () => {
    for (let i = 0; i < 10; i++) expect((await adr('new', i === 1 ? 'Use Python 3' : `Decision ${String.fromCharCode(65 + i)}`)).code).toBe(0);
    expect(await refs()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    const missing = await adr('accept', '12');
    expect(missing.code).toBe(1);
    expect(missing.screen).toContain('adr accept: no record number 12 (the records are numbered 1 to 11; adr list shows them)');

    expect((await adr('accept', '2')).code).toBe(0);
    expect((await adr('supersede', '2', '3')).code).toBe(0);
    const twice = await adr('supersede', '2', '4');
    expect(twice.code).toBe(1);
    expect(twice.screen).toContain('adr supersede: record 2 (Decision A) is already superseded by record 3 (Use Python 3);');
    expect((await adr('supersede', '2', '4', '--force')).code).toBe(0);
    const two = readFileSync(join(root, 'doc/adr/0002-decision-a.md'), 'utf8');
    expect(two).toContain('Superseded by [4. Decision C](0004-decision-c.md)');
    expect(two).not.toContain('0003');
    await clean();

    expect((await adr('abort', '5', '--reason', 'Not needed')).code).toBe(0);
    expect(readFileSync(join(root, 'doc/adr/0005-decision-d.md'), 'utf8')).toContain('### Decision to Abandon "Decision D" While Still Under Discussion (2026-12-03)');
    await clean();
  });
});
