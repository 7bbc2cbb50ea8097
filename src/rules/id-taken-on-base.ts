/** Rule `id-taken-on-base`: a record added on this branch whose number the base branch gives to another record. */
import { nygardRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';
import type { BaseSnapshot } from '../model/index.js';

/** The folder part of a log-relative file (`sub/0003-x.md` → `sub`), '' at the top. */
function folderOf(file: string): string {
  const at = file.lastIndexOf('/');
  return at === -1 ? '' : file.slice(0, at);
}

const BASE: BaseSnapshot = {
  ref: 'origin/main',
  commit: 'b'.repeat(40),
  mergeBase: 'a'.repeat(40),
  records: [
    { file: '0001-x.md', number: 1, addedSince: null },
    { file: '0002-use-redis.md', number: 2, addedSince: { sha: 'c'.repeat(40), author: 'Ana', email: 'ana@example.com', date: '2026-01-10T09:00:00+01:00', subject: 'Decide on Redis' } },
  ],
  addedHere: ['0002-use-kafka.md'],
};

/** The rule object. */
export const rule: Rule = {
  id: 'id-taken-on-base',
  severity: 'error',
  summary: 'A record added on this branch has a number the base branch gives to another record.',
  description:
    'Two branches that each add "the next record" both take the same number, and nothing notices until both are merged and two files say 0042 (the oldest open complaint about adr-tools). With `adr check --base REF` (in a GitHub pull request the base branch is found from `GITHUB_BASE_REF`), every record added on this branch since it left the base is compared with the records of the base: a number the base uses for another file, whether it was taken there before or since this branch started, is reported with the number to move to, free on both sides. `adr renumber FILE --to N` moves it: file, title and every link. Silent without `--base`, and in date-named logs.',
  fixable: false,
  examples: {
    ok: [
      { files: { '0001-x.md': nygardRecord(1, 'Use X', ['Accepted']), '0003-use-kafka.md': nygardRecord(3, 'Use Kafka', ['Proposed']) }, base: { ...BASE, addedHere: ['0003-use-kafka.md'] }, note: 'the branch took a number the base does not use' },
      { files: { '0001-x.md': nygardRecord(1, 'Use X', ['Accepted']) }, note: 'no base given' },
    ],
    notOk: [{ files: { '0001-x.md': nygardRecord(1, 'Use X', ['Accepted']), '0002-use-kafka.md': nygardRecord(2, 'Use Kafka', ['Proposed']) }, base: BASE, note: 'both branches added record 2',
        findings: [{ file: '0002-use-kafka.md', line: 1, column: 1, message: 'Number 2 is also used on origin/main by `0002-use-redis.md`, added there since this branch started (ccccccc by Ana, 2026-01-10); renumber this record: adr renumber 0002-use-kafka.md --to 3' }] }],
  },
  check({ log, base }, report) {
    if (!base) return;
    const added = new Set(base.addedHere);
    // The numbers in use per folder, on either side: a suggested number must be free on both.
    const highest = new Map<string, number>();
    const note = (folder: string, n: number) => highest.set(folder, Math.max(highest.get(folder) ?? 0, n));
    for (const d of log.decisions) if (d.number !== null) note(folderOf(d.file), d.number);
    for (const r of base.records) note(folderOf(r.file), r.number);
    const mine = log.decisions.filter((d) => d.number !== null && added.has(d.file)).sort((a, b) => a.number! - b.number! || (a.file < b.file ? -1 : 1));
    for (const decision of mine) {
      const folder = folderOf(decision.file);
      const taken = base.records.filter((r) => r.number === decision.number && r.file !== decision.file && folderOf(r.file) === folder);
      if (taken.length === 0) continue;
      const next = (highest.get(folder) ?? 0) + 1;
      highest.set(folder, next);
      const others = taken
        .map((r) => {
          const since = r.addedSince ? `, added there since this branch started (${r.addedSince.sha.slice(0, 7)} by ${r.addedSince.author}, ${r.addedSince.date.slice(0, 10)})` : '';
          return `\`${r.file}\`${since}`;
        })
        .join(' and ');
      const name = decision.file.split('/').pop();
      report({
        file: decision.file,
        line: decision.lines.title ?? 1,
        message: `Number ${decision.number} is also used on ${base.ref} by ${others}; renumber this record: adr renumber ${name} --to ${next}`,
      });
    }
  },
};
