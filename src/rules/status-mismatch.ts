/** Rule `status-mismatch`: one record declaring two different statuses (summary vs footer, say). */
import { mainDeclaration, siteName } from '../lint/facts.js';
import { summaryRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

/** The rule object. */
export const rule: Rule = {
  id: 'status-mismatch',
  severity: 'error',
  summary: 'Two status declarations of one record disagree.',
  description:
    'Summary-style records state their status twice, in the Decision Summary and again in the italic footer (`_Status: ✅ Approved_`); front matter and a Status section can also both speak. When a record is aborted at the top but still says Approved at the bottom, readers and tools believe whichever they see first. The first declaration is taken as the record\'s status and every other declaration that names a different state is reported. Sub-decisions of older records have statuses of their own and are not compared.',
  fixable: false,
  examples: {
    ok: [
      { files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache layer', status: '✅ Approved', footerStatus: '✅ Approved' }) } },
      { files: { '2025-08-06-nix.md': summaryRecord({ title: 'Nix', status: '**✗** **ABORTED** - too complex', footerStatus: '**✗** ABORTED | Next Review: Not applicable' }) } },
    ],
    notOk: [
      {
        files: { '2025-08-06-nix.md': summaryRecord({ title: 'Nix', status: '**✗** **ABORTED** - Use Makefile + proto instead', footerStatus: '✅ Approved' }) },
        note: 'aborted in the summary, Approved in the footer (the seed example)',
        findings: [
          { file: '2025-08-06-nix.md', line: 17, column: 10, message: 'Unexpected status `✅ Approved` in the footer, expected `aborted` as declared in the summary (line 7)' },
        ],
      },
    ],
  },
  check({ log }, report) {
    for (const decision of log.decisions) {
      const main = mainDeclaration(decision);
      if (!main || main.status === null) continue;
      for (const declaration of decision.statusDeclarations) {
        if (declaration === main || declaration.site === 'sub-decision' || declaration.status === null) continue;
        if (declaration.status === main.status) continue;
        report({
          file: decision.file,
          span: declaration.span,
          message: `Unexpected status \`${declaration.text.trim()}\` in ${siteName(declaration.site, decision.dialect)}, expected \`${main.status}\` as declared in ${siteName(main.site, decision.dialect)} (line ${main.line})`,
          related: [{ file: decision.file, line: main.line, message: `status \`${main.status}\` declared here` }],
        });
      }
    }
  },
};
