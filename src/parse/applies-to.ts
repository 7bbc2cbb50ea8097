/**
 * The paths a record governs (`applies-to`), in whichever place its dialect keeps metadata:
 * - front matter (MADR 3/4 and any record with front matter): `applies-to:` as a YAML list
 *   (block or flow) or one comma-separated value;
 * - a label line, `**Applies to**: `src/db/**`, `migrations/``, in the summary block, the preamble
 *   under the title (Nygard's `Date:` lines, MADR 2's `- Status:` bullets) or a Status section;
 * - an `## Applies to` section: one glob per list item (a note after it is allowed:
 *   `` - `src/db/**` — the data layer ``), or comma-separated on a line.
 *
 * Globs are read from the raw text, not the plain text: `**` is a glob there, not emphasis. Inline
 * code marks a glob exactly (`` `src/**` ``); without it a value is split on commas outside braces.
 * The first place that declares any wins (front matter, then label lines, then the section).
 */
import type { AppliesTo } from '../model/index.js';
import type { RecordContext } from './context.js';
import { sectionLines, type ScanLine } from './scan.js';

const LABEL = /^(?:applies[ _-]?to|governs|governed paths)$/;
const FRONT_KEY = /^(applies[-_ ]?to|appliesTo)[ \t]*:[ \t]*/i;
const SECTION = /^(?:applies[ -]to|paths governed|governed paths)(?:\s*\(.*\))?$/i;
// The sections that hold metadata label lines in the dialects we read.
const METADATA_SECTION = /^(decision summary|summary|metadata|decision metadata|details|status|current status|decision status)$/i;
const EMPTY = /^(none|n\/a|-|—|tbd|\.\.\.|…)$/i;

/** A glob found, by its offsets in the record text. */
interface Found {
  glob: string;
  start: number;
  end: number;
}

/**
 * Splits a raw value at `base` (its offset in the record) into globs: each inline code span, or
 * else the comma-separated parts (commas inside `{}` or `[]` belong to the glob).
 */
export function splitGlobs(raw: string, base: number, listItem = false): Found[] {
  const out: Found[] = [];
  if (raw.includes('`')) {
    const code = /(`+)([^`]+?)\1/g;
    for (let m = code.exec(raw); m; m = code.exec(raw)) {
      const inner = m[2];
      const lead = inner.length - inner.trimStart().length;
      const glob = inner.trim();
      if (glob) out.push({ glob, start: base + m.index + m[1].length + lead, end: base + m.index + m[1].length + lead + glob.length });
    }
    if (out.length > 0) return out.filter((f) => !EMPTY.test(f.glob)).map(clean);
  }
  let text = raw;
  if (listItem) {
    // `src/db/** — the data layer`, `src/db/** (data)`, `src/db/**: data`: the note is not a glob.
    const note = /\s+(?:[—–]|-\s|\()|:\s/.exec(text);
    if (note) text = text.slice(0, note.index);
  }
  let depth = 0;
  let from = 0;
  const push = (to: number) => {
    const part = text.slice(from, to);
    const lead = part.length - part.trimStart().length;
    const glob = part.trim();
    if (glob && !EMPTY.test(glob)) out.push(clean({ glob, start: base + from + lead, end: base + from + lead + glob.length }));
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && depth > 0) depth--;
    else if ((c === ',' || c === ';') && depth === 0) {
      push(i);
      from = i + 1;
    }
  }
  push(text.length);
  return out;
}

/** Quotes, a link around the glob (`[src/db](../src/db)`: its text) and `./` removed; `\` made `/`. */
function clean(found: Found): Found {
  let { glob, start, end } = found;
  const link = /^\[([^\]]+)\]\([^)]*\)$/.exec(glob);
  if (link) {
    glob = link[1];
    start += 1;
    end = start + glob.length;
  }
  if (glob.length >= 2 && (glob[0] === '"' || glob[0] === "'") && glob[glob.length - 1] === glob[0]) {
    glob = glob.slice(1, -1);
    start += 1;
    end -= 1;
  }
  glob = glob.replace(/\\/g, '/');
  if (glob.startsWith('./')) glob = glob.slice(2);
  return { glob, start, end };
}

