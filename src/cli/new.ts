/**
 * `adr new`: drafts a new decision record in the log's own conventions.
 *
 * The plain path is fast on purpose (it runs while someone waits, in logs of 10,000 records):
 * one readdir for the naming, a 2 KB sniff of the newest files for the dialect, one exclusive
 * create. The whole log is read only when --supersedes or --link need it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Config, Decision, LinkKind, Log, Priority, Status } from '../model/index.js';
import { canonicalCategory, canonicalPriority, canonicalStatus } from '../parse/vocab.js';
import { slugify } from '../edit/slug.js';
import { cleanTitle, fillTemplate, renderRecord, type RecordFacts, type TemplateDialect } from '../edit/templates.js';
import { addDuration, localDate } from '../model/today.js';
import { withEol } from '../parse/eol.js';
import { overviewLinkFrom, resolveOverviewPath, scanFiles, WRITABLE_DIALECTS, type NamingScheme } from '../store/naming.js';
import { createRecord, LockTimeoutError, previewRecord, type CreatedRecord } from '../store/create-record.js';
import { displayPath, printable } from '../output.js';
import { parseFlags } from './args.js';
import { UsageError, UserError, type Command, type CommandContext } from './context.js';

const HELP = `Usage: adr new [options] TITLE...

Examples:
  adr new "Use PostgreSQL for storage"
  adr new -s 3 Use MySQL instead          (adr-tools style: the words make the title)
  adr new --priority urgent --category infra "Adopt Nix"

Drafts a new decision record in the log's own conventions and prints its path.

The file name follows the log (YYYY-MM-DD-slug.md or NNNN-slug.md; date-named in a new log),
the text follows the log's majority dialect (summary, nygard, madr2, madr3, madr4) unless the
config or a flag says otherwise, and the bytes its line ending and BOM. The record starts as
proposed, dated today (in the zone TZ names, else UTC). When the log has an overview file, the
record links back to it and gets a row.

Options:
  -s, --supersedes REF   the new record supersedes REF (repeatable); REF becomes superseded
  -f, --force            with -s: REF already has a successor; the new record replaces it
                         (the earlier one's "Supersedes REF" link is taken out)
  -l, --link REF:KIND    link to REF with KIND: supersedes, superseded-by, amends, amended-by,
                         relates (repeatable); both records are written. adr-tools'
                         "REF:Amends:Amended by" works too (--link 0007:amends "Tighten retries")
  -a, --applies-to GLOB  the paths the decision governs, relative to the repository root
                         (repeatable: -a 'src/db/**' -a migrations/); adr affected lists it for them
      --status STATUS    initial status (default: proposed)
  -p, --priority P       urgent | important | planning | none (also high, medium, low)
  -c, --category TEXT    Infrastructure, Branding, Business, Domain, Documentation, GTM, or any words
      --template FILE    fill FILE instead ({{title}} {{date}} {{number}} {{status}} {{priority}}
                         {{category}}, or adr-tools' "# NUMBER. TITLE", DATE, STATUS; without
                         placeholders: the first heading, status and date are set); default:
                         $ADR_TEMPLATE, else the log's templates/template.md (adr-tools)
      --dialect D        write this dialect: ${WRITABLE_DIALECTS.join(', ')}
      --naming N         date | number (default: as the log's files)
      --review-in SPAN   set a review date SPAN from today (6m, 2w, 90d, 1y): front matter
                         review-by, **Review by**, Nygard "Review by:" (adr todo lists it when due)
      --base REF         take a number free here and on the git ref REF (the branch this one
                         merges into), so two branches do not both take the next one
  -e, --edit             open the new record in $VISUAL or $EDITOR and wait
  -n, --dry-run          print the record it would write; write nothing
  -d, --dir DIR          the log folder

Without TITLE in a terminal, it asks for one, then for the priority and the category (not in a
Nygard log, which has no place for them): a number, a word (high, medium, low...) or the start
of a choice; Enter skips. Ctrl-C or Ctrl-D at any question writes nothing (exit 130). Without a
terminal, a missing title is an error.
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
  facts: { title: string; date: string; status: Status; priority: Priority | null; category: string | null; reviewBy?: string | null },
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
    reviewBy: facts.reviewBy ?? null,
    reviewByText: facts.reviewBy ?? null,
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

/** The names in a log folder (none when it is not made yet). */
function listFolder(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
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
    'review-in': { type: 'string' },
    base: { type: 'string' },
    force: { type: 'boolean', short: 'f' },
    'applies-to': { type: 'string', short: 'a', multiple: true },
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

  const title = cleanTitle(positionals.join(' '));
  if (!title && !ctx.interactive) throw new UsageError('a title is required (adr new "Title")', 'new');

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
    force: values.force === true,
    appliesTo: many(values['applies-to']),
    reviewIn: single(values['review-in']),
    base: single(values.base),
    // Without a title, a guided session, once every flag and REF is known good: the questions come before any write.
    ask: title
      ? undefined
      : async (facts, writes) => {
          const { askRecordFacts } = await import('./new-prompts.js');
          const { closePrompts } = await import('./prompt.js');
          try {
            return await askRecordFacts(ctx, facts, { priority: writes && values.priority === undefined, category: writes && values.category === undefined });
          } finally {
            closePrompts();
          }
        },
  });
  if (outcome.dryRun) {
    ctx.stderr.write(`adr new: would write ${displayPath(ctx.cwd, outcome.path)}${relations.length ? ` and link it to ${relations.map((r) => `${r.ref} (${r.kind})`).join(', ')}` : ''}\n`);
    ctx.stdout.write(outcome.text);
    return 0;
  }
  ctx.stdout.write(`${displayPath(ctx.cwd, outcome.path)}\n`);
  // What was done besides the new file, said after its path (stdout stays the path alone, for scripts).
  for (const line of outcome.report) ctx.stderr.write(`  ${line}\n`);
  return outcome.overviewFailed ? 1 : 0;
}

