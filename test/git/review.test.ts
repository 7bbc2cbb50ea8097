/**
 * Review dates: read from where each dialect writes them, written by `adr new --review-in`, checked
 * by review-overdue (info) and review-due-soon, listed by `adr todo`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/parse/index.js';
import { addDuration } from '../../src/model/today.js';
import { reviewState } from '../../src/model/review.js';
import { runCli, tempDir, writeFiles } from '../authoring-new/helpers.js';

describe('reading a review date', () => {
  const cases: Array<[string, string, string, string | null, string | null]> = [
    ['front matter review-by (MADR 3/4)', '0001-x.md', '---\nstatus: accepted\ndate: 2025-01-01\nreview-by: 2026-06-30\n---\n\n# X\n', '2026-06-30', '2026-06-30'],
    ['front matter reviewBy, any case', '0001-x.md', '---\nstatus: accepted\nreviewBy: 2026-06-30\n---\n\n# X\n', '2026-06-30', '2026-06-30'],
    ['a summary label line', '2025-01-01-x.md', '# X\n\n## Decision Summary\n\n**Status**: ✅ Accepted\\\n**Date**: 2025-01-01\\\n**Review by**: 2026-06-30\n', '2026-06-30', '2026-06-30'],
    ['a Next Review label', '2025-01-01-x.md', '# X\n\n**Status**: ✅ Accepted\\\n**Next Review**: 30.6.2026\n', '2026-06-30', '30.6.2026'],
    ['the summary footer', '2025-01-01-x.md', '# X\n\n**Status**: ✅ Accepted\n\n---\n\n_Decision Status: ✅ Accepted | Next Review: 2026-06-30_\n', '2026-06-30', '2026-06-30'],
    ['a footer that names no date', '2025-01-01-x.md', '# X\n\n**Status**: **✗** ABORTED\n\n---\n\n_Decision Status: **✗** ABORTED | Next Review: Not applicable_\n', null, 'Not applicable'],
    ['under a Nygard status', '0001-x.md', '# 1. X\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n\nReview by: 2026-06-30\n\n## Context\n\nWhy.\n', '2026-06-30', '2026-06-30'],
    ['a MADR 2 bullet', '0001-x.md', '# X\n\n- Status: accepted\n- Date: 2025-01-01\n- Review by: 2026-06-30\n\n## Context and Problem Statement\n\nWhy.\n', '2026-06-30', '2026-06-30'],
    ['none', '0001-x.md', '# 1. X\n\n## Status\n\nAccepted\n', null, null],
  ];
  it.each(cases)('%s', (_what, file, text, date, written) => {
    const d = parseRecord(file, text).decision!;
    expect(d.reviewBy).toBe(date);
    expect(d.reviewByText).toBe(written);
    // The status is read as before: the review line is not a status.
    expect(d.status).not.toBeNull();
  });

  it('a review line does not change what a Nygard status section says', () => {
    const d = parseRecord('0002-x.md', '# 2. X\n\n## Status\n\nSuperseded by [3. Y](0003-y.md)\n\nReview by: 2026-06-30\n').decision!;
    expect(d.status).toBe('superseded');
    expect(d.links.map((l) => `${l.kind} ${l.target}`)).toEqual(['superseded-by 0003-y.md']);
  });
});

describe('review state and durations', () => {
  it('counts days from today; settled records are never due', () => {
    expect(reviewState({ reviewBy: '2026-01-10', status: 'accepted' }, '2026-01-15')).toEqual({ state: 'overdue', date: '2026-01-10', days: -5 });
    expect(reviewState({ reviewBy: '2026-01-15', status: 'proposed' }, '2026-01-15')).toEqual({ state: 'due-soon', date: '2026-01-15', days: 0 });
    expect(reviewState({ reviewBy: '2026-02-14', status: 'accepted' }, '2026-01-15')?.state).toBe('due-soon');
    expect(reviewState({ reviewBy: '2026-02-15', status: 'accepted' }, '2026-01-15')?.state).toBe('scheduled');
    expect(reviewState({ reviewBy: '2025-01-01', status: 'superseded' }, '2026-01-15')).toBeNull();
    expect(reviewState({ reviewBy: null, status: 'accepted' }, '2026-01-15')).toBeNull();
  });

  it('adds months, weeks, days and years the way a calendar does', () => {
    expect(addDuration('2026-01-15', '6m')).toBe('2026-07-15');
    expect(addDuration('2026-01-31', '1m')).toBe('2026-02-28');
    expect(addDuration('2024-02-29', '1y')).toBe('2025-02-28');
    expect(addDuration('2026-12-20', '2w')).toBe('2027-01-03');
    expect(addDuration('2026-01-15', '90d')).toBe('2026-04-15');
    expect(addDuration('2026-01-15', '18 months')).toBe('2027-07-15');
    expect(addDuration('2026-01-15', 'soon')).toBeNull();
    expect(addDuration('2026-01-15', '-3m')).toBeNull();
  });
});

describe('adr new --review-in, adr check, adr todo', () => {
  it('writes the review date where each dialect reads it, and reads it back', async () => {
    for (const dialect of ['summary', 'nygard', 'madr2', 'madr3', 'madr4']) {
      const root = tempDir('adr-review-');
      writeFiles(root, { 'decisions/.keep': '' });
      const r = await runCli(['new', '--dialect', dialect, '--review-in', '6m', 'Use Kafka'], root);
      expect(r.code, r.stderr).toBe(0);
      const file = r.stdout.trim();
      const text = readFileSync(join(root, file), 'utf8');
      const d = parseRecord(file.split('/').pop()!, text).decision!;
      expect(d.reviewBy, `${dialect}\n${text}`).toBe('2026-07-15');
      expect(d.status).toBe('proposed');
    }
  });

  it('refuses a span it cannot read, and says when a template has no place for the date', async () => {
    const root = tempDir('adr-review-');
    writeFiles(root, { 'decisions/.keep': '', 'tpl.md': '# {{title}}\n\nStatus: {{status}}\n' });
    const bad = await runCli(['new', '--review-in', 'someday', 'X'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--review-in wants a time from today such as 6m, 2w, 90d or 1y, got 'someday'");
    const r = await runCli(['new', '--template', 'tpl.md', '--review-in', '1y', 'Y'], root);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('the template has no {{reviewBy}} placeholder; the review date 2027-01-15 was not written');
  });

  it('check reports overdue reviews as info and never fails the build for them; todo lists what is due', async () => {
    const root = tempDir('adr-review-');
    const nygard = (n: number, title: string, status: string, review: string) => `# ${n}. ${title}\n\nDate: 2025-01-01\n\n## Status\n\n${status}\n\nReview by: ${review}\n\n## Context\n\nWhy.\n`;
    writeFiles(root, {
      'doc/adr/0001-old.md': nygard(1, 'Old', 'Accepted', '2025-12-01'),
      'doc/adr/0002-soon.md': nygard(2, 'Soon', 'Accepted', '2026-01-20'),
      'doc/adr/0003-later.md': nygard(3, 'Later', 'Accepted', '2026-09-01'),
      'doc/adr/0004-gone.md': nygard(4, 'Gone', 'Deprecated', '2025-01-01'),
    });
    const check = await runCli(['check', '--max-warnings', '0', '--format', 'json'], root);
    expect(check.code).toBe(0);
    const found = JSON.parse(check.stdout) as Array<{ file: string; rule: string; severity: string; message: string }>;
    const reviews = found.filter((f) => f.rule.startsWith('review-')).map((f) => `${f.file.split('/').pop()} ${f.rule} ${f.severity}: ${f.message}`);
    expect(reviews).toEqual([
      '0001-old.md review-overdue info: Review was due on 2025-12-01 (45 days ago): review the decision and set a new review date, or supersede or deprecate it',
      '0002-soon.md review-due-soon info: Review is due on 2026-01-20, in 5 days',
    ]);
    writeFiles(root, { '.adr.json': JSON.stringify({ dir: 'doc/adr', rules: { 'review-overdue': 'error' } }) });
    expect((await runCli(['check'], root)).code).toBe(1);

    const todo = await runCli(['todo'], root);
    expect(todo.stdout).toBe(
      '📅 Reviews due\n' +
        '  - [ ] Review the decision (due 2025-12-01, 45 days overdue)  Old (doc/adr/0001-old.md:9)\n' +
        '  - [ ] Review the decision (due 2026-01-20, in 5 days)  Soon (doc/adr/0002-soon.md:9)\n\n' +
        '2 reviews due; no open action items\n',
    );
    const json = JSON.parse((await runCli(['todo', '--json'], root)).stdout);
    expect(json.map((i: { file: string; review: unknown }) => [i.file, i.review])).toEqual([
      ['0001-old.md', { date: '2025-12-01', days: -45, overdue: true }],
      ['0002-soon.md', { date: '2026-01-20', days: 5, overdue: false }],
    ]);
    const list = JSON.parse((await runCli(['list', '--json'], root)).stdout);
    expect(list.map((d: { reviewBy: string }) => d.reviewBy)).toEqual(['2025-12-01', '2026-01-20', '2026-09-01', '2025-01-01']);
  });
});
