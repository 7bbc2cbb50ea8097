/**
 * The explicit rule registry: every rule `adr check` runs, in the order the docs list them.
 * A rule lives in `src/rules/<id>.ts` and exports `rule`; adding one means adding its line here.
 */
import type { Rule } from '../lint/rule.js';
import { rule as abortRationale } from './abort-rationale.js';
import { rule as abortedOpenItems } from './aborted-open-items.js';
import { rule as appliesToDead } from './applies-to-dead.js';
import { rule as appliesToRetired } from './applies-to-retired.js';
import { rule as dateCoarse } from './date-coarse.js';
import { rule as dateFuture } from './date-future.js';
import { rule as dateInvalid } from './date-invalid.js';
import { rule as dateOrder } from './date-order.js';
import { rule as dateTbdDecided } from './date-tbd-decided.js';
import { rule as encodingBom } from './encoding-bom.js';
import { rule as encodingMixedEol } from './encoding-mixed-eol.js';
import { rule as encodingMojibake } from './encoding-mojibake.js';
import { rule as idDuplicate } from './id-duplicate.js';
import { rule as idTakenOnBase } from './id-taken-on-base.js';
import { rule as linkMissingAnchor } from './link-missing-anchor.js';
import { rule as linkMissingFile } from './link-missing-file.js';
import { rule as overviewActionItems } from './overview-action-items.js';
import { rule as overviewBacklink } from './overview-backlink.js';
import { rule as overviewDeadLink } from './overview-dead-link.js';
import { rule as overviewMissingRow } from './overview-missing-row.js';
import { rule as overviewRowDate } from './overview-row-date.js';
import { rule as overviewRowDrift } from './overview-row-drift.js';
import { rule as overviewStale } from './overview-stale.js';
import { rule as relationReciprocal } from './relation-reciprocal.js';
import { rule as reviewDueSoon } from './review-due-soon.js';
import { rule as reviewOverdue } from './review-overdue.js';
import { rule as statusMismatch } from './status-mismatch.js';
import { rule as statusMissing } from './status-missing.js';
import { rule as statusSpelling } from './status-spelling.js';
import { rule as statusUnknown } from './status-unknown.js';
import { rule as supersedeAccepted } from './supersede-accepted.js';
import { rule as supersedeContested } from './supersede-contested.js';
import { rule as supersedeCycle } from './supersede-cycle.js';
import { rule as supersededByAbandoned } from './superseded-by-abandoned.js';
import { rule as supersededSuccessor } from './superseded-successor.js';
import { rule as titleMissing } from './title-missing.js';
import { rule as titleNumber } from './title-number.js';

/** Every rule, grouped as the docs present them. */
export const RULES: readonly Rule[] = [
  // status
  statusMissing,
  statusUnknown,
  statusSpelling,
  statusMismatch,
  // lifecycle
  abortedOpenItems,
  abortRationale,
  supersededSuccessor,
  supersedeAccepted,
  supersedeContested,
  supersededByAbandoned,
  // dates
  dateInvalid,
  dateOrder,
  dateTbdDecided,
  dateFuture,
  dateCoarse,
  reviewOverdue,
  reviewDueSoon,
  // links and relations
  linkMissingFile,
  linkMissingAnchor,
  relationReciprocal,
  supersedeCycle,
  // governed paths
  appliesToDead,
  appliesToRetired,
  // identity
  idDuplicate,
  idTakenOnBase,
  titleMissing,
  titleNumber,
  // overview
  overviewMissingRow,
  overviewRowDrift,
  overviewRowDate,
  overviewDeadLink,
  overviewActionItems,
  overviewBacklink,
  overviewStale,
  // encoding
  encodingMojibake,
  encodingBom,
  encodingMixedEol,
];

/** A rule by id, or undefined. */
export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
