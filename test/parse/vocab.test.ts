/**
 * Every spelling in FORMAT.md's vocabularies, in any case, bold or not, with or without the
 * emoji, with ` - reason` or a parenthesised note, read end to end through parseRecord (a
 * summary-style record's label lines, a Nygard Status section, MADR 2 bullets, front matter).
 */
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/parse/index.js';
import { canonicalCategory, canonicalPriority, canonicalStatus, parseDate } from '../../src/parse/vocab.js';
import type { Priority, Status } from '../../src/model/index.js';

const STATUS_ROWS: Array<{ status: Status; emoji: string[]; words: string[] }> = [
  { status: 'proposed', emoji: ['❓', '🔄'], words: ['Under Discussion', 'In Progress', 'Proposed', 'Open'] },
  { status: 'accepted', emoji: ['✅', '✓', '🟢'], words: ['Decided', 'Approved', 'Accepted'] },
  { status: 'aborted', emoji: ['✗', '❌'], words: ['ABORTED', 'Abandoned', 'Withdrawn'] },
  { status: 'postponed', emoji: ['⏸️', '⏸'], words: ['Postponed', 'On hold', 'Deferred'] },
  { status: 'rejected', emoji: [], words: ['Rejected', 'Declined'] },
  { status: 'deprecated', emoji: [], words: ['Deprecated'] },
  { status: 'superseded', emoji: [], words: ['Superseded', 'Superceded'] },
  { status: 'draft', emoji: [], words: ['Draft'] },
];

const PRIORITY_ROWS: Array<{ priority: Priority; emoji: string; words: string[] }> = [
  { priority: 'urgent', emoji: '🔴', words: ['Urgent', 'Urgent (this week)', 'URGENT (free text)', 'high'] },
  { priority: 'important', emoji: '🟡', words: ['Important', 'Important (2 weeks)', 'medium'] },
  { priority: 'planning', emoji: '🟢', words: ['Planning', 'Planning (month)', 'low'] },
  { priority: 'none', emoji: '⚪', words: ['Complete', 'No deadline'] },
];

const CATEGORIES: Array<[string, string, string[]]> = [
  ['🏗️', 'Infrastructure', ['Infrastructure', 'Infra']],
  ['🎨', 'Branding', ['Branding']],
  ['💼', 'Business', ['Business']],
  ['🌐', 'Domain', ['Domain']],
  ['📚', 'Documentation', ['Documentation']],
  ['🚀', 'GTM', ['GTM']],
];

const cases = (w: string) => [w, w.toLowerCase(), w.toUpperCase()];
const SUFFIXES: Array<[string, string | null]> = [
  ['', null],
  [' - because the team agreed', 'because the team agreed'],
  [' (see the meeting notes)', 'see the meeting notes'],
];

/** A summary-style record with one status line written as `value`. */
function summaryRecord(status: string, priority = '🟡 Important (2 weeks)', category = '🏗️ Infrastructure'): string {
  return [
    '# A decision',
    '',
    '## Decision Summary',
    '',
    `**Status**: ${status}\\`,
    `**Priority**: ${priority}\\`,
    '**Date**: 2025-08-06\\',
    `**Category**: ${category}`,
    '',
  ].join('\n');
}

/** Every way FORMAT.md allows a status to be written, with what it must read as. */
function statusSpellings(): Array<{ text: string; status: Status; reason: string | null }> {
  const out: Array<{ text: string; status: Status; reason: string | null }> = [];
  for (const row of STATUS_ROWS) {
    for (const word of row.words) {
      for (const w of cases(word)) {
        for (const emoji of ['', ...row.emoji]) {
          for (const bold of [false, true]) {
            for (const [suffix, reason] of SUFFIXES) {
              const wordPart = bold ? `**${w}**` : w;
              const emojiPart = emoji ? (bold ? `**${emoji}** ` : `${emoji} `) : '';
              out.push({ text: `${emojiPart}${wordPart}${suffix}`, status: row.status, reason });
            }
          }
        }
      }
    }
  }
  return out;
}

