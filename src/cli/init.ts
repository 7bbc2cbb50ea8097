/**
 * `adr init`: a new decision log for a repository: the log folder, `.adr.json`, the overview
 * file and a first record, "Record architecture decisions".
 *
 * It never clobbers: an existing log with records is reported and left alone, an existing config
 * or overview is left as it is, and an adr-tools `.adr-dir` is followed, never rewritten: next to
 * one, init writes what adr-tools' own `adr init` writes and nothing more.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { slugify } from '../edit/slug.js';
import { renderRecord, type TemplateDialect } from '../edit/templates.js';
import { localDate } from '../model/today.js';
import { renderOverview } from '../edit/overview.js';
import { isRecordFileName, recordFileName, scanLog, WRITABLE_DIALECTS, type NamingScheme } from '../store/naming.js';
import { createExclusive } from '../store/write.js';
import { logPrefix, overviewLinkFrom, overviewTarget } from '../store/sync-overview.js';
import { parseFlags } from './args.js';
import { UsageError, UserError, type Command, type CommandContext } from './context.js';
import { displayPath } from '../output.js';

const HELP = `Usage: adr init [options] [DIR]

Examples:
  adr init
  adr init doc/adr --dialect nygard
  adr init docs/decisions --naming number --no-overview

Creates a decision log: the folder DIR (default: the folder the config names, else the path in
an adr-tools .adr-dir, else decisions/), a config file .adr.json (only when there is none), the
overview file DECISIONS.md next to the folder, and a first record, "Record architecture decisions".

Next to an adr-tools .adr-dir it does what adr-tools' own 'adr init' does: the first record
0001-record-architecture-decisions.md in the Nygard form, and nothing else (no config, no
overview unless --overview); 'adr new' then keeps that style.

When a log with records already exists (DIR, or the one 'adr new' would use), it says so and
changes nothing (exit 0).

Options:
      --dialect D      the dialect new records are written in: ${WRITABLE_DIALECTS.join(', ')}
                       (default: summary, the primary format; nygard next to an .adr-dir)
      --naming N       date (YYYY-MM-DD-slug.md) | number (NNNN-slug.md)
                       (default: date; number for the nygard and madr dialects)
      --overview       create the overview file next to an .adr-dir too
      --no-overview    do not create an overview file (and say so in the config)
  -n, --dry-run        print what it would create; create nothing
`;

const FIRST_TITLE = 'Record architecture decisions';

const FIRST_BODY = {
  context: 'We need to record the decisions made on this project: what was decided, why, and what follows from it.',
  decision:
    'We will keep a decision record for every significant decision, as described by Michael Nygard in ' +
    '[Documenting Architecture Decisions](https://cognitect.com/blog/2011/11/15/documenting-architecture-decisions), ' +
    'and manage them with `adr`.',
  consequences:
    'Each decision is one file in this folder. `adr new` drafts one, `adr check` keeps the log consistent in CI, ' +
    'and `adr overview` keeps the overview file in step.',
};

/**
 * The first record's text exactly as adr-tools 3.0 writes it (/usr/share/adr-tools/init.md), so a
 * Nygard log started by `adr init` is byte for byte the one `adr-tools init` would have started.
 */
export const ADR_TOOLS_FIRST_BODY = {
  context: 'We need to record the architectural decisions made on this project.',
  decision:
    'We will use Architecture Decision Records, as [described by Michael Nygard](http://thinkrelevance.com/blog/2011/11/15/documenting-architecture-decisions).',
  consequences:
    "See Michael Nygard's article, linked above. For a lightweight ADR toolset, see Nat Pryce's [adr-tools](https://github.com/npryce/adr-tools).",
};

/** The first folder from `cwd` upward that holds `.git`, or null outside a repository. */
function repositoryRoot(cwd: string): string | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The log the other commands would use from `cwd`, when there is one: inside the repository
 * (or in `cwd` itself outside one, so a stray folder higher up is never taken for this log).
 */
async function existingLog(cwd: string): Promise<string | null> {
  const { findLog } = await import('../store/find-log.js');
  try {
    const log = await findLog({ cwd });
    return log.root === resolve(cwd) || repositoryRoot(cwd) !== null ? log.dir : null;
  } catch {
    return null; // no log yet, or a config naming a folder not made yet: init makes it
  }
}

