/**
 * Rule `applies-to-retired`: the change under review touches files that only superseded, deprecated
 * or aborted decisions govern. Runs when the check knows the change (`adr check --base REF`).
 */
import { affectedBy } from '../lint/applies-to.js';
import { madr3Record } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

/** How many file names a message lists before "and N more". */
const SHOWN = 3;

/** The rule object. */
export const rule: Rule = {
  id: 'applies-to-retired',
  severity: 'warning',
  summary: 'A change touches files governed only by decisions that no longer hold.',
  description:
    'When every decision whose `applies-to` globs match a changed file is superseded, deprecated or aborted, the change follows a decision the team has retired: the code may still be built the old way, or the newer decision forgot to claim these paths. Reported once per retired record, on its applies-to line, with the files; record a current decision for them, or move the globs to the successor. Runs only when the check is told what changed (`adr check --base REF` compares with the merge base, the way `adr affected --base REF` lists it); a file also governed by a live decision is fine.',
  fixable: false,
  examples: {
    ok: [
      {
        files: {
          '0001-use-mysql.md': madr3Record('Use MySQL', { status: 'superseded by ADR-0002', date: '2020-01-01', 'applies-to': '[src/db/**]' }),
          '0002-use-postgres.md': madr3Record('Use Postgres', { status: 'accepted', date: '2021-01-01', 'applies-to': '[src/db/**]' }),
        },
        changed: ['src/db/pool.ts'],
        note: 'the successor governs the same files',
      },
    ],
    notOk: [
      {
        files: {
          '0001-use-jasper.md': madr3Record('Generate reports with Jasper', { status: 'deprecated', date: '2019-01-01', 'applies-to': '[reports/**]' }),
          '0002-use-postgres.md': madr3Record('Use Postgres', { status: 'accepted', date: '2021-01-01', 'applies-to': '[src/db/**]' }),
        },
        changed: ['reports/monthly.ts', 'src/db/pool.ts'],
        note: 'reports/ is governed only by a deprecated decision',
        findings: [
          {
            file: '0001-use-jasper.md',
            line: 4,
            column: 14,
            message: 'This change touches a file governed only by this deprecated decision (`reports/monthly.ts`): record the decision that now holds for it',
          },
        ],
      },
      {
        files: {
          '0001-use-mysql.md': madr3Record('Use MySQL', { status: '"superseded by [ADR-0002](0002-use-postgres.md)"', date: '2020-01-01', 'applies-to': '[docs/**, src/db/**]' }),
          '0002-use-postgres.md': madr3Record('Use Postgres', { status: 'accepted', date: '2021-01-01' }),
        },
        changed: ['src/db/pool.ts', 'src/db/query.ts', 'src/db/schema.ts', 'src/db/types.ts', 'README.md'],
        note: 'the successor forgot to claim src/db/: the message names it, and the glob that matched',
        findings: [
          {
            file: '0001-use-mysql.md',
            line: 4,
            column: 23,
            message:
              'This change touches 4 files governed only by this superseded decision (`src/db/pool.ts`, `src/db/query.ts`, `src/db/schema.ts` and 1 more): check the change against its successor (0002-use-postgres.md) and move these globs there',
          },
        ],
      },
    ],
  },
  check({ log, changedFiles }, report) {
    if (!changedFiles || changedFiles.length === 0) return;
    if (!log.decisions.some((d) => d.appliesTo.length > 0)) return;
    const found = affectedBy(log.decisions, changedFiles);
    const byRecord = new Map<string, string[]>();
    for (const r of found.retiredOnly) for (const d of r.decisions) byRecord.set(d.file, [...(byRecord.get(d.file) ?? []), r.file]);
    for (const [file, files] of byRecord) {
      const d = log.decisions.find((x) => x.file === file)!;
      const matched = found.decisions.find((a) => a.decision === d);
      const at = d.appliesTo.find((a) => matched?.globs.includes(a.glob)) ?? d.appliesTo[0];
      const names = files.slice(0, SHOWN).map((f) => `\`${f}\``).join(', ') + (files.length > SHOWN ? ` and ${files.length - SHOWN} more` : '');
      const successors = d.links.filter((l) => l.kind === 'superseded-by').map((l) => l.target);
      // A successor is where the globs belong; without one, the team has to say what holds now.
      const them = files.length === 1 ? 'it' : 'them';
      const next = successors.length
        ? `check the change against its successor (${successors.join(', ')}) and move these globs there`
        : `record the decision that now holds for ${them}`;
      report({
        file: d.file,
        span: at.span,
        message: `This change touches ${files.length === 1 ? 'a file' : `${files.length} files`} governed only by this ${d.status} decision (${names}): ${next}`,
      });
    }
  },
};
