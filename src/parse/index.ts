/**
 * Markdown to model: reads one record, in whichever dialect it is written, into a Decision.
 * Never throws on content: whatever cannot be read becomes a Diagnostic naming file and line.
 */
import type { Decision, Diagnostic, Dialect, Link, NumberRef, StatusDeclaration } from '../model/index.js';
import { hasAbortRationale, readActionItems, readFooterStatus, readHeadings, readLinks, readTitle, relationOf, titleParts } from './common.js';
import { readAppliesTo } from './applies-to.js';
import { RecordContext, type HeaderFacts } from './context.js';
import { detectDialect } from './detect.js';
import { titleFromStem } from './file-title.js';
import { isGeneratedIndex } from './generated-index.js';
import { decodeBytes, detectEol, dominantMojibake, findMojibake } from './encoding.js';
import { factsFromLabels, fencedLabelLines, labelLines, mergeFacts, preamble, readSubDecisions } from './header.js';
import { isLog4brains, readMadr2 } from './madr2.js';
import { madrGeneration, readFrontMatter } from './madr3.js';
import { readNygard, readStatusSection } from './nygard.js';
import { readReview } from './review.js';
import { scan, type ScanLine } from './scan.js';
import { readSummary } from './summary.js';
import { canonicalCategory, canonicalPriority, parseDate, statusDate } from './vocab.js';

export { canonicalCategory, canonicalPriority, canonicalStatus, parseDate, horizonOf, splitReason } from './vocab.js';
export { parseOverview } from './overview.js';

/** What parsing one record gives. */
export interface ParseResult {
  /** The record, or null when the file could not be read as one (or is not one: see `skip`). */
  decision: Decision | null;
  diagnostics: Diagnostic[];
  /**
   * Set when the file is read well but is not a record: a generated list of the log's records
   * (`toc.md`, a "List of ADRs"). It is then no record, no page and no source of back-links.
   */
  skip?: 'generated-index';
}

/** Options of a parse. */
export interface ParseOptions {
  /** Whether the bytes began with a UTF-8 byte-order mark (the text passed has it removed). */
  bom?: boolean;
  /** The overview file's name, to recognise the back-link (default `DECISIONS.md`). */
  overviewName?: string;
}

/** The file's stem (`0012-use-x` of `sub/0012-use-x.md`). */
function stemOf(file: string): string {
  const parts = file.split('/');
  // A page-bundle record (`secrets-storage/index.md`) is named by its folder.
  if (parts.length > 1 && /^index\.(md|markdown)$/i.test(parts[parts.length - 1])) return parts[parts.length - 2];
  return (parts.pop() ?? file).replace(/\.(md|markdown)$/i, '');
}

/** The record number a file name carries (`0012-x.md` → 12); date-prefixed names carry none. */
export function numberFromFile(file: string): number | null {
  const stem = stemOf(file);
  if (/^\d{4}-\d{2}-\d{2}(?:[-_]|$)/.test(stem) || /^\d{8}(?:[-_]|$)/.test(stem)) return null;
  const m = /^(?:adr[-_]?)?(\d{1,6})(?:[-_. ]|$)/i.exec(stem);
  return m ? Number(m[1]) : null;
}

/** The date a file name carries (`2025-08-06-x.md`, `20250806-x.md`), or null. */
function dateFromFile(file: string): string | null {
  const stem = stemOf(file);
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[-_]|$)/.exec(stem);
  if (!m) return null;
  return parseDate(`${m[1]}-${m[2]}-${m[3]}`).date;
}

