/** Rule `title-missing`: a record without a `# Title`. */
import { nygardRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

/** The rule object. */
export const rule: Rule = {
  id: 'title-missing',
  severity: 'warning',
  summary: 'A record has no title heading.',
  description:
    'The first `# Heading` is the record\'s title in every dialect: lists, the overview, link texts and the site all show it. A record without one is shown under its file name. MADR 3/4 records may put the title in front matter (`title:`), which counts.',
  fixable: false,
  examples: {
    ok: [{ files: { '0001-x.md': nygardRecord(1, 'Use X', ['Accepted']) } }],
    notOk: [
      {
        files: { '0001-x.md': nygardRecord(1, 'Use X', ['Accepted']).replace(/^# .*\n/, '') },
        findings: [
          { file: '0001-x.md', line: 1, column: 1, message: 'No title; start the record with a `# Title` heading' },
        ],
      },
    ],
  },
  check({ log }, report) {
    for (const decision of log.decisions) {
      if (decision.headings.some((h) => h.depth === 1)) continue;
      // A title with a line but no heading there came from front matter (`title:`), which counts.
      const titleHeading = decision.headings.find((h) => h.line === decision.lines.title);
      if (decision.lines.title !== undefined && !titleHeading && decision.title.trim()) continue;
      report({
        file: decision.file,
        line: titleHeading?.line ?? 1,
        message: titleHeading
          ? `No \`# Title\` heading; the title is taken from \`${'#'.repeat(titleHeading.depth)} ${titleHeading.text}\` (line ${titleHeading.line})`
          : 'No title; start the record with a `# Title` heading',
      });
    }
  },
};
