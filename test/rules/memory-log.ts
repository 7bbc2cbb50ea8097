/**
 * Builds a Log from an in-memory example (file name → markdown) through the real reader path:
 * bytes decoded by parseBytes, the overview by parseOverview, ambiguous dates in the log's order by
 * resolveDateOrder, back-links by computeBacklinks.
 * Shared by the rule example tests and the engine tests.
 */
import { RULES } from '../../src/rules/index.js';
import { posix } from 'node:path';
import type { Config, Decision, Diagnostic, Log } from '../../src/model/index.js';
import { parseBytes } from '../../src/parse/index.js';
import { decodeBytes } from '../../src/parse/encoding.js';
import { parseOverview } from '../../src/parse/overview.js';
import { computeBacklinks } from '../../src/store/read-log.js';
import { resolveRootLinks } from '../../src/store/root-links.js';
import { resolveDateOrder } from '../../src/store/date-order.js';
import { lintLog, type LintResult } from '../../src/lint/engine.js';
import type { RuleExample, SourceText } from '../../src/lint/rule.js';
import type { Rule } from '../../src/lint/rule.js';

/** The fixed clock of every rule test. */
export const NOW = new Date('2026-01-15T12:00:00Z');

/** The overview's path relative to the log folder in examples. */
export const OVERVIEW = '../DECISIONS.md';

/** A Log plus the file access a rule context needs, all in memory. */
export interface MemoryLog {
  log: Log;
  source(file: string): SourceText | null;
  exists(file: string): boolean;
}

/** Builds the log of an example (files may be strings or raw bytes). */
export function memoryLog(example: RuleExample & { rawFiles?: Record<string, Uint8Array> }, config: Config = {}): MemoryLog {
  const encoder = new TextEncoder();
  const bytes = new Map<string, Uint8Array>();
  for (const [file, text] of Object.entries(example.files)) bytes.set(file, encoder.encode(text));
  for (const [file, raw] of Object.entries(example.rawFiles ?? {})) bytes.set(file, raw);
  if (example.overview !== undefined) bytes.set(OVERVIEW, encoder.encode(example.overview));

  const decisions: Decision[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [file, raw] of bytes) {
    if (file === OVERVIEW) continue;
    const { decision, diagnostics: found } = parseBytes(file, raw, { overviewName: 'DECISIONS.md' });
    if (decision) decisions.push(decision);
    diagnostics.push(...found);
  }
  decisions.sort((a, b) => (a.file < b.file ? -1 : 1));
  resolveDateOrder(decisions);
  const assets = new Set((example.assets ?? []).map((a) => posix.normalize(a)));
  resolveRootLinks(decisions, '/virtual/decisions', (file) => bytes.has(file) || assets.has(posix.normalize(file)));
  computeBacklinks(decisions);
  const overviewText = example.overview;
  const log: Log = {
    dir: '/virtual/decisions',
    root: '/virtual',
    config,
    configFile: null,
    decisions,
    overview: overviewText === undefined ? null : parseOverview(OVERVIEW, overviewText, 'decisions'),
    diagnostics,
    skipped: [],
  };
  return {
    log,
    source(file) {
      const raw = bytes.get(file);
      if (!raw) return null;
      const decoded = decodeBytes(raw);
      return decoded.ok ? { text: decoded.text, bom: decoded.bom } : null;
    },
    exists(file) {
      return bytes.has(file) || assets.has(posix.normalize(file));
    },
  };
}

/** Lints an example with the given rules (default: all) at the fixed clock. */
export function lintExample(example: RuleExample, rules?: readonly Rule[], config: Config = {}): LintResult & MemoryLog {
  const memory = memoryLog(example, config);
  const result = lintLog(memory.log, {
    now: NOW,
    source: memory.source,
    exists: memory.exists,
    rules: rules ?? RULES,
    repoFiles: () => example.repo ?? null,
    changedFiles: example.changed ?? null,
    base: example.base,
  });
  return { ...result, ...memory };
}
