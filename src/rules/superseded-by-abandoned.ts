/** Rule `superseded-by-abandoned`: a record superseded by one that was rejected or aborted. */
import { nygardRecord, summaryRecord } from '../lint/examples.js';
import { statusLocation } from '../lint/facts.js';
import type { Rule } from '../lint/rule.js';

const ENDED = new Set(['rejected', 'aborted']);

/** The rule object. */
export const rule: Rule = {
  id: 'superseded-by-abandoned',
  severity: 'warning',
  summary: 'A record is superseded by one that was rejected or aborted.',
  description:
    'A superseded record sends readers to its successor. When that successor was rejected or aborted, nothing is in force on the matter: the older record was probably never replaced (its status should come back) or was replaced by another record (name that one). Reported on the older record, when it names the rejected or aborted record as its successor. `adr supersede` and `adr new -s` warn when they write such a link.',
  fixable: false,
  examples: {
    ok: [
      {
        files: {
          '0001-x.md': nygardRecord(1, 'Use X', ['Accepted']),
          '0002-y.md': nygardRecord(2, 'Use Y', ['Rejected', 'Supersedes [1. Use X](0001-x.md)']),
        },
        note: 'a rejected proposal to supersede, the older record still in force',
      },
    ],
    notOk: [
      {
        files: {
          '0001-x.md': nygardRecord(1, 'Use X', ['Superseded by [2. Use Y](0002-y.md)']),
          '0002-y.md': nygardRecord(2, 'Use Y', ['Rejected', 'Supersedes [1. Use X](0001-x.md)']),
        },
        findings: [
          { file: '0001-x.md', line: 7, column: 1, message: 'Superseded by `0002-y.md`, which is rejected; nothing replaces this record, so bring its status back (`adr status`) or name the record that did replace it' },
        ],
      },
      {
        files: {
          '2026-01-01-kafka.md': summaryRecord({ title: 'Adopt Kafka', status: '**✗** **ABORTED** - too heavy', body: '## Related Decisions\n\n- Supersedes [Use RabbitMQ](2025-06-01-rabbitmq.md)' }),
          '2025-06-01-rabbitmq.md': summaryRecord({ title: 'Use RabbitMQ', status: 'Superseded by [Adopt Kafka](2026-01-01-kafka.md)', date: '2025-06-01' }),
        },
        findings: [
          { file: '2025-06-01-rabbitmq.md', line: 7, column: 13, message: 'Superseded by `2026-01-01-kafka.md`, which is aborted; nothing replaces this record, so bring its status back (`adr status`) or name the record that did replace it' },
        ],
      },
    ],
  },
  check({ log, byFile }, report) {
    for (const older of log.decisions) {
      if (older.status !== 'superseded') continue;
      for (const link of older.links) {
        if (link.kind !== 'superseded-by') continue;
        const successor = byFile.get(link.target);
        if (!successor || successor === older || successor.status === null || !ENDED.has(successor.status)) continue;
        report({
          file: older.file,
          ...statusLocation(older),
          message: `Superseded by \`${successor.file}\`, which is ${successor.status}; nothing replaces this record, so bring its status back (\`adr status\`) or name the record that did replace it`,
          related: [{ file: successor.file, line: successor.lines.status ?? successor.lines.title ?? 1, message: `${successor.status}` }],
        });
      }
    }
  },
};
