import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes, detectEol, encodeText, type DecodeFailure } from '../../src/parse/encoding.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/encoding/${name}`, import.meta.url));
const bytes = (...parts: Array<string | number[]>) =>
  Uint8Array.from(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))));

function fail(input: Uint8Array): DecodeFailure {
  const r = decodeBytes(input);
  if (r.ok) throw new Error(`expected a failure, decoded ${JSON.stringify(r.text)}`);
  return r;
}

describe('decodeBytes: text', () => {
  it('decodes plain UTF-8 with LF', () => {
    expect(decodeBytes(bytes('# Title\n\nÉté 🚀\n'))).toEqual({ ok: true, text: '# Title\n\nÉté 🚀\n', bom: false, eol: 'lf' });
  });

  it('strips and reports a BOM', () => {
    expect(decodeBytes(bytes([0xef, 0xbb, 0xbf], '# T\r\n'))).toEqual({ ok: true, text: '# T\r\n', bom: true, eol: 'crlf' });
  });

  it('strips one BOM only, so a doubled BOM survives a round trip', () => {
    const input = bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'x');
    const r = decodeBytes(input);
    expect(r).toMatchObject({ ok: true, text: '\uFEFFx', bom: true });
    if (r.ok) expect(encodeText(r.text, { bom: r.bom })).toEqual(input);
  });

  it('handles empty files and a file that is only a BOM', () => {
    expect(decodeBytes(new Uint8Array())).toEqual({ ok: true, text: '', bom: false, eol: 'none' });
    expect(decodeBytes(bytes([0xef, 0xbb, 0xbf]))).toEqual({ ok: true, text: '', bom: true, eol: 'none' });
  });

  it('classifies line endings', () => {
    expect(detectEol('a\nb\n')).toBe('lf');
    expect(detectEol('a\r\nb\r\n')).toBe('crlf');
    expect(detectEol('a\r\nb\n')).toBe('mixed');
    expect(detectEol('a\nb\r\n')).toBe('mixed');
    expect(detectEol('\na\r\n')).toBe('mixed');
    expect(detectEol('no break')).toBe('none');
    expect(detectEol('')).toBe('none');
    expect(decodeBytes(bytes('a\r\nb\nc')).ok && (decodeBytes(bytes('a\r\nb\nc')) as { eol: string }).eol).toBe('mixed');
  });

  it('round-trips any valid text, with and without a BOM (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.boolean(), (text, bom) => {
        const encoded = encodeText(text, { bom });
        const r = decodeBytes(encoded);
        if (text.includes('\0')) return !r.ok;
        if (!r.ok) return false;
        // A text starting with U+FEFF and no BOM flag reads back as a BOM: same bytes either way.
        return Buffer.from(encodeText(r.text, { bom: r.bom })).equals(Buffer.from(encoded));
      }),
      { numRuns: 500 },
    );
  });
});

