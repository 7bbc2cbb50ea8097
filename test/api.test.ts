/**
 * The package's public API (src/index.ts, shipped as dist/index.js): its runtime names are a
 * contract with other tools, so adding or removing one must be a deliberate change to this list.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as api from '../src/index.js';

describe('public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'DIALECTS',
      'LINK_KINDS',
      'PRIORITIES',
      'RULES',
      'STATUSES',
      'UsageError',
      'UserError',
      'applyFixes',
      'canonicalCategory',
      'canonicalPriority',
      'canonicalStatus',
      'findLog',
      'fixLog',
      'lintLog',
      'lintLogAt',
      'logSource',
      'parseBytes',
      'parseDate',
      'parseOverview',
      'parseRecord',
      'planFixes',
      'readLog',
      'ruleById',
      'verifyOverview',
      'verifyRecord',
    ]);
  });

  it('reads a record through the exported parser', () => {
    const { decision } = api.parseRecord('0001-x.md', '# 1. X\n\n## Status\n\nAccepted\n');
    expect(decision).toMatchObject({ id: '1', title: 'X', status: 'accepted', dialect: 'nygard' });
    expect(api.STATUSES).toContain('superseded');
  });

  it('checks a log and fixes it through the exported engine, as adr check --fix does', async () => {
    const root = mkdtempSync(join(tmpdir(), 'adr-api-'));
    const dir = join(root, 'doc', 'adr');
    mkdirSync(dir, { recursive: true });
    const nygard = (n: number, title: string, status: string) => `# ${n}. ${title}\n\nDate: 2016-02-12\n\n## Status\n\n${status}\n\n## Context\n\nC.\n\n## Decision\n\nD.\n\n## Consequences\n\nE.\n`;
    writeFileSync(join(dir, '0001-use-mysql.md'), nygard(1, 'Use MySQL', 'Accepted'));
    writeFileSync(join(dir, '0002-use-postgres.md'), nygard(2, 'Use Postgres', 'Accepted\n\nSupersedes [1. Use MySQL](0001-use-mysql.md)'));
    const now = new Date('2026-01-15T12:00:00Z');
    const lint = () => api.lintLogAt({ cwd: root, now, rules: api.RULES, cache: false });
    const first = await lint();
    expect(first.result.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual(['0001-use-mysql.md:7 relation-reciprocal', '0001-use-mysql.md:7 supersede-accepted']);
    expect(api.planFixes(first.result.diagnostics).get('0001-use-mysql.md')?.map((f) => f.rule)).toEqual(['relation-reciprocal']);

    const run = await api.fixLog({ lint, first });
    expect([...run.changed.keys()]).toEqual(['0001-use-mysql.md']);
    expect(run.notFixed).toEqual([]);
    expect(run.last.result.diagnostics).toEqual([]);
    expect(readFileSync(join(dir, '0001-use-mysql.md'), 'utf8')).toContain('Superseded by [2. Use Postgres](0002-use-postgres.md)');
  });

  it('verifies a fixed record before it is written: a fix that changes the title is refused', () => {
    const text = '# 1. X\n\n## Status\n\nAccepted\n';
    const before = api.parseRecord('0001-x.md', text).decision!;
    const verify = api.verifyRecord('0001-x.md', before, { bom: false, overviewName: 'DECISIONS.md', mangledBefore: null, superseding: false });
    expect(verify(text)).toBeNull();
    expect(verify(text.replace('# 1. X', '# 1. Y'))).toBe('the fixed file has another title');
  });
});
