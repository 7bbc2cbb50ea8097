/**
 * `adr affected [FILE...] [--base REF]`: the decisions that govern some files (their `applies-to`
 * globs match), with their status, so a reviewer or an agent reads what was decided before changing
 * the code. Files governed only by superseded, deprecated or aborted decisions are called out: the
 * change follows a decision that no longer holds.
 */
import { statSync } from 'node:fs';
import type { Decision, Log } from '../model/index.js';
import { affectedBy, type Affected } from '../lint/applies-to.js';
import { readLog } from '../store/read-log.js';
import { listRepoFiles, repoRootOf, toRepoPath } from '../store/repo-files.js';
import { parseFlags } from './args.js';
import { colours, useColour } from './colour.js';
import { UsageError, UserError, type Command, type CommandContext } from './context.js';
import { printable, relativePath } from '../output.js';

const HELP = `Usage: adr affected [FILE...] [--base REF] [options]

Examples:
  adr affected src/db/schema.ts
  adr affected --base origin/main
  adr affected src/ --json | jq -r '.decisions[] | "\\(.id) \\(.status) \\(.title)"'

List the decisions that govern the given files, or the files this branch changed: every record
whose applies-to globs match one of them, with its status and the files it governs. Files governed
only by superseded, deprecated or aborted decisions are called out (the change follows a decision
that no longer holds; 'adr check --base REF' reports it as applies-to-retired).

A record names the paths it governs (globs relative to the repository root, .gitignore style):
  front matter   applies-to: [src/db/**, "*.sql"]
  summary        **Applies to**: \`src/db/**\`, \`migrations/\`
  Nygard, MADR 2 Applies to: src/db/**   (a line under the title), or an "## Applies to" section

FILEs are paths relative to the current folder (a folder stands for every file below it); they
need not exist (a deleted file is still governed).

Options:
  -b, --base REF   the files changed since this branch left REF (git merge-base REF HEAD): committed,
                   staged and unstaged changes, both sides of renames, and new untracked files;
                   the base is found as 'adr check --base' finds it (a branch only on the remote
                   is origin/REF). Without FILEs or --base, a pull request's base
                   (origin/$GITHUB_BASE_REF) when GITHUB_BASE_REF is set
      --json       print a JSON object (fields in the README)
      --no-cache   parse every record again instead of using the parse cache
  -d, --dir DIR    the log folder

Exit status: 0 (also when nothing is governed), 1 no log or a bad ref, 2 usage error.
`;

/** A governing record as `adr affected --json` prints it. Field names are a stable interface. */
export interface AffectedRecord {
  id: string;
  /** The record file, relative to the log folder. */
  file: string;
  /** The record file, relative to the working directory. */
  path: string;
  title: string;
  status: Decision['status'];
  statusText: string | null;
  /** Whether the decision no longer holds (superseded, deprecated, aborted). */
  retired: boolean;
  /** Records this one is superseded by, by id (the file when no record of the log has it). */
  supersededBy: string[];
  /** Its globs that matched. */
  globs: string[];
  /** The files it governs among those asked about, repository paths. */
  files: string[];
}

/** What `adr affected --json` prints. */
export interface AffectedReport {
  /** The ref given with --base, or null. */
  base: string | null;
  /** The merge base of --base and HEAD, or null. */
  mergeBase: string | null;
  /** How many distinct files were asked about (changed files for --base). */
  files: number;
  /** How many of them some record governs. */
  governed: number;
  decisions: AffectedRecord[];
  /** Files governed only by retired decisions, each with those decisions' ids and files. */
  retiredOnly: Array<{ file: string; decisions: Array<{ id: string; file: string; status: Decision['status'] }> }>;
}

/** What to match: paths (relative to `cwd`), the files changed since `base`, or both. */
export interface AffectedOptions {
  dir?: string;
  files?: readonly string[];
  base?: string;
  cache?: boolean;
}

/** The JSON form of one match; `logPath` is the log folder as seen from the working directory. */
function toRecord(log: Log, logPath: string, d: Decision, files: string[], globs: string[]): AffectedRecord {
  return {
    id: d.id,
    file: d.file,
    path: logPath === '.' ? d.file : `${logPath}/${d.file}`,
    title: d.title,
    status: d.status,
    statusText: d.statusText,
    retired: d.status === 'superseded' || d.status === 'deprecated' || d.status === 'aborted',
    supersededBy: [...new Set(d.links.filter((l) => l.kind === 'superseded-by').map((l) => log.decisions.find((x) => x.file === l.target)?.id ?? l.target))],
    globs,
    files,
  };
}

/** Turns what {@link affectedBy} found into the report. */
export function affectedReport(ctx: CommandContext, log: Log, found: Affected, asked: number, base: { base: string; mergeBase: string } | null): AffectedReport {
  // One relative path for the log, joined with each record's file: path.relative per record costs.
  const logPath = relativePath(ctx.cwd, log.dir);
  return {
    base: base?.base ?? null,
    mergeBase: base?.mergeBase ?? null,
    files: asked,
    governed: found.governed,
    decisions: found.decisions.map((a) => toRecord(log, logPath, a.decision, a.files, a.globs)),
    retiredOnly: found.retiredOnly.map((r) => ({ file: r.file, decisions: r.decisions.map((d) => ({ id: d.id, file: d.file, status: d.status })) })),
  };
}

/**
 * Reads the log and matches its records' globs against the files asked about. Shared by the
 * command and the MCP server's `affected` tool. Throws UserError for a path outside the repository,
 * an unknown ref or a missing log.
 */
