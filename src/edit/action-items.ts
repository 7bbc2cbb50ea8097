/**
 * Closing a record's open action items: each `- [ ] text` becomes `- [x] ~~text~~ **✗** **ABORTED** -
 * reason`, in place, its trailing reference kept. What `adr abort`, rejecting and superseding do,
 * and what `adr check` expects of a record that ended.
 */
import type { ActionItem, Decision, TextEdit } from '../model/index.js';
import type { Scan, ScanLine } from '../parse/scan.js';
import { oneLine } from './escape.js';

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

/**
 * Closes every open action item as aborted with `reason`. Abort uses it, and so do the other
 * ways a decision ends (rejected, superseded): `adr check` holds that a closed record has no
 * open items, since they would still show up in to-do lists and the overview.
 */
export function closeOpenItems(decision: Decision, s: Scan, reason: string): { edits: TextEdit[]; closed: ActionItem[] } {
  const edits: TextEdit[] = [];
  const closed: ActionItem[] = [];
  for (const item of decision.actionItems) {
    if (item.done || item.aborted) continue;
    const edit = abortItemEdit(decision, s, item, reason);
    if (edit) {
      edits.push(edit);
      closed.push(item);
    }
  }
  return { edits, closed };
}

/** No action item is left open (the state `adr check` expects of a closed record). */
export function verifyNoOpenItems(after: Decision | null): string | null {
  const open = after?.actionItems.filter((i) => !i.done) ?? [];
  return open.length > 0 ? `action item on line ${open[0].line} is still open` : null;
}
