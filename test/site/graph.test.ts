// The relation graph: folded kinds, deterministic layered layout, escaped text, links to records.
import { describe, expect, it } from 'vitest';
import { normaliseLinks, relationGraph, type GraphNode } from '../../src/site/graph.js';

const node = (id: string, date: string | null, title = id): GraphNode => ({ id, title, url: `/records/${id}/`, status: 'accepted', date });

describe('normaliseLinks', () => {
  it('folds reverse kinds and drops duplicates and weaker duplicates', () => {
    const known = new Set(['a', 'b', 'c']);
    const edges = normaliseLinks(
      [
        { from: 'a', to: 'b', kind: 'superseded-by' },
        { from: 'b', to: 'a', kind: 'supersedes' },
        { from: 'a', to: 'b', kind: 'relates' },
        { from: 'c', to: 'a', kind: 'amended-by' },
        { from: 'b', to: 'c', kind: 'relates' },
        { from: 'c', to: 'b', kind: 'relates' },
        { from: 'a', to: 'zzz', kind: 'relates' },
      ],
      known,
    );
    expect(edges).toEqual([
      { from: 'b', to: 'a', kind: 'supersedes' },
      { from: 'a', to: 'c', kind: 'amends' },
      { from: 'b', to: 'c', kind: 'relates' },
    ]);
  });
});

describe('relationGraph', () => {
  const nodes = [node('old', '2024-01-01'), node('mid', '2024-06-01'), node('new', '2025-01-01'), node('alone', '2024-02-02'), node('x<y>&"', '2024-03-03', 'A <b>"quoted"</b> & title')];
  const links = [
    { from: 'mid', to: 'old', kind: 'supersedes' as const },
    { from: 'mid', to: 'new', kind: 'superseded-by' as const },
    { from: 'x<y>&"', to: 'old', kind: 'relates' as const },
  ];

  it('draws only linked records, older ones further left, and links each node to its page', () => {
    const graph = relationGraph(nodes, links);
    expect(graph.nodeCount).toBe(4);
    expect(graph.isolated).toBe(1);
    expect(graph.svg).not.toContain('/records/alone/');
    const x = (id: string) => Number(new RegExp(`href="/records/${id}/"[^]*?<rect x="(\\d+)"`).exec(graph.svg)![1]);
    expect(x('old')).toBeLessThan(x('mid'));
    expect(x('mid')).toBeLessThan(x('new'));
    expect(graph.svg).toContain('marker-end="url(#adr-arrow-supersedes)"');
  });

  it('escapes titles and ids', () => {
    const graph = relationGraph(nodes, links);
    expect(graph.svg).not.toContain('<b>');
    expect(graph.svg).toContain('A &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; &amp; title');
    expect(graph.svg).toContain('href="/records/x&lt;y&gt;&amp;&quot;/"');
  });

  it('gives the same drawing for the same log, whatever the input order', () => {
    const a = relationGraph(nodes, links).svg;
    const b = relationGraph([...nodes].reverse(), [...links].reverse()).svg;
    expect(b).toBe(a);
  });

  it('survives contradictory cycles', () => {
    const graph = relationGraph([node('a', null), node('b', null)], [
      { from: 'a', to: 'b', kind: 'supersedes' },
      { from: 'b', to: 'a', kind: 'supersedes' },
    ]);
    expect(graph.nodeCount).toBe(2);
    expect(graph.svg).toContain('<svg');
  });

  it('draws nothing when no record links another', () => {
    expect(relationGraph(nodes, []).svg).toBe('');
  });
});