const DIALECT_NAMES: Record<TemplateDialect, string> = {
  summary: 'summary format',
  nygard: 'Nygard (adr-tools)',
  madr2: 'MADR 2',
  madr3: 'MADR 3',
  madr4: 'MADR 4',
};

/** "3 records (0001-a.md, 0002-b.md, 0003-c.md), numbered, Nygard" for the note on an existing log. */
function describeLog(dir: string): string {
  const scan = scanLog(dir);
  const names = [...scan.records].sort();
  const naming = scan.naming?.kind === 'number' ? 'numbered' : scan.naming ? 'date-named' : null;
  const style = [naming, scan.dialect ? DIALECT_NAMES[scan.dialect] : null].filter(Boolean).join(', ');
  return `${names.length} record${names.length === 1 ? '' : 's'} (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})${style ? `, ${style}` : ''}`;
}

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags(
    'init',
    argv,
    {
      dialect: { type: 'string' },
      naming: { type: 'string' },
      overview: { type: 'boolean' },
      'no-overview': { type: 'boolean' },
      'dry-run': { type: 'boolean', short: 'n' },
    },
    1,
  );
  const dialectFlag = values.dialect as string | undefined;
  if (dialectFlag !== undefined && !(WRITABLE_DIALECTS as readonly string[]).includes(dialectFlag)) {
    throw new UsageError(`unknown dialect '${dialectFlag}' (${WRITABLE_DIALECTS.join(', ')})`, 'init');
  }
  const namingFlag = values.naming as string | undefined;
  if (namingFlag !== undefined && namingFlag !== 'date' && namingFlag !== 'number') {
    throw new UsageError(`unknown naming '${namingFlag}' (date, number)`, 'init');
  }
  if (values.overview && values['no-overview']) throw new UsageError('--overview and --no-overview contradict each other', 'init');

  // Config: only when none exists (.adr.json, or an "adr" key in package.json); one that exists says where the log goes.
  const { readConfigAt } = await import('../store/find-log.js');
  const found = await readConfigAt(ctx.cwd);
  const adrDirFile = join(ctx.cwd, '.adr-dir');
  let adrDir: string | null = null;
  if (existsSync(adrDirFile)) adrDir = (await readFile(adrDirFile, 'utf8')).trim() || null;

  // The folder: DIR, --dir, the config's, an adr-tools .adr-dir (followed, not rewritten), a log
  // the other commands already find (an empty docs/adr...), else decisions/.
  const given = positionals[0] ?? (values.dir as string | undefined);
  if (given?.includes('\0')) throw new UsageError('DIR cannot contain a NUL byte', 'init');
  const foundLog = given === undefined ? await existingLog(ctx.cwd) : null;
  const dir = resolve(ctx.cwd, given ?? found?.config.dir ?? adrDir ?? (foundLog ? relative(ctx.cwd, foundLog) : 'decisions'));
  const followsAdrDir = adrDir !== null && resolve(ctx.cwd, adrDir) === dir && !found;
  const { unusableLogReason } = await import('../store/confine.js');
  const unusable = unusableLogReason(dir);
  if (unusable) throw new UserError(`${displayPath(ctx.cwd, dir)} cannot be a decision log: ${unusable}. Name a folder inside your project (adr init decisions)`);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UserError(`${displayPath(ctx.cwd, dir)} is a file, not a folder: name the folder the log should be created in (adr init decisions)`);
  }

  // A log that has records is never initialised again (adr-tools would add a second 0002 "Record
  // architecture decisions"): say what is there and change nothing.
  const existing = existsSync(dir) ? readdirSync(dir).filter((name) => isRecordFileName(name)) : [];
  if (existing.length) {
    ctx.stdout.write(`${displayPath(ctx.cwd, dir)} already holds a decision log: ${describeLog(dir)}. Nothing was changed; 'adr new "Title"' adds a record.\n`);
    return 0;
  }

  // An .adr-dir says the team uses adr-tools: its style (Nygard, numbered) unless told otherwise.
  const dialect: TemplateDialect =
    (dialectFlag as TemplateDialect | undefined) ?? found?.config.dialect ?? (followsAdrDir ? 'nygard' : 'summary');
  const namingKind = namingFlag ?? found?.config.naming ?? (dialect === 'summary' ? 'date' : 'number');
  const naming: NamingScheme = namingKind === 'number' ? { kind: 'number', width: 4 } : { kind: 'date' };
  const dryRun = Boolean(values['dry-run']);

  const configFile = join(ctx.cwd, '.adr.json');
  const { schemaUrl } = await import('../package-info.js');
  const config: Record<string, unknown> = {
    // Editors read it to complete and check the keys (schemas/config.schema.json, shipped in the package).
    $schema: schemaUrl('config'),
    dir: relative(ctx.cwd, dir).split('\\').join('/') || '.',
    ...(dialectFlag || adrDir ? { dialect } : {}),
    ...(namingFlag || dialectFlag || adrDir ? { naming: namingKind } : {}),
    ...(values['no-overview'] ? { overview: false } : {}),
  };
  const effective = found?.config ?? (config as { overview?: string | false });
  // Next to an .adr-dir, no overview file is forced on an adr-tools team: only on --overview.
  const wantOverview = values.overview ? true : values['no-overview'] ? false : !followsAdrDir;
  const overviewPath = wantOverview ? overviewTarget(dir, values.overview && effective.overview === false ? {} : effective) : null;

  const today = localDate(ctx.now, ctx.env.TZ);
  const file = recordFileName(naming, { date: today, number: 1, slug: slugify(FIRST_TITLE) });
  const recordText = renderRecord(dialect, {
    title: FIRST_TITLE,
    date: today,
    number: 1,
    status: 'accepted',
    priority: null,
    category: dialect === 'summary' ? 'Documentation' : null,
    overviewLink: overviewPath ? overviewLinkFrom(dir, file, overviewPath) : null,
    body: dialect === 'nygard' ? ADR_TOOLS_FIRST_BODY : FIRST_BODY,
  });

  const created: string[] = [];
  const kept: string[] = [];
  const plan: Array<{ path: string; text: string }> = [];
  // The .adr-dir is adr-tools' config: a second config file next to it would only say the same.
  if (found) kept.push(`${displayPath(ctx.cwd, found.file)} (config kept as it is)`);
  else if (!followsAdrDir) plan.push({ path: configFile, text: `${JSON.stringify(config, null, 2)}\n` });
  plan.push({ path: join(dir, file), text: recordText });
  if (overviewPath) {
    if (existsSync(overviewPath)) kept.push(`${displayPath(ctx.cwd, overviewPath)} (overview kept; run 'adr overview' to bring it in step)`);
    else {
      const { parseRecord } = await import('../parse/index.js');
      const { decision } = parseRecord(file, recordText, { overviewName: basename(overviewPath) });
      const text = renderOverview(decision ? [decision] : [], { logPrefix: logPrefix(dir, overviewPath), today });
      plan.push({ path: overviewPath, text });
    }
  }

  // Every file lands inside its bounds (the record in the log folder, the config and the overview in
  // the repository), checked before the first is written.
  const { confineAll, logBounds, repositoryBounds } = await import('../store/confine.js');
  const where = { dir, configFile: found?.file ?? configFile };
  const bounded = plan.map((p) => ({ ...p, bounds: p.path === join(dir, file) ? logBounds(where) : repositoryBounds(where) }));
  confineAll(bounded);

  if (dryRun) {
    for (const p of plan) ctx.stdout.write(`--- would create ${displayPath(ctx.cwd, p.path)}\n${p.text}`);
    return 0;
  }
  const { ensureFolder } = await import('../store/write.js');
  await ensureFolder(dir, logBounds(where));
  for (const p of bounded) {
    if (await createExclusive(p.path, p.text, p.bounds)) created.push(displayPath(ctx.cwd, p.path));
    else kept.push(`${displayPath(ctx.cwd, p.path)} (already there, kept)`);
  }
  for (const path of created) ctx.stdout.write(`created ${path}\n`);
  for (const note of kept) ctx.stderr.write(`adr init: ${note}\n`);
  if (followsAdrDir) {
    ctx.stderr.write(`adr init: following .adr-dir (adr-tools): ${dialect === 'nygard' ? 'Nygard' : dialect} records, ${namingKind === 'number' ? 'numbered' : 'date-named'}${overviewPath ? '' : '; no overview file (adr init --overview, or adr overview, makes one)'}\n`);
  } else if (adrDir && resolve(ctx.cwd, adrDir) !== dir) {
    ctx.stderr.write(`adr init: .adr-dir names ${adrDir}; it was left as it is\n`);
  }
  return 0;
}

/** The `adr init` command. */
export const command: Command = {
  summary: 'create a decision log (folder, config, first record)',
  help: HELP,
  run,
};
