/** The overview file (FORMAT.md §2) in both generations: rows, markers, links and open items. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOverview } from '../../src/parse/overview.js';
import { fixture } from './helpers.js';

describe('parseOverview', () => {
  it('reads the Topic table with its Status and Tasks markers', () => {
    const o = parseOverview('../DECISIONS.md', readFileSync(fixture('summary', 'DECISIONS.md'), 'utf8'), 'decisions');
    expect(o.rows.map((r) => [r.category, r.topic, r.target, r.date, r.priority, r.status, r.tasks, r.line])).toEqual([
      ['Infrastructure', 'Nix', '2025-08-06-nix-development-environment.md', '2025-08-06', 'important', 'accepted', 'aborted', 7],
      ['Infrastructure', 'CLI library', '2025-08-07-cli-library-selection.md', '2025-08-07', 'planning', 'proposed', 'not-started', 8],
      ['Branding', 'Naming', '2025-08-08-product-naming.md', '2025-08-08', 'urgent', 'accepted', 'in-progress', 9],
    ]);
  });

  it('reads the older table (Decision links the record, Considerations says what) and its Priority Actions', () => {
    const text = [
      '## Decision Overview',
      '',
      '| Category | Decision | Considerations | Priority | Status |',
      '| --- | --- | --- | --- | --- |',
      '| 🏗️ **Infrastructure** | [Moon monorepo](decisions/2025-08-06-infrastructure.md#monorepo) | Unified CI/CD | ⚪ | ✅ |',
      '| 🚀 **GTM** | Launch timeline | After products ready | 🟢 | ⏸️ |',
      '',
      '## 🎯 Priority Actions',
      '',
      '### 🔴 This Week (Urgent)',
      '',
      '- [ ] Incorporate UK Ltd [[Business]](decisions/2025-08-06-business-formation.md)',
      '- [x] Done already',
    ].join('\n');
    const o = parseOverview('../DECISIONS.md', text, 'decisions');
    expect(o.rows.map((r) => [r.category, r.topic, r.target, r.anchor, r.decision, r.priority, r.status])).toEqual([
      ['Infrastructure', 'Moon monorepo', '2025-08-06-infrastructure.md', 'monorepo', 'Unified CI/CD', 'none', 'accepted'],
      ['GTM', 'Launch timeline', null, null, 'After products ready', 'planning', 'postponed'],
    ]);
    expect(o.actionItems).toEqual([{ text: 'Incorporate UK Ltd', target: '2025-08-06-business-formation.md', group: '🔴 This Week (Urgent)', line: 12 }]);
  });

  it('ignores tables without a Status column', () => {
    const o = parseOverview('../DECISIONS.md', '| Date | Document |\n|---|---|\n| 2025-08-06 | [X](decisions/x.md) |\n', 'decisions');
    expect(o.rows).toEqual([]);
  });
});
