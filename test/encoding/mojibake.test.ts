import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCharmap, type Charmap } from '../../src/parse/charmaps.js';
import {
  decodeBytes,
  dominantMojibake,
  encodeText,
  findMojibake,
  repairMojibake,
} from '../../src/parse/encoding.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/encoding/${name}`, import.meta.url));
// The format's seed example as it arrived, mangled by a Mac Roman round trip (committed byte for byte).
const seedBytes = () => readFileSync(new URL('../fixtures/dialects/broken/mojibake-mac-roman.md', import.meta.url));

/** What a tool did: decode UTF-8 bytes with a single-byte charmap, then save the text as UTF-8. */
function mangle(text: string, charmap: Charmap): string {
  return decodeCharmap(new TextEncoder().encode(text), charmap);
}

const CLEAN = [
  '# Decision ✗ ✅ 🚪 🏗️ 🟡 ⏸️ ❓ 🔄 ❌ ✓ 📌 🏃 ◯ — …',
  '',
  '[🚪 ← Back to Decisions Overview](../DECISIONS.md)',
  '**Status**: **✗** **ABORTED** - Use Makefile + proto instead\\',
  '**Priority**: 🟡 **Important** (2 weeks)\\',
  '**Category**: 🏗️ Infrastructure',
  '- [x] ~~Add a Nix flake~~ **✗** **ABORTED** - Implemented Makefile + proto instead',
  '- [x] ~~Decide product names~~ ✅ LogFusion chosen 🚀 🎯 📁 📊 💼 🌐 📚 🎨 ⚪',
  'Café, Größe, naïve, “quotes”, ‘single’, «guillemets», € 20, 90°, © 2025',
  '日本語のテキスト, 中文, 한국어, Русский, Ελληνικά, Łódź',
  'Families and flags: 👨‍👩‍👧 🇩🇪 👍🏽 ❤️ 🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  '',
].join('\r\n');

