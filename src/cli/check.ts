/**
 * `adr check`: reads the whole log, runs the rules, prints the problems in the chosen format and
 * exits 0 (no errors), 1 (errors, or more warnings than --max-warnings) or 2 (usage, internal failure).
 * With --fix it applies the safe fixes first (the fix engine, src/lint/fix.ts: splice, re-parse,
 * verify, atomic write, up to five passes) and says per file what it changed.
 */
import { existsSync } from 'node:fs';
import { packageInfo } from '../package-info.js';
import { dirname, resolve } from 'node:path';
import type { LintResult } from '../lint/engine.js';
import type { Linted } from '../lint/fix.js';
import { printable, relativePath } from '../output.js';
import { toReported, type ToolInfo } from '../lint/report.js';
import type { BaseSnapshot, Log } from '../model/index.js';
import type { Rule } from '../lint/rule.js';
import type { LogLocation } from '../store/find-log.js';
import type { LogWalk } from '../store/walk.js';
import { FORMATS } from '../lint/formats.js';
import { parseFlags } from './args.js';
import { useColour } from './colour.js';
import { UsageError, type Command, type CommandContext } from './context.js';

/**
 * The rule registry, loaded on use: a check answered from the result cache prints without it (the
 * default report names no rule's metadata), and the registry pulls in every rule and its fix builders.
 */
async function loadRules(): Promise<readonly Rule[]> {
  return (await import('../rules/index.js')).RULES;
}


const HELP = `Usage: adr check [options] [FILE...]

Examples:
  adr check
  adr check --fix
  adr check --base origin/main

Check the decision log for inconsistencies: statuses that disagree, aborted records with open
action items, one-way supersede links, dead links and anchors, impossible dates, overview rows
that drifted from their records, mangled encodings. FILEs (optional) limit the report to those
files; the whole log is still read, because most checks compare records with each other.

Options:
  -d, --dir DIR           the log folder (default: found from .adr.json, .adr-dir or decisions/)
  -f, --format NAME       stylish (default), json, github (workflow annotations), sarif (code scanning)
  -o, --output FILE       write the report to FILE instead of stdout
      --fix               apply the safe fixes (mojibake, reciprocal links, overview cells) and report the rest
      --fix-dry-run       show the fixes as a diff without writing anything
      --max-warnings N    exit 1 when there are more than N warnings (default: warnings never fail)
      --rule ID           run only this rule (repeatable, or comma-separated; 'parse' = read errors)
  -q, --quiet             report errors only
      --list-rules        list every rule with its default severity and exit
      --color, --no-color force colour on or off (default: FORCE_COLOR, NO_COLOR, else on for a terminal)
      --no-cache          parse every file again instead of using the parse cache
  -b, --base REF          compare with the base branch REF (a branch only on the remote is found as
                          origin/REF): a record added here whose number REF gives to another record
                          is an error (id-taken-on-base), and the files this branch changed since it
                          left REF (git merge-base, work tree included) that only retired decisions
                          govern are a warning (applies-to-retired). In a GitHub pull request the
                          base is origin/$GITHUB_BASE_REF without this option
  -h, --help              show this help

Exit status: 0 no errors, 1 errors (or too many warnings), 2 usage error or internal failure.

Configuration (.adr.json next to the log, or the "adr" key of package.json):
  { "rules": { "encoding-bom": "off", "overview-backlink": "error" }, "ignore": ["drafts/**"] }

More examples:
  adr check --format github
  adr check --format sarif -o adr.sarif
  adr check --rule status-mismatch,relation-reciprocal --format json
`;

/** The tool's name, version and documentation address, from package.json. */
export function toolInfo(): ToolInfo {
  try {
    const { name, version, homepage } = packageInfo();
    return { name: 'adr', version, informationUri: homepage ?? `https://www.npmjs.com/package/${name}` };
  } catch {
    // A missing package.json only costs the version string.
    return { name: 'adr', version: '0.0.0', informationUri: 'https://www.npmjs.com/package/adrkit' };
  }
}

