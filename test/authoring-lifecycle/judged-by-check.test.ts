/**
 * `adr check` is the judge of what the lifecycle commands write: for every golden case, checking
 * the log after the edit finds no problem that checking it before did not (by file and rule),
 * and the edited records have none of the status, relation and action-item problems at all.
 */
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { lintLog } from '../../src/lint/engine.js';
import { RULES } from '../../src/rules/index.js';
import { readLog } from '../../src/store/read-log.js';
import { FIXTURES, NOW, tempLog } from './helpers.js';

const cases = readdirSync(FIXTURES).filter((c) => existsSync(join(FIXTURES, c, 'after')));

/** The rules an edit of ours is responsible for. */
const OURS = new Set(['status-mismatch', 'status-missing', 'status-unknown', 'aborted-open-items', 'abort-rationale', 'relation-reciprocal', 'superseded-successor', 'supersede-accepted', 'supersede-cycle']);

async function check(folder: string): Promise<Array<{ file: string; rule: string; message: string }>> {
  const t = tempLog();
  try {
    cpSync(folder, t.dir, { recursive: true });
    // The engine `adr check` runs, on the log as `adr check` reads it.
    const log = await readLog({ cwd: t.root, cache: false });
    const result = lintLog(log, { rules: RULES, now: NOW });
    expect(result.failures).toEqual([]);
    return result.diagnostics.map((d) => ({ file: d.file, rule: d.rule, message: d.message }));
  } finally {
    t.cleanup();
  }
}

describe('what the lifecycle edits write passes adr check', () => {
  test.each(cases)('%s', async (c) => {
    const spec = JSON.parse(readFileSync(join(FIXTURES, c, 'case.json'), 'utf8'));
    const edited: string[] = spec.op === 'link' ? [spec.source, spec.target] : [spec.file];
    const before = await check(join(FIXTURES, c, 'before'));
    const after = await check(join(FIXTURES, c, 'after'));
    const key = (d: { file: string; rule: string }) => `${d.file} ${d.rule}`;
    const known = new Set(before.map(key));
    expect(after.filter((d) => !known.has(key(d)))).toEqual([]);
    expect(after.filter((d) => edited.includes(d.file) && OURS.has(d.rule) && !(d.rule === 'relation-reciprocal' && known.has(key(d))))).toEqual([]);
  }, 30_000);
});
