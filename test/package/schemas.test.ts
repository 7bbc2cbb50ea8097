/**
 * The JSON Schemas in schemas/ read against what the CLI really writes: `list --json` and
 * `check --format json` on fixture logs of every dialect (broken files and findings included),
 * the `.adr.json` files `adr init` writes, this repository's package.json, and the config reader
 * itself (a config it accepts the schema accepts; one it refuses the schema refuses).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { readConfigAt } from '../../src/store/find-log.js';
import { schemaUrl } from '../../src/package-info.js';
import { UserError } from '../../src/errors.js';
import { runCli, tempDir, writeFiles } from '../authoring-new/helpers.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const SCHEMAS = join(ROOT, 'schemas');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const cache = mkdtempSync(join(tmpdir(), 'adr-schemas-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

type Schema = { $id: string; properties?: Record<string, unknown>; $defs?: Record<string, { properties: Record<string, unknown> }> };
const schema = (name: string): Schema => JSON.parse(readFileSync(join(SCHEMAS, `${name}.schema.json`), 'utf8'));
const ajv = new Ajv2020({ strict: true, allErrors: true });
for (const name of ['config', 'list', 'check', 'package']) ajv.addSchema(schema(name), `${name}.schema.json`);

function validate(name: string, data: unknown): string[] {
  const check = ajv.getSchema(`${name}.schema.json`);
  if (!check) throw new Error(`no schema ${name}`);
  return check(data) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** The fixture logs: every dialect, real logs, broken files, and logs with findings. */
const LOGS = [
  ...readdirSync(join(FIXTURES, 'dialects')).map((d) => join(FIXTURES, 'dialects', d)),
  ...readdirSync(join(FIXTURES, 'judge')).map((d) => join(FIXTURES, 'judge', d)),
  join(ROOT, 'decisions'),
  graded(),
].filter((dir) => existsSync(dir));

/** A log whose config re-grades rules, so that `info` findings appear too. */
function graded(): string {
  const root = join(cache, 'graded');
  writeFiles(root, {
    '.adr.json': JSON.stringify({ dir: 'decisions', rules: { 'status-missing': 'info', 'title-missing': 'info' } }),
    'decisions/0001-no-status.md': '# 1. No status\n\nDate: 2025-01-02\n\n## Context\n\nSomething.\n',
    'decisions/0002-x.md': 'Date: 2025-01-03\n\n## Status\n\nAccepted\n',
  });
  return join(root, 'decisions');
}

type Run = { status: number | null; stdout: string; stderr: string };

/** Runs the built CLI in its own process, as a user would. */
function spawned(args: string[]): Run {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ADR_CACHE_DIR: cache, ADR_NOW: '2026-01-15T12:00:00Z', NO_COLOR: '1' },
  });
}

