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

/** The rule object. */
export const rule: Rule = {
  id: 'status-missing',
  severity: 'warning',
  summary: 'A record declares no status.',
  description:
    'Every record should say where it stands (proposed, accepted, aborted, …), or lists, the overview and the site cannot tell a live decision from a dead one. Reported for the summary format, Nygard/adr-tools and MADR 2/log4brains records that have no status line; MADR 3/4 records are left alone because their templates make `status` optional, and files in no known dialect are left alone.',
  fixable: false,
  examples: {
    ok: [
      { files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache layer', status: '✅ Approved' }) } },
      { files: { '0001-record.md': nygardRecord(1, 'Record architecture decisions', ['Accepted']) } },
      { files: { '0002-x.md': madr3Record('Use X', { date: '2020-01-01' }) }, note: 'MADR 3 front matter without status is allowed' },
    ],
    notOk: [
      { files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache layer', status: null }) } },
      { files: { '0003-x.md': madr2Record('Use X', 'accepted').replace('* Status: accepted\n', '') } },
    ],
  },
  check({ log }, report) {
    for (const decision of log.decisions) {
      const where = WHERE[decision.dialect];
      if (!where || decision.statusDeclarations.some((d) => d.site !== 'sub-decision')) continue;
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
