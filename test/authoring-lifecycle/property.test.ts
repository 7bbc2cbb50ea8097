/**
 * Property tests over every edit, on random records built from fragments of the four dialects
 * (with CRLF, BOM and Mac Roman mojibake): an edit never changes a byte outside its spans;
 * parsing the edited text yields exactly the intended facts and keeps every other fact; and
 * `adr abort` followed by `adr list --json` agrees with what abort said it did.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { abortEdits, verifyAbort } from '../../src/edit/abort.js';
import { linkEdits, reverseKind, verifyLink } from '../../src/edit/links.js';
import { applyEdits } from '../../src/edit/splice.js';
import { oneLine } from '../../src/edit/escape.js';
import { statusEdits, verifyStatus } from '../../src/edit/status.js';
import type { Decision, LinkKind, Status, TextEdit } from '../../src/model/index.js';
import { decodeCharmap } from '../../src/parse/charmaps.js';
import { encodeText } from '../../src/parse/encoding.js';
import { parseBytes, parseRecord } from '../../src/parse/index.js';
import { adr, listJson, tempLog } from './helpers.js';

const WORDS = ['use', 'Kafka', 'for', 'the', 'event', 'store', 'PostgreSQL', 'über', 'naïve', 'cache', 'C#', 'API', 'v2', 'rollout', '🚀', 'plan', 'GraphQL', 'team', '(beta)', 'x/y', 'né', "it's", '"quoted"', '50%', 'a:b', 'q&a'];
const word = fc.constantFrom(...WORDS);
const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(' '));
// Reasons that start like a block (heading, list, quote, fence, comment, rule) must stay a paragraph.
const reason = fc
  .tuple(
    fc.constantFrom('', '', '', '# ', '- ', '> ', '<!-- ', '1. ', '```', '---', '| '),
    words(1, 8),
    fc.constantFrom('', '.', '!', ' - really', ' (for now)', ': see #12', ' | piped', ' *starred*', ' `code`', ' [ref](other.md)', '\\', '\n second line'),
  )
  .map(([head, w, tail]) => head + w + tail);

interface ItemSpec {
  text: string;
  open: boolean;
  ref: '' | 'topic' | 'tbd';
}
const item: fc.Arbitrary<ItemSpec> = fc.record({ text: words(1, 7), open: fc.boolean(), ref: fc.constantFrom('', 'topic', 'tbd') as fc.Arbitrary<ItemSpec['ref']> });

interface Spec {
  dialect: 'summary' | 'summary-old' | 'nygard' | 'nygard-last' | 'madr2' | 'madr3';
  title: string;
  status: string;
  groups: ItemSpec[][];
  footer: 'none' | 'status' | 'decision-status';
  rule: boolean;
  eol: '\n' | '\r\n';
  bom: boolean;
  mojibake: boolean;
  links: boolean;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  dialect: fc.constantFrom('summary', 'summary-old', 'nygard', 'nygard-last', 'madr2', 'madr3') as fc.Arbitrary<Spec['dialect']>,
  title: words(1, 6),
  status: fc.constantFrom('accepted', 'proposed', 'postponed', 'draft'),
  groups: fc.array(fc.array(item, { maxLength: 4 }), { minLength: 0, maxLength: 3 }),
  footer: fc.constantFrom('none', 'status', 'decision-status') as fc.Arbitrary<Spec['footer']>,
  rule: fc.boolean(),
  eol: fc.constantFrom('\n', '\r\n') as fc.Arbitrary<Spec['eol']>,
  bom: fc.boolean(),
  mojibake: fc.boolean(),
  links: fc.boolean(),
});

const SUMMARY_STATUS: Record<string, string> = { accepted: '✅ **Accepted**', proposed: '❓ **Under Discussion**', postponed: '⏸️ **Postponed**', draft: '📝 **Draft**' };
const GROUPS = ['### 🔴 This Week (Urgent)', '### 🟡 Next 2 Weeks (Important)', '### 🟢 This Month (Planning)'];

function itemLine(i: ItemSpec): string {
  const ref = i.ref === 'topic' ? ' [[Hosting Topic]](2025-01-01-hosting.md)' : i.ref === 'tbd' ? ' [Community Platform Decision - TBD]' : '';
  return i.open ? `- [ ] ${i.text}${ref}` : `- [x] ~~${i.text}~~ ✅ done${ref}`;
}

/** A record text (LF) from a spec, and its file name. */
function build(s: Spec): { file: string; text: string } {
  const items = s.groups.flatMap((g, k) => (g.length ? [GROUPS[k % 3], '', ...g.map(itemLine), ''] : []));
  const actionItems = items.length ? ['## Action Items', '', ...items] : [];
  const related = s.links ? ['## Related Decisions', '', '- [Hosting](2025-01-01-hosting.md)', ''] : [];
  let lines: string[];
  let file: string;
  if (s.dialect === 'summary' || s.dialect === 'summary-old') {
    file = '2025-08-06-random.md';
    const header =
      s.dialect === 'summary'
        ? ['## Decision Summary', '', `**Status**: ${SUMMARY_STATUS[s.status]}\\`, '**Priority**: 🟡 **Important** (2 weeks)\\', '**Date**: 2025-08-06\\', '**Category**: 🏗️ Infrastructure', '']
        : ['**Decision Date**: 2025-08-06\\', `**Status**: ${SUMMARY_STATUS[s.status].replace(/\*\*/g, '')}\\`, '**Meeting Attendees**: Ana, Bo\\', '**Priority**: 🟡 Important (2 weeks)', ''];
    const footer =
      s.footer === 'none'
        ? []
        : ['---', '', '_Last Updated: 2025-08-06_\\', s.footer === 'status' ? '_Status: ✅ Approved_' : '_Decision Status: ❓ Under Discussion | Next Review: 2025-09-01_'];
    lines = [`# ${s.title}`, '', '[🚪 ← Back to Decisions Overview](../DECISIONS.md)', '', ...header, ...actionItems, ...(s.rule ? ['---', ''] : []), '## Context', '', `We ${s.title}.`, '', ...related, ...footer];
  } else if (s.dialect === 'nygard' || s.dialect === 'nygard-last') {
    file = '0004-random.md';
    const status = ['## Status', '', s.status[0].toUpperCase() + s.status.slice(1), '', ...(s.links ? ['Amends [1. Record architecture decisions](0001-record-architecture-decisions.md)', ''] : [])];
    const body = ['## Context', '', `We ${s.title}.`, '', ...actionItems];
    lines = [`# 4. ${s.title}`, '', 'Date: 2024-03-02', '', ...(s.dialect === 'nygard' ? [...status, ...body] : [...body, ...status])];
  } else if (s.dialect === 'madr2') {
    file = '0005-random.md';
    lines = [`# ${s.title}`, '', `* Status: ${s.status}`, '* Deciders: Ana, Bo', '* Date: 2020-02-10', '', '## Context and Problem Statement', '', `We ${s.title}.`, '', ...actionItems, ...(s.links ? ['## Links', '', '* Refined by [ADR-0001](0001-record-architecture-decisions.md)', ''] : [])];
  } else {
    file = '0006-random.md';
    lines = ['---', `status: ${s.status}`, 'date: 2023-01-05', 'deciders: Anna', '---', '', `# ${s.title}`, '', '## Context and Problem Statement', '', `We ${s.title}.`, '', ...actionItems];
  }
  let text = lines.join('\n');
  if (s.mojibake && s.dialect.startsWith('summary')) {
    // Like the real example: the emoji saved after a Mac Roman decode.
    text = text.replace(/\p{Extended_Pictographic}\uFE0F?/gu, (m) => decodeCharmap(Buffer.from(m, 'utf8'), 'mac-roman'));
  }
  return { file, text };
}

