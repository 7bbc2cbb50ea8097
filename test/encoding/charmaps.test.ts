import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CHARMAP_BYTES,
  MAC_ROMAN_ALIASES,
  MAC_ROMAN_HIGH,
  WINDOWS_1252_HIGH,
  decodeCharmap,
} from '../../src/parse/charmaps.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/encoding/${name}`, import.meta.url));
const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('charmap tables', () => {
  it('have one character per high byte', () => {
    expect([...MAC_ROMAN_HIGH]).toHaveLength(128);
    expect([...WINDOWS_1252_HIGH]).toHaveLength(128);
    expect(new Set(MAC_ROMAN_HIGH).size).toBe(128);
    expect(new Set(WINDOWS_1252_HIGH).size).toBe(128);
  });

  it('Mac Roman agrees with the platform decoder (ICU "macintosh")', () => {
    expect(decodeCharmap(allBytes, 'mac-roman')).toBe(new TextDecoder('macintosh').decode(allBytes));
  });

  it('Windows-1252 has the WHATWG mapping, undefined bytes as C1 controls', () => {
    // Spot checks against the published table (Node 20's own 'windows-1252' decoder is Latin-1).
    const w = decodeCharmap(Uint8Array.from([0x80, 0x81, 0x8a, 0x8d, 0x8f, 0x90, 0x99, 0x9d, 0x9f, 0xa0, 0xe9, 0xff]), 'windows-1252');
    expect(w).toBe('€\u0081Š\u008D\u008F\u0090™\u009DŸ\u00A0éÿ');
  });

  it('decodes like Python (cp1252 / mac_roman) did for the fixtures', () => {
    const clean = fixture('clean-record.md');
    expect(decodeCharmap(clean, 'windows-1252')).toBe(fixture('mangled-windows-1252.md').toString('utf8'));
    expect(decodeCharmap(clean, 'mac-roman')).toBe(fixture('mangled-mac-roman.md').toString('utf8'));
  });

  it('reverse maps send every table character back to its byte', () => {
    for (const [high, cm] of [[MAC_ROMAN_HIGH, 'mac-roman'], [WINDOWS_1252_HIGH, 'windows-1252']] as const) {
      for (let i = 0; i < 128; i++) expect(CHARMAP_BYTES[cm].get(high[i])).toBe(0x80 + i);
    }
  });

  it('accept the older Mac Roman variants and Latin-1 C1 controls', () => {
    for (const [char, byte] of MAC_ROMAN_ALIASES) expect(CHARMAP_BYTES['mac-roman'].get(char)).toBe(byte);
    expect(CHARMAP_BYTES['mac-roman'].get('¤')).toBe(0xdb);
    expect(CHARMAP_BYTES['windows-1252'].get('\u009c')).toBe(0x9c);
    expect(CHARMAP_BYTES['windows-1252'].get('œ')).toBe(0x9c);
    expect(CHARMAP_BYTES['mac-roman'].get('a')).toBeUndefined();
  });
});
