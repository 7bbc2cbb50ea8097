/**
 * The entry point: picks the command, runs it, and turns errors into exit codes.
 * The only module that calls process.exit.
 */
import { COMMANDS, SUMMARIES } from './commands.js';
import { UsageError, UserError, type CommandContext } from './context.js';
import { packageInfo } from '../package-info.js';

/** Top-level help text. */
export function topHelp(): string {
  const width = Math.max(...Object.keys(SUMMARIES).map((name) => name.length));
  const lines = Object.entries(SUMMARIES).map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`);
  return [
    'Usage: adr <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  -d, --dir DIR   the log folder (default: from .adr.json, .adr-dir, or decisions/, doc/adr, docs/adr, docs/decisions)',
    '  -h, --help      help for a command (adr <command> --help)',
    '  -v, --version   print the version',
    '',
    'Examples:',
    '  adr new "Use PostgreSQL for storage"',
    '  adr check --format github',
    '  adr list --status accepted --json',
    '',
    `adr is the command of the ${packageInfo().name} package (${packageInfo().version}); \`npx ${packageInfo().name} <command>\` runs it without installing.`,
    '',
  ].join('\n');
}

/** Runs `adr` with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: string[], ctx: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? rest[0] : undefined;
    if (target && COMMANDS[target]) return main([target, '--help'], ctx);
    (name === undefined ? ctx.stderr : ctx.stdout).write(topHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    // The registry name too: `adr` on the registry is another project, and so is Debian's adr-tools binary.
    const { name: pkg, version } = packageInfo();
    ctx.stdout.write(`${pkg} ${version}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    ctx.stderr.write(`adr: unknown command '${name}'\n\n${topHelp()}`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    ctx.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.stderr.write(`adr ${name}: ${error.message}\n\n${command.help.endsWith('\n') ? command.help : `${command.help}\n`}`);
      return 2;
    }
    if (error instanceof UserError) {
      ctx.stderr.write(`adr ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

/** Runs the process: real cwd, clock and streams. */
export async function runProcess(): Promise<void> {
  const ctx: CommandContext = {
    cwd: process.cwd(),
    now: process.env.ADR_NOW ? new Date(process.env.ADR_NOW) : new Date(),
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  };
  let code: number;
  try {
    code = await main(process.argv.slice(2), ctx);
  } catch (error) {
    // An internal failure: say so in one line (the stack only with ADR_DEBUG), exit 2 as documented.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`adr: internal error: ${message}\n`);
    if (process.env.ADR_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    code = 2;
  }
  // Let pending output drain before exiting (piped stdout is asynchronous).
  process.exitCode = code;
  if (process.stdout.writableNeedDrain) {
    process.stdout.once('drain', () => process.exit(code));
  } else {
    process.exit(code);
  }
}