function bytesOf(s: Spec, text: string): Uint8Array {
  return encodeText(s.eol === '\r\n' ? text.replace(/\n/g, '\r\n') : text, { bom: s.bom });
}

/**
 * The bytes outside the edited spans are the same, at the place the spans' new lengths put them:
 * computed from the edits alone, not from the splice function under test.
 */
function assertOnlySpansChanged(before: string, edits: TextEdit[], bom: boolean, written: Uint8Array): void {
  const b = Buffer.from(encodeText(before, { bom }));
  const a = Buffer.from(written);
  const base = bom ? 3 : 0;
  const byteAt = (offset: number) => base + Buffer.byteLength(before.slice(0, offset), 'utf8');
  const sorted = [...edits].sort((x, y) => x.start - y.start);
  let from = 0; // byte offset in before
  let shift = 0; // after offset minus before offset
  if (bom) expect(a.subarray(0, 3).equals(b.subarray(0, 3))).toBe(true);
  for (const e of sorted) {
    const start = byteAt(e.start);
    const end = byteAt(e.end);
    expect(a.subarray(from + shift, start + shift).equals(b.subarray(from, start)), `bytes ${from}-${start} changed`).toBe(true);
    shift += Buffer.byteLength(e.text, 'utf8') - (end - start);
    from = end;
  }
  expect(a.subarray(from + shift).equals(b.subarray(from)), 'the tail changed').toBe(true);
  expect(a.length).toBe(b.length + shift);
}

