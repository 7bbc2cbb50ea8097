/**
 * `adr new`: drafts a new decision record in the log's own conventions.
 *
 * The plain path is fast on purpose (it runs while someone waits, in logs of 10,000 records):
 * one readdir for the naming, a 2 KB sniff of the newest files for the dialect, one exclusive
 * create. The whole log is read only when --supersedes or --link need it.
 */
import { readFileSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Decision, LinkKind, Log, Priority, Status } from '../model/index.js';
import { canonicalCategory, canonicalPriority, canonicalStatus } from '../parse/vocab.js';
import { slugify } from '../edit/slug.js';
import { cleanTitle, fillTemplate, renderRecord, type RecordFacts, type TemplateDialect } from '../edit/templates.js';
import { localDate } from '../model/today.js';
import { withEol } from '../parse/eol.js';
import { overviewLinkFrom, resolveOverviewPath, scanFiles, WRITABLE_DIALECTS, type NamingScheme } from '../store/naming.js';
import { createRecord, LockTimeoutError, previewRecord } from '../store/create-record.js';
import { displayPath } from '../output.js';
import { parseFlags } from './args.js';
import { UsageError, UserError, type Command, type CommandContext } from './context.js';

const HELP = `Usage: adr new [options] TITLE...

Drafts a new decision record in the log's own conventions and prints its path.

The file name follows the log (YYYY-MM-DD-slug.md or NNNN-slug.md; date-named in a new log),
the text follows the log's majority dialect (summary, nygard, madr2, madr3, madr4) unless the
config or a flag says otherwise, and the bytes its line ending and BOM. The record starts as
proposed, dated today (in the zone TZ names, else UTC). When the log has an overview file, the record links back to it and gets a row.

Options:
  -s, --supersedes REF   the new record supersedes REF (repeatable); REF becomes superseded
  -l, --link REF:KIND    link to REF with KIND: supersedes, superseded-by, amends, amended-by,
                         relates (repeatable); both records are written. adr-tools'
                         "REF:Amends:Amended by" works too
      --status STATUS    initial status (default: proposed)
  -p, --priority P       urgent | important | planning | none (also high, medium, low)
  -c, --category TEXT    Infrastructure, Branding, Business, Domain, Documentation, GTM, or any words
      --template FILE    fill FILE instead ({{title}} {{date}} {{number}} {{status}} {{priority}}
                         {{category}}, or adr-tools' "# NUMBER. TITLE", DATE, STATUS; without
                         placeholders: the first heading, status and date are set); default:
                         $ADR_TEMPLATE, else the log's templates/template.md (adr-tools)
      --dialect D        write this dialect: ${WRITABLE_DIALECTS.join(', ')}
      --naming N         date | number (default: as the log's files)
  -e, --edit             open the new record in $VISUAL or $EDITOR and wait
  -n, --dry-run          print the record it would write; write nothing
  -d, --dir DIR          the log folder

Without TITLE in a terminal, it asks for one (then for priority and category); without a
terminal, a missing title is an error.

Examples:
  adr new "Use PostgreSQL for storage"
  adr new -s 3 Use MySQL instead          (adr-tools style: the words make the title)
  adr new --priority urgent --category infra "Adopt Nix"
  adr new --link 0007:amends "Tighten the retry policy"
`;

// A copy of the model's LINK_KINDS: importing the model at run time costs `adr new` four module loads.
const LINK_KINDS: readonly LinkKind[] = ['supersedes', 'superseded-by', 'amends', 'amended-by', 'relates'];

const STATUS_ALIASES: Record<string, Status> = { accept: 'accepted', reject: 'rejected', deprecate: 'deprecated', postpone: 'postponed', abort: 'aborted', propose: 'proposed' };

/** A relation the new record is created with. */
export interface Relation {
  ref: string;
  kind: LinkKind;
}

function single(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length ? String(value[value.length - 1]) : undefined;
  return typeof value === 'string' ? value : undefined;
}

