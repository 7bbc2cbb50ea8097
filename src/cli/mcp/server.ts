/**
 * `adr mcp`: the decision log served over the Model Context Protocol (stdio), for agents. The tools
 * are in tools.ts; every record is also a resource (`adr://decision/<file>`, its markdown).
 *
 * Stdout carries the protocol and nothing else: each call runs with its output captured (what a
 * command would have said on stderr comes back as the result's `notes`), never on the real streams.
 * A failure the caller can fix (an unknown REF, a refused edit, a bad argument) is a tool result
 * with `isError`, never a crash; the server lives until the client closes stdin.
 */
import type { CommandContext, Output } from '../context.js';
import { UsageError, UserError } from '../../errors.js';
import type { Log } from '../../model/index.js';
import { loadMcpSdk } from './sdk.js';
import { recordText, recordUri, TOOLS, type ToolCall } from './tools.js';

/** How the server runs. */
export interface McpOptions {
  /** The log folder (`--dir`), relative to the working directory; found as every command finds it when absent. */
  dir?: string;
  /** Offer no tool that changes files. */
  readOnly?: boolean;
  /** The arguments after `adr` (`['mcp', '--read-only']`), for the install command when the SDK is missing. */
  argv?: readonly string[];
  /** Streams for the transport (default: the process's stdin and stdout). */
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
}

/** What the server tells the model about itself. */
function instructions(readOnly: boolean): string {
  return [
    "This server is the team's architecture decision log (adr). Decisions are markdown records with a status (proposed, accepted, superseded, ...), links between them, action items and, often, the paths of code they govern (applies-to).",
    'Before changing code, call `affected` with the paths you will touch and read what the governing decisions say (`get`); do not follow a superseded, deprecated or aborted decision without saying so. `search` finds decisions by words, `list` by status or priority.',
    readOnly
      ? 'This server is read-only: it offers no tool that changes files.'
      : 'To record a decision, use `new` (with `appliesTo`: the paths it governs); to change one, `status`, `abort`, `supersede` or `link`. Every edit takes `dryRun: true` to show the diff first, and keeps the record in its own format.',
  ].join(' ');
}

/** An output that keeps what is written. */
function capture(): Output & { text(): string } {
  let text = '';
  return {
    write(chunk: string) {
      text += chunk;
      return true;
    },
    text: () => text,
  };
}

/** The lines a call wrote, without the `adr ...:` prefixes meant for a terminal. */
function notesOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/^adr(?: [a-z]+)?: /, '').trimEnd())
    .filter(Boolean);
}

/** A tool's result: the JSON as text (every client reads it) and as structured content. */
function ok(value: Record<string, unknown>) {
  return { content: [{ type: 'text' as const, text: JSON.stringify(value, null, 2) }], structuredContent: value };
}

/**
 * The commands' refusals name their flags (`run it again with --force`); a tool takes arguments, so
 * the message names those instead.
 */
const FLAG_ARGUMENTS: Record<string, string> = { '--force': '`force: true`', '--dry-run': '`dryRun: true`', '--applies-to': '`appliesTo`' };

/** A tool error the model can act on. */
function fail(message: string) {
  const text = message.replace(/--(?:force|dry-run|applies-to)\b/g, (flag) => FLAG_ARGUMENTS[flag]);
  return { content: [{ type: 'text' as const, text }], isError: true };
}

/**
 * Serves the log over stdio until the client closes the connection. Resolves then; rejects only
 * when the SDK is missing (a UserError naming the install command) or the transport cannot start.
 */
