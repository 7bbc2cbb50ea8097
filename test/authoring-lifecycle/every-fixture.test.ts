/**
 * Every record of every dialect fixture log in the tree (test/fixtures/dialects, written by
 * others from real and hand-made logs), through every edit: abort, each status, and a link to
 * another record. Each either refuses cleanly (a record that is not readable) or gives a record
 * that reads exactly as intended, with no byte outside its spans changed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { abortEdits, verifyAbort } from '../../src/edit/abort.js';
import { linkEdits, reverseKind, verifyLink } from '../../src/edit/links.js';
import { applyEdits } from '../../src/edit/splice.js';
import { statusEdits, verifyStatus } from '../../src/edit/status.js';
import type { Decision, LinkKind, Status, TextEdit } from '../../src/model/index.js';
import { parseBytes, parseRecord } from '../../src/parse/index.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'dialects');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return /\.md$/i.test(name) && !/^(DECISIONS|README|index|template|adr-template.*)\.md$/i.test(name) ? [path] : [];
  });
}

const records = walk(ROOT)
  .map((path) => {
    const file = relative(ROOT, path).split('\\').join('/').replace(/^[^/]+\//, '');
    const parsed = parseBytes(file, readFileSync(path));
    return parsed.decision && parsed.text !== null ? { path: relative(ROOT, path), decision: parsed.decision, text: parsed.text } : null;
  })
  .filter((r): r is { path: string; decision: Decision; text: string } => r !== null);

/** Text outside the spans is the same text, in order. */
function outsideKept(before: string, edits: TextEdit[], after: string): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let at = 0;
  let shift = 0;
  for (const e of sorted) {
    expect(after.slice(at + shift, e.start + shift)).toBe(before.slice(at, e.start));
    shift += e.text.length - (e.end - e.start);
    at = e.end;
  }
  expect(after.slice(at + shift)).toBe(before.slice(at));
}

function reparse(d: Decision, after: string): Decision {
  return parseRecord(d.file, after, { bom: d.encoding.bom }).decision!;
}

describe('every dialect fixture record', () => {
  test('there are records of every dialect to edit', () => {
    const dialects = new Set(records.map((r) => r.decision.dialect));
    for (const d of ['summary', 'nygard', 'madr2', 'madr3', 'madr4', 'log4brains']) expect(dialects).toContain(d);
  });

  test.each(records.map((r) => [r.path, r] as const))('%s: abort', (_, r) => {
    const plan = abortEdits(r.decision, r.text, { reason: 'Replaced by a managed service', today: '2025-08-07' });
    const after = applyEdits(r.text, plan.edits);
    outsideKept(r.text, plan.edits, after);
    expect(verifyAbort(reparse(r.decision, after), 'Replaced by a managed service', r.decision)).toBeNull();
  });

  test.each(records.map((r) => [r.path, r] as const))('%s: every status', (_, r) => {
    for (const status of ['accepted', 'rejected', 'deprecated', 'postponed', 'proposed', 'draft'] as Status[]) {
      const edits = statusEdits(r.decision, r.text, { status, reason: status === 'rejected' ? 'Too costly' : null, today: '2025-08-07' });
      const after = applyEdits(r.text, edits);
      outsideKept(r.text, edits, after);
      expect(verifyStatus(reparse(r.decision, after), { status, reason: status === 'rejected' ? 'Too costly' : null }), status).toBeNull();
    }
  });

  // Every record with another record of its fixture folder to link to (a folder of one record has none).
  const partnerOf = (r: (typeof records)[number]) => records.find((o) => o.path.split('/')[0] === r.path.split('/')[0] && o.decision.file !== r.decision.file);
  test.each(records.filter((r) => partnerOf(r)).map((r) => [r.path, r] as const))('%s: every link kind, both sides', (_, r) => {
    const other = partnerOf(r)!;
    const t = (d: Decision) => ({ file: d.file, title: d.title, number: d.number, dialect: d.dialect });
    for (const kind of ['supersedes', 'superseded-by', 'amends', 'amended-by', 'relates'] as LinkKind[]) {
      for (const [self, target, k] of [
        [r, other, kind],
        [other, r, reverseKind(kind)],
      ] as const) {
        const edits = linkEdits(self.decision, self.text, { kind: k, target: t(target.decision), today: '2025-08-07' });
        const after = applyEdits(self.text, edits);
        outsideKept(self.text, edits, after);
        expect(verifyLink(reparse(self.decision, after), k, target.decision.file), `${self.path} ${k}`).toBeNull();
      }
    }
  });
});
