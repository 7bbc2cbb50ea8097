/**
 * Every rule's documented examples are its first tests, held as strictly as ESLint's RuleTester holds
 * its `valid` / `invalid` cases, through the real parser and back-link computation:
 * - an ok example gives no diagnostic of its rule and states no findings;
 * - a not-ok example states every finding (`findings`: file, line, column, message) and the rule must
 *   report exactly these, in this order: no more, no fewer;
 * - where the findings carry fixes, the example states the text of every file one pass of them
 *   changes (`output`), and the fixed text must pass the check `adr check --fix` makes before writing;
 *   an example whose findings carry no fix states no output.
 * A not-ok example without `findings` fails here, named by rule and example number (and listed all
 * together by the registry test), so a rule added on another branch shows at once which of its
 * examples still need them.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { fileFix, planFixes } from '../../src/lint/fix.js';
import { applyEdits } from '../../src/edit/splice.js';
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

  it('states the findings of every not-ok example', () => {
    const missing = RULES.flatMap((rule) =>
      rule.examples.notOk.flatMap((example, index) => (example.findings?.length ? [] : [`${rule.id}: not-ok example ${index + 1}${example.note ? ` (${example.note})` : ''}`])),
    );
    expect(missing, 'these not-ok examples state no `findings` (file, line, column, message) and, where fixable, no `output`').toEqual([]);
  });

  it('shows a fix in an example of every fixable rule', () => {
    const unshown = RULES.filter((rule) => rule.fixable && !rule.examples.notOk.some((e) => e.output && Object.keys(e.output).length > 0)).map((r) => r.id);
    expect(unshown, 'fixable rules with no not-ok example stating its `output`').toEqual([]);
  });
});

for (const rule of RULES) {
  describe(`rule ${rule.id}`, () => {
    rule.examples.ok.forEach((example, index) => {
      it(`stays silent on ok example ${index + 1}${example.note ? ` (${example.note})` : ''}`, () => {
        expect(example.findings, 'an ok example states no findings').toBeUndefined();
        expect(example.output, 'an ok example states no output').toBeUndefined();
        const result = lintExample(example, [rule]);
        expect(result.failures).toEqual([]);
        expect(result.diagnostics.filter((d) => d.rule === rule.id)).toEqual([]);
      });
    });
    rule.examples.notOk.forEach((example, index) => {
      const name = `not-ok example ${index + 1}${example.note ? ` (${example.note})` : ''}`;
      it(`reports exactly the stated findings of ${name}`, () => {
        expect(example.findings, `state the findings of ${rule.id}'s ${name} (file, line, column, message)`).toBeDefined();
        const result = lintExample(example, [rule]);
        expect(result.failures).toEqual([]);
        const mine = result.diagnostics.filter((d) => d.rule === rule.id);
        expect(mine.map((d) => ({ file: d.file, line: d.line, column: d.column, message: d.message }))).toEqual(example.findings);
        for (const d of mine) {
          expect(d.severity).toBe(rule.severity);
          if (d.fix) expect(rule.fixable, 'a rule that is not fixable offers no fix').toBe(true);
        }
      });
      it(`fixes ${name} to the stated output in one pass`, () => {
        const result = lintExample(example, [rule]);
        const plan = planFixes(result.diagnostics.filter((d) => d.rule === rule.id));
        const fixed: Record<string, string> = {};
        for (const [file, fixes] of plan) {
          const src = result.source(file);
          expect(src, `${file} is readable`).not.toBeNull();
          const { edits, verify } = fileFix(result.log, file, fixes, src!);
          const after = applyEdits(src!.text, edits);
          expect(verify(after), `the fixed ${file} passes the check adr check --fix makes before writing`).toBeNull();
          expect(after, `a fix of ${file} changes it`).not.toBe(src!.text);
          fixed[file] = after;
        }
        expect(fixed).toEqual(example.output ?? {});
      });
    });
  });
}
