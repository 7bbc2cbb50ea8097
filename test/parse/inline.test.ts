/**
 * Titles and values as CommonMark reads them: plainText against remark (the CommonMark + GFM
 * reference) on the patterns real records use and on random inline markdown, and the title rules
 * of parseRecord (a record number before the title, escapes, code spans, raw HTML).
 */
import fc from 'fast-check';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/parse/index.js';
import { plainText } from '../../src/parse/inline.js';

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/** The text a reader sees of one heading, as remark builds it (raw HTML and images show nothing). */
const remark = unified().use(remarkParse).use(remarkGfm);

function remarkHeading(text: string): string {
  const tree = remark.parse(`# ${text}\n`) as unknown as MdNode;
  const toText = (node: MdNode): string => {
    if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
    if (node.type === 'break') return ' ';
    if (node.type === 'html' || node.type === 'image') return '';
    return (node.children ?? []).map(toText).join('');
  };
  const heading = (tree.children ?? []).find((n) => n.type === 'heading');
  return heading ? toText(heading).replace(/\s+/g, ' ').trim() : '';
}

describe('plainText reads inline markdown as CommonMark does', () => {
  const cases: Array<[string, string]> = [
    ['Use Span\\<T\\>', 'Use Span<T>'],
    ['Return a `Handle<T>`', 'Return a Handle<T>'],
    ['Keep `a\\*b` literal', 'Keep a\\*b literal'],
    ['Use <T> generics', 'Use generics'],
    ['a < b and b > c', 'a < b and b > c'],
    ['*nix tools', '*nix tools'],
    ['snake_case_names stay', 'snake_case_names stay'],
    ['**Bold** and _em_ and ~~gone~~', 'Bold and em and gone'],
    ['Use &lt;T&gt; &amp; &#35;1', 'Use <T> & #1'],
    ['See <https://example.com/a>', 'See https://example.com/a'],
    ['![badge](b.svg) [Linked](x.md) title', 'Linked title'],
    ['2 * 3 = 6', '2 * 3 = 6'],
    ['`` tick ` inside ``', 'tick ` inside'],
    ['Escaped \\*not emphasis\\*', 'Escaped *not emphasis*'],
    ['Comment <!-- hidden --> gone', 'Comment gone'],
  ];
  for (const [input, expected] of cases) {
    it(`${input} → ${expected}`, () => {
      expect(plainText(input)).toBe(expected);
      expect(remarkHeading(input)).toBe(expected);
    });
  }

  // Titles and values as people write them, put together at random: words, code spans, escapes,
  // emphasis, links, images, raw HTML and entities. plainText must show what remark shows.
  const word = fc.constantFrom('Use', 'X', 'T', 'Span', 'queue', 'v2', 'API', 'ADR-12', 'x_y', 'R&D', '2 * 3', 'a', 'é');
  const piece = fc.oneof(
    word,
    fc.constant(' '),
    fc.constantFrom('(', ')', ',', '.', ':', ' - ', '"', "'", '!', '?', '/'),
    word.map((w) => `\`${w}\``),
    word.map((w) => `\`${w}<T>\``),
    word.map((w) => ` **${w}** `),
    word.map((w) => ` *${w}* `),
    word.map((w) => ` _${w}_ `),
    word.map((w) => ` ~~${w}~~ `),
    word.map((w) => `[${w}](x.md)`),
    fc.constantFrom('\\<', '\\>', '\\*', '\\_', '\\`', '\\[', '\\#', '<T>', '</b>', '<br/>', '<!-- c -->', '&lt;', '&gt;', '&amp;', '&#35;', '![i](p.png)', '<https://e.x/a>', ' < ', ' > ', '*', '_'),
  );
  const inline = fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join(''));

  it('agrees with remark on random titles', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(inline, (text) => {
        // Leading blanks and trailing #s are heading syntax, not inline text.
        fc.pre(!/^\s|#\s*$/.test(text));
        expect(plainText(text)).toBe(remarkHeading(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('titles', () => {
  const record = (file: string, heading: string) => parseRecord(file, `${heading}\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n`).decision!;

  it('drop an `N.` prefix always, and a bare number only when it is the file\'s', () => {
    expect(record('0006-blocking-retries.md', '# 6 Blocking Retries').title).toBe('Blocking Retries');
    expect(record('0021-move-x.md', '# 20. Move the queue').title).toBe('Move the queue');
    expect(record('0007-reasons.md', '# 3 Reasons we chose X').title).toBe('3 Reasons we chose X');
    expect(record('0012-x.md', '# ADR-0012: Use X').title).toBe('Use X');
    expect(record('0013-x.md', '# ADR-0012: Use X').title).toBe('Use X');
  });

  it('read escapes and code spans', () => {
    expect(record('0001-span.md', '# 1. Use Span\\<T\\>').title).toBe('Use Span<T>');
    expect(record('0002-handle.md', '# 2. Return a `Handle<T>`').title).toBe('Return a Handle<T>');
  });
});
