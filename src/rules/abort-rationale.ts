/** Rule `abort-rationale`: an aborted record that does not say why. */
import { statusLocation } from '../lint/facts.js';
import { summaryRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

/** The rule object. */
export const rule: Rule = {
  id: 'abort-rationale',
  severity: 'warning',
  summary: 'An aborted record gives no reason.',
  description:
    'An aborted decision is only useful to the next reader if it says why it was dropped. A reason counts when the status line carries one (`**Status**: ✗ ABORTED - Use Makefile + proto instead`) or the record has an `## Abort Rationale` section (also "Decision to Abandon …"). Records in other states are not affected.',
  fixable: false,
  examples: {
    ok: [
      { files: { '2025-08-06-nix.md': summaryRecord({ title: 'Nix', status: '**✗** **ABORTED** - Use Makefile instead' }) } },
      { files: { '2025-08-06-nix.md': summaryRecord({ title: 'Nix', status: '**✗** **ABORTED**', body: '## Abort Rationale\n\nToo complex for the team.' }) } },
    ],
    notOk: [
      {
        files: { '2025-08-06-nix.md': summaryRecord({ title: 'Nix', status: '**✗** **ABORTED**' }) },
        findings: [
          { file: '2025-08-06-nix.md', line: 7, column: 13, message: 'Aborted without a reason; add ` - reason` to the status line or an `## Abort Rationale` section' },
        ],
      },
    ],
  },
  check({ log }, report) {
    for (const decision of log.decisions) {
      if (decision.status !== 'aborted' || decision.abortRationale) continue;
      const reasoned = decision.reason || decision.statusDeclarations.some((d) => d.status === 'aborted' && d.reason);
      if (reasoned) continue;
      report({
        file: decision.file,
        ...statusLocation(decision),
        message: 'Aborted without a reason; add ` - reason` to the status line or an `## Abort Rationale` section',
      });
    }
  },
};
