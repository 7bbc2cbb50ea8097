/**
 * ANSI colours for terminal output, off when the output is not a TTY or NO_COLOR is set
 * (https://no-color.org), so piped output and CI logs stay plain.
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

/** Whether colour should be used on `out` given the environment. */
export function useColour(out: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(out.isTTY) && env.TERM !== 'dumb';
}
