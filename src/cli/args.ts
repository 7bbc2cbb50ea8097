/**
 * Flag parsing for every command, on node:util's parseArgs (no dependency, no start-up cost).
 * Unknown flags and missing values become UsageError, so the entry point can exit 2 with help.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './context.js';
import { didYouMean } from './did-you-mean.js';

/** Option table in parseArgs' shape. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  dir: { type: 'string', short: 'd' },
} as const satisfies OptionSpec;

/**
 * Parses `argv` against `options` (plus --help and --dir), in strict mode. `--` ends the options:
 * every word after it is an argument, even one that looks like a flag (`adr new -- --help`); the
 * entry point looks for --help only before it.
 * @param command name used in error messages and to pick the help text
 */
/** Options naming a file or folder: an empty value for one is refused. */
const PATH_OPTIONS = ['dir', 'out', 'output', 'template', 'site'];

export function parseFlags<O extends OptionSpec>(
  command: string,
  argv: string[],
  options: O,
  maxPositionals = Infinity,
): { values: Record<string, string | boolean | Array<string | boolean> | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.positionals.length > maxPositionals) {
      throw new UsageError(`unexpected argument '${parsed.positionals[maxPositionals]}'`, command);
    }
    // A path given empty (`--dir "$UNSET"`) is a mistake in a script, never "the default": a
    // command that writes must not quietly act on another log.
    for (const name of PATH_OPTIONS) {
      const value = (parsed.values as Record<string, unknown>)[name];
      for (const v of Array.isArray(value) ? value : [value]) {
        if (typeof v === 'string' && v.trim() === '') throw new UsageError(`option '--${name}' needs a value, not an empty one (a variable that is not set?)`, command, false);
      }
    }
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw flagError(command, error, { ...COMMON_OPTIONS, ...options });
  }
}

/**
 * parseArgs' error in the style of the other usage errors (lower case, the option as typed), with
 * the nearest known option for one typed wrong: `unknown option '--stauts'; did you mean '--status'?`.
 * A typo gets the one line and a pointer to the help rather than the whole help.
 */
function flagError(command: string, error: unknown, options: OptionSpec): UsageError {
  const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
  const code = (error as { code?: string }).code;
  const unknown = /^Unknown option '([^']*)'/.exec(message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    const typed = unknown[1];
    const names = Object.entries(options).flatMap(([name, spec]) => [`--${name}`, ...(spec.short ? [`-${spec.short}`] : [])]);
    const hint = typed.startsWith('--') ? didYouMean(typed.split('=')[0], names.filter((n) => n.startsWith('--'))) : '';
    return new UsageError(`unknown option '${typed}'${hint}`, command, !hint);
  }
  const missing = /^Option '(?:-\w, )?([^' ]*)(?: <value>)?' argument missing/.exec(message);
  if (missing) return new UsageError(`option '${missing[1]}' needs a value`, command);
  const noValue = /^Option '(?:-\w, )?([^' ]*)' does not take an argument/.exec(message);
  if (noValue) return new UsageError(`option '${noValue[1]}' takes no value`, command);
  return new UsageError(message.charAt(0).toLowerCase() + message.slice(1), command);
}
