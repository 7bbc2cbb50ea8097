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
 * - an `## Abort Rationale` section with `### Decision to Abandon <Title> (YYYY-MM-DD)` and the
 *   reason: in the summary format right after the first `---` that follows the action items
 *   (where the real records keep it), elsewhere at the end; a record that already has one gets
 *   a new dated entry at the end of it.
 */
import type { ActionItem, Decision, TextEdit } from '../model/index.js';
import { scan, type Scan, type ScanLine } from '../parse/scan.js';
import {
  appendSection,
  blockSafe,
  editStyle,
  eolOf,
  findHeading,
  lastContentLine,
  oneLine,
  sectionEndIndex,
  statusEdits,
  verifyStatus,
} from './status.js';

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

// `- [ ] text`, `* [ ] text`, `1. [ ] text`: the marker, the box, the content.
const OPEN_ITEM = /^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)\[ \]([ \t]*)(.*?)([ \t]*\\?[ \t]*)$/;
const TRAILING_REF = /[ \t]*(\[\[[^\]]+\]\]\([^)\s]*\)|\[[^\]]*(?:TBD|TBA|to be decided)[^\]]*\])[ \t]*$/i;

/** The marker an aborted item carries after its struck text. */
export function abortMarker(reason: string): string {
  return `**✗** **ABORTED** - ${oneLine(reason)}`;
}

/**
 * The edit closing one open action item as aborted, or null when its line is not an open task.
 * Continuation lines of the item's paragraph are struck through with it.
 */
export function abortItemEdit(decision: Decision, s: Scan, item: ActionItem, reason: string): TextEdit | null {
  const line = s.lines[item.line - 1];
  if (!line || line.kind !== 'item') return null;
  const m = OPEN_ITEM.exec(line.text);
  if (!m) return null;
  // Lazy continuation lines belong to the item's paragraph: the strike must cover them too.
  let last: ScanLine = line;
  for (let k = line.n; k < s.lines.length; k++) {
    const next = s.lines[k];
    if (next.kind !== 'text') break;
    last = next;
  }
  const boxStart = line.start + m[1].length;
  const contentStart = boxStart + 3 + m[2].length;
  // The trailing hard break or blanks stay outside the edit.
  let contentEnd: number;
  if (last === line) {
    contentEnd = line.start + m[1].length + 3 + m[2].length + m[3].length;
  } else {
    const lm = /^(.*?)([ \t]*\\?[ \t]*)$/.exec(last.text)!;
    contentEnd = last.start + lm[1].length;
  }
  let body = s.text.slice(contentStart, contentEnd);
  let ref = '';
  const r = TRAILING_REF.exec(body);
  if (r) {
    ref = ` ${r[1]}`;
    body = body.slice(0, r.index);
  }
  body = body.trimEnd();
  // `~~~~` opens a code fence and an already struck text needs no second strike.
  const struck = body === '' ? '' : /^~~.*~~$/s.test(body) ? body : `~~${body}~~`;
  const text = `[x] ${struck ? `${struck} ` : ''}${abortMarker(reason)}${ref}`;
  return { file: decision.file, start: boxStart, end: contentEnd, text };
}

/** The edits that abort `decision`, read from `text` (its decoded content). */
export function abortEdits(decision: Decision, text: string, request: AbortRequest, s: Scan = scan(text)): AbortPlan {
  const eol = eolOf(text);
  const reason = oneLine(request.reason);
  const style = editStyle(decision.dialect);
  const edits = statusEdits(decision, text, { status: 'aborted', reason, today: request.today, rationaleSection: false }, s);
  const statusLines = [...new Set(edits.map((e) => lineOf(s, e.start)))];

  const closed: ActionItem[] = [];
  for (const item of decision.actionItems) {
    if (item.done || item.aborted) continue;
    const edit = abortItemEdit(decision, s, item, reason);
    if (edit) {
      edits.push(edit);
      closed.push(item);
    }
  }

  edits.push(rationaleEdit(decision, s, reason, request.today, eol, style === 'summary'));
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

/** The `## Abort Rationale` section, or a new dated entry in the one that exists. */
function rationaleEdit(decision: Decision, s: Scan, reason: string, today: string, eol: string, summary: boolean): TextEdit {
  const title = oneLine(decision.title || decision.id);
  const entry = [`### Decision to Abandon ${title} (${today})`, '', blockSafe(reason)];
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
