/**
 * The relation graph of a log, drawn at build time as inline SVG.
 *
 * A deterministic layered layout, small on purpose: each connected group of records is laid
 * out on its own (groups stacked top to bottom, largest first); inside a group, records sit
 * in columns by the longest chain of older-to-newer relations leading to them (what was
 * superseded or amended sits left of what replaced or amended it), and a few barycenter
 * sweeps order each column to cut crossings. The same log always gives the same picture,
 * and reading it needs no JavaScript.
 */
import { escapeHtml } from './render.js';

/** A record as the graph sees it. */
export interface GraphNode {
  /** Unique key (the record file). */
  id: string;
  title: string;
  url: string;
  status: string | null;
  /** The status as the site names it (`Superseded`); defaults to the status word. */
  statusLabel?: string;
  date: string | null;
}

/** The relation kinds the graph draws, after folding the reverse kinds into their forward form. */
export type GraphEdgeKind = 'supersedes' | 'amends' | 'relates';

/** A relation as written in a record: `from` links to `to` with `kind` (any link kind). */
export interface GraphLink {
  from: string;
  to: string;
  kind: 'supersedes' | 'superseded-by' | 'amends' | 'amended-by' | 'relates';
}

/** One drawn edge: `from` supersedes / amends / relates to `to`. */
export interface GraphEdge {
  from: string;
  to: string;
  kind: GraphEdgeKind;
}

/** The drawing and what it contains. */
export interface RelationGraph {
  /** The SVG element, or an empty string when no record links another. */
  svg: string;
  /** The edges drawn, for a text list next to the picture. */
  edges: GraphEdge[];
  /** How many records take part (have at least one relation). */
  nodeCount: number;
  /** Records with no relation at all (not drawn). */
  isolated: number;
}

const NODE_W = 232;
const NODE_H = 52;
const GAP_X = 72;
const GAP_Y = 18;
const GROUP_GAP = 36;
const PAD = 16;
const TITLE_CHARS = 30;

/** Folds reverse kinds (`superseded-by`, `amended-by`) into forward edges and drops duplicates. */
export function normaliseLinks(links: readonly GraphLink[], known: ReadonlySet<string>): GraphEdge[] {
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  for (const link of links) {
    if (!known.has(link.from) || !known.has(link.to) || link.from === link.to) continue;
    let edge: GraphEdge;
    if (link.kind === 'superseded-by') edge = { from: link.to, to: link.from, kind: 'supersedes' };
    else if (link.kind === 'amended-by') edge = { from: link.to, to: link.from, kind: 'amends' };
    else edge = { from: link.from, to: link.to, kind: link.kind };
    // "relates" has no direction: one edge per pair, whichever side wrote it.
    const key =
      edge.kind === 'relates'
        ? `relates ${[edge.from, edge.to].sort().join('\u0000')}`
        : `${edge.kind} ${edge.from}\u0000${edge.to}`;
    if (seen.has(key)) continue;
    // A relates edge next to a stronger edge between the same pair says nothing new.
    seen.add(key);
    edges.push(edge);
  }
  const strong = new Set(edges.filter((e) => e.kind !== 'relates').map((e) => [e.from, e.to].sort().join('\u0000')));
  return edges.filter((e) => e.kind !== 'relates' || !strong.has([e.from, e.to].sort().join('\u0000')));
}

