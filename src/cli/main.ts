/**
 * The entry point: picks the command, runs it, and turns errors into exit codes.
 * The only module that calls process.exit.
 */
import { userErrorFrom } from '../errors.js';
import { displayPath } from '../output.js';
import { COMMANDS, SUMMARIES } from './commands.js';
import { UsageError, UserError, type CommandContext } from './context.js';
import { takeNotices } from '../store/notices.js';
import { packageInfo } from '../package-info.js';

/** Top-level help text. */
export function topHelp(): string {
  const width = Math.max(...Object.keys(SUMMARIES).map((name) => name.length));
  const lines = Object.entries(SUMMARIES).map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`);
  return [
    'Usage: adr <command> [options]',
    '',
    'Examples:',
    '  adr new "Use PostgreSQL for storage"',
    '  adr accept postgresql',
    '  adr check --format github',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  -d, --dir DIR   the log folder (default: found from .adr.json or .adr-dir, else decisions/, docs/adr...)',
    '  -h, --help      help for a command (adr <command> --help, or adr help <command>)',
    '  -v, --version   print the version',
    '',
    'A REF names a record: its number, a file name or stem, or a unique part of its title (adr list',
    'shows one for each). Exit codes: 0 done, 1 findings or a failure you can fix, 2 a usage error,',
    '130 cancelled at a question (Ctrl-C, Ctrl-D).',
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
    if (target) return main([target, '--help'], ctx);
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
    // `adr -d docs/adr list`: the options every command takes may come before it.
    const global = /^(-d|--dir)(=.*)?$/.exec(name);
    if (global && rest.length > (global[2] ? 0 : 1)) {
      const [value, command, ...after] = global[2] ? [global[2].slice(1), ...rest] : rest;
      if (Object.hasOwn(COMMANDS, command)) return main([command, '--dir', value, ...after], ctx);
    }
    const { didYouMean } = await import('./did-you-mean.js');
    const hint = didYouMean(name, Object.keys(COMMANDS));
    ctx.stderr.write(hint ? `adr: unknown command '${name}'${hint}\n` : `adr: unknown command '${name}'\n\n${topHelp()}`);
    return 2;
  }
  const command = await load();
  // `--` ends the options: `adr new -- --help` drafts a record titled "--help".
  const end = rest.indexOf('--');
  const options = end === -1 ? rest : rest.slice(0, end);
  if (options.includes('--help') || options.includes('-h')) {
    ctx.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, ctx);
  } catch (error) {
    flushNotices(ctx);
    if (error instanceof UsageError) {
      const help = error.showHelp ? `\n${command.help.endsWith('\n') ? command.help : `${command.help}\n`}` : `Run 'adr ${name} --help' for every option.\n`;
      ctx.stderr.write(`adr ${name}: ${error.message}\n${help}`);
      return 2;
    }
    if (error instanceof UserError) {
      ctx.stderr.write(`adr ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    // The user's own fault (a full disk, a read-only folder, a taken port): what to do, exit 1.
    const fault = userErrorFrom(error, (path) => displayPath(ctx.cwd, path));
    if (fault) {
      ctx.stderr.write(`adr ${name}: ${fault.message}\n`);
      if (ctx.env.ADR_DEBUG && error instanceof Error) ctx.stderr.write(`${error.stack}\n`);
      return fault.exitCode;
    }
    throw error;
  } finally {
    flushNotices(ctx);
  }
}

/** Prints what the store did on its own during the command (a half-done renumber it finished). */
function flushNotices(ctx: CommandContext): void {
  for (const text of takeNotices()) ctx.stderr.write(`adr: ${text}\n`);
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
