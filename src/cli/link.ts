/**
 * `adr link SRC KIND TGT`: links two records on both sides, each in its own dialect
 * (KIND: supersedes, superseded-by, amends, amended-by, relates). Linking twice adds nothing.

adr-tools' form works too: adr link 12 Clarifies 10 "Clarified by" writes those words as a
"relates" link on both sides (known kinds such as Amends / "Amended by" are recognised).
 */
import { LINK_KINDS, type LinkKind } from '../model/index.js';
import { parseFlags } from './args.js';
import { loadRecord, syncOverviewAfter } from './abort.js';
import { UsageError, type Command, type CommandContext } from './context.js';

const HELP = `Usage: adr link SRC KIND TGT [REVERSE] [options]

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

Examples:
  adr link 3 amends 2
  adr link "retention" relates kafka
  adr link 12 Clarifies 10 "Clarified by"
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

/** Links `src` to `tgt` with `kind` on both sides and reports; shared with `adr supersede`. */
export async function linkRecords(
  ctx: CommandContext,
  values: Record<string, unknown>,
  srcRef: string,
  kind: LinkKind,
  tgtRef: string,
  labels: { forward?: string | null; reverse?: string | null } = {},
): Promise<number> {
  const dryRun = values['dry-run'] === true;
  const outcome = await relate(ctx, { dir: values.dir as string | undefined, source: srcRef, kind, target: tgtRef, labels, dryRun });
  if (dryRun && !values.json) ctx.stdout.write(outcome.diff);
  if (values.json) {
    ctx.stdout.write(`${JSON.stringify(outcome.json, null, 2)}\n`);
    return 0;
  }
  const out = dryRun ? ctx.stderr : ctx.stdout;
  if (outcome.changed.length === 0) {
    out.write(`${outcome.names}: already linked on both sides; nothing changed\n`);
    return 0;
  }
  out.write(`${dryRun ? 'would link' : 'linked'} ${outcome.names}\n`);
  for (const line of outcome.report) out.write(`  ${line}\n`);
  return 0;
}

/** What {@link relate} needs: the arguments of `adr link`, as values. */
export interface LinkOptions {
  dir?: string;
  /** REF of the record that does `kind` to `target`. */
  source: string;
  kind: LinkKind;
  target: string;
  /** adr-tools' free labels, written as a `relates` link on both sides. */
  labels?: { forward?: string | null; reverse?: string | null };
  dryRun?: boolean;
}

/**
 * Links two records on both sides (each in its own dialect, each under its lock, each verified),
 * then brings the overview in step when a status changed: the body of `adr link` and `adr
 * supersede`, shared with the MCP server's `link` and `supersede` tools.
 */
export async function relate(ctx: CommandContext, options: LinkOptions) {
  const { kind, labels = {} } = options;
  const srcRef = options.source;
  const tgtRef = options.target;
  const dryRun = options.dryRun === true;
  const { log, decision: source } = await loadRecord(ctx, options.dir, srcRef);
  const { resolveRef } = await import('../store/resolve-ref.js');
  const target = resolveRef(log, tgtRef, { cwd: ctx.cwd });
  const { relateRecords } = await import('../store/relate.js');
  const result = await relateRecords({ log, source, kind, target, ctx, dryRun, labels });
  const sides = [result.source, result.target];
  const report: string[] = [];
  for (const side of sides) {
    if (!side.changed) continue;
    const change = side.status !== side.previousStatus ? ` (status ${side.previousStatus ?? 'none'} → ${side.status})` : '';
    report.push(`${dryRun ? 'would write' : 'wrote'} ${side.kind} in ${side.file}${change}`);
  }
  const changedFiles = sides.filter((s) => s.changed).map((s) => s.file);
  if (!dryRun && sides.some((s) => s.status !== s.previousStatus)) {
    await syncOverviewAfter(ctx, log, changedFiles, report);
  }
  const side = (x: typeof result.source) => ({ ...x, diff: dryRun ? x.diff : undefined });
  const json = { source: side(result.source), target: side(result.target), dryRun };
  return { json, path: result.source.file, diff: sides.map((s) => s.diff).join(''), report, changed: changedFiles, names: `${source.file} ${kind} ${target.file}` };
}

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags('link', argv, { 'dry-run': { type: 'boolean', short: 'n' }, json: { type: 'boolean' } }, 4);
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