function compareNodes(a: GraphNode, b: GraphNode): number {
  const da = a.date ?? '9999';
  const db = b.date ?? '9999';
  if (da !== db) return da < db ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** Draws the relation graph of `nodes` joined by `links`. */
export function relationGraph(nodes: readonly GraphNode[], links: readonly GraphLink[]): RelationGraph {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const edges = normaliseLinks(links, new Set(byId.keys()));
  const involved = [...new Set(edges.flatMap((e) => [e.from, e.to]))].map((id) => byId.get(id)!).sort(compareNodes);
  const isolated = nodes.length - involved.length;
  if (involved.length === 0) return { svg: '', edges, nodeCount: 0, isolated };

  const rank = new Map(involved.map((node, i) => [node.id, i]));
  // Layout direction: older to newer. The superseded / amended record is the older one;
  // for "relates" the earlier record (by date, then file) comes first.
  const next = new Map<string, string[]>(involved.map((n) => [n.id, []]));
  const prev = new Map<string, string[]>(involved.map((n) => [n.id, []]));
  const undirected = new Map<string, string[]>(involved.map((n) => [n.id, []]));
  for (const edge of edges) {
    let [older, newer] = edge.kind === 'relates' ? [edge.from, edge.to] : [edge.to, edge.from];
    if (edge.kind === 'relates' && rank.get(older)! > rank.get(newer)!) [older, newer] = [newer, older];
    next.get(older)!.push(newer);
    prev.get(newer)!.push(older);
    undirected.get(older)!.push(newer);
    undirected.get(newer)!.push(older);
  }

  // Connected groups, in a stable order.
  const group = new Map<string, number>();
  const groups: string[][] = [];
  for (const node of involved) {
    if (group.has(node.id)) continue;
    const members: string[] = [];
    const stack = [node.id];
    group.set(node.id, groups.length);
    while (stack.length > 0) {
      const id = stack.pop()!;
      members.push(id);
      for (const other of undirected.get(id)!) {
        if (!group.has(other)) {
          group.set(other, groups.length);
          stack.push(other);
        }
      }
    }
    groups.push(members.sort((a, b) => rank.get(a)! - rank.get(b)!));
  }
  groups.sort((a, b) => b.length - a.length || rank.get(a[0])! - rank.get(b[0])!);

  // Layers: longest path over the older-to-newer edges; edges closing a cycle (contradictory
  // records) are ignored for layering only.
  const layer = new Map<string, number>();
  const state = new Map<string, 1 | 2>();
  const order: string[] = [];
  const visitNode = (id: string): void => {
    state.set(id, 1);
    for (const other of [...next.get(id)!].sort((a, b) => rank.get(a)! - rank.get(b)!)) {
      if (!state.has(other)) visitNode(other);
    }
    state.set(id, 2);
    order.push(id);
  };
  for (const node of involved) if (!state.has(node.id)) visitNode(node.id);
  order.reverse();
  const position = new Map(order.map((id, i) => [id, i]));
  for (const id of order) {
    let best = 0;
    for (const before of prev.get(id)!) {
      if (position.get(before)! < position.get(id)!) best = Math.max(best, layer.get(before)! + 1);
    }
    layer.set(id, best);
  }

  const parts: string[] = [];
  let top = PAD;
  let width = 0;
  const place = new Map<string, { x: number; y: number }>();
  for (const members of groups) {
    const columns: string[][] = [];
    for (const id of members) (columns[layer.get(id)!] ??= []).push(id);
    const dense = columns.filter((c) => c && c.length > 0);
    const slot = new Map<string, number>();
    dense.forEach((column) => column.forEach((id, i) => slot.set(id, i)));
    const sweep = (column: string[], neighbours: (id: string) => string[]): void => {
      const centre = (id: string): number => {
        const around = neighbours(id).filter((o) => slot.has(o));
        return around.length === 0 ? slot.get(id)! : around.reduce((sum, o) => sum + slot.get(o)!, 0) / around.length;
      };
      const weights = new Map(column.map((id) => [id, centre(id)]));
      column.sort((a, b) => weights.get(a)! - weights.get(b)! || rank.get(a)! - rank.get(b)!);
      column.forEach((id, i) => slot.set(id, i));
    };
    for (let pass = 0; pass < 4; pass++) {
      for (let c = 1; c < dense.length; c++) sweep(dense[c], (id) => prev.get(id)!);
      for (let c = dense.length - 2; c >= 0; c--) sweep(dense[c], (id) => next.get(id)!);
    }
    const tallest = Math.max(...dense.map((c) => c.length));
    dense.forEach((column, c) => {
      // Columns start at the top: centring short columns in a tall group left large empty areas.
      column.forEach((id, i) => {
        place.set(id, { x: PAD + c * (NODE_W + GAP_X), y: top + i * (NODE_H + GAP_Y) });
      });
    });
    width = Math.max(width, PAD * 2 + dense.length * NODE_W + (dense.length - 1) * GAP_X);
    top += tallest * (NODE_H + GAP_Y) - GAP_Y + GROUP_GAP;
  }
  const height = top - GROUP_GAP + PAD;

  for (const edge of [...edges].sort((a, b) => `${a.kind}${a.from}${a.to}`.localeCompare(`${b.kind}${b.from}${b.to}`))) {
    const a = place.get(edge.from)!;
    const b = place.get(edge.to)!;
    // Draw from the newer record (right) to the older one (left), arrow at the older end.
    const [from, to] = a.x >= b.x ? [a, b] : [b, a];
    const x1 = from.x;
    const y1 = from.y + NODE_H / 2;
    const x2 = to.x + NODE_W;
    const y2 = to.y + NODE_H / 2;
    const sameColumn = from.x === to.x;
    const d = sameColumn
      ? `M${from.x + NODE_W} ${y1} C${from.x + NODE_W + 48} ${y1} ${to.x + NODE_W + 48} ${y2} ${x2} ${y2}`
      : `M${x1} ${y1} C${x1 - GAP_X / 2} ${y1} ${x2 + GAP_X / 2} ${y2} ${x2} ${y2}`;
    const marker = edge.kind === 'relates' ? '' : ` marker-end="url(#adr-arrow-${edge.kind})"`;
    const label = `${byId.get(edge.from)!.title} ${edge.kind === 'relates' ? 'relates to' : edge.kind} ${byId.get(edge.to)!.title}`;
    parts.push(`<path class="edge edge-${edge.kind}" d="${d}"${marker}><title>${escapeHtml(label)}</title></path>`);
  }
  for (const node of involved) {
    const { x, y } = place.get(node.id)!;
    const status = node.status ?? 'unknown';
    const meta = [node.date ?? 'no date', node.statusLabel ?? node.status ?? 'no status'].join(' · ');
    parts.push(
      `<a href="${escapeHtml(node.url)}" class="node status-${escapeHtml(status)}">` +
        `<title>${escapeHtml(node.title)}</title>` +
        `<rect x="${x}" y="${y}" width="${NODE_W}" height="${NODE_H}" rx="6"/>` +
        `<rect class="node-bar" x="${x}" y="${y}" width="5" height="${NODE_H}" rx="2"/>` +
        `<text x="${x + 14}" y="${y + 21}" class="node-title">${escapeHtml(truncate(node.title, TITLE_CHARS))}</text>` +
        `<text x="${x + 14}" y="${y + 39}" class="node-meta">${escapeHtml(meta)}</text>` +
        `</a>`,
    );
  }
  const markers = (['supersedes', 'amends'] as const)
    .map(
      (kind) =>
        `<marker id="adr-arrow-${kind}" class="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker>`,
    )
    .join('');
  const svg =
    `<svg class="relation-graph" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="Relation graph: ${involved.length} records, ${edges.length} relations">` +
    `<defs>${markers}</defs>${parts.join('')}</svg>`;
  return { svg, edges, nodeCount: involved.length, isolated };
}
