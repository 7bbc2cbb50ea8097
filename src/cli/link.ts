/**
 * `adr link SRC KIND TGT`: links two records on both sides, each in its own dialect
 * (KIND: supersedes, superseded-by, amends, amended-by, relates). Linking twice adds nothing.

adr-tools' form works too: adr link 12 Clarifies 10 "Clarified by" writes those words as a
"relates" link on both sides (known kinds such as Amends / "Amended by" are recognised).
 */
import { LINK_KINDS, type LinkKind } from '../model/index.js';
import { parseFlags } from './args.js';
import { linkRecords } from './shared.js';
import { UsageError, type Command, type CommandContext } from './context.js';

const HELP = `Usage: adr link SRC KIND TGT [REVERSE] [options]

Examples:
  adr link 3 amends 2
  adr link "retention" relates kafka
  adr link 12 Clarifies 10 "Clarified by"

Link two records on both sides. KIND is what SRC does to TGT:
  supersedes, superseded-by, amends, amended-by, relates
TGT gets the reverse (superseded-by, supersedes, amended-by, amends, relates). Each side is written
in its record's own style: Nygard "## Status" lines (Supersedes [1. Title](0001-x.md)), MADR 2
"## Links" bullets, MADR 3/4 "## More Information" bullets, summary "## Related Decisions"
bullets (created before the footer when missing). A superseded record's status becomes superseded.
Linking twice adds nothing.

adr-tools' form works too: adr link 12 Clarifies 10 "Clarified by" writes those words as a
"relates" link on both sides (known kinds such as Amends / "Amended by" are recognised).

Options:
  -n, --dry-run      print the diffs, write nothing
      --json         print what was done as JSON
  -d, --dir DIR      the log folder
`;

/** `Amended by`, `amended_by`, `SUPERSEDES` → the kind. */
export function parseKind(word: string, command: string): LinkKind {
  const k = word.trim().toLowerCase().replace(/[\s_]+/g, '-').replace('superceded', 'superseded').replace('supercedes', 'supersedes');
  const kind = k === 'relates-to' || k === 'related' || k === 'related-to' ? 'relates' : k;
  if (!(LINK_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`unknown link kind '${word}' (${LINK_KINDS.join(', ')})`, command);
  }
  return kind as LinkKind;
}

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags('link', argv, { 'dry-run': { type: 'boolean', short: 'n' }, json: { type: 'boolean' }, force: { type: 'boolean', short: 'f' } }, 4);
  if (positionals.length < 3) throw new UsageError('expected SRC KIND TGT', 'link');
  const [src, word, tgt, reverse] = positionals;
  if (reverse === undefined) return linkRecords(ctx, values, src, parseKind(word, 'link'), tgt);
  // adr-tools: `adr link SOURCE LINK TARGET REVERSE-LINK`, with free words for the two labels.
  let kind: LinkKind | null = null;
  try {
    kind = parseKind(word, 'link');
  } catch {
    kind = null;
  }
  if (kind && kind !== 'relates') return linkRecords(ctx, values, src, kind, tgt);
  return linkRecords(ctx, values, src, 'relates', tgt, { forward: word, reverse });
}

/** The `adr link` command. */
export const command: Command = {
  summary: 'link two records (amends, relates, ...) on both sides',
  help: HELP,
  run,
};