export async function serveMcp(base: CommandContext, options: McpOptions = {}): Promise<void> {
  const sdk = await loadMcpSdk({ command: 'adr mcp', argv: options.argv ?? ['mcp'], cwd: base.cwd });
  const { McpServer, ResourceTemplate, StdioServerTransport } = sdk;
  const { packageInfo } = await import('../../package-info.js');
  const readOnly = options.readOnly === true;
  const server = new McpServer({ name: 'adr', title: 'Decision log (adr)', version: packageInfo().version }, { instructions: instructions(readOnly), capabilities: { logging: {} } });

  // Calls still running: when the client hangs up, their answers are written before the server closes.
  let running = 0;
  let drained: (() => void) | null = null;
  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    running++;
    try {
      return await work();
    } finally {
      running--;
      if (running === 0 && drained) {
        const next = drained;
        drained = null;
        next();
      }
    }
  };

  // A fixed clock (ADR_NOW, tests) moves on with the real one; otherwise each call sees the time it runs at.
  const started = Date.now();
  const call = (): ToolCall & { notes: () => string[] } => {
    const out = capture();
    const ctx: CommandContext = { ...base, now: new Date(base.now.getTime() + (Date.now() - started)), stdout: out, stderr: out, interactive: false };
    return { ctx, dir: options.dir, notes: () => notesOf(out.text()) };
  };

  for (const tool of TOOLS) {
    if (readOnly && tool.edit) continue;
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input(sdk.z) as never,
        annotations: { title: tool.title, readOnlyHint: !tool.edit, destructiveHint: false, idempotentHint: !tool.edit || tool.name === 'link' || tool.name === 'supersede', openWorldHint: false },
      },
      (async (args: Record<string, unknown>) => track(async () => {
        const c = call();
        try {
          const result = await tool.run(args ?? {}, c);
          const notes = c.notes();
          return ok(notes.length ? { ...result, notes } : result);
        } catch (error) {
          if (error instanceof UserError || error instanceof UsageError) return fail(error.message);
          const message = error instanceof Error ? error.message : String(error);
          base.stderr.write(`adr mcp: internal error in ${tool.name}: ${error instanceof Error && base.env.ADR_DEBUG ? error.stack : message}\n`);
          return fail(`internal error in adr (${tool.name}): ${message}`);
        }
      })) as never,
    );
  }

  // Every record as a resource: its markdown, read from disk when asked.
  const readLogNow = async (): Promise<Log> => {
    const { readLog } = await import('../../store/read-log.js');
    const c = call();
    return readLog({ cwd: c.ctx.cwd, dir: options.dir, env: c.ctx.env });
  };
  server.registerResource(
    'decision',
    new ResourceTemplate('adr://decision/{file}', {
      list: () => track(async () => {
        const log = await readLogNow();
        return {
          resources: log.decisions.map((d) => ({
            uri: recordUri(d.file),
            name: d.id,
            title: d.title,
            description: [d.status ?? 'no status', d.date, d.summary].filter(Boolean).join(' · '),
            mimeType: 'text/markdown',
          })),
        };
      }),
      complete: {
        file: (value: string) => track(async () => {
          const log = await readLogNow();
          return log.decisions.map((d) => d.file).filter((f) => f.startsWith(value)).slice(0, 100);
        }),
      },
    }),
    { title: 'Decision record', description: 'A decision record of the log, as markdown.', mimeType: 'text/markdown' },
    (uri: URL, variables: Record<string, string | string[]>) => track(async () => {
      const raw = Array.isArray(variables.file) ? variables.file.join(',') : variables.file;
      let file: string;
      try {
        file = decodeURIComponent(raw);
      } catch {
        throw new Error(`not a record URI: ${uri.href}`);
      }
      const log = await readLogNow();
      // Only a record the reader found is served: no path of the URI reaches the disk otherwise.
      const d = log.decisions.find((x) => x.file === file);
      if (!d) throw new Error(`no record ${file} in the log (resources/list names them)`);
      const text = await recordText(log, d.file);
      if (text === null) throw new Error(`${d.file} cannot be read`);
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
    }),
  );

  const transport = new StdioServerTransport(options.stdin as never, options.stdout as never);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
  });
  await server.connect(transport);
  // The SDK's transport does not notice the end of stdin by itself: when the client hangs up, let the
  // calls it sent last finish (and their answers go out), then close.
  const stdin = (options.stdin ?? process.stdin) as NodeJS.ReadableStream;
  let ending = false;
  // The SDK sends an answer a few ticks after its handler resolves: close only once nothing runs then.
  const closeWhenIdle = () =>
    setTimeout(() => {
      if (running === 0) void server.close();
      else drained = closeWhenIdle;
    }, 10);
  const hangUp = () => {
    if (ending) return;
    ending = true;
    closeWhenIdle();
  };
  stdin.once('end', hangUp);
  stdin.once('close', hangUp);
  await closed;
}
