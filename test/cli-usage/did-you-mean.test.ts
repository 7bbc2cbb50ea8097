/** Typos in command and option names get the nearest name (two edits at most), in one line, exit 2. */
import { describe, expect, it } from 'vitest';
import { closestNames, editDistance } from '../../src/cli/did-you-mean.js';
import { runCli, tempDir } from '../authoring-new/helpers.js';

describe('editDistance', () => {
  it.each([
    ['list', 'list', 0],
    ['lsit', 'list', 1],
    ['lst', 'list', 1],
    ['chekc', 'check', 1],
    ['supercede', 'supersede', 1],
    ['--stauts', '--status', 1],
    ['--dryrun', '--dry-run', 1],
    ['abrot', 'abort', 1],
    ['overveiw', 'overview', 1],
    ['nwe', 'new', 1],
    ['frobnicate', 'list', 3],
  ])('%s → %s: %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('names nothing for a one-letter word or a far one', () => {
    expect(closestNames('x', ['new', 'list'])).toEqual([]);
    expect(closestNames('frobnicate', ['new', 'list'])).toEqual([]);
    expect(closestNames('STATSU', ['status', 'site'])).toEqual(['status']);
  });
});

describe('adr with a typo', () => {
  const root = tempDir('adr-typo-');

  it.each([
    [['lsit'], "adr: unknown command 'lsit'; did you mean 'list'?\n"],
    [['chekc', '--format', 'json'], "adr: unknown command 'chekc'; did you mean 'check'?\n"],
    [['supercede', '1', '2'], "adr: unknown command 'supercede'; did you mean 'supersede'?\n"],
    [['acept', '3'], "adr: unknown command 'acept'; did you mean 'accept'?\n"],
    [['help', 'lsit'], "adr: unknown command 'lsit'; did you mean 'list'?\n"],
    [['list', '--stauts', 'accepted'], "adr list: unknown option '--stauts'; did you mean '--status'?\nRun 'adr list --help' for every option.\n"],
    [['new', '--dryrun', 'T'], "adr new: unknown option '--dryrun'; did you mean '--dry-run'?\nRun 'adr new --help' for every option.\n"],
    [['abort', '3', '--reson', 'x'], "adr abort: unknown option '--reson'; did you mean '--reason'?\nRun 'adr abort --help' for every option.\n"],
    [['list', '--jsno'], "adr list: unknown option '--jsno'; did you mean '--json'?\nRun 'adr list --help' for every option.\n"],
  ])('adr %j', async (argv, stderr) => {
    const r = await runCli(argv, root);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(stderr);
  });

  it('an unknown name with nothing close still shows the help; option errors read in lower case', async () => {
    const far = await runCli(['frobnicate'], root);
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/^adr: unknown command 'frobnicate'\n\nUsage: adr <command>/);
    const missing = await runCli(['list', '--dir'], root);
    expect(missing.stderr).toMatch(/^adr list: option '--dir' needs a value\n\nUsage: adr list/);
    const value = await runCli(['list', '--json=yes'], root);
    expect(value.stderr).toMatch(/^adr list: option '--json' takes no value\n/);
  });

  it('the options every command takes may come before the command', async () => {
    const r = await runCli(['-d', 'nowhere', 'list'], root);
    expect(r.stderr).not.toContain('unknown command');
  });
});
