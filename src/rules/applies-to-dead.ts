/** Rule `applies-to-dead`: a live decision's `applies-to` glob matches no file of the repository. */
import { AppliesToIndex, RETIRED_STATUSES } from '../lint/applies-to.js';
import { madr3Record, summaryRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';
import type { Decision } from '../model/index.js';

/** Why a glob can never match a repository path, or null. */
function impossible(glob: string): string | null {
  if (/^[A-Za-z]:[\\/]/.test(glob) || glob.startsWith('~')) return 'is not a path inside the repository';
  if (glob.split('/').includes('..')) return 'leaves the repository (`..`); globs are relative to the repository root';
  return null;
}

/** The rule object. */
export const rule: Rule = {
  id: 'applies-to-dead',
  severity: 'warning',
  summary: 'An applies-to glob matches no file in the repository.',
  description:
    'A record that names the paths it governs (`applies-to: [src/db/**]`, `**Applies to**: `src/db/**``) tells reviewers and agents which decisions to read before changing those files. A glob that matches nothing governs nothing: the code moved or was removed, or the glob has a typo, and the decision may be stale. Globs are matched against the repository\'s files (`git ls-files`, tracked and untracked but not ignored; without git, a walk that honours `.gitignore`), relative to the repository root. Superseded, deprecated, aborted and rejected records are not asked: their code may well be gone. `!` globs (exclusions) are not checked. Silent when the repository cannot be listed.',
  fixable: false,
  examples: {
    ok: [
      {
        files: { '0001-use-postgres.md': madr3Record('Use Postgres', { status: 'accepted', date: '2025-01-01', 'applies-to': '[src/db/**, "*.sql"]' }) },
        repo: ['src/db/pool.ts', 'migrations/0001.sql', 'README.md'],
        note: 'both globs match files',
      },
      {
        files: { '0001-use-mysql.md': madr3Record('Use MySQL', { status: 'superseded by ADR-0002', date: '2020-01-01', 'applies-to': '[src/mysql/**]' }) },
        repo: ['src/db/pool.ts'],
        note: 'a superseded decision may name code that is gone',
      },
    ],
    notOk: [
      {
        files: {
          '2025-01-10-api-style.md': summaryRecord({ title: 'API style', status: '✅ **Decided**', body: '## Decision\n\nREST.' }).replace('**Category**', '**Applies to**: `src/rest/**`, `api/openapi.yaml`\\\n**Category**'),
        },
        repo: ['src/api/routes.ts', 'api/openapi.yaml'],
        note: '`src/rest/**` matches nothing: the code lives in src/api/',
        findings: [
          {
            file: '2025-01-10-api-style.md',
            line: 10,
            column: 18,
            message:
              'The applies-to glob `src/rest/**` matches no file in the repository: the code it governed moved or is gone, and the decision may be stale; update the glob (relative to the repository root) or the decision',
          },
        ],
      },
    ],
  },
  check({ log, repoFiles }, report) {
    const live = log.decisions.filter((d) => d.appliesTo.length > 0 && !RETIRED_STATUSES.has(d.status ?? '') && d.status !== 'rejected');
    if (live.length === 0) return;
    const files = repoFiles?.() ?? null;
    if (files === null) return;
    const matched = new AppliesToIndex(live).liveGlobs(files);
    const reportGlob = (d: Decision, a: Decision['appliesTo'][number], message: string) => report({ file: d.file, span: a.span, message });
    for (const d of live) {
      for (const a of d.appliesTo) {
        if (a.glob.startsWith('!')) continue;
        const why = impossible(a.glob);
        if (why) {
          reportGlob(d, a, `The applies-to glob \`${a.glob}\` ${why}`);
          continue;
        }
        if (matched.has(a.glob)) continue;
        reportGlob(d, a, `The applies-to glob \`${a.glob}\` matches no file in the repository: the code it governed moved or is gone, and the decision may be stale; update the glob (relative to the repository root) or the decision`);
      }
    }
  },
};
