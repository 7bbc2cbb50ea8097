/**
 * Every rule's documented examples are its first tests: each ok example must give no diagnostic of
 * that rule, each not-ok example at least one, through the real parser and back-link computation.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { lintExample } from './memory-log.js';

describe('rule registry', () => {
  it('has unique kebab-case ids matching their files, docs and examples', async () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      const mod = (await import(`../../src/rules/${rule.id}.ts`)) as { rule: unknown };
      expect(mod.rule).toBe(rule);
      expect(rule.description.length).toBeGreaterThan(80);
      expect(rule.summary.length).toBeGreaterThan(10);
      expect(rule.examples.ok.length).toBeGreaterThan(0);
      expect(rule.examples.notOk.length).toBeGreaterThan(0);
    }
  });
});

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 } as const;

for (const rule of RULES) {
  describe(`rule ${rule.id}`, () => {
    rule.examples.ok.forEach((example, index) => {
      it(`stays silent on ok example ${index + 1}${example.note ? ` (${example.note})` : ''}`, () => {
        const result = lintExample(example, [rule]);
        expect(result.failures).toEqual([]);
        expect(result.diagnostics.filter((d) => d.rule === rule.id)).toEqual([]);
      });
    });
    rule.examples.notOk.forEach((example, index) => {
      it(`reports not-ok example ${index + 1}${example.note ? ` (${example.note})` : ''}`, () => {
        const result = lintExample(example, [rule]);
        expect(result.failures).toEqual([]);
        const mine = result.diagnostics.filter((d) => d.rule === rule.id);
        expect(mine.length).toBeGreaterThan(0);
        for (const d of mine) {
          // A rule may report a problem milder than its default (Problem.severity), never harsher.
          expect(SEVERITY_RANK[d.severity]).toBeLessThanOrEqual(SEVERITY_RANK[rule.severity]);
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.message.length).toBeGreaterThan(10);
          if (d.fix) expect(rule.fixable).toBe(true);
        }
      });
    });
  });
}
