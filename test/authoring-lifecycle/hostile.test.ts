/**
 * The lifecycle commands on files that are not what they seem: not UTF-8, binary, empty, a
 * symlink out of the log, a dangling symlink. Never a crash or a stack trace, never a write.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { adr, copyFixture, tempLog } from './helpers.js';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('hostile records', () => {
  test('a record that is not UTF-8, a binary .md and an empty file are never edited', async () => {
    const t = tempLog();
    cleanup = t.cleanup;
    copyFixture(t.dir, 'abort-nygard');
    const latin = Buffer.from('# 7. Caf\xe9 decision\n\n## Status\n\nAccepted\n', 'latin1');
    writeFileSync(join(t.dir, '0007-cafe.md'), latin);
    writeFileSync(join(t.dir, '0008-binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe]));
    writeFileSync(join(t.dir, '0009-empty.md'), '');
    for (const ref of ['0007-cafe.md', '0008-binary.md', '0009-empty.md', '7', '8', '9']) {
      const r = await adr(t.root, ['abort', ref, '--reason', 'x']);
      expect(r.code, `${ref}: ${r.stderr}`).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(join(t.dir, '0007-cafe.md')).equals(latin)).toBe(true);
    // The good record in the same log still works.
    expect((await adr(t.root, ['abort', 'kafka', '--reason', 'x'])).code).toBe(0);
  });

  test('a record symlinked from outside the log is not written through; one inside is edited in place', async () => {
    const t = tempLog();
    cleanup = t.cleanup;
    const outside = join(t.root, 'outside');
    mkdirSync(outside);
    const text = '# 5. Outside\n\n## Status\n\nAccepted\n';
    writeFileSync(join(outside, 'real.md'), text);
    symlinkSync(join(outside, 'real.md'), join(t.dir, '0005-outside.md'));
    mkdirSync(join(t.dir, 'sub'));
    writeFileSync(join(t.dir, 'sub', 'inner.md'), '# 6. Inner\n\n## Status\n\nAccepted\n');
    symlinkSync(join(t.dir, 'sub', 'inner.md'), join(t.dir, '0006-inner.md'));
    symlinkSync(join(t.dir, 'nowhere.md'), join(t.dir, '0010-dangling.md'));

    const out = await adr(t.root, ['abort', '0005-outside.md', '--reason', 'x']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/is a symbolic link to .*real\.md, outside the log folder .*; adr does not write through it/);
    expect(readFileSync(join(outside, 'real.md'), 'utf8')).toBe(text);

    const dangling = await adr(t.root, ['abort', '0010-dangling.md', '--reason', 'x']);
    expect(dangling.code).toBe(1);
    expect(dangling.stderr).not.toMatch(/\n\s+at /);

    const inner = await adr(t.root, ['reject', '0006-inner.md']);
    expect(inner.code, inner.stderr).toBe(0);
    expect(readFileSync(join(t.dir, 'sub', 'inner.md'), 'utf8')).toContain('\nRejected\n');
  });
});
