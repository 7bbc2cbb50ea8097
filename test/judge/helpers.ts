/**
 * Helpers for the judge tests: copies of real public decision logs (test/fixtures/judge/, see each SOURCE.md)
 * in temp folders, `adr` run in-process with a fixed clock, line diffs, and the two manglings real files suffer.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../helpers/run-in-process.js';

/** The clock of every judge test: the day after the newest record of the summary log. */
export const NOW = new Date('2025-08-08T12:00:00Z');

/** The real logs committed under test/fixtures/judge/. */
export type RealLog = 'adr-tools' | 'adr-tools-superceded' | 'log4brains' | 'madr' | 'summary';

/** Where each real log keeps its records, relative to the copy's root. */
export const LOG_DIR: Record<RealLog, string> = {
  'adr-tools': 'doc/adr',
  'adr-tools-superceded': 'doc/adr',
  log4brains: 'docs/adr',
  madr: 'docs/decisions',
  summary: 'decisions',
};

const FIXTURES = new URL('../fixtures/judge/', import.meta.url);

/** Path of a committed fixture file. */
export function fixturePath(log: RealLog, file: string): string {
  return new URL(`${log}/${file}`, FIXTURES).pathname;
}

/** Bytes of a committed fixture file. */
export function fixtureBytes(log: RealLog, file: string): Buffer {
  return readFileSync(fixturePath(log, file));
}

/** A fresh temp copy of a real log; returns its root. */
export function copyLog(log: RealLog): string {
  const dir = mkdtempSync(join(tmpdir(), `adr-judge-${log}-`));
  cpSync(new URL(`${log}/`, FIXTURES).pathname, dir, { recursive: true });
  // MADR 0013 links an image that exists in the real repository but is not committed here.
  if (log === 'madr') writeFileSync(join(dir, 'docs/decisions/0013-example.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  return dir;
}

/** Runs `adr ...argv` in `cwd` in-process (the shared runner), without a terminal or colour, at the judge clock. */
export async function adr(
  argv: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return runInProcess(argv, cwd, { now: NOW, env: { ADR_CACHE_DIR: join(cwd, '.cache-judge'), NO_COLOR: '1', ...env } });
}

/** One finding of `adr check --format json`. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fixable: boolean;
}

/** The findings of `adr check --format json` in `cwd` (extra args appended). */
export async function findings(cwd: string, extra: string[] = []): Promise<Finding[]> {
  const { stdout, stderr, code } = await adr(['check', '--format', 'json', '--no-cache', ...extra], cwd);
  if (code === 2) throw new Error(`adr check failed: ${stderr}`);
  return JSON.parse(stdout) as Finding[];
}

/** `file rule` of each finding, sorted, for compact comparisons. */
export function summarise(list: Finding[]): string[] {
  return list.map((f) => `${f.file}:${f.line} ${f.severity} ${f.rule}`).sort();
}

/** The records of `adr list --json` in `cwd`. */
export async function records(cwd: string): Promise<Array<Record<string, any>>> {
  const { stdout, code, stderr } = await adr(['list', '--json', '--no-cache'], cwd);
  if (code !== 0) throw new Error(`adr list failed: ${stderr}`);
  return JSON.parse(stdout);
}

/**
 * Lines removed from `before` and added in `after` (a longest-common-subsequence diff on lines that keep their
 * line endings), so a test can say exactly which lines an edit may touch.
 */
export function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split(/(?<=\n)/);
  const b = after.split(/(?<=\n)/);
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) added.push(b[j++]);
    else removed.push(a[i++]);
  }
  return { removed, added };
}

/** Reads a file of a copy as text. */
export function text(root: string, file: string): string {
  return readFileSync(join(root, file), 'utf8');
}

/** Reads a file of a copy as bytes. */
export function bytes(root: string, file: string): Buffer {
  return readFileSync(join(root, file));
}

// Windows-1252 0x80-0x9F; the five undefined bytes pass through as C1 controls, as browsers and .NET decode them.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** UTF-8 bytes read as Windows-1252 and saved again as UTF-8 (`🚪` becomes `ðŸšª`). */
export function mangleWindows1252(data: Uint8Array): Buffer {
  let out = '';
  for (const byte of data) out += String.fromCharCode(byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : byte);
  return Buffer.from(out, 'utf8');
}

/** UTF-8 bytes read as Mac Roman and saved again as UTF-8 (`🚪` becomes `üö™`). */
export function mangleMacRoman(data: Uint8Array): Buffer {
  return Buffer.from(new TextDecoder('macintosh').decode(data), 'utf8');
}
