import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaUrl } from '../../src/package-info.js';
import { parseRecord } from '../../src/parse/index.js';
import { runCli, tempDir, writeFiles } from './helpers.js';

let root: string;
beforeEach(() => {
  root = tempDir('adr-init-');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('adr init', () => {
  it('creates the folder, .adr.json, DECISIONS.md and a first accepted record that check accepts', async () => {
    const r = await runCli(['init'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('created .adr.json\ncreated decisions/2026-01-15-record-architecture-decisions.md\ncreated DECISIONS.md\n');
    expect(JSON.parse(read('.adr.json'))).toEqual({ $schema: schemaUrl('config'), dir: 'decisions' });
    const first = parseRecord('2026-01-15-record-architecture-decisions.md', read('decisions/2026-01-15-record-architecture-decisions.md')).decision!;
    expect(first).toMatchObject({ dialect: 'summary', title: 'Record architecture decisions', status: 'accepted', date: '2026-01-15', overviewLink: true });
    expect(read('DECISIONS.md')).toContain('| 📚 Documentation | [Record architecture decisions](decisions/2026-01-15-record-architecture-decisions.md) |');
    const check = await runCli(['check'], root);
    expect(check.stdout + check.stderr).not.toMatch(/error/);
    expect(check.code).toBe(0);
    expect((await runCli(['overview', '--check'], root)).code).toBe(0);
  });

  it('writes the chosen dialect and naming: nygard gives 0001-record-architecture-decisions.md', async () => {
    const r = await runCli(['init', 'doc/adr', '--dialect', 'nygard'], root);
    expect(r.code).toBe(0);
    expect(JSON.parse(read('.adr.json'))).toEqual({ $schema: schemaUrl('config'), dir: 'doc/adr', dialect: 'nygard', naming: 'number' });
    const text = read('doc/adr/0001-record-architecture-decisions.md');
    expect(text.startsWith('# 1. Record architecture decisions\n\nDate: 2026-01-15\n\n## Status\n\nAccepted\n')).toBe(true);
    expect(existsSync(join(root, 'doc/DECISIONS.md'))).toBe(true);
    // adr new then follows the config.
    expect((await runCli(['new', 'Second'], root)).stdout).toBe('doc/adr/0002-second.md\n');
  });

  it('respects an adr-tools .adr-dir and never rewrites it; --no-overview writes no overview', async () => {
    writeFiles(root, { '.adr-dir': 'architecture/decisions\n' });
    const r = await runCli(['init', '--no-overview', '--naming', 'number'], root);
    expect(r.code).toBe(0);
    expect(read('.adr-dir')).toBe('architecture/decisions\n');
    expect(readdirSync(join(root, 'architecture/decisions'))).toEqual(['0001-record-architecture-decisions.md']);
    // The team uses adr-tools: its style.
    expect(read('architecture/decisions/0001-record-architecture-decisions.md').startsWith('# 1. Record architecture decisions\n\nDate: 2026-01-15\n')).toBe(true);
    expect(existsSync(join(root, '.adr.json'))).toBe(false);
    expect(existsSync(join(root, 'architecture/DECISIONS.md'))).toBe(false);
    expect(read('architecture/decisions/0001-record-architecture-decisions.md')).not.toContain('Back to Decisions Overview');
  });

  it('a log with records is reported and left alone (exit 0, nothing changed); an empty folder is filled', async () => {
    writeFiles(root, { 'decisions/0001-mine.md': '# 1. Mine\n', 'decisions/README.md': 'about\n' });
    const r = await runCli(['init'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`decisions already holds a decision log: 1 record (0001-mine.md), numbered, Nygard (adr-tools). Nothing was changed; 'adr new "Title"' adds a record.\n`);
    expect(readdirSync(join(root, 'decisions')).sort()).toEqual(['0001-mine.md', 'README.md']);
    expect(readdirSync(root)).toEqual(['decisions']);
    const empty = tempDir('adr-init-empty-');
    try {
      writeFiles(empty, { 'decisions/README.md': 'about\n' });
      expect((await runCli(['init'], empty)).code).toBe(0);
      expect(readdirSync(join(empty, 'decisions')).sort()).toEqual(['2026-01-15-record-architecture-decisions.md', 'README.md']);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('keeps an existing config and overview', async () => {
    writeFiles(root, { '.adr.json': '{"dir": "decisions", "title": "Ours"}\n', 'DECISIONS.md': '# Hand kept\n' });
    const r = await runCli(['init'], root);
    expect(r.code).toBe(0);
    expect(read('.adr.json')).toBe('{"dir": "decisions", "title": "Ours"}\n');
    expect(read('DECISIONS.md')).toBe('# Hand kept\n');
    expect(r.stderr).toContain('config kept');
  });

  it('--dry-run creates nothing', async () => {
    const r = await runCli(['init', '--dry-run'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--- would create decisions/2026-01-15-record-architecture-decisions.md');
    expect(readdirSync(root)).toEqual([]);
  });
});
