/**
 * Status edits: rewriting a record's status declarations in the record's own dialect and style.
 *
 * Pure functions over a record's decoded text. They locate what to change by line (the parser's
 * facts give the lines; this module re-reads those lines of the original text itself), so they
 * stay exact even where the parser saw repaired mojibake whose offsets differ from the file's.
 * They return TextEdits; applying them is `applyEdits` (src/edit/splice.ts) and writing them is
 * the transaction's job. Nothing here re-serialises markdown.
 *
 * The written forms, per status and dialect (see README "Authoring"):
 *
 * | status     | summary header              | summary footer       | nygard `## Status`     | madr2 / front matter     |
 * |------------|-----------------------------|----------------------|------------------------|--------------------------|
 * | proposed   | `❓ **Under Discussion**`   | `❓ Under Discussion` | `Proposed`             | `proposed`               |
 * | accepted   | `✅ **Accepted**` (older generation, plain values: `✅ Decided`) | `✅ Accepted` | `Accepted` | `accepted` |
 * | aborted    | `**✗** **ABORTED**`         | `**✗** ABORTED`       | `Aborted`              | `aborted`                |
 * | postponed  | `⏸️ **Postponed**`          | `⏸️ Postponed`        | `Postponed`            | `postponed`              |
 * | rejected   | `❌ **Rejected**`           | `❌ Rejected`         | `Rejected`             | `rejected`               |
 * | deprecated | `**Deprecated**`            | `Deprecated`         | `Deprecated`           | `deprecated`             |
 * | superseded | `Superseded by [T](f.md)`   | `Superseded`         | `Superseded by [N. T](f.md)` | `superseded by [T](f.md)` |
 * | draft      | `📝 **Draft**`              | `📝 Draft`            | `Draft`                | `draft`                  |
 *
 * A reason is written after ` - ` on the header line (summary, nygard, madr2); footers carry no
 * reason; YAML front matter keeps the bare word (MADR's enum) and the reason goes to a body section.
 * Rejected and superseded end a decision: its open action items are closed as aborted
 * (`- [x] ~~text~~ **✗** **ABORTED** - decision rejected: reason`), as `adr check` expects.
 */
import { posix } from 'node:path';
import type { Decision, Status, TextEdit } from '../model/index.js';
import { lineEnding } from '../parse/eol.js';
import { scan, type Scan, type ScanLine } from '../parse/scan.js';
import { canonicalStatus } from '../parse/vocab.js';
import { blockSafe, escapeHref, escapeLinkText, oneLine, yamlScalar } from './escape.js';
import { appendSection, bulletEdit, editStyle, findHeading, FOOTER_LINE, footerValue, headingEnd, insertBefore, isProse, labelValue, lastContentLine, lastUpdatedEdits, lineOfOffset, LINK_LINE, replaceInLine, sectionEndIndex, type EditStyle } from './sections.js';
import { closeOpenItems, verifyNoOpenItems } from './action-items.js';

/** A link written into a status (`Superseded by [2. Title](0002-x.md)`). */
export interface StatusLink {
  /** Link text as it should read in this record (`2. Use Postgres`, or the bare title). */
  text: string;
  /** Destination relative to this record's folder. */
  href: string;
}

/** A status change, as the edit functions take it. */
export interface StatusChange {
  status: Status;
  /** Why; written after ` - ` where the dialect has room for it. */
  reason?: string | null;
  /** For `superseded`: the record that supersedes this one. */
  link?: StatusLink | null;
  /** Today (YYYY-MM-DD): written to `Last Updated` footer lines and rationale headings. */
  today: string;
  /** The spelling of "Superseded" written (both are read). */
  spelling?: 'Superseded' | 'Superceded';
  /**
   * Whether a reason that the status line cannot carry (YAML front matter) gets its own
   * `## Status Rationale` section. Abort writes its own Abort Rationale and turns this off.
   */
  rationaleSection?: boolean;
}

