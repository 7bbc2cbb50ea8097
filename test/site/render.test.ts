// Markdown to safe HTML: what survives, what is made inert, how links and anchors are rewritten.
import { describe, expect, it } from 'vitest';
import { classifyUrl, renderInline, renderMarkdown } from '../../src/site/render.js';
import { githubSlug, pathSlug, Slugger } from '../../src/site/slug.js';

const resolveLink = (path: string, anchor: string | null): string | null =>
  path === '2025-08-06-infra.md' ? `/records/2025-08-06-infra/${anchor ? `#${anchor}` : ''}` : path === '../DECISIONS.md' ? '/' : null;

describe('classifyUrl', () => {
  const table: Array<[string, string]> = [
    ['https://example.org/x', 'external'],
    ['http://example.org', 'external'],
    ['HTTPS://EXAMPLE.ORG', 'external'],
    ['mailto:team@example.org', 'external'],
    ['//cdn.example.org/x', 'external'],
    ['#anchor', 'anchor'],
    ['2025-08-06-infra.md#monorepo', 'relative'],
    ['../DECISIONS.md', 'relative'],
    ['sub/file%20name.md', 'relative'],
    ['javascript:alert(1)', 'unsafe'],
    ['JavaScript:alert(1)', 'unsafe'],
    [' javascript:alert(1)', 'unsafe'],
    ['java\tscript:alert(1)', 'unsafe'],
    ['java\nscript:alert(1)', 'unsafe'],
    ['\u0000javascript:alert(1)', 'unsafe'],
    ['data:text/html,<script>alert(1)</script>', 'unsafe'],
    ['vbscript:msgbox(1)', 'unsafe'],
    ['file:///etc/passwd', 'unsafe'],
    ['', 'unsafe'],
  ];
  it.each(table)('%j is %s', (url, kind) => {
    expect(classifyUrl(url)).toBe(kind);
  });
});

