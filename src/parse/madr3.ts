/**
 * MADR 3.x and 4.x: YAML front matter (`status`, `date`, `deciders` or `decision-makers`,
 * `consulted`, `informed`). Only front matter at the very start of the file counts; the
 * scanner never reports `---` blocks further down or inside code as front matter.
 */
import { createRequire } from 'node:module';
import { emptyFacts, splitNames, type HeaderFacts, type RecordContext } from './context.js';

type YamlParse = (text: string) => unknown;
let yamlParse: YamlParse | null = null;

/** gray-matter's YAML engine (js-yaml safeLoad), loaded on first use so other dialects never pay for it. */
function yaml(): YamlParse {
  if (!yamlParse) {
    const require = createRequire(import.meta.url);
    yamlParse = (require('gray-matter/lib/engines.js') as { yaml: { parse: YamlParse } }).yaml.parse;
  }
  return yamlParse;
}

/** A front-matter value as a list of names. */
function names(value: unknown): string[] {
  if (value == null) return [];
  // A list of scalars, one level deep and at most 1,000 long: YAML aliases can make a 600-byte
  // front matter hold millions of shared leaves, and nested lists are not names anyway.
  if (Array.isArray(value)) {
    const out: string[] = [];
    for (const v of value.slice(0, 1000)) if (v != null && typeof v !== 'object') out.push(...splitNames(String(v)));
    return out;
  }
  if (typeof value === 'object') return [];
  return splitNames(String(value));
}

/** A front-matter value as text (js-yaml turns unquoted dates into Date objects). */
function text(value: unknown): string | null {
  if (value == null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'object') return null;
  return String(value);
}

/** The front-matter keys that carry the decision's date, in order of preference. */
const DATE_KEYS = ['date', 'decision-date', 'decision_date', 'decided', 'created'];

/**
 * A one-line YAML scalar as written: quotes removed, a trailing `# comment` dropped. Null when the
 * value is not on the key's line (a block or a nested value).
 */
