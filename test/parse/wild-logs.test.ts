/**
 * Patterns of real logs read across records: links written as the records' web addresses, dates
 * whose day and month only the log's other dates can order, titles a record never wrote.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forgeFile } from '../../src/parse/common.js';
import { parseRecord } from '../../src/parse/index.js';
import { readLog } from '../../src/store/read-log.js';
import { lintExample } from '../rules/memory-log.js';

function logIn(files: Record<string, string>, remote?: string): { root: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'adr-wild-logs-'));
  const dir = join(root, 'docs', 'adr');
  mkdirSync(dir, { recursive: true });
  if (remote !== undefined) {
    mkdirSync(join(root, '.git'));
    writeFileSync(join(root, '.git', 'config'), `[core]\n\tbare = false\n[remote "origin"]\n\turl = ${remote}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`);
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { root, dir };
}

const record = (n: number, title: string, status: string, extra = '') =>
  `# ${n}. ${title}\n\nDate: 2020-01-${String(n).padStart(2, '0')}\n\n## Status\n\n${status}\n\n## Context\n\n${extra}\n`;

describe('links written as the web address of a record of the log', () => {
  it('reads where a forge address points', () => {
    expect(forgeFile('https://github.com/Acme/App/blob/main/docs/adr/0003-x.md#why')).toEqual({ repository: 'acme/app', rest: 'main/docs/adr/0003-x.md' });
    expect(forgeFile('https://gitlab.com/group/sub/app/-/blob/master/doc/adr/0001-x.md')).toEqual({ repository: 'group/sub/app', rest: 'master/doc/adr/0001-x.md' });
    expect(forgeFile('https://raw.githubusercontent.com/o/r/main/adr/0002-y.md')).toEqual({ repository: 'o/r', rest: 'main/adr/0002-y.md' });
    expect(forgeFile('https://codeberg.org/o/r/src/branch/main/adr/0002-y.md')).toEqual({ repository: 'o/r', rest: 'main/adr/0002-y.md' });
    expect(forgeFile('https://github.com/o/r/blob/main/docs/adr/diagram.png')).toBeNull();
    expect(forgeFile('https://cognitect.com/blog/2011/11/15/documenting-architecture-decisions.md')).toBeNull();
  });

  it('links the record in the log\'s own repository, with the ref holding slashes, and gives the back-link', async () => {
    const { root, dir } = logIn(
      {
        '0001-use-x.md': record(1, 'Use X', 'Superseded by [ADR 2](https://github.com/acme/app/blob/feature/new-db/docs/adr/0002-use-y.md)'),
        '0002-use-y.md': record(2, 'Use Y', 'Accepted\n\nSupersedes [ADR 1](https://github.com/ACME/app/blob/main/docs/adr/0001-use-x.md)'),
      },
      'git@github.com:acme/app.git',
    );
    const log = await readLog({ cwd: root, dir, cache: false });
    const one = log.decisions.find((d) => d.number === 1)!;
    expect(one.status).toBe('superseded');
    expect(one.links.map((l) => [l.kind, l.target, l.url])).toEqual([['superseded-by', '0002-use-y.md', 'https://github.com/acme/app/blob/feature/new-db/docs/adr/0002-use-y.md']]);
    expect(one.backlinks.map((b) => [b.kind, b.file])).toEqual([['supersedes', '0002-use-y.md']]);
  });

  it('leaves an address in another repository, or another folder of its own, as an external link', async () => {
    const { root, dir } = logIn(
      {
        '0001-record-architecture-decisions.md': record(1, 'Record architecture decisions', 'Accepted', 'As [adr-tools did](https://github.com/npryce/adr-tools/blob/master/doc/adr/0001-record-architecture-decisions.md).'),
        '0002-use-y.md': record(2, 'Use Y', 'Accepted', 'See [the old one](https://github.com/acme/app/blob/main/old/adr/0001-record-architecture-decisions.md).'),
      },
      'https://github.com/acme/app.git',
    );
    const log = await readLog({ cwd: root, dir, cache: false });
    expect(log.decisions.flatMap((d) => d.links)).toEqual([]);
  });

  it('matches by file name where the log sits elsewhere than its address says and no remote is known', async () => {
    const { root, dir } = logIn({
      '0001-use-x.md': record(1, 'Use X', 'Accepted'),
      '0002-use-y.md': record(2, 'Use Y', 'Accepted', 'Builds on [ADR 1](https://github.com/acme/app/blob/main/architecture/decisions/0001-use-x.md) and [ADR 9](https://github.com/acme/app/blob/main/docs/adr/0009-gone.md).'),
    });
    const log = await readLog({ cwd: root, dir, cache: false });
    const two = log.decisions.find((d) => d.number === 2)!;
    expect(two.links.map((l) => l.target)).toEqual(['0001-use-x.md']);
    // An address naming no record is someone else's page: no link-missing-file.
    expect(log.decisions.find((d) => d.number === 1)!.backlinks.map((b) => b.file)).toEqual(['0002-use-y.md']);
  });
});

describe('dates whose day and month only the log can order', () => {
  it('reads an ambiguous date day first without evidence, and says so as information', () => {
    const r = lintExample({ files: { '0001-a.md': record(1, 'A', 'Accepted').replace('2020-01-01', '09/02/2021') } });
    expect(r.log.decisions[0].date).toBe('2021-02-09');
    expect(r.diagnostics.filter((d) => d.rule === 'date-order').map((d) => d.severity)).toEqual(['info']);
    expect(r.diagnostics.filter((d) => d.rule === 'date-invalid')).toEqual([]);
  });

  it('reads it month first in a log whose other dates are month first', async () => {
    const { root, dir } = logIn({
      '0001-a.md': record(1, 'A', 'Accepted').replace('2020-01-01', '02/21/2021'),
      '0002-b.md': record(2, 'B', 'Accepted').replace('2020-01-02', '09/02/2021'),
    });
    const log = await readLog({ cwd: root, dir, cache: false });
    expect(log.decisions.map((d) => d.date)).toEqual(['2021-02-21', '2021-09-02']);
  });

  it('reads an impossible date with day and month swapped as no date, and offers the swap as the fix', () => {
    const r = lintExample({ files: { '0001-a.md': record(1, 'A', 'Accepted').replace('2020-01-01', '2023-13-10') } });
    expect(r.log.decisions[0].date).toBeNull();
    expect(r.diagnostics.filter((d) => d.rule === 'date-order')).toEqual([]);
    expect(r.diagnostics.filter((d) => d.rule === 'date-invalid').map((d) => [d.severity, d.message])).toEqual([
      ['error', 'Invalid date `2023-13-10`: its month cannot be more than 12; if it is written year, day, month, write 2023-10-13'],
    ]);
    // The same in front matter, which YAML would otherwise roll over into the next year.
    const fm = lintExample({ files: { '0001-x.md': '---\nstatus: accepted\ndate: 2026-13-05\n---\n\n# Use X\n\n## Context and Problem Statement\n\nWhy.\n' } });
    expect(fm.log.decisions[0].date).toBeNull();
    expect(fm.diagnostics.filter((d) => d.rule === 'date-invalid').map((d) => [d.line, d.message])).toEqual([
      [3, 'Invalid date `2026-13-05`: its month cannot be more than 12; if it is written year, day, month, write 2026-05-13'],
    ]);
  });

  it('offers no swap where swapping makes no date either', () => {
    const r = lintExample({ files: { '0001-a.md': record(1, 'A', 'Accepted').replace('2020-01-01', '2026-13-45') } });
    expect(r.log.decisions[0].date).toBeNull();
    expect(r.diagnostics.filter((d) => d.rule === 'date-invalid').map((d) => d.message)).toEqual([
      'Invalid date `2026-13-45`, expected a real calendar date such as 2025-08-06 (or TBD while undecided)',
    ]);
  });
});

describe('titles', () => {
  it('names a record without a title by its file name, and a first section heading is no title', () => {
    expect(parseRecord('0042-gracefully-handle-4xx-errors.md', '## Context\n\nWe get 4xx.\n').decision!.title).toBe('Gracefully handle 4xx errors');
    expect(parseRecord('ADR-0081.md', 'Just text.\n').decision!.title).toBe('ADR-0081');
    expect(parseRecord('0003-x.md', '## Use Postgres\n\nStatus: Accepted\n').decision!.title).toBe('Use Postgres');
  });

  it('drops the record kind written before the number or alone', () => {
    expect(parseRecord('0014-x.md', '# Architecture Decision Record 14: Use S3\n').decision!.title).toBe('Use S3');
    expect(parseRecord('aws-region.md', '# Architecture Decision Record: AWS Region Use\n').decision!.title).toBe('AWS Region Use');
  });
});

describe('metadata written as a table', () => {
  it('reads a ## Metadata table and a table row\'s label as the link\'s relation', () => {
    const text = [
      '# Use Y',
      '',
      '## Metadata',
      '',
      '| Field | Value |',
      '|---|---|',
      '| **Status** | Accepted |',
      '| **Date** | 2024-03-05 |',
      '| **Supersedes** | [ADR-1](0001-use-x.md) |',
      '',
      '## Context',
      '',
      'Text.',
      '',
    ].join('\n');
    const d = parseRecord('0002-use-y.md', text).decision!;
    expect([d.status, d.date]).toEqual(['accepted', '2024-03-05']);
    expect(d.links.map((l) => [l.kind, l.target])).toEqual([['supersedes', '0001-use-x.md']]);
  });
});

describe('statuses and relations as real logs write them', () => {
  it('reads no status from a site generator\'s expression in the Status section', () => {
    const text = ['---', 'title: "A common language"', 'number: 1', 'status: "Pending"', '---', '', '## Context', '', 'Text.', '', '## Status', '', '{{< meta status >}}', ''].join('\n');
    const r = lintExample({ files: { '001-common-language.md': text } });
    expect(r.log.decisions[0].status).toBe('proposed');
    expect(r.diagnostics.filter((d) => d.rule === 'status-unknown')).toEqual([]);
  });

  it('reads the status written after a template expression in the Status section', () => {
    const d = parseRecord('0005-y.md', ['# 5. Y', '', '## Status', '', '{{ page.status }}', '', 'Accepted', ''].join('\n')).decision!;
    expect(d.status).toBe('accepted');
  });

  it('reads a part superseded as an amendment, answered by any link back', () => {
    const r = lintExample({
      files: {
        '0009-portfolio.md': record(9, 'Portfolio', 'Accepted (image update mechanism superseded by [ADR-0011](0011-image-updater.md))'),
        '0011-image-updater.md': record(11, 'Image updater', 'Accepted', 'Replaces the image updates of [ADR-0009](0009-portfolio.md).'),
        '0012-split.md': record(12, 'Split', 'Accepted', 'This decision has been superseded by [ADR-0013](0013-whole.md).'),
        '0013-whole.md': record(13, 'Whole', 'Accepted'),
      },
    });
    const nine = r.log.decisions.find((d) => d.number === 9)!;
    expect([nine.status, nine.links.map((l) => l.kind)]).toEqual(['accepted', ['amended-by']]);
    expect(r.log.decisions.find((d) => d.number === 12)!.links.map((l) => l.kind)).toEqual(['superseded-by']);
    expect(r.diagnostics.filter((d) => d.file === '0009-portfolio.md' || d.file === '0011-image-updater.md').map((d) => d.rule)).toEqual([]);
  });

  it('drops a footnote marker from the status and reads the supersession in the footnote', () => {
    const text = ['# ADR 2022-12-05: Adding labels', '', '**Date**: 2022-12-05', '', '**Status**: Superceded [^1]', '', '## Context', '', 'Text.', '', '[^1]: Superseded by [ADR 2023-04-14](2023-04-14-adding-labels.md)', ''].join('\n');
    const d = parseRecord('2022-12-05-adding-labels.md', text).decision!;
    expect([d.title, d.status, d.statusText]).toEqual(['Adding labels', 'superseded', 'Superceded']);
    expect(d.links.map((l) => [l.kind, l.target])).toEqual([['superseded-by', '2023-04-14-adding-labels.md']]);
  });

  it('suggests the sibling of the same slug, never the linking record, and leaves the broken back-link to link-missing-file', () => {
    const older = ['# Adding labels', '', '**Date**: 2022-12-05', '', '**Status**: Superseded by [ADR 2023-04-14](2023-04-14-adding-labels.md)', ''].join('\n');
    const newer = ['# Adding labels', '', '**Date**: 2023-04-14', '', '**Status**: Accepted', '', 'Supersedes [ADR 2022-12-05](2022-12-05-adding-labels.md)', ''].join('\n');
    const r = lintExample({ files: { '2022-12-05-adding-labels.md': older, '2023-03-14-adding-labels.md': newer } });
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['link-missing-file']);
    expect(r.diagnostics[0].message).toContain('did you mean `2023-03-14-adding-labels.md`?');
  });
});

describe('files of the log folder', () => {
  it('says so when a file is named like a record but has no .md extension', async () => {
    const { root, dir } = logIn({ '0015-remove-postgres.md': record(15, 'Remove Postgres', 'Accepted'), '0016-handle-concurrent-git-operations': record(16, 'Handle concurrent git operations', 'Accepted'), '0008-hexagonal-architecture.jpg': '' });
    const log = await readLog({ cwd: root, dir, cache: false });
    expect(log.decisions.map((d) => d.file)).toEqual(['0015-remove-postgres.md']);
    expect(log.diagnostics.map((d) => [d.file, d.severity])).toEqual([['0016-handle-concurrent-git-operations', 'warning']]);
  });
});
