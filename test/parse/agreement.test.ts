/**
 * The line scanner (src/parse/scan.ts) against remark (unified + remark-parse + remark-gfm) on
 * every fixture file: heading texts and depths, task-list items (checked state, line), and link
 * destinations outside code. The scanner is what every fact rests on; remark is the reference
 * CommonMark + GFM reading, too slow to use on every run but right about structure.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { blankComments } from '../../src/parse/common.js';
import { decodeBytes } from '../../src/parse/encoding.js';
import { findDefinition, findLinks, plainText } from '../../src/parse/inline.js';
import { scan } from '../../src/parse/scan.js';
import { fixture } from './helpers.js';

interface MdNode {
  type: string;
  value?: string;
  url?: string;
  depth?: number;
  checked?: boolean | null;
  children?: MdNode[];
  position?: { start: { line: number; offset?: number }; end: { line: number } };
}

/** Every markdown file under the fixture folders that decodes as UTF-8. */
function fixtureFiles(): Array<{ name: string; text: string }> {
  const root = fixture();
  const out: Array<{ name: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const abs = join(dir, entry);
      if (statSync(abs).isDirectory()) walk(abs);
      else if (entry.endsWith('.md')) {
        const decoded = decodeBytes(readFileSync(abs));
        if (decoded.ok && decoded.text.trim() !== '') out.push({ name: relative(root, abs), text: decoded.text });
      }
    }
  };
  walk(root);
  return out;
}

function toText(node: MdNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  if (node.type === 'break') return ' ';
  return (node.children ?? []).map(toText).join('');
}

const norm = (s: string) => s.replace(/\s*\{#[^}\s]+\}\s*$/, '').replace(/\s+/g, ' ').trim();
const normUrl = (s: string) => {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
};

/** What remark sees: front matter blanked (remark-parse alone would read it as a rule and a heading). */
function remarkFacts(text: string, fmEnd: number) {
  const lines = text.split(/\r?\n|\r/);
  const blanked = lines.map((l, i) => (i < fmEnd ? '' : l)).join('\n');
  const tree = unified().use(remarkParse).use(remarkGfm).parse(blanked) as unknown as MdNode;
  const headings: string[] = [];
  const tasks: string[] = [];
  const links: string[] = [];
  // Block quotes are quoted text, not the record's structure: the scanner does not look inside them.
  visit(tree as never, (node: MdNode) => {
    if (node.type === 'blockquote') return 'skip';
    if (node.type === 'heading') headings.push(`${node.position!.start.line} h${node.depth} ${norm(toText(node))}`);
    if (node.type === 'listItem' && typeof node.checked === 'boolean') tasks.push(`${node.position!.start.line} ${node.checked ? 'x' : ' '}`);
    // Links written as [text](dest) or definitions; autolinks and bare URLs are not record links.
    if (node.type === 'link' && node.position && blanked[node.position.start.offset!] === '[') links.push(`${node.position!.start.line} ${normUrl(node.url!)}`);
    if (node.type === 'definition') links.push(`${node.position!.start.line} ${normUrl(node.url!)}`);
  });
  return { headings, tasks, links: links.sort() };
}

/** What the scanner sees. */
function scanFacts(text: string) {
  const s = scan(text);
  const headings = s.headings.map((h) => `${h.line.n} h${h.depth} ${norm(plainText(h.text))}`);
  const tasks = s.lines.filter((l) => l.kind === 'item' && l.task != null).map((l) => `${l.n} ${l.task}`);
  const links: string[] = [];
  for (const l of s.lines) {
    if (l.kind === 'code' || l.kind === 'fence' || l.kind === 'front-matter' || l.kind === 'blank') continue;
    // An HTML comment is raw HTML, not markdown: the record reader blanks it before looking for links.
    for (const link of findLinks(l.text.includes('<!--') ? blankComments(l.text) : l.text)) links.push(`${l.n} ${normUrl(link.dest)}`);
    const def = l.kind === 'text' ? findDefinition(l.text) : null;
    // A definition's destination may sit on the next line.
    const dest = def && def.dest === '' ? (/^\s*<?([^\s>]+)/.exec(s.lines[l.n]?.text ?? '')?.[1] ?? '') : def?.dest;
    if (def) links.push(`${l.n} ${normUrl(dest!)}`);
  }
  return { headings, tasks, links: links.sort(), fmEnd: s.frontMatter?.endLine ?? 0 };
}

describe('the scanner agrees with remark on every fixture file', () => {
  const files = fixtureFiles();
  it('has fixtures to compare', () => expect(files.length).toBeGreaterThan(50));
  for (const { name, text } of files) {
    it(name, () => {
      const ours = scanFacts(text);
      const theirs = remarkFacts(text, ours.fmEnd);
      expect({ headings: ours.headings, tasks: ours.tasks, links: ours.links }).toEqual(theirs);
    });
  }
});
