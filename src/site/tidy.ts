/**
 * Tidying a record's markdown tree for its page, so the page states each fact once.
 *
 * The page shows the record's facts (status, priority, date, category, people, relations) in its
 * head and its action items in a list of its own; the same facts written in the body (a
 * "Decision Summary" block of label lines, a MADR bullet header, a Nygard `Date:` line and
 * `## Status` section, the italic footer) are taken out, and so are the sections that are left
 * empty, the empty horizon headings of an Action Items section, template placeholders and
 * stray thematic breaks. Only what the reader recognised is taken out: a paragraph goes only
 * when every line of it is a label line of a known fact and one of its lines is a fact the model
 * read (or it closes the record); anything else the author wrote stays.
 */
import type { List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import { factOf } from '../parse/header.js';

/** What the model knows about the record, by source line (1-based). */
export interface TidyInfo {
  /** Lines holding a header or footer fact the model read (status declarations, facts, labelled relation links). */
  factLines: number[];
  /** Lines of the record's action items (task-list items the model read). */
  itemLines: number[];
}

/** What tidying found out on the way. */
export interface TidyResult {
  /** The `Last Updated` date of a removed footer, or null. */
  updated: string | null;
}

/** Labels of record metadata that are not facts of the model but belong to the same blocks. */
const META_LABELS = /^(last updated|updated|last modified|decision document version|document version|version|next review|review date|decision status|supersedes|superseded by|superceded by)$/;

const LABEL = /^\s*(?:[-*+]\s+)?[*_]*\s*([A-Za-z][A-Za-z0-9 &/_-]{0,40}?)\s*[*_]*\s*:/;

/** Whether a source line is `Label: value` for a label the reader knows. */
function isMetaLine(line: string): boolean {
  const m = LABEL.exec(line.replace(/^[\s_*]+/, ''));
  if (!m) return false;
  const label = m[1].trim().toLowerCase().replace(/\s+/g, ' ');
  return factOf(label) !== null || META_LABELS.test(label);
}

/** A template placeholder: `{Describe the context}`, `[option 1]`, `TBD`, `...`. */
function isPlaceholderText(text: string): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  return t === '' || /^\{[^{}]*\}$/.test(t) || /^\[[^\][]*\]$/.test(t) || /^(?:tbd|todo|to do|tba|\.\.\.|…|[-–—?])\.?$/i.test(t);
}

function plainText(node: RootContent | ListItem): string {
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? '' : node.value;
  if ('children' in node) return (node.children as RootContent[]).map(plainText).join('');
  return '';
}

/** Content that says nothing: thematic breaks, placeholders, lists of placeholders. */
function isEmptyContent(node: RootContent): boolean {
  if (node.type === 'thematicBreak' || node.type === 'html') return true;
  if (node.type === 'paragraph') return isPlaceholderText(plainText(node));
  if (node.type === 'list') return node.children.every((item) => isPlaceholderText(plainText(item)));
  return false;
}

function linesOf(node: { position?: { start: { offset?: number }; end: { offset?: number } } }, source: string): string[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  return source.slice(start, end).split(/\r?\n/);
}

function firstLine(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 0;
}

/**
 * Tidies the tree in place (see the module comment).
 * @param tree the record's markdown tree, title already removed
 * @param source the markdown the tree was parsed from (positions point into it)
 */
export function tidyRecord(tree: Root, source: string, info: TidyInfo): TidyResult {
  const facts = new Set(info.factLines);
  const items = new Set(info.itemLines);
  let updated: string | null = null;

  const lastContent = (): number => {
    for (let i = tree.children.length - 1; i >= 0; i--) if (tree.children[i].type !== 'thematicBreak') return i;
    return -1;
  };
  const metaParagraph = (node: Paragraph, atEnd: boolean): boolean => {
    const lines = linesOf(node, source);
    const start = firstLine(node);
    if (lines.length === 0 || !lines.every((line, k) => isMetaLine(line) || facts.has(start + k))) return false;
    return atEnd || lines.some((_, k) => facts.has(start + k));
  };

  // Fact paragraphs, fact list items, action items.
  const keep: RootContent[] = [];
  const end = lastContent();
  tree.children.forEach((node, index) => {
    if (node.type === 'paragraph' && metaParagraph(node, index === end)) {
      const text = linesOf(node, source).join('\n');
      const m = /last updated\s*[*_]*\s*:\s*[*_]*\s*(\d{4}-\d{2}-\d{2})/i.exec(text);
      if (m) updated = m[1];
      return;
    }
    if (node.type === 'list') {
      const list = node as List;
      const hasFact = list.children.some((item) => facts.has(firstLine(item)));
      list.children = list.children.filter((item) => {
        if (items.has(firstLine(item))) return false;
        if (hasFact && linesOf(item, source).length === 1 && isMetaLine(linesOf(item, source)[0])) return false;
        return true;
      });
      if (list.children.length === 0) return;
    }
    keep.push(node);
  });
  tree.children = keep;

  // Sections left empty (deepest first: walking backwards sees a subsection before its parent).
  for (let i = tree.children.length - 1; i >= 0; i--) {
    const node = tree.children[i];
    if (node.type !== 'heading') continue;
    let j = i + 1;
    while (j < tree.children.length) {
      const next = tree.children[j];
      if (next.type === 'heading' && next.depth <= node.depth) break;
      if (next.type === 'heading' || !isEmptyContent(next)) break;
      j++;
    }
    const stop = j >= tree.children.length || (tree.children[j].type === 'heading' && (tree.children[j] as { depth: number }).depth <= node.depth);
    if (stop) tree.children.splice(i, j - i, ...tree.children.slice(i + 1, j).filter((n) => n.type === 'thematicBreak'));
  }

  // Thematic breaks: none first or last, never two in a row.
  const content = tree.children.map((n) => n.type !== 'thematicBreak');
  const first = content.indexOf(true);
  const last = content.lastIndexOf(true);
  tree.children = tree.children.filter(
    (node, index, all) => node.type !== 'thematicBreak' || (index > first && index < last && all[index - 1].type !== 'thematicBreak'),
  );
  return { updated };
}
