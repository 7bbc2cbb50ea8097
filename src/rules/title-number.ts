/** Rule `title-number`: a title whose number prefix is not the file's number. */
import { nygardRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';
import { splitNumberedTitle } from '../parse/common.js';

/** The rule object. */
export const rule: Rule = {
  id: 'title-number',
  severity: 'info',
  summary: 'A title\'s number differs from the file\'s number.',
  description:
    'adr-tools writes the record number twice: in the file name (`0021-move-the-queue.md`) and before the title (`# 21. Move the queue`). When a record is renumbered (two branches took the same number) one of them is often left behind, and readers see two numbers for one record. The file name is the record\'s number (links and `adr` commands use it); the title\'s prefix is not part of the title either way. Reported as information on `N.` / `ADR-N:` prefixes; a bare leading number that differs (`# 3 Reasons we chose X` in `0007-…`) is part of the title and not reported.',
  fixable: false,
  examples: {
    ok: [{ files: { '0021-move.md': nygardRecord(21, 'Move the queue', ['Accepted']) } }],
    notOk: [
      {
        files: { '0021-move.md': nygardRecord(20, 'Move the queue', ['Accepted']) },
        findings: [
          { file: '0021-move.md', line: 1, column: 1, message: 'Title says 20 but the file is record 21; the file name is the record\'s number' },
        ],
      },
    ],
  },
  check({ log }, report) {
    for (const decision of log.decisions) {
      if (decision.number === null || decision.lines.title === undefined) continue;
      const heading = decision.headings.find((h) => h.line === decision.lines.title);
      if (!heading) continue;
      const written = splitNumberedTitle(heading.text);
      if (written.number === null || written.bare || written.number === decision.number) continue;
      report({
        file: decision.file,
        span: heading.span,
        message: `Title says ${written.number} but the file is record ${decision.number}; the file name is the record's number`,
      });
    }
  },
};
