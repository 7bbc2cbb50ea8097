/**
 * The two single-byte code pages that mojibake in decision logs comes from, as tables of the
 * upper half (bytes 0x80-0xFF; the lower half is ASCII in both).
 *
 * Written out instead of taken from `TextDecoder('macintosh')` because Node builds without full
 * ICU lack that decoder, and because the reverse direction (character back to byte) needs the
 * variants real tools emitted, which no decoder lists (see {@link MAC_ROMAN_ALIASES}).
 */

/** The single-byte encodings a UTF-8 text may have been wrongly decoded with. */
export type Charmap = 'mac-roman' | 'windows-1252';

/**
 * Mac OS Roman, bytes 0x80-0xFF in order, as Apple's current table has it (0xDB is `€`, 0xF0 the
 * Apple logo U+F8FF, a private-use character that shows as nothing on other systems).
 */
export const MAC_ROMAN_HIGH: string =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü' + // 0x80-0x9F
  '†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø' + // 0xA0-0xBF
  '¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ' + // 0xC0-0xDF
  '‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ'; // 0xE0-0xFF

/**
 * Other characters that stand for a Mac Roman byte in files written by older or non-Apple
 * converters: `¤` for 0xDB before Mac OS 8.5, and the compatibility letters some tables use for
 * Ω (Ohm sign), ∆ (Greek Delta) and µ (Greek mu).
 */
export const MAC_ROMAN_ALIASES: ReadonlyArray<readonly [string, number]> = [
  ['\u00A4', 0xdb],
  ['\u2126', 0xbd],
  ['\u0394', 0xc6],
  ['\u03BC', 0xb5],
];

/**
 * Windows-1252, bytes 0x80-0xFF. The five bytes Windows leaves undefined (0x81, 0x8D, 0x8F, 0x90,
 * 0x9D) decode to the C1 controls of the same number, as the WHATWG decoder and most editors do;
 * 0xA0-0xFF are Latin-1.
 */
export const WINDOWS_1252_HIGH: string =
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ' + // 0x80-0x9F
  Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)).join(''); // 0xA0-0xFF

/**
 * Latin-1 decoders map 0x80-0x9F to the C1 controls U+0080-U+009F. Text mangled that way reads
 * back through the same reverse table, so those controls are accepted as Windows-1252 bytes too.
 */
const LATIN1_C1: ReadonlyArray<readonly [string, number]> = Array.from(
  { length: 0x20 },
  (_, i) => [String.fromCharCode(0x80 + i), 0x80 + i] as const,
);

function reverse(high: string, extra: ReadonlyArray<readonly [string, number]>): ReadonlyMap<string, number> {
  const map = new Map<string, number>();
  for (const [char, byte] of extra) map.set(char, byte);
  // The table itself wins over aliases where both name a character.
  for (let i = 0; i < high.length; i++) map.set(high[i], 0x80 + i);
  return map;
}

/** Character to byte (0x80-0xFF) for each charmap, aliases included. */
export const CHARMAP_BYTES: Readonly<Record<Charmap, ReadonlyMap<string, number>>> = {
  'mac-roman': reverse(MAC_ROMAN_HIGH, MAC_ROMAN_ALIASES),
  'windows-1252': reverse(WINDOWS_1252_HIGH, LATIN1_C1),
};

/** Byte (0x80-0xFF) to character for each charmap: how a wrong decode turned bytes into text. */
export const CHARMAP_HIGH: Readonly<Record<Charmap, string>> = {
  'mac-roman': MAC_ROMAN_HIGH,
  'windows-1252': WINDOWS_1252_HIGH,
};

/**
 * Decode bytes as `charmap` (what a tool did to a UTF-8 file before saving it again).
 * Used by tests and by anyone who wants to reproduce a mangling.
 */
export function decodeCharmap(bytes: Uint8Array, charmap: Charmap): string {
  const high = CHARMAP_HIGH[charmap];
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out += b < 0x80 ? String.fromCharCode(b) : high[b - 0x80];
  }
  return out;
}
