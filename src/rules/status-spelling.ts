/** Rule `status-spelling`: a status word that is misspelt (`Depreciated`), read but worth correcting. */
import { siteName } from '../lint/facts.js';
import { madr2Record, nygardRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';
import { statusMisspelling } from '../parse/vocab.js';

/** The rule object. */
export const rule: Rule = {
  id: 'status-spelling',
  severity: 'warning',
  summary: 'A status word is misspelt.',
  description:
    'A misspelt status (`Depreciated.`, `Acepted`, `Superseeded by [..]`) is still read as the status it means, so lists and the other checks work, but other tools reading the log (adr-tools, log4brains, a grep) do not recognise it. The word is matched against the status vocabulary through a table of common misspellings and one wrong, missing, extra or swapped letter on words of seven letters or more (two from ten), never against real words that mean something else. `Superceded` and `Supercedes` are accepted spellings (older adr-tools wrote them) and are not reported. The fix writes the word correctly, in the case it was written.',
  fixable: true,
  examples: {
    ok: [
      { files: { '0001-x.md': nygardRecord(1, 'Use X', ['Deprecated.']) } },
      {
        files: {
          '0001-x.md': nygardRecord(1, 'Use X', ['Superceded by [2. Use Y](0002-y.md)']),
          '0002-y.md': nygardRecord(2, 'Use Y', ['Accepted', 'Supercedes [1. Use X](0001-x.md)']),
        },
        note: 'the spelling older adr-tools wrote',
      },
    ],
    notOk: [
      {
        files: { '0001-x.md': nygardRecord(1, 'Use X', ['Depreciated.']) },
        findings: [
          { file: '0001-x.md', line: 7, column: 1, message: 'Status `Depreciated` in the Status section is read as `deprecated`; write `Deprecated`' },
        ],
        output: {
          '0001-x.md': (nygardRecord(1, 'Use X', ['Depreciated.'])).replace('Depreciated.\n', 'Deprecated.\n'),
        },
      },
      {
        files: { '0001-x.md': madr2Record('Use X', 'acepted') },
        findings: [
          { file: '0001-x.md', line: 3, column: 11, message: 'Status `acepted` in the header list is read as `accepted`; write `accepted`' },
        ],
        output: {
          '0001-x.md': (madr2Record('Use X', 'acepted')).replace('* Status: acepted\n', '* Status: accepted\n'),
        },
      },
    ],
  },
  check({ log, source }, report) {
    for (const decision of log.decisions) {
      for (const declaration of decision.statusDeclarations) {
        const wrong = statusMisspelling(declaration.text);
        if (!wrong) continue;
        // The word as written in the file (the declaration's text has its markup removed).
        const text = source(decision.file)?.text;
        const from = declaration.span.start.offset;
        const raw = text?.slice(from, declaration.span.end.offset) ?? '';
        const at = findWord(raw, wrong.written);
        const fix =
          at === -1
            ? undefined
            : { description: `write \`${wrong.correct}\``, edits: [{ file: decision.file, start: from + at, end: from + at + wrong.written.length, text: wrong.correct }] };
        report({
          file: decision.file,
          span: declaration.span,
          message: `Status \`${wrong.written}\` in ${siteName(declaration.site, decision.dialect)} is read as \`${declaration.status}\`; write \`${wrong.correct}\``,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
};

/** The offset of `word` standing as a whole word in `text`, or -1. */
function findWord(text: string, word: string): number {
  let at = text.indexOf(word);
  while (at !== -1) {
    const before = at > 0 ? text[at - 1] : '';
    const after = text[at + word.length] ?? '';
    if (!/\p{L}/u.test(before) && !/\p{L}/u.test(after)) return at;
    at = text.indexOf(word, at + 1);
  }
  return -1;
}
