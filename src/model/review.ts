/**
 * Review dates as a domain fact: which decisions still wait for a review, and when one is due.
 * Shared by the check rules (`review-overdue`, `review-due-soon`), `adr todo` and the site.
 */
import type { Decision, Status } from './decision.js';

/** A review counts as due soon this many days ahead. */
export const REVIEW_SOON_DAYS = 30;

/**
 * Statuses whose decisions are no longer reviewed: replaced, withdrawn or refused. A review date
 * left on them (`Next Review: 2025-01-01` on an aborted record) is history, not a task.
 */
export const SETTLED_STATUSES: readonly Status[] = ['superseded', 'deprecated', 'rejected', 'aborted'];

/** Where a record stands with its review. */
export interface ReviewState {
  /** `overdue`: the date has passed; `due-soon`: within {@link REVIEW_SOON_DAYS}; `scheduled`: later. */
  state: 'overdue' | 'due-soon' | 'scheduled';
  /** YYYY-MM-DD. */
  date: string;
  /** Days from today to the date (negative when overdue). */
  days: number;
}

/** Days from `from` to `to`, both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The review state of `decision` on `today` (YYYY-MM-DD), or null when it has no review date or
 * its status needs none.
 */
export function reviewState(decision: Pick<Decision, 'reviewBy' | 'status'>, today: string): ReviewState | null {
  const date = decision.reviewBy;
  if (!date || (decision.status !== null && SETTLED_STATUSES.includes(decision.status))) return null;
  const days = daysBetween(today, date);
  return { state: days < 0 ? 'overdue' : days <= REVIEW_SOON_DAYS ? 'due-soon' : 'scheduled', date, days };
}