/** What {@link createDecision} needs: the flags of `adr new`, checked. */
export interface NewOptions {
  dir?: string;
  /** The title; may be empty only with `ask`. */
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
  /** Supersede a record that already has a successor. */
  force?: boolean;
  /** The paths the record governs: globs relative to the repository root (`src/db/**`). */
  appliesTo?: readonly string[];
  /** A review date this far from today (`6m`, `2w`, `90d`, `1y`; `--review-in`). */
  reviewIn?: string;
  /** A git ref whose numbers the new record's number must also avoid (`--base`). */
  base?: string;
  /**
   * Asks for the title (and, where the dialect writes them, priority and category) once the log is
   * found and every REF resolved; `writes` says whether the dialect has a place for those two.
   */
  ask?: (facts: { priority: Priority | null; category: string | null }, writes: boolean) => Promise<{ title: string; priority: Priority | null; category: string | null }>;
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
  /** The record was written but the overview could not be updated (said on `ctx.stderr`). */
  overviewFailed: boolean;
  /** What was done besides the new file (relation edits), one line each. */
  report: string[];
}

/**
 * Drafts a record in the log's own conventions (naming, dialect, line ending, BOM) under the log's
 * allocation lock, with its relations as one change, and adds it to the overview: the body of
 * `adr new`, shared with the MCP server's `new` tool. Notes for the user go to `ctx.stderr`.
 */
