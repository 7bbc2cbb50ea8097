/**
 * We use what we build: this repository's own decisions/ must read fully and check clean,
 * and its overview must be what `adr overview` would write.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const env = { ...process.env, NO_COLOR: '1', ADR_CACHE_DIR: mkdtempSync(join(tmpdir(), 'adr-own-cache-')) };

function adr(...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'dist', 'cli', 'bin.js'), ...args], { cwd: ROOT, encoding: 'utf8', env });
}

describe("this project's own decision log", () => {
  it('checks clean', () => {
    const result = adr('check', '--dir', 'decisions', '--format', 'json');
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(result.status).toBe(0);
  }, 60_000);

  it('reads every record in the primary format, with a status, date, priority and category', () => {
    const result = adr('list', '--json');
    expect(result.status).toBe(0);
    const records = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(records.length).toBeGreaterThanOrEqual(7);
    for (const r of records) {
      expect(r.dialect).toBe('summary');
      expect(r.status).not.toBeNull();
      expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.priority).not.toBeNull();
      expect(r.category).not.toBeNull();
      expect(r.overviewLink).toBe(true);
    }
  }, 60_000);

  it('has an overview that is up to date', () => {
    const result = adr('overview', '--check');
    expect(result.stdout + result.stderr).toContain('up to date');
    expect(result.status).toBe(0);
  }, 60_000);
});
