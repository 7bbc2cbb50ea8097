// adr init where a team already has something: an adr-tools .adr-dir, a log
// with records, a config in package.json, an existing log elsewhere in the repository.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaUrl } from '../../src/package-info.js';
import { parseRecord } from '../../src/parse/index.js';
import { runCli, tempDir, writeFiles } from './helpers.js';

let root: string;
beforeEach(() => {
  root = tempDir('adr-init-adopt-');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Every file under root (relative path -> text), skipping the test's parse cache. */
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (name === '.cache-test') continue;
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(root, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}

/** What adr-tools 3.0's `adr init` writes (its /usr/share/adr-tools/init.md with DATE filled), on 2026-01-15. */
const ADR_TOOLS_INIT = `# 1. Record architecture decisions

Date: 2026-01-15

## Status

Accepted

## Context

We need to record the architectural decisions made on this project.

## Decision

We will use Architecture Decision Records, as [described by Michael Nygard](http://thinkrelevance.com/blog/2011/11/15/documenting-architecture-decisions).

## Consequences

See Michael Nygard's article, linked above. For a lightweight ADR toolset, see Nat Pryce's [adr-tools](https://github.com/npryce/adr-tools).
`;

describe('adr init next to an adr-tools .adr-dir', () => {
  it('writes what adr-tools init writes: 0001 in the Nygard form, no config, no overview; adr new keeps the style', async () => {
    writeFiles(root, { '.adr-dir': 'doc/architecture/decisions\n' });
    const r = await runCli(['init'], root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('created doc/architecture/decisions/0001-record-architecture-decisions.md\n');
    expect(r.stderr).toContain('following .adr-dir (adr-tools)');
    expect(snapshot()).toEqual({
      '.adr-dir': 'doc/architecture/decisions\n',
      'doc/architecture/decisions/0001-record-architecture-decisions.md': ADR_TOOLS_INIT,
    });
    const first = parseRecord('0001-record-architecture-decisions.md', ADR_TOOLS_INIT).decision!;
    expect(first).toMatchObject({ dialect: 'nygard', number: 1, status: 'accepted', date: '2026-01-15', title: 'Record architecture decisions' });

    const next = await runCli(['new', 'Use one binary'], root);
    expect(next.stdout).toBe('doc/architecture/decisions/0002-use-one-binary.md\n');
    expect(read('doc/architecture/decisions/0002-use-one-binary.md').startsWith('# 2. Use one binary\n\nDate: 2026-01-15\n\n## Status\n\nProposed\n\n## Context\n')).toBe(true);
    expect(existsSync(join(root, 'doc/architecture/DECISIONS.md'))).toBe(false);
    const check = await runCli(['check'], root);
    expect(check.code, check.stdout).toBe(0);
  });

  const installed = '/usr/share/adr-tools/init.md';
  it.skipIf(!existsSync(installed))(`matches the installed adr-tools template byte for byte${existsSync(installed) ? '' : ' (skipped: the Debian adr-tools package is not installed; the embedded copy above is the contract)'}`, () => {
    expect(readFileSync(installed, 'utf8').replace('DATE', '2026-01-15')).toBe(ADR_TOOLS_INIT);
  });

  it('adr new in the empty folder an .adr-dir names writes 0001 in the Nygard form (no adr init needed)', async () => {
    writeFiles(root, { '.adr-dir': 'doc/adr\n', 'doc/adr/.keep': '' });
    const r = await runCli(['new', 'First one'], root);
    expect(r.stdout).toBe('doc/adr/0001-first-one.md\n');
    expect(read('doc/adr/0001-first-one.md').startsWith('# 1. First one\n\nDate: 2026-01-15\n\n## Status\n\nProposed\n')).toBe(true);
  });

  it('--overview asks for the overview file as well', async () => {
    writeFiles(root, { '.adr-dir': 'doc/adr\n' });
    const r = await runCli(['init', '--overview'], root);
    expect(r.code).toBe(0);
    expect(read('doc/DECISIONS.md')).toContain('[Record architecture decisions](adr/0001-record-architecture-decisions.md)');
    // The record stays adr-tools' own (Nygard records carry no back-link).
    expect(read('doc/adr/0001-record-architecture-decisions.md')).toBe(ADR_TOOLS_INIT);
    expect((await runCli(['check'], root)).code).toBe(0);
    expect(existsSync(join(root, '.adr.json'))).toBe(false);
    expect((await runCli(['overview', '--check'], root)).code).toBe(0);
    expect((await runCli(['init', '--overview', '--no-overview'], root)).code).toBe(2);
  });

  it('the folder .adr-dir names already holds records: says what exists, adds no second first record, exit 0', async () => {
    writeFiles(root, {
      '.adr-dir': 'doc/adr\n',
      'doc/adr/0001-record-architecture-decisions.md': ADR_TOOLS_INIT,
      'doc/adr/0002-use-x.md': '# 2. Use X\n\nDate: 2026-01-10\n\n## Status\n\nAccepted\n',
    });
    const before = snapshot();
    const r = await runCli(['init'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `doc/adr already holds a decision log: 2 records (0001-record-architecture-decisions.md, 0002-use-x.md), numbered, Nygard (adr-tools). Nothing was changed; 'adr new "Title"' adds a record.\n`,
    );
    expect(snapshot()).toEqual(before);
  });
});

describe('adr init run again, or where a log already is', () => {
  it('twice: the second run says the log exists and changes nothing', async () => {
    expect((await runCli(['init'], root)).code).toBe(0);
    const before = snapshot();
    const again = await runCli(['init'], root, { now: new Date('2026-02-01T00:00:00Z') });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('decisions already holds a decision log: 1 record (2026-01-15-record-architecture-decisions.md), date-named, summary format.');
    expect(snapshot()).toEqual(before);
  });

  it('finds an existing MADR log (docs/decisions) instead of starting a second one in decisions/', async () => {
    mkdirSync(join(root, '.git'));
    writeFiles(root, { 'docs/decisions/0001-use-madr.md': '---\nstatus: accepted\ndate: 2024-01-01\n---\n# Use MADR\n' });
    const before = snapshot();
    const r = await runCli(['init'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('docs/decisions already holds a decision log: 1 record (0001-use-madr.md), numbered, MADR 3.');
    // From a sub-folder of the repository too.
    mkdirSync(join(root, 'src'));
    const sub = await runCli(['init'], join(root, 'src'));
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('../docs/decisions already holds a decision log');
    expect(snapshot()).toEqual(before);
    expect(existsSync(join(root, 'decisions'))).toBe(false);
  });

  it('fills an empty log folder the other commands already find (docs/adr) rather than making decisions/', async () => {
    writeFiles(root, { 'docs/adr/.keep': '' });
    const r = await runCli(['init', '--dialect', 'madr4'], root);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(root, 'docs/adr')).sort()).toEqual(['.keep', '0001-record-architecture-decisions.md']);
    expect(JSON.parse(read('.adr.json'))).toMatchObject({ dir: 'docs/adr', dialect: 'madr4' });
    expect(existsSync(join(root, 'decisions'))).toBe(false);
  });
});

describe('adr init in a repository with package.json', () => {
  it('writes .adr.json and leaves package.json byte for byte alone', async () => {
    const pkg = '{\n  "name": "app",\n  "version": "1.0.0",\n  "scripts": { "test": "vitest" }\n}\n';
    writeFiles(root, { 'package.json': pkg });
    const r = await runCli(['init'], root);
    expect(r.code).toBe(0);
    expect(read('package.json')).toBe(pkg);
    expect(JSON.parse(read('.adr.json'))).toEqual({ $schema: schemaUrl('config'), dir: 'decisions' });
    expect((await runCli(['check'], root)).code).toBe(0);
  });

  it('follows the "adr" key of package.json: its folder, dialect and naming (no second config)', async () => {
    const pkg = '{\n  "name": "app",\n  "adr": { "dir": "docs/adr", "dialect": "nygard", "overview": false }\n}\n';
    writeFiles(root, { 'package.json': pkg });
    const r = await runCli(['init'], root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('created docs/adr/0001-record-architecture-decisions.md\n');
    expect(r.stderr).toContain('package.json (config kept as it is)');
    expect(read('package.json')).toBe(pkg);
    expect(existsSync(join(root, '.adr.json'))).toBe(false);
    expect(existsSync(join(root, 'docs/DECISIONS.md'))).toBe(false);
    expect(read('docs/adr/0001-record-architecture-decisions.md')).toBe(ADR_TOOLS_INIT);
    expect((await runCli(['new', 'Next'], root)).stdout).toBe('docs/adr/0002-next.md\n');
  });
});
