/**
 * Every fixture log, hand-written per dialect and copied from real public logs, read through
 * readLog and compared field by field with the facts a careful reader finds in it (expected.json
 * next to the records, checked by hand against the text).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectLog, fixture, readFixtureLog } from './helpers.js';

const LOGS = [
  'summary/decisions',
  'summary-legacy/decisions',
  'nygard',
  'madr2',
  'log4brains',
  'madr3',
  'madr4',
  'mixed/decisions',
  'real/nygard',
  'real/log4brains',
  'real/madr2',
  'real/madr3',
  'real/madr4',
  'real/summary',
];

describe('fixture logs read as a careful reader reads them', () => {
  for (const name of LOGS) {
    it(name, async () => {
      const dir = fixture(...name.split('/'));
      const expected = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8'));
      expectLog(await readFixtureLog(dir), expected);
    });
  }
});

describe('the seed example', () => {
  it('reads as aborted, important, Infrastructure, 2025-08-06, 7 action items all done and aborted, 3 record links', async () => {
    const log = await readFixtureLog(fixture('summary', 'decisions'));
    const d = log.decisions.find((x) => x.file === '2025-08-06-nix-development-environment.md')!;
    expect(d.status).toBe('aborted');
    expect(d.statusText).toBe('✗ ABORTED - Use Makefile + proto instead for simpler development setup');
    expect(d.reason).toBe('Use Makefile + proto instead for simpler development setup');
    expect(d.priority).toBe('important');
    expect(d.category).toBe('Infrastructure');
    expect(d.date).toBe('2025-08-06');
    expect(d.actionItems).toHaveLength(7);
    expect(d.actionItems.every((a) => a.done && a.aborted)).toBe(true);
    expect(d.actionItems[0].text).toBe('Add Nix flake configuration to superconfig monorepo for testing');
    expect(d.actionItems[0].note).toBe('✗ ABORTED - Implemented Makefile + proto instead');
    expect(d.links.map((l) => l.target)).toEqual([
      '2025-08-06-infrastructure.md',
      '2025-08-06-repository-architecture.md',
      '2025-08-06-development-focus.md',
    ]);
    expect(d.overviewLink).toBe(true);
    // The footer repeats (and here contradicts) the header: both declarations are kept.
    expect(d.statusDeclarations.map((s) => [s.site, s.status, s.text])).toEqual([
      ['header', 'aborted', '✗ ABORTED - Use Makefile + proto instead for simpler development setup'],
      ['footer', 'accepted', '✅ Approved'],
    ]);
    expect(d.encoding.mojibake).toBe('mac-roman');
    expect(d.abortRationale).toBe(true);
    // Success Metrics task lists are goals, not action items.
    expect(d.actionItems.some((a) => /Nix environment works/.test(a.text))).toBe(false);
  });
});
