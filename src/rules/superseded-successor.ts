/** Rule `superseded-successor`: a superseded record that does not name what superseded it. */
import { statusLocation } from '../lint/facts.js';
import { madr2Record, supersedePair } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

/** The rule object. */
export const rule: Rule = {
  id: 'superseded-successor',
  severity: 'warning',
  summary: 'A superseded record does not link its successor.',
  description:
    'A record marked superseded sends readers looking for the decision that replaced it. It should link it (`Superseded by [3. Use Y](0003-use-y.md)`), or at least another record should say it supersedes this one. Reported when neither link exists and the status does not even name the successor in words (MADR 3/4 front matter writes `superseded by ADR-0005` without a link, which is accepted).',
  fixable: false,
  examples: {
    ok: [
      { files: supersedePair() },
    ],
    notOk: [
      {
        files: { '0001-x.md': madr2Record('Use X', 'superseded') },
        findings: [
          { file: '0001-x.md', line: 3, column: 11, message: 'Superseded, but no record is named as its successor; add `Superseded by [Title](file.md)`' },
        ],
      },
    ],
  },
  check({ log }, report) {
    for (const decision of log.decisions) {
      if (decision.status !== 'superseded') continue;
      if (decision.links.some((l) => l.kind === 'superseded-by')) continue;
      if (decision.backlinks.some((b) => b.kind === 'supersedes')) continue;
      // `superseded by ADR-0005` names the successor even without a link.
      if (decision.statusDeclarations.some((d) => /\b(by|with)\s+\S/i.test(d.text) && d.status === 'superseded')) continue;
      report({
        file: decision.file,
        ...statusLocation(decision),
        message: 'Superseded, but no record is named as its successor; add `Superseded by [Title](file.md)`',
      });
    }
  },
};
