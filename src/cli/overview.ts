/**
 * `adr overview`: generates the overview file (DECISIONS.md) or brings it in step.
 *
 * Only the marked regions are rewritten; a hand-kept overview (no regions) is merged in place,
 * keeping every hand-written line. `--check` is the CI form: exit 1 when the file is stale,
 * writing nothing.
 */
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import type { Log } from '../model/index.js';
import { unifiedDiff } from '../edit/diff.js';
import { describeHunk, overviewFor, overviewHunks } from '../store/overview-judge.js';
import { readLog } from '../store/read-log.js';
import { assertWritableOverview, footerToday, overviewTarget, readOverviewText, resolveOverviewPath, withOverviewLock } from '../store/sync-overview.js';
import { createExclusive, writeFileAtomic, type Bounds } from '../store/write.js';
import { repositoryBounds } from '../store/confine.js';
import { parseFlags } from './args.js';
import { UserError, type Command, type CommandContext } from './context.js';
import { displayPath, printable } from '../output.js';

const HELP = `Usage: adr overview [options]

Examples:
  adr overview
  adr overview --check
  adr overview --dry-run

Generates the overview file (default: DECISIONS.md next to the log folder, or the config's
"overview") from the records: the decision table with its legend, the open action items by
horizon, the documents table, the decision history and a "Last Updated" footer.

Only the regions between <!-- adr:begin NAME --> and <!-- adr:end NAME --> are rewritten;
text around them is kept. A hand-kept overview without markers is brought in step in place,
restructuring nothing: every hand-written row, item, legend and history line stays. Only the
Status, Tasks, Priority and Date cells that disagree with their record are rewritten (keeping
the column's alignment), records without a row get one in the table's own style, open action
items missing from the list are added under their horizon, and items a record has aborted move
to a "Completed/Aborted" group where there is one. --dry-run shows the diff first. Running it
twice changes nothing. --adopt also adds one comment line marking the file as adopted, so that
adr new, abort and status keep the whole file in step too (without it they update only the rows
and items of the record they change).

Options:
      --check        exit 1 when the file is missing or stale; write nothing (for CI)
      --adopt        mark a hand-kept overview so every later edit keeps all of it in step
  -n, --dry-run      print the change as a diff; write nothing
      --no-cache     parse every record again instead of using the parse cache
  -d, --dir DIR      the log folder
`;

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseFlags(
    'overview',
    argv,
    { check: { type: 'boolean' }, 'dry-run': { type: 'boolean', short: 'n' }, adopt: { type: 'boolean' }, 'no-cache': { type: 'boolean' } },
    0,
  );
  const log = await readLog({ cwd: ctx.cwd, dir: values.dir as string | undefined, cache: !values['no-cache'], env: ctx.env });
  const path = resolveOverviewPath(log.dir, log.config) ?? overviewTarget(log.dir, log.config);
  if (!path) {
    ctx.stderr.write('adr overview: the config turns the overview off ("overview": false); nothing to do\n');
    return 0;
  }
  const shown = displayPath(ctx.cwd, path);
  // --check only reads (reads follow links); a write, or a dry run of one, must land inside the repository.
  if (values.check) return generate(ctx, log, path, shown, values, repositoryBounds(log));
  const bounds = assertWritableOverview(path, log);
  if (values['dry-run']) return generate(ctx, log, path, shown, values, bounds);
  // Read, compare and write under the overview's lock: an `adr new` at the same time keeps its row.
  return withOverviewLock(path, bounds, () => generate(ctx, log, path, shown, values, bounds));
}

async function generate(ctx: CommandContext, log: Log, path: string, shown: string, values: Record<string, unknown>, bounds: Bounds): Promise<number> {
  const exists = existsSync(path);
  const before = exists ? await readOverviewText(path) : null;
  const result = overviewFor(log, path, before, footerToday(ctx.now, ctx.env), Boolean(values.adopt));
  const unreadable = log.diagnostics.filter((d) => d.rule === 'parse' && d.severity === 'error').length;
  if (unreadable) ctx.stderr.write(`adr overview: ${unreadable} file${unreadable === 1 ? '' : 's'} could not be read and ${unreadable === 1 ? 'is' : 'are'} not listed ('adr check' names them)\n`);

  if (values.check) {
    if (!result.changed) {
      ctx.stdout.write(`${shown} is up to date\n`);
      return 0;
    }
    const how = result.handKept ? "run 'adr overview' to bring it in step (hand-written rows and items are kept)" : "run 'adr overview' to update it";
    ctx.stdout.write(exists ? `${shown} is stale: ${how}\n` : `${shown} does not exist: run 'adr overview' to create it\n`);
    // The same runs of lines 'adr check' reports (the one judge, src/store/overview-judge.ts).
    const hunks = before === null ? [] : overviewHunks(before, result);
    for (const hunk of hunks.slice(0, 20)) ctx.stdout.write(`  ${shown}:${hunk.line}: ${printable(describeHunk(hunk))}\n`);
    if (hunks.length > 20) ctx.stdout.write(`  and ${hunks.length - 20} more (adr overview --dry-run shows them all)\n`);
    return 1;
  }
  if (!result.changed) {
    ctx.stdout.write(`${shown} is up to date\n`);
    return 0;
  }
  if (values['dry-run']) {
    ctx.stdout.write(unifiedDiff(shown, before ?? '', result.text));
    return 0;
  }
  if (exists) await writeFileAtomic(path, result.text, bounds);
  else if (!(await createExclusive(path, result.text, bounds))) throw new UserError(takenWhy(path, shown));
  const what = !exists
    ? 'created'
    : result.adopted
      ? 'adopted (hand-written rows and items kept; drifting cells, missing rows and items brought in step)'
      : result.handKept
        ? 'brought in step in place (hand-written rows and items kept)'
        : 'updated';
  ctx.stdout.write(`${shown} ${what}: ${log.decisions.length} record${log.decisions.length === 1 ? '' : 's'}\n`);
  return 0;
}

/** The `adr overview` command. */
/** Why the overview could not be created where nothing readable was: a link to nowhere, or a race. */
function takenWhy(path: string, shown: string): string {
  try {
    if (lstatSync(path).isSymbolicLink()) {
      return `${shown} is a symbolic link to ${readlinkSync(path)}, which does not exist; adr does not create files through links: remove the link (or create its target inside the repository) and run 'adr overview' again`;
    }
  } catch {
    // gone again: a race after all
  }
  return `${shown} appeared while generating it; run 'adr overview' again`;
}

export const command: Command = {
  summary: 'generate or update the overview file (DECISIONS.md)',
  help: HELP,
  run,
};
