/** Rule `status-unknown`: a status written in words no vocabulary knows. */
import { STATUSES } from '../model/index.js';
import { siteName } from '../lint/facts.js';
import { madr2Record, nygardRecord, summaryRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';
import { isChoiceList } from '../parse/vocab.js';

/** The rule object. */
export const rule: Rule = {
  id: 'status-unknown',
  severity: 'warning',
  summary: 'A status names no known state.',
  description:
    'A status must map to one of the canonical states (proposed, accepted, aborted, postponed, rejected, deprecated, superseded, draft), written in any case, with or without its emoji and a ` - reason` (FORMAT.md, "Vocabularies"). A word outside that vocabulary (`Status: Maybe`) leaves the record without a lifecycle, so lists, the overview and the other lifecycle checks cannot place it.',
  fixable: false,
  examples: {
    ok: [
      { files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache layer', status: '⏸️ Postponed (until Q3)' }) } },
      { files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Superceded by [2. Y](0002-y.md)']), '0002-y.md': nygardRecord(2, 'Y', ['Accepted', 'Supersedes [1. Record architecture decisions](0001-record.md)']) } },
    ],
    notOk: [
      {
        files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache layer', status: 'Maybe later, who knows' }) },
        findings: [
          { file: '2025-08-06-cache.md', line: 7, column: 13, message: 'Unknown status `Maybe later, who knows` in the summary, expected one of draft, proposed, accepted, postponed, rejected, aborted, deprecated, superseded' },
        ],
      },
      {
        files: { '0001-x.md': madr2Record('Use X', '[proposed | rejected | accepted | deprecated | … | superseded by [ADR-0005](0005-example.md)]') },
        note: 'the template\'s choices left in',
        findings: [
          { file: '0001-x.md', line: 3, column: 11, message: 'Status `[proposed | rejected | accepted | deprecated | … | superseded by ADR-0005]` in the header list is still the template\'s list of choices; write the one that applies' },
        ],
      },
    ],
  },
  check({ log }, report) {
    for (const decision of log.decisions) {
      for (const declaration of decision.statusDeclarations) {
        if (declaration.status !== null || !declaration.text.trim()) continue;
        const text = declaration.text.trim();
        report({
          file: decision.file,
          span: declaration.span,
          message: isChoiceList(text)
            ? `Status \`${text}\` in ${siteName(declaration.site, decision.dialect)} is still the template's list of choices; write the one that applies`
            : `Unknown status \`${text}\` in ${siteName(declaration.site, decision.dialect)}, expected one of ${STATUSES.join(', ')}`,
        });
      }
    }
  },
};
