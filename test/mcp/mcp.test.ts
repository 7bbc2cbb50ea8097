/**
 * `adr mcp` driven by the MCP SDK's own client, the way an agent's host drives it: the real binary
 * (`node dist/cli/bin.js mcp`) spawned over stdio on a temp copy of a mixed-dialect log. Every tool
 * is called; each edit is made once through the server and once through the CLI on a twin copy, and
 * the bytes on disk must be the same. Dry runs write nothing; bad arguments are tool errors, never a
 * crash or a changed file; `--read-only` offers no edit; a CLI edit made meanwhile is seen.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import { ADR_BIN, adrEnv, runAdr } from '../hostile/run-adr.js';

const MIXED = new URL('../fixtures/dialects/mixed/', import.meta.url).pathname;

/** A record that names the paths it governs, and the code it governs. */
const GOVERNING = [
  '---',
  'status: accepted',
  'date: 2025-02-01',
  'applies-to: [src/build/**, Makefile]',
  '---',
  '',
  '# Build with Moon tasks',
  '',
  '## Context and Problem Statement',
  '',
  'How do we run builds?',
  '',
].join('\n');

const temps: string[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close().catch(() => undefined);
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A project: the mixed fixture, a governing record, some code, and its own cache folder. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'adr-mcp-'));
  temps.push(root);
  cpSync(MIXED, root, { recursive: true });
  writeFileSync(join(root, 'decisions', '0005-build-with-moon-tasks.md'), GOVERNING);
  mkdirSync(join(root, 'src', 'build'), { recursive: true });
  writeFileSync(join(root, 'src', 'build', 'moon.ts'), 'export {};\n');
  writeFileSync(join(root, 'Makefile'), 'all:\n');
  return root;
}

/** Every file of the project (the cache folder aside), by path, as bytes. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === '.adr-test-cache') continue;
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.set(relative(root, abs), readFileSync(abs).toString('base64'));
    }
  };
  walk(root);
  return out;
}

/** Starts `adr mcp` in `cwd` and connects the SDK's client to it. */
async function connect(cwd: string, args: string[] = []): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [ADR_BIN, 'mcp', ...args], cwd, env: adrEnv(cwd) as Record<string, string>, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: 'adr-test', version: '1.0.0' });
  clients.push(client);
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

type Result = Awaited<ReturnType<Client['callTool']>>;

/** The JSON a successful tool call returned (its text content, which is also its structured content). */
function json(result: Result): Record<string, unknown> & Record<string, any> {
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  const text = (result.content as Array<{ type: string; text: string }>)[0].text;
  const value = JSON.parse(text);
  expect(result.structuredContent).toEqual(value);
  return value;
}

/** The message of a tool error. */
function error(result: Result): string {
  expect(result.isError).toBe(true);
  return (result.content as Array<{ type: string; text: string }>)[0].text;
}

const EDIT_TOOLS = ['abort', 'link', 'new', 'status', 'supersede'];
const READ_TOOLS = ['affected', 'check', 'get', 'list', 'search', 'todo'];

