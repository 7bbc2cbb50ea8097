/** Rule `aborted-open-items`: a closed record (aborted, rejected, superseded) with action items still open. */
import { CLOSED_STATUSES } from '../lint/facts.js';
import { summaryRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

/** The rule object. */
export const rule: Rule = {
  id: 'aborted-open-items',
  severity: 'error',
  summary: 'An aborted, rejected or superseded record still has open action items.',
  description:
    'Once a decision is aborted, rejected or superseded, its action items no longer describe work anyone should do, yet an open `- [ ]` item keeps showing up in to-do lists and in the overview\'s Action Items. Each open item of such a record is reported; close it as aborted (`- [x] ~~Item~~ **✗** **ABORTED** - reason`, which `adr abort` writes) or move it to the record that replaced this one. Dialects without action items are never affected.',
  fixable: false,
  examples: {
    ok: [
      {
        files: {
          '2025-08-06-nix.md': summaryRecord({
            title: 'Nix',
            status: '**✗** **ABORTED** - Use Makefile instead',
            actionItems: ['### ✅ Completed/Aborted', '', '- [x] ~~Add a Nix flake~~ **✗** **ABORTED** - Implemented Makefile instead'],
          }),
        },
      },
      { files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved', actionItems: ['- [ ] Deploy Redis'] }) } },
    ],
    notOk: [
      {
        files: {
          '2025-08-06-nix.md': summaryRecord({
            title: 'Nix',
            status: '**✗** **ABORTED** - Use Makefile instead',
            actionItems: ['### 🔴 This Week (Urgent)', '', '- [ ] Add a Nix flake'],
          }),
        },
        findings: [
          { file: '2025-08-06-nix.md', line: 16, column: 1, message: 'Open action item `Add a Nix flake` in a record that is aborted; close it as aborted or move it to the record that replaces this one' },
        ],
      },
    ],
  },
  check({ log }, report) {
    for (const decision of log.decisions) {
      if (!decision.status || !CLOSED_STATUSES.has(decision.status)) continue;
      for (const item of decision.actionItems) {
        if (item.done || item.aborted) continue;
        report({
          file: decision.file,
          span: item.span,
          message: `Open action item \`${item.text}\` in a record that is ${decision.status}; close it as aborted or move it to the record that replaces this one`,
        });
      }
    }
  },
};
