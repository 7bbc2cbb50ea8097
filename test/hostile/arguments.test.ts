/**
 * `--` ends the options for every command: what follows is an argument even when it looks like a
 * flag (`adr new -- --help` drafts a record titled "--help", not the help text).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeRun, runAdr } from './run-adr.js';
import { runInProcess } from '../helpers/run-in-process.js';

const cleanups: string[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) rmSync(c, { recursive: true, force: true });
});

function log(): { root: string; dir: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'adr-args-')));
  cleanups.push(root);
  mkdirSync(join(root, 'decisions'));
  return { root, dir: join(root, 'decisions') };
}

async function run(cwd: string, argv: string[]) {
  return runInProcess(argv, cwd, { now: new Date('2025-08-07T12:00:00Z'), env: { ADR_CACHE_DIR: join(cwd, '.cache'), TZ: 'UTC' } });
}

describe('the -- convention', () => {
  for (const title of ['--help', '-h', '--dir', '--status accepted', '-- twice']) {
    it(`adr new -- ${JSON.stringify(title)} drafts a record titled ${JSON.stringify(title)}`, async () => {
      const { root, dir } = log();
      const r = await run(root, ['new', '--', title]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(/Usage:/);
      const [file] = readdirSync(dir).filter((f) => f.endsWith('.md'));
      expect(readFileSync(join(dir, file), 'utf8').split('\n')[0]).toBe(`# ${title}`);
    });
  }

  it('options before -- still count; -h after it does not show help', async () => {
    const { root, dir } = log();
    const r = await run(root, ['new', '--status', 'accepted', '--', '-h']);
    expect(r.code, r.stderr).toBe(0);
    const [file] = readdirSync(dir).filter((f) => f.endsWith('.md'));
    expect(readFileSync(join(dir, file), 'utf8')).toMatch(/^# -h\n[\s\S]*\*\*Status\*\*: ✅ \*\*Accepted\*\*/);
    expect((await run(root, ['new', '--help', '--', 'x'])).stdout).toMatch(/^Usage: adr new/);
  });

  it('after --, a flag-like word is a REF or an argument for the other commands too', async () => {
    const { root } = log();
    const list = await run(root, ['list', '--', '--help']);
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(/unexpected argument '--help'/);
    const abort = await run(root, ['abort', '--reason', 'r', '--', '--help']);
    expect(abort.code).toBe(1);
    expect(abort.stderr).toMatch(/--help/);
    expect(abort.stdout).not.toMatch(/Usage:/);
  });

  it('in a real process too', async () => {
    const { root, dir } = log();
    const r = await runAdr(['new', '--', '--help'], { cwd: root });
    expect(r.code, describeRun(['new', '--', '--help'], r)).toBe(0);
    expect(r.stdout.trim()).toBe('decisions/2025-08-07-help.md');
    expect(readFileSync(join(dir, '2025-08-07-help.md'), 'utf8').startsWith('# --help\n')).toBe(true);
  });
});

describe('an empty path option', () => {
  // `--dir "$UNSET"` must not fall back to the default log: a writing command would act on another one.
  for (const argv of [
    ['list', '--dir', ''],
    ['list', '--dir='],
    ['abort', '1', '--reason', 'r', '-d', '  '],
    ['new', 'X', '--template', ''],
    ['check', '--format', 'json', '-o', ''],
    ['site', 'build', '--out', ''],
  ]) {
    it(`adr ${argv.map((a) => JSON.stringify(a)).join(' ')}: usage error naming the option, nothing written`, async () => {
      const { root, dir } = log();
      const r = await run(root, argv);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/option '--(dir|template|output|out)' needs a value, not an empty one/);
      expect(readdirSync(dir)).toEqual([]);
    });
  }
});
