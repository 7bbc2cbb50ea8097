/**
 * Overview dates: a generated overview writes ISO (no reader can misread it); a hand-kept table
 * that writes `6.8.25` (or `06.08.2025`) gets new and rewritten cells in that same form.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dateFormOf, ISO_DATES, overviewDate } from '../../src/edit/overview.js';
import { runCli, tempDir } from '../authoring-new/helpers.js';

describe('dateFormOf and overviewDate', () => {
  it.each([
    [['6.8.25', '17.12.25', '-'], '2025-08-06', '6.8.25'],
    [['06.08.2025', '17.12.2025'], '2025-08-06', '06.08.2025'],
    [['2025-08-06', '2025-08-07', '1.2.25'], '2025-08-06', '2025-08-06'],
    [['-', 'TBD'], '2025-08-06', '2025-08-06'],
    [['**6.8.25**', '7.8.25'], '2025-12-31', '31.12.25'],
  ])('%j writes %s as %s', (cells, iso, shown) => {
    expect(overviewDate(iso, dateFormOf(cells))).toBe(shown);
  });

  it('a missing date is -', () => {
    expect(overviewDate(null, ISO_DATES)).toBe('-');
  });
});

describe('adr new adds its row dated the way the table dates its rows', () => {
  let root: string;
  beforeEach(() => {
    root = tempDir('adr-dates-');
    mkdirSync(join(root, 'decisions'));
    writeFileSync(join(root, '.adr.json'), JSON.stringify({ dir: 'decisions' }));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const table = (date: string) =>
    ['# Decisions', '', '## Decision Overview', '', '| Category | Topic | Decision | Date | Priority | Status | Tasks |', '|---|---|---|---|---|---|---|', `| - | [Old](decisions/2025-06-01-old.md) | - | ${date} | - | ❓ | **—** |`, ''].join('\n');
  const old = '# Old\n\n## Decision Summary\n\n**Status**: ❓ **Under Discussion**\\\n**Date**: 2025-06-01\n';

  it.each([
    ['1.6.25', '15.1.26'],
    ['01.06.2025', '15.01.2026'],
    ['2025-06-01', '2026-01-15'],
  ])('a hand-kept table writing %s gets %s', async (written, expected) => {
    writeFileSync(join(root, 'DECISIONS.md'), table(written));
    writeFileSync(join(root, 'decisions', '2025-06-01-old.md'), old);
    const r = await runCli(['new', 'Use Redis'], root);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(root, 'DECISIONS.md'), 'utf8')).toContain(`| [Use Redis](decisions/2026-01-15-use-redis.md) | - | ${expected} |`);
  });

  it('a generated overview writes ISO dates', async () => {
    writeFileSync(join(root, 'decisions', '2025-06-01-old.md'), old);
    expect((await runCli(['overview'], root)).code).toBe(0);
    expect(readFileSync(join(root, 'DECISIONS.md'), 'utf8')).toContain('| - | [Old](decisions/2025-06-01-old.md) | - | 2025-06-01 | - | ❓ | **—** |');
  });
});
