/** Rule `relation-reciprocal`: supersedes / superseded-by and amends / amended-by must be written on both sides. */
import { kindLabel, linkEdits, reverseKind } from '../edit/links.js';
import { dialectExpresses, statusLocation } from '../lint/facts.js';
import { supersededSpelling } from '../model/spelling.js';
import { madr2Record, nygardRecord, summaryRecord, supersedePair } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

// States in which a record's claim to supersede another is in force.
const IN_FORCE = new Set(['accepted', 'deprecated', 'superseded']);

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
    'When record B says it supersedes (or amends) record A, A must say it is superseded (or amended) by B, and the other way round; a one-way link leaves readers of A unaware that it has been replaced. The missing half is reported on the record that lacks it, but only where that record\'s dialect has a place for it: Nygard/adr-tools and summary records hold every relation; MADR and log4brains records write "superseded by" in their status and the other relations in an optional Links section, so a missing one there is only a warning. A record that merely proposes to supersede another (proposed, rejected, aborted) does not ask the older one to say it is superseded yet. `--fix` writes the missing half the way `adr supersede` and `adr link` do: "superseded by" becomes the record\'s status (in its summary, footer, Status section, status bullet or front matter, its open action items closed as aborted), the other relations a line in the `## Status` section (Nygard), the Links section (MADR, log4brains) or the related-decisions section (summary).',
  fixable: true,
  examples: {
    ok: [
      { files: supersedePair() },
      {
        files: {
          '0001-x.md': madr2Record('Use X', 'superseded by [Use Y](0002-y.md)'),
          '0002-y.md': `${madr2Record('Use Y', 'accepted')}\n## Links\n\n* Supersedes [Use X](0001-x.md)\n`,
        },
        note: 'MADR 2 writes "Supersedes" in its Links section',
      },
      {
        files: {
          '0001-x.md': nygardRecord(1, 'Use X', ['Accepted']),
          '0002-y.md': nygardRecord(2, 'Use Y', ['Proposed', 'Supersedes [1. Use X](0001-x.md)']),
        },
        note: 'a proposal to supersede does not end the older record yet',
      },
    ],
    notOk: [
      {
        files: {
          '0001-x.md': nygardRecord(1, 'Use X', ['Superseded']),
          '0002-y.md': nygardRecord(2, 'Use Y', ['Accepted', 'Supersedes [1. Use X](0001-x.md)']),
        },
        findings: [
          { file: '0001-x.md', line: 7, column: 1, message: '`0002-y.md` (line 9) says it supersedes this record, but this record has no `Superseded by` link back to it' },
        ],
        output: {
          '0001-x.md': (nygardRecord(1, 'Use X', ['Superseded'])).replace('Superseded\n', 'Superseded by [2. Use Y](0002-y.md)\n'),
        },
      },
      {
        files: {
          '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved', body: '## Related Decisions\n\n- **Amends**: [Storage](2025-08-01-storage.md)' }),
          '2025-08-01-storage.md': summaryRecord({ title: 'Storage', status: '✅ Approved', date: '2025-08-01' }),
        },
        findings: [
          { file: '2025-08-01-storage.md', line: 7, column: 13, message: '`2025-08-06-cache.md` (line 16) says it amends this record, but this record has no `Amended by` link back to it' },
        ],
        output: {
          '2025-08-01-storage.md': (summaryRecord({ title: 'Storage', status: '✅ Approved', date: '2025-08-01' })).replace('---\n', '---\n\n## Related Decisions\n\n- Amended by [Cache](2025-08-06-cache.md)\n'),
        },
      },
    ],
  },
  check({ log, byFile, source, today }, report) {
    const spelling = supersededSpelling(log.config ?? {}, log.decisions);
    const pending = new Set<string>();
    for (const decision of log.decisions) {
      // A proposal (or a rejected or aborted record) that would supersede another does not end it yet.
      const inForce = decision.status === null || IN_FORCE.has(decision.status);
      for (const link of decision.links) {
        if (link.kind === 'relates') continue;
        const reverse = reverseKind(link.kind);
        if (link.kind === 'supersedes' && !inForce) continue;
        const target = byFile.get(link.target);
        if (!target || target === decision || target.dialect === 'unknown') continue;
        if (target.links.some((l) => l.target === decision.file && l.kind === reverse)) continue;
        // The older record names another successor: two claims, which supersede-contested reports (adding
        // this one's `Superseded by` would only replace the other successor).
        if (reverse === 'superseded-by' && target.links.some((l) => l.kind === 'superseded-by' && l.target !== target.file && byFile.has(l.target))) continue;
        const key = `${target.file}\0${reverse}\0${decision.file}`;
        if (pending.has(key)) continue;
        pending.add(key);
        const src = source(target.file);
        // The missing half, written exactly as `adr supersede` / `adr link` write it.
        let edits: ReturnType<typeof linkEdits> | null = null;
        if (src) {
          try {
            edits = linkEdits(target, src.text, {
              kind: reverse,
              target: { file: decision.file, title: decision.title, number: decision.number, dialect: decision.dialect },
              spelling,
              today,
            });
          } catch {
            edits = null;
          }
        }
        const label = kindLabel(reverse, spelling);
        report({
          file: target.file,
          ...statusLocation(target),
          message: `\`${decision.file}\` (line ${link.line}) ${KIND_WORDS[link.kind]} this record, but this record has no \`${label}\` link back to it`,
          related: [{ file: decision.file, line: link.line, message: `${link.label ?? link.kind} link` }],
          // MADR and log4brains keep only "superseded by" in the status; their other links live in an optional Links section.
          ...(dialectExpresses(target.dialect, reverse) ? {} : { severity: 'warning' as const }),
          ...(edits && edits.length > 0 ? { fix: { description: `add \`${label} [..](${decision.file})\``, edits } } : {}),
        });
      }
    }
  },
};
