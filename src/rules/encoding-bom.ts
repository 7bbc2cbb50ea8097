/** Rule `encoding-bom`: a record that starts with a UTF-8 byte-order mark. */
import { summaryRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

/** The rule object. */
export const rule: Rule = {
  id: 'encoding-bom',
  severity: 'warning',
  summary: 'A record starts with a UTF-8 byte-order mark.',
  description:
    'A byte-order mark (the bytes EF BB BF) at the start of a markdown file is invisible in most editors but not to every tool: some stop recognising the YAML front matter or the first `# Title` behind it, and diffs show a change nobody can see. `adr` reads such files fine and keeps the mark when it edits them; this rule only points it out. Remove it by saving the file as "UTF-8" rather than "UTF-8 with BOM".',
  fixable: false,
  examples: {
    ok: [{ files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved' }) } }],
    notOk: [
      {
        files: { '2025-08-06-cache.md': `\uFEFF${summaryRecord({ title: 'Cache', status: '✅ Approved' })}` },
        findings: [
          { file: '2025-08-06-cache.md', line: 1, column: 1, message: 'File starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM' },
        ],
      },
    ],
  },
  check({ log }, report) {
    for (const decision of log.decisions) {
      if (!decision.encoding.bom) continue;
      report({ file: decision.file, line: 1, column: 1, message: 'File starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM' });
    }
  },
};