describe('findMojibake / repairMojibake: the shapes named in FORMAT.md', () => {
  it.each([
    ['‚úó', '✗', 'mac-roman'],
    ['\uF8FFüö™', '🚪', 'mac-roman'],
    ['‚Üê', '←', 'mac-roman'],
    ['\uF8FFüèóÔ∏è', '🏗️', 'mac-roman'],
    ['ðŸš€', '🚀', 'windows-1252'],
    ['âœ…', '✅', 'windows-1252'],
    // 🏃 is F0 9F 8F 83: 0x8F is undefined in Windows-1252 and shows as the C1 control U+008F.
    ['ðŸ\u008Fƒ', '🏃', 'windows-1252'],
    // Latin-1 decoders turn 0x9C 0x85 into C1 controls as well.
    ['â\u009C\u0085', '✅', 'windows-1252'],
    ['Ã©', 'é', 'windows-1252'],
    ['√©', 'é', 'mac-roman'],
    ['Â«', '«', 'windows-1252'],
    ['¬∞', '°', 'mac-roman'],
    ['Å‘', 'ő', 'windows-1252'],
    ['Ã¶Ã¼', 'öü', 'windows-1252'],
  ] as const)('%s is %s via %s', (mangled, restored, encoding) => {
    const text = `x ${mangled} y`;
    expect(findMojibake(text)).toEqual([
      { start: 2, end: 2 + mangled.length, line: 1, column: 3, mangled, restored, encoding },
    ]);
    expect(repairMojibake(text)).toBe(`x ${restored} y`);
  });

  it('restores a lone pair inside a word even where it could be math or a quote elsewhere', () => {
    expect(repairMojibake('O√π est-il ?')).toBe('Où est-il ?');
    expect(repairMojibake('ž' + 'luťoučk√Ω kůň')).toBe('žluťoučký kůň');
    expect(repairMojibake('MAÃ‡Ã”S')).toBe('MAÇÔS');
  });

  it('restores mangled Japanese, Chinese and Russian text without any emoji as evidence', () => {
    const clean = '決定記録の書式を統一します。中文：我们决定采用这个方案。Съешь же ещё этих мягких булок.';
    for (const cm of ['mac-roman', 'windows-1252'] as const) expect(repairMojibake(mangle(clean, cm))).toBe(clean);
  });

  it('leaves two-letter words of other scripts alone without evidence, but restores them with it', () => {
    expect(repairMojibake(mangle('же', 'windows-1252'))).toBe(mangle('же', 'windows-1252'));
    expect(repairMojibake(mangle('же ✅', 'windows-1252'))).toBe('же ✅');
  });

  it('does not let mojibake elsewhere vouch for correctly typed text added after the mangling', () => {
    // Mac Roman: ’é is a valid Armenian letter; Windows-1252: é + no-break space + » is a CJK ideograph.
    const mac = `${mangle('Status: ✗ ABORTED 🚪', 'mac-roman')}\nAjouté plus tard : l’été, qu’à.\n`;
    expect(repairMojibake(mac)).toBe('Status: ✗ ABORTED 🚪\nAjouté plus tard : l’été, qu’à.\n');
    const win = `${mangle('Status: ✅ done 🚀', 'windows-1252')}\n« café\u00A0» typed later ✅\n`;
    expect(repairMojibake(win)).toBe('Status: ✅ done 🚀\n« café\u00A0» typed later ✅\n');
  });

  it('undoes a double mangling in two passes', () => {
    const clean = 'Status: ✗ ABORTED 🚪 🏗️ café';
    const charmaps = ['mac-roman', 'windows-1252'] as const;
    for (const first of charmaps) {
      for (const second of charmaps) {
        const twice = mangle(mangle(clean, first), second);
        const once = repairMojibake(twice);
        expect(once, `${first} then ${second}`).toBe(mangle(clean, first));
        expect(repairMojibake(once)).toBe(clean);
      }
    }
  });

  it('reports lines and columns (1-based, UTF-16 units) and merges adjacent sequences into one run', () => {
    const text = 'first\r\nsecond 🚀 ‚úó‚úó\nthird ‚Üê';
    const runs = findMojibake(text);
    expect(runs.map(({ line, column, mangled, restored }) => ({ line, column, mangled, restored }))).toEqual([
      { line: 2, column: 11, mangled: '‚úó‚úó', restored: '✗✗' },
      { line: 3, column: 7, mangled: '‚Üê', restored: '←' },
    ]);
    for (const r of runs) expect(text.slice(r.start, r.end)).toBe(r.mangled);
  });

  it('picks the charmap per run when one file mixes both', () => {
    const runs = findMojibake('mac ‚úó and windows âœ… here');
    expect(runs.map((r) => [r.restored, r.encoding])).toEqual([
      ['✗', 'mac-roman'],
      ['✅', 'windows-1252'],
    ]);
    expect(dominantMojibake(runs)).toBe('mac-roman');
    expect(dominantMojibake([])).toBeNull();
  });

  it('restores the exact original bytes of text mangled through Mac Roman and Windows-1252', () => {
    for (const charmap of ['mac-roman', 'windows-1252'] as const) {
      for (const bom of [false, true]) {
        const original = encodeText(CLEAN, { bom });
        const mangledBytes = encodeText(mangle(CLEAN, charmap), { bom });
        const decoded = decodeBytes(mangledBytes);
        if (!decoded.ok) throw new Error(decoded.reason);
        expect(decoded.text).not.toBe(CLEAN);
        expect(decoded.eol).toBe('crlf');
        const repaired = encodeText(repairMojibake(decoded.text), { bom: decoded.bom });
        expect(Buffer.from(repaired).equals(Buffer.from(original))).toBe(true);
        expect(findMojibake(decoded.text).every((r) => r.encoding === charmap)).toBe(true);
      }
    }
  });

  it('restores the fixtures mangled by Python and ICU (incl. a Latin-1 mangling) byte for byte', () => {
    const clean = fixture('clean-record.md');
    for (const name of ['mangled-mac-roman.md', 'mangled-windows-1252.md', 'mangled-latin1.md']) {
      const decoded = decodeBytes(fixture(name));
      if (!decoded.ok) throw new Error(decoded.reason);
      const repaired = encodeText(repairMojibake(decoded.text), { bom: decoded.bom });
      expect(Buffer.from(repaired).equals(clean), name).toBe(true);
    }
  });

  it('repairs a mangled BOM (ï»¿) back into the same bytes', () => {
    const withBom = encodeText('# T\n✅\n', { bom: true });
    const mangledText = decodeCharmap(withBom, 'windows-1252');
    expect(mangledText.startsWith('ï»¿')).toBe(true);
    const decoded = decodeBytes(encodeText(mangledText, { bom: false }));
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(Buffer.from(encodeText(repairMojibake(decoded.text), { bom: decoded.bom })).equals(Buffer.from(withBom))).toBe(true);
  });

  it('repairs the shared seed example (FORMAT.md) and leaves nothing behind', () => {
    const bytes = seedBytes();
    const decoded = decodeBytes(bytes);
    if (!decoded.ok) throw new Error(decoded.reason);
    const runs = findMojibake(decoded.text);
    expect(runs.length).toBeGreaterThan(10);
    expect(new Set(runs.map((r) => r.encoding))).toEqual(new Set(['mac-roman']));
    const repaired = repairMojibake(decoded.text);
    expect(repaired).toContain('**✗** **ABORTED**');
    expect(repaired).toContain('[🚪 ← Back to Decisions Overview]');
    expect(repaired).toContain('🏗️ Infrastructure');
    expect(repaired).toContain('🟡 **Important**');
    expect(findMojibake(repaired)).toEqual([]);
    expect(repairMojibake(repaired)).toBe(repaired);
    // Only the mangled spans changed: the repaired text is the original with each run replaced.
    let rebuilt = '';
    let at = 0;
    for (const r of runs) {
      rebuilt += decoded.text.slice(at, r.start) + r.restored;
      at = r.end;
    }
    expect(rebuilt + decoded.text.slice(at)).toBe(repaired);
  });

  it('restores emoji, symbols and scripts mangled with either charmap (property)', () => {
    const symbol = fc.constantFrom(...'✗✅🚪←→🏗️🟡🔴🟢⏸️❓🔄❌✓📌🏃◯—…•€™🚀🎯📁📊💼🌐📚🎨⚪🇩🇪👨‍👩‍👧'.split(/(?:)/u));
    const other = fc.constantFrom(...'éüßÄÖÜçñøåłşőœ日本語中文한국어ДжЯλΩ°©½ '.split(/(?:)/u));
    const ascii = fc.constantFrom(...'abc XYZ 012 #*-_[]()\r\n'.split(''));
    const piece = fc.oneof({ arbitrary: symbol, weight: 2 }, { arbitrary: other, weight: 2 }, { arbitrary: ascii, weight: 3 });
    fc.assert(
      fc.property(symbol, fc.array(piece, { maxLength: 60 }), fc.constantFrom<Charmap>('mac-roman', 'windows-1252'), (first, rest, cm) => {
        // At least one symbol: that is what makes lone letters believable (see encoding.ts).
        const clean = [first, ...rest].join('');
        return repairMojibake(mangle(clean, cm)) === clean;
      }),
      { numRuns: 1000 },
    );
  });

  it('restores runs of emoji and symbols alone, without any other evidence (property)', () => {
    const symbol = fc.constantFrom(...'✗✅🚪←→🏗️🟡⏸️❓🔄❌✓📌🏃◯—…•€™🚀🎉'.split(/(?:)/u));
    const sep = fc.constantFrom(' ', 'a', '\n', '**', ' - ');
    fc.assert(
      fc.property(fc.array(fc.tuple(sep, symbol), { minLength: 1, maxLength: 20 }), fc.constantFrom<Charmap>('mac-roman', 'windows-1252'), (parts, cm) => {
        const clean = parts.map(([a, b]) => a + b).join('');
        const runs = findMojibake(mangle(clean, cm));
        return repairMojibake(mangle(clean, cm)) === clean && runs.every((r) => r.encoding === cm);
      }),
      { numRuns: 500 },
    );
  });
});

