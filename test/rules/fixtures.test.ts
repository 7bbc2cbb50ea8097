/**
 * Per-rule fixture logs on disk, read through the real reader (readLog): test/fixtures/rules/<rule-id>/
 * ok/<case>/ must produce no diagnostic at all (a clean log is clean for every rule, not just this
 * one), not-ok/<case>/ must produce exactly the diagnostics of that rule listed in its expected.json
 * (file relative to the log folder, line, and a substring of the message). The dialect fixtures of
 * the parser that are clean logs must also come out with no diagnostic: low false positives on real logs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintLog } from '../../src/lint/engine.js';
import { decodeBytes } from '../../src/parse/encoding.js';
import { RULES } from '../../src/rules/index.js';
import { readLog } from '../../src/store/read-log.js';
import { NOW } from './memory-log.js';

const ROOT = new URL('../fixtures/rules/', import.meta.url).pathname;
const DIALECTS = new URL('../fixtures/dialects/', import.meta.url).pathname;

async function lintFolder(cwd: string, dir?: string) {
  const log = await readLog({ cwd, dir, cache: false });
  const source = (file: string) => {
    try {
      const decoded = decodeBytes(readFileSync(join(log.dir, file)));
      return decoded.ok ? { text: decoded.text, bom: decoded.bom } : null;
    } catch {
      return null;
    }
  };
  return lintLog(log, { rules: RULES, now: NOW, source, exists: (file) => existsSync(join(log.dir, file)) });
}

const cases = (rule: string, kind: 'ok' | 'not-ok') => {
  const dir = join(ROOT, rule, kind);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

describe('rule fixtures', () => {
  it('are named after registered rules', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const name of readdirSync(ROOT)) expect(ids.has(name), name).toBe(true);
  });

  for (const rule of readdirSync(ROOT).sort()) {
    for (const name of cases(rule, 'ok')) {
      it(`${rule} ok/${name}: no diagnostics at all`, async () => {
        const result = await lintFolder(join(ROOT, rule, 'ok', name));
        expect(result.failures).toEqual([]);
        expect(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule} ${d.message}`)).toEqual([]);
      });
    }
    for (const name of cases(rule, 'not-ok')) {
      it(`${rule} not-ok/${name}: exactly the expected diagnostics`, async () => {
        const folder = join(ROOT, rule, 'not-ok', name);
        const expected = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as Array<{ file: string; line: number; message: string }>;
        const result = await lintFolder(folder);
        expect(result.failures).toEqual([]);
        const mine = result.diagnostics.filter((d) => d.rule === rule);
        expect(mine.map((d) => ({ file: d.file, line: d.line }))).toEqual(expected.map((e) => ({ file: e.file, line: e.line })));
        mine.forEach((d, i) => expect(d.message).toContain(expected[i].message));
      });
    }
  }
});

describe('clean dialect logs', () => {
  // Warnings are allowed here (a MADR log may leave the optional "Supersedes" link out); errors are not.
  const clean = ['log4brains', 'madr2', 'madr3', 'madr4', 'nygard', 'real/log4brains', 'real/madr2', 'real/madr3'].filter((d) => existsSync(join(DIALECTS, d)));
  it.each(clean)('%s: no errors', async (name) => {
    const result = await lintFolder(DIALECTS, name);
    expect(result.failures).toEqual([]);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.rule} ${d.message}`)).toEqual([]);
  });
});