export async function createDecision(ctx: CommandContext, options: NewOptions): Promise<NewOutcome> {
  const { status, relations } = options;
  let { title, priority, category } = options;
  const dialectFlag = options.dialect;
  const namingFlag = options.naming;
  const appliesTo = checkedGlobs(options.appliesTo ?? []);
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

  // Where this will write is checked first, before any question and any refusal of what is asked: the
  // overview inside the repository (all or nothing: before the record is written).
  if (overviewPath) {
    const { realTarget, repositoryBounds } = await import('../store/confine.js');
    realTarget(overviewPath, repositoryBounds(log));
  }
  // Resolve every REF before writing anything: an unknown REF must not leave a new file behind.
  let related: Array<Relation & { target: Decision }> = [];
  let fullLog: Log | null = null;
  if (relations.length) {
    const { readLog } = await import('../store/read-log.js');
    const { resolveRef } = await import('../store/resolve-ref.js');
    const { confineEdit } = await import('../store/apply-edit.js');
    fullLog = await readLog({ cwd: ctx.cwd, dir: log.dir, env: ctx.env });
    related = relations.map((r) => ({ ...r, target: resolveRef(fullLog!, r.ref, { cwd: ctx.cwd }) }));
    // The records the relations write lie inside the log, whatever else may refuse them.
    confineEdit(fullLog, related.map((r) => r.target.file));
    // A record that already has a successor gets a second one only with --force: refused before anything is written.
    const { earlierSuccessors, secondSuccessorError } = await import('../store/relate.js');
    for (const r of related) {
      if (r.kind !== 'supersedes' || options.force) continue;
      const earlier = earlierSuccessors(fullLog, r.target, null);
      if (earlier.length) throw secondSuccessorError(fullLog, r.target, earlier);
    }
  }

  if (!title) {
    if (!options.ask) throw new UsageError('a title is required (adr new "Title")', 'new');
    const overviewFile = overviewPath ? overviewPath.split(/[\\/]/).pop() : undefined;
    const scan = scanFiles(log.dir, listFolder(log.dir), overviewFile);
    const adrTools = scan.records.length === 0 && namesAdrDir(log.root, log.dir);
    const writes = (dialectFlag ?? log.config.dialect ?? scan.dialect ?? (adrTools ? 'nygard' : 'summary')) !== 'nygard' || template !== null;
    ({ title, priority, category } = await options.ask({ priority, category }, writes));
  }

  const date = localDate(ctx.now, ctx.env.TZ);
  let reviewBy: string | null = null;
  const reviewIn = options.reviewIn;
  if (reviewIn !== undefined) {
    reviewBy = addDuration(date, reviewIn);
    if (!reviewBy) throw new UsageError(`--review-in wants a time from today such as 6m, 2w, 90d or 1y, got '${reviewIn}'`, 'new');
    if (template !== null && !/\{\{\s*review(by)?\s*\}\}/i.test(template)) {
      ctx.stderr.write(`adr new: the template has no {{reviewBy}} placeholder; the review date ${reviewBy} was not written\n`);
    }
  }
  // --base REF: the number must be free on the branch this one merges into, too.
  let baseMax = 0;
  const baseRef = options.base;
  if (baseRef !== undefined) {
    const { requireRepo } = await import('../store/git.js');
    const { baseNumbers } = await import('../store/base.js');
    baseMax = (await baseNumbers(await requireRepo(log.dir, ctx.env, `--base ${baseRef}`), baseRef)).max;
  }
  const slug = slugify(title);
  const overviewName = overviewPath ? overviewPath.split(/[\\/]/).pop() : undefined;
  let dialect: TemplateDialect = 'summary';
  // Naming and dialect come from the folder listing, read once under the allocation lock.
  const plan = (files: string[]) => {
    const scan = scanFiles(log.dir, files, overviewName);
    // An empty log an adr-tools `.adr-dir` names is an adr-tools log: Nygard, numbered.
    const adrTools = scan.records.length === 0 && namesAdrDir(log.root, log.dir);
    dialect = (dialectFlag as TemplateDialect | undefined) ?? log.config.dialect ?? scan.dialect ?? (adrTools ? 'nygard' : 'summary');
    // The log's own conventions: its majority line ending, and a BOM when most records have one.
    const eol = scan.eol ?? (template !== null ? templateEol : '\n');
    const bom = scan.bom ?? templateBom;
    return {
      maxNumber: Math.max(scan.maxNumber, baseMax),
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
          appliesTo,
          reviewBy,
        };
        const text = template !== null ? withEol(fillTemplate(template, facts), eol) : renderRecord(dialect, facts, eol);
        return bom ? `\uFEFF${text}` : text;
      },
    };
  };
  const planned = { dir: log.dir, date, slug, plan };
  const noPlaceFor = () => {
    if (dialect === 'nygard' && template === null && (priority !== null || category !== null)) {
      ctx.stderr.write('adr new: note: the nygard dialect has no place for priority or category; they are not written\n');
    }
  };

  if (options.dryRun) {
    const preview = await previewRecord(planned);
    noPlaceFor();
    return { path: preview.path, file: preview.file, text: preview.text, dryRun: true, overviewFailed: false, report: [] };
  }

  // The record and its relations are one change, all or nothing (src/store/create-with-relations.ts).
  let created: CreatedRecord;
  // What was done besides the new file, said after its path (stdout stays the path alone, for scripts).
  const report: string[] = [];
  try {
    if (fullLog) {
      const { createRecordWithRelations } = await import('../store/create-with-relations.js');
      const done = await createRecordWithRelations({ ...planned, log: fullLog, relations: related.map((r) => ({ kind: r.kind, target: r.target })), ctx, force: options.force === true });
      created = done.created;
      done.related.forEach((result, i) => {
        const r = related[i];
        const t = result.target;
        if (t.changed) report.push(`wrote ${t.kind} in ${t.file}${t.status !== t.previousStatus ? ` (status ${t.previousStatus ?? 'none'} → ${t.status})` : ''}`);
        for (const side of result.released) report.push(`took 'Supersedes ${r.target.file}' out of ${side.file} (it stays ${side.status ?? 'without a status'})`);
        for (const warning of result.warnings) ctx.stderr.write(`adr new: warning: ${warning}\n`);
      });
    } else {
      created = await createRecord(planned);
    }
    noPlaceFor();
  } catch (error) {
    if (error instanceof LockTimeoutError) throw new UserError(error.message);
    throw error;
  }

  // The editor first, so the overview gets the record as it was saved.
  let text = created.text;
  if (options.edit) {
    await openEditor(ctx, created.path);
    text = await readFile(created.path, 'utf8').catch(() => created.text);
  }
  // The overview follows on a best-effort basis: the record stands without it, and a failure is said,
  // with exit 1, so a script notices; `adr check` then reports the missing row.
  let overviewFailed = false;
  if (overviewPath) {
    try {
      const note = await addRow(ctx, log, overviewPath, created, text, fullLog, related.map((r) => r.target.file), options.edit === true, template === null ? { dialect, title, date, status, priority, category, reviewBy } : null);
      if (note) ctx.stderr.write(`adr new: note: ${note}\n`);
    } catch (error) {
      overviewFailed = true;
      // A full disk or a read-only folder is said as the user's fault, naming the file and what to do.
      const { userErrorFrom } = await import('../errors.js');
      const why = (userErrorFrom(error, (p) => displayPath(ctx.cwd, p)) ?? (error as Error)).message.replace(/ and run the command again$/, '');
      ctx.stderr.write(
        `adr new: ${displayPath(ctx.cwd, created.path)} was written, but the overview was not updated: ${printable(why)}; run 'adr overview' once that is fixed ('adr check' reports the missing row)\n`,
      );
      if (ctx.env.ADR_DEBUG && error instanceof Error) ctx.stderr.write(`${error.stack}\n`);
    }
  }
  return { path: created.path, file: created.file, text, dryRun: false, overviewFailed, report };
}

