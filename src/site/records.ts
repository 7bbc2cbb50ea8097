/**
 * The third step of a site build: one record's page data. Every inline text of the record (title,
 * reason, decision, action items) is rendered in one pass through the same safe markdown
 * pipeline as its body; the values handed to the search index are escaped for it.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ActionItem, Decision, Link, LinkKind, Log, OverviewRow } from '../model/index.js';
import { relativePath } from '../output.js';
import { linkOptions } from './bodies.js';
import type { SiteFinding, SiteProgress, SiteRecord, SiteRelation } from './data.js';
import { BACKLINK_LABEL, CLOSED, FADED, LINK_LABEL, priorityLabel, statusLabel, writtenStatus } from './labels.js';
import { MAX_BODY_CHARS, MAX_EXCERPT_CHARS, MAX_MARKUP_CHARS, type LoadedBody } from './load-bodies.js';
import { escapeHtml, renderInline, renderInlineMany, textOfHtml, type RenderedHeading, type RenderOptions } from './render.js';
import type { IndexedRecord, SiteIndex } from './site-index.js';

/** What {@link siteRecord} needs besides the record. */
export interface RecordContext {
  index: SiteIndex;
  /** The repository root of the record's log. */
  root: string;
  body: LoadedBody | undefined;
  findings: SiteFinding[];
  /** Its texts as {@link recordTexts} lists them, rendered ({@link renderRecordTexts}). */
  inline: string[];
}

/** The repository a log lives in: the nearest folder holding `.git`, else the folder of its config. */
export function repositoryRoot(log: Log): string {
  for (let at = resolve(log.dir); ; ) {
    if (existsSync(join(at, '.git'))) return at;
    const up = dirname(at);
    if (up === at) return resolve(log.root);
    at = up;
  }
}

/** A file of `dir` as a person names it from `root` (`docs/adr/0001-x.md`), POSIX separators. */
export function pathFrom(root: string, dir: string, file: string): string {
  return relativePath(root, resolve(dir, file));
}

/** A summary worth showing: not empty and not a placeholder (`-`, `—`, `TBD`, `?`). */
function meaningful(text: string | null | undefined): string | null {
  if (!text) return null;
  const trimmed = text.trim();
  return /^(?:[-–—?.…\s]*|tbd|todo|n\/a|none)$/i.test(trimmed) ? null : trimmed;
}

const ABBREVIATIONS = /(?:^|\s)(?:e\.g|i\.e|etc|vs|cf|approx|incl|resp|no|nr|fig|[A-Za-z])\.$/i;

/**
 * The first sentence of a paragraph of markdown: up to the first `.`, `!` or `?` that ends a
 * sentence (not an abbreviation such as `e.g.`), whole words only; a very long one is cut
 * at a word boundary with an ellipsis.
 */
