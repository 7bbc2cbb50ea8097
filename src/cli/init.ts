/**
 * `adr init`: a new decision log for a repository: the log folder, `.adr.json`, the overview
 * file and a first record, "Record architecture decisions".
 *
 * It never clobbers: an existing log with records is refused, an existing config or overview
 * is left as it is, and an adr-tools `.adr-dir` is followed, never rewritten.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { slugify } from '../edit/slug.js';
import { localDate, renderRecord, type TemplateDialect } from '../edit/templates.js';
import { renderOverview } from '../edit/overview.js';
import { isRecordFileName, recordFileName, WRITABLE_DIALECTS, type NamingScheme } from '../store/naming.js';
import { createExclusive } from '../store/write.js';
import { logPrefix, overviewLinkFrom, overviewTarget } from '../store/sync-overview.js';
import { parseFlags } from './args.js';
import { UsageError, UserError, type Command, type CommandContext } from './context.js';
import { displayPath } from './new.js';

const HELP = `Usage: adr init [options] [DIR]

Creates a decision log: the folder DIR (default: the path in an adr-tools .adr-dir, else
decisions/), a config file .adr.json (only when there is none), the overview file
DECISIONS.md next to the folder, and a first record, "Record architecture decisions".
Next to an adr-tools .adr-dir the log is Nygard-style and numbered unless --dialect says otherwise.

Refuses to touch a folder that already holds records (exit 1).

Options:
      --dialect D      the dialect new records are written in: ${WRITABLE_DIALECTS.join(', ')}
                       (default: summary, the primary format; nygard next to an .adr-dir)
      --naming N       date (YYYY-MM-DD-slug.md) | number (NNNN-slug.md)
                       (default: date; number for the nygard and madr dialects)
      --no-overview    do not create an overview file (and say so in the config)
  -n, --dry-run        print what it would create; create nothing

Examples:
  adr init
  adr init doc/adr --dialect nygard
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

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags(
    'init',
    argv,
    {
      dialect: { type: 'string' },
      naming: { type: 'string' },
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
  // The folder: DIR, --dir, an adr-tools .adr-dir (followed, not rewritten), else decisions/.
  const adrDirFile = join(ctx.cwd, '.adr-dir');
  let adrDir: string | null = null;
  if (existsSync(adrDirFile)) adrDir = (await readFile(adrDirFile, 'utf8')).trim() || null;
  // An .adr-dir says the team uses adr-tools: its style (Nygard, numbered) unless told otherwise.
  const dialect: TemplateDialect = (dialectFlag as TemplateDialect | undefined) ?? (adrDir ? 'nygard' : 'summary');
  const namingKind = namingFlag ?? (dialect === 'summary' ? 'date' : 'number');
  const naming: NamingScheme = namingKind === 'number' ? { kind: 'number', width: 4 } : { kind: 'date' };
  const dryRun = Boolean(values['dry-run']);
  const given = positionals[0] ?? (values.dir as string | undefined);
  const dirText = given ?? adrDir ?? 'decisions';
  if (dirText.includes('\0')) throw new UsageError('DIR cannot contain a NUL byte', 'init');
  const dir = resolve(ctx.cwd, dirText);

  const existing = existsSync(dir) ? readdirSync(dir).filter((name) => isRecordFileName(name)) : [];
  if (existing.length) {
    throw new UserError(
      `${displayPath(ctx, dir)} already holds ${existing.length} record${existing.length === 1 ? '' : 's'} (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', …' : ''}); nothing was changed. Use 'adr new' to add one.`,
    );
  }

  // Config: only when none exists (.adr.json, or an "adr" key in package.json).
  const { readConfigAt } = await import('../store/find-log.js');
  const found = await readConfigAt(ctx.cwd);
  const configFile = join(ctx.cwd, '.adr.json');
  const config: Record<string, unknown> = {
    dir: relative(ctx.cwd, dir).split('\\').join('/') || '.',
    ...(dialectFlag || adrDir ? { dialect } : {}),
    ...(namingFlag || dialectFlag || adrDir ? { naming: namingKind } : {}),
    ...(values['no-overview'] ? { overview: false } : {}),
  };
  const effective = found?.config ?? (config as { overview?: string | false });
  const overviewPath = values['no-overview'] ? null : overviewTarget(dir, effective);

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
    body: FIRST_BODY,
  });

  const created: string[] = [];
  const kept: string[] = [];
  const plan: Array<{ path: string; text: string }> = [];
  if (!found) plan.push({ path: configFile, text: `${JSON.stringify(config, null, 2)}\n` });
  else kept.push(`${displayPath(ctx, found.file)} (config kept as it is)`);
  plan.push({ path: join(dir, file), text: recordText });
  if (overviewPath) {
    if (existsSync(overviewPath)) kept.push(`${displayPath(ctx, overviewPath)} (overview kept; run 'adr overview' to bring it in step)`);
    else {
      const { parseRecord } = await import('../parse/index.js');
      const { decision } = parseRecord(file, recordText, { overviewName: basename(overviewPath) });
      const text = renderOverview(decision ? [decision] : [], { logPrefix: logPrefix(dir, overviewPath), today });
      plan.push({ path: overviewPath, text });
    }
  }

  if (dryRun) {
    for (const p of plan) ctx.stdout.write(`--- would create ${displayPath(ctx, p.path)}\n${p.text}`);
    return 0;
  }
  await mkdir(dir, { recursive: true });
  for (const p of plan) {
    if (await createExclusive(p.path, p.text)) created.push(displayPath(ctx, p.path));
    else kept.push(`${displayPath(ctx, p.path)} (already there, kept)`);
  }
  for (const path of created) ctx.stdout.write(`created ${path}\n`);
  for (const note of kept) ctx.stderr.write(`adr init: ${note}\n`);
  if (adrDir && given && resolve(ctx.cwd, adrDir) !== dir) {
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
