/**
 * The base branch a command compares with: `--base REF`, else (where the command allows it) the
 * pull request's base branch GitHub Actions names in `GITHUB_BASE_REF`. Shared by `adr check`,
 * `adr diff`, `adr new` and `adr renumber`.
 */
import type { BaseSnapshot, Log } from '../model/index.js';
import type { CommandContext } from './context.js';

/** Which base to use and where it came from. */
export interface BaseChoice {
  ref: string;
  /** True when the person named it (`--base`); false when it came from GITHUB_BASE_REF. */
  explicit: boolean;
}

/** `--base REF`, else `origin/$GITHUB_BASE_REF` when `fromEnv`, else null. */
export async function chooseBase(ctx: CommandContext, flag: unknown, fromEnv: boolean): Promise<BaseChoice | null> {
  if (typeof flag === 'string') return { ref: flag, explicit: true };
  if (!fromEnv) return null;
  const { baseRefFromEnv } = await import('../store/git.js');
  const ref = baseRefFromEnv(ctx.env);
  return ref ? { ref, explicit: false } : null;
}

/**
 * A loader of the base branch's snapshot for the rules, called with the log once it is read (and
 * only once, however often the check reads the log again). What git cannot tell (a shallow clone)
 * is said once on stderr. A base named on the command line that cannot be read is an error; one
 * taken from the environment is a notice, and the check carries on without it.
 */
export function baseLoader(ctx: CommandContext, command: string, choice: BaseChoice): (log: Log) => Promise<BaseSnapshot | undefined> {
  let pending: Promise<BaseSnapshot | undefined> | null = null;
  return (log) => {
    pending ??= (async () => {
      const { probeRepo } = await import('../store/git.js');
      const { readBaseSnapshot } = await import('../store/base.js');
      const probe = await probeRepo(log.dir, ctx.env);
      const source = choice.explicit ? `--base ${choice.ref}` : `the pull request's base (GITHUB_BASE_REF: ${choice.ref})`;
      if (!probe.ok) {
        ctx.stderr.write(`adr ${command}: ${source} not compared: ${probe.message}\n`);
        return undefined;
      }
      try {
        const read = await readBaseSnapshot(probe.repo, choice.ref, log.decisions.map((d) => d.file), log);
        for (const note of read.notes) ctx.stderr.write(`adr ${command}: ${note}\n`);
        return read.snapshot;
      } catch (error) {
        if (choice.explicit || !(error instanceof Error) || error.name !== 'UserError') throw error;
        ctx.stderr.write(`adr ${command}: ${source} not compared: ${error.message}\n`);
        return undefined;
      }
    })();
    return pending;
  };
}
