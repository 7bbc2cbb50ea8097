/**
 * `adr supersede OLD NEW`: NEW supersedes OLD, written on both sides; OLD's status becomes
 * superseded (with a link to NEW) and the overview follows.
 */
import { parseFlags } from './args.js';
import { UsageError, type Command, type CommandContext } from './context.js';
import { linkRecords } from './shared.js';

const HELP = `Usage: adr supersede OLD NEW [options]

Examples:
  adr supersede 1 2
  adr supersede heroku fly
  adr supersede mysql postgres-16 --force   (mysql already had a successor: replace it)

Mark OLD as superseded by NEW, on both sides, each in its own style:
  OLD: status "Superseded by [NEW](new.md)" (Nygard: the "## Status" paragraph; MADR 2: "- Status:";
       MADR 3/4: status: in the front matter; summary: the "**Status**:" line and the footer);
       its open action items are closed as aborted ("superseded by NEW")
  NEW: "Supersedes [OLD](old.md)" (Nygard: in "## Status"; summary: "## Related Decisions")
The spelling written is "Superseded" unless the config's supersededSpelling (or the log's own
habit) says "Superceded"; both are read. Running it twice adds nothing.

Options:
  -n, --dry-run      print the diffs, write nothing
      --json         print what was done as JSON
  -d, --dir DIR      the log folder
`;

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags('supersede', argv, { 'dry-run': { type: 'boolean', short: 'n' }, json: { type: 'boolean' }, force: { type: 'boolean', short: 'f' } }, 2);
  if (positionals.length < 2) throw new UsageError('expected OLD and NEW', 'supersede');
  const [oldRef, newRef] = positionals;
  return linkRecords(ctx, values, newRef, 'supersedes', oldRef);
}

/** The `adr supersede` command. */
export const command: Command = {
  summary: 'mark a record as superseded by another, on both sides',
  help: HELP,
  run,
};
