/** Rule `status-missing`: a record that declares no status where its dialect has one. */
import type { Dialect } from '../model/index.js';
import { madr2Record, madr3Record, nygardRecord, summaryRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

// Where each dialect puts its status; MADR 3/4 make `status` optional, so they are not asked.
const WHERE: Partial<Record<Dialect, string>> = {
  summary: 'a `**Status**: …` line in the Decision Summary',
  nygard: 'a `## Status` section with the status as its first paragraph',
  madr2: 'a `* Status: …` bullet under the title',
  log4brains: 'a `- Status: …` bullet under the title',
};

const MADR = new Set<Dialect>(['madr2', 'log4brains', 'madr3', 'madr4']);

/** The rule object. */
export const rule: Rule = {
  id: 'status-missing',
  severity: 'warning',
  summary: 'A record declares no status.',
  description:
    'Every record should say where it stands (proposed, accepted, aborted, …), or lists, the overview and the site cannot tell a live decision from a dead one. Reported for the summary format and Nygard/adr-tools records that have no status line. MADR and log4brains templates mark the status optional, so a MADR 2/log4brains record is asked for one only where the log\'s own MADR records declare theirs (two thirds of at least three); in a log that has MADR 3/4 records (front matter) its MADR records are judged by that generation, which asks for none. Files in no known dialect are left alone.',
  fixable: false,
  examples: {
    ok: [
      { files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache layer', status: '✅ Approved' }) } },
      { files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted']) } },
      { files: { '0002-x.md': madr3Record('Use X', { date: '2020-01-01' }) }, note: 'MADR 3 front matter without status is allowed' },
      { files: { '0003-x.md': madr2Record('Use X', 'accepted').replace('* Status: accepted\n', '') }, note: 'a MADR 2 log that does not declare statuses' },
      {
        files: {
          '0001-v.md': madr3Record('Use V', { status: 'accepted', date: '2024-01-01' }),
          '0002-w.md': madr2Record('Use W', 'accepted').replace('* Status: accepted\n', ''),
          '0003-x.md': madr2Record('Use X', 'accepted').replace('* Status: accepted\n', ''),
        },
        note: 'older records of a MADR 4 log without front matter',
      },
    ],
    notOk: [
      {
        files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache layer', status: null }) },
        findings: [
          { file: '2025-08-06-cache.md', line: 1, column: 1, message: 'No status declared; expected a `**Status**: …` line in the Decision Summary' },
        ],
      },
      {
        files: {
          '0001-v.md': madr2Record('Use V', 'accepted'),
          '0002-w.md': madr2Record('Use W', 'accepted'),
          '0003-x.md': madr2Record('Use X', 'accepted').replace('* Status: accepted\n', ''),
        },
        note: 'the log\'s other MADR 2 records declare their status',
        findings: [
          { file: '0003-x.md', line: 1, column: 1, message: 'No status declared; expected a `* Status: …` bullet under the title' },
        ],
      },
    ],
  },
  check({ log }, report) {
    // What the log's MADR generation asks of its MADR records: MADR 3/4 (front matter) none; MADR 2
    // and log4brains a status where the log's own MADR records mostly declare one.
    const madr = log.decisions.filter((d) => MADR.has(d.dialect));
    const modern = madr.some((d) => d.dialect === 'madr3' || d.dialect === 'madr4');
    const declaring = madr.filter((d) => d.statusDeclarations.some((s) => s.site !== 'sub-decision')).length;
    const madrAsks = !modern && madr.length >= 3 && declaring * 3 >= madr.length * 2;
    for (const decision of log.decisions) {
      const where = WHERE[decision.dialect];
      if (!where || decision.statusDeclarations.some((d) => d.site !== 'sub-decision')) continue;
      if (MADR.has(decision.dialect) && !madrAsks) continue;
      // A record made only of sub-decisions carries its statuses there.
      if (decision.status !== null || decision.subDecisions.some((s) => s.status !== null)) continue;
      report({
        file: decision.file,
        line: decision.lines.title ?? 1,
        message: `No status declared; expected ${where}`,
      });
    }
  },
};
