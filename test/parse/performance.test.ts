/**
 * Hostile shapes that make naive markdown readers quadratic or backtrack catastrophically. Each
 * must simply finish (the generous timeouts catch a hang; speed itself is measured by the
 * benchmark, never asserted here). Inputs that used to hang: a `(` followed by thousands of spaces
 * (the old link regex), the search for a lone CR from every line (quadratic on big files).
 */
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/parse/index.js';
import { plainText } from '../../src/parse/inline.js';

const N = 20_000;

const CASES: Array<[string, () => string]> = [
  ['20,000 unclosed brackets', () => `# T\n\n${'['.repeat(N)}\n`],
  ['20,000 unclosed link openings', () => `# T\n\n${'[a]('.repeat(N)}\n`],
  ['20,000 nested opening brackets', () => `# T\n\n${'[['.repeat(N)}x\n`],
  ['a link destination of 20,000 spaces', () => `# T\n\n[a](${' '.repeat(N)}\n`],
  ['a link title never closed', () => `# T\n\n[a](b "${'x'.repeat(N)}\n`],
  ['a run of 20,000 asterisks', () => `# T\n\n${'*'.repeat(N)}a\n`],
  ['20,000 alternating emphasis markers', () => `# T\n\n**Status**: ${'*_'.repeat(N)}a\n`],
  ['20,000 unclosed strong markers', () => `# T\n\n${'**a '.repeat(N)}\n`],
  ['20,000 backtick runs', () => `# T\n\n${'``a`'.repeat(N)}\n`],
  ['a title of backtick runs of every length up to 400', () => `# ${Array.from({ length: 400 }, (_, i) => '`'.repeat(i + 1)).join(' a ')}\n`],
  ['a title of 20,000 unfinished HTML tags', () => `# ${'<a b=c '.repeat(N)}\n`],
  ['a title of 20,000 unfinished entities and autolinks', () => `# ${'&#12 <x: '.repeat(N)}\n`],
  ['a title of 20,000 code spans inside link text', () => `# [${'`]` '.repeat(N)}](x.md)\n`],
  ['a title of 20,000 emphasis runs of both kinds', () => `# ${'**a_ _b** '.repeat(N)}\n`],
  ['a status of a 20,000-letter misspelt word', () => `# T\n\n**Status**: ${'acepted'.repeat(3000)}\n`],
  ['a toc of 20,000 links', () => `# List of ADRs\n\n${Array.from({ length: N }, (_, i) => `* [ADR ${i}](${String(i).padStart(4, '0')}-x.md)`).join('\n')}\n`],
  ['a status line of 20,000 bold markers', () => `# T\n\n**Status**: ${'**✗** '.repeat(N)}\n`],
  ['an italic footer of 20,000 cells', () => `# T\n\n${'_Status: x | '.repeat(N)}_\n`],
  ['a 400,000-row table', () => `# T\n\n| a | b |\n|---|---|\n${'| x | [y](0001-y.md) |\n'.repeat(400_000)}`],
  ['a list nested 5,000 deep on one line', () => `# T\n\n## Action Items\n\n${'- '.repeat(5000)}[ ] deep\n`],
  ['a list nested 3,000 deep, one item per line', () => `# T\n\n## Action Items\n\n${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- [ ] item ${i}`).join('\n')}\n`],
  ['block quotes nested 20,000 deep', () => `# T\n\n${'> '.repeat(N)}- [ ] x\n`],
  ['20,000 headings with links', () => '## h [x](0001-x.md)\n'.repeat(N)],
  ['50,000 action items', () => `# T\n\n## Action Items\n\n${'- [x] ~~a~~ **✗** **ABORTED** - b [[T]](x.md)\n'.repeat(50_000)}`],
  ['20,000 reference definitions and uses', () => `# T\n\n${Array.from({ length: N }, (_, i) => `[d${i}]: 000${i}.md`).join('\n')}\n${'[x][d7] '.repeat(N)}\n`],
  ['front matter never closed', () => `---\n${'key: value\n'.repeat(100_000)}`],
  ['an HTML comment never closed', () => `# T\n\n<!--\n${'text\n'.repeat(100_000)}`],
  ['a fence never closed', () => `# T\n\n\`\`\`\n${'- [ ] x\n'.repeat(100_000)}`],
  ['a 100,000-line paragraph underlined as a heading', () => `# T\n\n${'para line\n'.repeat(100_000)}---\n`],
  ['100,000 lines ending in a lone CR', () => `# T\r${'line\r'.repeat(100_000)}`],
  ['a heading line of 40,000 blanks (bugs-parse P3)', () => `# a${' \t'.repeat(N)}x\n`],
  ['a heading of 40,000 spaces before an unclosed explicit id', () => `# a${' '.repeat(2 * N)}{#x\n`],
  ['20,000 [[ in an action item (bugs-parse P4)', () => `# T\n\n## Action Items\n\n- [ ] x ${'[['.repeat(N)}\n`],
  ['20,000 [ before a TBD placeholder', () => `# T\n\n## Action Items\n\n- [ ] x ${'['.repeat(N)} TBD]\n`],
  ['160,000 mojibake characters on one line (encoding.ts overflows its stack; the record is still read)', () => `# T\n\n**Status**: ${'‚úó'.repeat(160_000)}\n`],
  ['50,000 mojibake characters', () => `# T\n\n${'‚úó'.repeat(50_000)}\n`],
];

describe('hostile input finishes in linear time', () => {
  for (const [name, make] of CASES) {
    it(name, () => {
      const text = make();
      const { decision } = parseRecord('0001-x.md', text);
      expect(decision).not.toBeNull();
      // Positions stay inside the text whatever the shape.
      for (const h of decision!.headings) expect(h.span.end.offset).toBeLessThanOrEqual(text.length);
    }, 120_000);
  }

  it('plain text of a 20,000-marker value', () => {
    expect(plainText(`${'_a '.repeat(N)}`).length).toBeGreaterThan(0);
  }, 60_000);
});