const SUMMARY_HEADER: Record<Status, string> = {
  proposed: '❓ **Under Discussion**',
  accepted: '✅ **Accepted**',
  aborted: '**✗** **ABORTED**',
  postponed: '⏸️ **Postponed**',
  rejected: '❌ **Rejected**',
  deprecated: '**Deprecated**',
  superseded: '**Superseded**',
  draft: '📝 **Draft**',
};

const SUMMARY_FOOTER: Record<Status, string> = {
  proposed: '❓ Under Discussion',
  accepted: '✅ Accepted',
  aborted: '**✗** ABORTED',
  postponed: '⏸️ Postponed',
  rejected: '❌ Rejected',
  deprecated: 'Deprecated',
  superseded: 'Superseded',
  draft: '📝 Draft',
};

const WORD: Record<Status, string> = {
  proposed: 'Proposed',
  accepted: 'Accepted',
  aborted: 'Aborted',
  postponed: 'Postponed',
  rejected: 'Rejected',
  deprecated: 'Deprecated',
  superseded: 'Superseded',
  draft: 'Draft',
};

/** Capitalises like `sample`: `Accepted` stays as is for `Accepted`, becomes `accepted` for `proposed`. */
function matchCase(word: string, sample: string | null): string {
  if (!sample) return word;
  const first = sample.replace(/^[^\p{L}]+/u, '')[0];
  if (!first) return word;
  if (first === first.toLowerCase() && first !== first.toUpperCase()) return word[0].toLowerCase() + word.slice(1);
  return word[0].toUpperCase() + word.slice(1);
}

