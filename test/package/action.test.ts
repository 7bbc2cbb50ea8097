/**
 * The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml), read as the
 * runners read them: the Action's metadata is checked for what GitHub requires of a composite
 * action, then its step is run the way the runner runs it (bash -e, the inputs as its `env`,
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_WORKSPACE set) on logs with and without problems.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

interface Step {
  id?: string;
  name?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
  if?: string;
}
interface ActionFile {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = yaml.load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionFile;
let work: string;
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'adr-action-'));
});

/** Evaluates the `${{ … }}` expressions the Action uses: inputs (with their defaults), github.action_path, steps outputs. */
function expand(text: string, inputs: Record<string, string>, actionPath: string): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) return inputs[input[1]] ?? action.inputs[input[1]]?.default ?? '';
    if (expr === 'github.action_path') return actionPath;
    throw new Error(`expression the test does not know: ${expr}`);
  });
}

/** Runs the Action's steps as the runner does, in a fresh workspace holding `files`. */
function runAction(files: Record<string, string>, inputs: Record<string, string> = {}, options: { actionPath?: string; before?: (workspace: string) => void } = {}) {
  const workspace = mkdtempSync(join(work, 'ws-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  options.before?.(workspace);
  const summary = join(workspace, '..', `${workspace.split('/').pop()}-summary.md`);
  const output = join(workspace, '..', `${workspace.split('/').pop()}-output.txt`);
  writeFileSync(summary, '');
  writeFileSync(output, '');
  let stdout = '';
  let status: number | null = 0;
  for (const step of action.runs.steps) {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_SHA: '0123456789abcdef',
      RUNNER_TEMP: work,
      ADR_CACHE_DIR: join(work, 'cache'),
      ADR_NOW: '2026-01-15T12:00:00Z',
    };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = expand(value, inputs, options.actionPath ?? ROOT);
    const cwd = resolve(workspace, expand(step['working-directory'] ?? '.', inputs, ROOT));
    // GitHub's `shell: bash` is `bash --noprofile --norc -eo pipefail {0}` with the script in a file.
    const script = join(work, 'step.sh');
    writeFileSync(script, step.run ?? '');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8' });
    stdout += r.stdout + r.stderr;
    status = r.status;
    if (status !== 0) break;
  }
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { workspace, status, stdout, summary: readFileSync(summary, 'utf8'), outputs };
}

const CLEAN = {
  'docs/adr/0001-record-architecture-decisions.md': '# 1. Record architecture decisions\n\nDate: 2025-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWe keep a log.\n',
};
const BROKEN = {
  ...CLEAN,
  'docs/adr/0002-use-postgres.md': '# 2. Use PostgreSQL\n\nDate: 2025-02-30\n\n## Status\n\nSuperseded by [3. Use SQLite](0003-use-sqlite.md)\n\n## Context\n\nA | pipe and <b>markup</b>.\n',
};

describe('action.yml', () => {
  it('is a composite action whose inputs and outputs are all documented and used', () => {
    expect(action.name).toBeTruthy();
    expect(action.description.length).toBeGreaterThan(40);
    expect(action.runs.using).toBe('composite');
    const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toBeTruthy();
      expect(text, `input ${name} is used`).toContain(`inputs.${name} }}`);
    }
    for (const used of text.matchAll(/inputs\.([\w-]+)/g)) expect(Object.keys(action.inputs), used[1]).toContain(used[1]);
    const ids = new Set(action.runs.steps.map((s) => s.id).filter(Boolean));
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.description, name).toBeTruthy();
      const ref = /^\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}$/.exec(output.value);
      expect(ref, output.value).not.toBeNull();
      expect(ids).toContain(ref![1]);
    }
    for (const step of action.runs.steps) {
      // A composite step must name its shell; an expression inside `run` would splice input text into the script.
      if (step.run) expect(step.shell).toBe('bash');
      expect(step.run ?? '').not.toMatch(/\$\{\{/);
    }
  });

  it.skipIf(!existsSync(BIN))('annotates, summarises, writes SARIF and fails on a log with errors', () => {
    const r = runAction(BROKEN, { sarif: 'reports/adr.sarif' });
    expect(r.status, r.stdout).toBe(1);
    expect(r.stdout).toContain(`adr check: ${PKG.name} ${PKG.version}`);
    expect(r.stdout).toMatch(/^::error file=docs\/adr\/0002-use-postgres\.md,line=3,/m);
    expect(r.outputs.errors).toMatch(/^[1-9]\d*$/);
    expect(r.outputs.warnings).toMatch(/^\d+$/);
    expect(r.outputs['sarif-file']).toBe('reports/adr.sarif');
    const sarif = JSON.parse(readFileSync(join(r.workspace, 'reports', 'adr.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBe(Number(r.outputs.errors) + Number(r.outputs.warnings));
    expect(r.summary).toMatch(/^### adr check\n\n✖ \d+ errors?, \d+ warnings?\./);
    expect(r.summary).toContain('| ✖ error | [docs/adr/0002-use-postgres.md:3](https://github.com/acme/shop/blob/0123456789abcdef/docs/adr/0002-use-postgres.md#L3) |');
    expect(r.summary).toContain('`date-invalid`');
    // Every table row has exactly its four cells, whatever the messages hold.
    for (const row of r.summary.split('\n').filter((l) => l.startsWith('| ✖') || l.startsWith('| ⚠'))) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6);
  }, 120_000);

  it.skipIf(!existsSync(BIN))('passes a clean log, in a working directory, with the dir input and extra args', () => {
    const files = Object.fromEntries(Object.entries(CLEAN).map(([path, text]) => [`services/api/${path.replace('docs/adr', 'decisions-api')}`, text]));
    const r = runAction(files, { 'working-directory': 'services/api', dir: 'decisions-api', args: '--max-warnings 0', summary: 'true' });
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).not.toContain('::error');
    expect(r.outputs).toMatchObject({ errors: '0', warnings: '0', 'sarif-file': '' });
    expect(r.summary).toBe('### adr check\n\n✔ No problems in the decision log.\n');
  }, 120_000);

  it.skipIf(!existsSync(BIN))('stops with the usage error of a bad argument, and writes no summary with summary: false', () => {
    const bad = runAction(CLEAN, { args: '--format-typo' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toContain('::error title=adr check::adr check stopped with exit code 2');
    const quiet = runAction(BROKEN, { summary: 'false' });
    expect(quiet.status).toBe(1);
    expect(quiet.summary).toBe('');
    expect(quiet.outputs.errors).toMatch(/^[1-9]/);
  }, 120_000);

  it.skipIf(!existsSync(BIN))("runs the project's own adrkit when the action has no build of its own", () => {
    // The action as a user's workflow gets it from GitHub: action.yml and package.json, no dist/.
    const actionPath = join(work, 'action-checkout');
    mkdirSync(actionPath, { recursive: true });
    cpSync(join(ROOT, 'action.yml'), join(actionPath, 'action.yml'));
    cpSync(join(ROOT, 'package.json'), join(actionPath, 'package.json'));
    const r = runAction(CLEAN, {}, {
      actionPath,
      before: (workspace) => {
        mkdirSync(join(workspace, 'node_modules', '.bin'), { recursive: true });
        const shim = join(workspace, 'node_modules', '.bin', 'adr');
        writeFileSync(shim, `#!/bin/sh\necho "project-adr $*" >> "${join(workspace, 'calls.txt')}"\nexec "${process.execPath}" "${BIN}" "$@"\n`);
        chmodSync(shim, 0o755);
      },
    });
    expect(r.status, r.stdout).toBe(0);
    expect(readFileSync(join(r.workspace, 'calls.txt'), 'utf8')).toContain('project-adr check --format github');
  }, 120_000);
});

describe('action.yml in a pull request', () => {
  const git = (cwd: string, ...args: string[]) => {
    const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Ana', GIT_AUTHOR_EMAIL: 'ana@example.com', GIT_COMMITTER_NAME: 'Ana', GIT_COMMITTER_EMAIL: 'ana@example.com' } });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout;
  };
  /** A repository whose main took record 2 while the branch feature also added a record 2. */
  function origin(): string {
    const src = mkdtempSync(join(work, 'origin-'));
    git(src, 'init', '-q', '-b', 'main');
    const write = (path: string, text: string) => {
      mkdirSync(join(src, path, '..'), { recursive: true });
      writeFileSync(join(src, path), text);
    };
    for (const [path, text] of Object.entries(CLEAN)) write(path, text);
    git(src, 'add', '-A');
    git(src, 'commit', '-q', '-m', 'start');
    git(src, 'checkout', '-q', '-b', 'feature');
    write('docs/adr/0002-use-kafka.md', '# 2. Use Kafka\n\nDate: 2025-03-01\n\n## Status\n\nProposed\n\n## Context\n\nEvents.\n');
    git(src, 'add', '-A');
    git(src, 'commit', '-q', '-m', 'kafka');
    git(src, 'checkout', '-q', 'main');
    write('docs/adr/0002-use-redis.md', '# 2. Use Redis\n\nDate: 2025-03-02\n\n## Status\n\nAccepted\n\n## Context\n\nCache.\n');
    git(src, 'add', '-A');
    git(src, 'commit', '-q', '-m', 'redis');
    return src;
  }

  it.skipIf(!existsSync(BIN))('fetches what a shallow checkout lacks, compares numbers with the base and summarises the change', () => {
    const src = origin();
    // actions/checkout's default: the branch alone, one commit deep.
    const r = runAction({}, { base: 'main' }, { before: (workspace) => git(workspace, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${src}`, '.') });
    expect(r.status, r.stdout).toBe(1);
    expect(r.stdout).toMatch(/^::error file=docs\/adr\/0002-use-kafka\.md,line=1,.*Number 2 is also used on origin\/main by `0002-use-redis\.md`/m);
    expect(r.stdout).not.toContain('::warning title=adr check::');
    expect(r.summary).toContain('### adr check');
    expect(r.summary).toContain('`id-taken-on-base`');
    expect(r.summary).toMatch(/### Decision log changes\n\nCompared with `origin\/main` \(merge base `[0-9a-f]{7}`\): 1 record added/);
    expect(r.summary).toContain('| ➕ added | 2. Use Kafka | proposed | `0002-use-kafka.md` |');
  }, 120_000);

  it.skipIf(!existsSync(BIN))('without a base (a push), compares nothing and writes no change summary', () => {
    const src = origin();
    const r = runAction({}, {}, { before: (workspace) => git(workspace, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${src}`, '.') });
    expect(r.status, r.stdout).toBe(0);
    expect(r.summary).not.toContain('Decision log changes');
  }, 120_000);

  it.skipIf(!existsSync(BIN))('a base that cannot be fetched is one warning, and the check carries on', () => {
    const src = origin();
    const r = runAction({}, { base: 'develop', 'fetch-history': 'false' }, { before: (workspace) => git(workspace, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${src}`, '.') });
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout.match(/::warning title=adr check::the base branch develop is not in this checkout/g)).toHaveLength(1);
  }, 120_000);
});

describe('.pre-commit-hooks.yaml', () => {
  type Hook = Record<string, unknown> & { id: string; name: string; entry: string; language: string };
  const hooks = yaml.load(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

  it('declares adr-check as a node hook that runs the package bin on the whole log', () => {
    expect(Array.isArray(hooks)).toBe(true);
    const hook = hooks.find((h) => h.id === 'adr-check');
    expect(hook).toBeDefined();
    expect(hook).toMatchObject({ language: 'node', pass_filenames: false });
    // pre-commit installs the repository as a node package: the entry must be one of its bins.
    const bins = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin);
    expect(bins).toContain(hook!.entry.split(' ')[0]);
    expect(hook!.name).toBeTruthy();
    expect(hook!.description).toBeTruthy();
    // The keys pre-commit's manifest schema knows (an unknown key is a warning there, a typo here).
    const known = new Set(['id', 'name', 'entry', 'language', 'files', 'exclude', 'types', 'types_or', 'exclude_types', 'additional_dependencies', 'args', 'always_run', 'fail_fast', 'pass_filenames', 'description', 'language_version', 'log_file', 'minimum_pre_commit_version', 'require_serial', 'stages', 'verbose']);
    for (const h of hooks) for (const key of Object.keys(h)) expect(known, `${h.id}: ${key}`).toContain(key);
    // Triggered by records, the overview and the config, not by other files.
    const files = new RegExp(String(hook!.files));
    for (const path of ['decisions/2025-08-06-nix.md', 'docs/adr/0001-x.md', 'DECISIONS.md', '.adr.json', '.adr-dir']) expect(files.test(path), path).toBe(true);
    for (const path of ['src/index.ts', 'package-lock.json', 'image.png']) expect(files.test(path), path).toBe(false);
  });
});

describe('.github/workflows/ci.yml', () => {
  type Workflow = { jobs: Record<string, { strategy?: { matrix?: { node?: number[] } }; container?: { image: string; options?: string }; steps: Step[] }> };
  const workflow = yaml.load(readFileSync(join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8')) as Workflow;

  it("runs the README's install and test commands on Node 20, 22 and 24 in Debian's Node images, as root", () => {
    const job = workflow.jobs.test;
    expect(job.strategy?.matrix?.node).toEqual([20, 22, 24]);
    expect(job.container?.image).toBe('node:${{ matrix.node }}-bookworm');
    expect(job.container?.options).toContain('--user root');
    const runs = job.steps.map((s) => s.run ?? '').join('\n');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    // The README's test command, word for word.
    const testCommand = /^npm test\b/m.exec(readme.split('```sh')[1] ?? '')?.[0];
    expect(testCommand).toBe('npm test');
    expect(runs).toMatch(/^npm ci\b/m);
    expect(runs).toMatch(/^npm test$/m);
    // And the Action of this repository on its own log.
    expect(job.steps.some((s) => s.uses === './')).toBe(true);
  });
});
