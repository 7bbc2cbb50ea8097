import { describe, expect, it } from 'vitest';
import type { Priority, Status } from '../../src/model/index.js';
import { parseRecord } from '../../src/parse/index.js';
import { fillTemplate, renderRecord, type RecordFacts, type TemplateDialect } from '../../src/edit/templates.js';
import { sniffDialect } from '../../src/store/naming.js';

const base: RecordFacts = {
  title: 'Use PostgreSQL for storage',
  date: '2026-01-15',
  number: 12,
  status: 'proposed',
  priority: 'urgent',
  category: 'Infrastructure',
  overviewLink: '../DECISIONS.md',
};

const FILES: Record<TemplateDialect, string> = {
  summary: '2026-01-15-use-postgresql-for-storage.md',
  nygard: '0012-use-postgresql-for-storage.md',
  madr2: '0012-use-postgresql-for-storage.md',
  madr3: '0012-use-postgresql-for-storage.md',
  madr4: '0012-use-postgresql-for-storage.md',
};

describe('a new record reads back with the facts it was created with', () => {
  for (const dialect of ['summary', 'nygard', 'madr2', 'madr3', 'madr4'] as const) {
    it(dialect, () => {
      const text = renderRecord(dialect, base);
      const { decision, diagnostics } = parseRecord(FILES[dialect], text);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(decision).not.toBeNull();
      expect(decision!.dialect).toBe(dialect);
      expect(decision!.title).toBe(base.title);
      expect(decision!.status).toBe('proposed');
      expect(decision!.date).toBe('2026-01-15');
      expect(sniffDialect(text.slice(0, 2048))).toBe(dialect);
      if (dialect !== 'nygard') {
        expect(decision!.priority).toBe('urgent');
        expect(decision!.category).toBe('Infrastructure');
      }
      if (dialect === 'nygard') expect(decision!.number).toBe(12);
    });
  }

  it('summary: empty horizon groups, back-link, and a footer that agrees with the header', () => {
    for (const status of ['proposed', 'accepted', 'postponed', 'rejected', 'draft'] as Status[]) {
      for (const priority of ['urgent', 'important', 'planning', 'none', null] as Array<Priority | null>) {
        const text = renderRecord('summary', { ...base, status, priority });
        const { decision } = parseRecord(FILES.summary, text);
        expect(decision!.status).toBe(status);
        expect(decision!.priority).toBe(priority);
        expect(decision!.overviewLink).toBe(true);
        expect(decision!.actionItems).toEqual([]);
        const declared = decision!.statusDeclarations.map((d) => d.status);
        expect(declared.length).toBeGreaterThanOrEqual(2);
        expect(new Set(declared)).toEqual(new Set([status]));
      }
    }
    const text = renderRecord('summary', base);
    for (const heading of ['### ✅ Completed/Aborted', '### 🔴 This Week (Urgent)', '### 🟡 Next 2 Weeks (Important)', '### 🟢 This Month (Planning)']) {
      expect(text).toContain(`${heading}\n`);
    }
  });

  it('writes CRLF when asked, and no back-link without an overview', () => {
    const text = renderRecord('summary', { ...base, overviewLink: null }, '\r\n');
    expect(text).not.toContain('Back to Decisions Overview');
    expect(text.split('\r\n').length - 1).toBe(text.split('\n').length - 1);
  });

  it('cannot break out of the title line', () => {
    const text = renderRecord('nygard', { ...base, title: 'A title' });
    expect(text.split('\n')[0]).toBe('# 12. A title');
  });
});

describe('--template placeholders', () => {
  it('fills {{title}} {{date}} {{number}} {{status}} and keeps unknown ones', () => {
    const out = fillTemplate('# {{number}}. {{ title }}\n\nDate: {{date}}\nStatus: {{status}} {{priority}} {{category}} {{unknown}}\n', base);
    expect(out).toBe('# 12. Use PostgreSQL for storage\n\nDate: 2026-01-15\nStatus: proposed urgent Infrastructure {{unknown}}\n');
  });
});

describe('adr new skips the parser for the overview row: the facts it assumes are what the parser reads', () => {
  it('gives the same overview, documents and history rows as parsing the rendered record', async () => {
    const { draftDecision } = await import('../../src/cli/new.js');
    const { documentRow, historyRow, inHistory, overviewRow } = await import('../../src/edit/overview.js');
    for (const dialect of ['summary', 'nygard', 'madr2', 'madr3', 'madr4'] as const) {
      for (const status of ['proposed', 'accepted', 'postponed', 'rejected', 'draft'] as Status[]) {
        for (const priority of ['urgent', 'none', null] as Array<Priority | null>) {
          for (const category of ['Infrastructure', 'Some team', null]) {
            const facts = { ...base, status, priority, category };
            const parsed = parseRecord(FILES[dialect], renderRecord(dialect, facts)).decision!;
            const draft = draftDecision(FILES[dialect], dialect, facts);
            const what = `${dialect} ${status} ${priority} ${category}`;
            expect(overviewRow(draft, 'decisions'), what).toBe(overviewRow(parsed, 'decisions'));
            expect(documentRow(draft, 'decisions'), what).toBe(documentRow(parsed, 'decisions'));
            expect(inHistory(draft), what).toBe(inHistory(parsed));
            if (inHistory(parsed)) expect(historyRow(draft, 'decisions'), what).toBe(historyRow(parsed, 'decisions'));
          }
        }
      }
    }
  });
});
