/** Rule `supersede-contested`: two records claim to supersede one record that names only one of them. */
import { madr2Record, madr3Record, nygardRecord, summaryRecord } from '../lint/examples.js';
import { statusLocation } from '../lint/facts.js';
import type { Rule } from '../lint/rule.js';

// A rejected or aborted record's claim to supersede is history, not a claim in play.
const ENDED = new Set(['rejected', 'aborted']);

/** The rule object. */
export const rule: Rule = {
  id: 'supersede-contested',
  severity: 'error',
  summary: 'Two records claim to supersede one record that names only one of them.',
  description:
    'A record has one successor. When it names one (`Superseded by [B](b.md)`) while another record that is neither rejected nor aborted still says it supersedes it (`Supersedes [A](a.md)`), the log tells two stories: the older record points readers to one replacement, the other claim to a second, and nothing says which is current. It happens when a record is superseded again (`adr new -s A` after `adr supersede A B`). Reported on the older record, in every dialect, with each claim. Keep one successor: `adr supersede OLD NEW --force` makes NEW the only one and takes the other claim out; or supersede the earlier successor instead, so the chain reads A ← B ← C. Competing proposals to supersede a record that names no successor yet are not reported: that is a discussion, not a contradiction.',
  fixable: false,
  examples: {
    ok: [
      {
        files: {
          '0001-x.md': nygardRecord(1, 'Use X', ['Superseded by [3. Use Z](0003-z.md)']),
          '0002-y.md': nygardRecord(2, 'Use Y', ['Rejected', 'Supersedes [1. Use X](0001-x.md)']),
          '0003-z.md': nygardRecord(3, 'Use Z', ['Accepted', 'Supersedes [1. Use X](0001-x.md)']),
        },
        note: 'a rejected proposal to supersede is history',
      },
      {
        files: {
          '0001-x.md': nygardRecord(1, 'Use X', ['Accepted']),
          '0002-y.md': nygardRecord(2, 'Use Y', ['Proposed', 'Supersedes [1. Use X](0001-x.md)']),
          '0003-z.md': nygardRecord(3, 'Use Z', ['Proposed', 'Supersedes [1. Use X](0001-x.md)']),
        },
        note: 'two proposals to supersede a record that names no successor yet',
      },
    ],
    notOk: [
      {
        files: {
          '2026-01-01-mysql.md': summaryRecord({ title: 'Use MySQL', status: 'Superseded by [Use PostgreSQL 16](2026-01-03-postgresql-16.md)' }),
          '2026-01-02-postgresql.md': summaryRecord({ title: 'Use PostgreSQL', status: '❓ **Under Discussion**', body: '## Related Decisions\n\n- Supersedes [Use MySQL](2026-01-01-mysql.md)' }),
          '2026-01-03-postgresql-16.md': summaryRecord({ title: 'Use PostgreSQL 16', status: '❓ **Under Discussion**', body: '## Related Decisions\n\n- Supersedes [Use MySQL](2026-01-01-mysql.md)' }),
        },
        note: 'superseded a second time: the first claim was left behind',
        findings: [
          { file: '2026-01-01-mysql.md', line: 7, column: 13, message: '`2026-01-02-postgresql.md` (line 16) says it supersedes this record, but it names only `2026-01-03-postgresql-16.md` as its successor; keep one successor (`adr supersede OLD NEW --force` takes the other claim out)' },
        ],
      },
      {
        files: {
          '0001-x.md': madr2Record('Use X', 'superseded by [Use Z](0003-z.md)'),
          '0002-y.md': `${madr2Record('Use Y', 'accepted')}\n## Links\n\n* Supersedes [Use X](0001-x.md)\n`,
          '0003-z.md': madr3Record('Use Z', { status: 'accepted' }) + '\n## More Information\n\n- Supersedes [Use X](0001-x.md)\n',
        },
        findings: [
          { file: '0001-x.md', line: 3, column: 11, message: '`0002-y.md` (line 17) says it supersedes this record, but it names only `0003-z.md` as its successor; keep one successor (`adr supersede OLD NEW --force` takes the other claim out)' },
        ],
      },
    ],
  },
  check({ log, byFile }, report) {
    for (const older of log.decisions) {
      const named = new Set(older.links.filter((l) => l.kind === 'superseded-by' && l.target !== older.file && byFile.has(l.target)).map((l) => l.target));
      if (named.size === 0) continue;
      const claims: Array<{ file: string; line: number }> = [];
      for (const d of log.decisions) {
        if (d === older || (d.status !== null && ENDED.has(d.status))) continue;
        const link = d.links.find((l) => l.kind === 'supersedes' && l.target === older.file);
        if (link) claims.push({ file: d.file, line: link.line });
      }
      const stale = claims.filter((c) => !named.has(c.file));
      if (stale.length === 0) continue;
      const who = stale.map((c) => `\`${c.file}\` (line ${c.line})`).join(' and ');
      const names = [...named].map((f) => `\`${f}\``).join(' and ');
      report({
        file: older.file,
        ...statusLocation(older),
        message: `${who} ${stale.length === 1 ? 'says it supersedes' : 'say they supersede'} this record, but it names only ${names} as its successor; keep one successor (\`adr supersede OLD NEW --force\` takes the other claim out)`,
        related: claims.map((c) => ({ file: c.file, line: c.line, message: named.has(c.file) ? 'supersedes this record (named as its successor)' : 'supersedes this record (not named by it)' })),
      });
    }
  },
};