function scalarText(raw: string): string | null {
  let t = raw.trim();
  if (t === '' || t === '|' || t === '>' || t.startsWith('|') || t.startsWith('>')) return null;
  const q = t[0];
  if (q === '"' || q === "'") {
    const close = t.indexOf(q, 1);
    return close === -1 ? t.slice(1) : t.slice(1, close);
  }
  const comment = t.search(/\s#/);
  if (comment !== -1) t = t.slice(0, comment).trimEnd();
  return t || null;
}

/**
 * `key:value` lines without the blank YAML wants after the colon (`tag:Web Client`), which YAML reads
 * as one string and a docs site as a key: the keys, or null when a line is something else.
 */
function plainKeys(raw: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const line of raw.split(/\r\n|\r|\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z_][\w-]*):(?!\/)\s*(.*?)\s*$/.exec(line);
    if (!m) return null;
    out[m[1]] = m[2];
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** Reads front matter; a broken one becomes a diagnostic with its line and yields no facts. */
export function readFrontMatter(ctx: RecordContext): { facts: HeaderFacts; keys: Set<string> } {
  const facts = emptyFacts();
  const fm = ctx.scan.frontMatter;
  const keys = new Set<string>();
  if (!fm) return { facts, keys };
  let data: unknown;
  try {
    data = yaml()(fm.raw);
  } catch (error) {
    const mark = (error as { mark?: { line?: number; column?: number } }).mark;
    const line = fm.startLine + 1 + (mark?.line ?? 0);
    const reason = (error as { reason?: string }).reason ?? (error as Error).message.split('\n')[0];
    ctx.diagnostics.push({
      file: ctx.file,
      line,
      column: (mark?.column ?? 0) + 1,
      endLine: line,
      endColumn: (mark?.column ?? 0) + 2,
      rule: 'parse',
      severity: 'error',
      message: `Broken YAML front matter: ${reason}`,
    });
    return { facts, keys };
  }
  if (typeof data === 'string') data = plainKeys(fm.raw);
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { facts, keys };
  const record = data as Record<string, unknown>;
  for (const k of Object.keys(record)) keys.add(k.toLowerCase());

  // The line (and value offsets) of each top-level key, for positions.
  const keyLine = new Map<string, { n: number; start: number; end: number }>();
  for (const l of ctx.scan.lines) {
    if (l.kind !== 'front-matter' || l.n === fm.startLine || l.n === fm.endLine) continue;
    const m = /^([A-Za-z][\w-]*)\s*:\s*/.exec(l.text);
    if (!m) continue;
    let end = l.text.length;
    while (end > m[0].length && /\s/.test(l.text[end - 1])) end--;
    keyLine.set(m[1].toLowerCase(), { n: l.n, start: l.start + m[0].length, end: l.start + end });
  }
  const get = (...names: string[]): { value: unknown; key: string } | null => {
    for (const name of names) {
      const key = Object.keys(record).find((k) => k.toLowerCase() === name);
      if (key !== undefined) return { value: record[key], key: name };
    }
    return null;
  };

  const status = get('status');
  const statusText = status ? text(status.value) : null;
  if (status && statusText) {
    const at = keyLine.get(status.key);
    if (at) {
      // Quotes around the value are YAML, not part of the status.
      let { start, end } = at;
      const q = ctx.text[start];
      if ((q === '"' || q === "'") && ctx.text[end - 1] === q) {
        start++;
        end--;
      }
      facts.declarations.push(ctx.declaration(ctx.text.slice(start, end), start, end, 'front-matter'));
      facts.lines.status = at.n;
    } else {
      facts.declarations.push(ctx.declaration(statusText, fm.start, fm.start, 'front-matter'));
    }
  }
  // A date is the date written, read from the source line: the YAML engine turns an unquoted
  // `2026-02-30` into a Date object that has silently rolled over into March.
  const date = get(...DATE_KEYS);
  const at = date ? keyLine.get(date.key) : undefined;
  const dateText = at ? scalarText(ctx.text.slice(at.start, at.end)) : date ? text(date.value) : null;
  if (date && dateText) {
    const line = at?.n ?? fm.startLine;
    facts.date = { text: dateText, line };
    facts.lines.date = line;
  }
  const simple: Array<[keyof HeaderFacts & ('deciders' | 'consulted' | 'informed' | 'tags' | 'attendees'), string[]]> = [
    ['deciders', ['decision-makers', 'deciders', 'decision_makers', 'decisionmakers', 'authors', 'author']],
    ['consulted', ['consulted']],
    ['informed', ['informed']],
    ['tags', ['tags', 'tag', 'labels']],
    ['attendees', ['attendees']],
  ];
  for (const [fact, aliases] of simple) {
    const v = get(...aliases);
    if (!v) continue;
    facts[fact] = names(v.value);
    facts.lines[fact] = keyLine.get(v.key)?.n ?? fm.startLine;
  }
  for (const [fact, aliases] of [
    ['priority', ['priority']],
    ['category', ['category']],
    ['review', ['review-by', 'review_by', 'reviewby', 'review-date', 'review_date', 'next-review', 'next_review', 'revisit-by']],
  ] as const) {
    const v = get(...aliases);
    const t = v ? text(v.value) : null;
    if (v && t) {
      const line = keyLine.get(v.key)?.n ?? fm.startLine;
      facts[fact] = { text: t, line };
      facts.lines[fact] = line;
    }
  }
  const title = get('title');
  const titleText = title ? text(title.value) : null;
  if (titleText) {
    facts.title = ctx.plain(titleText);
    facts.lines.title = keyLine.get('title')?.n ?? fm.startLine;
  }
  return { facts, keys };
}

/** Which MADR generation front-matter keys point to: 4 renamed `deciders` to `decision-makers`. */
export function madrGeneration(keys: Set<string>): 'madr3' | 'madr4' | null {
  if (keys.has('decision-makers')) return 'madr4';
  if (keys.has('status') || keys.has('deciders') || keys.has('date') || keys.has('consulted') || keys.has('informed')) return 'madr3';
  return null;
}