/** The written status value for one place of one record. */
export function statusText(
  style: EditStyle | 'footer',
  change: Pick<StatusChange, 'status' | 'reason' | 'link' | 'spelling'>,
  sample: string | null = null,
): string {
  const spelling = change.spelling ?? 'Superseded';
  const reason = change.reason ? oneLine(change.reason) : '';
  const linkText = change.link ? `[${escapeLinkText(change.link.text)}](${escapeHref(change.link.href)})` : '';
  let value: string;
  switch (style) {
    case 'summary':
      value =
        change.status === 'superseded' && linkText ? `${spelling} by ${linkText}` : SUMMARY_HEADER[change.status];
      // The older generation writes plain values (`✅ Decided`): no bold where the record has none.
      // (`Superseded by [X](x.md)` is our own unbolded form, not a sign of the older generation.)
      if (sample !== null && /^\s*\p{L}/u.test(sample) && !/^\s*super[sc]eded\b/i.test(sample)) {
        // A plain word (`Status: Proposed`, as MADR-like headers write it): a plain word back, in its case.
        value = change.status === 'superseded' && linkText ? `${spelling} by ${linkText}` : matchCase(WORD[change.status], sample);
      } else if (sample !== null && sample.trim() !== '' && !/\*\*|__/.test(sample) && !/^\W*super[sc]eded\b/i.test(sample)) {
        value = value.replace(/\*\*/g, '');
        // ... and says "Decided" where the primary format says "Accepted".
        if (change.status === 'accepted') value = '✅ Decided';
      }
      return reason ? `${value} - ${reason}` : value;
    case 'footer':
      return change.status === 'superseded' ? spelling : SUMMARY_FOOTER[change.status];
    case 'nygard':
      value = change.status === 'superseded' && linkText ? `${spelling} by ${linkText}` : WORD[change.status];
      if (change.status === 'superseded' && !linkText) value = spelling;
      return reason ? `${value} - ${reason}` : value;
    case 'madr2':
      value =
        change.status === 'superseded'
          ? `${spelling.toLowerCase()}${linkText ? ` by ${linkText}` : ''}`
          : change.status;
      value = matchCase(value, sample);
      return reason ? `${value} - ${reason}` : value;
    case 'front-matter':
      value =
        change.status === 'superseded'
          ? `${spelling.toLowerCase()}${linkText ? ` by ${linkText}` : ''}`
          : change.status;
      return yamlScalar(matchCase(value, sample && sample.replace(/^["']/, '')));
  }
}

const FRONT_STATUS = /^(status[ \t]*:[ \t]*)(.*?)([ \t]+#.*)?[ \t]*$/i;

/** The record-level status declaration lines the parser reported (sub-decisions excluded). */
function declaredLines(decision: Decision, sites: string[]): number[] {
  return decision.statusDeclarations.filter((d) => sites.includes(d.site)).map((d) => d.line);
}

/**
 * The edits that give `decision` the status `change.status`, in every record-level place it
 * declares one: header or status section or front matter, the footer, `Last Updated`.
 * Sub-decision status lines are left alone. Returns no edit when nothing would change.
 */
export function statusEdits(decision: Decision, text: string, change: StatusChange, s: Scan = scan(text)): TextEdit[] {
  // A record of no known dialect that has front matter gets its status there (MADR 3's way).
  const style = decision.dialect === 'unknown' && s.frontMatter ? 'front-matter' : editStyle(decision.dialect);
  const eol = lineEnding(text);
  const edits: TextEdit[] = [];
  const push = (e: TextEdit | null) => {
    if (e) edits.push(e);
  };
  const file = decision.file;

  if (style === 'summary' || style === 'madr2') {
    const lines = new Set(declaredLines(decision, ['header']));
    let done = false;
    for (const n of lines) {
      const line = s.lines[n - 1];
      if (!isProse(line)) continue;
      const range = labelValue(line.text);
      if (!range) continue;
      push(replaceInLine(file, line, range, statusText(style, change, line.text.slice(range.start, range.end))));
      done = true;
    }
    if (!done) push(insertHeaderStatus(decision, s, style, change, eol));
  } else if (style === 'nygard') {
    // A record that declares its status only on a preamble `Status:` line gets no new section.
    if (statusHeading(decision, s) || declaredLines(decision, ['header']).length === 0) push(nygardStatusEdit(decision, s, change, eol));
  } else {
    push(frontMatterStatusEdit(decision, s, change, eol));
  }

  // Other record-level declarations the parser saw: a `Status:` line in a section of a MADR record,
  // a `Status: Accepted` preamble line of a Nygard record next to its `## Status` section.
  const handled = new Set(edits.map((e) => lineOfOffset(s, e.start)));
  const others = declaredLines(decision, style === 'nygard' || style === 'front-matter' ? ['header', 'section'] : ['section']);
  for (const n of others) {
    if (handled.has(n)) continue;
    const line = s.lines[n - 1];
    if (!isProse(line)) continue;
    const range = labelValue(line.text);
    if (range) push(replaceInLine(file, line, range, statusText(style === 'front-matter' ? 'madr2' : style, change, line.text.slice(range.start, range.end))));
  }

  if (style === 'summary') {
    // Footers: what the parser reported, and every italic `_Status: …_` line it may not have.
    const footers = new Set(declaredLines(decision, ['footer']));
    for (const line of s.lines) if (isProse(line) && line.kind === 'text' && FOOTER_LINE.test(line.text)) footers.add(line.n);
    for (const n of footers) {
      const line = s.lines[n - 1];
      if (!isProse(line)) continue;
      const range = footerValue(line.text) ?? labelValue(line.text);
      if (range) push(replaceInLine(file, line, range, statusText('footer', change)));
    }
  }
  if (change.status !== 'superseded' && style !== 'nygard') {
    const replaced = new Set(edits.filter((e) => e.start !== e.end).map((e) => lineOfOffset(s, e.start)));
    push(keepSupersededLinks(decision, s, style, replaced, eol));
  }

  // Rejected and superseded end a decision like an abort does: its open action items are closed.
  if (change.status === 'rejected' || change.status === 'superseded') {
    const why =
      change.status === 'rejected'
        ? `decision rejected${change.reason ? `: ${oneLine(change.reason)}` : ''}`
        : `superseded${change.link ? ` by ${oneLine(change.link.text)}` : ''}`;
    for (const e of closeOpenItems(decision, s, why).edits) push(e);
  }
  if (edits.length > 0) for (const e of lastUpdatedEdits(decision, s, change.today)) push(e);

  if (style === 'front-matter' && change.reason && change.rationaleSection !== false) {
    push(rationaleEdit(decision, s, change, eol));
  }
  return edits;
}

/** Inserts a status label line into a summary or MADR 2 record that has none. */
function insertHeaderStatus(decision: Decision, s: Scan, style: 'summary' | 'madr2', change: StatusChange, eol: string): TextEdit {
  const value = statusText(style, change);
  const title = s.headings.find((h) => h.depth === 1)?.line ?? null;
  if (style === 'madr2') {
    // Into the bullet list of metadata under the title, with its bullet character.
    const meta = s.lines.find((l) => l.kind === 'item' && /^[ \t]*[-*+][ \t]+(Deciders|Date|Tags|Technical Story|Decision-makers)[ \t]*:/i.test(l.text));
    if (meta) {
      const bullet = /^[ \t]*([-*+])/.exec(meta.text)![1];
      return insertBefore(decision.file, s, meta, [`${bullet} Status: ${value}`], eol);
    }
    return afterTitle(decision, s, title, [`- Status: ${value}`], eol);
  }
  const summaryHeading = findHeading(s, /^decision summary$/i);
  const from = summaryHeading ?? title;
  if (from) {
    // Before the first label line of the block, as one of them (hard break kept).
    for (let k = from.n; k < s.lines.length && k < from.n + 12; k++) {
      const l = s.lines[k];
      if (l.kind === 'heading') break;
      if (l.kind === 'text' && /^[ \t]*\*\*[^*]+\*\*[ \t]*:/.test(l.text)) {
        return insertBefore(decision.file, s, l, [`**Status**: ${value}\\`], eol);
      }
    }
  }
  return afterTitle(decision, s, from, [`**Status**: ${value}`], eol);
}

/** Inserts lines as a paragraph after the title (or at the very start when there is no title). */
function afterTitle(decision: Decision, s: Scan, title: ScanLine | null, lines: string[], eol: string): TextEdit {
  if (!title) {
    const first = s.lines.find((l) => l.kind !== 'front-matter') ?? null;
    return insertBefore(decision.file, s, first, [...lines, ''], eol);
  }
  // A setext title (`Title` over `=====`) ends with its underline.
  const end = headingEnd(s, title);
  return { file: decision.file, start: end, end, text: eol + eol + lines.join(eol) };
}

/**
 * Nygard: the first paragraph of `## Status` is the status; the link lines after it stay.
 * A first paragraph that is a link line whose label is no status word (`Amends [...]`) is
 * not a status: the new status goes in front of it.
 */
function nygardStatusEdit(decision: Decision, s: Scan, change: StatusChange, eol: string): TextEdit | null {
  const heading = statusHeading(decision, s);
  const value = statusText('nygard', change);
  if (!heading) {
    const firstSection = s.headings.find((h) => h.depth >= 2)?.line ?? null;
    if (firstSection) return insertBefore(decision.file, s, firstSection, ['## Status', '', value, ''], eol);
    return appendSection(decision, s, ['## Status', '', value], eol);
  }
  const end = sectionEndIndex(s, heading);
  let k = heading.n;
  while (k < end && s.lines[k].kind === 'blank') k++;
  // The paragraph the reader takes as the current status (a section may keep a history of them).
  const declared = decision.statusDeclarations.find((d) => d.site === 'section' && d.line - 1 > heading.n - 1 && d.line - 1 < end);
  if (declared) {
    let j = declared.line - 1;
    while (j > k && s.lines[j - 1].kind !== 'blank') j--;
    k = j;
  }
  const first = k < end ? s.lines[k] : null;
  if (!first || first.kind === 'heading') {
    const at = headingEnd(s, heading);
    return { file: decision.file, start: at, end: at, text: eol + eol + value };
  }
  let last = first;
  for (let j = k + 1; j < end && s.lines[j].kind !== 'blank' && s.lines[j].kind !== 'heading'; j++) last = s.lines[j];
  const paragraph = s.text.slice(first.start, last.end);
  const link = LINK_LINE.exec(paragraph);
  const linkStatus = link ? canonicalStatus(link[1]) : null;
  const indent = /^[ \t]*/.exec(first.text)![0];
  if (link && linkStatus === null) {
    // A link line (`Amends [..]`) is no status: the status goes in front of it.
    return insertBefore(decision.file, s, first, [value, ''], eol);
  }
  if (linkStatus === 'superseded' && change.status !== 'superseded') {
    // The record leaves "superseded": the new status takes the place, the link stays as history
    // (`Previously superseded by [..]`), read as a link and no longer as the current status.
    const history = `Previously ${paragraph.slice(indent.length, indent.length + 1).toLowerCase()}${paragraph.slice(indent.length + 1)}`;
    return { file: decision.file, start: first.start + indent.length, end: last.end, text: value + eol + eol + history };
  }
  if (change.status === 'superseded' && linkStatus === 'superseded') {
    // Already superseded by another record: add this one below, keep the first.
    if (change.link && paragraph.includes(`](${escapeHref(change.link.href)})`)) return null;
    return { file: decision.file, start: last.end, end: last.end, text: eol + eol + value };
  }
  if (paragraph === value) return null;
  if (!bareStatus(paragraph)) {
    // The paragraph says more than its status (`Accepted (2026-07-01). Supersedes [ADR-0013](..).`):
    // replacing it would drop a date, links and words nobody asked to change. It stays as history and
    // the new status follows it; the reader takes the last status paragraph as the current one.
    return { file: decision.file, start: last.end, end: last.end, text: eol + eol + value };
  }
  return { file: decision.file, start: first.start + indent.length, end: last.end, text: value };
}

/**
 * Whether a status paragraph holds a status and nothing else (`Accepted`, `**Proposed**`,
 * `Accepted.`): no date, no link, no second sentence. Only such a paragraph is replaced outright.
 */
export function bareStatus(paragraph: string): boolean {
  const plain = paragraph.replace(/[*_`]/g, '').trim().replace(/\.$/, '');
  if (/[[\]()\d]|[.;:!?]\s|\n/.test(plain)) return false;
  return plain.split(/\s+/).length <= 3 && canonicalStatus(plain) !== null;
}

/** The `## Status` heading of a Nygard record. */
function statusHeading(decision: Decision, s: Scan): ScanLine | null {
  const declared = decision.statusDeclarations.find((d) => d.site === 'section');
  if (declared) {
    for (let k = declared.line - 1; k >= 0; k--) {
      const l = s.lines[k];
      if (l?.kind === 'heading') {
        if (/^status$/i.test((l.heading ?? '').replace(/[*_`]/g, '').trim())) return l;
        break;
      }
    }
  }
  return findHeading(s, /^status$/i, (d) => d >= 2);
}

/** MADR 3/4: `status:` in the front matter, the YAML scalar replaced or a key added. */
function frontMatterStatusEdit(decision: Decision, s: Scan, change: StatusChange, eol: string): TextEdit | null {
  const fm = s.frontMatter;
  if (!fm) {
    return { file: decision.file, start: 0, end: 0, text: ['---', `status: ${statusText('front-matter', change)}`, '---', ''].join(eol) };
  }
  for (let n = fm.startLine + 1; n < fm.endLine; n++) {
    const line = s.lines[n - 1];
    const m = FRONT_STATUS.exec(line.text);
    if (!m) continue;
    const current = m[2];
    let value = statusText('front-matter', change, current);
    // Keep the record's quoting where it was a choice (`status: "accepted"`), not a necessity.
    const bare = value.startsWith('"') ? (JSON.parse(value) as string) : value;
    const inner = /^(["'])(.*)\1$/.exec(current.trim())?.[2] ?? null;
    const chosen = inner !== null && !yamlScalar(inner).startsWith('"');
    if (chosen && current.startsWith('"') && !value.startsWith('"')) value = JSON.stringify(bare);
    else if (chosen && current.startsWith("'")) value = `'${bare.replace(/'/g, "''")}'`;
    return replaceInLine(decision.file, line, { start: m[1].length, end: m[1].length + current.length }, value);
  }
  // No `status:` key yet: it becomes the first key.
  return insertBefore(decision.file, s, s.lines[fm.startLine], [`status: ${statusText('front-matter', change)}`], eol);
}

/** MADR 3/4 keep a bare status word; the reason goes to a dated `## Status Rationale` entry. */
function rationaleEdit(decision: Decision, s: Scan, change: StatusChange, eol: string): TextEdit | null {
  const entry = [`### ${WORD[change.status]} (${change.today})`, '', blockSafe(oneLine(change.reason ?? ''))];
  const existing = findHeading(s, /^status rationale$/i, (d) => d === 2);
  if (existing) {
    // The same reason for the same status again adds nothing (running a command twice is a no-op).
    const end = sectionEndIndex(s, existing);
    const body = s.lines.slice(existing.n, end).map((l) => l.text);
    const last = body.lastIndexOf(entry[2]);
    if (last !== -1 && body.slice(0, last).reverse().find((l) => l.startsWith('### '))?.startsWith(`### ${WORD[change.status]} (`)) return null;
    const after = lastContentLine(s, existing, false);
    return { file: decision.file, start: after.end, end: after.end, text: eol + eol + entry.join(eol) };
  }
  return appendSection(decision, s, ['## Status Rationale', '', ...entry], eol);
}

/** What a record must read as after a status change: null when it does, else the reason. */
export function verifyStatus(after: Decision | null, change: Pick<StatusChange, 'status' | 'reason'>): string | null {
  if (!after) return 'the edited record no longer parses';
  if (after.status !== change.status) return `the edited record reads as '${after.status ?? 'no status'}', not '${change.status}'`;
  for (const d of after.statusDeclarations) {
    if (d.site === 'sub-decision' || d.status === null) continue;
    if (d.status !== change.status) return `line ${d.line} still declares '${d.status}'`;
  }
  if (change.status === 'rejected' || change.status === 'superseded') {
    const open = verifyNoOpenItems(after);
    if (open) return open;
  }
  const style = editStyle(after.dialect);
  if (change.reason && style !== 'front-matter') {
    const want = oneLine(change.reason);
    const got = after.reason ? oneLine(after.reason.replace(/[*_`]/g, '')) : '';
    if (got !== want.replace(/[*_`]/g, '') && !got.includes(want.replace(/[*_`]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'))) {
      return `the edited record gives the reason as '${after.reason ?? ''}', not '${want}'`;
    }
  }
  return null;
}

/** Where a dialect keeps its link bullets: summary `## Related Decisions`, MADR 2 `## Links`, MADR 3/4 `## More Information`. */
export function linkSection(style: EditStyle): { find: RegExp; create: string } {
  if (style === 'summary') return { find: /related( decisions| records| documents| adrs)?$/i, create: 'Related Decisions' };
  if (style === 'madr2') return { find: /^links$/i, create: 'Links' };
  return { find: /^(links|more information)$/i, create: 'More Information' };
}

/**
 * A status value being replaced may carry the record's `Superseded by [X](x.md)` link (summary,
 * MADR). When the new status is not superseded, the link is kept as a bullet of the dialect's link
 * section, so the other record's `Supersedes` keeps its counterpart.
 */
function keepSupersededLinks(decision: Decision, s: Scan, style: EditStyle, replaced: Set<number>, eol: string): TextEdit | null {
  const elsewhere = new Set(decision.links.filter((l) => !replaced.has(l.line)).map((l) => `${l.kind} ${l.target}`));
  const lost = decision.links.filter((l) => l.kind === 'superseded-by' && replaced.has(l.line) && !elsewhere.has(`superseded-by ${l.target}`));
  if (lost.length === 0) return null;
  const lines = lost.map((l) => {
    // A successor named by number only (`superseded by ADR-0010`) has no destination to copy: link its file.
    const from = posix.dirname(decision.file);
    const dest = l.implicit ? posix.relative(from === '.' ? '' : from, l.target) || l.target : s.text.slice(l.span.start.offset, l.span.end.offset);
    const label = l.label ? l.label[0].toUpperCase() + l.label.slice(1) : 'Superseded by';
    return `${label} [${escapeLinkText(l.text)}](${escapeHref(dest)})`;
  });
  const edit = bulletEdit(decision, s, linkSection(style), lines.join(`${eol}- `), eol);
  return edit;
}
