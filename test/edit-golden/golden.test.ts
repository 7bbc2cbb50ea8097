/**
 * Golden files for every edit: test/fixtures/edit/<case>/before/ is run through the case
 * (case.json) and must give exactly after/. Each case also runs with CRLF line endings and with
 * a UTF-8 BOM, where the expected bytes are after/ with CRLF, or with the BOM: an edit keeps both.
 * `UPDATE_GOLDEN=1 npx vitest run test/edit-golden` rewrites after/ (review the diff!).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCase, type EditCase } from './run-case.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'edit');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const toCrlf = (b: Buffer) => Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');

const cases = readdirSync(ROOT).filter((name) => existsSync(join(ROOT, name, 'case.json')));

describe.each(cases)('%s', (name) => {
  const dir = join(ROOT, name);
  const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as EditCase;
  const inputs = new Map(readdirSync(join(dir, 'before')).map((f) => [f, readFileSync(join(dir, 'before', f))]));
  const expectedFile = (f: string) => join(dir, 'after', f);

  test('gives after/ exactly', () => {
    const out = runCase(c, inputs);
    if (UPDATE) {
      mkdirSync(join(dir, 'after'), { recursive: true });
      for (const [f, bytes] of inputs) writeFileSync(expectedFile(f), bytes);
      for (const e of out) writeFileSync(expectedFile(e.file), e.bytes);
    }
    for (const [f, bytes] of inputs) {
      const edited = out.find((e) => e.file === f);
      const got = edited ? Buffer.from(edited.bytes) : bytes;
      expect(got.toString('utf8'), f).toBe(readFileSync(expectedFile(f), 'utf8'));
      expect(got.equals(readFileSync(expectedFile(f))), `${f} bytes`).toBe(true);
    }
  });

  test('keeps CRLF line endings', () => {
    const crlf = new Map([...inputs].map(([f, b]) => [f, toCrlf(b)]));
    const out = runCase(c, crlf);
    for (const e of out) {
      const got = Buffer.from(e.bytes);
      expect(got.toString('utf8')).toBe(toCrlf(readFileSync(expectedFile(e.file))).toString('utf8'));
      expect(/(^|[^\r])\n/.test(got.toString('latin1'))).toBe(false);
    }
  });

  // A case whose files carry a BOM on disk is its own golden test of that.
  const hasBom = [...inputs.values()].some((b) => b.subarray(0, 3).equals(BOM));
  test.skipIf(hasBom)(`keeps a byte-order mark${hasBom ? ' (skipped: the case has one on disk, and gives after/ exactly)' : ''}`, () => {
    const bom = new Map([...inputs].map(([f, b]) => [f, Buffer.concat([BOM, b])]));
    const out = runCase(c, bom);
    expect(out.length).toBeGreaterThan(0);
    for (const e of out) {
      const got = Buffer.from(e.bytes);
      expect(got.subarray(0, 3).equals(BOM)).toBe(true);
      expect(got.equals(Buffer.concat([BOM, readFileSync(expectedFile(e.file))]))).toBe(true);
    }
  });

  // Linking twice and setting the same status twice add nothing; an abort of an aborted record
  // is refused by the command (not here), and a second one would add a second rationale entry.
  test.skipIf(c.op === 'abort')(`is idempotent where the edit says so${c.op === 'abort' ? ' (skipped: a second abort is refused by the command, not by the edit)' : ''}`, () => {
    const once = runCase(c, inputs);
    const next = new Map(inputs);
    for (const e of once) next.set(e.file, Buffer.from(e.bytes));
    const twice = runCase(c, next);
    for (const e of twice) expect(e.edits, e.file).toEqual([]);
  });
});