// Each test spawns the server and often the CLI: seconds on a busy 2-core machine, never a hang.
describe('adr mcp over stdio, with the SDK client', { timeout: 90_000 }, () => {
  it('initializes, names itself, offers every tool with a schema and instructions', async () => {
    const { client, stderr } = await connect(project());
    expect(client.getServerVersion()).toMatchObject({ name: 'adr' });
    expect(client.getInstructions()).toContain('affected');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...READ_TOOLS, ...EDIT_TOOLS].sort());
    for (const t of tools) {
      expect(t.inputSchema.type).toBe('object');
      expect(t.description!.length).toBeGreaterThan(60);
      expect(t.annotations?.readOnlyHint).toBe(READ_TOOLS.includes(t.name));
    }
    const abort = tools.find((t) => t.name === 'abort')!;
    expect(abort.inputSchema.required).toEqual(['ref', 'reason']);
    expect(Object.keys(abort.inputSchema.properties!)).toContain('dryRun');
    expect(stderr()).toContain('adr mcp: serving');
  });

  it('answers the read tools from the log as it is on disk', async () => {
    const root = project();
    const { client } = await connect(root);

    const listed = json(await client.callTool({ name: 'list', arguments: { status: ['accepted'] } }));
    expect(listed.total).toBe(5);
    expect(listed.records.map((r: { id: string }) => r.id)).toEqual(['2', '4', '5', '2025-01-10-build-tool', '20240301-use-react']);
    expect(listed.records[2]).toMatchObject({ title: 'Build with Moon tasks', appliesTo: ['src/build/**', 'Makefile'], uri: 'adr://decision/0005-build-with-moon-tasks.md' });
    const paged = json(await client.callTool({ name: 'list', arguments: { limit: 2, offset: 1 } }));
    expect(paged).toMatchObject({ total: 7, offset: 1, returned: 2, nextOffset: 3 });
    const full = json(await client.callTool({ name: 'list', arguments: { priority: ['urgent'], full: true } }));
    expect(full.records[0]).toMatchObject({ id: '2025-01-10-build-tool', path: 'decisions/2025-01-10-build-tool.md' });
    expect(full.records[0].actionItems.length).toBe(2);

    const got = json(await client.callTool({ name: 'get', arguments: { ref: 'build tool' } }));
    expect(got).toMatchObject({ file: '2025-01-10-build-tool.md', status: 'accepted', priority: 'urgent' });
    expect(got.text).toBe(readFileSync(join(root, 'decisions/2025-01-10-build-tool.md'), 'utf8'));
    expect(got.backlinks.map((b: { file: string }) => b.file)).toContain('0001-use-make.md');

    const found = json(await client.callTool({ name: 'search', arguments: { query: 'moon' } }));
    expect(found.hits[0]).toMatchObject({ id: '5', title: 'Build with Moon tasks' });
    expect(found.hits.map((h: { id: string }) => h.id)).toContain('2025-01-10-build-tool');
    expect(found.hits[1].snippets[0].text.toLowerCase()).toContain('moon');
    expect(json(await client.callTool({ name: 'search', arguments: { query: 'moon "no such phrase"' } })).total).toBe(0);

    const checked = json(await client.callTool({ name: 'check', arguments: {} }));
    const cli = await runAdr(['check', '--format', 'json'], { cwd: root });
    const fromCli = JSON.parse(cli.stdout) as Array<{ file: string; line: number; rule: string }>;
    expect(checked.diagnostics.map((d: { path: string; line: number; rule: string }) => `${d.path}:${d.line} ${d.rule}`)).toEqual(fromCli.map((d) => `${d.file}:${d.line} ${d.rule}`));
    expect(checked.errors).toBe(fromCli.filter((d: unknown) => (d as { severity: string }).severity === 'error').length);

    const todo = json(await client.callTool({ name: 'todo', arguments: {} }));
    expect(todo.items.map((i: { text: string }) => i.text)).toEqual(['Install Moon in CI']);

    const affected = json(await client.callTool({ name: 'affected', arguments: { files: ['src/build/moon.ts', 'Makefile', 'README.md'] } }));
    expect(affected).toMatchObject({ files: 3, governed: 2 });
    expect(affected.decisions).toEqual([
      expect.objectContaining({ id: '5', status: 'accepted', globs: ['src/build/**', 'Makefile'], files: ['src/build/moon.ts', 'Makefile'], uri: 'adr://decision/0005-build-with-moon-tasks.md' }),
    ]);
    const folder = json(await client.callTool({ name: 'affected', arguments: { files: ['src'] } }));
    expect(folder).toMatchObject({ files: 1, governed: 1 });
    expect(folder.decisions[0].files).toEqual(['src/build/moon.ts']);
  });

  it('serves every record as a resource, and nothing else', async () => {
    const root = project();
    const { client } = await connect(root);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain('adr://decision/frontend%2F20240301-use-react.md');
    expect(resources.length).toBe(7);
    const { contents } = await client.readResource({ uri: 'adr://decision/frontend%2F20240301-use-react.md' });
    expect(contents[0]).toMatchObject({ mimeType: 'text/markdown', text: readFileSync(join(root, 'decisions/frontend/20240301-use-react.md'), 'utf8') });
    await expect(client.readResource({ uri: 'adr://decision/..%2FDECISIONS.md' })).rejects.toThrow(/no record/);
    await expect(client.readResource({ uri: 'adr://decision/README.md' })).rejects.toThrow(/no record/);
  });

  it('makes each edit byte for byte as the CLI does; a dry run returns the diff and writes nothing', async () => {
    const viaMcp = project();
    const viaCli = project();
    const { client } = await connect(viaMcp);
    const edits: Array<{ tool: string; args: Record<string, unknown>; cli: string[] }> = [
      { tool: 'abort', args: { ref: 'build tool', reason: 'Nx after all' }, cli: ['abort', 'build tool', '--reason', 'Nx after all'] },
      { tool: 'status', args: { ref: '3', status: 'accepted', reason: 'REST it is' }, cli: ['status', '3', 'accepted', '--reason', 'REST it is'] },
      { tool: 'supersede', args: { old: '2', new: '4' }, cli: ['supersede', '2', '4'] },
      { tool: 'link', args: { source: '5', kind: 'amends', target: '4' }, cli: ['link', '5', 'amends', '4'] },
      {
        tool: 'new',
        args: { title: 'Cache builds remotely', priority: 'important', links: [{ ref: '5', kind: 'relates' }], appliesTo: ['src/build/**', 'Makefile'] },
        cli: ['new', 'Cache builds remotely', '--priority', 'important', '--link', '5:relates', '--applies-to', 'src/build/**', '-a', 'Makefile'],
      },
    ];
    for (const edit of edits) {
      const before = snapshot(viaMcp);
      const dry = json(await client.callTool({ name: edit.tool, arguments: { ...edit.args, dryRun: true } }));
      expect(dry.dryRun, edit.tool).toBe(true);
      expect(dry.diff, edit.tool).toMatch(/^--- /m);
      expect(snapshot(viaMcp), `${edit.tool} dry run wrote`).toEqual(before);

      const done = json(await client.callTool({ name: edit.tool, arguments: edit.args }));
      expect(done.dryRun, edit.tool).toBe(false);
      const cli = await runAdr(edit.cli, { cwd: viaCli });
      expect(cli.code, `${edit.tool}: ${cli.stderr}`).toBe(0);
      expect(snapshot(viaMcp), `${edit.tool}: bytes differ from the CLI's`).toEqual(snapshot(viaCli));
      expect(snapshot(viaMcp), `${edit.tool} wrote nothing`).not.toEqual(before);
    }
    const made = json(await client.callTool({ name: 'get', arguments: { ref: 'cache builds' } }));
    expect(made).toMatchObject({ status: 'proposed', priority: 'important' });
    expect(made.links.map((l: { target: string; kind: string }) => `${l.kind} ${l.target}`)).toEqual(['relates 0005-build-with-moon-tasks.md']);
    expect(made.appliesTo).toEqual(['src/build/**', 'Makefile']);
    // The agent's new decision now governs the code it named, beside the one it relates to.
    const governing = json(await client.callTool({ name: 'affected', arguments: { files: ['Makefile'] } }));
    expect(governing.decisions.map((d: { title: string }) => d.title).sort()).toEqual(['Build with Moon tasks', 'Cache builds remotely']);
  });

  it('keeps one successor per record: a second is refused naming `force`, and `force` writes what --force writes', async () => {
    const viaMcp = project();
    const viaCli = project();
    const { client } = await connect(viaMcp);
    // Record 1 is already superseded by 2025-01-10-build-tool (REF build-tool), which says it supersedes 1.
    const before = snapshot(viaMcp);
    const refusals: Array<[string, Record<string, unknown>]> = [
      ['supersede', { old: '1', new: '4' }],
      ['link', { source: '4', kind: 'supersedes', target: '1' }],
      ['link', { source: '1', kind: 'superseded-by', target: '4' }],
      ['new', { title: 'Bazel everywhere', supersedes: ['1'] }],
    ];
    for (const [tool, args] of refusals) {
      const message = error(await client.callTool({ name: tool, arguments: args }));
      expect(message, tool).toMatch(/^record 1 \(Use Make\) is already superseded by build-tool;/);
      expect(message, tool).toContain('`force: true`');
      expect(message, tool).not.toContain('--force');
    }
    expect(snapshot(viaMcp), 'a refusal wrote').toEqual(before);

    const dry = json(await client.callTool({ name: 'supersede', arguments: { old: '1', new: '4', force: true, dryRun: true } }));
    expect(dry.diff).toMatch(/^-.*0001-use-make\.md/m);
    expect(snapshot(viaMcp), 'the dry run wrote').toEqual(before);
    const forced: Array<{ tool: string; args: Record<string, unknown>; cli: string[] }> = [
      { tool: 'supersede', args: { old: '1', new: '4', force: true }, cli: ['supersede', '1', '4', '--force'] },
      { tool: 'new', args: { title: 'Bazel everywhere', supersedes: ['1'], force: true }, cli: ['new', 'Bazel everywhere', '--supersedes', '1', '--force'] },
    ];
    for (const edit of forced) {
      json(await client.callTool({ name: edit.tool, arguments: edit.args }));
      const cli = await runAdr(edit.cli, { cwd: viaCli });
      expect(cli.code, `${edit.tool}: ${cli.stderr}`).toBe(0);
      expect(snapshot(viaMcp), `${edit.tool}: bytes differ from the CLI's`).toEqual(snapshot(viaCli));
    }
    const one = json(await client.callTool({ name: 'get', arguments: { ref: '1', text: false } }));
    expect(one.links.filter((l: { kind: string }) => l.kind === 'superseded-by').map((l: { target: string }) => l.target)).toEqual(['0006-bazel-everywhere.md']);
    expect(json(await client.callTool({ name: 'check', arguments: { rules: ['supersede-contested'] } })).diagnostics).toEqual([]);
  });

  it('never writes through a folder of the log that links out of it', async () => {
    // decisions/ext -> ../../outside: the record there is read, but no edit may write it.
    const base = mkdtempSync(join(tmpdir(), 'adr-mcp-confine-'));
    temps.push(base);
    const root = join(base, 'repo');
    mkdirSync(join(root, '.git'), { recursive: true });
    mkdirSync(join(root, 'decisions'));
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(base, 'outside', '2025-01-02-external.md'), '# External decision\n\n**Status**: ❓ Under Discussion\\\n**Date**: 2025-01-02\n');
    writeFileSync(join(root, 'decisions', '2025-01-03-inside.md'), '# Inside decision\n\n**Status**: ❓ Under Discussion\\\n**Date**: 2025-01-03\n');
    symlinkSync('../../outside', join(root, 'decisions', 'ext'));
    const { client } = await connect(root);
    expect(json(await client.callTool({ name: 'list', arguments: {} })).total).toBe(2);
    const before = snapshot(base);
    const edits: Array<[string, Record<string, unknown>]> = [
      ['abort', { ref: 'external', reason: 'escape' }],
      ['status', { ref: 'external', status: 'accepted' }],
      ['supersede', { old: 'external', new: 'inside' }],
      ['link', { source: 'inside', kind: 'amends', target: 'external' }],
      ['new', { title: 'Another decision', supersedes: ['external'] }],
    ];
    for (const [tool, args] of edits) {
      const message = error(await client.callTool({ name: tool, arguments: args }));
      expect(message, tool).toMatch(/decisions\/ext\/2025-01-02-external\.md/);
      expect(message, tool).toMatch(/decisions\/ext is a symbolic link to .*outside, outside the log folder decisions/);
      expect(snapshot(base), `${tool} wrote`).toEqual(before);
    }
  });

  it('turns bad arguments and refused edits into tool errors, writes nothing, and keeps serving', async () => {
    const root = project();
    const before = snapshot(root);
    const { client } = await connect(root);
    const bad: Array<[string, Record<string, unknown>, RegExp]> = [
      ['abort', { ref: '3' }, /reason/],
      ['abort', { ref: 3, reason: 'x' }, /ref/],
      ['abort', { ref: '3', reason: '   ' }, /reason is empty/],
      ['abort', { ref: 'no such record', reason: 'x' }, /no record matches/],
      ['abort', { ref: '1', reason: 'x' }, /already superseded.*force/],
      ['status', { ref: '3', status: 'maybe' }, /status/],
      ['status', { ref: '../../etc/passwd', status: 'accepted' }, /outside|no record/],
      ['link', { source: '3', kind: 'likes', target: '4' }, /kind/],
      ['supersede', { old: '2' }, /new/],
      ['new', { title: '' }, /title/],
      ['new', { title: 'X', links: [{ ref: 'nothing like it', kind: 'relates' }] }, /no record matches/],
      ['new', { title: 'X', appliesTo: ['../elsewhere/**'] }, /^`appliesTo` '\.\.\/elsewhere\/\*\*': it leads out/],
      ['get', { ref: '' }, /ref/],
      ['list', { limit: -1 }, /limit/],
      ['affected', {}, /files, or base/],
      ['affected', { files: ['../../outside.ts'] }, /outside the repository/],
      ['check', { rules: ['no-such-rule'] }, /unknown rule/],
      ['search', { query: '  ' }, /no word/],
      ['no-such-tool', {}, /not found/],
    ];
    for (const [tool, args, message] of bad) {
      expect(error(await client.callTool({ name: tool, arguments: args })), `${tool} ${JSON.stringify(args)}`).toMatch(message);
    }
    expect(snapshot(root)).toEqual(before);
    // Still serving.
    expect(json(await client.callTool({ name: 'list', arguments: {} })).total).toBe(7);
  });

  it('--read-only offers no edit tool, and an edit call is an error that writes nothing', async () => {
    const root = project();
    const before = snapshot(root);
    const { client, stderr } = await connect(root, ['--read-only']);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(READ_TOOLS);
    expect(client.getInstructions()).toContain('read-only');
    expect(error(await client.callTool({ name: 'abort', arguments: { ref: '3', reason: 'x' } }))).toMatch(/not found/);
    expect(snapshot(root)).toEqual(before);
    expect(stderr()).toContain('(read-only)');
  });

  it('sees a CLI edit made while it runs, and refuses what that edit made final', async () => {
    const root = project();
    const { client } = await connect(root);
    expect(json(await client.callTool({ name: 'get', arguments: { ref: '3', text: false } })).status).toBe('proposed');
    const cli = await runAdr(['abort', '3', '--reason', 'RPC instead'], { cwd: root });
    expect(cli.code).toBe(0);
    expect(json(await client.callTool({ name: 'get', arguments: { ref: '3', text: false } })).status).toBe('aborted');
    const after = snapshot(root);
    expect(error(await client.callTool({ name: 'abort', arguments: { ref: '3', reason: 'again' } }))).toMatch(/already aborted/);
    expect(snapshot(root)).toEqual(after);
  });

  it('runs concurrent edits of one record one after the other (the record lock), with the CLI too', async () => {
    const root = project();
    const { client } = await connect(root);
    const [viaMcp, viaCli] = await Promise.all([
      client.callTool({ name: 'abort', arguments: { ref: '3', reason: 'from the agent' } }),
      runAdr(['abort', '3', '--reason', 'from the terminal'], { cwd: root }),
    ]);
    // Exactly one of them aborted the record; the other was refused, and the file reads as one abort.
    const mcpOk = !viaMcp.isError;
    expect(mcpOk !== (viaCli.code === 0)).toBe(true);
    const text = readFileSync(join(root, 'decisions/0003-api-style.md'), 'utf8');
    expect(text.match(/## Abort Rationale/g)?.length).toBe(1);
    expect(text).toContain(mcpOk ? 'from the agent' : 'from the terminal');
  });

  it('answers the calls a client sent before it hung up', () => {
    const root = project();
    const lines = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'sh', version: '0' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list', arguments: {} } },
      { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'get', arguments: { ref: '4' } } },
    ];
    const run = spawnSync(process.execPath, [ADR_BIN, 'mcp'], { cwd: root, env: adrEnv(root), input: `${lines.map((l) => JSON.stringify(l)).join('\n')}\nnot json\n`, timeout: 30_000 });
    expect(run.status).toBe(0);
    const answers = run.stdout
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; result: { content?: Array<{ text: string }> } });
    expect(answers.map((a) => a.id).sort()).toEqual([1, 2, 3]);
    expect(JSON.parse(answers.find((a) => a.id === 3)!.result.content![0].text).title).toBe('Publish a site');
  });
});

