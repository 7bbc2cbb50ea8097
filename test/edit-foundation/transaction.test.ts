import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEol } from '../../src/parse/eol.js';
import { EditError, editFile } from '../../src/store/transaction.js';
import { decodeBytes } from '../../src/parse/encoding.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'adr-tx-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function setup(bytes: Buffer) {
  const path = join(dir, '2025-08-06-x.md');
  writeFileSync(path, bytes);
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) throw new Error(decoded.reason);
  // The folder is the log: writes are confined to it.
  return { path, text: decoded.text, bom: decoded.bom, where: { dir, what: 'log folder' as const } };
}

const statusEdit = (text: string) => {
  const start = text.indexOf('❓ Under Discussion');
  return { start, end: start + '❓ Under Discussion'.length, text: '**✗** **ABORTED**' };
};

describe('editFile', () => {
  it('writes the spliced text, keeping the BOM and CRLF, and returns a diff', async () => {
    const original = Buffer.concat([BOM, Buffer.from('# T\r\n\r\n**Status**: ❓ Under Discussion\\\r\n**Date**: 2025-08-06\r\n')]);
    const { path, text, bom, where } = setup(original);
    const result = await editFile({ path, text, bom, where, edits: [statusEdit(text)], verify: () => null, displayName: 'x.md' });
    const expected = Buffer.concat([BOM, Buffer.from('# T\r\n\r\n**Status**: **✗** **ABORTED**\\\r\n**Date**: 2025-08-06\r\n')]);
    expect(readFileSync(path).equals(expected)).toBe(true);
    expect(result.written).toBe(true);
    expect(result.before).toBe(text);
    expect(result.after).toBe(expected.subarray(3).toString('utf8'));
    expect(result.diff).toBe(
      '--- a/x.md\n+++ b/x.md\n@@ -1,4 +1,4 @@\n # T\n \n-**Status**: ❓ Under Discussion\\\n+**Status**: **✗** **ABORTED**\\\n **Date**: 2025-08-06\n',
    );
    expect(readdirSync(dir)).toEqual(['2025-08-06-x.md']);
  });

  it('passes the edited text to verify and writes nothing when verify gives a reason', async () => {
    const original = Buffer.from('# T\n\n**Status**: ❓ Under Discussion\n');
    const { path, text, bom, where } = setup(original);
    let seen = '';
    const attempt = editFile({
      path,
      where,
      text,
      bom,
      edits: [statusEdit(text)],
      verify: (after) => {
        seen = after;
        return 'the status would read "proposed", expected "aborted"';
      },
    });
    await expect(attempt).rejects.toThrow(`${path}: the status would read "proposed", expected "aborted"; not written`);
    await expect(attempt).rejects.toBeInstanceOf(EditError);
    await expect(attempt).rejects.toMatchObject({ kind: 'verify', file: path });
    expect(seen).toBe('# T\n\n**Status**: **✗** **ABORTED**\n');
    expect(readFileSync(path).equals(original)).toBe(true);
    expect(readdirSync(dir)).toEqual(['2025-08-06-x.md']);
  });

  it('refuses to write over a file that changed on disk since it was read', async () => {
    const { path, text, bom, where } = setup(Buffer.from('# T\n\n**Status**: ❓ Under Discussion\n'));
    writeFileSync(path, '# T\n\n**Status**: ❓ Under Discussion\nsomeone else was here\n');
    const attempt = editFile({ path, text, bom, where, edits: [statusEdit(text)], verify: () => null, displayName: 'x.md' });
    await expect(attempt).rejects.toThrow('x.md: changed on disk while editing, not written');
    await expect(attempt).rejects.toMatchObject({ kind: 'changed' });
    expect(readFileSync(path, 'utf8')).toContain('someone else was here');
  });

  it('sees a BOM added or removed on disk as a change', async () => {
    const { path, text, bom, where } = setup(Buffer.from('# T\n\n**Status**: ❓ Under Discussion\n'));
    writeFileSync(path, Buffer.concat([BOM, Buffer.from(text)]));
    await expect(editFile({ path, text, bom, where, edits: [statusEdit(text)], verify: () => null })).rejects.toMatchObject({ kind: 'changed' });
  });

  it('refuses when the file was deleted meanwhile', async () => {
    const { path, text, bom, where } = setup(Buffer.from('# T\n\n**Status**: ❓ Under Discussion\n'));
    rmSync(path);
    await expect(editFile({ path, text, bom, where, edits: [statusEdit(text)], verify: () => null })).rejects.toThrow(/changed on disk while editing .*ENOENT.*not written/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports invalid edits as an EditError and writes nothing', async () => {
    const original = Buffer.from('# T\n');
    const { path, text, bom, where } = setup(original);
    const attempt = editFile({ path, text, bom, where, edits: [{ start: 0, end: 3, text: 'a' }, { start: 1, end: 2, text: 'b' }], verify: () => null });
    await expect(attempt).rejects.toMatchObject({ kind: 'edits' });
    await expect(attempt).rejects.toThrow(/overlapping edits/);
    expect(readFileSync(path).equals(original)).toBe(true);
  });

  it('computes and verifies but writes nothing on a dry run', async () => {
    const original = Buffer.from('# T\r\n\r\n**Status**: ❓ Under Discussion\r\n');
    const { path, text, bom, where } = setup(original);
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(path, old, old);
    const result = await editFile({
      where,
      path,
      text,
      bom,
      edits: [statusEdit(text), { start: text.length, end: text.length, text: withEol('\n## Abort Rationale\n', '\r\n') }],
      verify: () => null,
      dryRun: true,
    });
    expect(result.written).toBe(false);
    expect(result.after).toBe('# T\r\n\r\n**Status**: **✗** **ABORTED**\r\n\r\n## Abort Rationale\r\n');
    expect(result.diff).toContain('+## Abort Rationale\n');
    expect(readFileSync(path).equals(original)).toBe(true);
    expect(statSync(path).mtimeMs).toBe(old.getTime());
  });

  it('does not touch the file when the edits change nothing', async () => {
    const { path, text, bom, where } = setup(Buffer.from('# T\n'));
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(path, old, old);
    const result = await editFile({ path, text, bom, where, edits: [{ start: 2, end: 3, text: 'T' }], verify: () => null });
    expect(result).toEqual({ before: '# T\n', after: '# T\n', diff: '', written: false });
    expect(statSync(path).mtimeMs).toBe(old.getTime());
  });
});