/** Facts an edit must not touch. */
function keptFacts(d: Decision) {
  return {
    title: d.title,
    dialect: d.dialect,
    date: d.date,
    priority: d.priority,
    category: d.category,
    number: d.number,
    overviewLink: d.overviewLink,
    items: d.actionItems.map((i) => i.text),
    links: d.links.filter((l) => l.kind !== 'superseded-by').map((l) => `${l.kind} ${l.target}`),
  };
}

function decode(file: string, bytes: Uint8Array) {
  const p = parseBytes(file, bytes);
  expect(p.decision, JSON.stringify(p.diagnostics)).not.toBeNull();
  return { decision: p.decision!, text: p.text! };
}

function checkEol(s: Spec, after: string) {
  if (s.eol === '\r\n') expect(/(^|[^\r])\n/.test(after)).toBe(false);
  else expect(after.includes('\r')).toBe(false);
}

describe('properties of the edits', () => {
  test('abort: only its spans change; the record reads aborted with the reason; every other fact stays', () => {
    fc.assert(
      fc.property(spec, reason, (s, r) => {
        const { file, text } = build(s);
        const { decision, text: decoded } = decode(file, bytesOf(s, text));
        const plan = abortEdits(decision, decoded, { reason: r, today: '2025-08-07' });
        const after = applyEdits(decoded, plan.edits);
        const written = encodeText(after, { bom: s.bom });
        assertOnlySpansChanged(decoded, plan.edits, s.bom, written);
        checkEol(s, after);
        const re = decode(file, written).decision;
        expect(verifyAbort(re, r, decision)).toBeNull();
        expect(re.status).toBe('aborted');
        expect(re.encoding.bom).toBe(s.bom);
        if (!(re.dialect === 'madr3' || re.dialect === 'madr4')) expect(re.reason?.replace(/[*_`]/g, '')).toContain(oneLine(r).replace(/[*_`]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));
        expect(keptFacts(re)).toEqual({ ...keptFacts(decision), links: keptFacts(re).links });
        expect(keptFacts(re).links).toEqual(expect.arrayContaining(keptFacts(decision).links));
        // Exactly the open items were closed, each now aborted; the done ones are as they were.
        const open = decision.actionItems.filter((i) => !i.done);
        expect(plan.closed.map((i) => i.line)).toEqual(open.map((i) => i.line));
        re.actionItems.forEach((i, k) => {
          expect(i.done).toBe(true);
          if (!decision.actionItems[k].done) expect(i.aborted).toBe(true);
          else expect(i.raw).toBe(decision.actionItems[k].raw);
          expect(i.ref?.text ?? null).toBe(decision.actionItems[k].ref?.text ?? null);
        });
        expect(re.abortRationale).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  test('status: only its spans change; every record-level declaration says the new status; other facts stay', () => {
    const target = fc.constantFrom<Status>('accepted', 'rejected', 'deprecated', 'postponed', 'proposed', 'draft');
    fc.assert(
      fc.property(spec, target, fc.option(reason, { nil: null }), (s, status, r) => {
        const { file, text } = build(s);
        const { decision, text: decoded } = decode(file, bytesOf(s, text));
        const edits = statusEdits(decision, decoded, { status, reason: r, today: '2025-08-07' });
        const after = applyEdits(decoded, edits);
        const written = encodeText(after, { bom: s.bom });
        assertOnlySpansChanged(decoded, edits, s.bom, written);
        checkEol(s, after);
        const re = decode(file, written).decision;
        expect(verifyStatus(re, { status, reason: r })).toBeNull();
        // A reason may carry a link of its own: the record's links are kept, others may be added.
        expect(keptFacts(re)).toEqual({ ...keptFacts(decision), links: keptFacts(re).links });
        expect(keptFacts(re).links).toEqual(expect.arrayContaining(keptFacts(decision).links));
        // Rejecting ends the decision: its open items are closed as aborted; otherwise items stay as they were.
        const closes = status === 'rejected';
        expect(re.actionItems.map((i) => [i.done, i.aborted])).toEqual(decision.actionItems.map((i) => (closes && !i.done ? [true, true] : [i.done, i.aborted])));
        // The same change again changes nothing.
        expect(statusEdits(re, after, { status, reason: r, today: '2025-08-07' })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  test('links: both sides carry the link after one run, a second run adds nothing', () => {
    const kind = fc.constantFrom<LinkKind>('supersedes', 'superseded-by', 'amends', 'amended-by', 'relates');
    fc.assert(
      fc.property(spec, spec, kind, (s1, s2, k) => {
        const a = build(s1);
        const b0 = build(s2);
        const b = { ...b0, file: b0.file === a.file ? `sub-${b0.file}` : b0.file };
        const A = decode(a.file, bytesOf(s1, a.text));
        const B = decode(b.file, bytesOf(s2, b.text));
        const t = (d: Decision) => ({ file: d.file, title: d.title, number: d.number, dialect: d.dialect });
        const sides: Array<[typeof A, Spec, Decision, LinkKind]> = [
          [A, s1, B.decision, k],
          [B, s2, A.decision, reverseKind(k)],
        ];
        for (const [side, s, other, kk] of sides) {
          const edits = linkEdits(side.decision, side.text, { kind: kk, target: t(other), today: '2025-08-07' });
          const after = applyEdits(side.text, edits);
          const written = encodeText(after, { bom: s.bom });
          assertOnlySpansChanged(side.text, edits, s.bom, written);
          checkEol(s, after);
          const re = decode(side.decision.file, written).decision;
          expect(verifyLink(re, kk, other.file)).toBeNull();
          expect(linkEdits(re, after, { kind: kk, target: t(other), today: '2025-08-07' })).toEqual([]);
          const { links: _l, ...rest } = keptFacts(re);
          const { links: _l0, ...rest0 } = keptFacts(side.decision);
          expect(rest).toEqual(rest0);
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

describe('abort then list', () => {
  test('adr list --json agrees with what adr abort --json said it did', async () => {
    await fc.assert(
      fc.asyncProperty(spec, reason, async (s, r) => {
        const t = tempLog();
        try {
          const { file, text } = build(s);
          writeFileSync(join(t.dir, file), bytesOf(s, text));
          const res = await adr(t.root, ['abort', file, `--reason=${r}`, '--json']);
          expect(res.code, res.stderr).toBe(0);
          const said = JSON.parse(res.stdout);
          const [d] = await listJson(t.root);
          expect(d.file).toBe(said.file);
          expect(d.status).toBe(said.status);
          expect(said.status).toBe('aborted');
          if (!(d.dialect === 'madr3' || d.dialect === 'madr4')) expect(d.reason.replace(/[*_`]/g, '')).toContain(said.reason.replace(/[*_`]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));
          const lines = new Set(said.closedItems.map((i: { line: number }) => i.line));
          for (const i of d.actionItems) {
            expect(i.done).toBe(true);
            if (lines.has(i.line)) expect(i.aborted).toBe(true);
          }
          expect(d.actionItems.filter((i: { done: boolean; aborted: boolean }) => !i.done).length).toBe(0);
        } finally {
          t.cleanup();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
