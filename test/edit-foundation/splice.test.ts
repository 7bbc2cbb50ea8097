import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, lineEnd, lineNumberAt, lineStart, nextLineStart, type Splice } from '../../src/edit/splice.js';
import { lineEnding, withEol } from '../../src/parse/eol.js';
import { decodeBytes, encodeText } from '../../src/parse/encoding.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/encoding/${name}`, import.meta.url));

function decoded(name: string) {
  const r = decodeBytes(fixture(name));
  if (!r.ok) throw new Error(r.reason);
  return r;
}

/** Span of the first occurrence of `needle` in `text` (the test fails loudly when it is missing). */
function spanOf(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  if (start === -1) throw new Error(`not found: ${needle}`);
  return { start, end: start + needle.length };
}

describe('applyEdits', () => {
  it('replaces, inserts and deletes, given in any order', () => {
    const text = 'alpha beta gamma';
    const edits: Splice[] = [
      { start: 11, end: 16, text: 'GAMMA' },
      { start: 0, end: 0, text: '> ' },
      { start: 5, end: 10, text: '' },
    ];
    expect(applyEdits(text, edits)).toBe('> alpha GAMMA');
    expect(applyEdits(text, [...edits].reverse())).toBe('> alpha GAMMA');
  });

  it('returns the same text for no edits', () => {
    const text = 'unchanged';
    expect(applyEdits(text, [])).toBe(text);
  });

  it('keeps the given order of inserts at one offset, and puts them around a replacement by position', () => {
    expect(applyEdits('ab', [{ start: 1, end: 1, text: '1' }, { start: 1, end: 1, text: '2' }, { start: 1, end: 1, text: '3' }])).toBe('a123b');
    expect(applyEdits('ab', [{ start: 1, end: 1, text: '3' }, { start: 1, end: 1, text: '1' }])).toBe('a31b');
    // Insert at the start of a replaced span goes before it, at its end after it, whatever the order given.
    expect(applyEdits('abcd', [{ start: 1, end: 3, text: 'X' }, { start: 1, end: 1, text: '<' }, { start: 3, end: 3, text: '>' }])).toBe('a<X>d');
    expect(applyEdits('abcd', [{ start: 3, end: 3, text: '>' }, { start: 1, end: 3, text: 'X' }, { start: 1, end: 1, text: '<' }])).toBe('a<X>d');
  });

  it('allows adjacent replacements', () => {
    expect(applyEdits('abcd', [{ start: 2, end: 4, text: 'CD' }, { start: 0, end: 2, text: 'AB' }])).toBe('ABCD');
  });

  it.each([
    ['overlapping replacements', [{ start: 0, end: 3, text: 'x' }, { start: 2, end: 4, text: 'y' }], /overlapping edits \(edit 0-3 and edit 2-4\)/],
    ['an insert inside a replacement', [{ start: 0, end: 3, text: 'x' }, { start: 2, end: 2, text: 'y' }], /overlapping edits \(edit 0-3 and insert at 2\)/],
    ['the same span twice', [{ start: 1, end: 2, text: 'x' }, { start: 1, end: 2, text: 'y' }], /overlapping edits/],
    ['an end past the text', [{ start: 2, end: 9, text: 'x' }], /edit 2-9 is out of range \(text length 4\)/],
    ['a negative start', [{ start: -1, end: 1, text: 'x' }], /out of range/],
    ['end before start', [{ start: 3, end: 1, text: 'x' }], /out of range/],
    ['a fractional offset', [{ start: 1.5, end: 2, text: 'x' }], /out of range/],
  ])('throws on %s', (_name, edits, message) => {
    expect(() => applyEdits('abcd', edits)).toThrow(message);
  });

  it('refuses to cut an emoji in half', () => {
    const text = 'a🚀b';
    expect(() => applyEdits(text, [{ start: 2, end: 2, text: 'x' }])).toThrow(/splits a surrogate pair at offset 2/);
    expect(() => applyEdits(text, [{ start: 0, end: 2, text: '' }])).toThrow(/surrogate pair/);
    expect(applyEdits(text, [{ start: 1, end: 3, text: '✅' }])).toBe('a✅b');
  });

  it('never changes a character outside the edited spans (property)', () => {
    const piece = fc.constantFrom('a', 'Z', ' ', '\t', '\n', '\r\n', '🚀', '✅', 'é', '日', '\uFEFF', '**', '- [ ] ', '\\');
    const textArb = fc.array(piece, { maxLength: 80 }).map((p) => p.join(''));
    const scenario = textArb.chain((text) => {
      // Cut points at code-point boundaries only (the contract refuses splitting surrogate pairs).
      const bounds: number[] = [0];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (!(c >= 0xdc00 && c <= 0xdfff)) bounds.push(i);
      }
      bounds.push(text.length);
      const uniq = [...new Set(bounds)].sort((a, b) => a - b);
      return fc
        .tuple(
          fc.uniqueArray(fc.constantFrom(...uniq), { maxLength: 12 }),
          fc.array(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 6 }), fc.boolean()), { minLength: 6, maxLength: 6 }),
          fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
        )
        .map(([cuts, replacements, order]) => {
          const sorted = [...cuts].sort((a, b) => a - b);
          const edits: Splice[] = [];
          // Pair up consecutive cut points into disjoint spans; some become pure inserts.
          for (let i = 0; i + 1 < sorted.length && edits.length < 6; i += 2) {
            const [repl, insert] = replacements[edits.length];
            edits.push(insert ? { start: sorted[i], end: sorted[i], text: repl } : { start: sorted[i], end: sorted[i + 1], text: repl });
          }
          const shuffled = edits.map((e, i) => ({ e, k: order[i] })).sort((a, b) => a.k - b.k).map((x) => x.e);
          return { text, edits, shuffled };
        });
    });
    fc.assert(
      fc.property(scenario, ({ text, edits, shuffled }) => {
        const out = applyEdits(text, shuffled);
        // Walk the original and the result together: every gap between edits is copied verbatim,
        // every edit contributes exactly its text.
        let at = 0;
        let pos = 0;
        for (const e of edits) {
          const gap = text.slice(at, e.start);
          if (out.slice(pos, pos + gap.length) !== gap) return false;
          pos += gap.length;
          if (out.slice(pos, pos + e.text.length) !== e.text) return false;
          pos += e.text.length;
          at = e.end;
        }
        const tail = text.slice(at);
        return out.slice(pos) === tail && out.length === pos + tail.length;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('line helpers', () => {
  it('finds the dominant line ending', () => {
    expect(lineEnding('a\nb\n')).toBe('\n');
    expect(lineEnding('a\r\nb\r\n')).toBe('\r\n');
    expect(lineEnding('a\r\nb\r\nc\n')).toBe('\r\n');
    expect(lineEnding('a\nb\nc\r\n')).toBe('\n');
    expect(lineEnding('a\r\nb\n')).toBe('\r\n'); // tie: the first line's
    expect(lineEnding('a\nb\r\n')).toBe('\n');
    expect(lineEnding('no line break')).toBe('\n');
    expect(lineEnding('')).toBe('\n');
    expect(lineEnding(decoded('crlf-bom.md').text)).toBe('\r\n');
    expect(lineEnding(decoded('mixed-eol.md').text)).toBe('\r\n');
  });

  it('finds line starts and ends around LF and CRLF', () => {
    const text = 'one\r\ntwo\nthree';
    expect(lineStart(text, 0)).toBe(0);
    expect(lineStart(text, 2)).toBe(0);
    expect(lineStart(text, 3)).toBe(0); // on the \r
    expect(lineStart(text, 5)).toBe(5);
    expect(lineStart(text, 7)).toBe(5);
    expect(lineStart(text, 9)).toBe(9);
    expect(lineStart(text, text.length)).toBe(9);
    expect(lineEnd(text, 0)).toBe(3);
    expect(lineEnd(text, 3)).toBe(3);
    expect(lineEnd(text, 5)).toBe(8);
    expect(lineEnd(text, 10)).toBe(text.length);
    expect(nextLineStart(text, 1)).toBe(5);
    expect(nextLineStart(text, 6)).toBe(9);
    expect(nextLineStart(text, 10)).toBe(text.length);
    expect(lineNumberAt(text, 0)).toBe(1);
    expect(lineNumberAt(text, 5)).toBe(2);
    expect(lineNumberAt(text, 9)).toBe(3);
    // Deleting [lineStart, nextLineStart) removes a whole line with its ending.
    expect(applyEdits(text, [{ start: lineStart(text, 6), end: nextLineStart(text, 6), text: '' }])).toBe('one\r\nthree');
  });

  it('converts inserted blocks to the file line ending', () => {
    expect(withEol('a\nb\r\nc\n', '\r\n')).toBe('a\r\nb\r\nc\r\n');
    expect(withEol('a\r\nb\nc', '\n')).toBe('a\nb\nc');
    expect(withEol('single', '\r\n')).toBe('single');
  });
});

describe('golden edits (CRLF, BOM, mixed endings)', () => {
  it('aborts a CRLF record with a BOM: exactly the hand-written expected bytes', () => {
    const input = decoded('crlf-bom.md');
    expect(input.bom).toBe(true);
    expect(input.eol).toBe('crlf');
    const text = input.text;
    const eol = lineEnding(text);
    const status = spanOf(text, '❓ **Under Discussion**');
    const item = spanOf(text, '- [ ] Benchmark write throughput');
    const context = spanOf(text, '## Context & Problem');
    const footer = spanOf(text, '_Status: ❓ Under Discussion_');
    const after = applyEdits(text, [
      { ...footer, text: '_Status: **✗** ABORTED_' },
      { ...status, text: '**✗** **ABORTED** - Too costly to operate' },
      {
        start: context.start,
        end: context.start,
        text: withEol('## Abort Rationale\n\nToo costly to operate.\n\n### Decision to Abandon Postgres (2025-08-07)\n\n', eol),
      },
      { ...item, text: '- [x] ~~Benchmark write throughput~~ **✗** **ABORTED** - Too costly to operate' },
    ]);
    const bytes = encodeText(after, { bom: input.bom });
    expect(Buffer.from(bytes).equals(fixture('crlf-bom.aborted.md'))).toBe(true);
    // Every line of the result still ends in CRLF; trailing spaces and the tab survived.
    expect(after.split('\n').slice(0, -1).every((line) => line.endsWith('\r'))).toBe(true);
    expect(after).toContain('- [ ] Draft the schema   \r\n');
    expect(after).toContain('as they are.\t\r\n');
  });

  it('edits a mixed-ending file without touching the odd LF line, adding text with the dominant ending', () => {
    const input = decoded('mixed-eol.md');
    expect(input.eol).toBe('mixed');
    const text = input.text;
    const box = spanOf(text, '- [ ]');
    const after = applyEdits(text, [
      { start: box.start, end: box.end, text: '- [x]' },
      { start: text.length, end: text.length, text: withEol('\n- [ ] new item', lineEnding(text)) },
    ]);
    expect(Buffer.from(encodeText(after, { bom: input.bom })).equals(fixture('mixed-eol.edited.md'))).toBe(true);
  });
});
