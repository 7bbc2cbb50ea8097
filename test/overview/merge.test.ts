/**
 * The in-place merge of a hand-kept overview (src/edit/overview-merge.ts) and the abort's memory of a
 * status never decided, on small texts: what changes, what stays, and that a second merge
 * changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { undecidedWords } from '../../src/edit/abort.js';
import { statusMarker, tasksMarker } from '../../src/edit/overview.js';
import { abandonedUndecided } from '../../src/parse/overview-facts.js';
import { mergeHandKept } from '../../src/edit/overview-merge.js';
import { itemKey, pairReworded } from '../../src/model/items.js';
import type { Decision } from '../../src/model/index.js';
import { parseRecord } from '../../src/parse/index.js';

const record = (file: string, status: string, items: string[] = [], extra = ''): Decision =>
  parseRecord(
    file,
    [
      `# ${file.replace(/^\d{4}-\d{2}-\d{2}-|\.md$/g, '')}`,
      '',
      '## Decision Summary',
      '',
      `**Status**: ${status}\\`,
      '**Priority**: 🔴 **Urgent** (this week)\\',
      '**Date**: 2025-08-06\\',
      '**Category**: 🏗️ Infrastructure',
      '',
      '## Action Items',
      '',
      '### 🔴 This Week (Urgent)',
      '',
      ...items,
      '',
      extra,
    ].join('\n'),
  ).decision!;

const merge = (text: string, decisions: Decision[], files: string[] | null = null) =>
  mergeHandKept(text, decisions, { prefix: 'decisions', overviewFile: '../DECISIONS.md', logName: 'decisions', files: files && new Set(files) });

const TABLE = [
  '| Category     | Topic                                   | Decision   | Date   | Priority | Status | Tasks |',
  '| ------------ | --------------------------------------- | ---------- | ------ | -------- | :----: | :---: |',
  '| 🚀 **GTM**   | Launch strategy                         | Gradual    | -      | 🟡       |   ❓   |   ◯   |',
  '| 🚀 **GTM**   | [Cache](decisions/2025-08-06-cache.md)  | Use Redis  | 6.8.25 | 🔴       | **✓**  |   ◯   |',
];

describe('an abort remembers a status never decided', () => {
  it('words the status it had into the rationale heading, and only for undecided records', () => {
    // However the status was worded, the heading says it as a person would.
    expect(undecidedWords({ status: 'proposed', statusText: '❓ Under Discussion - CLI library selection', headings: [] })).toBe('Still Under Discussion');
    expect(undecidedWords({ status: 'proposed', statusText: 'proposed', headings: [] })).toBe('Still Under Discussion');
    expect(undecidedWords({ status: 'proposed', statusText: '🔄 In Progress', headings: [] })).toBe('Still Under Discussion');
    expect(undecidedWords({ status: 'draft', statusText: 'Draft', headings: [] })).toBe('Still a Draft');
    expect(undecidedWords({ status: 'postponed', statusText: '⏸️ Postponed (until Q3)', headings: [] })).toBe('Postponed');
    expect(undecidedWords({ status: null, statusText: null, headings: [] })).toBe('Still Undecided');
    expect(undecidedWords({ status: 'accepted', statusText: '✅ Decided', headings: [] })).toBeNull();
  });

  it('reads the newest Decision to Abandon heading back, and a title with "While" in it is no status', () => {
    const h = (text: string) => ({ depth: 3, text, anchor: '', explicit: false, line: 1, span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } });
    expect(abandonedUndecided({ status: 'aborted', headings: [h('Decision to Abandon Cache While Under Discussion (2025-08-08)')] })).toBe(true);
    for (const words of ['Still Under Discussion', 'Still a Draft', 'Postponed', 'Still Undecided']) {
      expect(abandonedUndecided({ status: 'aborted', headings: [h(`Decision to Abandon "Sync While Offline" While ${words} (2025-08-08)`)] }), words).toBe(true);
    }
    expect(abandonedUndecided({ status: 'aborted', headings: [h('**Decision to Abandon Cache While Proposed (2025-08-08)**')] })).toBe(true);
    expect(abandonedUndecided({ status: 'aborted', headings: [h('Decision to Abandon Nix (2025-08-07)')] })).toBe(false);
    expect(abandonedUndecided({ status: 'aborted', headings: [h('Decision to Abandon Sync While Offline (2025-08-07)')] })).toBe(false);
    expect(abandonedUndecided({ status: 'aborted', headings: [h('Decision to Abandon X While Proposed (2025-08-01)'), h('Decision to Abandon X (2025-08-09)')] })).toBe(false);
    expect(abandonedUndecided({ status: 'accepted', headings: [h('Decision to Abandon X While Proposed (2025-08-01)')] })).toBe(false);
  });

  it('gives a dated record abandoned while undecided Status ✗ and Tasks ✗; one aborted after deciding keeps ✓', () => {
    const rationale = (words: string) => `## Abort Rationale\n\n### Decision to Abandon cache${words} (2025-08-08)\n\nNo longer needed\n`;
    const undecided = record('2025-08-06-cache.md', '**✗** **ABORTED** - No longer needed', ['- [x] ~~Deploy~~ **✗** **ABORTED** - No longer needed'], rationale(' While Under Discussion'));
    expect([statusMarker(undecided), tasksMarker(undecided)]).toEqual(['**✗**', '**✗**']);
    const decided = record('2025-08-06-cache.md', '**✗** **ABORTED** - No longer needed', ['- [x] ~~Deploy~~ **✗** **ABORTED** - No longer needed'], rationale(''));
    expect([statusMarker(decided), tasksMarker(decided)]).toEqual(['**✓**', '**✗**']);
  });
});

describe('pairing items reworded on one side', () => {
  it('pairs the real overview\'s rewordings with their records\' items and nothing unrelated', () => {
    const listed = ['Timebox logfusion website development (few hours)', 'Move marketing decisions to deepbrain/business repository', 'Extract GitHub repository template from logfusion patterns'].map(itemKey);
    const open = ['Timebox website development (few hours focused AI development)', 'Move `/marketing/` folder from superconfig repo to business repo', 'Return focus to SuperConfig development'].map(itemKey);
    expect(pairReworded(listed, open)).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(pairReworded([itemKey('Deploy Redis')], [itemKey('Monitor Redis')])).toEqual([]);
  });
});

describe('mergeHandKept', () => {
  const text = ['# Decisions', '', ...TABLE, '', '## 🎯 Action Items', '', '### ✅ Completed/Aborted', '', '- [x] ~~Old thing~~ **✗** **ABORTED** - gone [[Other]](decisions/2025-08-01-other.md)', '', '### 🔴 This Week (Urgent)', '', '- [ ] Deploy Redis [[Cache]](decisions/2025-08-06-cache.md)', '- [ ] Launch plan [Launch Decision - TBD]', ''].join('\n');

  it('changes nothing when every row and item is in step, and keeps rows linking no record', () => {
    const cache = record('2025-08-06-cache.md', '✅ Decided', ['- [ ] Deploy Redis']);
    expect(merge(text, [cache])).toBe(text);
  });

  it('rewrites a drifting marker centred in its old width and moves aborted items in the group\'s own style', () => {
    const cache = record('2025-08-06-cache.md', '**✗** **ABORTED** - Too costly', ['- [x] ~~Deploy Redis~~ **✗** **ABORTED** - Too costly']);
    const out = merge(text, [cache]);
    expect(out).toBe(
      text
        .replace('| **✓**  |   ◯   |', '| **✓**  | **✗** |')
        .replace('- [ ] Deploy Redis [[Cache]](decisions/2025-08-06-cache.md)\n', '')
        .replace('[[Other]](decisions/2025-08-01-other.md)\n', '[[Other]](decisions/2025-08-01-other.md)\n- [x] ~~Deploy Redis~~ **✗** **ABORTED** - Too costly [[Cache]](decisions/2025-08-06-cache.md)\n'),
    );
    expect(merge(out, [cache])).toBe(out);
  });

  it('adds a row in the table\'s style after the rows of its status, and its open items under their horizon', () => {
    const cache = record('2025-08-06-cache.md', '✅ Decided', ['- [ ] Deploy Redis']);
    const queue = record('2025-08-07-queue.md', '❓ Under Discussion', ['- [ ] Compare brokers']);
    const out = merge(text, [cache, queue]);
    const lines = out.split('\n');
    const at = lines.findIndex((l) => l.includes('2025-08-07-queue.md)'));
    expect(lines[at - 1]).toContain('Launch strategy');
    expect(lines[at]).toBe('| 🏗️ **Infrastructure** | [queue](decisions/2025-08-07-queue.md)  | -          | 6.8.25 | 🔴       |   ❓   |   ◯   |');
    expect(out).toContain('- [ ] Launch plan [Launch Decision - TBD]\n- [ ] Compare brokers [[queue]](decisions/2025-08-07-queue.md)\n');
    expect(merge(out, [cache, queue])).toBe(out);
  });

  it('keeps CRLF line endings, on edited and inserted lines alike', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const cache = record('2025-08-06-cache.md', '**✗** **ABORTED** - Too costly', ['- [x] ~~Deploy Redis~~ **✗** **ABORTED** - Too costly']);
    const queue = record('2025-08-07-queue.md', '❓ Under Discussion', ['- [ ] Compare brokers']);
    const out = merge(crlf, [cache, queue]);
    expect(out.split('\n').length).toBe(out.split('\r\n').length);
    expect(out.replace(/\r\n/g, '\n')).toBe(merge(text, [cache, queue]));
  });

  it('touches only the records it is given', () => {
    const cache = record('2025-08-06-cache.md', '**✗** **ABORTED** - Too costly', ['- [x] ~~Deploy Redis~~ **✗** **ABORTED** - Too costly']);
    expect(merge(text, [cache], ['2025-08-07-queue.md'])).toBe(text);
  });

  it('keeps one table per area: a row is read with its own table\'s columns, a new record joins the table of its category', () => {
    const areas = [
      '## Infrastructure',
      '',
      '| Topic | Status | Tasks | Category |',
      '|---|---|---|---|',
      '| [Cache](decisions/2025-08-06-cache.md) | ❓ | ◯ | 🏗️ Infra |',
      '',
      '## Business',
      '',
      '| Category | Decision | Considerations | Status |',
      '|---|---|---|---|',
      '| 💼 Business | [Pricing](decisions/2025-08-05-pricing.md) | Per seat | ❓ |',
      '',
    ].join('\n');
    const cache = record('2025-08-06-cache.md', '✅ Decided', ['- [ ] Deploy Redis']);
    const pricing = record('2025-08-05-pricing.md', '✅ Decided');
    const queue = record('2025-08-07-queue.md', '❓ Under Discussion', ['- [ ] Compare brokers']);
    const out = merge(areas, [cache, pricing, queue]);
    // ◯ stays for a decided record with open items (what adr check accepts); the older Decision/Considerations table is read as such.
    expect(out).toBe(
      areas
        .replace('| ❓ | ◯ | 🏗️ Infra |', '| **✓** | ◯ | 🏗️ Infra |\n| [queue](decisions/2025-08-07-queue.md) | ❓ | ◯ | 🏗️ Infra |')
        .replace('| Per seat | ❓ |', '| Per seat | **✓** |'),
    );
    expect(merge(out, [cache, pricing, queue])).toBe(out);
  });

  it('brings Tasks to **—** once a superseded record\'s items are all closed, but keeps a hand-kept Tasks cell of a record with no items', () => {
    const superseded = record('2025-08-06-cache.md', 'Superseded by [Queue](2025-08-07-queue.md)', ['- [x] ~~Deploy Redis~~ **✗** **ABORTED** - superseded by Queue']);
    expect(merge(text, [superseded])).toContain('| **✓**  | **—** |');
    const noItems = record('2025-08-06-cache.md', '✅ Decided');
    expect(merge(text, [noItems]).split('\n')[5]).toBe(TABLE[3]);
  });

  it('fills an empty group with the blank line its heading needs', () => {
    const empty = ['## 🎯 Action Items', '', '### ✅ Completed/Aborted', '', '### 🔴 This Week (Urgent)', '', '- [ ] Deploy Redis [[Cache]](decisions/2025-08-06-cache.md)', ''].join('\n');
    const cache = record('2025-08-06-cache.md', '**✗** **ABORTED** - Too costly', ['- [x] ~~Deploy Redis~~ **✗** **ABORTED** - Too costly']);
    expect(merge(empty, [cache])).toBe(
      ['## 🎯 Action Items', '', '### ✅ Completed/Aborted', '', '- [x] ~~Deploy Redis~~ **✗** **ABORTED** - Too costly [[Cache]](decisions/2025-08-06-cache.md)', '', '### 🔴 This Week (Urgent)', '', ''].join('\n'),
    );
  });
});
