/**
 * The one judge of "the overview is in step with the records": the text `adr overview` would write
 * (the marked regions regenerated; a hand-kept overview merged in place, every hand-written line
 * kept) and, when it differs from the file, the changed runs of lines. `adr overview` writes that
 * text, `adr overview --check` fails when it differs, and `adr check` reports each difference
 * (rule `overview-stale`, and the fixes of the other overview rules), so the three agree.
 */
import { basename } from 'node:path';
import { diffHunks, type LineHunk } from '../edit/diff.js';
import { findRegions, renderOverview, stampFooterLine, updateOverview } from '../edit/overview.js';
import { isAdopted, mergeHandKept, withAdoptedMarker } from '../edit/overview-merge.js';
import type { Log } from '../model/index.js';
import { logPrefix, overviewFileName } from './sync-overview.js';

/** What the judge says about an overview. */
export interface OverviewJudgement {
  /** The text `adr overview` writes (the file's own text when it is in step). */
  text: string;
  /** Whether that differs from the file (a moved footer date alone never makes it differ). */
  changed: boolean;
  /** Whether the adopted marker was added (`adopt` asked for it and the file had none). */
  adopted: boolean;
  /** Whether the file is hand-kept (no `adr:` regions): merged in place rather than regenerated. */
  handKept: boolean;
}

/**
 * The overview text for `log`: the updated file, or a new one (`before` null). A hand-kept overview
 * (no adr regions) is merged in place (`mergeHandKept`); with `adopt`, it also gets the adopted marker
 * when it has none yet. `path` is the overview's absolute path, `today` the date a changed footer gets.
 */
export function overviewFor(log: Pick<Log, 'dir' | 'config' | 'decisions'>, path: string, before: string | null, today: string, adopt = false): OverviewJudgement {
  const options = { logPrefix: logPrefix(log.dir, path), today, title: log.config.title };
  if (before === null) return { text: renderOverview(log.decisions, options), changed: true, adopted: false, handKept: false };
  if (findRegions(before).length > 0) return { ...updateOverview(before, log.decisions, options), handKept: false };
  const merged = mergeHandKept(before, log.decisions, {
    prefix: options.logPrefix,
    overviewFile: overviewFileName(log.dir, path),
    logName: basename(log.dir),
    files: null,
  });
  const adopted = adopt && !isAdopted(before);
  let text = adopted ? withAdoptedMarker(merged) : merged;
  const changed = text !== before;
  if (changed && merged !== before) text = stampFooterLine(text, today);
  return { text, changed, adopted, handKept: true };
}

/**
 * The changed runs of lines from the overview's text to the judge's (none when it is in step). A run
 * that only moves the Last Updated date is a consequence of the others and is left out.
 */
export function overviewHunks(before: string, judgement: OverviewJudgement): LineHunk[] {
  return judgement.changed ? diffHunks(before, judgement.text).filter((h) => !onlyDate(h)) : [];
}

/** `_Last Updated: …_` lines: `adr overview` moves their date only because something else changed. */
const LAST_UPDATED = /Last Updated\**\s*:/i;

/** Whether a run of lines only moves the Last Updated date (a consequence of the other changes, never reported alone). */
export function onlyDate(hunk: LineHunk): boolean {
  if (hunk.oldLines.length !== hunk.newLines.length) return false;
  return hunk.oldLines.every((l, i) => LAST_UPDATED.test(l) && l.replace(/\d{4}-\d{2}-\d{2}/, '') === hunk.newLines[i].replace(/\d{4}-\d{2}-\d{2}/, ''));
}

/** The first line with words among `lines`, for a message: without its line break, shortened. */
function snippet(lines: readonly string[]): string {
  const text = (lines.find((l) => l.trim() !== '') ?? lines[0] ?? '').replace(/\r?\n$/, '').trim();
  return text.length > 72 ? `${text.slice(0, 71)}…` : text;
}

/** What the judge does to a run of lines, in words (for `adr check` and `adr overview --check`). */
export function describeHunk(hunk: LineHunk): string {
  const old = hunk.oldLines.length;
  const added = hunk.newLines.length;
  if (old === 0) return `\`adr overview\` adds ${added === 1 ? 'a line' : `${added} lines`} here, \`${snippet(hunk.newLines)}\``;
  if (added === 0) return `\`adr overview\` takes out ${old === 1 ? 'this line' : `these ${old} lines`}, \`${snippet(hunk.oldLines)}\``;
  return `\`adr overview\` writes \`${snippet(hunk.newLines)}\`${added > 1 ? ` (and ${added - 1} more line${added > 2 ? 's' : ''})` : ''} instead of \`${snippet(hunk.oldLines)}\``;
}