/** Parses `--rule` values (repeatable, comma-separated) and checks them against the registry. */
function ruleFilter(values: unknown, RULES: readonly Rule[]): string[] | undefined {
  const raw = Array.isArray(values) ? values : values === undefined ? [] : [values];
  const ids = raw.flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) return undefined;
  const known = new Set([...RULES.map((r) => r.id), 'parse']);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new UsageError(`unknown rule '${unknown[0]}' (adr check --list-rules lists them)`, 'check');
  return ids;
}

/** The table printed by --list-rules. */
function listRules(colour: boolean, RULES: readonly Rule[]): string {
  const width = Math.max(...RULES.map((r) => r.id.length));
  const lines = RULES.map((r) => {
    const severity = r.severity.padEnd(7);
    const fix = r.fixable ? ' (fixable)' : '';
    const sev = colour ? `\u001b[${r.severity === 'error' ? 31 : r.severity === 'warning' ? 33 : 34}m${severity}\u001b[0m` : severity;
    return `${r.id.padEnd(width)}  ${sev}  ${r.summary}${fix}`;
  });
  return `${lines.join('\n')}\n`;
}

/** The nearest folder at or above `dir` that holds `.git` (a work tree or a linked worktree), or null. */
function gitRoot(dir: string): string | null {
  for (let at = dir; ; ) {
    if (existsSync(resolve(at, '.git'))) return at;
    const up = dirname(at);
    if (up === at) return null;
    at = up;
  }
}

/** A log file's path as seen from `from` (the working directory, or the repository root for GitHub). */
function displayPathFor(log: Pick<Log, 'dir'>, from: string): (file: string) => string {
  return (file) => relativePath(from, resolve(log.dir, file));
}

/** Reads the log and lints it (src/lint/fix.ts's lintLogAt, loaded on a cache miss only), against the base branch when `base` loads one. */
export async function lintOnce(ctx: CommandContext, dir: string | undefined, cache: boolean, only: string[] | undefined, slot?: Pick<ResultSlot, 'location' | 'walk'>, base?: (log: Log) => Promise<BaseSnapshot | undefined>) {
  const { lintLogAt } = await import('../lint/fix.js');
  return lintLogAt({ cwd: ctx.cwd, dir, now: ctx.now, timeZone: ctx.env.TZ, env: ctx.env, cache, rules: await loadRules(), only, location: slot?.location, walk: slot?.walk, base });
}

/** The check result cache's view of a log: where it is kept, its key, and the listing it must match. */
interface ResultSlot {
  location: LogLocation;
  /** The walk the listing comes from; a computed check reads exactly these files. */
  walk: LogWalk;
  path: string;
  /** Every option that changes the findings (the code is added by the lookup). */
  extra: unknown;
  listing: { files: string[]; unreadable: Array<[string, string]>; skipped: string[]; overview: string | null };
  /** Absolute paths of the records and the overview. */
  inputs: string[];
}

/** Finds the log and lists it the way readLog will, for the check result cache (see src/store/result-cache.ts). */
async function resultSlot(ctx: CommandContext, dir: string | undefined, only: string[] | undefined): Promise<ResultSlot> {
  const { findLog } = await import('../store/find-log.js');
  const { walkLog } = await import('../store/walk.js');
  const { resultPathFor } = await import('../store/result-cache.js');
  const { repoRootOf } = await import('../store/repo-files.js');
  const location = await findLog({ cwd: ctx.cwd, dir });
  const walk = await walkLog(location);
  const { overviewFile, listed } = walk;
  const overviewAbs = overviewFile ? resolve(location.dir, overviewFile) : null;
  return {
    location,
    walk,
    path: resultPathFor(location.dir, ctx.env),
    // Date rules compare with today (and today + 14 h): the hour covers both; the zone names the day.
    // The repository root too: applies-to globs are matched against the files under it.
    extra: { config: location.config, configFile: location.configFile, dir: location.dir, repo: repoRootOf(location, ctx.cwd), only: only ?? null, hour: Math.floor(ctx.now.getTime() / 3_600_000), timeZone: ctx.env.TZ ?? null },
    listing: {
      files: listed.files.map((f) => f.file),
      unreadable: listed.diagnostics.map((d) => [d.file, d.message]),
      skipped: listed.skipped,
      overview: overviewFile,
    },
    inputs: [...listed.files.map((f) => f.abs), ...(overviewAbs ? [overviewAbs] : [])],
  };
}

