/** Every help text opens the same way: the usage line, then three examples, then the prose. */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { runCli, tempDir } from '../authoring-new/helpers.js';

const root = tempDir('adr-help-');

describe('help texts', () => {
  it.each(Object.keys(COMMANDS))('adr %s --help: usage, then three examples before the prose', async (name) => {
    const r = await runCli([name, '--help'], root);
    expect(r.code).toBe(0);
    const head = new RegExp(`^Usage: adr ${name}\\b[^\\n]*\\n\\nExamples:\\n(  adr ${name}\\b[^\\n]*\\n){3}\\n[^ \\n]`);
    expect(r.stdout).toMatch(head);
    expect((await runCli(['help', name], root)).stdout).toBe(r.stdout);
  });

  it('adr --help: usage, three examples, every command with the status shortcuts, exit codes', async () => {
    const r = await runCli(['--help'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: adr <command> \[options\]\n\nExamples:\n(  adr [^\n]*\n){3}\n/);
    for (const name of Object.keys(COMMANDS)) expect(r.stdout, name).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(r.stdout).toContain('130 cancelled');
  });
});
