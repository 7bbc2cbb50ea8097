/** Rule `id-duplicate`: two records with one number. */
import { nygardRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

/** The rule object. */
export const rule: Rule = {
  id: 'id-duplicate',
  severity: 'error',
  summary: 'Two records share one number.',
  description:
    'Numbered logs (adr-tools `0012-x.md`, MADR `0012-x.md`) refer to records by number: "ADR 12" must name one record. Two files with the same number in the same folder (often two branches that each added the next record) are reported on each of them; renumber one and update its links. Date-named logs have no numbers and are not affected.',
  fixable: false,
  examples: {
    ok: [{ files: { '0001-x.md': nygardRecord(1, 'Use X', ['Accepted']), '0002-y.md': nygardRecord(2, 'Use Y', ['Accepted']) } }],
    notOk: [
      {
        files: { '0002-x.md': nygardRecord(2, 'Use X', ['Accepted']), '0002-y.md': nygardRecord(2, 'Use Y', ['Accepted']) },
        findings: [
          { file: '0002-x.md', line: 1, column: 1, message: 'Number 2 is also used by `0002-y.md`; `adr renumber` moves one of them to the next free number, links and all' },
          { file: '0002-y.md', line: 1, column: 1, message: 'Number 2 is also used by `0002-x.md`; `adr renumber` moves one of them to the next free number, links and all' },
        ],
      },
    ],
  },
  check({ log }, report) {
    const groups = new Map<string, string[]>();
    for (const decision of log.decisions) {
      if (decision.number === null) continue;
      const folder = decision.file.includes('/') ? decision.file.slice(0, decision.file.lastIndexOf('/')) : '';
      const key = `${folder}\0${decision.number}`;
      const list = groups.get(key);
      if (list) list.push(decision.file);
      else groups.set(key, [decision.file]);
    }
    for (const files of groups.values()) {
      if (files.length < 2) continue;
      for (const file of files) {
        const decision = log.decisions.find((d) => d.file === file)!;
        const others = files.filter((f) => f !== file);
        report({
          file,
          line: decision.lines.title ?? 1,
          message: `Number ${decision.number} is also used by ${others.map((f) => `\`${f}\``).join(', ')}; \`adr renumber\` moves one of them to the next free number, links and all`,
        });
      }
    }
  },
};
