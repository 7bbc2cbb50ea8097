/**
 * Flag parsing for every command, on node:util's parseArgs (no dependency, no start-up cost).
 * Unknown flags and missing values become UsageError, so the entry point can exit 2 with help.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './context.js';

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
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw new UsageError(message, command);
  }
}
