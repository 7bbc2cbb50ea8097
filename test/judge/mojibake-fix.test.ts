/**
 * Damaged copies of real records (UTF-8 read as Mac Roman or Windows-1252 and saved again, with CRLF and a BOM
 * too): `adr check` names the file and line, and `adr check --fix` restores the original bytes exactly.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { adr, bytes, copyLog, findings, fixtureBytes, mangleMacRoman, mangleWindows1252, type RealLog } from './helpers.js';

// Each case runs the whole CLI in-process on a real log; the first one also pays for loading it.
vi.setConfig({ testTimeout: 60_000 });

const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

// The format's seed example as it arrived, mangled by a Mac Roman round trip (committed byte for byte).
const SEED = new URL('../fixtures/dialects/broken/mojibake-mac-roman.md', import.meta.url);

interface Damage {
  name: string;
  log: RealLog;
  file: string;
  /** The file as it should be restored (defaults to the committed fixture). */
  original?: (clean: Buffer) => Buffer;
  damage: (original: Buffer) => Buffer;
  encoding: string;
}

const DAMAGES: Damage[] = [
  { name: 'Mac Roman (summary record)', log: 'summary', file: 'decisions/2025-08-07-superconfig-cli-library-selection.md', damage: mangleMacRoman, encoding: 'Mac Roman' },
  { name: 'Windows-1252 (summary record)', log: 'summary', file: 'decisions/2025-08-07-serena-mcp-integration.md', damage: mangleWindows1252, encoding: 'Windows-1252' },
  { name: 'Mac Roman (the seed record)', log: 'summary', file: 'decisions/2025-08-06-nix-development-environment.md', damage: mangleMacRoman, encoding: 'Mac Roman' },
  {
    name: 'Windows-1252 in a CRLF file with a BOM',
    log: 'summary',
    file: 'decisions/2025-08-07-serena-mcp-integration.md',
    original: (clean) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(clean.toString('utf8').replace(/\n/g, '\r\n'), 'utf8')]),
    damage: (original) => Buffer.concat([original.subarray(0, 3), mangleWindows1252(original.subarray(3))]),
    encoding: 'Windows-1252',
  },
  { name: 'Windows-1252 (log4brains record with a curly apostrophe)', log: 'log4brains', file: 'docs/adr/20240926-transition-to-simplified-git-flow.md', damage: mangleWindows1252, encoding: 'Windows-1252' },
];

describe('mojibake in real records', () => {
  it('our Mac Roman damage is exactly the damage of the seed record as it arrived', () => {
    const clean = fixtureBytes('summary', 'decisions/2025-08-06-nix-development-environment.md');
    expect(sha(mangleMacRoman(clean))).toBe(sha(readFileSync(SEED)));
  });

  for (const d of DAMAGES) {
    it(`finds and restores byte for byte: ${d.name}`, async () => {
      const root = copyLog(d.log);
      const original = d.original ? d.original(fixtureBytes(d.log, d.file)) : fixtureBytes(d.log, d.file);
      writeFileSync(join(root, d.file), original);
      const before = await findings(root);
      const damaged = d.damage(original);
      expect(sha(damaged)).not.toBe(sha(original));
      writeFileSync(join(root, d.file), damaged);

      const found = (await findings(root)).filter((f) => f.rule === 'encoding-mojibake');
      expect(found).toHaveLength(1);
      expect(found[0].file.endsWith(d.file)).toBe(true);
      expect(found[0].severity).toBe('error');
      expect(found[0].fixable).toBe(true);
      expect(found[0].message).toContain(d.encoding);
      expect(found[0].line).toBeGreaterThan(0);

      // Only the encoding fix: the real overview has drifted rows that --fix would bring in step too.
      const fix = await adr(['check', '--fix', '--rule', 'encoding-mojibake', '--no-cache'], root);
      expect(fix.stderr).not.toContain('not fixed');
      expect(fix.stdout).toContain(d.file);
      expect(sha(bytes(root, d.file))).toBe(sha(original));
      // The log reads exactly as before the damage.
      expect((await findings(root)).map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(
        before.map((f) => `${f.file}:${f.line} ${f.rule}`),
      );
    });
  }

  // a file mangled twice (Mac Roman, then Windows-1252) reads no status
  // while damaged; the repair used to be refused because the status it reads changed.
  it('restores a record mangled twice, byte for byte', async () => {
    const root = copyLog('summary');
    const file = 'decisions/2025-08-06-nix-development-environment.md';
    const original = fixtureBytes('summary', file);
    writeFileSync(join(root, file), mangleWindows1252(mangleMacRoman(original)));
    for (let pass = 0; pass < 3 && sha(bytes(root, file)) !== sha(original); pass++) {
      const fix = await adr(['check', '--fix', '--rule', 'encoding-mojibake', '--no-cache'], root);
      expect(fix.stderr).not.toContain('not fixed');
    }
    expect(sha(bytes(root, file))).toBe(sha(original));
  });
});