function many(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** A link label as people write it (`Amends`, `Superseded by`, `Relates to`) → its kind, or null. */
function kindOf(label: string): LinkKind | null {
  const words = label.trim().toLowerCase().replace(/[\s_]+/g, '-');
  if ((LINK_KINDS as readonly string[]).includes(words)) return words as LinkKind;
  if (/^super[sc]eded-by/.test(words)) return 'superseded-by';
  if (/^super[sc]edes?/.test(words)) return 'supersedes';
  if (/^amended-by/.test(words)) return 'amended-by';
  if (/^amends?/.test(words)) return 'amends';
  if (/^(relates?|related)(-to)?$/.test(words)) return 'relates';
  return null;
}

/**
 * `--link` values: `0007:amends` (REF:KIND; the kind after the last colon), and adr-tools'
 * `-l "7:Amends:Amended by"` (REF:LINK:REVERSE; the reverse follows from the kind).
 */
function parseLinkFlag(text: string): Relation {
  const parts = text.split(':');
  let ref = '';
  let kind: LinkKind | null = null;
  if (parts.length >= 3 && kindOf(parts[1])) {
    ref = parts[0].trim();
    kind = kindOf(parts[1]);
  } else {
    const at = text.lastIndexOf(':');
    ref = at > 0 ? text.slice(0, at).trim() : '';
    kind = at > 0 ? kindOf(text.slice(at + 1)) : null;
  }
  if (!ref || !kind) {
    throw new UsageError(`--link wants REF:KIND with KIND one of ${LINK_KINDS.join(', ')} (or adr-tools' REF:LINK:REVERSE); got '${text}'`, 'new');
  }
  return { ref, kind };
}

function parseStatus(text: string | undefined): Status {
  if (text === undefined) return 'proposed';
  const status = STATUS_ALIASES[text.trim().toLowerCase()] ?? canonicalStatus(text);
  if (!status) throw new UsageError(`unknown status '${text}' (proposed, accepted, rejected, postponed, deprecated, draft...)`, 'new');
  return status;
}

function parsePriority(text: string | undefined): Priority | null {
  if (text === undefined || text.trim() === '') return null;
  const priority = canonicalPriority(text);
  if (!priority) throw new UsageError(`unknown priority '${text}' (urgent, important, planning, none)`, 'new');
  return priority;
}

/** The naming to write: config first, then what the files say, then date-named for a new log. */
function chooseNaming(configured: string | undefined, detected: NamingScheme | null): NamingScheme {
  if (configured === 'number') return detected?.kind === 'number' ? detected : { kind: 'number', width: 4 };
  if (configured === 'date') return detected?.kind === 'compact-date' ? detected : { kind: 'date' };
  return detected ?? { kind: 'date' };
}

/**
 * The model of a record just rendered from a built-in template, without parsing it: what the
 * overview row needs (test/authoring-new checks it equals what the parser reads back).
 */
export function draftDecision(
  file: string,
  dialect: TemplateDialect,
  facts: { title: string; date: string; status: Status; priority: Priority | null; category: string | null },
): Decision {
  // Nygard records have no place for priority or category: they are not written, so not known.
  const priority = dialect === 'nygard' ? null : facts.priority;
  const category = dialect === 'nygard' ? null : facts.category;
  const stem = file.replace(/\.md$/, '');
  const number = /^\d{1,6}-/.test(stem) && !/^\d{4}-\d{2}-\d{2}-/.test(stem) && !/^\d{8}-/.test(stem) ? Number(stem.split('-')[0]) : null;
  return {
    file,
    id: number !== null ? String(number) : stem,
    number,
    title: facts.title,
    dialect,
    status: facts.status,
    statusText: facts.status,
    reason: null,
    date: facts.date,
    dateText: facts.date,
    priority,
    priorityText: priority,
    category,
    deciders: [],
    attendees: [],
    consulted: [],
    informed: [],
    tags: [],
    summary: null,
    actionItems: [],
    links: [],
    backlinks: [],
    statusDeclarations: [],
    subDecisions: [],
    headings: [],
    overviewLink: true,
    abortRationale: false,
    appliesTo: [],
    encoding: { bom: false, eol: 'lf', mojibake: null, repairs: [] },
    lines: {},
  };
}

/** Whether `root/.adr-dir` (adr-tools' pointer to its log) names `dir`. */
function namesAdrDir(root: string, dir: string): boolean {
  try {
    const named = readFileSync(join(root, '.adr-dir'), 'utf8').trim();
    return named !== '' && resolve(root, named) === dir;
  } catch {
    return false;
  }
}

/** Finds the log, or, with --dir naming a folder not made yet, a fresh log there (adr-tools habit). */
async function locateLog(ctx: CommandContext, dir: string | undefined) {
  const { findLog } = await import('../store/find-log.js');
  try {
    return await findLog({ cwd: ctx.cwd, dir });
  } catch (error) {
    if (dir !== undefined && error instanceof UserError) {
      return { dir: resolve(ctx.cwd, dir), root: ctx.cwd, config: {}, configFile: null };
    }
    throw error;
  }
}

/** Opens `path` in the user's editor and waits for it to close. */
async function openEditor(ctx: CommandContext, path: string): Promise<void> {
  const editor = ctx.env.VISUAL || ctx.env.EDITOR;
  if (!editor) throw new UserError(`--edit: set VISUAL or EDITOR to your editor (the record was written: ${displayPath(ctx.cwd, path)})`);
  // Through the shell, so editors configured with arguments (`code --wait`) work as in git.
  const quoted = `'${path.replaceAll("'", `'\\''`)}'`;
  const { spawnSync } = await import('node:child_process');
  const result = spawnSync(`${editor} ${quoted}`, { shell: true, stdio: 'inherit', env: ctx.env as NodeJS.ProcessEnv });
  if (result.error || result.status !== 0) {
    throw new UserError(`the editor '${editor}' failed (${result.error?.message ?? `exit ${result.status}`}); the record was written: ${displayPath(ctx.cwd, path)}`);
  }
}

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags('new', argv, {
    supersedes: { type: 'string', short: 's', multiple: true },
    link: { type: 'string', short: 'l', multiple: true },
    status: { type: 'string' },
    priority: { type: 'string', short: 'p' },
    category: { type: 'string', short: 'c' },
    template: { type: 'string', short: 't' },
    dialect: { type: 'string' },
    naming: { type: 'string' },
    edit: { type: 'boolean', short: 'e' },
    'dry-run': { type: 'boolean', short: 'n' },
  });
  const relations: Relation[] = [
    ...many(values.supersedes).map((ref) => ({ ref, kind: 'supersedes' as const })),
    ...many(values.link).map(parseLinkFlag),
  ];
  const status = parseStatus(single(values.status));
  let priority = parsePriority(single(values.priority));
  let category = single(values.category) !== undefined ? canonicalCategory(single(values.category)) : null;
  const dialectFlag = single(values.dialect);
  if (dialectFlag !== undefined && !(WRITABLE_DIALECTS as readonly string[]).includes(dialectFlag)) {
    throw new UsageError(`unknown dialect '${dialectFlag}' (${WRITABLE_DIALECTS.join(', ')})`, 'new');
  }
  const namingFlag = single(values.naming);
  if (namingFlag !== undefined && namingFlag !== 'date' && namingFlag !== 'number') {
    throw new UsageError(`unknown naming '${namingFlag}' (date, number)`, 'new');
  }

  let title = cleanTitle(positionals.join(' '));
  if (!title) {
    if (!ctx.interactive) throw new UsageError('a title is required (adr new "Title")', 'new');
    const { ask, choose, closePrompts } = await import('./prompt.js');
    title = cleanTitle(await ask(ctx, 'Title'));
    if (!title) {
      closePrompts();
      throw new UsageError('a title is required', 'new');
    }
    // A guided session: offer the other facts too (Enter skips).
    if (priority === null && values.priority === undefined) {
      priority = await choose(ctx, 'Priority?', [
        { value: 'urgent', label: '🔴 Urgent (this week)' },
        { value: 'important', label: '🟡 Important (2 weeks)' },
        { value: 'planning', label: '🟢 Planning (month)' },
        { value: 'none', label: '⚪ No deadline' },
      ]);
    }
    if (category === null && values.category === undefined) {
      category = canonicalCategory(await ask(ctx, 'Category (Infrastructure, Branding, Business, Domain, Documentation, GTM; Enter to skip)'));
    }
    closePrompts();
  }

  const outcome = await createDecision(ctx, {
    dir: single(values.dir),
    title,
    status,
    priority,
    category,
    relations,
    template: single(values.template),
    dialect: dialectFlag as TemplateDialect | undefined,
    naming: namingFlag as 'date' | 'number' | undefined,
    edit: values.edit === true,
    dryRun: values['dry-run'] === true,
  });
  if (outcome.dryRun) {
    ctx.stderr.write(`adr new: would write ${displayPath(ctx.cwd, outcome.path)}${relations.length ? ` and link it to ${relations.map((r) => `${r.ref} (${r.kind})`).join(', ')}` : ''}\n`);
    ctx.stdout.write(outcome.text);
    return 0;
  }
  ctx.stdout.write(`${displayPath(ctx.cwd, outcome.path)}\n`);
  return 0;
}

/** What {@link createDecision} needs: the flags of `adr new`, checked. */
export interface NewOptions {
  dir?: string;
  title: string;
  status: Status;
  priority: Priority | null;
  category: string | null;
  /** Records the new one relates to (`--supersedes`, `--link`); every REF is resolved before anything is written. */
  relations: Relation[];
  /** A template file, relative to the working directory. */
  template?: string;
  dialect?: TemplateDialect;
  naming?: 'date' | 'number';
  /** Open the new record in $VISUAL / $EDITOR before the overview takes it. */
  edit?: boolean;
  dryRun?: boolean;
}

/** The record `adr new` wrote (or, on a dry run, would write). */
export interface NewOutcome {
  /** Absolute path. */
  path: string;
  /** File name relative to the log folder. */
  file: string;
  /** The record's text as written (or as it would be written), BOM included when the log uses one. */
  text: string;
  dryRun: boolean;
}

/**
 * Drafts a record in the log's own conventions (naming, dialect, line ending, BOM) under the log's
 * allocation lock, relates it, and adds it to the overview: the body of `adr new`, shared with the
 * MCP server's `new` tool. Notes for the user go to `ctx.stderr`.
 */
export async function createDecision(ctx: CommandContext, options: NewOptions): Promise<NewOutcome> {
  const { title, status, priority, category, relations } = options;
  const dialectFlag = options.dialect;
  const namingFlag = options.naming;
  const log = await locateLog(ctx, options.dir);
  const overviewPath = resolveOverviewPath(log.dir, log.config);
  // The template: --template, else adr-tools' ADR_TEMPLATE, else adr-tools' templates/template.md in the log.
  const templateFile = options.template ?? (ctx.env.ADR_TEMPLATE || undefined);
  let template: string | null = null;
  if (templateFile !== undefined) {
    try {
      template = await readFile(resolve(ctx.cwd, templateFile), 'utf8');
    } catch (error) {
      throw new UserError(`cannot read template ${templateFile}: ${(error as Error).message}`);
    }
  } else if (!dialectFlag) {
    // adr-tools' place for a team's template. A log4brains template.md is not taken on its own: its
    // placeholder text ("[list everyone involved in the decision]") would land in every record as
    // facts; `--template docs/adr/template.md` or ADR_TEMPLATE asks for it.
    template = await readFile(join(log.dir, 'templates', 'template.md'), 'utf8').catch(() => null);
  }
  // The template's own BOM and line ending count only in a log with no records to follow.
  const templateBom = template !== null && template.charCodeAt(0) === 0xfeff;
  if (template !== null) template = template.replace(/^\uFEFF/, '');
  const templateEol = template !== null && template.includes('\r\n') ? '\r\n' : '\n';

  // Resolve every REF before writing anything: an unknown REF must not leave a new file behind.
  let related: Array<Relation & { target: Decision }> = [];
  let fullLog: Log | null = null;
  if (relations.length) {
    const { readLog } = await import('../store/read-log.js');
    const { resolveRef } = await import('../store/resolve-ref.js');
    fullLog = await readLog({ cwd: ctx.cwd, dir: log.dir, env: ctx.env });
    related = relations.map((r) => ({ ...r, target: resolveRef(fullLog!, r.ref, { cwd: ctx.cwd }) }));
  }

  const date = localDate(ctx.now, ctx.env.TZ);
  const slug = slugify(title);
  const overviewName = overviewPath ? overviewPath.split(/[\\/]/).pop() : undefined;
  let dialect: TemplateDialect = 'summary';
  // Naming and dialect come from the folder listing, read once under the allocation lock.
  const planFor = (files: string[]) => {
    const scan = scanFiles(log.dir, files, overviewName);
    // An empty log an adr-tools `.adr-dir` names is an adr-tools log: Nygard, numbered.
    const adrTools = scan.records.length === 0 && namesAdrDir(log.root, log.dir);
    dialect = (dialectFlag as TemplateDialect | undefined) ?? log.config.dialect ?? scan.dialect ?? (adrTools ? 'nygard' : 'summary');
    // The log's own conventions (J-N4): its majority line ending, and a BOM when most records have one.
    const eol = scan.eol ?? (template !== null ? templateEol : '\n');
    const bom = scan.bom ?? templateBom;
    return {
      maxNumber: scan.maxNumber,
      naming: chooseNaming(namingFlag ?? log.config.naming ?? (adrTools ? 'number' : undefined), scan.naming),
      render: (number: number, file: string): string => {
        const facts: RecordFacts = {
          title,
          date,
          number,
          status,
          priority,
          category,
          overviewLink: overviewPath ? overviewLinkFrom(log.dir, file, overviewPath) : null,
          frontMatter: scan.frontMatter.map((f) => [f.key, 'number' in f ? String(number) : f.value] as const),
        };
        const text = template !== null ? withEol(fillTemplate(template, facts), eol) : renderRecord(dialect, facts, eol);
        return bom ? `\uFEFF${text}` : text;
      },
    };
  };
  const plan = { dir: log.dir, date, slug, plan: planFor };
  const noPlaceFor = () => {
    if (dialect === 'nygard' && template === null && (priority !== null || category !== null)) {
      ctx.stderr.write('adr new: the nygard dialect has no place for priority or category; they are not written\n');
    }
  };

  if (options.dryRun) {
    const preview = await previewRecord(plan);
    noPlaceFor();
    return { path: preview.path, file: preview.file, text: preview.text, dryRun: true };
  }

  let created;
  try {
    created = await createRecord(plan);
    noPlaceFor();
  } catch (error) {
    if (error instanceof LockTimeoutError) throw new UserError(error.message);
    throw error;
  }

  if (fullLog) {
    const { relateRecords } = await import('../store/relate.js');
    for (let i = 0; i < related.length; i++) {
      const r = related[i];
      try {
        const result = await relateRecords({ log: fullLog, source: created.file, kind: r.kind, target: r.target, ctx });
        if (result.target.changed) ctx.stderr.write(`adr new: ${r.target.file}: ${result.target.kind} ${created.file}\n`);
      } catch (error) {
        // Nothing else links to the new record yet: take it back rather than leave half the request done.
        if (i === 0) await unlink(created.path).catch(() => undefined);
        const kept = i === 0 ? 'the new record was not kept' : `${displayPath(ctx.cwd, created.path)} was written with the relations before this one`;
        throw new UserError(`cannot ${r.kind} ${r.target.file}: ${(error as Error).message} (${kept})`);
      }
    }
  }
  // The editor first, so the overview gets the record as it was saved.
  let text = created.text;
  if (options.edit) {
    await openEditor(ctx, created.path);
    text = await readFile(created.path, 'utf8').catch(() => created.text);
  }
  if (overviewPath) {
    const { addToOverview, syncOverview } = await import('../store/sync-overview.js');
    // With the log read anyway (relations), regenerate from it; else insert the one new row.
    if (fullLog) {
      if (options.edit) {
        const { readRecord, replaceDecision } = await import('../store/apply-edit.js');
        replaceDecision(fullLog, (await readRecord(fullLog, created.file)).decision);
      }
      const synced = await syncOverview(fullLog, ctx, { files: [created.file, ...related.map((r) => r.target.file)] });
      if (synced?.note) ctx.stderr.write(`adr new: ${synced.note}\n`);
    } else {
      // A record from a built-in template says exactly what was rendered; others are parsed.
      const known = template === null && !options.edit ? draftDecision(created.file, dialect, { title, date, status, priority, category }) : undefined;
      const note = await addToOverview({ dir: log.dir, root: log.root, config: log.config, overviewPath, file: created.file, text: text.replace(/^\uFEFF/, ''), now: ctx.now, env: ctx.env, decision: known });
      if (note) ctx.stderr.write(`adr new: ${note}\n`);
    }
  }
  return { path: created.path, file: created.file, text, dryRun: false };
}

/** The `adr new` command. */
export const command: Command = {
  summary: 'draft a new decision record',
  help: HELP,
  run,
};