export async function findAffected(ctx: CommandContext, options: AffectedOptions): Promise<{ log: Log; report: AffectedReport }> {
  const log = await readLog({ cwd: ctx.cwd, dir: options.dir, cache: options.cache !== false, env: ctx.env });
  const root = repoRootOf(log, ctx.cwd);
  const files: string[] = [];
  let base: { base: string; mergeBase: string } | null = null;
  if (options.base !== undefined) {
    // Found the way `adr check --base` finds them: the same ref resolution, the same merge base.
    const { requireRepo } = await import('../store/git.js');
    const { changedSinceBase } = await import('../store/base.js');
    const changed = await changedSinceBase(await requireRepo(log.dir, ctx.env, `--base ${options.base}`), options.base);
    base = { base: changed.ref, mergeBase: changed.mergeBase };
    // The paths are the work tree's; the globs are matched from the repository root (the same folder).
    if (changed.root !== root) for (const f of changed.files) files.push(toRepoPath(root, changed.root, f) ?? f);
    else files.push(...changed.files);
  }
  let listing: string[] | null = null;
  for (const given of options.files ?? []) {
    if (given.trim() === '') throw new UserError('an empty FILE names no path');
    const path = toRepoPath(root, ctx.cwd, given);
    if (path === null) throw new UserError(`${given} lies outside the repository (${root})`);
    let folder = path === '';
    if (!folder) {
      try {
        folder = statSync(`${root}/${path}`).isDirectory();
      } catch {
        folder = false;
      }
    }
    if (!folder) {
      files.push(path);
      continue;
    }
    // A folder stands for the files below it.
    listing ??= (await listRepoFiles(root, ctx.env)).files;
    const prefix = path === '' ? '' : `${path}/`;
    for (const f of listing) if (f.startsWith(prefix)) files.push(f);
  }
  const found = affectedBy(log.decisions, files);
  const asked = new Set(files).size;
  return { log, report: affectedReport(ctx, log, found, asked, base) };
}

/** The report as text: each governing record, its matching globs and files, then the retired-only files. */
export function formatAffected(report: AffectedReport, colour: boolean): string {
  const c = colours(colour);
  const lines: string[] = [];
  const since = report.base !== null ? ` changed since ${printable(report.base)} (merge base ${report.mergeBase?.slice(0, 12)})` : '';
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  if (report.decisions.length === 0) {
    lines.push(report.files === 0 ? `No files${since}.` : `No decision governs ${report.files === 1 ? 'this file' : `these ${report.files} files`}${since}.`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`${plural(report.decisions.length, 'decision')} govern${report.decisions.length === 1 ? 's' : ''} ${report.governed} of ${plural(report.files, 'file')}${since}:`);
  // Numbers align; long ids (dated stems) are not padded, and what follows a record is indented alike.
  const idWidth = Math.max(...report.decisions.map((d) => d.id.length));
  const pad = idWidth <= 8 ? idWidth : 0;
  const statusWidth = Math.max(...report.decisions.map((d) => (d.status ?? '-').length));
  for (const d of report.decisions) {
    const status = (d.status ?? '-').padEnd(statusWidth);
    const shown = d.retired ? c.yellow(status) : d.status === 'accepted' ? c.green(status) : status;
    const successor = d.supersededBy.length ? c.dim(` (superseded by ${d.supersededBy.map(printable).join(', ')})`) : '';
    lines.push('');
    // A dated record's id is its file name, shown on the next line anyway.
    const id = d.file.endsWith(`${d.id}.md`) && pad === 0 ? '' : `${c.cyan(printable(d.id).padEnd(pad))}  `;
    lines.push(`${id}${shown}  ${c.bold(printable(d.title))}${successor}`);
    lines.push(`    ${c.dim(printable(d.path))}  ${c.dim(`applies to ${d.globs.map(printable).join(', ')}`)}`);
    const shownFiles = d.files.slice(0, 10);
    for (const f of shownFiles) lines.push(`      ${printable(f)}`);
    if (d.files.length > shownFiles.length) lines.push(`      ${c.dim(`... and ${d.files.length - shownFiles.length} more`)}`);
  }
  if (report.retiredOnly.length > 0) {
    lines.push('');
    lines.push(c.yellow(`warning: ${plural(report.retiredOnly.length, 'file')} governed only by decisions that no longer hold (record a current decision, or move the applies-to to the successor):`));
    for (const r of report.retiredOnly.slice(0, 20)) {
      lines.push(`  ${printable(r.file)}  ${c.dim(r.decisions.map((d) => `${printable(d.id)} ${d.status}`).join(', '))}`);
    }
    if (report.retiredOnly.length > 20) lines.push(c.dim(`  ... and ${report.retiredOnly.length - 20} more`));
  }
  return `${lines.join('\n')}\n`;
}

/** The `adr affected` command. */
export const command: Command = {
  summary: 'list the decisions that govern some files or a branch\'s changes',
  help: HELP,
  async run(argv: string[], ctx: CommandContext): Promise<number> {
    const { values, positionals } = parseFlags('affected', argv, {
      base: { type: 'string', short: 'b' },
      json: { type: 'boolean' },
      'no-cache': { type: 'boolean' },
    });
    // --base REF, else (with no FILE) a pull request's base (GITHUB_BASE_REF), as `adr check` takes it.
    const { chooseBase } = await import('./shared.js');
    const base = (await chooseBase(ctx, values.base, positionals.length === 0))?.ref;
    if (positionals.length === 0 && base === undefined) throw new UsageError('give FILEs or --base REF', 'affected');
    const { report } = await findAffected(ctx, { dir: values.dir as string | undefined, files: positionals, base, cache: !values['no-cache'] });
    if (values.json) {
      ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    ctx.stdout.write(formatAffected(report, useColour(ctx.stdout, ctx.env)));
    return 0;
  },
};
