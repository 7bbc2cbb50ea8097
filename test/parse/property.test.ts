/**
 * Property: parseRecord never throws, whatever the string (random unicode, NUL, lone surrogates,
 * CR-only line ends, deep nesting, unclosed brackets and fences, markdown-shaped noise), and every
 * position it reports lies inside the text and agrees with its line and column.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision, Span } from '../../src/model/index.js';
import { parseBytes, parseRecord } from '../../src/parse/index.js';

// Pieces that exercise the scanner and the dialect readers far more often than random text does.
const PIECES = [
  '# ', '## ', '### ', '#', '\n', '\r\n', '\r', '\n\n', '---\n', '***', '___', '===', '```', '~~~', '    ', '\t', '> ', '- ', '* ', '+ ', '1. ', '2) ',
  '[ ] ', '[x] ', '[X] ', '[', ']', '(', ')', '](', '<', '>', '<!--', '-->', '`', '**', '__', '~~', '*', '_', '\\', '|', ':', '{#id}', '"', "'",
  '**Status**: ', '**Date**: ', '**Priority**: ', '**Category**: ', '**Decision**: ', '**Meeting Attendees**: ', 'Status: ', 'Date: ', '- Status: ', '- Tags: ',
  'status: ', 'date: ', 'deciders: ', 'decision-makers: ', 'Superseded by ', 'Supersedes ', 'Amends ', 'Amended by ', '## Status', '## Action Items',
  '## Decision Summary', '### 🔴 This Week (Urgent)', '✅', '✗', '❌', '⏸️', '🟢', '🔴', '‚úó', 'üö™', 'âœ…', 'ðŸš€', '\u0000', '\ufeff', '\ud800', '\udfff',
  'x.md', '0001-a.md', '../b.md', '#anchor', 'TBD', '2025-08-06', '12/02/2016', 'ABORTED', ' - reason', ' (note)', '[[T]](x.md)', '[ref]: 0002-r.md', '[ref]',
];

const markdownish = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 120 }).map((parts) => parts.join(''));

/** Every span the record reports, with where it came from. */
function spans(d: Decision): Array<[string, Span]> {
  return [
    ...d.headings.map((h) => ['heading', h.span] as [string, Span]),
    ...d.links.map((l) => ['link', l.span] as [string, Span]),
    ...d.actionItems.map((a) => ['action item', a.span] as [string, Span]),
    ...d.statusDeclarations.map((s) => ['status', s.span] as [string, Span]),
  ];
}

/** Checks that a position's offset, line and column describe the same place of `text`. */
function checkPosition(text: string, where: string, p: Span['start']): void {
  expect(p.offset, where).toBeGreaterThanOrEqual(0);
  expect(p.offset, where).toBeLessThanOrEqual(text.length);
  const before = text.slice(0, p.offset);
  const line = before.split(/\r\n|\n|\r/).length;
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  expect(p.line, where).toBe(line);
  expect(p.column, where).toBe(p.offset - lastBreak);
}

function checkRecord(text: string): void {
  const { decision } = parseRecord('sub/0001-x.md', text);
  expect(decision).not.toBeNull();
  const d = decision!;
  const lineCount = text.split(/\r\n|\n|\r/).length;
  for (const [where, span] of spans(d)) {
    checkPosition(text, where, span.start);
    checkPosition(text, where, span.end);
    expect(span.start.offset, where).toBeLessThanOrEqual(span.end.offset);
  }
  for (const [fact, line] of Object.entries(d.lines)) {
    expect(line, fact).toBeGreaterThanOrEqual(1);
    expect(line, fact).toBeLessThanOrEqual(lineCount);
  }
  for (const l of d.links) expect(l.target.startsWith('/')).toBe(false);
}

describe('parseRecord on any string', () => {
  it('never throws and reports positions inside the text (markdown-shaped noise)', { timeout: 60_000 }, () => {
    fc.assert(fc.property(markdownish, (text) => checkRecord(text)), { numRuns: 3000 });
  });

  it('never throws on arbitrary unicode, including NUL and lone surrogates', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => checkRecord(text)), { numRuns: 2000 });
  });

  it('never throws on deep nesting and unclosed constructs', () => {
    const deep = fc.tuple(fc.constantFrom('[', '(', '> ', '- ', '  - ', '**', '_', '`', '<!--', '```\n', '---\n', '[[', '](', '~~'), fc.integer({ min: 1, max: 3000 }), markdownish).map(([p, n, tail]) => p.repeat(n) + tail);
    fc.assert(fc.property(deep, (text) => checkRecord(text)), { numRuns: 200 });
  });

  it('parseBytes never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const r = parseBytes('0001-x.md', bytes);
        expect(r.decision !== null || r.diagnostics.length > 0).toBe(true);
        for (const d of r.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });
});
