import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FALLBACK_SLUG, MAX_SLUG_LENGTH, slugify } from '../../src/edit/slug.js';
import { classifyName, detectNaming, fileNumber, isRecordFileName, maxNumber, NAME_PATTERNS, recordFileName, sniffDialect } from '../../src/store/naming.js';
import { localDate } from '../../src/model/today.js';

describe('slugify', () => {
  it.each([
    ['Use PostgreSQL for storage', 'use-postgresql-for-storage'],
    ['Über große Äpfel & Öl', 'uber-grosse-apfel-and-ol'],
    ['Café  crème -- déjà vu!!', 'cafe-creme-deja-vu'],
    ['  --Leading and trailing--  ', 'leading-and-trailing'],
    ['Ørsted, Łódź, Straße', 'orsted-lodz-strasse'],
    ['C++ vs. C#', 'c-plus-plus-vs-c'],
    ['2025 roadmap: Q1/Q2', '2025-roadmap-q1-q2'],
  ])('%s → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('gives a valid name for a title of only symbols or non-Latin script', () => {
    expect(slugify('???!!! 🚀🚀')).toBe(FALLBACK_SLUG);
    expect(slugify('')).toBe(FALLBACK_SLUG);
    expect(slugify('数据库选择')).toBe(FALLBACK_SLUG);
  });

  it('cannot produce a path: ../, absolute paths and NUL become dashes', () => {
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('/absolute/path')).toBe('absolute-path');
    expect(slugify('a\0b')).toBe('a-b');
    expect(slugify('..')).toBe(FALLBACK_SLUG);
  });

  it('cuts long titles at a dash boundary', () => {
    const slug = slugify('word '.repeat(100));
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug.endsWith('word')).toBe(true);
    expect(slugify('x'.repeat(500)).length).toBe(MAX_SLUG_LENGTH);
  });

  it('always gives [a-z0-9-], no leading/trailing/double dash, never empty (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (title) => {
        const slug = slugify(title);
        expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
      }),
      { numRuns: 500 },
    );
  });
});

describe('file naming', () => {
  it('detects date-prefixed, numbered and log4brains names by majority', () => {
    expect(detectNaming([])).toBeNull();
    expect(detectNaming(['2025-08-06-a.md', '2025-08-07-b.md', '0001-c.md'])).toEqual({ kind: 'date' });
    expect(detectNaming(['0001-a.md', '0002-b.md', '2025-08-06-c.md'])).toEqual({ kind: 'number', width: 4 });
    expect(detectNaming(['001-a.md', '002-b.md'])).toEqual({ kind: 'number', width: 3 });
    expect(detectNaming(['20250806-a.md', '20250807-b.md'])).toEqual({ kind: 'compact-date' });
    expect(detectNaming(['notes.md', 'other.md'])).toBeNull();
  });

  it('reads numbers only from numbered names', () => {
    expect(fileNumber('0012-x.md')).toBe(12);
    expect(fileNumber('2025-08-06-x.md')).toBeNull();
    expect(fileNumber('20250806-x.md')).toBeNull();
    expect(maxNumber(['0001-a.md', '0041-b.md', '2025-01-01-c.md', 'README.md'])).toBe(41);
  });

  it('names files in each scheme, with -2, -3 for a taken date-named slug', () => {
    const facts = { date: '2026-01-15', number: 7, slug: 'use-x' };
    expect(recordFileName({ kind: 'date' }, facts)).toBe('2026-01-15-use-x.md');
    expect(recordFileName({ kind: 'date' }, { ...facts, attempt: 1 })).toBe('2026-01-15-use-x-2.md');
    expect(recordFileName({ kind: 'compact-date' }, facts)).toBe('20260115-use-x.md');
    expect(recordFileName({ kind: 'number', width: 4 }, facts)).toBe('0007-use-x.md');
    expect(recordFileName({ kind: 'number', width: 4 }, { ...facts, number: 12345 })).toBe('12345-use-x.md');
  });

  it('does not count templates, READMEs or the overview as records', () => {
    expect(isRecordFileName('template.md')).toBe(false);
    expect(isRecordFileName('adr-template-minimal.md')).toBe(false);
    expect(isRecordFileName('README.md')).toBe(false);
    expect(isRecordFileName('DECISIONS.md')).toBe(false);
    expect(isRecordFileName('0001-x.md')).toBe(true);
  });
});

describe('dialect sniff', () => {
  it.each([
    ['# T\n\n## Decision Summary\n\n**Status**: ✅ Decided\\\n', 'summary'],
    ['# T\n\n**Decision Date**: 2025-08-06\n**Status**: Decided\n', 'summary'],
    ['# 1. T\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n', 'nygard'],
    ['# T\n\n* Status: accepted\n* Deciders: a, b\n', 'madr2'],
    ['---\nstatus: accepted\ndeciders: a\n---\n# T\n', 'madr3'],
    ['---\nstatus: accepted\ndecision-makers: a\n---\n# T\n', 'madr4'],
    ['\uFEFF---\r\nstatus: accepted\r\n---\r\n# T\r\n', 'madr3'],
    ['# Just a title\n\nSome text.\n', null],
  ])('%j → %s', (head, dialect) => {
    expect(sniffDialect(head)).toBe(dialect);
  });
});

