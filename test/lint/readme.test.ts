/** The README's rule table is the documentation SARIF links to: it must list every rule with its severity. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = README.slice(README.indexOf('<!-- section:check -->'), README.indexOf('<!-- /section:check -->'));

describe('README check section', () => {
  it.each(RULES.map((r) => [r.id, r.severity, r.fixable] as const))('documents %s as %s', (id, severity, fixable) => {
    const row = section.split('\n').find((line) => line.includes(`<a id="rule-${id}"></a>\`${id}\``));
    expect(row, `no table row for ${id}`).toBeDefined();
    expect(row!.split('|')[2].trim()).toBe(severity);
    expect(row!.includes('(fixable)')).toBe(fixable);
  });

  it('lists no rule that does not exist', () => {
    const ids = [...section.matchAll(/<a id="rule-([a-z-]+)"><\/a>/g)].map((m) => m[1]);
    expect(ids.sort()).toEqual(RULES.map((r) => r.id).sort());
  });
});
