/**
 * `adr status` (and accept/reject/...), `adr supersede` and `adr link` end to end in temp logs:
 * both sides written, read back by `adr list --json`, idempotent, and all-or-nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { adr, FIXTURES, fixtureLogs, listJson, read, readBytes } from './helpers.js';

const log = fixtureLogs();

const byFile = async (root: string) => Object.fromEntries((await listJson(root)).map((d) => [d.file, d]));

describe('adr status and its shortcuts', () => {
  test('accept: header and footer change, list agrees, a second run changes nothing', async () => {
    const { root, dir } = log('status-summary-accept');
    const file = '2025-09-01-use-postgresql.md';
    const r = await adr(root, ['accept', 'postgres'], { TZ: 'UTC' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('proposed → accepted');
    expect(read(join(dir, file))).toBe(read(join(FIXTURES, 'status-summary-accept', 'after', file)).replace('2025-09-02', '2025-08-07'));
    const d = (await byFile(root))[file];
    expect(d.status).toBe('accepted');
    const bytes = readBytes(join(dir, file));
    const again = await adr(root, ['status', file, 'accepted']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already accepted; nothing changed');
    expect(readBytes(join(dir, file)).equals(bytes)).toBe(true);
  });

  test.each([
    ['reject', 'rejected', 'Too costly to operate', 'Rejected - Too costly to operate'],
    ['postpone', 'postponed', 'Waiting for budget', 'Postponed - Waiting for budget'],
    ['deprecate', 'deprecated', undefined, 'Deprecated'],
  ])('%s writes Nygard\'s "## Status" paragraph', async (verb, status, reason, line) => {
    const { root, dir } = log('abort-nygard');
    const r = await adr(root, [verb, '2', ...(reason ? ['--reason', reason] : [])]);
    expect(r.code).toBe(0);
    const text = read(join(dir, '0002-use-kafka.md'));
    expect(text).toContain(`## Status\n\n${line}\n\nAmends [1. Record architecture decisions]`);
    const [d] = await listJson(root);
    expect(d.status).toBe(status);
    expect(d.reason).toBe(reason ?? null);
  });

  test('synonyms are understood; aborted goes to adr abort; superseded needs adr supersede; unknown words are usage errors', async () => {
    const { root } = log('abort-madr2');
    expect((await adr(root, ['status', '4', 'approved'])).code).toBe(0);
    expect((await listJson(root))[0].status).toBe('accepted');
    const sup = await adr(root, ['status', '4', 'superseded']);
    expect(sup.code).toBe(2);
    expect(sup.stderr).toContain("adr supersede 4 NEW");
    const bogus = await adr(root, ['status', '4', 'frobnicated']);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain("unknown status 'frobnicated'");
    // The shortcut verbs work as STATUS words too.
    expect((await adr(root, ['status', '4', 'deprecate'])).code).toBe(0);
    expect((await listJson(root))[0].status).toBe('deprecated');
    const ab = await adr(root, ['status', '4', 'aborted', '--reason', 'moved to the wiki']);
    expect(ab.code).toBe(0);
    expect((await listJson(root))[0]).toMatchObject({ status: 'aborted', reason: 'moved to the wiki' });
  });

  test('--dry-run prints the diff and writes nothing', async () => {
    const { root, dir } = log('abort-madr3');
    const before = readBytes(join(dir, '0003-use-plain-junit5.md'));
    const r = await adr(root, ['reject', 'junit', '--reason', 'AssertJ', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('-status: accepted');
    expect(r.stdout).toContain('+status: rejected');
    expect(r.stdout).toContain('+## Status Rationale');
    expect(readBytes(join(dir, '0003-use-plain-junit5.md')).equals(before)).toBe(true);
  });
});

describe('adr supersede', () => {
  test('Nygard: both sides, the old one superseded, back-links computed, twice adds nothing', async () => {
    const { root, dir } = log('link-supersede-nygard');
    const r = await adr(root, ['supersede', '1', '2']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of ['0001-record-architecture-decisions.md', '0002-use-madr.md']) {
      expect(read(join(dir, f))).toBe(read(join(FIXTURES, 'link-supersede-nygard', 'after', f)));
    }
    const d = await byFile(root);
    expect(d['0001-record-architecture-decisions.md'].status).toBe('superseded');
    expect(d['0001-record-architecture-decisions.md'].links).toContainEqual(expect.objectContaining({ kind: 'superseded-by', target: '0002-use-madr.md' }));
    expect(d['0002-use-madr.md'].links).toContainEqual(expect.objectContaining({ kind: 'supersedes', target: '0001-record-architecture-decisions.md' }));
    expect(d['0002-use-madr.md'].status).toBe('accepted');
    const again = await adr(root, ['supersede', '1', '2']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already linked on both sides');
  });

  test('the config can ask for the adr-tools spelling "Superceded"', async () => {
    const { root, dir } = log('link-supersede-nygard');
    writeFileSync(join(root, '.adr.json'), JSON.stringify({ dir: 'decisions', supersededSpelling: 'Superceded' }));
    expect((await adr(root, ['supersede', '0001', '0002'])).code).toBe(0);
    expect(read(join(dir, '0001-record-architecture-decisions.md'))).toContain('\nSuperceded by [2. Use MADR](0002-use-madr.md)\n');
    expect((await byFile(root))['0001-record-architecture-decisions.md'].status).toBe('superseded');
  });

  test('summary: the status line and footer of the old one, a Related Decisions line in the new one', async () => {
    const { root, dir } = log('link-supersede-summary');
    const r = await adr(root, ['supersede', 'heroku', 'fly', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.target).toMatchObject({ file: '2025-08-01-hosting-on-heroku.md', kind: 'superseded-by', previousStatus: 'accepted', status: 'superseded' });
    expect(read(join(dir, '2025-08-01-hosting-on-heroku.md'))).toContain('**Status**: Superseded by [Hosting on Fly.io](2025-08-20-hosting-on-fly.md)\\');
    expect(read(join(dir, '2025-08-20-hosting-on-fly.md'))).toContain('- Supersedes [Hosting on Heroku](2025-08-01-hosting-on-heroku.md)');
    const d = await byFile(root);
    expect(d['2025-08-01-hosting-on-heroku.md'].backlinks).toContainEqual(expect.objectContaining({ file: '2025-08-20-hosting-on-fly.md', kind: 'supersedes' }));
  });
});

describe('adr link', () => {
  test('amends / amended-by on both sides; unknown kinds are usage errors', async () => {
    const { root, dir } = log('link-amends-nygard');
    const r = await adr(root, ['link', '3', 'amends', 'use-kafka']);
    expect(r.code).toBe(0);
    for (const f of ['0002-use-kafka.md', '0003-kafka-retention.md']) {
      expect(read(join(dir, f))).toBe(read(join(FIXTURES, 'link-amends-nygard', 'after', f)));
    }
    expect((await adr(root, ['link', '3', 'Amended_by', '2'])).code).toBe(0);
    expect((await adr(root, ['link', '3', 'blocks', '2'])).code).toBe(2);
    expect((await adr(root, ['link', '3', 'relates', '3'])).code).toBe(1);
  });

  test("adr-tools' four-argument form: free labels become a relates link on both sides", async () => {
    const { root, dir } = log('link-amends-nygard');
    expect((await adr(root, ['link', '3', 'Clarifies', '2', 'Clarified by'])).code).toBe(0);
    expect(read(join(dir, '0003-kafka-retention.md'))).toContain('\nClarifies [2. Use Kafka for messaging](0002-use-kafka.md)\n');
    expect(read(join(dir, '0002-use-kafka.md'))).toContain('\nClarified by [3. Kafka retention of seven days](0003-kafka-retention.md)\n');
    expect((await adr(root, ['link', '3', 'Amends', '1', 'Amended by'])).code).toBe(0);
    const d = await byFile(root);
    expect(d['0003-kafka-retention.md'].links).toContainEqual(expect.objectContaining({ kind: 'amends', target: '0001-record-architecture-decisions.md' }));
    expect(d['0001-record-architecture-decisions.md'].links).toContainEqual(expect.objectContaining({ kind: 'amended-by', target: '0003-kafka-retention.md' }));
    expect(d['0002-use-kafka.md'].links).toContainEqual(expect.objectContaining({ kind: 'relates', target: '0003-kafka-retention.md' }));
  });

  test('all or nothing: when the second side cannot be written as intended, the first is put back', async () => {
    const { root, dir } = log('abort-nygard');
    // A MADR 2 record whose end is inside an unclosed HTML comment: a link added at the end would be invisible.
    const target = '# Use a message bus\n\n* Status: accepted\n\n## Context\n\nText.\n\n<!-- notes, never closed\n';
    writeFileSync(join(dir, '0009-use-a-bus.md'), target);
    const source = readBytes(join(dir, '0002-use-kafka.md'));
    const r = await adr(root, ['link', '2', 'amends', '9']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not written');
    expect(readBytes(join(dir, '0002-use-kafka.md')).equals(source)).toBe(true);
    expect(read(join(dir, '0009-use-a-bus.md'))).toBe(target);
  });
});