describe('decodeBytes: failures', () => {
  it('rejects binary content, naming the NUL byte position', () => {
    const r = fail(fixture('binary.md'));
    // 89 50 4E 47 0D 0A 1A 0A 00: two LFs before the NUL.
    expect(r.reason).toBe('binary file (NUL byte at line 3, column 1)');
    expect(r).toMatchObject({ line: 3, column: 1, offset: 8 });
  });

  it('counts the column of a NUL byte in UTF-16 units of the text before it', () => {
    const r = fail(bytes('ok\né🚀x', [0], 'rest'));
    expect(r).toMatchObject({ line: 2, column: 5, offset: 10 });
  });

  it('rejects UTF-16 with a byte-order mark (both byte orders)', () => {
    expect(fail(fixture('utf16le-bom.md'))).toMatchObject({ line: 1, column: 1, offset: 0 });
    expect(fail(fixture('utf16le-bom.md')).reason).toMatch(/^UTF-16 text is not supported \(UTF-16LE byte-order mark\)/);
    expect(fail(fixture('utf16be-bom.md')).reason).toMatch(/^UTF-16 text is not supported \(UTF-16BE byte-order mark\)/);
  });

  it('recognises UTF-16 without a byte-order mark instead of calling it binary', () => {
    expect(fail(fixture('utf16le-nobom.md')).reason).toMatch(/^UTF-16 text is not supported \(UTF-16LE, no byte-order mark\)/);
    const be = Buffer.from('# Title\n\nSome text\n', 'utf16le').swap16();
    expect(fail(Uint8Array.from(be)).reason).toMatch(/UTF-16BE, no byte-order mark/);
  });

  it('rejects UTF-32', () => {
    expect(fail(bytes([0xff, 0xfe, 0, 0, 0x23, 0, 0, 0])).reason).toMatch(/^UTF-32 text is not supported/);
    expect(fail(bytes([0, 0, 0xfe, 0xff, 0, 0, 0, 0x23])).reason).toMatch(/^UTF-32 text is not supported/);
  });

  it('rejects a Latin-1 file, naming the first bad byte and the likely encoding', () => {
    const r = fail(fixture('latin1.md'));
    expect(r.reason).toBe(
      'not UTF-8 (invalid byte 0xE9 at line 1, column 6, byte 5); looks like Windows-1252/Latin-1',
    );
    expect(r).toMatchObject({ line: 1, column: 6, offset: 5, guess: 'windows-1252' });
  });

  it('names line 3, column 7 when that is where the bad byte is', () => {
    const input = bytes('# Title\n\nCaf\u00e9 ', [0xe9], ' ok\n');
    const r = fail(input);
    expect(r).toMatchObject({ line: 3, column: 6, offset: 15 });
    const latin = Uint8Array.from(Buffer.from('# T\n\nLe caf\xe9 est bon\n', 'latin1'));
    expect(fail(latin)).toMatchObject({ line: 3, column: 7, offset: 11 });
    expect(fail(latin).reason).toContain('invalid byte 0xE9 at line 3, column 7');
  });

  it('does not call a damaged UTF-8 file Windows-1252', () => {
    const r = fail(bytes('✅ done ✅ done ✅ ok\n', [0xe2, 0x9c], '\n'));
    expect(r.reason).toMatch(/^not UTF-8 \(invalid byte 0xE2 at line 2, column 1, byte 25\); the rest of the file is UTF-8/);
    expect(r.guess).toBeUndefined();
  });

  it('counts the BOM out of columns', () => {
    expect(fail(bytes([0xef, 0xbb, 0xbf], 'ab', [0xff]))).toMatchObject({ line: 1, column: 3, offset: 5 });
  });

  it.each([
    ['overlong encoding', [0x61, 0xc0, 0xaf], 1, 0xc0],
    ['overlong three-byte', [0x61, 0xe0, 0x80, 0xaf], 1, 0xe0],
    ['UTF-16 surrogate', [0x61, 0xed, 0xa0, 0x80], 1, 0xed],
    ['above U+10FFFF', [0x61, 0xf4, 0x90, 0x80, 0x80], 1, 0xf4],
    ['invalid byte 0xF5', [0x61, 0xf5], 1, 0xf5],
    ['stray continuation byte', [0x61, 0x80], 1, 0x80],
    ['truncated at end of file', [0x61, 0x62, 0xf0, 0x9f, 0x9a], 2, 0xf0],
    ['lead byte followed by ASCII', [0xc3, 0x41], 0, 0xc3],
  ])('rejects %s at the right byte', (_name, input, offset, byte) => {
    const r = fail(Uint8Array.from(input));
    expect(r.offset).toBe(offset);
    expect(r.reason).toContain(`invalid byte 0x${byte.toString(16).toUpperCase()} at line 1, column ${offset + 1}, byte ${offset}`);
  });

  it('never throws and always locates the first bad byte (property)', () => {
    // Reference built on the platform decoder: the first bad sequence starts at the longest
    // prefix that decodes cleanly, found before the byte where a streaming decode first fails.
    const decodes = (b: Uint8Array) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
        return true;
      } catch {
        return false;
      }
    };
    const firstBad = (b: Uint8Array): number => {
      const stream = new TextDecoder('utf-8', { fatal: true });
      let k = b.length;
      for (let i = 0; i < b.length; i++) {
        try {
          stream.decode(b.subarray(i, i + 1), { stream: true });
        } catch {
          k = i;
          break;
        }
      }
      for (let j = k; j >= 0; j--) if (decodes(b.subarray(0, j))) return j;
      return 0;
    };
    const arbitrary = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      // Mostly-valid text with one damaged spot is the interesting case.
      fc.tuple(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.uint8Array({ minLength: 1, maxLength: 3 }), fc.string({ maxLength: 10 })).map(
        ([a, bad, c]) => Uint8Array.from(Buffer.concat([Buffer.from(a), Buffer.from(bad), Buffer.from(c)])),
      ),
    );
    fc.assert(
      fc.property(arbitrary, (b) => {
        const r = decodeBytes(b);
        if (r.ok) return Buffer.from(encodeText(r.text, { bom: r.bom })).equals(Buffer.from(b));
        const newlines = (end: number) => b.subarray(0, end).filter((x) => x === 0x0a).length;
        if (/^UTF-(16|32) text is not supported \(.*byte-order mark\)/.test(r.reason) && !r.reason.includes('no byte-order mark')) {
          return r.offset === 0;
        }
        const bomLength = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
        if (r.reason.startsWith('binary') || r.reason.includes('UTF-16')) {
          return r.offset === b.indexOf(0, bomLength) && r.line === newlines(r.offset) + 1;
        }
        if (b.indexOf(0, bomLength) !== -1) return false;
        const expected = firstBad(b);
        return r.offset === expected && r.line === newlines(expected) + 1 && r.reason.includes(`byte ${expected})`);
      }),
      { numRuns: 3000 },
    );
  });
});