describe('status vocabulary', () => {
  const spellings = statusSpellings();
  it(`reads all ${spellings.length} spellings of FORMAT.md's status table in a summary record`, () => {
    const wrong: string[] = [];
    for (const s of spellings) {
      const d = parseRecord('2025-08-06-x.md', summaryRecord(s.text)).decision!;
      if (d.status !== s.status || d.reason !== s.reason) wrong.push(`${s.text} → ${d.status} / ${d.reason}`);
    }
    expect(wrong).toEqual([]);
  });

  it('reads every status word in a Nygard Status section, MADR 2 bullets and MADR 3 front matter', () => {
    const wrong: string[] = [];
    for (const row of STATUS_ROWS) {
      for (const word of row.words) {
        for (const w of cases(word)) {
          const records = [
            ['0001-x.md', `# 1. X\n\nDate: 2020-01-01\n\n## Status\n\n${w}\n\n## Context\n\nC.\n`, 'nygard'],
            ['0001-x.md', `# X\n\n## Context\n\nC.\n\n## Status\n\n${w}\n`, 'nygard'],
            ['0001-x.md', `# X\n\n* Status: ${w}\n* Date: 2020-01-01\n\n## Context and Problem Statement\n\nC.\n`, 'madr2'],
            ['0001-x.md', `---\nstatus: ${w}\ndate: 2020-01-01\n---\n\n# X\n`, 'madr3'],
          ] as const;
          for (const [file, text, dialect] of records) {
            const d = parseRecord(file, text).decision!;
            if (d.status !== row.status || d.dialect !== dialect) wrong.push(`${dialect}: ${w} → ${d.dialect} ${d.status}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the status text as written, markdown stripped, and leaves unknown words uncanonical', () => {
    const d = parseRecord('2025-08-06-x.md', summaryRecord('**✗** **ABORTED** - Use Makefile + proto instead')).decision!;
    expect(d.statusText).toBe('✗ ABORTED - Use Makefile + proto instead');
    const unknown = parseRecord('2025-08-06-x.md', summaryRecord('Bikeshedding')).decision!;
    expect(unknown.status).toBeNull();
    expect(unknown.statusText).toBe('Bikeshedding');
    expect(canonicalStatus('Superseded by [3. Use X](0003-use-x.md)')).toBe('superseded');
    expect(canonicalStatus('**✗**')).toBe('aborted');
  });
});

describe('priority vocabulary', () => {
  it('reads every spelling in any case, bold or not, with or without the emoji and a suffix', () => {
    const wrong: string[] = [];
    let n = 0;
    for (const row of PRIORITY_ROWS) {
      for (const word of row.words) {
        for (const w of cases(word)) {
          for (const emoji of ['', row.emoji]) {
            for (const bold of [false, true]) {
              for (const [suffix] of SUFFIXES) {
                const text = `${emoji ? `${emoji} ` : ''}${bold ? `**${w}**` : w}${suffix}`;
                const d = parseRecord('2025-08-06-x.md', summaryRecord('Accepted', text)).decision!;
                n++;
                if (d.priority !== row.priority) wrong.push(`${text} → ${d.priority}`);
              }
            }
          }
        }
      }
    }
    expect(n).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
  });

  it('reads a bare marker', () => {
    expect(canonicalPriority('🔴')).toBe('urgent');
    expect(canonicalPriority('⚪')).toBe('none');
    expect(canonicalPriority('whenever')).toBeNull();
  });
});

describe('category vocabulary', () => {
  it('reports the words without the emoji, in canonical case, bold or not', () => {
    const wrong: string[] = [];
    for (const [emoji, canonical, words] of CATEGORIES) {
      for (const word of words) {
        for (const w of cases(word)) {
          for (const withEmoji of [false, true]) {
            for (const bold of [false, true]) {
              const text = `${withEmoji ? `${emoji} ` : ''}${bold ? `**${w}**` : w}`;
              const d = parseRecord('2025-08-06-x.md', summaryRecord('Accepted', '🔴 Urgent', text)).decision!;
              if (d.category !== canonical) wrong.push(`${text} → ${d.category}`);
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps a category outside the table as written, without its emoji', () => {
    expect(canonicalCategory('🔐 Security & Compliance')).toBe('Security & Compliance');
    expect(canonicalCategory('')).toBeNull();
  });
});

describe('dates', () => {
  it.each([
    ['2025-08-06', '2025-08-06'],
    ['2025/08/06', '2025-08-06'],
    ['20250806', '2025-08-06'],
    ['6.8.25', '2025-08-06'],
    ['06.08.2025', '2025-08-06'],
    ['August 6, 2025', '2025-08-06'],
    ['6 Aug 2025', '2025-08-06'],
    ['2025-08-06 14:00', '2025-08-06'],
    ['2020-07-01 (or thereabouts)', '2020-07-01'],
    ['12/02/2016', '2016-02-12'],
    ['02/21/2017', '2017-02-21'],
    ['**2025-08-06**', '2025-08-06'],
  ])('%s reads as %s', (text, iso) => {
    expect(parseDate(text)).toEqual({ date: iso, valid: true });
  });

  it.each(['TBD', 'tbd', 'TBA', '-', 'Pending'])('%s is undecided: null and not an error', (text) => {
    expect(parseDate(text)).toEqual({ date: null, valid: true });
  });

  it.each(['2025-02-30', 'soon', '31/31/2020', '2025-06-01T24:30', '2025-06-01 10:75', '2025-06-01T'])('%s is not a date', (text) => {
    expect(parseDate(text)).toEqual({ date: null, valid: false });
  });

  it('reads `Decision Date: TBD` as a null date with the text kept', () => {
    const d = parseRecord('x.md', '# X\n\n**Decision Date**: TBD\\\n**Status**: ❓ Under Discussion\n').decision!;
    expect(d.date).toBeNull();
    expect(d.dateText).toBe('TBD');
  });
});
