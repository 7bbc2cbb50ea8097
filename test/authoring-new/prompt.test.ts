import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closePrompts, usePromptInput } from '../../src/cli/prompt.js';
import { parseRecord } from '../../src/parse/index.js';
import { runCli, tempDir, writeFiles } from './helpers.js';

let root: string;
beforeEach(() => {
  root = tempDir('adr-prompt-');
  writeFiles(root, { 'decisions/.keep': '' });
});
afterEach(() => {
  closePrompts();
  usePromptInput(process.stdin);
  rmSync(root, { recursive: true, force: true });
});

describe('adr new on a terminal', () => {
  it('asks for the title, then priority and category, answers typed ahead included', async () => {
    const input = new PassThrough();
    usePromptInput(input);
    input.end('Use Zulip for the community\n2\nbiz\n');
    const r = await runCli(['new'], root, { interactive: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Title: ');
    expect(r.stderr).toContain('Priority?');
    const file = '2026-01-15-use-zulip-for-the-community.md';
    expect(r.stdout).toBe(`decisions/${file}\n`);
    const d = parseRecord(file, readFileSync(join(root, 'decisions', file), 'utf8')).decision!;
    expect(d).toMatchObject({ title: 'Use Zulip for the community', priority: 'important', category: 'Business' });
  });

  it('an empty title is still refused (exit 2), and Ctrl-D ends the questions', async () => {
    const input = new PassThrough();
    usePromptInput(input);
    input.end('\n');
    const r = await runCli(['new'], root, { interactive: true });
    expect(r.code).toBe(2);
    expect(readdirSync(join(root, 'decisions'))).toEqual(['.keep']);
  });

  it('asks nothing when the title is given', async () => {
    const input = new PassThrough();
    usePromptInput(input);
    const r = await runCli(['new', 'Given'], root, { interactive: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
