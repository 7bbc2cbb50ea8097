/**
 * `adr completion bash|zsh|fish`: the scripts are loaded into the real shells and asked what they
 * would complete, with `adr` on PATH as the built CLI: commands, options, option values, `--opt=`
 * values, REFs from a log in a temp folder, folders for --dir. bash is always there; zsh and fish
 * are tested where installed (apt-get install zsh fish).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpOptions } from '../../src/cli/completion.js';
import { runCli } from '../authoring-new/helpers.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
let work: string;
let project: string;
let env: Record<string, string | undefined>;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'adr-completion-'));
  const bin = join(work, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'adr'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'adr'), 0o755);
  project = join(work, 'project');
  mkdirSync(join(project, 'docs', 'adr'), { recursive: true });
  mkdirSync(join(project, 'drafts'));
  for (const [file, title] of [
    ['0001-record-architecture-decisions.md', 'Record architecture decisions'],
    ['0002-use-postgres.md', 'Use PostgreSQL'],
    ['0012-split-the-api.md', 'Split the API'],
  ]) {
    writeFileSync(join(project, 'docs', 'adr', file), `# ${Number(file.slice(0, 4))}. ${title}\n\nDate: 2025-01-02\n\n## Status\n\nAccepted\n`);
  }
  env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, ADR_CACHE_DIR: join(work, 'cache'), HOME: work };
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What bash completes for `line` (the cursor at its end), through the real script and `complete -F`. */
function bash(line: string): string[] {
  const words = line.split(' ');
  const script = `
    source <(adr completion bash)
    COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; COMP_LINE='${line}'; COMP_POINT=\${#COMP_LINE}
    spec=$(complete -p adr)
    [[ "$spec" == *"-F _adr_completion"* ]] || { echo "not registered: $spec"; exit 3; }
    _adr_completion
    printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { cwd: project, env, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter(Boolean).sort();
}

describe('bash', { timeout: 60_000 }, () => {
  it('completes commands with their names only', () => {
    expect(bash('adr ch')).toEqual(['check']);
    const all = bash('adr ');
    for (const name of ['init', 'new', 'list', 'check', 'abort', 'status', 'accept', 'supersede', 'link', 'overview', 'todo', 'site', 'completion', 'help']) expect(all).toContain(name);
  });

  it("completes a command's options from its help, and their values", () => {
    expect(bash('adr check --f')).toEqual(['--fix', '--fix-dry-run', '--format']);
    expect(bash('adr check --format ')).toEqual(['github', 'json', 'sarif', 'stylish']);
    expect(bash('adr check -f s')).toEqual(['sarif', 'stylish']);
    expect(bash('adr check --rule status-m')).toEqual(['status-mismatch', 'status-missing']);
    expect(bash('adr list --status accepted,pro')).toEqual(['accepted,proposed']);
    expect(bash('adr new --dialect ma')).toEqual(['madr2', 'madr3', 'madr4']);
    expect(bash('adr list --')).toContain('--json');
    expect(bash('adr list --')).toContain('--help');
  });

  it('completes the value after --opt= (bash splits the word at the =)', () => {
    expect(bash('adr check --format = j')).toEqual(['json']);
    expect(bash('adr check --format =')).toEqual(['github', 'json', 'sarif', 'stylish']);
  });

  it('completes REFs from the log, by prefix or by number', () => {
    expect(bash('adr abort ')).toEqual(['0001-record-architecture-decisions', '0002-use-postgres', '0012-split-the-api']);
    expect(bash('adr accept 0002')).toEqual(['0002-use-postgres']);
    expect(bash('adr accept 12')).toEqual(['0012-split-the-api']);
    expect(bash('adr supersede 0001-record-architecture-decisions 00')).toEqual(['0001-record-architecture-decisions', '0002-use-postgres', '0012-split-the-api']);
    expect(bash('adr new --supersedes 0002')).toEqual(['0002-use-postgres']);
    expect(bash('adr status 0002-use-postgres ')).toContain('deprecated');
    expect(bash('adr link 0002-use-postgres am')).toEqual(['amended-by', 'amends']);
    // Nothing more after the last argument; nothing at all where there is no log.
    expect(bash('adr status 0002-use-postgres accepted ')).toEqual([]);
    expect(bash('adr abort --dir drafts ')).toEqual([]);
  });

  it('completes folders for --dir and files for check', () => {
    expect(bash('adr list --dir do')).toEqual(['docs']);
    expect(bash('adr list --dir docs/')).toEqual(['docs/adr']);
    expect(bash('adr check docs/adr/0001')).toEqual(['docs/adr/0001-record-architecture-decisions.md']);
    expect(bash('adr site ')).toEqual(['build', 'dev', 'serve']);
    expect(bash('adr completion ')).toEqual(['bash', 'fish', 'zsh']);
  });
});

describe.skipIf(!has('zsh'))('zsh (where installed)', { timeout: 60_000 }, () => {
  /** What `_adr` hands to compadd (or `_files`) for `line`, with those two replaced by printers. */
  function zsh(line: string): string[] {
    const words = line.split(' ');
    const script = `
      eval "$(adr completion zsh)"
      compadd() { local skip=1; for a in "$@"; do if [[ $a == -- ]]; then skip=0; elif (( ! skip )); then print -r -- "$a"; fi; done }
      _files() { print -r -- "FILES $*" }
      words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}
      _adr`;
    const r = spawnSync('zsh', ['-f', '-c', script], { cwd: project, env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean).sort();
  }

  it('completes commands, options, values and REFs', () => {
    expect(zsh('adr ch')).toEqual(['check']);
    expect(zsh('adr check --format=j')).toEqual(['--format=json']);
    expect(zsh('adr accept 12')).toEqual(['0012-split-the-api']);
    expect(zsh('adr list --dir ')).toEqual(['FILES -/']);
  });
});

describe.skipIf(!has('fish'))('fish (where installed)', { timeout: 60_000 }, () => {
  function fish(line: string): string[] {
    const r = spawnSync('fish', ['--no-config', '-c', `adr completion fish | source; complete -C '${line}'`], { cwd: project, env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean).sort();
  }

  it('completes commands with descriptions, values and REFs', () => {
    expect(fish('adr ch')).toEqual([expect.stringMatching(/^check\tcheck the log/)]);
    expect(fish('adr check --format ')).toEqual(['github', 'json', 'sarif', 'stylish']);
    expect(fish('adr accept 0002')).toEqual(['0002-use-postgres']);
  });
});

describe('the completion command', () => {
  it('prints each script, and refuses an unknown shell with exit 2', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = await runCli(['completion', shell], project);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('completion --complete --');
    }
    const bad = await runCli(['completion', 'tcsh'], project);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("no completion for 'tcsh' (bash, zsh or fish)");
  });

  it('reads options (several per line, with and without values) from help texts', () => {
    const options = helpOptions(['Options:', '  -d, --dir DIR      the log folder', '      --color, --no-color   force colour', '      --fix              apply fixes', '  - a bullet, not an option'].join('\n'));
    expect(options).toEqual([
      { names: ['-d', '--dir'], value: 'DIR', description: 'the log folder' },
      { names: ['--color', '--no-color'], value: null, description: 'force colour' },
      { names: ['--fix'], value: null, description: 'apply fixes' },
    ]);
  });
});
