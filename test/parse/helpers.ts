/**
 * Shared helpers of the parser tests: read a fixture log through the real reader, and compare
 * what it found with the facts a careful reader wrote down in the fixture's expected.json.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import type { Decision, Log } from '../../src/model/index.js';
import { readLog } from '../../src/store/read-log.js';

/** Absolute path of test/fixtures/dialects/<sub>. */
export function fixture(...sub: string[]): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'dialects', ...sub);
}

/** Reads a fixture log without the parse cache. */
export async function readFixtureLog(dir: string): Promise<Log> {
  return readLog({ cwd: dir, dir, cache: false });
}

/** The facts expected.json pins for one record. */
export interface ExpectedRecord {
  title: string;
  dialect: Decision['dialect'];
  status: Decision['status'];
  statusText: string | null;
  reason: string | null;
  date: string | null;
  priority: Decision['priority'];
  category: string | null;
  deciders?: string[];
  attendees?: string[];
  consulted?: string[];
  informed?: string[];
  tags?: string[];
  summary?: string;
  actionItems: Array<{ text: string; done: boolean; aborted: boolean; group: string | null; line: number }>;
  links: Array<{ target: string; anchor: string | null; kind: string; line: number }>;
  backlinks: Array<{ file: string; kind: string }>;
  subDecisions?: Array<{ id: string; title: string; decision: string | null; status: Decision['status'] }>;
}

/** Projects a parsed record onto the shape of expected.json, so a mismatch shows as one readable diff. */
export function project(d: Decision): ExpectedRecord {
  const e: ExpectedRecord = {
    title: d.title,
    dialect: d.dialect,
    status: d.status,
    statusText: d.statusText,
    reason: d.reason,
    date: d.date,
    priority: d.priority,
    category: d.category,
    actionItems: [],
    links: [],
    backlinks: [],
  };
  if (d.deciders.length) e.deciders = d.deciders;
  if (d.attendees.length) e.attendees = d.attendees;
  if (d.consulted.length) e.consulted = d.consulted;
  if (d.informed.length) e.informed = d.informed;
  if (d.tags.length) e.tags = d.tags;
  if (d.summary) e.summary = d.summary;
  e.actionItems = d.actionItems.map((a) => ({ text: a.text, done: a.done, aborted: a.aborted, group: a.group, line: a.line }));
  e.links = d.links.map((l) => ({ target: l.target, anchor: l.anchor, kind: l.kind, line: l.line }));
  e.backlinks = d.backlinks.map((b) => ({ file: b.file, kind: b.kind }));
  if (d.subDecisions.length) e.subDecisions = d.subDecisions.map((s) => ({ id: s.id, title: s.title, decision: s.decision, status: s.status }));
  // Key order as in expected.json, so the diff lines up.
  const ordered: Record<string, unknown> = {};
  for (const key of ['title', 'dialect', 'status', 'statusText', 'reason', 'date', 'priority', 'category', 'deciders', 'attendees', 'consulted', 'informed', 'tags', 'summary', 'actionItems', 'links', 'backlinks', 'subDecisions']) {
    if ((e as unknown as Record<string, unknown>)[key] !== undefined) ordered[key] = (e as unknown as Record<string, unknown>)[key];
  }
  return ordered as unknown as ExpectedRecord;
}

/** Asserts that the log holds exactly the expected records with exactly the expected facts. */
export function expectLog(log: Log, expected: { records: Record<string, ExpectedRecord>; unreadable: string[] }): void {
  expect(log.decisions.map((d) => d.file).sort()).toEqual(Object.keys(expected.records).sort());
  for (const d of log.decisions) expect({ file: d.file, ...project(d) }).toEqual({ file: d.file, ...expected.records[d.file] });
  expect(log.diagnostics.filter((x) => x.severity === 'error').map((x) => x.file)).toEqual(expected.unreadable);
}

/** Parses one record given as lines. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}
