/** Rule `link-missing-anchor`: a link to `file.md#anchor` where the file has no such heading. */
import { anchorSet, normalizeAnchor } from '../lint/facts.js';
import { summaryRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

const INFRA = summaryRecord({ title: 'Infrastructure', status: '✅ Approved', body: '## Monorepo Structure {#monorepo}\n\nOne repo.\n\n## Risks & Mitigations\n\nFew.' });

/** The rule object. */
export const rule: Rule = {
  id: 'link-missing-anchor',
  severity: 'warning',
  summary: 'A link\'s #anchor matches no heading of the target record.',
  description:
    'Links into a part of a record (`2025-08-06-infrastructure.md#monorepo`) land at the top of the page, or nowhere useful, once the heading is renamed. An anchor matches a heading\'s explicit id (`## Monorepo Structure {#monorepo}`) or its GitHub-style slug (`## Risks & Mitigations` → `risks--mitigations`, repeated headings get `-1`, `-2`), compared without regard to case.',
  fixable: false,
  examples: {
    ok: [
      {
        files: {
          '2025-08-06-infrastructure.md': INFRA,
          '2025-08-07-ci.md': summaryRecord({ title: 'CI', status: '✅ Approved', body: '## Related\n\n- [Monorepo](2025-08-06-infrastructure.md#monorepo)\n- [Risks](2025-08-06-infrastructure.md#risks--mitigations)' }),
        },
      },
    ],
    notOk: [
      {
        files: {
          '2025-08-06-infrastructure.md': INFRA,
          '2025-08-07-ci.md': summaryRecord({ title: 'CI', status: '✅ Approved', body: '## Related\n\n- [Monorepo](2025-08-06-infrastructure.md#mono-repo)' }),
        },
        findings: [
          { file: '2025-08-07-ci.md', line: 16, column: 14, message: 'Link to `2025-08-06-infrastructure.md#mono-repo`, but `2025-08-06-infrastructure.md` has no heading with the anchor `mono-repo`' },
        ],
      },
    ],
  },
  check({ log, byFile }, report) {
    const cache = new Map<string, Set<string>>();
    for (const decision of log.decisions) {
      for (const link of decision.links) {
        if (!link.anchor) continue;
        const target = byFile.get(link.target);
        if (!target) continue;
        let anchors = cache.get(target.file);
        if (!anchors) {
          anchors = anchorSet(target.headings, target.subDecisions.map((s) => s.id));
          cache.set(target.file, anchors);
        }
        if (anchors.has(normalizeAnchor(link.anchor))) continue;
        report({
          file: decision.file,
          span: link.span,
          message: `Link to \`${link.target}#${link.anchor}\`, but \`${link.target}\` has no heading with the anchor \`${link.anchor}\``,
        });
      }
    }
  },
};
