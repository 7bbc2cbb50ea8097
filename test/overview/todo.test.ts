import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../authoring-new/helpers.js';

let root: string;
beforeEach(() => {
  root = tempDir('adr-todo-');
  cpSync(resolve(__dirname, '../fixtures/overview/log'), root, { recursive: true });
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('adr todo', () => {
  it('lists open items by horizon, then ungrouped (by record priority), with record and file:line', async () => {
    const r = await runCli(['todo'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '🔴 This Week (Urgent)',
        '  - [ ] Register the crate names  Product Names (decisions/2025-08-01-product-names.md:20)',
        '  - [ ] Reserve the npm scope  Product Names (decisions/2025-08-01-product-names.md:21)',
        '',
        '🟡 Next 2 Weeks (Important)',
        '  - [ ] Compare Discord and Zulip for the community | pricing  Community Platform (decisions/2025-08-10-community-platform.md:16)',
        '  - [ ] Align names with → [[Product Names]]  Community Platform (decisions/2025-08-10-community-platform.md:18)',
        '',
        '🟢 This Month (Planning)',
        '  - [ ] Trademark search for both names  Product Names (decisions/2025-08-01-product-names.md:25)',
        '',
        '📋 Ungrouped',
        '  - [ ] Move CI to GitHub Actions  Infrastructure Decisions (decisions/2025-06-01-infrastructure.md:21)',
        '  - [ ] Interview five design partners  Pricing Model (decisions/2025-08-12-pricing.md:10)',
        '',
        '7 open action items in 4 records',
        '',
      ].join('\n'),
    );
  });

  it('--json gives the documented fields; done and aborted items are not listed', async () => {
    const r = await runCli(['todo', '--json'], join(root, 'decisions'));
    const items = JSON.parse(r.stdout);
    expect(items).toHaveLength(7);
    expect(items[0]).toEqual({
      text: 'Register the crate names',
      ref: null,
      group: '🔴 This Week (Urgent)',
      horizon: 'urgent',
      priority: 'urgent',
      status: 'accepted',
      file: '2025-08-01-product-names.md',
      path: '2025-08-01-product-names.md',
      line: 20,
      id: '2025-08-01-product-names',
      title: 'Product Names',
    });
    expect(items[3].ref).toEqual({ text: 'Product Names', target: '2025-08-01-product-names.md' });
    expect(items[3].text).toBe('Align names with');
    expect(items.some((i: { text: string }) => /Nix|List requirements|Decide product/.test(i.text))).toBe(false);
  });

  it('--priority filters by horizon (ungrouped items by their record\'s priority); --group groups by record', async () => {
    let r = await runCli(['todo', '--priority', 'low', '--json'], root);
    expect(JSON.parse(r.stdout).map((i: { text: string }) => i.text)).toEqual(['Trademark search for both names', 'Interview five design partners']);
    r = await runCli(['todo', '--group', '-p', 'urgent'], root);
    expect(r.stdout).toBe(
      'Product Names (decisions/2025-08-01-product-names.md; urgent, accepted)\n  - [ ] Register the crate names :20 · 🔴 This Week (Urgent)\n  - [ ] Reserve the npm scope :21 · 🔴 This Week (Urgent)\n\n' +
        'Infrastructure Decisions (decisions/2025-06-01-infrastructure.md; urgent)\n  - [ ] Move CI to GitHub Actions :21\n\n3 open action items in 2 records\n',
    );
    expect((await runCli(['todo', '-p', 'someday'], root)).code).toBe(2);
  });

  it('says so when nothing is open', async () => {
    const r = await runCli(['todo', '-p', 'none'], root);
    expect(r.stdout).toBe('No open none action items.\n');
    expect(r.code).toBe(0);
  });
});