describe('findMojibake: correctly written text is left alone', () => {
  it('finds nothing in a multilingual corpus (German, French, CJK, Greek, Russian, math, emoji)', () => {
    const text = fixture('legit-multilingual.md').toString('utf8');
    expect(findMojibake(text)).toEqual([]);
    expect(repairMojibake(text)).toBe(text);
  });

  it('finds nothing in the clean record fixture', () => {
    expect(findMojibake(fixture('clean-record.md').toString('utf8'))).toEqual([]);
  });

  it.each([
    ['a lone é, ü, Ã', 'Café, über, SÃO PAULO, NÃO'],
    ['German quotes after ß and capitals', '„Fuß“, „Maß“, „ÄRGER“, „Ä“ und ‚Spaß‘'],
    ['French guillemets with no-break spaces', '«\u00A0C’est l’été\u00A0», voilà\u00A0» et café\u00A0»'],
    ['word-final capitals before quotes', '“MAÇÃ” and “IRMÃ” and ‘Ä’'],
    ['math', '√π ≈ 1.77, √∞, ±5 %, 90°, x ≈∞'],
    ['German quote before capitals (Mac Roman „ÄÖ would be 々)', '„ÄÖÜ“ und „Äö“'],
    ['apostrophes before accented letters (Mac Roman ’é is Armenian)', 'l’été, qu’à, d’où, l’Égypte, j’ai’é'],
    ['typography', '“quoted” — ‘single’ … • † ‡ ™ ® ©'],
    ['emoji written correctly', '🚀 ✅ ✗ 🚪 🏗️ 🟡 ⏸️ ❓ 👨‍👩‍👧 🇫🇷'],
    ['CJK', '決定記録の書式を統一します。我们决定采用这个方案。'],
  ])('%s', (_name, text) => {
    expect(findMojibake(text)).toEqual([]);
  });

  it('finds nothing in text built from real words and punctuation (property)', () => {
    const words = readFileSync(new URL('../fixtures/encoding/legit-multilingual.md', import.meta.url), 'utf8')
      .split(/[\s\u00A0]+/u)
      .filter(Boolean);
    // Realistic joins: quotes and guillemets hug one word and have a space on the other side;
    // the apostrophe joins two words (l’été).
    const sep = fc.constantFrom(' ', '\u00A0', '\n', ', ', ' — ', '\u00A0» ', ' «\u00A0', '” ', ' “', ' „', '“ ', ' ‘', '‘ ', '’ ', '’', '… ', ' – ', '. ', '» ', ' »');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...words), sep), { maxLength: 30 }), (parts) => {
        const text = parts.map(([w, s]) => w + s).join('');
        return findMojibake(text).length === 0;
      }),
      { numRuns: 2000 },
    );
  });

  it('returns the very same string when there is nothing to repair', () => {
    const text = fixture('legit-multilingual.md').toString('utf8');
    expect(Object.is(repairMojibake(text), text)).toBe(true);
    const ascii = 'plain ascii '.repeat(1000);
    expect(Object.is(repairMojibake(ascii), ascii)).toBe(true);
    expect(findMojibake('')).toEqual([]);
  });
});
