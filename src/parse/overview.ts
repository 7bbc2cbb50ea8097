/**
 * The overview file (DECISIONS.md, FORMAT.md §2): the decision table and the open action
 * items it lists, read so that `adr check` can compare them with the records.
 */
import { posix } from 'node:path';
import type { Overview, OverviewRow, Status, TaskState } from '../model/index.js';
import { safeRepair } from './context.js';
import { findLinks, plainText } from './inline.js';
import { scan, type Scan, type ScanLine } from './scan.js';
import { findTables, splitRow, type Table } from './table.js';
import { canonicalPriority, canonicalStatus, parseDate } from './vocab.js';

/**
 * The columns of a decision table by their meaning, or null when the table is not one: a table
 * with Topic and Status columns, or the older overview's, which has no Topic column (its Decision
 * column links the record and its Considerations or Summary column says what was decided).
 */
export function decisionColumns(columns: readonly string[]): string[] | null {
  if (columns.includes('status') && !columns.includes('topic') && columns.includes('decision')) {
    return columns.map((n) => (n === 'decision' ? 'topic' : n === 'considerations' || n === 'summary' ? 'decision' : n));
  }
  return columns.includes('topic') && columns.includes('status') ? [...columns] : null;
}

/** The decision tables of an overview's text (see `decisionColumns`), with their columns by meaning. */
export function decisionTables(text: string): Array<Table & { meaning: string[] }> {
  return decisionTablesOf(scan(text));
}

function decisionTablesOf(s: Scan): Array<Table & { meaning: string[] }> {
  const content = (n: number) => {
    const kind = s.lines[n - 1]?.kind;
    return kind !== 'code' && kind !== 'fence' && kind !== 'front-matter';
  };
  const out: Array<Table & { meaning: string[] }> = [];
  for (const table of findTables(s.lines.map((l) => l.text), content)) {
    const meaning = decisionColumns(table.columns);
    if (meaning) out.push({ ...table, meaning });
  }
  return out;
}

/** The Status column's markers (has the decision been made). */
export function overviewStatus(text: string): Status | null {
  const t = plainText(text);
  if (/^(✓|✔|✅)/u.test(t) || /^decided|^accepted|^approved/i.test(t)) return 'accepted';
  if (/^(✗|❌|✖)/u.test(t)) return 'aborted';
  if (/^⏸/u.test(t)) return 'postponed';
  if (/^(❓|🔄)/u.test(t)) return 'proposed';
  return canonicalStatus(t);
}

/** The Tasks column's markers (is the decision carried out). */
export function overviewTasks(text: string): TaskState | null {
  const t = plainText(text);
  if (/^(◯|○|⭕)/u.test(t) || /^not started/i.test(t)) return 'not-started';
  if (/^📌/u.test(t) || /^queued/i.test(t)) return 'queued';
  if (/^🏃/u.test(t) || /^in progress/i.test(t)) return 'in-progress';
  if (/^(✓|✔|✅)/u.test(t) || /^done/i.test(t)) return 'done';
  if (/^(✗|❌|✖)/u.test(t) || /^aborted/i.test(t)) return 'aborted';
  if (/^(—|–|-|n\/a)$/u.test(t) || /^not applicable/i.test(t)) return 'not-applicable';
  return null;
}

/** Resolves a link written in the overview to a path relative to the log folder (or null). */
function toLogPath(overviewFile: string, logName: string, dest: string): { target: string; anchor: string | null } | null {
  if (!dest || dest.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(dest)) return null;
  const hash = dest.indexOf('#');
  const path = hash === -1 ? dest : dest.slice(0, hash);
  const anchor = hash === -1 ? null : dest.slice(hash + 1) || null;
  const logDir = `/v/v/v/v/v/${logName}`;
  const abs = posix.resolve(posix.dirname(posix.join(logDir, overviewFile)), decodeURI(path));
  const rel = posix.relative(logDir, abs);
  return { target: rel, anchor };
}

/**
 * Reads an overview file. `file` is its path relative to the log folder (`../DECISIONS.md`),
 * `logName` the log folder's own name (so `decisions/x.md` links resolve to `x.md`).
 */
export function parseOverview(file: string, text: string, logName = 'decisions'): Overview {
  const s = scan(text);
  const rows: OverviewRow[] = [];
  const actionItems: Overview['actionItems'] = [];
  const plain = (v: string) => safeRepair(plainText(v));
  let group: string | null = null;
  let inActions = false;
  let actionsDepth = 2;

  const rowsAt = new Map<number, string[]>();
  for (const table of decisionTablesOf(s)) for (const n of table.rows) rowsAt.set(n, table.meaning);

  for (let k = 0; k < s.lines.length; k++) {
    const line: ScanLine = s.lines[k];
    if (line.kind === 'heading') {
      const h = plain(line.heading ?? '');
      if ((line.depth ?? 6) <= actionsDepth) inActions = false;
      if (/action items|priority actions/i.test(h)) {
        inActions = true;
        actionsDepth = line.depth ?? 2;
        group = null;
      } else if (inActions) group = h;
      continue;
    }
    const columns = rowsAt.get(line.n);
    if (columns) {
      const cells = splitRow(line.text);
      const cell = (name: string) => {
        const idx = columns.indexOf(name);
        return idx === -1 || idx >= cells.length ? '' : cells[idx].text;
      };
      const topicRaw = cell('topic');
      const link = findLinks(topicRaw)[0];
      const resolved = link ? toLogPath(file, logName, link.dest) : null;
      const dateText = plain(cell('date'));
      rows.push({
        category: plain(cell('category')).replace(/^[^\p{L}\p{N}]+/u, '') || null,
        topic: plain(topicRaw),
        target: resolved?.target ?? null,
        anchor: resolved?.anchor ?? null,
        decision: plain(cell('decision')),
        date: dateText && dateText !== '-' ? parseDate(dateText).date : null,
        priority: canonicalPriority(plain(cell('priority'))),
        priorityText: plain(cell('priority')),
        status: overviewStatus(cell('status')),
        statusText: plain(cell('status')),
        tasks: overviewTasks(cell('tasks')),
        tasksText: plain(cell('tasks')),
        line: line.n,
      });
      continue;
    }
    if (inActions && line.kind === 'item' && line.task === ' ') {
      const content = text.slice(line.contentStart ?? line.start, line.end);
      const links = findLinks(content);
      const last = links[links.length - 1];
      const resolved = last ? toLogPath(file, logName, last.dest) : null;
      actionItems.push({
        text: plain(last && /^\s*$/.test(content.slice(last.end)) ? content.slice(0, last.start) : content),
        target: resolved?.target ?? null,
        group,
        line: line.n,
      });
    }
  }
  return { file, rows, actionItems };
}