/**
 * Puts the new record into the overview: with the log read anyway (relations), regenerated from it;
 * else the one new row inserted. Returns a note for the user, or null; throws when the overview
 * cannot be written.
 */
async function addRow(
  ctx: CommandContext,
  log: { dir: string; root: string; configFile: string | null; config: Config },
  overviewPath: string,
  created: CreatedRecord,
  text: string,
  fullLog: Log | null,
  relatedFiles: string[],
  edited: boolean,
  rendered: { dialect: TemplateDialect; title: string; date: string; status: Status; priority: Priority | null; category: string | null; reviewBy?: string | null } | null,
): Promise<string | null> {
  const { addToOverview, syncOverview } = await import('../store/sync-overview.js');
  if (fullLog) {
    if (edited) {
      const { readRecord, replaceDecision } = await import('../store/apply-edit.js');
      replaceDecision(fullLog, (await readRecord(fullLog, created.file)).decision);
    }
    const synced = await syncOverview(fullLog, ctx, { files: [created.file, ...relatedFiles] });
    return synced?.note ?? null;
  }
  // A record from a built-in template says exactly what was rendered; others are parsed.
  const known = rendered && !edited ? draftDecision(created.file, rendered.dialect, rendered) : undefined;
  return addToOverview({ dir: log.dir, root: log.root, configFile: log.configFile, config: log.config, overviewPath, file: created.file, text: text.replace(/^\uFEFF/, ''), now: ctx.now, env: ctx.env, decision: known });
}

/**
 * The applies-to globs of `adr new --applies-to` (and the MCP tool's `appliesTo`), tidied as the
 * reader tidies them (`./` and `\\` made plain), or a UsageError naming the one that cannot govern
 * anything: globs are repository paths, never a drive, a home folder or above the repository (a
 * leading `/` anchors at the repository root, as in .gitignore).
 */
export function checkedGlobs(globs: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of globs) {
    const glob = raw.trim().replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
    const why = !glob
      ? 'it is empty'
      : /^(?:[A-Za-z]:\/|~|\/\/)/.test(glob)
        ? 'it is absolute; write it relative to the repository root (src/db/**, or /Makefile for the root alone)'
        : glob.split('/').includes('..')
          ? "it leads out with '..'; write it relative to the repository root"
          : /[`\r\n]/.test(glob)
            ? 'it holds a backtick or a line break'
            : null;
    if (why) throw new UsageError(`--applies-to '${raw}': ${why}`, 'new');
    if (!out.includes(glob)) out.push(glob);
  }
  return out;
}

/** The `adr new` command. */
export const command: Command = {
  summary: 'draft a new decision record',
  help: HELP,
  run,
};
