// The small decisions behind a record's page, without Astro: what tidying takes out of a body and
// what it leaves, the decision line, the written status word, edit links, the feed's escaping.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../dist/site/render.js';
import { editUrls, firstSentence } from '../../dist/site/records.js';
import { writtenStatus } from '../../dist/site/labels.js';
import { blankFrontMatter } from '../../dist/site/load-bodies.js';
import { cdata, feedText } from '../../site/lib/rss.js';

const SUMMARY = [
  '# Use a queue', //  1
  '', //  2
  '## Decision Summary', //  3
  '', //  4
  '**Status**: ✅ Decided\\', //  5
  '**Priority**: 🔴 Urgent\\', //  6
  '**Date**: 2025-01-02\\', //  7
  '**Category**: 🏗️ Infrastructure', //  8
  '', //  9
  '## Action Items', // 10
  '', // 11
  '### ✅ Completed/Aborted', // 12
  '', // 13
  '### 🔴 This Week (Urgent)', // 14
  '', // 15
  '- [ ] Provision the queue', // 16
  '', // 17
  '### 🟡 Next 2 Weeks (Important)', // 18
  '', // 19
  '---', // 20
  '', // 21
  '## Context', // 22
  '', // 23
  '{Describe the context and problem statement}', // 24
  '', // 25
  '## Decision', // 26
  '', // 27
  'We use a managed queue. It scales.', // 28
  '', // 29
  '**Owner**: Platform team', // 30
  '', // 31
  '## Risks', // 32
  '', // 33
  'TBD', // 34
  '', // 35
  '---', // 36
  '', // 37
  '_Status: ✅ Approved_\\', // 38
  '_Last Updated: 2025-02-03_', // 39
  '',
].join('\n');

const tidy = { factLines: [5, 6, 7, 8, 38], itemLines: [16] };

describe('tidying a record body', () => {
  const out = renderMarkdown(SUMMARY, { dropTitle: true, tidy });

  it('takes out the fact block, the action items with their empty horizons, and the footer', () => {
    expect(out.html).not.toContain('Decision Summary');
    expect(out.html).not.toContain('Status');
    expect(out.html).not.toContain('Action Items');
    expect(out.html).not.toContain('Provision the queue');
    expect(out.html).not.toContain('This Week');
    expect(out.html).not.toContain('Last Updated');
    expect(out.html).not.toContain('<hr>');
    expect(out.updated).toBe('2025-02-03');
  });

  it('takes out sections left with nothing but a template placeholder', () => {
    expect(out.html).not.toContain('Context');
    expect(out.html).not.toContain('Describe the context');
    expect(out.html).not.toContain('Risks');
  });

  it('keeps what the reader did not recognise, label lines included', () => {
    expect(out.html).toContain('<h2 id="decision">Decision</h2>');
    expect(out.html).toContain('We use a managed queue. It scales.');
    expect(out.html).toContain('<strong>Owner</strong>: Platform team');
    expect(out.decisionSource).toBe('We use a managed queue. It scales.');
  });

  it('leaves a body alone without the facts to go by', () => {
    const plain = renderMarkdown(SUMMARY, { dropTitle: true });
    expect(plain.html).toContain('Decision Summary');
    expect(plain.html).toContain('Provision the queue');
  });

  it('keeps a Nygard Status section that says more than the status', () => {
    const nygard = '# 1. X\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nWe will revisit this in Q3.\n\n## Context\n\nText.\n';
    const html = renderMarkdown(nygard, { dropTitle: true, tidy: { factLines: [3, 7], itemLines: [] } }).html;
    expect(html).not.toContain('Date: 2020-01-01');
    expect(html).toContain('<h2 id="status">Status</h2>');
    expect(html).toContain('We will revisit this in Q3.');
    expect(html).not.toContain('<p>Accepted</p>');
  });

  it('keeps lines numbered as in the file when front matter is blanked', () => {
    const text = '---\nstatus: accepted\ndate: 2020-01-01\n---\n\n# T\n\n## A {#a}\n';
    const blanked = blankFrontMatter(text);
    expect(blanked.split('\n')).toHaveLength(text.split('\n').length);
    expect(blanked.split('\n')[7]).toBe('## A {#a}');
  });
});

describe('the decision line', () => {
  it('is the first whole sentence, past abbreviations, code and links', () => {
    expect(firstSentence('We pick Postgres. It is boring.')).toBe('We pick Postgres.');
    expect(firstSentence('Use e.g. Kafka for events. Then more.')).toBe('Use e.g. Kafka for events.');
    expect(firstSentence('Call `a.b()` and see [v1.2](x.md). Done.')).toBe('Call `a.b()` and see [v1.2](x.md).');
    const long = `${'word '.repeat(80)}end.`;
    const cut = firstSentence(long, 100);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(101);
    expect(cut.slice(0, -1).endsWith('word')).toBe(true);
  });
});

describe('the status word a file writes', () => {
  it('is shown only where it differs from the label', () => {
    expect(writtenStatus('✅ Decided', 'accepted')).toBe('Decided');
    expect(writtenStatus('**✓** Accepted', 'accepted')).toBeNull();
    expect(writtenStatus('✗ ABORTED - too complex', 'aborted')).toBeNull();
    expect(writtenStatus('❓ Under Discussion', 'proposed')).toBe('Under Discussion');
    expect(writtenStatus('Accepted -', 'accepted')).toBeNull();
  });
});

describe('edit links', () => {
  it('append the path from the repository root, or fill {path}; the source link reads edit as blob', () => {
    expect(editUrls('https://github.com/o/r/edit/main/', 'docs/adr/0001-a b.md')).toEqual({
      editUrl: 'https://github.com/o/r/edit/main/docs/adr/0001-a%20b.md',
      sourceUrl: 'https://github.com/o/r/blob/main/docs/adr/0001-a%20b.md',
    });
    expect(editUrls('https://gitlab.com/o/r/-/edit/main', 'x.md').sourceUrl).toBe('https://gitlab.com/o/r/-/blob/main/x.md');
    expect(editUrls('https://example.org/edit?file={path}', 'a/b.md')).toEqual({ editUrl: 'https://example.org/edit?file=a/b.md', sourceUrl: null });
    expect(editUrls(undefined, 'x.md')).toEqual({ editUrl: null, sourceUrl: null });
  });
});

describe('the feed', () => {
  it('keeps markup in titles as text after a reader decodes them, and never closes its CDATA early', () => {
    const title = feedText('Use <img src=x onerror=alert(1)> & more');
    expect(title).toBe('Use &amp;lt;img src=x onerror=alert(1)&amp;gt; &amp; more');
    expect(cdata('<p>a ]]> b</p>')).toBe('<![CDATA[<p>a ]]]]><![CDATA[> b</p>]]>');
  });
});