/** The command. */
export const command: Command = {
  summary: 'check the log for inconsistencies (CI: --format github|sarif|json)',
  help: HELP,
  async run(argv: string[], ctx: CommandContext): Promise<number> {
    const { values, positionals } = parseFlags('check', argv, {
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      'max-warnings': { type: 'string' },
      rule: { type: 'string', multiple: true },
      quiet: { type: 'boolean', short: 'q' },
      'list-rules': { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      'no-cache': { type: 'boolean' },
      base: { type: 'string', short: 'b' },
    });
    // --base REF, else a pull request's base branch (GITHUB_BASE_REF): numbers are compared with it.
    const { baseLoader, chooseBase } = await import('./shared.js');
    const baseChoice = await chooseBase(ctx, values.base, true);
    const base = baseChoice ? baseLoader(ctx, 'check', baseChoice) : undefined;
    const formatName = (values.format as string | undefined) ?? 'stylish';
    const formatter = FORMATS[formatName];
    if (!formatter) throw new UsageError(`unknown format '${formatName}' (expected ${Object.keys(FORMATS).join(', ')})`, 'check');
    let maxWarnings: number | undefined;
    if (values['max-warnings'] !== undefined) {
      const raw = String(values['max-warnings']);
      if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings expects a whole number, got '${raw}'`, 'check');
      maxWarnings = Number(raw);
    }
    if (values.fix && values['fix-dry-run']) throw new UsageError('use either --fix or --fix-dry-run', 'check');
    const colourFlag = values['no-color'] ? false : values.color ? true : undefined;
    const only = values.rule === undefined ? undefined : ruleFilter(values.rule, await loadRules());
    if (values['list-rules']) {
      ctx.stdout.write(listRules(useColour(ctx.stdout, ctx.env, colourFlag), await loadRules()));
      return 0;
    }
    const dir = values.dir as string | undefined;
    const cache = !values['no-cache'];
    const output = values.output as string | undefined;
    // Machine-readable reports own stdout; everything else said goes to stderr then.
    const chatter = formatName === 'stylish' && !output ? ctx.stdout : ctx.stderr;

    // A check of an unchanged log prints what the last check found (src/store/result-cache.ts).
    const startedMs = Date.now();
    const fixing = Boolean(values.fix || values['fix-dry-run']);
    // A comparison with a base branch depends on git, which the result cache does not stamp.
    const slot = cache && !fixing && !base ? await resultSlot(ctx, dir, only) : null;
    const { lookupResult, renewCodeStamp, saveResult } = slot ? await import('../store/result-cache.js') : { lookupResult: null, renewCodeStamp: null, saveResult: null };
    const lookup = slot && lookupResult ? await lookupResult(slot.path, slot.extra, slot.listing) : null;
    const hit = lookup?.result ?? null;
    if (hit && lookup && renewCodeStamp) await renewCodeStamp(slot!.path, lookup);
    let log: Log | Pick<Log, 'dir'>;
    let result: Pick<LintResult, 'diagnostics' | 'configWarnings' | 'records' | 'failures'> & Partial<LintResult>;
    let linted: Linted | null = null;
    if (hit) {
      log = { dir: slot!.location.dir };
      result = { ...hit, failures: [] };
    } else {
      const once = await lintOnce(ctx, dir, cache, only, slot ?? undefined, base);
      linted = once;
      ({ log, result } = once);
      // The run read exactly the walk the result is keyed by (readLog was handed it).
      if (slot && lookup && saveResult && once.result.failures.length === 0) {
        await saveResult(
          slot.path,
          lookup,
          startedMs,
          { listing: slot.listing, files: [...slot.inputs, ...once.source.trace.read], probes: once.source.trace.probes },
          { diagnostics: once.result.diagnostics, configWarnings: once.result.configWarnings, records: once.result.records },
        );
      }
    }
    const display = displayPathFor(log, ctx.cwd);
    // GitHub resolves annotation and SARIF paths from the repository root, wherever the step runs:
    // $GITHUB_WORKSPACE when set, else the git work tree holding the log, else the working directory.
    const forGithub = formatName === 'github' || formatName === 'sarif';
    const repoRoot = ctx.env.GITHUB_WORKSPACE ? resolve(ctx.cwd, ctx.env.GITHUB_WORKSPACE) : gitRoot(log.dir);
    const reportPath = forGithub && repoRoot ? displayPathFor(log, repoRoot) : display;

    if (fixing) {
      // The fix path never uses the result cache: it works on the log as read now (src/lint/fix.ts).
      const { fixLog } = await import('../lint/fix.js');
      const dryRun = Boolean(values['fix-dry-run']);
      const run = await fixLog({ first: linted!, lint: () => lintOnce(ctx, dir, cache, only, undefined, base), dryRun });
      for (const { error } of run.notFixed) ctx.stderr.write(`adr check: not fixed: ${printable(error)}\n`);
      for (const diff of run.diffs) chatter.write(diff.endsWith('\n') ? diff : `${diff}\n`);
      for (const [file, descriptions] of run.changed) {
        chatter.write(`Fixed ${printable(display(file))}: ${printable([...new Set(descriptions)].join('; '))}\n`);
      }
      if (!dryRun && run.changed.size === 0 && run.last.result.counts.fixable === 0) chatter.write('Nothing to fix.\n');
      log = run.last.log;
      result = run.last.result;
    }

    for (const warning of result.configWarnings) ctx.stderr.write(`adr check: ${warning}\n`);
    for (const failure of result.failures) {
      ctx.stderr.write(`adr check: internal error in rule ${failure.rule}: ${failure.message.split('\n')[0]}\n`);
      if (ctx.env.ADR_DEBUG) ctx.stderr.write(`${failure.message}\n`);
    }

    let diagnostics = result.diagnostics;
    if (positionals.length > 0) {
      const wanted = new Set(positionals.map((p) => resolve(ctx.cwd, p)));
      diagnostics = diagnostics.filter((d) => wanted.has(resolve(log.dir, d.file)));
    }
    if (values.quiet) diagnostics = diagnostics.filter((d) => d.severity === 'error');
    const counts = {
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    };

    const report = (await formatter())({
      diagnostics: toReported(diagnostics, reportPath),
      // The default report names no rule metadata; the others (SARIF's rule table) load the registry.
      rules: formatName === 'stylish' ? [] : await loadRules(),
      tool: toolInfo(),
      color: output ? false : useColour(ctx.stdout, ctx.env, colourFlag),
      records: result.records,
    });
    if (output) {
      // Like ESLint's --output-file: the folder is created when missing (reports/adr.sarif).
      const target = resolve(ctx.cwd, output);
      const { ensureFolder, USER_OUTPUT, writeFileAtomic } = await import('../store/write.js');
      await ensureFolder(dirname(target), USER_OUTPUT);
      await writeFileAtomic(target, report, USER_OUTPUT);
    } else {
      ctx.stdout.write(report);
    }

    if (result.failures.length > 0) return 2;
    if (counts.errors > 0) return 1;
    if (maxWarnings !== undefined && counts.warnings > maxWarnings) {
      ctx.stderr.write(`adr check: ${counts.warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
      return 1;
    }
    return 0;
  },
};
