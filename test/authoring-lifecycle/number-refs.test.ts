/**
 * Successors named by number only (`status: superseded by ADR-0002`, MADR 4's own template form;
 * `Superseded by ADR-7` in Nygard and label-line logs): read as links once the log is known, kept
 * by the lifecycle commands, and never guessed when the number is unknown or taken twice.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseRecord } from '../../src/parse/index.js';
import { adr, listJson, read, tempLog } from './helpers.js';

const madr = (status: string, title: string) => `---\nstatus: ${status}\ndate: 2024-01-10\n---\n\n# ${title}\n\n## Context and Problem Statement\n\nWhy.\n`;

describe('the parser keeps a number where a successor link would be', () => {
  const refs = (text: string, file = '0001-x.md') => (parseRecord(file, text).decision?.numberRefs ?? []).map((r) => [r.kind, r.number, r.text, r.line]);

  it('reads the MADR 4 template form, Nygard paragraphs, label lines and status headings', () => {
    expect(refs(madr('superseded by ADR-0002', 'X'))).toEqual([['superseded-by', 2, 'ADR-0002', 2]]);
    expect(refs('# 1. X\n\nDate: 2024-01-01\n\n## Status\n\nSuperseded by ADR 7\n')).toEqual([['superseded-by', 7, 'ADR 7', 7]]);
    expect(refs('# X\n\nStatus: Superseded by ADR-0006\n')).toEqual([['superseded-by', 6, 'ADR-0006', 3]]);
    expect(refs('# X\n\n## Status: Superseded by ADR-500\n\nText.\n')).toEqual([['superseded-by', 500, 'ADR-500', 3]]);
    expect(refs('# X\n\n- **Status:** Superseded by #12.\n')).toEqual([['superseded-by', 12, '#12', 3]]);
  });

  it('reads relation lines that name a record by number, the successor\'s half', () => {
    expect(refs('# 20. X\n\n## Status\n\nAccepted\n\nSupersedes ADR-0006\n')).toEqual([['supersedes', 6, 'ADR-0006', 7]]);
    expect(refs('# X\n\n- Status: accepted\n- **Amends:** ADR-12\n- Amended by #13\n')).toEqual([['amends', 12, 'ADR-12', 4], ['amended-by', 13, '#13', 5]]);
    // Prose and bare numbers are not references; a line with a real link is read as a link.
    expect(refs('# X\n\nStatus: accepted\n\nSupersedes 3 older options.\n\nSupersedes [ADR-4](0004-y.md)\n\n```\nSupersedes ADR-5\n```\n')).toEqual([]);
  });

  it('the position covers the number as written', () => {
    const text = madr('superseded by ADR-0002', 'X');
    const ref = parseRecord('0001-x.md', text).decision!.numberRefs![0];
    expect(text.slice(ref.span.start.offset, ref.span.end.offset)).toBe('ADR-0002');
  });

  it('reads no number from a real link, a file name, a date or a status that is not superseded', () => {
    expect(refs(madr('"superseded by [ADR-0002](0002-y.md)"', 'X'))).toEqual([]);
    expect(refs('# X\n\nStatus: Superseded by 2025-08-06-other.md\n')).toEqual([]);
    expect(refs('# X\n\nStatus: Accepted, superseded by ADR-3 for the API part\n')).toEqual([]);
    expect(refs(madr('deprecated', 'X'))).toEqual([]);
    expect(refs('# X\n\nStatus: Superseded by the platform team\n')).toEqual([]);
  });
});

describe('the log reader turns the number into a link to the one record that has it', () => {
  it('links, back-links, and adr check sees the missing other half', async () => {
    const log = tempLog({ '0001-use-markdown.md': madr('superseded by ADR-0002', 'Use Markdown'), '0002-use-asciidoc.md': madr('accepted', 'Use AsciiDoc') });
    try {
      const records = await listJson(log.root);
      const first = records.find((r) => r.file === '0001-use-markdown.md');
      const second = records.find((r) => r.file === '0002-use-asciidoc.md');
      expect(first.links.map((l: any) => [l.kind, l.target, l.text])).toEqual([['superseded-by', '0002-use-asciidoc.md', 'ADR-0002']]);
      expect(second.backlinks.map((b: any) => [b.kind, b.file])).toEqual([['superseded-by', '0001-use-markdown.md']]);
      const check = await adr(log.root, ['check', '--format', 'json']);
      expect(check.stdout).toContain('relation-reciprocal');
    } finally {
      log.cleanup();
    }
  });

  it('an unknown or doubled number stays unresolved', async () => {
    const log = tempLog({
      '0001-a.md': madr('superseded by ADR-0009', 'A'),
      '0002-b.md': madr('superseded by ADR-0003', 'B'),
      '0003-c.md': madr('accepted', 'C'),
      '0003-c-too.md': madr('accepted', 'C too'),
    });
    try {
      const records = await listJson(log.root);
      expect(records.flatMap((r) => r.links)).toEqual([]);
    } finally {
      log.cleanup();
    }
  });

  it('adr supersede on a record that already names its successor by number writes only the other side', async () => {
    const log = tempLog({ '0001-use-markdown.md': madr('superseded by ADR-0002', 'Use Markdown'), '0002-use-asciidoc.md': madr('accepted', 'Use AsciiDoc') });
    try {
      const before = read(join(log.dir, '0001-use-markdown.md'));
      const r = await adr(log.root, ['supersede', '1', '2']);
      expect(r.code, r.stderr).toBe(0);
      expect(read(join(log.dir, '0001-use-markdown.md'))).toBe(before);
      expect(read(join(log.dir, '0002-use-asciidoc.md'))).toContain('- Supersedes [Use Markdown](0001-use-markdown.md)');
      expect((await adr(log.root, ['check'])).code).toBe(0);
    } finally {
      log.cleanup();
    }
  });

  it('a status change away from superseded keeps the successor as a real link', async () => {
    const log = tempLog({ '0001-use-markdown.md': madr('superseded by ADR-0002', 'Use Markdown'), '0002-use-asciidoc.md': madr('accepted', 'Use AsciiDoc') });
    try {
      const r = await adr(log.root, ['accept', '1']);
      expect(r.code, r.stderr).toBe(0);
      const after = read(join(log.dir, '0001-use-markdown.md'));
      expect(after).toContain('status: accepted\n');
      expect(after).toContain('- Superseded by [ADR-0002](0002-use-asciidoc.md)');
    } finally {
      log.cleanup();
    }
  });
});
