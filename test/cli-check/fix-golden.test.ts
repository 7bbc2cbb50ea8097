/**
 * `adr check --fix` against golden files: every case in golden/<case>/ holds the log before
 * (before/) and the files the fix must change, as they must read after (after/). Each case runs
 * three times: as stored (LF), with CRLF line endings and with a byte-order mark, the golden
 * files transformed the same way, compared byte for byte. And the invariant: the fixed file equals
 * the original with exactly the reported edits spliced in, so no byte outside them moved.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/edit/splice.js';
import { lintLog } from '../../src/lint/engine.js';
import { RULES } from '../../src/rules/index.js';
import { decodeBytes } from '../../src/parse/encoding.js';
import { decodeCharmap } from '../../src/parse/charmaps.js';
import { readLog } from '../../src/store/read-log.js';
import { copyToTemp, listFiles, NOW, runCheck, writeFiles } from './helpers.js';

const GOLDEN = new URL('./golden/', import.meta.url).pathname;
const CASES = readdirSync(GOLDEN).filter((name) => existsSync(join(GOLDEN, name, 'before')));

type Variant = 'lf' | 'crlf' | 'bom';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function transform(bytes: Buffer, variant: Variant): Buffer {
  if (variant === 'crlf') return Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
  if (variant === 'bom') return Buffer.concat([BOM, bytes]);
  return bytes;
}

/** A temp copy of the case's before/ folder, in the variant. */
function prepare(name: string, variant: Variant): string {
  const dir = copyToTemp(join(GOLDEN, name, 'before'));
  for (const file of listFiles(dir)) writeFiles(dir, { [file]: transform(readFileSync(join(dir, file)), variant) });
  return dir;
}

function expected(name: string, file: string, variant: Variant): Buffer {
  const after = join(GOLDEN, name, 'after', file);
  return transform(readFileSync(existsSync(after) ? after : join(GOLDEN, name, 'before', file)), variant);
}

describe.each(CASES)('--fix golden case %s', (name) => {
  it.each(['lf', 'crlf', 'bom'] as Variant[])('%s: writes exactly the golden bytes and says what it changed', async (variant) => {
    const dir = prepare(name, variant);
    const { code, stdout, stderr } = await runCheck(['check', '--fix', '--no-cache'], dir);
    expect(stderr).not.toMatch(/internal error|not fixed/);
    expect(code).toBeLessThan(2);
    const changed = existsSync(join(GOLDEN, name, 'after')) ? listFiles(join(GOLDEN, name, 'after')) : [];
    for (const file of changed) expect(stdout).toContain(`Fixed ${file}:`);
    expect(listFiles(dir)).toEqual(listFiles(join(GOLDEN, name, 'before')));
    for (const file of listFiles(dir)) {
      const actual = readFileSync(join(dir, file));
      expect(actual.equals(expected(name, file, variant)), `${file} (${variant}) differs from the golden file`).toBe(true);
    }
    // A second run finds nothing more to fix.
    const again = await runCheck(['check', '--fix', '--no-cache'], dir);
    expect(again.stdout).not.toContain('Fixed ');
  });

  it('changes no byte outside the reported edits', async () => {
    const dir = prepare(name, 'crlf');
    const log = await readLog({ cwd: dir, cache: false });
    const read = (file: string) => {
      const decoded = decodeBytes(readFileSync(join(log.dir, file)));
      return decoded.ok ? { text: decoded.text, bom: decoded.bom } : null;
    };
    const { diagnostics } = lintLog(log, { rules: RULES, now: NOW, source: read, exists: (f) => existsSync(join(log.dir, f)) });
    const edits = new Map<string, Array<{ start: number; end: number; text: string }>>();
    for (const d of diagnostics) for (const e of d.fix?.edits ?? []) edits.set(e.file, [...(edits.get(e.file) ?? []), e]);
    expect(edits.size).toBeGreaterThan(0);
    const before = new Map([...edits.keys()].map((file) => [file, read(file)!.text]));
    await runCheck(['check', '--fix', '--no-cache'], dir);
    for (const [file, list] of edits) {
      expect(read(file)!.text).toBe(applyEdits(before.get(file)!, list));
    }
  });
});

describe('mojibake repair', () => {
  it('restores the bytes the file had before it was decoded as Mac Roman', async () => {
    const dir = prepare('mojibake', 'lf');
    const file = 'decisions/2025-08-06-nix-development-environment.md';
    const mangled = readFileSync(join(dir, file));
    await runCheck(['check', '--fix', '--no-cache'], dir);
    const fixed = readFileSync(join(dir, file));
    expect(fixed.equals(mangled)).toBe(false);
    // Decoding the repaired bytes as Mac Roman again gives back exactly the damaged file.
    expect(Buffer.from(decodeCharmap(fixed, 'mac-roman'), 'utf8').equals(mangled)).toBe(true);
    expect(fixed.toString('utf8')).toContain('**Status**: **✗** **ABORTED**');
  });

  it('peels a file mangled twice back to its original bytes, one layer per pass', async () => {
    const dir = prepare('mojibake', 'lf');
    const file = 'decisions/2025-08-06-nix-development-environment.md';
    const once = readFileSync(join(dir, file));
    writeFiles(dir, { [file]: Buffer.from(decodeCharmap(once, 'mac-roman'), 'utf8') });
    const { stdout, stderr } = await runCheck(['check', '--fix', '--no-cache'], dir);
    expect(stderr).toBe('');
    expect(stdout).toContain(`Fixed ${file}:`);
    expect(readFileSync(join(dir, file)).equals(expected('mojibake', file, 'lf'))).toBe(true);
  });

  it('--fix-dry-run shows the diff and writes nothing', async () => {
    const dir = prepare('mojibake', 'lf');
    const file = 'decisions/2025-08-06-nix-development-environment.md';
    const before = readFileSync(join(dir, file));
    const { stdout } = await runCheck(['check', '--fix-dry-run', '--no-cache'], dir);
    // The mangled back-link line (its first character is Mac Roman's Apple logo, U+F8FF, invisible here).
    const mangledLine = before.toString('utf8').split('\n')[2];
    expect(mangledLine).toContain('üö™');
    expect(stdout).toContain(`-${mangledLine}\n`);
    expect(stdout).toContain('+[🚪 ← Back to Decisions Overview](../DECISIONS.md)');
    expect(readFileSync(join(dir, file)).equals(before)).toBe(true);
  });
});
