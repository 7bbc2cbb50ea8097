/**
 * Rule `overview-stale`: the overview is not what `adr overview` would write. The one judge of the
 * overview (src/store/overview-judge.ts) says what `adr overview` writes; every run of lines it
 * changes is reported here, unless one of the other overview rules already reports it with a
 * sharper message (a row's Status, a missing row, a dead link, an open item), so `adr check`
 * reports everything `adr overview --check` finds, once.
 */
import type { Decision } from '../model/index.js';
import type { LineHunk } from '../edit/diff.js';
import { itemKey, sameItem } from '../model/items.js';
import { summaryRecord } from '../lint/examples.js';
import { hunkFix, IN_STEP, judgeOverview } from '../lint/overview-table.js';
import { describeHunk } from '../store/overview-judge.js';
import type { Problem, Rule, RuleContext } from '../lint/rule.js';
import { rule as actionItems } from './overview-action-items.js';
import { rule as deadLink } from './overview-dead-link.js';
import { rule as missingRow } from './overview-missing-row.js';
import { rule as rowDate } from './overview-row-date.js';
import { rule as rowDrift } from './overview-row-drift.js';

/** The rules whose findings explain a change of the judge better than this one can. */
const SHARPER = [rowDrift, rowDate, missingRow, deadLink, actionItems];

/** What the sharper rules report: overview lines, records without a row, open items missing from the list. */
interface Covered {
  lines: Set<number>;
  missingRows: Set<string>;
  missingItems: string[];
  closedItems: boolean;
}

function covered(context: RuleContext, overview: string): Covered {
  const found: Covered = { lines: new Set(), missingRows: new Set(), missingItems: [], closedItems: false };
  const report = (p: Problem) => {
    if (p.file === overview) {
      found.lines.add(p.span?.start.line ?? p.line ?? 1);
      if (/ as open, but /.test(p.message)) found.closedItems = true;
      for (const r of p.related ?? []) if (/without a row/.test(r.message)) found.missingRows.add(r.file);
      return;
    }
    // An open item missing from the overview is reported on its record.
    const record: Decision | undefined = context.byFile.get(p.file);
    const line = p.span?.start.line ?? p.line;
    const item = record?.actionItems.find((i) => i.line === line);
    if (item) found.missingItems.push(itemKey(item.text));
  };
  for (const rule of SHARPER) if (context.runs(rule.id)) rule.check(context, report);
  return found;
}

/** Whether a line the judge adds is one a sharper rule asks for (or the blank line or heading around it). */
function explained(line: string, found: Covered): boolean {
  const text = line.replace(/\r?\n$/, '');
  if (text.trim() === '' || /^ {0,3}#{1,6}\s/.test(text)) return true;
  const open = /^\s*[-*+] \[ \]\s*(.*)$/.exec(text);
  if (open) return found.missingItems.some((key) => sameItem(itemKey(open[1]), key));
  if (/^\s*[-*+] \[[xX]\]/.test(text)) return found.closedItems;
  if (/^\s{0,3}\|/.test(text)) return [...found.missingRows].some((file) => text.includes(`${file})`) || text.includes(`${encodeURI(file)})`));
  return false;
}

function coveredHunk(hunk: LineHunk, found: Covered): boolean {
  for (let n = hunk.line; n < hunk.line + hunk.oldLines.length; n++) if (!found.lines.has(n)) return false;
  // A rewritten line stands for the finding on it; lines added beyond the ones rewritten must be asked for.
  return hunk.newLines.slice(hunk.oldLines.length).every((l) => explained(l, found));
}

const CACHE = summaryRecord({ title: 'Cache', status: '✅ Approved', date: '2025-08-06' });
const QUEUE = summaryRecord({ title: 'Queue', status: '❓ Under Discussion', date: '2025-08-07' });
/** An overview whose generated documents table lists `documents` (as `adr overview` writes it: one row a record). */
const DOCUMENTS = (documents: string[]) =>
  ['# Decisions', '', '<!-- adr:begin documents -->', '## 📁 Detailed Decision Documents', '', '| Date | Document | Summary |', '|---|---|---|', ...documents, '<!-- adr:end documents -->', ''].join('\n');

/** The rule object. */
export const rule: Rule = {
  id: 'overview-stale',
  severity: 'warning',
  summary: 'The overview is not what `adr overview` would write.',
  description:
    'One judge decides whether the overview (DECISIONS.md) is in step with the records: the text `adr overview` writes, the marked `adr:` regions regenerated and a hand-kept overview merged in place (its own rows, wording and items kept). `adr overview --check` fails when that text differs from the file; this rule reports each changed run of lines that no sharper overview rule (a row\'s cells, a missing row, a dead link, an open item) already reports: a documents or history table behind its records, a Tasks cell of a finished record, a row out of order, a generated line edited by hand. `--fix` writes the lines `adr overview` would write; a moved "Last Updated" date alone is never reported.',
  fixable: true,
  examples: {
    ok: [{ files: { '2025-08-06-cache.md': CACHE, '2025-08-07-queue.md': QUEUE }, overview: DOCUMENTS(['| 2025-08-06 | [Cache](decisions/2025-08-06-cache.md) | - |', '| 2025-08-07 | [Queue](decisions/2025-08-07-queue.md) | - |']) }],
    notOk: [
      {
        files: { '2025-08-06-cache.md': CACHE, '2025-08-07-queue.md': QUEUE },
        overview: DOCUMENTS(['| 2025-08-06 | [Cache](decisions/2025-08-06-cache.md) | - |']),
        note: 'the documents table lacks a record',
        findings: [
          { file: '../DECISIONS.md', line: 9, column: 1, message: 'The overview is not in step with the records: `adr overview` adds a line here, `| 2025-08-07 | [Queue](decisions/2025-08-07-queue.md) | - |` (`adr overview` or `adr check --fix` brings it in step)' },
        ],
        output: {
          '../DECISIONS.md': (DOCUMENTS(['| 2025-08-06 | [Cache](decisions/2025-08-06-cache.md) | - |'])).replace('<!-- adr:end documents -->\n', '| 2025-08-07 | [Queue](decisions/2025-08-07-queue.md) | - |\n<!-- adr:end documents -->\n'),
        },
      },
    ],
  },
  check(context, report) {
    const judged = judgeOverview(context);
    if (!judged || judged.hunks.length === 0) return;
    const found = covered(context, judged.file);
    for (const hunk of judged.hunks) {
      if (coveredHunk(hunk, found)) continue;
      report({
        file: judged.file,
        line: Math.min(hunk.line, judged.text.split('\n').length),
        message: `The overview is not in step with the records: ${describeHunk(hunk)} (${IN_STEP})`,
        fix: hunkFix(judged, hunk),
      });
    }
  },
};
