/**
 * Generated lists of the records kept in the log folder (`adr generate toc > toc.md`, adr-log's
 * index, a hand-kept "List of ADRs"): markdown files that are not records. Recognised by their
 * content, since they go by any name: almost every line is a link to a record, and nothing a
 * record has is there (a status, a date, a number or date in the file name, the sections).
 */
import type { Link } from '../model/index.js';
import type { RecordContext } from './context.js';
import { RECORD_SECTION } from './vocab.js';

/**
 * Whether the record read so far is a generated index: at least two lines link other markdown
 * files of the log, they are at least two thirds of its content lines (a title, sub-headings, an
 * intro sentence and a "Created:" footer are allowed around them), and it has no record section.
 * The caller has checked that it declares no status or date and that its file name carries no
 * record number or date.
 */
export function isGeneratedIndex(ctx: RecordContext, links: readonly Link[]): boolean {
  if (links.length < 2) return false;
  // Sections only a record has; a list that holds one is a record that happens to link a lot.
  if (ctx.scan.headings.some((h) => h.depth >= 2 && RECORD_SECTION.test(ctx.plain(h.text)))) return false;
  const linkLines = new Set(links.map((l) => l.line));
  if (linkLines.size < 2 || new Set(links.map((l) => l.target)).size < 2) return false;
  let content = 0;
  let linked = 0;
  const lines = ctx.scan.lines;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (line.kind !== 'text' && line.kind !== 'item' && line.kind !== 'table' && line.kind !== 'quote') continue;
    // A table's header row and its delimiter row are the table's frame, not entries.
    if (line.kind === 'table' && (/^[\s|:-]+$/.test(line.text) || (lines[k + 1]?.kind === 'table' && /^[\s|:-]+$/.test(lines[k + 1].text)))) continue;
    content++;
    if (linkLines.has(line.n)) linked++;
  }
  return linked * 3 >= content * 2;
}
