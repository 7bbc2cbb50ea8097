/** The engine: config severities, off, ignored paths, --rule, crashing rules, order and de-duplication. */
import { describe, expect, it } from 'vitest';
import { lintLog } from '../../src/lint/engine.js';
import { globToRegExp, ignoreMatcher } from '../../src/store/glob.js';
import type { Rule } from '../../src/lint/rule.js';
import { summaryRecord, nygardRecord } from '../../src/lint/examples.js';
import { RULES } from '../../src/rules/index.js';
import { lintExample, memoryLog, NOW } from '../rules/memory-log.js';

const MISMATCH = summaryRecord({ title: 'Nix', status: '**✗** **ABORTED** - too complex', footerStatus: '✅ Approved' });
const NO_REASON = summaryRecord({ title: 'Cache', status: '**✗** **ABORTED**' });
const FILES = { '2025-08-06-nix.md': MISMATCH, 'drafts/2025-08-07-cache.md': NO_REASON };

describe('lintLog', () => {
  it('reports with default severities, sorted by file and line', () => {
    const result = lintExample({ files: FILES });
    const found = result.diagnostics.map((d) => [d.file, d.rule, d.severity]);
    expect(found).toEqual([
      ['2025-08-06-nix.md', 'status-mismatch', 'error'],
      ['drafts/2025-08-07-cache.md', 'abort-rationale', 'warning'],
    ]);
    expect(result.counts).toEqual({ errors: 1, warnings: 1, infos: 0, fixable: 0 });
    expect(result.records).toBe(2);
  });

  it('applies config severities and turns rules off', () => {
    const result = lintExample({ files: FILES }, undefined, { rules: { 'status-mismatch': 'warning', 'abort-rationale': 'off' } });
    expect(result.diagnostics.map((d) => [d.rule, d.severity])).toEqual([['status-mismatch', 'warning']]);
  });

  it('ignores paths matching the config globs, for reporting and for the other rules', () => {
    const result = lintExample({ files: FILES }, undefined, { ignore: ['drafts/**'] });
    expect(result.diagnostics.map((d) => d.file)).toEqual(['2025-08-06-nix.md']);
    expect(result.records).toBe(1);
  });

  it('warns about unknown rules and bad severities in the config', () => {
    const result = lintExample({ files: FILES }, undefined, { rules: { 'no-such-rule': 'off', 'status-mismatch': 'loud' as never } });
    expect(result.configWarnings).toEqual([
      "config: unknown rule 'no-such-rule' (see adr check --list-rules)",
      "config: rule 'status-mismatch' has severity 'loud', expected one of error, warning, info, off",
    ]);
    expect(result.diagnostics.find((d) => d.rule === 'status-mismatch')?.severity).toBe('error');
  });

  it('runs only the rules asked for', () => {
    const memory = memoryLog({ files: FILES });
    const result = lintLog(memory.log, { rules: RULES, now: NOW, source: memory.source, exists: memory.exists, only: ['abort-rationale'] });
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['abort-rationale']);
  });

  it('passes the reader diagnostics through, re-graded or silenced by the config', () => {
    const memory = memoryLog({ files: { '0001-x.md': nygardRecord(1, 'X', ['Accepted']) }, rawFiles: { '0002-bad.md': new Uint8Array([0x23, 0x20, 0xe9, 0x0a]) } });
    const parse = lintLog(memory.log, { rules: RULES, now: NOW, source: memory.source, exists: memory.exists });
    expect(parse.diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([['0002-bad.md', 'parse', 'error']]);
    memory.log.config = { rules: { parse: 'warning' } };
    expect(lintLog(memory.log, { rules: RULES, now: NOW }).diagnostics.map((d) => d.severity)).toEqual(['warning']);
    memory.log.config = { rules: { parse: 'off' } };
    expect(lintLog(memory.log, { rules: RULES, now: NOW }).diagnostics).toEqual([]);
  });

  it('catches a crashing rule as a failure and still runs the others', () => {
    const broken: Rule = { ...RULES[0], id: 'broken', check: () => { throw new Error('boom'); } };
    const memory = memoryLog({ files: FILES });
    const result = lintLog(memory.log, { now: NOW, rules: [broken, ...RULES] });
    expect(result.failures.map((f) => f.rule)).toEqual(['broken']);
    expect(result.failures[0].message).toContain('boom');
    expect(result.diagnostics.some((d) => d.rule === 'status-mismatch')).toBe(true);
  });

  it('drops duplicate reports and clamps positions to 1', () => {
    const twice: Rule = {
      ...RULES[0],
      id: 'twice',
      check: (_ctx, report) => {
        report({ file: 'a.md', line: 0, column: 0, message: 'same' });
        report({ file: 'a.md', line: 0, column: 0, message: 'same' });
      },
    };
    const result = lintLog(memoryLog({ files: {} }).log, { now: NOW, rules: [twice] });
    expect(result.diagnostics).toEqual([{ file: 'a.md', line: 1, column: 1, endLine: 1, endColumn: 1, rule: 'twice', severity: RULES[0].severity, message: 'same' }]);
  });
});

describe('globs', () => {
  it.each([
    ['drafts/**', 'drafts/a.md', true],
    ['drafts/**', 'x/drafts/a.md', false],
    ['drafts/', 'drafts/sub/a.md', true],
    ['*.tmp.md', 'sub/x.tmp.md', true],
    ['0001-*.md', '0001-record.md', true],
    ['0001-*.md', 'sub/0001-record.md', true],
    ['/0001-*.md', 'sub/0001-record.md', false],
    ['**/old/*.md', 'a/b/old/x.md', true],
    ['**/old/*.md', 'old/x.md', true],
    ['{a,b}.md', 'b.md', true],
    ['[0-9]*.md', '7x.md', true],
    ['[0-9]*.md', 'x7.md', false],
    ['a?.md', 'ab.md', true],
    ['a?.md', 'a/.md', false],
  ])('%s matches %s: %s', (pattern, file, expected) => {
    expect(globToRegExp(pattern).test(file)).toBe(expected);
  });

  it('matches nothing without patterns', () => {
    expect(ignoreMatcher(undefined)('a.md')).toBe(false);
    expect(ignoreMatcher(['', '  '])('a.md')).toBe(false);
    expect(ignoreMatcher(['./a.md'])('a.md')).toBe(true);
  });
});

describe('inline suppression comments', () => {
  const record = (comment: string) =>
    summaryRecord({ title: 'Nix', status: '**✗** **ABORTED**', footerStatus: '✅ Approved', body: comment });

  it('turns named rules off for the file', () => {
    const result = lintExample({ files: { 'a.md': record('<!-- adr-check-disable status-mismatch -->') } });
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['abort-rationale']);
  });

  it('turns every rule off for the file without names', () => {
    expect(lintExample({ files: { 'a.md': record('<!-- adr-check-disable -->') } }).diagnostics).toEqual([]);
  });

  it('turns rules off on the next line only', () => {
    const text = summaryRecord({ title: 'Nix', status: '**✗** **ABORTED**' }).replace('**Status**', '<!-- adr-check-disable-next-line abort-rationale -->\n**Status**');
    expect(lintExample({ files: { 'a.md': text } }).diagnostics).toEqual([]);
    const elsewhere = summaryRecord({ title: 'Nix', status: '**✗** **ABORTED**' }).replace('## Decision Summary', '<!-- adr-check-disable-next-line abort-rationale -->\n\n## Decision Summary');
    expect(lintExample({ files: { 'a.md': elsewhere } }).diagnostics.map((d) => d.rule)).toEqual(['abort-rationale']);
  });
});
