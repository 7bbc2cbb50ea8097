/**
 * `adr renumber REF [--to N]`: gives a numbered record another number (file, title, every link,
 * the overview), all or nothing; the work is done by src/store/renumber.ts.
 */
import type { RenumberResult } from '../store/renumber.js';
import { parseFlags } from './args.js';
import { UsageError, type Command, type CommandContext } from './context.js';
import { displayPath, printable } from '../output.js';

const HELP = `Usage: adr renumber REF [--to N] [options]

Examples:
  adr renumber 0042-use-kafka.md
  adr renumber 42 --to 45 --dry-run
  adr renumber use-kafka --base origin/main

Gives the record REF another number: renames its file (0042-use-kafka.md → 0045-use-kafka.md),
changes the number in its title and front matter, and points every link to it (from records,
other markdown files of the log and the overview, and numbers written in place of links such as
"superseded by ADR-0042") at the new name. All or nothing: every changed file is re-read before
anything is written, and an interrupted run is finished or undone by the next adr command. The
old name is kept in the log's .adr-renames.json, so the site keeps a page at the old address.

The usual case: two branches both added record 42; after the merge (or before it, when
adr check --base says so) one of them moves to the next free number.

Options:
      --to N          the new number (default: the next number free in the log, and on --base)
      --base REF      also avoid the numbers the git ref REF uses (the branch you merge into)
  -n, --dry-run       print the changes as a diff; write nothing
      --json          print what was done as JSON
  -d, --dir DIR       the log folder
`;

/** The summary lines printed after a renumbering. */
function summary(ctx: CommandContext, logDir: string, result: RenumberResult, dryRun: boolean): string {
  const show = (file: string) => displayPath(ctx.cwd, `${logDir}/${file}`);
  const lines = [`${dryRun ? 'would renumber' : 'renumbered'} ${result.from.number} → ${result.to.number}: ${show(result.from.file)} → ${show(result.to.file)} (${printable(result.title)})`];
  for (const f of result.files) {
    if (f.kind === 'record') {
      const what = [result.titleChanged ? 'title' : null, f.links ? `${f.links} link${f.links === 1 ? '' : 's'} to itself` : null].filter(Boolean).join(', ');
      lines.push(`  ${show(f.file)}: renamed${what ? `; ${what}` : ''}`);
    } else if (f.kind === 'redirects') {
      lines.push(`  ${show(f.file)}: ${result.redirect.from} → ${result.redirect.to} recorded for the site`);
    } else {
      lines.push(`  ${show(f.file)}: ${f.links} link${f.links === 1 ? '' : 's'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags(
    'renumber',
    argv,
    { to: { type: 'string' }, base: { type: 'string' }, 'dry-run': { type: 'boolean', short: 'n' }, json: { type: 'boolean' } },
    1,
  );
  if (positionals.length === 0) throw new UsageError('which record? (adr renumber REF [--to N])', 'renumber');
  let to: number | undefined;
  if (values.to !== undefined) {
    const raw = String(values.to).trim();
    if (!/^\d{1,6}$/.test(raw)) throw new UsageError(`--to wants a record number (digits), got '${values.to}'`, 'renumber');
    to = Number(raw);
  }
  const dryRun = values['dry-run'] === true;
  const { renumber } = await import('../store/renumber.js');
  // Ctrl-C (or a CI timeout's SIGTERM) stops between two files and undoes what was written, instead
  // of leaving half the links renamed and the record locks behind.
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let result: RenumberResult;
  try {
    result = await renumber({ cwd: ctx.cwd, dir: values.dir as string | undefined, ref: positionals[0], to, base: values.base as string | undefined, now: ctx.now, env: ctx.env, dryRun, signal: controller.signal });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  if (values.json) {
    ctx.stdout.write(`${JSON.stringify({ ...result, dryRun }, null, 2)}\n`);
    return 0;
  }
  if (dryRun) {
    ctx.stdout.write(result.diff);
    ctx.stderr.write(summary(ctx, result.dir, result, true));
    return 0;
  }
  ctx.stdout.write(summary(ctx, result.dir, result, false));
  return 0;
}

/** The `adr renumber` command. */
export const command: Command = {
  summary: 'give a numbered record another number (file, title, every link), all or nothing',
  help: HELP,
  run,
};