/** Runs the CLI's entry point in this process (the same code, without a node start per call). */
async function adr(args: string[]): Promise<Run> {
  const r = await runCli(args, ROOT, { env: { ADR_CACHE_DIR: cache, NO_COLOR: '1' } });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

const checked = new Map<string, Run>();
/** `adr check --format json` on a log (run once per log). */
async function checkJson(dir: string): Promise<Run> {
  if (!checked.has(dir)) checked.set(dir, await adr(['check', '--format', 'json', '--dir', dir]));
  return checked.get(dir) as Run;
}

describe('the schemas themselves', () => {
  it('compile in strict mode, name their file in $id, and the init URL points at a shipped one', () => {
    for (const name of ['config', 'list', 'check', 'package']) expect(schema(name).$id).toMatch(new RegExp(`/schemas/${name}\\.schema\\.json$`));
    const url = schemaUrl('config');
    expect(url).toMatch(/^https:\/\/unpkg\.com\/[a-z0-9-]+@\d+\.\d+\.\d+\/schemas\/config\.schema\.json$/);
    expect(existsSync(join(ROOT, 'schemas', url.split('/schemas/')[1]))).toBe(true);
  });

  it('name every rule (and parse) under "rules", with its summary (UPDATE_SCHEMAS=1 rewrites them)', () => {
    const file = join(SCHEMAS, 'config.schema.json');
    const config = JSON.parse(readFileSync(file, 'utf8')) as { properties: { rules: { properties: Record<string, { description: string; $ref: string }> } } };
    const wanted: Record<string, { description: string; $ref: string }> = {};
    for (const rule of RULES) wanted[rule.id] = { description: `${rule.summary} Default: ${rule.severity}.`, $ref: '#/$defs/severity' };
    wanted.parse = config.properties.rules.properties.parse;
    if (process.env.UPDATE_SCHEMAS) {
      config.properties.rules.properties = wanted;
      writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
    }
    expect(config.properties.rules.properties.parse?.description, 'parse keeps its hand-written description').toMatch(/^A file that cannot be read/);
    expect(config.properties.rules.properties, 'schemas/config.schema.json is behind the rule registry: run UPDATE_SCHEMAS=1 npx vitest run test/package/schemas.test.ts').toEqual(wanted);
  });
});

/** The fields `adr list --json --history` adds. */
const HISTORY_FIELDS = ['created', 'updated', 'history', 'renamedFrom'];

describe.skipIf(!existsSync(BIN))('real outputs of the CLI (dist/, after npm run build)', () => {
  it.each(LOGS.map((dir) => [dir.startsWith(ROOT) ? dir.slice(ROOT.length + 1) : 'a log with re-graded rules', dir]))('list --json on %s', async (_name, dir) => {
    const out = await adr(['list', '--json', '--dir', dir]);
    expect(out.status).toBe(0);
    const records = JSON.parse(out.stdout) as Array<Record<string, unknown>>;
    expect(records.length).toBeGreaterThan(0);
    expect(validate('list', records)).toEqual([]);
    // The documented order of the fields is the schema's order (the --history fields come only with --history).
    const order = Object.keys(schema('list').$defs?.record.properties ?? {});
    for (const record of records) expect(Object.keys(record)).toEqual(order.filter((k) => !HISTORY_FIELDS.includes(k)));
  });

  it('list --json --history on this repository: every field, in the schema\'s order', async () => {
    const out = await adr(['list', '--json', '--history', '--dir', join(ROOT, 'decisions')]);
    expect(out.status).toBe(0);
    const records = JSON.parse(out.stdout) as Array<Record<string, unknown>>;
    expect(validate('list', records)).toEqual([]);
    const order = Object.keys(schema('list').$defs?.record.properties ?? {});
    for (const record of records) expect(Object.keys(record)).toEqual(order);
  });

  it.each(LOGS.map((dir) => [dir.startsWith(ROOT) ? dir.slice(ROOT.length + 1) : 'a log with re-graded rules', dir]))('check --format json on %s', async (_name, dir) => {
    const out = await checkJson(dir);
    expect([0, 1]).toContain(out.status);
    const problems = JSON.parse(out.stdout) as Array<Record<string, unknown>>;
    expect(validate('check', problems)).toEqual([]);
    const order = Object.keys(schema('check').$defs?.problem.properties ?? {});
    for (const problem of problems) expect(Object.keys(problem)).toEqual(order);
  });

  it('the check fixtures between them exercise the schema: errors, warnings, parse failures, fixable problems', async () => {
    const runs = [];
    for (const dir of LOGS) runs.push(await checkJson(dir));
    const all = runs.flatMap((run) => JSON.parse(run.stdout) as Array<{ severity: string; rule: string; fixable: boolean }>);
    expect(new Set(all.map((p) => p.severity))).toEqual(new Set(['error', 'warning', 'info']));
    expect(all.some((p) => p.rule === 'parse')).toBe(true);
    expect(all.some((p) => p.fixable)).toBe(true);
    expect(new Set(all.map((p) => p.rule)).size).toBeGreaterThan(8);
  }, 120_000);

  it('the same from a process of its own, on a log with findings', () => {
    for (const [args, name] of [[['list', '--json'], 'list'], [['check', '--format', 'json'], 'check']] as const) {
      const out = spawned([...args, '--dir', join(FIXTURES, 'judge', 'summary')]);
      expect(out.stderr).toBe('');
      const data = JSON.parse(out.stdout) as unknown[];
      expect(data.length).toBeGreaterThan(0);
      expect(validate(name, data)).toEqual([]);
    }
  }, 60_000);
});

describe('configuration files', () => {
  it.each([[[]], [['--dialect', 'nygard']], [['--dialect', 'madr4', '--naming', 'date']], [['docs/adr', '--no-overview']]])('adr init %j writes a .adr.json the schema accepts, naming it', async (args) => {
    const root = tempDir('adr-schema-init-');
    try {
      const r = await runCli(['init', ...args], root);
      expect(r.code, r.stderr).toBe(0);
      const written = JSON.parse(readFileSync(join(root, '.adr.json'), 'utf8')) as Record<string, unknown>;
      expect(written.$schema).toBe(schemaUrl('config'));
      expect(validate('config', written)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('accepts this repository\'s package.json "adr" key', () => {
    expect(validate('package', JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')))).toEqual([]);
    expect(validate('package', { name: 'x', adr: { dir: 'docs/adr', colour: 'blue' } })).not.toEqual([]);
  });

  /** What the config reader says of a config: null when it accepts it, else its message. */
  async function reader(config: unknown): Promise<string | null> {
    const root = tempDir('adr-schema-config-');
    try {
      writeFiles(root, { '.adr.json': JSON.stringify(config) });
      await readConfigAt(root);
      return null;
    } catch (error) {
      if (error instanceof UserError) return error.message;
      throw error;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }

  it('agrees with the config reader on which keys exist', async () => {
    const message = (await reader({ colour: 'blue' })) ?? '';
    const known = /\(known: ([^)]*)\)/.exec(message)?.[1].split(', ') ?? [];
    expect(known.length).toBeGreaterThan(3);
    const properties = Object.keys(schema('config').properties ?? {}).filter((k) => k !== '$schema');
    expect(properties.sort()).toEqual(known.sort());
  });

  const ACCEPTED: unknown[] = [
    {},
    { $schema: 'https://unpkg.com/adrkit@0.1.0/schemas/config.schema.json', dir: 'decisions' },
    { dir: 'docs/adr', overview: '../DECISIONS.md', dialect: 'nygard', naming: 'number', supersededSpelling: 'Superceded', title: 'Ours' },
    { overview: false, dialect: 'madr4', naming: 'date', supersededSpelling: 'Superseded' },
    { rules: { 'date-future': 'off', 'overview-backlink': 'error', parse: 'warning', 'encoding-bom': 'info' }, ignore: ['drafts/**', '*.tmp.md'] },
  ];
  const REFUSED: unknown[] = [
    [],
    { dir: 3 },
    { overview: true },
    { dialect: 'madr5' },
    { dialect: 'log4brains' },
    { naming: 'numbered' },
    { supersededSpelling: 'superseded' },
    { rules: ['date-future'] },
    { rules: { 'date-future': 'warn' } },
    { ignore: 'drafts/**' },
    { ignore: ['drafts/**', 3] },
    { colour: 'blue' },
  ];

  it.each(ACCEPTED.map((c) => [JSON.stringify(c), c]))('both accept %s', async (_text, config) => {
    expect(await reader(config)).toBeNull();
    expect(validate('config', config)).toEqual([]);
  });

  it.each(REFUSED.map((c) => [JSON.stringify(c), c]))('both refuse %s', async (_text, config) => {
    expect(await reader(config)).not.toBeNull();
    expect(validate('config', config)).not.toEqual([]);
  });
});