describe('renderMarkdown', () => {
  it('drops the title, keeps one heading level below the page h1 and honours {#id}', () => {
    const { html, headings } = renderMarkdown('# Title\n\n## Monorepo Structure {#monorepo}\n\ntext\n\n# Second top heading\n\n## Monorepo Structure\n', {
      dropTitle: true,
    });
    expect(html).not.toContain('<h1');
    expect(html).not.toContain('Title</h');
    expect(html).toContain('<h2 id="monorepo">Monorepo Structure</h2>');
    expect(html).not.toContain('{#monorepo}');
    expect(html).toContain('<h2 id="second-top-heading">Second top heading</h2>');
    expect(html).toContain('<h2 id="monorepo-structure">Monorepo Structure</h2>');
    expect(headings.map((h) => h.id)).toEqual(['monorepo', 'second-top-heading', 'monorepo-structure']);
  });

  it('prefers the anchors the parser computed, by line', () => {
    const { html } = renderMarkdown('# T\n\n## 🎯 Action Items\n', { dropTitle: true, headingAnchors: new Map([[3, 'action-items']]) });
    expect(html).toContain('<h2 id="action-items">');
  });

  it('drops raw HTML, comments and event handlers; keeps code as text', () => {
    const md = [
      'Hello <script>window.x=1</script> world',
      '',
      '<img src=x onerror="window.y=1">',
      '',
      '<!-- <script>window.z=1</script> -->',
      '',
      '<svg onload="window.s=1"><script>window.t=1</script></svg>',
      '',
      '```html',
      '<script>window.code=1</script>',
      '```',
    ].join('\n');
    const { html } = renderMarkdown(md);
    expect(html).not.toMatch(/<script|<img|<svg|onerror=|onload=|<!--/i);
    expect(html).toContain('&#x3C;script>window.code=1&#x3C;/script>');
  });

  it('makes javascript:, data: and vbscript: links inert and keeps safe ones', () => {
    const md = [
      '[a](javascript:alert(1)) [b](java&#x09;script:alert(1)) [c](&#106;avascript:alert(1)) [d](data:text/html,x) [e](vbscript:x)',
      '[ok](https://example.org/) [mail](mailto:a@example.org) [anchor](#x)',
      '[ref][evil] <javascript:alert(1)>',
      '',
      '[evil]: javascript:alert(1)',
    ].join('\n');
    const { html } = renderMarkdown(md);
    expect(html).not.toMatch(/href="\s*(javascript|data|vbscript)/i);
    expect(html.match(/class="link-inert"/g)?.length).toBeGreaterThanOrEqual(6);
    expect(html).toContain('<a href="https://example.org/" rel="noopener noreferrer">ok</a>');
    expect(html).toContain('<a href="mailto:a@example.org" rel="noopener noreferrer">mail</a>');
    expect(html).toContain('<a href="#x">anchor</a>');
  });

  it('shows images with unsafe or relative sources as their alt text', () => {
    const { html } = renderMarkdown('![evil](javascript:alert(1)) ![local](diagram.png) ![remote](https://example.org/a.png)');
    expect(html).not.toMatch(/src="(javascript|diagram)/);
    expect(html).toContain('[image: evil]');
    expect(html).toContain('[image: local]');
    expect(html).toContain('src="https://example.org/a.png"');
  });

  it('rewrites links between records to their pages and keeps the anchor', () => {
    const { html } = renderMarkdown('[infra](2025-08-06-infra.md#monorepo) [gone](2025-01-01-missing.md) [code](../src/a.ts)', { resolveLink });
    expect(html).toContain('<a href="/records/2025-08-06-infra/#monorepo">infra</a>');
    expect(html).toMatch(/<span class="link-inert" title="2025-01-01-missing.md \(not part of this site\)">gone<\/span>/);
    expect(html).toContain('title="../src/a.ts (not part of this site)"');
  });

  it('drops the back-to-overview line next to the title, not other overview links', () => {
    const md = '# T\n\n[🚪 ← Back to Decisions Overview](../DECISIONS.md)\n\n## S\n\nSee [the overview](../DECISIONS.md).\n';
    const { html } = renderMarkdown(md, { dropTitle: true, resolveLink, isOverviewLink: (p) => p === '../DECISIONS.md' });
    expect(html).not.toContain('Back to Decisions Overview');
    expect(html).toContain('<a href="/">the overview</a>');
  });

  it('renders GFM: tables (scrollable), task lists, strikethrough', () => {
    const { html } = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] ~~done~~\n- [ ] open\n');
    expect(html).toContain('<div class="table-scroll" tabindex="0" role="region"');
    expect(html).toContain('<input type="checkbox" checked disabled>');
    expect(html).toContain('<del>done</del>');
  });
});

describe('renderInline', () => {
  it('renders one line without the paragraph and with links resolved', () => {
    expect(renderInline('~~Add Nix~~ **✗** **ABORTED** - [[Infra]](2025-08-06-infra.md)', { resolveLink })).toBe(
      '<del>Add Nix</del> <strong>✗</strong> <strong>ABORTED</strong> - <a href="/records/2025-08-06-infra/">[Infra]</a>',
    );
    expect(renderInline('<img src=x onerror=alert(1)> text')).toBe(' text');
  });

  it.each(['-', '- x', '# h', '> q', '1. one', '***', '```js', '+'])('keeps %j a line of text, not a block', (text) => {
    const html = renderInline(text);
    expect(html).not.toMatch(/<(ul|ol|li|h\d|blockquote|hr|pre|code)/);
    expect(html.replace(/&#x3E;/g, '>')).toBe(text);
  });

  it('renders many lines at once exactly as one by one', async () => {
    const { renderInlineMany } = await import('../../src/site/render.js');
    const lines = ['**a** [x](2025-08-06-infra.md)', '- b', '[def]: https://example.org', '~~c~~ ✅', '<b>raw</b> d'];
    expect(renderInlineMany(lines, { resolveLink })).toEqual(lines.map((line) => renderInline(line, { resolveLink })));
    expect(renderInlineMany(lines.slice(0, 2), { resolveLink })).toEqual(lines.slice(0, 2).map((line) => renderInline(line, { resolveLink })));
  });
});

describe('slugs', () => {
  it('makes GitHub-style anchors', () => {
    expect(githubSlug('🎯 Action Items from This Decision')).toBe('-action-items-from-this-decision');
    expect(githubSlug('Risks & Mitigations')).toBe('risks--mitigations');
    expect(githubSlug('Décision über Ärger')).toBe('décision-über-ärger');
    const slugger = new Slugger();
    expect([slugger.slug('A'), slugger.slug('A'), slugger.slug('A')]).toEqual(['a', 'a-1', 'a-2']);
  });
  it('makes URL-safe page slugs', () => {
    expect(pathSlug('sub/0003-Use X.md')).toBe('sub-0003-use-x');
    expect(pathSlug('2025-08-06-café.md')).toBe('2025-08-06-cafe');
    expect(pathSlug('日本語.md')).toBe('');
  });
});
