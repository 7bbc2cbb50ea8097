/**
 * One line-ending rule (src/parse/eol.ts): the majority, a tie to the first line's. The edits, the
 * overview, `adr new`'s sniffing and the mixed-line-ending rule all answer with it.
 */
import { describe, expect, it } from 'vitest';
import { dominantEol, lineEnding, withEol } from '../../src/parse/eol.js';
import { withAdoptedMarker } from '../../src/edit/overview-merge.js';
import { rule as mixedEol } from '../../src/rules/encoding-mixed-eol.js';
import { lintExample } from '../rules/memory-log.js';

describe('dominantEol', () => {
  it.each([
    ['a\nb\n', '\n'],
    ['a\r\nb\r\n', '\r\n'],
    ['a\r\nb\r\nc\n', '\r\n'],
    ['a\nb\nc\r\n', '\n'],
    ['a\r\nb\n', '\r\n'],
    ['a\nb\r\n', '\n'],
    ['x\r\n\r\ny\n\n', '\r\n'],
    ['no break', null],
    ['', null],
  ])('%j → %j', (text, expected) => {
    expect(dominantEol(text)).toBe(expected);
    expect(lineEnding(text)).toBe(expected ?? '\n');
  });

  it('withEol writes every break, a lone CR included, as the one asked for', () => {
    expect(withEol('a\rb\r\nc\n', '\r\n')).toBe('a\r\nb\r\nc\r\n');
    expect(withEol('a\rb\r\nc\n', '\n')).toBe('a\nb\nc\n');
  });
});

describe('every writer follows the same tie rule', () => {
  it('the adopted marker of a tied overview ends like its first line', () => {
    expect(withAdoptedMarker('# O\r\nrow\n')).toMatch(/\r\n$/);
    expect(withAdoptedMarker('# O\nrow\r\n')).toMatch(/[^\r]\n$/);
  });

  it('encoding-mixed-eol reports the first line that differs from that ending', () => {
    const record = '# Cache\n\n## Decision Summary\n\n**Status**: ✅ Approved\\\n**Date**: 2025-08-06\n';
    const lines = record.split('\n');
    // Three LF lines first, then three CRLF lines: a tie, so LF is the file's ending and line 4 is odd.
    const tied = `${lines.slice(0, 3).join('\n')}\n${lines.slice(3).join('\r\n')}`;
    const found = lintExample({ files: { '2025-08-06-cache.md': tied } }, [mixedEol]).diagnostics;
    expect(found.map((d) => [d.line, d.message])).toEqual([[4, 'Mixed line endings (3 CRLF, 3 LF); line 4 is the first to differ from the majority']]);
  });
});
