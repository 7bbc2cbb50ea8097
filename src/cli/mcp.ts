/**
 * `adr mcp`: serves the decision log to agents over the Model Context Protocol (stdio). The server
 * itself lives in src/cli/mcp/; this module only reads the flags and starts it.
 */
import { parseFlags } from './args.js';
import type { Command, CommandContext } from './context.js';

const HELP = `Usage: adr mcp [--dir DIR] [--read-only]

Examples:
  adr mcp                               (as an MCP client starts it, in the project)
  adr mcp --dir docs/adr --read-only    (no tool that changes files)
  adr mcp < requests.jsonl              (JSON-RPC messages, one a line; answers on stdout)

Serve the decision log over the Model Context Protocol on stdin/stdout, for AI agents and editors
(Claude Desktop, Claude Code, VS Code, Cursor). An MCP client starts it; it runs until the client
closes the connection. Nothing but the protocol is written to stdout; messages go to stderr.

Tools:
  list, get, search, check, todo, affected             read the log
  new, abort, status, supersede, link                  edit it (each with dryRun: the diff, nothing written)
Resources: every record, as adr://decision/<file> (its markdown).

Edits go through the same locks, verification and refusals as the commands, and write the same
bytes. Needs @modelcontextprotocol/sdk (1.x) and zod, which other commands do not; when they are
missing, adr mcp says how to install them.

Options:
  -d, --dir DIR     the log folder (default: found from the current folder, as every command does)
      --read-only   offer no tool that changes files
  -h, --help        show this help

Example client configuration (Claude Desktop's claude_desktop_config.json, .mcp.json):
  { "mcpServers": { "adr": { "command": "npx", "args": ["adr", "mcp", "--dir", "/path/to/repo/docs/adr"] } } }
`;

/** The `adr mcp` command. */
export const command: Command = {
  summary: 'serve the decision log to AI agents over the Model Context Protocol (stdio)',
  help: HELP,
  async run(argv: string[], ctx: CommandContext): Promise<number> {
    const { values } = parseFlags('mcp', argv, { 'read-only': { type: 'boolean' } }, 0);
    const { serveMcp } = await import('./mcp/server.js');
    const dir = values.dir as string | undefined;
    // The SDK first: without it there is nothing to serve, and saying "serving" first would mislead.
    const { ensureFeature } = await import('../optional-deps.js');
    ensureFeature('mcp', { command: 'adr mcp', argv: ['mcp', ...argv], cwd: ctx.cwd });
    // Say where the log is (or that there is none yet) once, on stderr: clients show it in their server log.
    try {
      const { findLog } = await import('../store/find-log.js');
      const location = await findLog({ cwd: ctx.cwd, dir });
      ctx.stderr.write(`adr mcp: serving ${location.dir}${values['read-only'] ? ' (read-only)' : ''}\n`);
      // Typed in a terminal by hand: say what it is waiting for, rather than sit silent.
      if (ctx.interactive) ctx.stderr.write('adr mcp: waiting for an MCP client on stdin (an MCP client starts this command; see adr mcp --help). Ctrl-C stops it.\n');
    } catch (error) {
      ctx.stderr.write(`adr mcp: ${(error as Error).message}; tools will say so until the log exists\n`);
    }
    await serveMcp(ctx, { dir, readOnly: values['read-only'] === true, argv: ['mcp', ...argv] });
    return 0;
  },
};
