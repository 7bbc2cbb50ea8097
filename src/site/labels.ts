/**
 * The words the site shows for the model's vocabularies: one status vocabulary on every page
 * (a file's own word, such as "Decided", is shown beside it where it differs), priorities,
 * action-item horizons and relation kinds.
 */
import type { LinkKind, Priority, Status } from '../model/index.js';
import { splitReason } from '../parse/vocab.js';

const STATUS_LABEL: Record<Status, string> = {
  draft: 'Draft',
  proposed: 'Proposed',
  accepted: 'Accepted',
  postponed: 'Postponed',
  rejected: 'Rejected',
  aborted: 'Aborted',
  deprecated: 'Deprecated',
  superseded: 'Superseded',
};

const PRIORITY_LABEL: Record<Priority, string> = {
  urgent: 'Urgent',
  important: 'Important',
  planning: 'Planning',
  none: 'No deadline',
};

/** Board columns: the horizons of open items, then what is closed. */
export type BoardColumnKey = Priority | 'other' | 'done' | 'aborted';

/** The heading of each board column. */
export const BOARD_LABEL: Record<BoardColumnKey, string> = {
  urgent: 'This week',
  important: 'Next 2 weeks',
  planning: 'This month',
  none: 'No deadline',
  other: 'Not scheduled',
  done: 'Done',
  aborted: 'Aborted',
};

/** How an outgoing link reads on the linking record's page. */
export const LINK_LABEL: Record<LinkKind, string> = {
  supersedes: 'Supersedes',
  'superseded-by': 'Superseded by',
  amends: 'Amends',
  'amended-by': 'Amended by',
  relates: 'Related',
};

/** How an incoming link reads on the linked record's page. */
export const BACKLINK_LABEL: Record<LinkKind, string> = {
  supersedes: 'Supersedes this',
  'superseded-by': 'Superseded by this',
  amends: 'Amends this',
  'amended-by': 'Amended by this',
  relates: 'Mentions this',
};

/** Statuses of records that no longer hold: dimmed and struck through in lists. */
export const CLOSED: ReadonlySet<Status> = new Set<Status>(['superseded', 'aborted', 'rejected']);

/** Statuses of records that are dimmed on their page (closed ones and deprecated ones). */
export const FADED: ReadonlySet<Status> = new Set<Status>(['superseded', 'aborted', 'rejected', 'deprecated']);

/** The display name of a status (`Accepted`), or `No status`. */
export function statusLabel(status: Status | null): string {
  return status ? STATUS_LABEL[status] : 'No status';
}

/** The display name of a priority (`Urgent`), or `No priority`. */
export function priorityLabel(priority: Priority | null): string {
  return priority ? PRIORITY_LABEL[priority] : 'No priority';
}

/**
 * The status as the file writes it, when that says something the canonical label does not
 * (`Decided` for accepted, `Under Discussion` for proposed), else null. Markers (`✅`, `**✗**`)
 * and a trailing reason are not part of the word.
 */
export function writtenStatus(text: string | null, status: Status | null): string | null {
  if (!text) return null;
  const word = splitReason(text)
    .head.replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s'-]+|[\s'-]+$/g, '');
  if (word === '') return null;
  if (status && word.toLowerCase() === statusLabel(status).toLowerCase()) return null;
  return word.length > 60 ? `${word.slice(0, 60).replace(/\s+\S*$/, '')}…` : word;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2025-08` as `August 2025`. */
export function monthLabel(month: string): string {
  const [year, number] = month.split('-');
  return `${MONTHS[Number(number) - 1] ?? number} ${year}`;
}
