import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLog } from '../../src/store/read-log.js';
import { syncOverview } from '../../src/store/sync-overview.js';
import { NOW, runCli, tempDir } from '../authoring-new/helpers.js';

const FIXTURES = resolve(__dirname, '../fixtures/overview');
let root: string;
beforeEach(() => {
  root = tempDir('adr-sync-');
  cpSync(join(FIXTURES, 'log'), root, { recursive: true });
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const ctx = { now: NOW, env: {} };

function closeProductNames() {
  const path = 'decisions/2025-08-01-product-names.md';
  writeFileSync(join(root, path), read(path).replace('- [ ] Register the crate names', '- [x] ~~Register the crate names~~ ✅ done').replace('- [ ] Reserve the npm scope', '- [x] ~~Reserve the npm scope~~ ✅ done').replace('- [ ] Trademark search for both names', '- [x] ~~Trademark search for both names~~ ✅ done'));
}

describe('syncOverview (used by new, abort, status, link)', () => {
  it('does nothing when the log has no overview file', async () => {
    const log = await readLog({ cwd: root, cache: false });
    expect(await syncOverview(log, ctx)).toBeNull();
  });

  it('regenerates the marked regions of a generated overview', async () => {
    await runCli(['overview'], root);
    closeProductNames();
    const log = await readLog({ cwd: root, cache: false });
    const result = await syncOverview(log, { now: new Date('2026-02-01T00:00:00Z'), env: {} });
    expect(result).toMatchObject({ changed: true, note: null });
    const text = read('DECISIONS.md');
    expect(text).toContain('| 🎨 Branding | [Product Names](decisions/2025-08-01-product-names.md) | LogFusion and MetaRust | 2025-08-01 | 🔴 | **✓** | **✓** |');
    expect(text).not.toContain('Register the crate names');
    expect(text).toContain('_Last Updated: 2026-02-01_');
    expect((await runCli(['overview', '--check'], root)).code).toBe(0);
  });

  it('in a hand-kept overview, updates only the record\'s row cells and checks off its done items where they stand', async () => {
    const original = readFileSync(join(FIXTURES, 'hand-kept/DECISIONS.md'), 'utf8');
    writeFileSync(join(root, 'DECISIONS.md'), original);
    closeProductNames();
    const log = await readLog({ cwd: root, cache: false });
    const result = await syncOverview(log, ctx, { files: ['2025-08-01-product-names.md'] });
    expect(result!.changed).toBe(true);
    expect(result!.note).toContain('no adr regions');
    const expected = original
      .replace('| 🔴 | **✓** | 📌 |', '| 🔴 | **✓** | **✓** |')
      .replace('- [ ] Register the crate names [[Product Names]]', '- [x] ~~Register the crate names~~ ✅ done [[Product Names]]');
    expect(read('DECISIONS.md')).toBe(expected);
  });

  it('in an adopted hand-kept overview, a sync keeps the whole file in step, missing items included', async () => {
    writeFileSync(join(root, 'DECISIONS.md'), readFileSync(join(FIXTURES, 'expected/hand-kept-adopted.md'), 'utf8'));
    closeProductNames();
    const log = await readLog({ cwd: root, cache: false });
    const result = await syncOverview(log, ctx, { files: ['2025-08-01-product-names.md'] });
    expect(result).toMatchObject({ changed: true, note: null });
    expect((await runCli(['overview', '--check'], root)).code).toBe(0);
    expect(read('DECISIONS.md')).toContain('- [x] ~~Reserve the npm scope~~ ✅ done [[Product Names]](decisions/2025-08-01-product-names.md)');
  });

  it('--dry-run style: dryRun writes nothing', async () => {
    await runCli(['overview'], root);
    const before = read('DECISIONS.md');
    closeProductNames();
    const log = await readLog({ cwd: root, cache: false });
    expect((await syncOverview(log, ctx, { dryRun: true }))!.changed).toBe(true);
    expect(read('DECISIONS.md')).toBe(before);
  });

  it('in a hand-kept overview, appends the row of a changed record that has none', async () => {
    const original = readFileSync(join(FIXTURES, 'hand-kept/DECISIONS.md'), 'utf8');
    writeFileSync(join(root, 'DECISIONS.md'), original);
    const log = await readLog({ cwd: root, cache: false });
    await syncOverview(log, ctx, { files: ['2025-08-12-pricing.md'] });
    expect(read('DECISIONS.md')).toBe(
      // Only the row: an overview never adopted gets no items it was already missing (that is `adr overview --adopt`'s job).
      original.replace('| 🔄 | 🏃 |\n', '| 🔄 | 🏃 |\n| 💼 Business | [Pricing Model](decisions/2025-08-12-pricing.md) | waiting for the first customers | - | 🟢 | ⏸️ | ◯ |\n'),
    );
  });

  it('in a hand-kept overview, keeps cells that say the same in their own style and updates sub-decision rows', async () => {
    const handKept = [
      '# Decisions',
      '',
      '| Category | Topic | Decision | Date | Priority | Status | Tasks |',
      '|---|---|---|---|---|---|---|',
      '| Infra | [Monorepo](decisions/2025-06-01-infrastructure.md#monorepo) | Moon | 2025-06-01 | 🔴 Urgent | ✅ | 🏃 |',
      '| Infra | [CI](decisions/2025-06-01-infrastructure.md#ci) | GHA | 1.6.25 | 🔴 | 🔄 | 🏃 |',
      '| Infra | [Whole](decisions/2025-06-01-infrastructure.md#gone) | ? | - | - | ❓ | ◯ |',
      '',
    ].join('\n');
    writeFileSync(join(root, 'DECISIONS.md'), handKept);
    const path = 'decisions/2025-06-01-infrastructure.md';
    writeFileSync(join(root, path), read(path).replace('**Status**: 🔄 **In Progress**', '**Status**: ✅ Decided').replace('🔄 In Progress', '✅ Decided'));
    const log = await readLog({ cwd: root, cache: false });
    await syncOverview(log, ctx, { files: ['2025-06-01-infrastructure.md'] });
    // Decided, written the way this table writes it (✅); the row whose anchor names no sub-decision is left alone.
    expect(read('DECISIONS.md')).toBe(handKept.replace('| 1.6.25 | 🔴 | 🔄 | 🏃 |', '| 1.6.25 | 🔴 | ✅ | 🏃 |'));
  });
});
