// adr new --applies-to: the globs are written where each dialect keeps its metadata (a label line,
// a MADR 2 bullet, front matter; a section at the end of a team's template), in the log's line
// ending, and read back as the record's applies-to; globs that could govern nothing are refused
// before anything is written.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/parse/index.js';
import { runCli, tempDir, writeFiles } from './helpers.js';

let root: string;
beforeEach(() => {
  root = tempDir('adr-new-applies-');
  writeFiles(root, { '.git/HEAD': 'ref: refs/heads/main\n', 'src/db/pool.ts': 'export {};\n', 'migrations/001.sql': '\n' });
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const GLOBS = ['src/db/**', 'migrations/', '*.{sql,prisma}'];
const ARGS = GLOBS.flatMap((g) => ['--applies-to', g]);

/** The one record in `dir` and its text. */
function only(dir: string): { file: string; text: string } {
  const files = readdirSync(join(root, dir)).filter((f) => f.endsWith('.md') && f !== 'DECISIONS.md');
  expect(files).toHaveLength(1);
  return { file: files[0], text: readFileSync(join(root, dir, files[0]), 'utf8') };
}

describe('adr new --applies-to', () => {
  it.each([
    ['summary', '**Applies to**: `src/db/**`, `migrations/`, `*.{sql,prisma}`'],
    ['nygard', 'Applies to: `src/db/**`, `migrations/`, `*.{sql,prisma}`'],
    ['madr2', '- Applies to: `src/db/**`, `migrations/`, `*.{sql,prisma}`'],
    ['madr3', 'applies-to: ["src/db/**", "migrations/", "*.{sql,prisma}"]'],
    ['madr4', 'applies-to: ["src/db/**", "migrations/", "*.{sql,prisma}"]'],
  ])('%s: writes the globs where the dialect keeps its metadata, and they read back', async (dialect, line) => {
    const r = await runCli(['new', '--dir', 'decisions', '--dialect', dialect, 'Keep the data layer thin', ...ARGS], root);
    expect(r.code, r.stderr).toBe(0);
    const { file, text } = only('decisions');
    expect(text.split('\n')).toContain(line);
    const d = parseRecord(file, text).decision!;
    expect(d.appliesTo.map((a) => a.glob)).toEqual(GLOBS);
    const affected = await runCli(['affected', '--dir', 'decisions', 'src/db/pool.ts', 'migrations/001.sql', '--json'], root);
    expect(affected.code, affected.stderr).toBe(0);
    expect(JSON.parse(affected.stdout)).toMatchObject({ governed: 2, decisions: [{ file, files: ['src/db/pool.ts', 'migrations/001.sql'] }] });
    const check = await runCli(['check', '--dir', 'decisions'], root);
    expect(check.stdout).not.toContain('applies-to');
  });

  it("keeps a CRLF log's line ending, and tidies globs as the reader does", async () => {
    writeFiles(root, { 'decisions/0001-first.md': '# 1. First\r\n\r\nDate: 2026-01-01\r\n\r\n## Status\r\n\r\nAccepted\r\n' });
    const r = await runCli(['new', '--dir', 'decisions', 'Second', '-a', './src/db/**', '-a', 'src\\db\\pool.ts', '-a', 'src/db/**'], root);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(root, 'decisions', '0002-second.md'), 'utf8');
    expect(text).toContain('Date: 2026-01-15\r\nApplies to: `src/db/**`, `src/db/pool.ts`\r\n\r\n## Status');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('takes a glob anchored at the repository root with a leading slash, as .gitignore does', async () => {
    const r = await runCli(['new', '--dir', 'decisions', '--dialect', 'nygard', 'Root build file', '-a', '/Makefile'], root);
    expect(r.code, r.stderr).toBe(0);
    const { file, text } = only('decisions');
    expect(parseRecord(file, text).decision!.appliesTo.map((a) => a.glob)).toEqual(['/Makefile']);
  });

  it("a team's template gets an Applies to section at the end", async () => {
    writeFiles(root, { 'template.md': '# {{title}}\n\nDate: {{date}}\n\n## Context\n\nWhy.\n\n\n' });
    const r = await runCli(['new', '--dir', 'decisions', '--template', 'template.md', 'Pool connections', '-a', 'src/db/**'], root);
    expect(r.code, r.stderr).toBe(0);
    const { file, text } = only('decisions');
    expect(text).toBe('# Pool connections\n\nDate: 2026-01-15\n\n## Context\n\nWhy.\n\n## Applies to\n\n- `src/db/**`\n');
    expect(parseRecord(file, text).decision!.appliesTo.map((a) => a.glob)).toEqual(['src/db/**']);
  });

  it.each([
    ['C:/code/**', /it is absolute/],
    ['C:\\code', /it is absolute/],
    ['~/src/**', /it is absolute/],
    ['../other/**', /leads out with '\.\.'/],
    ['src/../../x', /leads out/],
    ['  ', /it is empty/],
    ['src/`x`', /backtick/],
  ])('refuses %j before writing anything', async (glob, message) => {
    const r = await runCli(['new', '--dir', 'decisions', 'Nothing', '-a', 'src/**', '-a', glob], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(`--applies-to '${glob}'`);
    expect(readdirSync(root).sort()).toEqual(['.git', 'migrations', 'src']);
  });
});