export function firstSentence(markdown: string, max = 280): string {
  const text = markdown.replace(/\s+/g, ' ').trim();
  const boundary = /[.!?](?=\s+[^\s]|$)/g;
  let end = text.length;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const upTo = text.slice(0, m.index + 1);
    if (ABBREVIATIONS.test(upTo)) continue;
    // A period inside a link or code span does not end the sentence.
    if ((upTo.match(/`/g)?.length ?? 0) % 2 === 1 || upTo.lastIndexOf('[') > upTo.lastIndexOf(']')) continue;
    end = m.index + 1;
    break;
  }
  const sentence = text.slice(0, end);
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

function progressOf(items: readonly ActionItem[]): SiteProgress {
  const done = items.filter((item) => item.done && !item.aborted).length;
  const aborted = items.filter((item) => item.aborted).length;
  const total = items.length;
  const open = total - done - aborted;
  return { total, done, aborted, open, percent: total === 0 ? 0 : Math.round(((done + aborted) / total) * 100) };
}

/** The note of a closed item without its marker (`✗ ABORTED - Licence changed` gives `Licence changed`). */
function noteText(item: ActionItem): string | null {
  if (!item.note) return null;
  const text = item.note
    .replace(/^[\s*_~]*(?:[✅✓✔☑✗✘❌]\uFE0F?[\s*_]*)*/u, '')
    .replace(/^(?:aborted|abandoned|cancelled|canceled|dropped|done|completed)\b[\s*_]*(?:[-–—:]\s*)?/i, '')
    .trim();
  return meaningful(text);
}

/**
 * One relation per other record and kind (a record may link the same record twice), and no
 * plain "relates" entry next to a typed one for the same record (`Supersedes [x](x.md)` plus a
 * mention of x in the text is one relation: supersedes).
 */
function dedupeRelations(relations: SiteRelation[]): SiteRelation[] {
  const seen = new Set<string>();
  const typed = new Set(relations.filter((r) => r.kind !== 'relates').map((r) => r.file));
  return relations.filter((r) => {
    if (r.kind === 'relates' && typed.has(r.file)) return false;
    const key = `${r.kind} ${r.file}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The kind a link has when the other record writes it. */
const REVERSE: Record<LinkKind, LinkKind> = {
  supersedes: 'superseded-by',
  'superseded-by': 'supersedes',
  amends: 'amended-by',
  'amended-by': 'amends',
  relates: 'relates',
};

/** The number as the file name writes it (`0012-x.md` gives `0012`, `adr013-x.md` `013`), else the number, else null. */
function refOf(decision: Decision): string | null {
  if (decision.number === null) return null;
  // `0012-x.md`, `adr013-x.md`, `ADR-7 x.md`: the digits as written.
  const lead = /^[A-Za-z]{0,6}[-_ ]?(\d+)/.exec(basename(decision.file));
  return lead && Number(lead[1]) === decision.number ? lead[1] : String(decision.number);
}

/**
 * "Edit this page" and "view the source" URLs from the config's `editUrl`: the file's path from
 * the repository root replaces `{path}`, or is appended. The source URL is the edit URL with
 * its `edit` segment read as `blob` (GitHub, GitLab, Gitea and Forgejo all name them so), or
 * null when the URL has no such segment.
 */
export function editUrls(editUrl: string | undefined, path: string): { editUrl: string | null; sourceUrl: string | null } {
  if (!editUrl) return { editUrl: null, sourceUrl: null };
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const edit = editUrl.includes('{path}') ? editUrl.replace('{path}', encoded) : `${editUrl.replace(/\/*$/, '/')}${encoded}`;
  const source = /\/edit\//.test(edit) ? edit.replace(/\/edit\//, '/blob/') : null;
  return { editUrl: edit, sourceUrl: source };
}

/**
 * The decision in one line, as markdown: the record's own summary, else its row's in the overview
 * file (a one-line summary by the format's rules, unless it is the reason the record was closed),
 * else the first sentence of its Decision section.
 */
function decisionSource(decision: Decision, body: LoadedBody | undefined, row: OverviewRow | undefined): string | null {
  const fromBody = body && 'decisionSource' in body && body.decisionSource ? firstSentence(body.decisionSource) : null;
  const fromRow = meaningful(row?.decision);
  // An overview row of a closed record often holds the reason it was closed, not the decision.
  const rowIsReason = fromRow !== null && decision.reason !== null && (fromRow.includes(decision.reason) || decision.reason.includes(fromRow));
  return (
    meaningful(decision.summary) ??
    (rowIsReason ? null : fromRow) ??
    meaningful(fromBody) ??
    meaningful(decision.subDecisions.find((s) => s.decision)?.decision) ??
    null
  );
}

/**
 * Renders the non-empty texts in one pass (empty ones give ''); a text the pipeline cannot take
 * is rendered on its own, and as escaped plain text if even that fails.
 */
function renderTexts(texts: readonly string[], options: RenderOptions): string[] {
  const slots = texts.map((text, i) => [i, text] as const).filter(([, text]) => text.trim() !== '');
  let rendered: string[];
  try {
    rendered = renderInlineMany(
      slots.map(([, text]) => text),
      options,
    );
  } catch {
    rendered = slots.map(([, text]) => {
      try {
        return renderInline(text, options);
      } catch {
        return escapeHtml(text);
      }
    });
  }
  const out = texts.map(() => '');
  slots.forEach(([i], k) => (out[i] = rendered[k]));
  return out;
}

/**
 * The inline texts of a record, in the order {@link siteRecord} reads them back: title, reason,
 * decision line, each action item, each item's note ('' where there is none).
 */
export function recordTexts(decision: Decision, body: LoadedBody | undefined, row: OverviewRow | undefined): string[] {
  const summary = decisionSource(decision, body, row);
  return [
    decision.title || decision.file,
    decision.reason ?? '',
    summary ?? '',
    ...decision.actionItems.map((item) => item.text),
    ...decision.actionItems.map((item) => noteText(item) ?? ''),
  ];
}

/** How many lines one pass of the inline renderer takes. */
const INLINE_BATCH = 400;

/**
 * Renders the inline texts of many records. Setting up the markdown pipeline costs more than a
 * short line, so the texts of records in the same folder (their links resolve alike) go through
 * it together, a few hundred lines a pass: at 1,000 records one pass per record cost seconds.
 * @returns the rendered texts of each record, in the order of `texts`
 */
export function renderRecordTexts(entries: readonly IndexedRecord[], texts: readonly string[][], tables: SiteIndex['tables']): string[][] {
  const out = texts.map((list) => list.map(() => ''));
  const byFolder = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    const folder = dirname(entry.abs);
    (byFolder.get(folder) ?? byFolder.set(folder, []).get(folder)!).push(i);
  });
  for (const members of byFolder.values()) {
    const options = linkOptions(tables, entries[members[0]].abs);
    const slots: Array<[number, number]> = [];
    for (const i of members) texts[i].forEach((_, k) => slots.push([i, k]));
    for (let start = 0; start < slots.length; start += INLINE_BATCH) {
      const chunk = slots.slice(start, start + INLINE_BATCH);
      const rendered = renderTexts(
        chunk.map(([i, k]) => texts[i][k]),
        options,
      );
      chunk.forEach(([i, k], n) => (out[i][k] = rendered[n]));
    }
  }
  return out;
}

/** The page data of one record. */
export function siteRecord(entry: IndexedRecord, ctx: RecordContext): SiteRecord {
  const { decision, log } = entry;
  const { index, root, body } = ctx;

  let bodyHtml = '';
  let headings: RenderedHeading[] = [];
  let bodyError: string | null = null;
  let updated: string | null = null;
  if (!body) {
    bodyError = 'the record was not read';
  } else if ('excerpt' in body) {
    // A huge record (a generated table, a pasted log) would take minutes and gigabytes to
    // render and would make an unreadable page: show its start as plain text instead.
    const size =
      body.length > MAX_BODY_CHARS
        ? `too large to show as a page (${(body.length / 1e6).toFixed(1)} million characters)`
        : `too heavy in brackets and emphasis markers to render safely (over ${MAX_MARKUP_CHARS / 1000} thousand)`;
    bodyError = `the record is ${size}; its first ${MAX_EXCERPT_CHARS / 1000} thousand characters follow as plain text`;
    bodyHtml = `<pre class="excerpt">${escapeHtml(body.excerpt)}</pre>`;
  } else if ('error' in body) {
    bodyError = body.error;
  } else {
    bodyHtml = body.html;
    headings = body.headings;
    updated = body.updated;
  }

  // The record's inline texts, rendered with those of its neighbours (see renderRecordTexts).
  const html = ctx.inline;
  const notes = decision.actionItems.map(noteText);
  const items = decision.actionItems.length;
  const [titleHtml, reasonHtml, decisionHtml] = html;
  const title = textOfHtml(titleHtml).trim() || decision.file;

  const relation = (target: IndexedRecord | undefined, file: string, anchor: string | null, kind: LinkKind, label: string, fallback: string): SiteRelation => ({
    kind,
    label,
    title: target?.decision.title ?? fallback,
    url: target ? (anchor ? `${target.url}#${encodeURIComponent(anchor)}` : target.url) : null,
    file,
    status: target?.decision.status ?? null,
  });
  const lookup = (target: string): IndexedRecord | undefined => index.byAbs.get(resolve(log.dir, target));
  const links = dedupeRelations(
    decision.links
      .map((link: Link) => {
        const target = lookup(link.target);
        return target && target !== entry ? relation(target, link.target, link.anchor, link.kind, LINK_LABEL[link.kind], link.text) : null;
      })
      .filter((r): r is SiteRelation => r !== null),
  );
  // A back-link that only states an outgoing link from the other side (X says it is superseded by
  // this record, which says it supersedes X) is the same relation: shown once.
  const stated = new Set(links.map((l) => `${l.file} ${l.kind}`));
  const backlinks = dedupeRelations(decision.backlinks.map((back) => relation(lookup(back.file), back.file, null, back.kind, BACKLINK_LABEL[back.kind], back.file))).filter(
    (r) => r.url !== entry.url && !stated.has(`${r.file} ${REVERSE[r.kind]}`),
  );

  const source = pathFrom(root, log.dir, decision.file);
  const category = decision.category;
  const status = decision.status;
  const filters: Array<[string, string]> = [['status', statusLabel(status)]];
  if (category) filters.push(['category', category]);
  for (const tag of decision.tags) filters.push(['tag', tag]);
  return {
    log: entry.key,
    slug: entry.slug,
    url: entry.url,
    file: decision.file,
    source,
    id: decision.id,
    number: decision.number,
    ref: refOf(decision),
    title,
    titleHtml,
    dialect: decision.dialect,
    status,
    statusLabel: statusLabel(status),
    statusWord: writtenStatus(decision.statusText, status),
    statusText: decision.statusText,
    reasonHtml: decision.reason && reasonHtml ? reasonHtml : null,
    date: decision.date,
    dateText: decision.dateText,
    updated: updated && updated !== decision.date ? updated : null,
    priority: decision.priority,
    priorityLabel: priorityLabel(decision.priority),
    priorityText: decision.priorityText,
    category,
    decisionHtml: decisionHtml || null,
    decisionText: decisionHtml ? textOfHtml(decisionHtml) : null,
    deciders: decision.deciders,
    attendees: decision.attendees,
    consulted: decision.consulted,
    informed: decision.informed,
    tags: decision.tags,
    actionItems: decision.actionItems.map((item, i) => ({
      html: html[3 + i],
      noteHtml: notes[i] ? html[3 + items + i] : null,
      state: item.aborted ? 'aborted' : item.done ? 'done' : 'open',
      horizon: item.horizon,
      group: item.group,
      line: item.line,
    })),
    progress: progressOf(decision.actionItems),
    links,
    backlinks,
    chain: [],
    subDecisions: decision.subDecisions.map((s) => ({
      id: s.id,
      title: s.title,
      decision: s.decision,
      status: s.status,
      statusLabel: statusLabel(s.status),
      statusWord: writtenStatus(s.statusText, s.status),
    })),
    bodyHtml,
    headings,
    bodyError,
    findings: ctx.findings,
    ...editUrls(log.config.editUrl, source),
    closed: status !== null && CLOSED.has(status),
    faded: status !== null && FADED.has(status),
    // Pagefind's UI (1.5) shows titles and meta as text but inserts filter names and values as
    // HTML, and its indexer decodes a filter value once more than the attribute holds it: two
    // escapings leave the value as text on the screen. The browser test opens every filter of a
    // hostile log to hold this to account.
    search: { title, filters: filters.map(([key, value]) => [key, escapeHtml(escapeHtml(value))]) },
  };
}
