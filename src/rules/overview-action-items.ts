/** Rule `overview-action-items`: the overview's open action items disagree with the records'. */
import type { Decision } from '../model/index.js';
import { itemKey, pairReworded, sameItem } from '../model/items.js';
import { horizonOf } from '../parse/vocab.js';
import { overviewFile, summaryRecord } from '../lint/examples.js';
import { hunkAddingItem, hunkAt, hunkFix, IN_STEP, judgeOverview, overviewRecord } from '../lint/overview-table.js';
import type { Problem, Rule } from '../lint/rule.js';

const ROW = '| 🏗️ Infra | [Cache](decisions/2025-08-06-cache.md) | Use Redis | 6.8.25 | 🔴 | **✓** | 📌 |';
const cache = (items: string[]) => summaryRecord({ title: 'Cache', status: '✅ Approved', priority: '🔴 **Urgent**', actionItems: ['### 🔴 This Week (Urgent)', '', ...items] });

/** The rule object. */
export const rule: Rule = {
  id: 'overview-action-items',
  severity: 'warning',
  summary: 'The overview\'s open action items disagree with the records.',
  description:
    'The overview\'s `## 🎯 Action Items` repeats every record\'s open items, each ending in a reference to its record (`[[Cache]](decisions/2025-08-06-cache.md)`). Three kinds of drift are reported: an item the overview lists as open that its record has closed (or no longer has), an open item of a record that the overview does not list, and an item listed under another horizon (This Week, Next 2 Weeks, This Month) than in its record. Texts are compared without markup, emoji or case; an item reworded on one side (at least half of its significant words shared with an unmatched item of the same record) counts as listed. Logs whose overview has no Action Items list are not checked, nor are records of dialects without action items. Where `adr overview` would add, strike or move the item, `--fix` does the same.',
  fixable: true,
  examples: {
    ok: [{ files: { '2025-08-06-cache.md': cache(['- [ ] Deploy Redis']) }, overview: overviewFile([ROW], ['- [ ] Deploy Redis [[Cache]](decisions/2025-08-06-cache.md)']) }],
    notOk: [
      {
        files: { '2025-08-06-cache.md': cache(['- [x] ~~Deploy Redis~~ ✅ done', '- [ ] Monitor Redis']) },
        overview: overviewFile([ROW], ['- [ ] Deploy Redis [[Cache]](decisions/2025-08-06-cache.md)', '- [ ] Monitor Redis [[Cache]](decisions/2025-08-06-cache.md)']),
        note: 'the record closed the item, the overview still lists it',
        findings: [
          { file: '../DECISIONS.md', line: 13, column: 1, message: 'The overview lists `Deploy Redis` as open, but `2025-08-06-cache.md` (line 16) marks it done (`adr overview` or `adr check --fix` brings it in step)' },
        ],
        output: {
          '../DECISIONS.md': (overviewFile([ROW], ['- [ ] Deploy Redis [[Cache]](decisions/2025-08-06-cache.md)', '- [ ] Monitor Redis [[Cache]](decisions/2025-08-06-cache.md)'])).replace('- [ ] Deploy Redis [[Cache]](decisions/2025-08-06-cache.md)\n', '- [x] ~~Deploy Redis~~ ✅ done [[Cache]](decisions/2025-08-06-cache.md)\n'),
        },
      },
      {
        files: { '2025-08-06-cache.md': cache(['- [ ] Deploy Redis', '- [ ] Monitor Redis']) },
        overview: overviewFile([ROW], ['- [ ] Deploy Redis [[Cache]](decisions/2025-08-06-cache.md)']),
        findings: [
          { file: '2025-08-06-cache.md', line: 17, column: 1, message: 'Open action item `Monitor Redis` is missing from the overview\'s Action Items (`adr overview` or `adr check --fix` brings it in step)' },
        ],
        output: {
          '../DECISIONS.md': (overviewFile([ROW], ['- [ ] Deploy Redis [[Cache]](decisions/2025-08-06-cache.md)'])).replace('- [ ] Deploy Redis [[Cache]](decisions/2025-08-06-cache.md)\n\n', '- [ ] Deploy Redis [[Cache]](decisions/2025-08-06-cache.md)\n- [ ] Monitor Redis [[Cache]](decisions/2025-08-06-cache.md)\n\n'),
        },
      },
      {
        files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved', actionItems: ['### 🟢 This Month (Planning)', '', '- [ ] Deploy Redis'] }) },
        overview: overviewFile([ROW], ['- [ ] Deploy Redis [[Cache]](decisions/2025-08-06-cache.md)']),
        note: 'This Month in the record, This Week in the overview',
        findings: [
          { file: '../DECISIONS.md', line: 13, column: 1, message: 'The overview lists `Deploy Redis` under "🔴 This Week (Urgent)", but `2025-08-06-cache.md` (line 16) has it under "🟢 This Month (Planning)"' },
        ],
      },
    ],
  },
  check(context, report) {
    const { log, byFile } = context;
    const overview = log.overview;
    if (!overview || overview.actionItems.length === 0) return;
    // What `adr overview` does about an item (adds it, strikes it, moves it) is the fix, where it does something.
    const withFix = (problem: Problem, item?: string): Problem => {
      const judged = judgeOverview(context);
      const hunk = judged && (item === undefined ? hunkAt(judged, problem.line ?? 1) : hunkAddingItem(judged, item));
      return judged && hunk ? { ...problem, message: `${problem.message} (${IN_STEP})`, fix: hunkFix(judged, hunk) } : problem;
    };
    const listed = overview.actionItems.map((item) => ({ item, key: itemKey(item.text), record: overviewRecord(item.target, byFile) }));
    const matched = new Set<number>();
    const openOf = (d: Decision) => d.actionItems.filter((i) => !i.done && !i.aborted);

    // Reported once the items of both sides are matched: an item reworded on one side pairs up below.
    const unlisted: Array<{ index: number; record: Decision }> = [];
    const missing: Array<{ item: Decision['actionItems'][number]; record: Decision }> = [];
    for (const [index, entry] of listed.entries()) {
      if (!entry.record) continue;
      const record = entry.record;
      if (openOf(record).some((i) => sameItem(itemKey(i.text), entry.key))) continue;
      const closed = record.actionItems.find((i) => (i.done || i.aborted) && sameItem(itemKey(i.text), entry.key));
      if (!closed) {
        unlisted.push({ index, record });
        continue;
      }
      report(
        withFix({
          file: overview.file,
          line: entry.item.line,
          message: `The overview lists \`${entry.item.text}\` as open, but \`${record.file}\` (line ${closed.line}) marks it ${closed.aborted ? 'aborted' : 'done'}`,
          related: [{ file: record.file, line: closed.line, message: 'closed here' }],
        }),
      );
    }

    // Overview items by the record they name (unassigned ones can match any record), so the
    // comparison stays linear in the size of the log.
    const byRecord = new Map<Decision | undefined, number[]>();
    listed.forEach((entry, i) => {
      const key = entry.item.target ? entry.record : undefined;
      const list = byRecord.get(key);
      if (list) list.push(i);
      else byRecord.set(key, [i]);
    });
    for (const record of log.decisions) {
      for (const item of openOf(record)) {
        const key = itemKey(item.text);
        const find = (candidates: number[] | undefined) => candidates?.find((i) => !matched.has(i) && sameItem(listed[i].key, key));
        const index = find(byRecord.get(record)) ?? find(byRecord.get(undefined));
        if (index !== undefined) {
          matched.add(index);
          // Listed, but under another horizon (This Week in one place, This Month in the other).
          const listedHorizon = horizonOf(listed[index].item.group);
          if (item.horizon && listedHorizon && listedHorizon !== item.horizon && item.horizon !== 'none' && listedHorizon !== 'none') {
            report(
              withFix({
                file: overview.file,
                line: listed[index].item.line,
                message: `The overview lists \`${listed[index].item.text}\` under "${listed[index].item.group}", but \`${record.file}\` (line ${item.line}) has it under "${item.group}"`,
                related: [{ file: record.file, line: item.line, message: 'the item in its record' }],
              }),
            );
          }
          continue;
        }
        missing.push({ item, record });
      }
    }

    // The same task in other words on the two sides (`Timebox logfusion website` in the overview,
    // `Timebox website development` in the record) is one item, as `adr overview` pairs them.
    const paired = new Set<object>();
    for (const record of new Set(unlisted.map((u) => u.record))) {
      const left = unlisted.filter((u) => u.record === record && !matched.has(u.index));
      const right = missing.filter((m) => m.record === record);
      if (!left.length || !right.length) continue;
      for (const [a, b] of pairReworded(left.map((u) => listed[u.index].key), right.map((m) => itemKey(m.item.text)))) {
        paired.add(left[a]);
        paired.add(right[b]);
      }
    }
    for (const u of unlisted) {
      if (paired.has(u) || matched.has(u.index)) continue;
      const entry = listed[u.index];
      report(
        withFix({
          file: overview.file,
          line: entry.item.line,
          message: `The overview lists \`${entry.item.text}\` as an open item of \`${u.record.file}\`, which has no such open item`,
        }),
      );
    }
    for (const m of missing) {
      if (paired.has(m)) continue;
      report(withFix({ file: m.record.file, span: m.item.span, message: `Open action item \`${m.item.text}\` is missing from the overview's Action Items` }, m.item.text));
    }
  },
};
