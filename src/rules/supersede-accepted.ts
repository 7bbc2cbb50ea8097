/** Rule `supersede-accepted`: a record still accepted although it has been superseded. */
import { statusLocation } from '../lint/facts.js';
import { nygardRecord, supersedePair } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

// A proposal that would supersede a record does not end it until it is itself decided.
const IN_FORCE = new Set(['accepted', 'deprecated', 'superseded']);

/** The rule object. */
export const rule: Rule = {
  id: 'supersede-accepted',
  severity: 'error',
  summary: 'An accepted record is superseded by another.',
  description:
    'When a decided record says it supersedes an older one, the older one is no longer in force, yet its status still reads accepted, so lists and the site present two contradicting decisions as current. Reported when an accepted record is named by a `Supersedes` link of a record that is itself decided (a mere proposal to supersede does not count), or when an accepted record links its own successor with `Superseded by`. Change its status to superseded (`adr supersede` does both sides).',
  fixable: false,
  examples: {
    ok: [
      { files: supersedePair() },
      {
        files: {
          '0001-x.md': nygardRecord(1, 'Use X', ['Accepted']),
          '0002-y.md': nygardRecord(2, 'Use Y', ['Proposed', 'Supersedes [1. Use X](0001-x.md)']),
        },
        note: 'a proposal to supersede leaves the old record in force',
      },
    ],
    notOk: [
      {
        files: {
          '0001-x.md': nygardRecord(1, 'Use X', ['Accepted']),
          '0002-y.md': nygardRecord(2, 'Use Y', ['Accepted', 'Supersedes [1. Use X](0001-x.md)']),
        },
        findings: [
          { file: '0001-x.md', line: 7, column: 1, message: 'Status `accepted`, but `0002-y.md` (line 9) supersedes this record; expected `superseded`' },
        ],
      },
    ],
  },
  check({ log, byFile }, report) {
    for (const decision of log.decisions) {
      if (decision.status !== 'accepted') continue;
      const claims = decision.backlinks.filter((b) => {
        if (b.kind !== 'supersedes' || b.file === decision.file) return false;
        const by = byFile.get(b.file);
        return !by || by.status === null || IN_FORCE.has(by.status);
      });
      const own = decision.links.find((l) => l.kind === 'superseded-by' && l.target !== decision.file);
      if (claims.length === 0 && !own) continue;
      const who = claims.length > 0 ? `\`${claims[0].file}\` (line ${claims[0].line}) supersedes this record` : `this record says it is superseded by \`${own!.target}\` (line ${own!.line})`;
      report({
        file: decision.file,
        ...statusLocation(decision),
        message: `Status \`accepted\`, but ${who}; expected \`superseded\``,
        related: claims.map((c) => ({ file: c.file, line: c.line, message: 'supersedes this record' })),
      });
    }
  },
};
