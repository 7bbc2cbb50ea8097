/**
 * What an overview row should say about its record (FORMAT.md §2), read from the record: whether
 * it was abandoned before it was decided, and which Tasks values its action items allow. Shared by
 * the overview check (src/rules/overview-row-drift.ts), the hand-kept merge and the generator, so
 * all three hold the same row to the same facts.
 */
import type { Decision, Heading, Priority, Status, TaskState } from '../model/index.js';
import { STATUS_ACCEPTS } from '../model/overview.js';
import { canonicalStatus } from './vocab.js';

const ABANDON_HEADING = /^decision to abandon\b.*\swhile\s+(.+?)\s*\(\d{4}-\d{2}-\d{2}\)$/i;

/**
 * Whether an aborted record was abandoned before it was decided: the newest
 * `### Decision to Abandon "<Title>" While Still Under Discussion (date)` heading of its rationale (what
 * `adr abort` writes for a record that was proposed, draft or postponed) names an undecided state.
 */
export function abandonedUndecided(d: { status: Status | null; headings?: readonly Heading[] }): boolean {
  if (d.status !== 'aborted' || !d.headings) return false;
  for (let i = d.headings.length - 1; i >= 0; i--) {
    const text = d.headings[i].text.replace(/[*_]/g, '').trim();
    if (!/^decision to abandon\b/i.test(text)) continue;
    // `While Still Under Discussion`, `While Still a Draft`, `While Postponed`, and the older `While Proposed`.
    const words = ABANDON_HEADING.exec(text)?.[1]?.replace(/^(?:(?:still|a|an)\s+)+/i, '');
    if (!words) return false;
    const status = canonicalStatus(words);
    return /^undecided$/i.test(words) || status === 'proposed' || status === 'draft' || status === 'postponed';
  }
  return false;
}

/**
 * The Tasks values a record allows, and the one a fix writes (the marker `adr overview` generates);
 * null when anything goes.
 */
export function tasksExpected(record: Decision, rowStatus: Status | null): { ok: TaskState[]; fix: TaskState; why: string; lagging?: TaskState[] } | null {
  const status = record.status;
  if (status === 'aborted') {
    return rowStatus === 'accepted'
      ? { ok: ['aborted'], fix: 'aborted', why: 'the record was aborted after it was decided' }
      : { ok: ['aborted', 'not-applicable'], fix: record.date || abandonedUndecided(record) ? 'aborted' : 'not-applicable', why: 'the record is aborted' };
  }
  if (status === 'rejected') return { ok: ['aborted', 'not-applicable'], fix: 'not-applicable', why: 'the record is rejected' };
  if (status !== 'accepted' && status !== 'proposed' && status !== 'draft') return null;
  const items = record.actionItems;
  if (items.length === 0) return null;
  const open = items.filter((i) => !i.done && !i.aborted).length;
  const done = items.filter((i) => i.done && !i.aborted).length;
  if (open === 0 && done > 0) return { ok: ['done'], fix: 'done', why: 'every action item of the record is closed' };
  if (open === 0) return null;
  if (done > 0) {
    // Some work is done: ◯ or 📌 lag behind (a milder problem than a row claiming the opposite).
    return { ok: ['in-progress'], fix: 'in-progress', why: `${done} of ${items.length} action items of the record are done`, lagging: ['not-started', 'queued'] };
  }
  const ok: TaskState[] = ['not-started', 'queued', 'in-progress'];
  if (status !== 'accepted') ok.push('not-applicable');
  return { ok, fix: status === 'accepted' ? 'queued' : 'not-started', why: `${open} of ${items.length} action items of the record are open` };
}

/** Whether a row's Tasks value agrees with its record (what `adr check` accepts), so a merge leaves it as written. */
export function tasksAccepted(record: Decision, rowStatus: Status | null, rowTasks: TaskState | null): boolean {
  if (rowTasks === null) return false;
  const ok = STATUS_ACCEPTS[record.status ?? 'proposed']?.includes(rowStatus as Status) ? rowStatus : null;
  const expected = tasksExpected(record, ok);
  return expected === null || expected.ok.includes(rowTasks);
}

/** Statuses after which a record's business is finished (its row may say ⚪ Complete). */
const FINISHED = new Set<Status>(['aborted', 'rejected', 'superseded', 'deprecated']);

/**
 * Whether a row's Priority agrees with its record: the same priority, or ⚪ (Complete: how the
 * overview marks finished business, whatever its priority was) for a record that ended or whose
 * action items are all closed.
 */
export function priorityAgrees(row: Priority, record: Pick<Decision, 'priority' | 'status' | 'actionItems'>): boolean {
  if (row === record.priority) return true;
  if (row !== 'none') return false;
  if (record.status && FINISHED.has(record.status)) return true;
  const items = record.actionItems;
  return items.length > 0 && items.every((i) => i.done || i.aborted);
}
