/**
 * Golden files for the overview edits (test/fixtures/edit-overview/<case>/): a copy of a log
 * (`log`, under test/fixtures/, optionally with another `overview` file as DECISIONS.md) goes
 * through the commands of `runs`, and its DECISIONS.md must equal after/DECISIONS.md byte for
 * byte. Each case runs again with the overview in CRLF and with a BOM: the expected bytes are the
 * same lines with CRLF and the BOM kept. `UPDATE_GOLDEN=1` rewrites after/ (review the diff!).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { adr } from '../judge/helpers.js';

vi.setConfig({ testTimeout: 60_000 });

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const ROOT = join(FIXTURES, 'edit-overview');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

interface OverviewCase {
  log: string;
  overview?: string;
  runs: string[][];
  note?: string;
}

const cases = readdirSync(ROOT).filter((name) => existsSync(join(ROOT, name, 'case.json')));
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs the case on a fresh copy whose overview is `transform`ed first; returns the overview's bytes after. */
async function run(c: OverviewCase, transform: (b: Buffer) => Buffer): Promise<Buffer> {
  const root = mkdtempSync(join(tmpdir(), 'adr-overview-golden-'));
  made.push(root);
  cpSync(join(FIXTURES, c.log), root, { recursive: true });
  const source = c.overview ? join(FIXTURES, c.overview) : join(root, 'DECISIONS.md');
  writeFileSync(join(root, 'DECISIONS.md'), transform(readFileSync(source)));
  for (const argv of c.runs) {
    const r = await adr(argv, root);
    expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
  }
  return readFileSync(join(root, 'DECISIONS.md'));
}

const toCrlf = (b: Buffer) => Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');

describe.each(cases)('%s', (name) => {
  const dir = join(ROOT, name);
  const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as OverviewCase;
  const expected = join(dir, 'after', 'DECISIONS.md');

  test('gives after/DECISIONS.md exactly', async () => {
    const got = await run(c, (b) => b);
    if (UPDATE) {
      mkdirSync(join(dir, 'after'), { recursive: true });
      writeFileSync(expected, got);
    }
    expect(got.toString('utf8')).toBe(readFileSync(expected, 'utf8'));
    expect(got.equals(readFileSync(expected))).toBe(true);
  });

  test('keeps CRLF line endings', async () => {
    const got = await run(c, toCrlf);
    expect(got.toString('utf8')).toBe(toCrlf(readFileSync(expected)).toString('utf8'));
    expect(/(^|[^\r])\n/.test(got.toString('latin1'))).toBe(false);
  });

  test('keeps a byte-order mark', async () => {
    const got = await run(c, (b) => Buffer.concat([BOM, b]));
    expect(got.subarray(0, 3).equals(BOM)).toBe(true);
    expect(got.equals(Buffer.concat([BOM, readFileSync(expected)]))).toBe(true);
  });
});
