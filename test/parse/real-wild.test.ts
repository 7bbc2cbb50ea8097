/**
 * Real logs as teams wrote them (test/fixtures/dialects/real/<log>/, copied byte for byte, sources
 * in real/README.md): the facts a careful reader finds in each record, the files that are not
 * records (a generated toc.md, an index), and every finding of `adr check`, all pinned in the
 * expected.json beside the log. The verbatim files are never edited to annotate them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintLog } from '../../src/lint/engine.js';
import { decodeBytes } from '../../src/parse/encoding.js';
import { RULES } from '../../src/rules/index.js';
import { expectLog, fixture, readFixtureLog } from './helpers.js';

// A day after every record of these logs was written.
const NOW = new Date('2026-10-01T12:00:00Z');

const LOGS: Array<[string, string]> = [
  ['real/adr-j', 'adr-j (a Java port of adr-tools): supersession listed under the status, a generated "List of ADRs"'],
  ['real/monteway', 'adr-tools with a generated toc.md, Supercedes, a superseded record left accepted'],
  ['real/podos', 'MADR 2 without status lines (the template makes them optional), renumbered files'],
  ['real/identus-templates', 'log4brains templates committed unfilled: placeholders are no facts'],
  ['real/itchysats', 'metadata kept in a code block under the title (`Date: 29/12/2021`, `Status: Active`)'],
];

describe('real logs read as a careful reader reads them', () => {
  for (const [name, what] of LOGS) {
    it(`${name}: ${what}`, async () => {
      const dir = fixture(...name.split('/'));
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
        records: Parameters<typeof expectLog>[1]['records'];
        unreadable: string[];
        skipped: string[];
        findings: string[];
      };
      const log = await readFixtureLog(dir);
      expectLog(log, expected);
      expect([...log.skipped].sort()).toEqual(expected.skipped);
      const source = (file: string) => {
        const decoded = decodeBytes(readFileSync(join(log.dir, file)));
        return decoded.ok ? { text: decoded.text, bom: decoded.bom } : null;
      };
      const result = lintLog(log, { rules: RULES, now: NOW, source, exists: (file) => existsSync(join(log.dir, file)) });
      expect(result.failures).toEqual([]);
      const findings = [...log.diagnostics, ...result.diagnostics].map((d) => `${d.file}:${d.line} ${d.severity} ${d.rule}`);
      expect(findings).toEqual(expected.findings);
    });
  }
});
