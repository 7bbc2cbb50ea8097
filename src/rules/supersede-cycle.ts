/** Rule `supersede-cycle`: records that supersede each other in a circle. */
import { nygardRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

/** The rule object. */
export const rule: Rule = {
  id: 'supersede-cycle',
  severity: 'error',
  summary: 'Records supersede each other in a cycle.',
  description:
    'Superseding is a line from older to newer decisions: if A supersedes B and B (directly or through others) supersedes A, no record of the chain is the current one. Edges come from both `Supersedes` and `Superseded by` links; each cycle is reported once, on its first file, with the whole chain.',
  fixable: false,
  examples: {
    ok: [
      {
        files: {
          '0001-x.md': nygardRecord(1, 'Use X', ['Superseded by [2. Use Y](0002-y.md)']),
          '0002-y.md': nygardRecord(2, 'Use Y', ['Superseded by [3. Use Z](0003-z.md)', 'Supersedes [1. Use X](0001-x.md)']),
          '0003-z.md': nygardRecord(3, 'Use Z', ['Accepted', 'Supersedes [2. Use Y](0002-y.md)']),
        },
      },
    ],
    notOk: [
      {
        files: {
          '0001-x.md': nygardRecord(1, 'Use X', ['Superseded by [2. Use Y](0002-y.md)', 'Supersedes [2. Use Y](0002-y.md)']),
          '0002-y.md': nygardRecord(2, 'Use Y', ['Superseded by [1. Use X](0001-x.md)', 'Supersedes [1. Use X](0001-x.md)']),
        },
        findings: [
          { file: '0001-x.md', line: 7, column: 1, message: 'Supersede cycle: `0001-x.md` supersedes `0002-y.md` supersedes `0001-x.md`' },
        ],
      },
    ],
  },
  check({ log, byFile }, report) {
    // newer → older edges
    const edges = new Map<string, Set<string>>();
    const add = (newer: string, older: string) => {
      if (!byFile.has(newer) || !byFile.has(older)) return;
      let set = edges.get(newer);
      if (!set) edges.set(newer, (set = new Set()));
      set.add(older);
    };
    for (const decision of log.decisions) {
      for (const link of decision.links) {
        if (link.kind === 'supersedes') add(decision.file, link.target);
        else if (link.kind === 'superseded-by') add(link.target, decision.file);
      }
    }
    const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
    const reported = new Set<string>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 1);
      stack.push(file);
      for (const next of [...(edges.get(file) ?? [])].sort()) {
        const s = state.get(next);
        if (s === 1) {
          const cycle = stack.slice(stack.indexOf(next));
          const first = [...cycle].sort()[0];
          const rotated = [...cycle.slice(cycle.indexOf(first)), ...cycle.slice(0, cycle.indexOf(first))];
          const key = [...rotated].sort().join('\0');
          if (!reported.has(key)) {
            reported.add(key);
            const decision = byFile.get(first)!;
            report({
              file: first,
              line: decision.lines.status ?? decision.lines.title ?? 1,
              message: `Supersede cycle: ${[...rotated, first].map((f) => `\`${f}\``).join(' supersedes ')}`,
            });
          }
        } else if (s === undefined) {
          visit(next);
        }
      }
      stack.pop();
      state.set(file, 2);
    };
    for (const file of [...edges.keys()].sort()) if (!state.has(file)) visit(file);
  },
};
