/**
 * Markdown to safe HTML for the decisions site.
 *
 * The record's markdown goes through unified (remark-parse, remark-gfm, remark-rehype,
 * rehype-stringify) with two small transforms of our own:
 * - on the markdown tree: the title heading is dropped (the page has its own h1), other
 *   h1s become h2s, `{#id}` heading suffixes become the heading's id (GitHub-style slugs
 *   otherwise), raw HTML and comments are dropped, and for a record's body what the page shows
 *   elsewhere (fact blocks, action items) and empty sections are taken out (tidy.ts);
 * - on the HTML tree: every link and image URL is checked. Only http(s), mailto, relative
 *   paths and #anchors survive; anything else (`javascript:`, `data:`, `vbscript:`, ...)
 *   turns the link into plain text. Relative links to other records become links to
 *   their pages; a mermaid block's source stays out of the search index.
 *
 * Nothing from the record reaches the page as raw HTML: remark-rehype and rehype-stringify
 * run without `allowDangerousHtml`, so the output contains only elements the markdown
 * syntax itself can produce.
 */
import type { Element, Root as HastRoot } from 'hast';
import type { Heading as MdHeading, Root as MdRoot, RootContent, PhrasingContent } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { Slugger } from './slug.js';
import { tidyRecord, type TidyInfo } from './tidy.js';

/** What the renderer needs to know about the page a text is rendered for. */
export interface RenderOptions {
  /**
   * Maps a relative link written in the record (path already percent-decoded, anchor without `#`)
   * to the URL of a page of the site, or null when the target is not part of the site.
   */
  resolveLink?: (path: string, anchor: string | null) => string | null;
  /** Whether a relative path names the overview file (a leading "back to overview" paragraph is dropped). */
  isOverviewLink?: (path: string) => boolean;
  /**
   * Maps a relative image path written in the record (percent-decoded) to the URL the image will
   * have in the site (the caller copies the file there), or null when it cannot be shown.
   */
  resolveAsset?: (path: string) => { url: string; file: string } | null;
  /** Anchors the parser computed, by the heading's 1-based source line, so ids agree with the model. */
  headingAnchors?: ReadonlyMap<number, string>;
  /** Drop the first level-1 heading (the record's title, shown by the page itself). Default false. */
  dropTitle?: boolean;
  /** Take out what the page shows elsewhere (facts, action items) and what is empty (see tidy.ts). */
  tidy?: TidyInfo;
}

/** A heading of the rendered body, for a table of contents. */
export interface RenderedHeading {
  depth: number;
  text: string;
  id: string;
}

/** The rendered body of a record. */
export interface RenderedMarkdown {
  html: string;
  headings: RenderedHeading[];
  /** Plain text of the first paragraph under a `## Decision` (or `Decision Outcome`) heading, or null. */
  decisionText: string | null;
  /** The markdown of that paragraph, as written, or null. */
  decisionSource: string | null;
  /** The `Last Updated` date of the footer tidying took out, or null. */
  updated: string | null;
  /** Images of the repository the body shows: [site URL, absolute file] (the build copies them). */
  assets: Array<[string, string]>;
}

/** The kind of a URL as the sanitiser sees it. */
export type UrlKind = 'anchor' | 'relative' | 'external' | 'unsafe';

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * Classifies a link destination. Browsers ignore ASCII whitespace and control characters
 * inside a scheme (`java\tscript:`), so those are removed before the scheme is read.
 */