describe('adr mcp without the SDK installed', { timeout: 90_000 }, () => {
  it('exits 1 naming the one command that installs it, before writing anything to stdout', () => {
    // adrkit installed in a project without its optional peers: what a user who never ran adr mcp has.
    const home = mkdtempSync(join(tmpdir(), 'adr-mcp-bare-'));
    temps.push(home);
    writeFileSync(join(home, 'package.json'), '{ "name": "someone-s-project", "private": true }\n');
    const installed = join(home, 'node_modules', 'adrkit');
    cpSync(join(ADR_BIN, '..', '..'), join(installed, 'dist'), { recursive: true });
    writeFileSync(join(installed, 'package.json'), readFileSync(join(ADR_BIN, '..', '..', '..', 'package.json')));
    const root = project();
    const run = spawnSync(process.execPath, [join(installed, 'dist', 'cli', 'bin.js'), 'mcp', '--read-only'], { cwd: root, env: adrEnv(root), input: '', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stdout.toString()).toBe('');
    const stderr = run.stderr.toString();
    expect(stderr).toContain('running the MCP server needs the MCP SDK and zod');
    expect(stderr).toContain('not installed: @modelcontextprotocol/sdk, zod');
    expect(stderr).not.toContain('adr mcp: serving');
    expect(stderr).toContain(`npm install --save-dev @modelcontextprotocol/sdk@1 'zod@^3.25.0 || ^4.0.0'`);
  });
});