const SUCCESSOR_NUMBER = /(super[sc]eded\s+by)[\s:*_]+((?:ADR|DR|RFC)?[-_ ]?#?0*(\d{1,6}))(?=$|[\s,;:)*_]|\.(?:\s|$))/i;

/**
 * `superseded by ADR-0010` written as text in a status (MADR 4's template says exactly this): the
 * successor's number, where the status has no link of its own to say it.
 */
function readNumberRefs(ctx: RecordContext, declarations: StatusDeclaration[], links: Link[]): NumberRef[] {
  const refs: NumberRef[] = [];
  for (const d of declarations) {
    if (d.status !== 'superseded') continue;
    const start = d.span.start.offset;
    const raw = ctx.text.slice(start, d.span.end.offset);
    if (raw.includes('](') || links.some((l) => l.kind === 'superseded-by' && l.line === d.line)) continue;
    const m = SUCCESSOR_NUMBER.exec(raw);
    if (!m || !m[3]) continue;
    const at = start + m.index + m[0].length - m[2].length;
    refs.push({ kind: 'superseded-by', number: Number(m[3]), text: m[2], label: m[1], line: d.line, span: ctx.span(at, at + m[2].length) });
  }
  // Relation lines naming a record by number (`Supersedes ADR-0004`, `- **Amended by**: ADR-12`), the
  // successor's half of the above. Only with an `ADR-`/`#` prefix: a bare number is too often prose.
  if (!RELATION_NUMBER_HINT.test(ctx.text)) return refs;
  for (const line of ctx.scan.lines) {
    if ((line.kind !== 'text' && line.kind !== 'item') || line.text.includes('](') || refs.some((r) => r.line === line.n)) continue;
    const m = RELATION_NUMBER.exec(line.text);
    if (!m) continue;
    const kind = relationOf(m[2])?.kind ?? 'superseded-by';
    const at = line.start + m[1].length + m[2].length + m[3].length;
    refs.push({ kind, number: Number(m[5] ?? m[6]), text: m[4], label: m[2], line: line.n, span: ctx.span(at, at + m[4].length) });
  }
  return refs;
}

const RELATION_NUMBER_HINT = /(?:supersedes|super[sc]eded by|amends|amended by)[\s:*_]+(?:ADR|DR|RFC|#)/i;
const RELATION_NUMBER = /^(\s*(?:[-*+][ \t]+)?(?:\*\*|__)?)(supersedes|super[sc]eded by|amends|amended by)((?:\*\*|__)?[ \t]*:?[ \t]*(?:\*\*|__)?[ \t]*)((?:ADR|DR|RFC)[-_ ]?#?0*(\d{1,6})|#0*(\d{1,6}))(?=$|[\s,;:)*_]|\.(?:\s|$))/i;


const METADATA_HEADING = /^(?:metadata|meta ?data|meta|document (?:info|information|control)|record (?:info|information)|decision (?:info|information|metadata)|properties|details)$/i;

/** The lines of the first section whose heading says it holds the record's metadata (`## Metadata`), up to the next heading. */
function metadataSection(ctx: RecordContext): ScanLine[] {
  const lines = ctx.scan.lines;
  const h = ctx.scan.headings.find((x) => x.depth >= 2 && METADATA_HEADING.test(ctx.plain(x.text).replace(/:$/, '').trim()));
  if (!h) return [];
  const out: ScanLine[] = [];
  for (let k = h.line.n; k < lines.length && lines[k].kind !== 'heading'; k++) out.push(lines[k]);
  return out;
}

/** The header facts of a record in its dialect, with fallbacks for records that mix styles. */
function readFacts(ctx: RecordContext, dialect: Dialect, titleLine: ReturnType<typeof readTitle>, fm: HeaderFacts): HeaderFacts {
  const line = titleLine?.line ?? null;
  let facts: HeaderFacts;
  switch (dialect) {
    case 'summary':
      facts = readSummary(ctx, line);
      break;
    case 'nygard':
      facts = readNygard(ctx, line);
      break;
    case 'madr2':
    case 'log4brains':
      facts = readMadr2(ctx, line);
      break;
    default:
      facts = fm;
  }
  if (dialect !== 'madr3' && dialect !== 'madr4') facts = mergeFacts(facts, fm);
  if (facts.declarations.length === 0) {
    // A record that mixes styles: a preamble `Status:` line, or a Status section, or the
    // metadata in a code block under the title.
    facts = mergeFacts(facts, factsFromLabels(ctx, labelLines(ctx, preamble(ctx, line))));
    if (facts.declarations.length === 0) facts = mergeFacts(facts, readStatusSection(ctx));
    if (facts.declarations.length === 0 && !facts.date) facts = mergeFacts(facts, factsFromLabels(ctx, fencedLabelLines(ctx, preamble(ctx, line))));
    // Or under a heading of their own (`## Metadata` holding a `| **Status** | Accepted |` table).
    if (facts.declarations.length === 0 && !facts.date) facts = mergeFacts(facts, factsFromLabels(ctx, labelLines(ctx, metadataSection(ctx))));
  } else if (dialect === 'madr3' || dialect === 'madr4') {
    // MADR 3/4 records sometimes still carry a Status section; it is a second declaration.
    const section = readStatusSection(ctx);
    facts.declarations.push(...section.declarations);
  }
  if (!facts.date) {
    const more = factsFromLabels(ctx, labelLines(ctx, preamble(ctx, line)));
    if (more.date) {
      facts.date = more.date;
      facts.lines.date = more.lines.date;
    }
  }
  return facts;
}

/** Reads a decoded record. `file` is relative to the log folder, with `/` separators. */
export function parseRecord(file: string, text: string, options: ParseOptions = {}): ParseResult {
  const ctx = new RecordContext(file, text, scan(text));
  const { facts: fm, keys } = readFrontMatter(ctx);
  // A record without a `#` title but with a front-matter `title:` (Backstage, Docusaurus) is named
  // by the front matter; its first `##` is a section (`## Context`), not the title.
  const hasH1 = ctx.scan.headings.some((h) => h.depth === 1);
  const titleInfo = !hasH1 && fm.title ? null : readTitle(ctx);
  let dialect = detectDialect(ctx, titleInfo?.line ?? null, madrGeneration(keys));
  const facts = readFacts(ctx, dialect, titleInfo, fm);
  if (dialect === 'madr2' && isLog4brains(ctx, facts)) dialect = 'log4brains';

  const stem = stemOf(file);
  const rawTitle = titleInfo?.text ?? facts.title ?? fm.title ?? '';
  const fileNumber = numberFromFile(file);
  const numbered = titleParts(rawTitle, fileNumber);
  const number = fileNumber ?? numbered.number;
  const title = numbered.title;

  const footer = readFooterStatus(ctx);
  const subDecisions = dialect === 'summary' ? readSubDecisions(ctx) : [];
  const declarations: StatusDeclaration[] = [...facts.declarations, ...footer];
  // The main declaration: the header's; a record with sub-decisions only takes their common status.
  let main = declarations.find((d) => d.site !== 'footer') ?? null;
  let status = main?.status ?? null;
  if (!main && subDecisions.length > 0) {
    const statuses = new Set(subDecisions.map((s) => s.status));
    if (statuses.size === 1 && subDecisions[0].status) status = subDecisions[0].status;
  }
  if (!main && status === null && footer.length > 0) {
    main = footer[0];
    status = main.status;
  }

  const dateParsed = facts.date ? parseDate(facts.date.text) : { date: null, valid: true };
  // No Date line: a dated file name, else the status's own date (`Accepted on 2020-03-01`).
  const date = facts.date ? dateParsed.date : (dateFromFile(file) ?? statusDate(main?.text ?? null) ?? facts.historyDate?.text ?? null);
  const { links, webLinks, overviewLink } = readLinks(ctx, options.overviewName ?? 'DECISIONS.md');
  // A list of the log's records (`toc.md`) is not a record, whatever it is called.
  if (fileNumber === null && declarations.length === 0 && !facts.date && dateFromFile(file) === null && isGeneratedIndex(ctx, links)) {
    return { decision: null, diagnostics: [], skip: 'generated-index' };
  }
  const numberRefs = readNumberRefs(ctx, declarations, links);
  // Links written in front matter (`status: superseded by [X](x.md)`) are read by the line scan too.
  const eol = detectEol(text);
  let runs: ReturnType<typeof findMojibake> = [];
  try {
    runs = findMojibake(text);
  } catch {
    // The mojibake scan gave up on an enormous mangled run (a stack overflow inside encoding.ts):
    // the record is still read, as written, and says so.
    ctx.diagnostics.push({ file, line: 1, column: 1, endLine: 1, endColumn: 1, rule: 'parse', severity: 'warning', message: 'Too much mangled text to check for mojibake; read as written.' });
  }

  const lines: Record<string, number> = { ...facts.lines };
  if (titleInfo) lines.title = titleInfo.line.n;
  if (main) lines.status = main.line;
  const appliesTo = readAppliesTo(ctx, titleInfo?.line ?? null);
  if (appliesTo.length > 0) lines.appliesTo = appliesTo[0].line;
  const review = readReview(ctx, facts);
  if (review) lines.review = review.line;

  const decision: Decision = {
    file,
    id: number !== null ? String(number) : stem,
    number,
    title: title || titleFromStem(stem),
    dialect,
    status,
    statusText: main?.text ?? null,
    reason: main?.reason ?? null,
    date,
    dateText: facts.date?.text ?? null,
    priority: facts.priority ? canonicalPriority(facts.priority.text) : null,
    priorityText: facts.priority?.text ?? null,
    category: facts.category ? canonicalCategory(facts.category.text) : null,
    deciders: facts.deciders,
    attendees: facts.attendees,
    consulted: facts.consulted,
    informed: facts.informed,
    tags: facts.tags,
    summary: facts.summary ?? null,
    actionItems: readActionItems(ctx),
    links,
    backlinks: [],
    statusDeclarations: declarations,
    subDecisions,
    headings: readHeadings(ctx),
    overviewLink,
    abortRationale: hasAbortRationale(ctx),
    reviewBy: review?.date ?? null,
    reviewByText: review?.text ?? null,
    ...(numberRefs.length > 0 ? { numberRefs } : {}),
    ...(webLinks.length > 0 ? { webLinks } : {}),
    appliesTo,
    encoding: {
      bom: options.bom ?? false,
      eol,
      mojibake: dominantMojibake(runs),
      repairs: runs.map((r) => ({ line: r.line, column: r.column, mangled: r.mangled, restored: r.restored })),
    },
    lines,
  };
  if (!titleInfo && !facts.title) {
    ctx.diagnostics.push({
      file,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      rule: 'parse',
      severity: 'info',
      message: 'No title heading found; the file name is used as the title.',
    });
  }
  return { decision, diagnostics: ctx.diagnostics };
}

/** The largest record read (bigger files are reported, not parsed): 10 MB. */
export const MAX_RECORD_BYTES = 10 * 1024 * 1024;

/** A reader's diagnostic about a whole file, or about the one character at `at` (the first bad byte). */
export function fileDiagnostic(file: string, message: string, severity: Diagnostic['severity'] = 'error', at?: { line: number; column: number }): Diagnostic {
  const line = at?.line ?? 1;
  const column = at?.column ?? 1;
  return { file, line, column, endLine: line, endColumn: at ? column + 1 : column, rule: 'parse', severity, message };
}

/** Decodes and reads a record's bytes; a file that is not UTF-8 text becomes a diagnostic. */
export function parseBytes(file: string, bytes: Uint8Array, options: Omit<ParseOptions, 'bom'> = {}): ParseResult & { text: string | null } {
  if (bytes.length > MAX_RECORD_BYTES) {
    const size = `${(bytes.length / 1048576).toFixed(1)} MB, limit ${MAX_RECORD_BYTES / 1048576} MB`;
    return { decision: null, text: null, diagnostics: [fileDiagnostic(file, `File is too large to be a decision record (${size}); not read.`)] };
  }
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) {
    const message = `Cannot read as a decision record: ${decoded.reason}.`;
    return { decision: null, text: null, diagnostics: [fileDiagnostic(file, message, 'error', decoded)] };
  }
  if (decoded.text.trim() === '') {
    return { decision: null, text: decoded.text, diagnostics: [fileDiagnostic(file, 'Empty file: not a decision record.')] };
  }
  return { ...parseRecord(file, decoded.text, { ...options, bom: decoded.bom }), text: decoded.text };
}
