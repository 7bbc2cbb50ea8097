/**
 * The package's public API (src/index.ts, shipped as dist/index.js): its runtime names are a
 * contract with other tools, so adding or removing one must be a deliberate change to this list.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'DIALECTS',
      'LINK_KINDS',
      'PRIORITIES',
      'STATUSES',
      'UsageError',
      'UserError',
      'canonicalCategory',
      'canonicalPriority',
      'canonicalStatus',
      'findLog',
      'parseBytes',
      'parseDate',
      'parseOverview',
      'parseRecord',
      'readLog',
    ]);
  });

  it('reads a record through the exported parser', () => {
    const { decision } = api.parseRecord('0001-x.md', '# 1. X\n\n## Status\n\nAccepted\n');
    expect(decision).toMatchObject({ id: '1', title: 'X', status: 'accepted', dialect: 'nygard' });
    expect(api.STATUSES).toContain('superseded');
  });
});
