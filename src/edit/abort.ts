/**
 * Abort: the edits that turn a record into an aborted one, in its own dialect.
 *
 * - the status becomes aborted with the reason (summary: `**✗** **ABORTED** - reason`; Nygard:
 *   `Aborted - reason`; MADR 2: `aborted - reason`; MADR 3/4: `status: aborted`), and every other
 *   record-level declaration (the footer) follows;
 * - every open action item is checked off, struck through and marked:
 *   `- [x] ~~text~~ **✗** **ABORTED** - reason`; an item ending in a reference
 *   (`[[Topic]](file.md)`, `[Topic - TBD]`) keeps it at the very end, after the marker, because
 *   that is where readers and the overview look for it;
 * - an `## Abort Rationale` section with `### Decision to Abandon <Title> (YYYY-MM-DD)` (for a record
 *   never decided, `### Decision to Abandon "<Title>" While Still Under Discussion (YYYY-MM-DD)`) and the
 *   reason: in the summary format right after the first `---` that follows the action items
 *   (where the real records keep it), elsewhere at the end; a record that already has one gets
 *   a new dated entry at the end of it.
 */
import type { ActionItem, Decision, TextEdit } from '../model/index.js';
import { lineEnding } from '../parse/eol.js';
import { scan, type Scan, type ScanLine } from '../parse/scan.js';
import { abandonedUndecided } from '../parse/overview-facts.js';
import { closeOpenItems } from './action-items.js';
import { blockSafe, oneLine } from './escape.js';
import { appendSection, editStyle, findHeading, lastContentLine, sectionEndIndex } from './sections.js';
import { statusEdits, verifyStatus } from './status.js';

/** What an abort is asked to do. */
export interface AbortRequest {
  reason: string;
  /** Today, YYYY-MM-DD. */
  today: string;
}

/** The edits of an abort and what they do, for the command's report. */
export interface AbortPlan {
  edits: TextEdit[];
  /** The open action items that get closed, as they were read. */
  closed: ActionItem[];
  /** Whether an Abort Rationale section (or entry) is added. */
  rationale: boolean;
  /** Lines whose status declaration changes. */
  statusLines: number[];
}

/** The edits that abort `decision`, read from `text` (its decoded content). */
export function abortEdits(decision: Decision, text: string, request: AbortRequest, s: Scan = scan(text)): AbortPlan {
  const eol = lineEnding(text);
  const reason = oneLine(request.reason);
  const style = editStyle(decision.dialect);
  const edits = statusEdits(decision, text, { status: 'aborted', reason, today: request.today, rationaleSection: false }, s);
  const statusLines = [...new Set(edits.map((e) => lineOf(s, e.start)))];

  const items = closeOpenItems(decision, s, reason);
  edits.push(...items.edits);
  const closed = items.closed;

  edits.push(rationaleEdit(decision, s, reason, request.today, eol, style === 'summary', undecidedWords(decision)));
  return { edits, closed, rationale: true, statusLines };
}

function lineOf(s: Scan, offset: number): number {
  let n = 1;
  for (const l of s.lines) {
    if (l.start > offset) break;
    n = l.n;
  }
  return n;
}

/** Statuses of a record whose decision has not been made: aborting it abandons an open question. */
const UNDECIDED = new Set(['proposed', 'draft', 'postponed']);

/**
 * How the rationale heading says the record was abandoned before it was decided, as a person
 * would write it: `While Still Under Discussion` (proposed, however its status was worded),
 * `While Still a Draft`, `While Postponed`, `While Still Undecided` (no status); null for a
 * record that was decided. The overview reads it back (`abandonedUndecided`) to show Status **✗**
 * rather than **✓**: the record itself carries the fact, so a later regeneration or `adr check`
 * agrees.
 */
export function undecidedWords(d: Pick<Decision, 'status' | 'statusText' | 'headings'>): string | null {
  if (d.status === 'aborted') return abandonedUndecided(d) ? 'Still Undecided' : null;
  if (d.status === null) return 'Still Undecided';
  if (!UNDECIDED.has(d.status)) return null;
  return d.status === 'draft' ? 'Still a Draft' : d.status === 'postponed' ? 'Postponed' : 'Still Under Discussion';
}

/** The `## Abort Rationale` section, or a new dated entry in the one that exists. */
function rationaleEdit(decision: Decision, s: Scan, reason: string, today: string, eol: string, summary: boolean, undecided: string | null): TextEdit {
  const title = oneLine(decision.title || decision.id);
  // `Decision to Abandon Use Kafka (date)`; before a decision the title is quoted, so the words after it
  // do not run into it: `Decision to Abandon "Use Kafka" While Still Under Discussion (date)`.
  const named = undecided ? `"${title}" While ${undecided}` : title;
  const entry = [`### Decision to Abandon ${named} (${today})`, '', blockSafe(reason)];
  const existing = findHeading(s, /^abort(ion)? rationale$/i, (d) => d <= 3);
  if (existing) {
    const last = lastContentLine(s, existing);
    return { file: decision.file, start: last.end, end: last.end, text: eol + eol + entry.join(eol) };
  }
  const section = ['## Abort Rationale', '', ...entry];
  if (summary) {
    const items = findHeading(s, /action[\s-]*items/i, (d) => d <= 2);
    if (items) {
      const end = sectionEndIndex(s, items);
      // The first `---` after the action items, as in the records people write.
      let rule: ScanLine | null = null;
      for (let k = items.n; k < end; k++) {
        if (s.lines[k].kind === 'hr') {
          rule = s.lines[k];
          break;
        }
      }
      if (rule) {
        let k = rule.n;
        while (k < s.lines.length && s.lines[k].kind === 'blank') k++;
        const next = s.lines[k];
        if (next) return { file: decision.file, start: next.start, end: next.start, text: [...section, '', '---', '', ''].join(eol) };
      } else if (end < s.lines.length) {
        // No rule: the section goes right after the action items.
        const next = s.lines[end];
        return { file: decision.file, start: next.start, end: next.start, text: [...section, '', ''].join(eol) };
      }
    }
  }
  return appendSection(decision, s, section, eol);
}

/**
 * What a record must read as after an abort: aborted, with the reason, no open action item,
 * an abort rationale. Null when it does, else what is wrong.
 */
export function verifyAbort(after: Decision | null, reason: string, before?: Decision): string | null {
  const status = verifyStatus(after, { status: 'aborted', reason });
  if (status) return status;
  const d = after!;
  const open = d.actionItems.filter((i) => !i.done);
  if (open.length > 0) return `action item on line ${open[0].line} is still open`;
  if (before) {
    const want = before.actionItems.filter((i) => i.aborted || !i.done).length;
    const got = d.actionItems.filter((i) => i.aborted).length;
    if (d.actionItems.length !== before.actionItems.length) {
      return `the edited record has ${d.actionItems.length} action items, not ${before.actionItems.length}`;
    }
    if (got < want) return `${want - got} closed action item(s) do not read as aborted`;
  }
  if (!d.abortRationale) return 'the edited record has no Abort Rationale section';
  return null;
}
