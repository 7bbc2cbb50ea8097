/**
 * One "today": every command and `adr check --fix` write the calendar day of the zone TZ names (UTC
 * without it), so a fix and a link run at the same moment near midnight write the same date.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/model/today.js';
import { runCli, tempDir, writeFiles } from '../authoring-new/helpers.js';

const record = (title: string, related: string) => `# ${title}

## Decision Summary

**Status**: ✅ Approved\\
**Date**: 2025-08-06

## Context

Text.

## Related Decisions

${related}

---

_Last Updated: 2025-08-06_
`;

// 23:30 UTC on the 15th is already the 16th east of UTC+1 and still the 15th in UTC.
const NEAR_MIDNIGHT = new Date('2026-01-15T23:30:00Z');

/** A log where the new record claims to supersede the old one, which does not say so yet. */
function oneWayLog(): string {
  const root = tempDir('adr-today-');
  writeFiles(root, {
    'decisions/2025-08-06-old.md': record('Old', '- Relates to nothing'),
    'decisions/2025-08-07-new.md': record('New', '- Supersedes [Old](2025-08-06-old.md)'),
  });
  return root;
}

const footer = (root: string, file: string) => /_Last Updated: (\d{4}-\d{2}-\d{2})_/.exec(readFileSync(join(root, 'decisions', file), 'utf8'))?.[1];

describe('check --fix and adr link write the same day', () => {
  for (const tz of [undefined, 'Europe/Berlin', 'Pacific/Kiritimati']) {
    it(`TZ=${tz ?? '(unset)'}`, async () => {
      const env = tz ? { TZ: tz } : {};
      const fixed = oneWayLog();
      const fix = await runCli(['check', '--fix', '--rule', 'relation-reciprocal'], fixed, { now: NEAR_MIDNIGHT, env });
      expect(fix.stdout).toContain('Fixed decisions/2025-08-06-old.md');
      const linked = oneWayLog();
      const link = await runCli(['supersede', 'old', 'new'], linked, { now: NEAR_MIDNIGHT, env });
      expect(link.code, link.stderr).toBe(0);
      const day = localDate(NEAR_MIDNIGHT, tz);
      expect(footer(fixed, '2025-08-06-old.md')).toBe(day);
      expect(footer(linked, '2025-08-06-old.md')).toBe(day);
    });
  }
});