/** `applies-to:` in front matter: a block list under the key, a flow list or a scalar on its line. */
function fromFrontMatter(ctx: RecordContext): Found[] | null {
  const fm = ctx.scan.frontMatter;
  if (!fm || !/applies/i.test(fm.raw)) return null;
  const lines = ctx.scan.lines.filter((l) => l.kind === 'front-matter' && l.n > fm.startLine && l.n < fm.endLine);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    const m = FRONT_KEY.exec(line.text);
    if (!m) continue;
    let rest = line.text.slice(m[0].length);
    const at = line.start + m[0].length;
    // A YAML comment ends the value (`# ...` after a blank).
    const comment = /(^|[ \t])#/.exec(rest);
    if (comment) rest = rest.slice(0, comment.index);
    rest = rest.trimEnd();
    if (rest.startsWith('[')) {
      const close = rest.lastIndexOf(']');
      return splitGlobs(rest.slice(1, close === -1 ? rest.length : close), at + 1);
    }
    if (rest !== '') return splitGlobs(rest, at);
    const found: Found[] = [];
    for (let j = k + 1; j < lines.length; j++) {
      const item = /^([ \t]*-[ \t]+)(.*?)[ \t]*(?:[ \t]#.*)?$/.exec(lines[j].text);
      if (!item) {
        if (/^[ \t]*(#.*)?$/.test(lines[j].text)) continue;
        break;
      }
      found.push(...splitGlobs(item[2], lines[j].start + item[1].length));
    }
    return found;
  }
  return null;
}

/** An `Applies to` label line among the metadata lines: the preamble and the metadata sections. */
function fromLabels(ctx: RecordContext, titleLine: ScanLine | null): Found[] | null {
  const candidates: ScanLine[] = [];
  const lines = ctx.scan.lines;
  let k = titleLine ? titleLine.n : 0;
  for (; k < lines.length && lines[k].kind !== 'heading'; k++) candidates.push(lines[k]);
  for (const h of ctx.scan.headings) {
    if (h.depth >= 2 && METADATA_SECTION.test(ctx.plain(h.text))) candidates.push(...sectionLines(ctx.scan, h.line));
  }
  for (const line of candidates) {
    if (line.kind !== 'text' && line.kind !== 'item' && line.kind !== 'table') continue;
    if (!/applies|governs/i.test(line.text)) continue;
    const label = ctx.label(line);
    if (!label || !LABEL.test(label.label)) continue;
    return splitGlobs(ctx.text.slice(label.start, label.end), label.start);
  }
  return null;
}

/** An `## Applies to` section: list items (one glob or a comma-separated few each) or text lines. */
function fromSection(ctx: RecordContext): Found[] | null {
  const heading = ctx.scan.headings.find((h) => h.depth >= 2 && SECTION.test(ctx.plain(h.text)));
  if (!heading) return null;
  const found: Found[] = [];
  for (const line of sectionLines(ctx.scan, heading.line)) {
    if (line.kind === 'item') {
      const start = line.contentStart ?? line.start;
      // A nested item under a glob is a note about it, not another glob.
      if ((line.indent ?? 0) > 1) continue;
      found.push(...splitGlobs(ctx.text.slice(start, line.end).replace(/[ \t\\]+$/, ''), start, true));
    } else if (line.kind === 'text') {
      // Prose around the list ("These paths:") has no glob-like words in code; a bare line of
      // paths has no spaces except after commas.
      const raw = line.text.replace(/[ \t\\]+$/, '');
      if (raw.includes('`') || !/[^,;][ \t]+[^ \t]/.test(raw.trim().replace(/[,;][ \t]+/g, ','))) {
        const lead = raw.length - raw.trimStart().length;
        found.push(...splitGlobs(raw.trimStart(), line.start + lead));
      }
    }
  }
  return found;
}

/**
 * Every glob the record declares it applies to, with positions. `titleLine` is the record's title
 * line (the preamble starts after it), or null.
 */
export function readAppliesTo(ctx: RecordContext, titleLine: ScanLine | null): AppliesTo[] {
  // Most records name no paths: one substring test spares them the rest.
  if (!/applies|governs|governed/i.test(ctx.text)) return [];
  const found = fromFrontMatter(ctx) ?? fromLabels(ctx, titleLine) ?? fromSection(ctx) ?? [];
  const seen = new Set<string>();
  const out: AppliesTo[] = [];
  for (const f of found) {
    if (seen.has(f.glob)) continue;
    seen.add(f.glob);
    const span = ctx.span(f.start, f.end);
    out.push({ glob: f.glob, line: span.start.line, span });
  }
  return out;
}
