/**
 * The one colour policy, the one path display and the one control-character scrub every command
 * and the site builder print through (src/cli/colour.ts, src/output.ts).
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useColour } from '../../src/cli/colour.js';
import { displayPath, printable, relativePath } from '../../src/output.js';

describe('useColour: the flag, then FORCE_COLOR, then NO_COLOR, then the terminal', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  it.each([
    // [output, env, flag, expected, why]
    [pipe, {}, undefined, false, 'piped output stays plain'],
    [tty, {}, undefined, true, 'a terminal gets colour'],
    [tty, { TERM: 'dumb' }, undefined, false, 'a dumb terminal does not'],
    [tty, { NO_COLOR: '1' }, undefined, false, 'NO_COLOR turns it off'],
    [tty, { NO_COLOR: '' }, undefined, true, 'an empty NO_COLOR is not set'],
    [pipe, { FORCE_COLOR: '1' }, undefined, true, 'FORCE_COLOR forces it on a pipe'],
    [pipe, { FORCE_COLOR: 'true' }, undefined, true, 'FORCE_COLOR=true forces it'],
    [pipe, { FORCE_COLOR: '3' }, undefined, true, 'any other value forces it'],
    [pipe, { FORCE_COLOR: '' }, undefined, false, 'an empty FORCE_COLOR is not set'],
    [tty, { FORCE_COLOR: '0' }, undefined, false, 'FORCE_COLOR=0 turns it off even on a terminal'],
    [tty, { FORCE_COLOR: 'false' }, undefined, false, 'FORCE_COLOR=false turns it off'],
    [tty, { FORCE_COLOR: 'FALSE' }, undefined, false, 'in any case'],
    [pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, undefined, true, 'FORCE_COLOR wins over NO_COLOR'],
    [tty, { FORCE_COLOR: '0', NO_COLOR: '' }, undefined, false, 'FORCE_COLOR=0 wins over a terminal'],
    [pipe, { FORCE_COLOR: '0' }, true, true, '--color wins over everything'],
    [tty, { FORCE_COLOR: '1' }, false, false, '--no-color wins over everything'],
  ] as const)('%#: %s', (out, env, flag, expected) => {
    expect(useColour(out, env as Record<string, string>, flag)).toBe(expected);
  });
});

describe('relativePath and displayPath', () => {
  const cwd = resolve('/home/me/work/repo');
  it('names a path from the working folder with POSIX separators', () => {
    expect(relativePath(cwd, join(cwd, 'decisions', '0001-x.md'))).toBe('decisions/0001-x.md');
    expect(relativePath(cwd, cwd)).toBe('.');
    expect(relativePath(cwd, resolve(cwd, '..', 'other', 'x.md'))).toBe('../other/x.md');
    expect(relativePath(cwd, resolve(cwd, '../..', 'x.md'))).toBe('../../x.md');
  });

  it('gives the absolute path when the relative one would climb more than two folders', () => {
    const far = resolve(cwd, '../../../srv/log/x.md');
    expect(relativePath(cwd, far)).toBe(far.split('\\').join('/'));
  });

  it('shows control characters of a path escaped, never raw', () => {
    const evil = join(cwd, 'dec\nisions', 'a\u001b[31m.md');
    expect(relativePath(cwd, evil)).toBe('dec\nisions/a\u001b[31m.md');
    expect(displayPath(cwd, evil)).toBe('dec\\nisions/a\\u001b[31m.md');
  });

  it('printable escapes C0, C1 and the Unicode line separators', () => {
    expect(printable('a\tb\rc\u0085d\u2028e\u2029')).toBe('a\\tb\\rc\\u0085d\\u2028e\\u2029');
    expect(printable('plain ✓ text')).toBe('plain ✓ text');
  });
});