export function classifyUrl(url: string): UrlKind {
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (compact === '') return 'unsafe';
  if (compact.startsWith('#')) return 'anchor';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (scheme) return SAFE_SCHEMES.has(scheme[1].toLowerCase()) ? 'external' : 'unsafe';
  // `//host/x` is an absolute link with the page's scheme (http or https): external.
  if (/^[\\/]{2}/.test(compact)) return 'external';
  // A colon before the first slash would make some parsers read a scheme: refuse it.
  const firstSegment = compact.split(/[/?#]/, 1)[0];
  if (firstSegment.includes(':')) return 'unsafe';
  return 'relative';
}

interface FileData {
  adr?: RenderOptions;
  adrHeadings?: RenderedHeading[];
  adrDecision?: string | null;
  adrDecisionSource?: string | null;
  adrUpdated?: string | null;
  adrAssets?: Array<[string, string]>;
}

/** Headings that introduce the decision itself (not the metadata block called "Decision Summary"). */
const DECISION_HEADING = /^(?:the\s+)?(?:decision|decision outcome|chosen option)(?:\s*[:–—-].*)?$/i;

const EXPLICIT_ID = /\s*\{#([^{}\s]+)\}\s*$/;

/** Plain text of markdown phrasing content (what a heading reads as). */
function phrasingText(nodes: readonly PhrasingContent[] | readonly RootContent[]): string {
  let out = '';
  for (const node of nodes) {
    if ('value' in node && typeof node.value === 'string' && node.type !== 'html') out += node.value;
    else if ('children' in node) out += phrasingText(node.children as PhrasingContent[]);
  }
  return out;
}

/** Cuts a trailing `{#id}` off a heading and returns the id, or null. */
function takeExplicitId(heading: MdHeading): string | null {
  const last = heading.children[heading.children.length - 1];
  if (!last || last.type !== 'text') return null;
  const match = EXPLICIT_ID.exec(last.value);
  if (!match) return null;
  last.value = last.value.slice(0, match.index);
  if (last.value === '') heading.children.pop();
  return match[1];
}

/** Whether a paragraph is nothing but one link to the overview file (the "Back to overview" line). */
function isOverviewParagraph(node: RootContent, options: RenderOptions): boolean {
  if (node.type !== 'paragraph' || !options.isOverviewLink) return false;
  const parts = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  if (parts.length !== 1 || parts[0].type !== 'link') return false;
  const url = parts[0].url;
  if (classifyUrl(url) !== 'relative') return false;
  return options.isOverviewLink(safeDecode(url.split('#')[0]));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The markdown-tree transform: title, heading ids, raw HTML. */
function remarkAdr() {
  return (tree: MdRoot, vfile: VFile) => {
    const file = vfile as unknown as { data: FileData };
    const options = file.data.adr ?? {};
    const slugger = new Slugger();
    const headings: RenderedHeading[] = [];

    // Drop the title and the overview back-link that sits next to it.
    if (options.dropTitle) {
      const firstHeading = tree.children.findIndex((node) => node.type === 'heading');
      if (firstHeading >= 0 && (tree.children[firstHeading] as MdHeading).depth === 1) {
        tree.children.splice(firstHeading, 1);
      }
    }
    const firstSection = tree.children.findIndex((node) => node.type === 'heading');
    const lead = firstSection < 0 ? tree.children.length : firstSection;
    for (let i = Math.min(lead, 3) - 1; i >= 0; i--) {
      if (isOverviewParagraph(tree.children[i], options)) tree.children.splice(i, 1);
    }
    file.data.adrUpdated = options.tidy ? tidyRecord(tree, String(vfile.value), options.tidy).updated : null;

    // Explicit ids first, so a slug never takes an id a later `{#id}` asks for.
    const explicit = new Map<MdHeading, string>();
    visit(tree, 'heading', (node: MdHeading) => {
      const id = takeExplicitId(node);
      if (id) explicit.set(node, slugger.reserve(id));
    });
    visit(tree, (node, index, parent) => {
      if (node.type === 'html' && parent && index !== undefined) {
        // Raw HTML and comments never reach the page.
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      if (node.type !== 'heading') return undefined;
      const heading = node as MdHeading;
      if (heading.depth === 1) heading.depth = 2;
      const line = heading.position?.start.line;
      const text = phrasingText(heading.children).trim();
      let id = explicit.get(heading);
      if (!id) {
        const known = line !== undefined ? options.headingAnchors?.get(line) : undefined;
        id = known ? slugger.reserve(known) : slugger.slug(text);
      }
      if (id === '') id = slugger.reserve('section');
      heading.data = { ...heading.data, hProperties: { ...(heading.data?.hProperties ?? {}), id } };
      headings.push({ depth: heading.depth, text, id });
      return undefined;
    });
    file.data.adrHeadings = headings;

    // The first paragraph under the "Decision" heading: a one-line summary where the record states none.
    file.data.adrDecision = null;
    file.data.adrDecisionSource = null;
    for (let i = 0; i < tree.children.length; i++) {
      const node = tree.children[i];
      if (node.type !== 'heading') continue;
      const text = phrasingText(node.children).replace(/[^\p{L}\p{N}\s:–—-]/gu, '').trim();
      if (!DECISION_HEADING.test(text)) continue;
      const paragraph = tree.children.slice(i + 1).find((n) => n.type === 'paragraph' || n.type === 'heading');
      if (paragraph && paragraph.type === 'paragraph') {
        file.data.adrDecision = phrasingText(paragraph.children).replace(/\s+/g, ' ').trim() || null;
        const { start, end } = paragraph.position ?? {};
        if (start?.offset !== undefined && end?.offset !== undefined) file.data.adrDecisionSource = String(vfile.value).slice(start.offset, end.offset);
      }
      break;
    }
  };
}

/** Replaces an element in its parent by a span holding the same children (an inert link). */
function inert(element: Element, title: string | null): void {
  const children = element.children;
  element.tagName = 'span';
  element.properties = { className: ['link-inert'] };
  if (title) element.properties.title = title;
  element.children = children;
}

/** The HTML-tree transform: URL checks, record links, scrollable tables. */
function rehypeAdr() {
  return (tree: HastRoot, vfile: VFile) => {
    const options = (vfile.data as FileData).adr ?? {};
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName === 'a') {
        const href = typeof node.properties.href === 'string' ? node.properties.href : '';
        const kind = classifyUrl(href);
        if (kind === 'unsafe') {
          inert(node, 'link removed: only http, https, mailto and relative links are kept');
        } else if (kind === 'external') {
          node.properties.rel = ['noopener', 'noreferrer'];
        } else if (kind === 'relative') {
          const hash = href.indexOf('#');
          const pathPart = (hash >= 0 ? href.slice(0, hash) : href).split('?')[0];
          const anchor = hash >= 0 ? safeDecode(href.slice(hash + 1)) || null : null;
          const path = safeDecode(pathPart);
          const target = options.resolveLink?.(path, anchor) ?? null;
          if (target) node.properties.href = target;
          else inert(node, `${path} (not part of this site)`);
        }
        return undefined;
      }
      if (node.tagName === 'img') {
        const src = typeof node.properties.src === 'string' ? node.properties.src : '';
        const local = classifyUrl(src) === 'relative' ? (options.resolveAsset?.(safeDecode(src.split(/[?#]/)[0])) ?? null) : null;
        if (local) {
          node.properties.src = local.url;
          node.properties.loading = 'lazy';
          ((vfile.data as FileData).adrAssets ??= []).push([local.url, local.file]);
        } else if (classifyUrl(src) !== 'external' || src.startsWith('//')) {
          // Images that are not files of the repository, or with unsafe URLs: show the alt text.
          const alt = typeof node.properties.alt === 'string' ? node.properties.alt : '';
          node.tagName = 'span';
          node.properties = { className: ['image-missing'], title: src.length > 200 ? `${src.slice(0, 200)}…` : src };
          node.children = [{ type: 'text', value: alt ? `[image: ${alt}]` : '[image]' }];
        } else {
          node.properties.loading = 'lazy';
          node.properties.referrerPolicy = 'no-referrer';
        }
        return undefined;
      }
      if (node.tagName === 'pre' && node.children.some((child) => child.type === 'element' && child.tagName === 'code' && String(child.properties.className ?? '').includes('language-mermaid'))) {
        // A diagram's source is drawn, not read: it stays out of the search index.
        node.properties.dataPagefindIgnore = '';
        return undefined;
      }
      if (node.tagName === 'table' && parent && index !== undefined) {
        const wrapper: Element = {
          type: 'element',
          tagName: 'div',
          properties: { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: 'Table (scrolls sideways)' },
          children: [node],
        };
        parent.children[index] = wrapper;
        return SKIP;
      }
      return undefined;
    });
  };
}

const pipeline = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkAdr)
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeAdr)
  .use(rehypeStringify, { allowDangerousHtml: false })
  .freeze();

/** Renders a record's markdown body to safe HTML, with the ids of its headings. */
export function renderMarkdown(text: string, options: RenderOptions = {}): RenderedMarkdown {
  const file = pipeline.processSync({ value: text, data: { adr: options } as Record<string, unknown> });
  const data = file.data as FileData;
  return {
    html: String(file.value),
    headings: (data.adrHeadings ?? []).slice(),
    decisionText: data.adrDecision ?? null,
    decisionSource: data.adrDecisionSource ?? null,
    updated: data.adrUpdated ?? null,
    assets: data.adrAssets ?? [],
  };
}

/**
 * Renders one line of markdown (an action item, a reason) to safe inline HTML:
 * the same pipeline, with the wrapping paragraph taken off.
 */
export function renderInline(text: string, options: RenderOptions = {}): string {
  const { html } = renderMarkdown(asLine(text), { ...options, dropTitle: false });
  const match = /^<p>([\s\S]*)<\/p>\s*$/.exec(html);
  return match ? match[1] : html.replace(/\n+$/, '');
}

/** One line is never a block: a leading `-`, `#`, `>` or `1.` stays text instead of becoming a list or heading. */
function asLine(text: string): string {
  const line = text.replace(/\r?\n/g, ' ');
  if (/^\s*([-*_])(?:\s*\1){2,}\s*$/.test(line)) return line.replace(/^(\s*)(\S)/, '$1\\$2');
  return line
    .replace(/^(\s*)([-+*]|#{1,6})(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*)(>|`{3,}|~{3,})/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}

/**
 * {@link renderInline} for many lines at once. Setting up the markdown parser costs more than
 * parsing one short line, so the lines are rendered as one document of paragraphs and split
 * again; when the split does not give one paragraph per line (a line that is a link definition,
 * say), the batch is halved until that line is rendered on its own.
 */
export function renderInlineMany(texts: readonly string[], options: RenderOptions = {}): string[] {
  if (texts.length === 0) return [];
  if (texts.length === 1) return [renderInline(texts[0], options)];
  const { html } = renderMarkdown(texts.map(asLine).join('\n\n'), { ...options, dropTitle: false });
  const body = /^<p>([\s\S]*)<\/p>\s*$/.exec(html);
  const parts = body ? body[1].split('</p>\n<p>') : [];
  if (parts.length === texts.length) return parts;
  // A line that is no paragraph of its own (a link definition, say) is in there: halve the batch
  // until it stands alone, so one odd line does not cost a parser pass for every other line.
  if (texts.length <= 4) return texts.map((text) => renderInline(text, options));
  const half = Math.ceil(texts.length / 2);
  return [...renderInlineMany(texts.slice(0, half), options), ...renderInlineMany(texts.slice(half), options)];
}

/** Escapes text for HTML and XML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[char]};`);
}

/** The visible text of rendered inline HTML (for feeds and titles), without tags. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, '&');
}
