/**
 * Runs one edit case of test/fixtures/edit/ on in-memory files, through the pure edit functions:
 * decode, parse, plan, splice, verify by re-parsing, encode (BOM kept). Shared by the golden,
 * invariance and property tests.
 */
import { abortEdits, verifyAbort } from '../../src/edit/abort.js';
import { linkEdits, reverseKind, verifyLink } from '../../src/edit/links.js';
import { applyEdits } from '../../src/edit/splice.js';
import { statusEdits, verifyStatus } from '../../src/edit/status.js';
import type { Decision, LinkKind, Status, TextEdit } from '../../src/model/index.js';
import { encodeText } from '../../src/parse/encoding.js';
import { parseBytes, parseRecord } from '../../src/parse/index.js';

/** A case.json. */
export type EditCase =
  | { op: 'abort'; file: string; reason: string; today: string }
  | { op: 'status'; file: string; status: Status; reason?: string; today: string }
  | { op: 'link'; source: string; kind: LinkKind; target: string; spelling?: 'Superseded' | 'Superceded'; today: string };

/** One file's edit: the text read, the edits, the text after, and the bytes written. */
export interface FileEdit {
  file: string;
  bom: boolean;
  before: string;
  edits: TextEdit[];
  after: string;
  bytes: Uint8Array;
}

export function read(file: string, bytes: Uint8Array): { decision: Decision; text: string } {
  const parsed = parseBytes(file, bytes);
  if (!parsed.decision || parsed.text === null) throw new Error(`${file}: not readable: ${parsed.diagnostics[0]?.message}`);
  return { decision: parsed.decision, text: parsed.text };
}

function finish(file: string, decision: Decision, text: string, edits: TextEdit[], verify: (after: Decision | null) => string | null): FileEdit {
  const after = applyEdits(text, edits);
  const problem = verify(parseRecord(file, after, { bom: decision.encoding.bom }).decision);
  if (problem) throw new Error(`${file}: ${problem}`);
  return { file, bom: decision.encoding.bom, before: text, edits, after, bytes: encodeText(after, { bom: decision.encoding.bom }) };
}

/** Runs `c` on `files` (name to bytes); returns the edits per changed file. */
export function runCase(c: EditCase, files: Map<string, Uint8Array>): FileEdit[] {
  const get = (name: string) => {
    const bytes = files.get(name);
    if (!bytes) throw new Error(`case names ${name}, which is not among its files`);
    return read(name, bytes);
  };
  if (c.op === 'abort') {
    const { decision, text } = get(c.file);
    const plan = abortEdits(decision, text, { reason: c.reason, today: c.today });
    return [finish(c.file, decision, text, plan.edits, (after) => verifyAbort(after, c.reason, decision))];
  }
  if (c.op === 'status') {
    const { decision, text } = get(c.file);
    const edits = statusEdits(decision, text, { status: c.status, reason: c.reason ?? null, today: c.today });
    return [finish(c.file, decision, text, edits, (after) => verifyStatus(after, { status: c.status, reason: c.reason ?? null }))];
  }
  const src = get(c.source);
  const tgt = get(c.target);
  const target = (d: Decision) => ({ file: d.file, title: d.title, number: d.number, dialect: d.dialect });
  const spelling = c.spelling ?? 'Superseded';
  const back = reverseKind(c.kind);
  return [
    finish(c.source, src.decision, src.text, linkEdits(src.decision, src.text, { kind: c.kind, target: target(tgt.decision), spelling, today: c.today }), (a) =>
      verifyLink(a, c.kind, c.target),
    ),
    finish(c.target, tgt.decision, tgt.text, linkEdits(tgt.decision, tgt.text, { kind: back, target: target(src.decision), spelling, today: c.today }), (a) =>
      verifyLink(a, back, c.source),
    ),
  ];
}
