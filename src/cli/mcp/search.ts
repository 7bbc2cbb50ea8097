/**
 * Full-text search over a log's records, for the MCP server's `search` tool: every word of the
 * query must occur in the record (title, summary or text; case and accents ignored; a "quoted
 * phrase" counts as one word), ranked by where the words occur, with the lines they occur on.
 */
import type { Decision } from '../../model/index.js';

/** One record found. */
export interface SearchHit {
  id: string;
  file: string;
  title: string;
  status: Decision['status'];
  date: string | null;
  /** Higher is better: a word in the title counts most, then the summary, then the text. */
  score: number;
  /** Up to three lines holding a word of the query, with their 1-based line numbers. */
  snippets: Array<{ line: number; text: string }>;
}

/** Lower case, accents removed: how both the query and the records are compared. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The query's words and "quoted phrases", folded. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  const re = /"([^"]+)"|(\S+)/g;
  for (let m = re.exec(query); m; m = re.exec(query)) {
    const raw = m[1] ?? m[2];
    const term = m[1] !== undefined ? fold(raw).trim().replace(/\s+/g, ' ') : fold(raw).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (term && !terms.includes(term)) terms.push(term);
  }
  return terms;
}

function count(haystack: string, needle: string, cap: number): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at !== -1 && n < cap; at = haystack.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** A line cut to about `width` characters around the first term it holds. */
function around(line: string, terms: string[], width = 160): string {
  const text = line.trim();
  if (text.length <= width) return text;
  const folded = fold(text);
  const at = Math.max(0, Math.min(...terms.map((t) => folded.indexOf(t)).filter((i) => i >= 0)) - 40);
  return `${at > 0 ? '…' : ''}${text.slice(at, at + width)}${at + width < text.length ? '…' : ''}`;
}

/**
 * The records holding every term of `query`, best first (ties in log order), at most `limit`.
 * `texts` holds each record's text by file; a record without one is searched by title and summary.
 */
export function searchRecords(decisions: readonly Decision[], texts: ReadonlyMap<string, string>, query: string, limit: number): { total: number; hits: SearchHit[] } {
  const terms = queryTerms(query);
  if (terms.length === 0) return { total: 0, hits: [] };
  const hits: SearchHit[] = [];
  decisions.forEach((d) => {
    const title = fold(d.title);
    const summary = fold(d.summary ?? '');
    const text = texts.get(d.file) ?? '';
    const body = fold(text);
    let score = 0;
    for (const t of terms) {
      const inTitle = count(title, t, 5);
      const inSummary = count(summary, t, 5);
      const inBody = count(body, t, 20);
      if (inTitle + inSummary + inBody === 0) return;
      score += inTitle * 10 + inSummary * 4 + inBody;
    }
    const snippets: SearchHit['snippets'] = [];
    const lines = text.split(/\r\n|\n|\r/);
    for (let i = 0; i < lines.length && snippets.length < 3; i++) {
      const folded = fold(lines[i]);
      if (terms.some((t) => folded.includes(t))) snippets.push({ line: i + 1, text: around(lines[i], terms) });
    }
    hits.push({ id: d.id, file: d.file, title: d.title, status: d.status, date: d.date, score, snippets });
  });
  hits.sort((a, b) => b.score - a.score);
  return { total: hits.length, hits: hits.slice(0, limit) };
}
