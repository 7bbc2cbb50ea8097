/**
 * Patterns met in real logs (each seen in public repositories; the verbatim ones are pinned in
 * real-wild.test.ts), here in small logs written for the purpose: what the reader makes of them and
 * what `adr check` says, so that a held-out log with the same pattern reads the same way.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/parse/index.js';
import { readLog } from '../../src/store/read-log.js';
import { lintExample } from '../rules/memory-log.js';
import { nygardRecord } from '../../src/lint/examples.js';

const nygard = (n: number, title: string, status: string[], date = '2018-08-30') => nygardRecord(n, title, status, date);
const findings = (files: Record<string, string>) =>
  lintExample({ files }).diagnostics.map((d) => `${d.file}:${d.line} ${d.severity} ${d.rule}`);

describe('dates as written', () => {
  it('a note after the date is read past: `2018-08-30; updated 2019-04-09` is 2018-08-30, no date-invalid', () => {
    const files = { '0001-x.md': nygard(1, 'Use X', ['Accepted'], '2018-08-30; updated 2019-04-09') };
    const { log } = lintExample({ files });
    expect(log.decisions[0].date).toBe('2018-08-30');
    expect(log.decisions[0].dateText).toBe('2018-08-30; updated 2019-04-09');
    expect(findings(files)).toEqual([]);
  });

  it('a month-only date stays null and says so as info', () => {
    const files = { '0001-x.md': nygard(1, 'Use X', ['Accepted'], '2018-11') };
    expect(lintExample({ files }).log.decisions[0].date).toBeNull();
    expect(findings(files)).toEqual(['0001-x.md:3 info date-coarse']);
  });

  it('a bold label with a month (`**Date:** 2026-02`) does the same', () => {
    const files = { 'ADR-0030-x.md': '# ADR-0030: Weekly prep\n\n**Date:** 2026-02\n**Status:** Proposed\n\n## Context\n\nx\n' };
    const { log } = lintExample({ files });
    expect(log.decisions[0].date).toBeNull();
    expect(log.decisions[0].status).toBe('proposed');
    expect(findings(files)).toEqual(['ADR-0030-x.md:3 info date-coarse']);
  });

  it('front-matter dates are the dates written, in every key, not what YAML rolls them over into', () => {
    for (const [key, value, date] of [
      ['date', '2026-02-30', null],
      ['date', '2026-13-45', null],
      ['date', "'2025-02-28'", '2025-02-28'],
      ['decision-date', '2026-02-29', null],
      ['created', '2024-02-29 # leap day', '2024-02-29'],
      // Timestamps: the date written, never shifted to UTC; an impossible time is no date.
      ['date', '1999-12-31T23:59:59+05:00', '1999-12-31'],
      ['date', '2026-01-05t10:00:00z', '2026-01-05'],
      ['date', '2026-01-05T25:00:00Z', null],
      ['date', '2026-01-05 10:61', null],
      ['date', '2026-01-05T10:00:00+25:00', null],
      ['date', '"2026-01-05Tnoon"', null],
      ['date', '2026-02-29T00:00:00Z', null],
      ['date', '"2025-06-31"', null],
    ] as const) {
      const text = `---\nstatus: accepted\n${key}: ${value}\n---\n\n# Use X\n\n## Context and Problem Statement\n\nWhy.\n`;
      const d = parseRecord('0001-x.md', text).decision!;
      expect(d.date, `${key}: ${value}`).toBe(date);
      const found = findings({ '0001-x.md': text });
      expect(found, `${key}: ${value}`).toEqual(date === null ? ['0001-x.md:3 error date-invalid'] : []);
    }
  });
});

describe('front matter as docs sites accept it', () => {
  it('`tag:Web Client` (no blank after the colon) is a tag, and no heading', () => {
    const d = parseRecord('0005-unit-tests.md', `---\ntag:Web Client\n---\n\n${nygard(5, 'Unit Tests', ['Accepted'])}`).decision!;
    expect(d.tags).toEqual(['Web Client']);
    expect(d.headings.map((h) => h.text)).toEqual(['5. Unit Tests', 'Status', 'Context', 'Decision', 'Consequences']);
    expect(d.title).toBe('Unit Tests');
  });
});

describe('metadata in a code block under the title', () => {
  it('is the header when every line is a label and one names a status or date', () => {
    const d = parseRecord('005-actors.md', '# ADR 005 - Actors\n\n```\nAuthor: @ana\nDate: 29/12/2021\nStatus: Active\n```\n\n## Context\n\nx\n').decision!;
    expect([d.title, d.status, d.date, d.deciders]).toEqual(['Actors', 'accepted', '2021-12-29', ['@ana']]);
  });

  it('is code otherwise: a shell session, a language, a block further down', () => {
    for (const text of [
      '# Use X\n\n```\nnpm install x\nStatus: 200\n```\n',
      '# Use X\n\n```yaml\nstatus: accepted\nreplicas: 3\n```\n',
      '# Use X\n\n## Context\n\n```\nStatus: Accepted\nDate: 2021-12-29\n```\n',
    ]) {
      const d = parseRecord('0001-x.md', text).decision!;
      expect([d.status, d.date], text).toEqual([null, null]);
    }
  });
});

describe('misspelt statuses', () => {
  it('`Depreciated.` is deprecated, with a status-spelling warning that carries a fix', () => {
    const files = { '0001-x.md': nygard(1, 'Use X', ['Depreciated.']) };
    const result = lintExample({ files });
    expect(result.log.decisions[0].status).toBe('deprecated');
    const [d] = result.diagnostics;
    expect(`${d.file}:${d.line} ${d.severity} ${d.rule}`).toBe('0001-x.md:7 warning status-spelling');
    expect(d.fix?.edits).toEqual([{ file: '0001-x.md', start: files['0001-x.md'].indexOf('Depreciated'), end: files['0001-x.md'].indexOf('Depreciated') + 11, text: 'Deprecated' }]);
  });

  it('`Superceded` and `Supercedes` are accepted without a finding', () => {
    const files = {
      '0001-x.md': nygard(1, 'Use X', ['Superceded by [2. Use Y](0002-y.md)']),
      '0002-y.md': nygard(2, 'Use Y', ['Accepted', 'Supercedes [1. Use X](0001-x.md)']),
    };
    expect(lintExample({ files }).log.decisions.map((d) => d.status)).toEqual(['superseded', 'accepted']);
    expect(findings(files)).toEqual([]);
  });

  it('real words next to a status word are not read as one', () => {
    for (const word of ['Passed', 'Adapted', 'Referred', 'Considered']) {
      expect(parseRecord('0001-x.md', nygard(1, 'Use X', [word])).decision!.status, word).toBeNull();
    }
  });
});

describe('status lists', () => {
  it('`Accepted` then `* Superseded by [ADR 8](…)` is superseded; `* Amended by [..]` is a link there', () => {
    const files = {
      '0002-x.md': nygard(2, 'Use X', ['Accepted', '* Superseded by [ADR 8](0008-z.md)\n* Amended by [ADR 5](0005-y.md)']),
      '0005-y.md': nygard(5, 'Amend X', ['Accepted', '* Amends [ADR 2](0002-x.md)']),
      '0008-z.md': nygard(8, 'Use Z', ['Accepted', '* Supersedes [ADR 2](0002-x.md)']),
    };
    const { log } = lintExample({ files });
    const x = log.decisions.find((d) => d.file === '0002-x.md')!;
    expect(x.status).toBe('superseded');
    expect(x.links.map((l) => `${l.kind} ${l.target}`)).toEqual(['superseded-by 0008-z.md', 'amended-by 0005-y.md']);
    expect(findings(files)).toEqual([]);
  });
});

describe('generated lists of the records', () => {
  it('a toc.md of links to the records is no record: not listed, no back-links, no findings', async () => {
    const root = mkdtempSync(join(tmpdir(), 'adr-wild-toc-'));
    const dir = join(root, 'doc', 'adr');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '0001-x.md'), nygard(1, 'Use X', ['Accepted']));
    writeFileSync(join(dir, '0002-y.md'), nygard(2, 'Use Y', ['Accepted']));
    writeFileSync(join(dir, 'toc.md'), '# List of ADRs \n\n\n* [ADR 1](0001-x.md) : Use X\n\n* [ADR 2](0002-y.md) : Use Y\n\n\nCreated: 24 Oct 2024');
    writeFileSync(join(dir, 'decision-log.md'), '# Decision log\n\n| # | Decision | Status |\n|---|---|---|\n| 1 | [Use X](0001-x.md) | Accepted |\n| 2 | [Use Y](0002-y.md) | Accepted |\n');
    const log = await readLog({ cwd: root, dir, cache: false });
    expect(log.decisions.map((d) => d.file)).toEqual(['0001-x.md', '0002-y.md']);
    expect(log.decisions.flatMap((d) => d.backlinks)).toEqual([]);
    expect([...log.skipped].sort()).toEqual(['decision-log.md', 'toc.md']);
  });

  it('a record that links a lot is still a record', () => {
    const text = nygard(3, 'Group the API decisions', ['Accepted', 'Amends [1. A](0001-a.md)\n\nAmends [2. B](0002-b.md)']);
    expect(parseRecord('0003-group.md', text).decision).not.toBeNull();
    const list = '# Related\n\n* [A](0001-a.md)\n* [B](0002-b.md)\n';
    expect(parseRecord('0004-related.md', list).decision, 'a numbered file is a record').not.toBeNull();
  });
});

describe('titles and numbers', () => {
  it('`# 20. Move …` in 0021 loses its number and says so as info; a bare number that is not the file\'s stays', () => {
    const files = { '0021-move.md': nygard(20, 'Move the queue', ['Accepted']), '0007-reasons.md': nygard(7, 'x', ['Accepted']).replace('# 7. x', '# 3 Reasons we chose X') };
    const { log } = lintExample({ files });
    expect(log.decisions.map((d) => d.title)).toEqual(['3 Reasons we chose X', 'Move the queue']);
    expect(findings(files)).toEqual(['0021-move.md:1 info title-number']);
  });
});

describe('links that are broken where the markdown is rendered', () => {
  it('a link to a renumbered file suggests the same slug under its new number first', () => {
    const files = {
      '0034-add-retry-queue-old.md': nygard(34, 'Something else', ['Accepted']),
      '0045-add-retry-queue.md': nygard(45, 'Add retry queue', ['Accepted']),
      '0046-y.md': nygard(46, 'Use Y', ['Accepted', 'Amends [34. Add retry queue](0034-add-retry-queue.md)']),
    };
    const d = lintExample({ files }).diagnostics.find((x) => x.rule === 'link-missing-file')!;
    expect(d.message).toContain('did you mean `0045-add-retry-queue.md`');
  });

  it('a link written from the repository root names its record (relations hold), says so and suggests the relative path', () => {
    const files = {
      '0001-x.md': nygard(1, 'Use X', ['Superseded by [2. Use Y](decisions/0002-y.md)']),
      '0002-y.md': nygard(2, 'Use Y', ['Accepted', 'Supersedes [1. Use X](0001-x.md)']),
    };
    const result = lintExample({ files });
    expect(result.log.decisions[0].links.map((l) => [l.kind, l.target, l.fromRoot])).toEqual([['superseded-by', '0002-y.md', 'decisions/0002-y.md']]);
    expect(result.diagnostics.map((x) => x.rule)).toEqual(['link-missing-file']);
    const d = result.diagnostics[0];
    expect(d.message).toContain('written from the repository root');
    expect(d.message).toContain('write `0002-y.md`');
    expect(d.fix?.edits[0].text).toBe('0002-y.md');
  });
});
