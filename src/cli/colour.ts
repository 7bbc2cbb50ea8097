/**
 * ANSI colours for terminal output and the one policy that decides whether to use them (every
 * command asks `useColour`): piped output and CI logs stay plain unless the user forces colour.
 */

/** Colour functions; identity functions when colour is off. */
export interface Colours {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  underline(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

/** The colour functions, real or plain. */
export function colours(enabled: boolean): Colours {
  if (!enabled) {
    const id = (s: string) => s;
    return { bold: id, dim: id, red: id, green: id, yellow: id, cyan: id, underline: id };
  }
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    underline: wrap(4, 24),
  };
}

/**
 * Whether to colour what goes to `out`, first answer wins:
 * 1. the command line: `--color` / `--no-color` (`flag`);
 * 2. `FORCE_COLOR` set and not empty (https://force-color.org): on, except `0` and `false`, which
 *    turn colour off as chalk's supports-color and Node's own tty do; it overrides `NO_COLOR`;
 * 3. `NO_COLOR` set and not empty (https://no-color.org): off;
 * 4. on for a terminal (`out.isTTY`) unless `TERM=dumb`.
 */
export function useColour(out: { isTTY?: boolean }, env: Record<string, string | undefined>, flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(out.isTTY) && env.TERM !== 'dumb';
}
