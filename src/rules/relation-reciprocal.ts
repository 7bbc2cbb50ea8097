/** Rule `relation-reciprocal`: supersedes / superseded-by and amends / amended-by must be written on both sides. */
import { dialectExpresses, reverseKind, statusLocation } from '../lint/facts.js';
import { reciprocalEdit, relationLabel, supersededSpelling } from '../lint/fix-relation.js';
import { madr2Record, nygardRecord, summaryRecord, supersedePair } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

const KIND_WORDS = {
  supersedes: 'says it supersedes',
  'superseded-by': 'says it is superseded by',
  amends: 'says it amends',
  'amended-by': 'says it is amended by',
  relates: 'links',
} as const;

/** The rule object. */
export const rule: Rule = {
  id: 'relation-reciprocal',
  severity: 'error',
  summary: 'A supersede or amend link is written on one side only.',
  description:
    'When record B says it supersedes (or amends) record A, A must say it is superseded (or amended) by B, and the other way round; a one-way link leaves readers of A unaware that it has been replaced. The missing half is reported on the record that lacks it, but only where that record\'s dialect has a place for it: Nygard/adr-tools and summary records hold every relation, MADR 2 and log4brains only "superseded by", MADR 3/4 front matter none. `--fix` writes the missing line in the record\'s own style: a line in the `## Status` section (Nygard), a bullet after the status bullet (MADR 2), or a `- **Superseded by**: [..](..)` line in the related-decisions section (summary).',
  fixable: true,
  examples: {
    ok: [
      { files: supersedePair() },
      {
        files: {
          '0001-x.md': madr2Record('Use X', 'superseded by [Use Y](0002-y.md)'),
          '0002-y.md': madr2Record('Use Y', 'accepted'),
        },
        note: 'MADR 2 has no place for "supersedes", so it is not asked for',
      },
    ],
    notOk: [
      {
        files: {
          '0001-x.md': nygardRecord(1, 'Use X', ['Superseded']),
          '0002-y.md': nygardRecord(2, 'Use Y', ['Accepted', 'Supersedes [1. Use X](0001-x.md)']),
        },
      },
      {
        files: {
          '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved', body: '## Related Decisions\n\n- **Amends**: [Storage](2025-08-01-storage.md)' }),
          '2025-08-01-storage.md': summaryRecord({ title: 'Storage', status: '✅ Approved', date: '2025-08-01' }),
        },
      },
    ],
  },
  check({ log, byFile, source }, report) {
    const spelling = supersededSpelling(log.config ?? {}, log.decisions);
    const pending = new Set<string>();
    for (const decision of log.decisions) {
      for (const link of decision.links) {
        const reverse = reverseKind(link.kind);
        if (!reverse) continue;
        const target = byFile.get(link.target);
        if (!target || target === decision || !dialectExpresses(target.dialect, reverse)) continue;
        if (target.links.some((l) => l.target === decision.file && l.kind === reverse)) continue;
        const key = `${target.file}\0${reverse}\0${decision.file}`;
        if (pending.has(key)) continue;
        pending.add(key);
        const src = source(target.file);
        const edit = src ? reciprocalEdit(target, src, reverse, decision, spelling) : null;
        const label = relationLabel(reverse, spelling);
        report({
          file: target.file,
          ...statusLocation(target),
          message: `\`${decision.file}\` (line ${link.line}) ${KIND_WORDS[link.kind]} this record, but this record has no \`${label}\` link back to it`,
          related: [{ file: decision.file, line: link.line, message: `${link.label ?? link.kind} link` }],
          ...(edit ? { fix: { description: `add \`${label} [..](${decision.file})\``, edits: [edit] } } : {}),
        });
      }
    }
  },
};
