/**
 * Per-rule fixture logs on disk, read through the real reader (readLog): test/fixtures/rules/<rule-id>/
 * ok/<case>/ and not-ok/<case>/, described in test/fixtures/rules/README.md.
 * - Every registered rule has at least one ok and one not-ok case.
 * - A case's expected findings are annotations next to the lines they are about (annotations.ts); the
 *   log is read with them taken out, and must give exactly the annotated findings of every rule, no
 *   more, no fewer: an ok case has none (clean for every rule, not just its own), a not-ok case at least
 *   one of its own rule.
 * - A verbatim public file cannot carry annotations: its case holds a SOURCE file saying where it comes
 *   from, and its expectations beside it in expected.json.
 * The dialect fixtures of the parser that are clean logs must also come out with no error: low false
 * positives on real logs.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintLog } from '../../src/lint/engine.js';
import type { BaseSnapshot } from '../../src/model/index.js';
import { decodeBytes } from '../../src/parse/encoding.js';
import { RULES } from '../../src/rules/index.js';
import { readLog } from '../../src/store/read-log.js';
import { stripAnnotations } from './annotations.js';
import { NOW } from './memory-log.js';

const ROOT = new URL('../fixtures/rules/', import.meta.url).pathname;
const DIALECTS = new URL('../fixtures/dialects/', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'adr-rule-fixtures-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function lintFolder(cwd: string, dir?: string, base?: BaseSnapshot, repo?: { files: string[]; changed: string[] | null }) {
  const log = await readLog({ cwd, dir, cache: false });
  const source = (file: string) => {
    try {
      const decoded = decodeBytes(readFileSync(join(log.dir, file)));
      return decoded.ok ? { text: decoded.text, bom: decoded.bom } : null;
    } catch {
      return null;
    }
  };
  const result = lintLog(log, { rules: RULES, now: NOW, source, exists: (file) => existsSync(join(log.dir, file)), ...(base ? { base } : {}), ...(repo ? { repoFiles: () => repo.files, changedFiles: repo.changed } : {}) });
  return { ...result, log };
}

/** A finding as compared: where, which rule, what it says. */
interface Finding {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

const order = (a: Finding, b: Finding) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));

/** Every file under a folder, relative to it, POSIX. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`]));
}

/** The files of a case that describe it and are not part of its repository. */
const CASE_FILES = new Set(['SOURCE', 'expected.json', 'base.json', 'changed.json']);

/**
 * Copies a case to a scratch folder with its annotations taken out, reads and lints the copy, and
 * returns what it found and what the case expects (files relative to the log folder, as findings are).
 */
async function runCase(folder: string): Promise<{ found: Finding[]; expected: Finding[]; failures: unknown[] }> {
  const copy = mkdtempSync(join(scratch, 'case-'));
  const annotated: Array<{ path: string; expected: ReturnType<typeof stripAnnotations>['expected'] }> = [];
  for (const path of filesUnder(folder)) {
    if (CASE_FILES.has(path)) continue;
    cpSync(join(folder, path), join(copy, path));
    if (!path.endsWith('.md')) continue;
    const { bytes, expected } = stripAnnotations(readFileSync(join(folder, path)), path);
    writeFileSync(join(copy, path), bytes);
    if (expected.length) annotated.push({ path, expected });
  }
  // base.json: the base branch as `adr check --base` reads it from git (files relative to the log folder).
  const base = existsSync(join(folder, 'base.json')) ? (JSON.parse(readFileSync(join(folder, 'base.json'), 'utf8')) as BaseSnapshot) : undefined;
  // The repository is the case folder (applies-to globs are matched against its files, as git lists
  // them); changed.json: the files the change under review touches (repository paths), as
  // `adr check --base` finds them since the merge base.
  const changed = existsSync(join(folder, 'changed.json')) ? (JSON.parse(readFileSync(join(folder, 'changed.json'), 'utf8')) as string[]) : null;
  const result = await lintFolder(copy, undefined, base, { files: filesUnder(copy), changed });
  const fromLog = (path: string) => relative(result.log.dir, join(copy, path)).split(sep).join('/');
  const expected: Finding[] = annotated.flatMap(({ path, expected }) => expected.map((e) => ({ file: fromLog(path), ...e })));
  if (existsSync(join(folder, 'expected.json'))) {
    expect(existsSync(join(folder, 'SOURCE')), 'expected.json is only for verbatim public files, whose case names its SOURCE').toBe(true);
    expected.push(...(JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as Finding[]));
  }
  const found = result.diagnostics.map((d) => ({ file: d.file, line: d.line, column: d.column, rule: d.rule, message: d.message }));
  return { found: found.sort(order), expected: expected.sort(order), failures: result.failures };
}

const cases = (rule: string, kind: 'ok' | 'not-ok') => {
  const dir = join(ROOT, rule, kind);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

describe('rule fixtures', () => {
  it('are named after registered rules', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const name of readdirSync(ROOT)) if (name !== 'README.md') expect(ids.has(name), name).toBe(true);
  });

  it('cover every rule with an ok and a not-ok case', () => {
    const lacking = RULES.flatMap((r) => (['ok', 'not-ok'] as const).filter((kind) => cases(r.id, kind).length === 0).map((kind) => `test/fixtures/rules/${r.id}/${kind}/`));
    expect(lacking, 'add a case (a small log with its findings annotated) in each of these folders').toEqual([]);
  });

  for (const rule of readdirSync(ROOT).filter((n) => n !== 'README.md').sort()) {
    for (const name of cases(rule, 'ok')) {
      it(`${rule} ok/${name}: no findings of any rule`, async () => {
        const { found, expected, failures } = await runCase(join(ROOT, rule, 'ok', name));
        expect(failures).toEqual([]);
        expect(expected, 'an ok case states no findings').toEqual([]);
        expect(found).toEqual([]);
      });
    }
    for (const name of cases(rule, 'not-ok')) {
      it(`${rule} not-ok/${name}: exactly the annotated findings`, async () => {
        const { found, expected, failures } = await runCase(join(ROOT, rule, 'not-ok', name));
        expect(failures).toEqual([]);
        expect(expected.some((e) => e.rule === rule), `a not-ok case of ${rule} expects at least one finding of it`).toBe(true);
        expect(found).toEqual(expected);
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
