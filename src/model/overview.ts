/**
 * What an overview row may say about its record: the domain facts the overview check, the
 * overview merge and the generator share.
 */
import type { Status } from './decision.js';

/** Overview Status values (has the decision been made?) that agree with a record's status. */
export const STATUS_ACCEPTS: Record<Status, Status[]> = {
  proposed: ['proposed', 'draft'],
  draft: ['draft', 'proposed'],
  accepted: ['accepted'],
  // Aborted after deciding shows ✓ (decided) with Tasks ✗; aborted before deciding shows ✗.
  aborted: ['accepted', 'aborted', 'rejected'],
  rejected: ['rejected', 'aborted'],
  postponed: ['postponed'],
  deprecated: ['accepted', 'deprecated', 'superseded', 'aborted'],
  superseded: ['accepted', 'superseded', 'deprecated', 'aborted'],
};
