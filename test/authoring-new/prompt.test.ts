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
    expect(r.stderr).toContain('Priority (1-4, or a word; Enter skips): ');
    const file = '2026-01-15-use-zulip-for-the-community.md';
    expect(r.stdout).toBe(`decisions/${file}\n`);
    const d = parseRecord(file, readFileSync(join(root, 'decisions', file), 'utf8')).decision!;
    expect(d).toMatchObject({ title: 'Use Zulip for the community', priority: 'important', category: 'Business' });
  });

  it('an empty title asks again; end of input (Ctrl-D) then cancels with exit 130 and writes nothing', async () => {
    const input = new PassThrough();
    usePromptInput(input);
    input.end('\n');
    const r = await runCli(['new'], root, { interactive: true });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('a title is required (Ctrl-C cancels)');
    expect(r.stderr.trimEnd().split('\n').pop()).toBe('adr new: cancelled; nothing was written');
    expect(readdirSync(join(root, 'decisions'))).toEqual(['.keep']);
  });

  it('end of input at the priority question writes nothing', async () => {
    const input = new PassThrough();
    usePromptInput(input);
    input.end('Use Zulip\n');
    const r = await runCli(['new'], root, { interactive: true });
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('');
    expect(readdirSync(join(root, 'decisions'))).toEqual(['.keep']);
  });

  it('a priority answer is a number, a word in full or the unique start of a label; anything else asks again', async () => {
    for (const [answer, want] of [['high', 'urgent'], ['medium', 'important'], ['low', 'planning'], ['urg', 'urgent'], ['no', 'none'], ['3', 'planning']] as const) {
      const input = new PassThrough();
      usePromptInput(input);
      input.end(`T ${answer}\n${answer}\n\n`);
      const r = await runCli(['new', '--dry-run'], root, { interactive: true });
      expect(r.code, answer).toBe(0);
      expect(parseRecord('x.md', r.stdout).decision!.priority, answer).toBe(want);
      closePrompts();
    }
    const input = new PassThrough();
    usePromptInput(input);
    input.end('T\nhi\n9\nimp\n\n');
    const r = await runCli(['new', '--dry-run'], root, { interactive: true });
    expect(r.stderr).toContain("'hi' is not one of the choices");
    expect(r.stderr).toContain("'9' is not one of the choices");
    expect(parseRecord('x.md', r.stdout).decision!.priority).toBe('important');
  });

  it('asks nothing when the title is given', async () => {
    const input = new PassThrough();
    usePromptInput(input);
    const r = await runCli(['new', 'Given'], root, { interactive: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