describe('localDate', () => {
  it('uses UTC without a zone and the named zone with one', () => {
    const late = new Date('2026-01-15T23:30:00Z');
    expect(localDate(late)).toBe('2026-01-15');
    expect(localDate(late, 'Europe/Berlin')).toBe('2026-01-16');
    expect(localDate(late, 'America/New_York')).toBe('2026-01-15');
    expect(localDate(late, 'Not/AZone')).toBe('2026-01-15');
  });
});

describe('the one-pass scan of a log folder (adr new in 10,000-record logs)', () => {
  it('greatestNames is the tail of a full sort', async () => {
    const fc = (await import('fast-check')).default;
    const { greatestNames } = await import('../../src/store/naming.js');
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 80 }), fc.integer({ min: 0, max: 60 }), (names, n) => {
        const expected = n === 0 ? [] : [...names].sort().slice(-n);
        expect(greatestNames(names, n)).toEqual(expected);
      }),
    );
  });

  it('scanFiles counts naming and the highest number as detectNaming/maxNumber do over the records', async () => {
    const fc = (await import('fast-check')).default;
    const { scanFiles, detectNaming, maxNumber, isRecordFileName } = await import('../../src/store/naming.js');
    const name = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.constantFrom('-a.md', '_b.md', '-c.markdown', '-d.txt')).map(([n, s]) => `${String(n).padStart(4, '0')}${s}`),
      fc.tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 19 }), fc.integer({ min: 1, max: 31 })).map(
        ([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}-x.md`,
      ),
      fc.tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 19 })).map(([y, m]) => `${y}${String(m).padStart(2, '0')}01-x.md`),
      fc.constantFrom('README.md', 'template.md', 'adr-template-bare.md', 'index.md', 'DECISIONS.md', '.0001-a.md.adr-lock', 'notes.md', 'Template.MD', '_template.md'),
    );
    fc.assert(
      fc.property(fc.array(name, { maxLength: 40 }), (listing) => {
        const scan = scanFiles('/nonexistent-adr-scan', listing);
        const records = listing.filter((n) => isRecordFileName(n));
        expect(scan.records).toEqual(records);
        expect(scan.naming).toEqual(detectNaming(records));
        expect(scan.maxNumber).toBe(maxNumber(records));
      }),
    );
  });

  it('isRecordFileName without regular expressions on the common path still says the same', async () => {
    const { isRecordFileName } = await import('../../src/store/naming.js');
    const cases: Array<[string, boolean]> = [
      ['0001-a.md', true], ['2025-01-01-x.MD', true], ['x.markdown', true], ['README.md', false], ['readme.markdown', false],
      ['template.md', false], ['adr-template-bare.md', false], ['Index.md', false], ['_template-x.md', false], ['templates.md', false],
      ['DECISIONS.md', false], ['decisions.md', false], ['.hidden.md', false], ['a.txt', false], ['adr-0001.md', true], ['index-of-things.md', true],
    ];
    for (const [n, expected] of cases) expect(isRecordFileName(n), n).toBe(expected);
  });
});

describe('classifyName reads a name exactly as the naming patterns do', () => {
  /** The reference: the three patterns, tried in order. */
  const reference = (name: string) => {
    let m = NAME_PATTERNS.date.exec(name);
    if (m) return { kind: 'date' };
    m = NAME_PATTERNS.compact.exec(name);
    if (m) return { kind: 'compact', month: Number(m[2]) };
    m = NAME_PATTERNS.number.exec(name);
    if (m) return { kind: 'number', width: m[1].length, number: Number(m[1]) };
    return null;
  };

  it.each([
    '2025-08-06-infra.md', '2025-08-06-.md', '2025-08-06-x.MD', '2025-8-06-x.md', '20250806-x.md', '20251306-x.md',
    '0012-x.md', '12_x.md', '123456-x.md', '1234567-x.md', '0001-.md', '0001-x.markdown', '0001x.md', 'x-0001.md',
    '2025-x.md', '2025-08-x.md', '00000001-x.md', '9-a.md', '0012-x.md.bak', '',
  ])('%j', (name) => {
    expect(classifyName(name)).toEqual(reference(name));
    expect(fileNumber(name)).toBe(reference(name)?.kind === 'number' ? (reference(name) as { number: number }).number : null);
  });

  it('agrees on random names built from digits, dashes, underscores and extensions', () => {
    const part = fc.constantFrom('0', '1', '2', '5', '9', '-', '_', 'a', 'x', '.md', '.MD', '.markdown', '08', '2025');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }).map((parts) => parts.join('')), (name) => {
        expect(classifyName(name)).toEqual(reference(name));
      }),
      { numRuns: 3000 },
    );
  });
});
