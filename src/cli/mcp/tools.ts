/**
 * The MCP server's tools: the CLI's commands for an agent. Each reads the log afresh and calls the
 * very function its command calls (readLog, lintOnce, findAffected, createDecision, abortRecord,
 * setStatus, relate), so an edit runs under the same locks, with the same verification and
 * refusals, and writes the same bytes as the command would. A tool returns what the command's
 * `--json` prints (with `notes` for what it would have said on stderr); every edit takes `dryRun`
 * and then returns the diff it would write, writing nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Decision, Log, Priority, Status } from '../../model/index.js';
import { LINK_KINDS, PRIORITIES, STATUSES } from '../../model/index.js';
import { UserError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import type { McpSdk } from './sdk.js';

type Z = McpSdk['z'];

/** What a tool's handler works with. */
export interface ToolCall {
  /** The context of this call: the server's folder and environment, a fresh clock, output captured. */
  ctx: CommandContext;
  /** The log folder given to `adr mcp --dir`, if any. */
  dir: string | undefined;
}

/** One tool: its MCP description and its handler. */
export interface ToolSpec {
  name: string;
  title: string;
  description: string;
  /** Whether it changes files (not offered under `--read-only`). */
  edit: boolean;
  /** The arguments, as a zod object shape (the SDK turns it into the tool's JSON Schema and validates). */
  input(z: Z): Record<string, unknown>;
  /** Runs the tool; resolves to the JSON result. Throws UserError for what the caller can fix. */
  run(args: Record<string, unknown>, call: ToolCall): Promise<Record<string, unknown>>;
}

/** The URI of a record as a resource. */
export function recordUri(file: string): string {
  return `adr://decision/${encodeURIComponent(file)}`;
}

async function readTheLog(call: ToolCall): Promise<Log> {
  const { readLog } = await import('../../store/read-log.js');
  return readLog({ cwd: call.ctx.cwd, dir: call.dir, env: call.ctx.env });
}

/** A record's text as it is on disk (decoded; a BOM removed), or null when it cannot be read. */
export async function recordText(log: Log, file: string): Promise<string | null> {
  const { decodeBytes } = await import('../../parse/encoding.js');
  try {
    const decoded = decodeBytes(readFileSync(join(log.dir, ...file.split('/'))));
    return decoded.ok ? decoded.text : null;
  } catch {
    return null;
  }
}

/**
 * `{ overviewFailed: true }` when the record change was written but the overview could not follow
 * (the command would exit 1; `notes` say why and what to do), else nothing.
 */
async function overviewFailed(report: string[]): Promise<{ overviewFailed?: true }> {
  const { exitAfter } = await import('../shared.js');
  return exitAfter(report) === 1 ? { overviewFailed: true } : {};
}

/** The short form of a record that `list` returns. */
function row(d: Decision) {
  return {
    id: d.id,
    file: d.file,
    title: d.title,
    status: d.status,
    date: d.date,
    priority: d.priority,
    category: d.category,
    summary: d.summary,
    tags: d.tags,
    appliesTo: d.appliesTo.map((a) => a.glob),
    openActionItems: d.actionItems.filter((a) => !a.done && !a.aborted).length,
    uri: recordUri(d.file),
  };
}

const STATUS_FILTER = [...STATUSES, 'none'] as const;
const PRIORITY_FILTER = [...PRIORITIES] as const;
/** What `status` sets (aborting has its own tool; superseding relates two records). */
const SETTABLE = ['proposed', 'accepted', 'postponed', 'rejected', 'deprecated', 'draft'] as const;
const DIALECTS = ['summary', 'nygard', 'madr2', 'madr3', 'madr4'] as const;

/** The dryRun argument every edit takes. */
const dryRun = (z: Z) => z.boolean().optional().describe('Compute and verify the edit and return the diff it would write; write nothing.');

/**
 * The force argument of the edits that supersede: a record has one successor, so superseding one
 * that already has another is refused unless the caller says so (the CLI's --force).
 */
const force = (z: Z) =>
  z
    .boolean()
    .optional()
    .describe("Supersede a record that already has another successor: the new record becomes its only one, and the earlier record's `Supersedes` link is taken out.");

/** Every tool, reads first. */
export const TOOLS: readonly ToolSpec[] = [
  {
    name: 'list',
    title: 'List decision records',
    description:
      'Lists the records of the decision log, in log order: id, file, title, status, date, priority, category, one-line summary, tags, the paths it applies to and its open action items. Filters combine (each one a list of accepted values). Paged: at most `limit` records from `offset`; `total` says how many match. `full: true` returns each record as `adr list --json` prints it (links, back-links, action items, line numbers).',
    edit: false,
    input: (z) => ({
      status: z.array(z.enum(STATUS_FILTER)).optional().describe('Only these statuses (`none`: records without one).'),
      priority: z.array(z.enum(PRIORITY_FILTER)).optional().describe('Only these priorities (`none` also matches records without one).'),
      category: z.array(z.string()).optional().describe('Only these categories (their words, any case; `none` for records without one).'),
      tag: z.string().optional().describe('Only records with this tag (any case).'),
      limit: z.number().int().min(1).max(1000).optional().describe('At most this many records (default 200).'),
      offset: z.number().int().min(0).optional().describe('Skip this many matching records first (default 0).'),
      full: z.boolean().optional().describe('Return every field of each record, as `adr list --json` does.'),
    }),
    async run(args, call) {
      const { filterDecisions, toListed } = await import('../list.js');
      const { recordRefs } = await import('../../store/resolve-ref.js');
      const log = await readTheLog(call);
      const refs = args.full ? recordRefs(log, call.ctx.cwd) : null;
      const set = (v: unknown) => (Array.isArray(v) && v.length > 0 ? new Set(v.map((x) => String(x).toLowerCase())) : null);
      let found = filterDecisions(log.decisions, { status: set(args.status), priority: set(args.priority), category: set(args.category) });
      if (typeof args.tag === 'string') {
        const tag = args.tag.toLowerCase();
        found = found.filter((d) => d.tags.some((t) => t.toLowerCase() === tag));
      }
      const offset = (args.offset as number | undefined) ?? 0;
      const limit = (args.limit as number | undefined) ?? 200;
      const page = found.slice(offset, offset + limit);
      return {
        total: found.length,
        offset,
        returned: page.length,
        nextOffset: offset + page.length < found.length ? offset + page.length : null,
        records: page.map((d) => (refs ? { ...toListed(d, log, call.ctx.cwd, refs), uri: recordUri(d.file) } : row(d))),
        ...(log.diagnostics.some((d) => d.severity === 'error') ? { unreadable: log.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}: ${d.message}`) } : {}),
      };
    },
  },
  {
    name: 'get',
    title: 'Read one decision record',
    description:
      'One record, named by a REF as on the command line: a number (`3`, `0003`), an id or file name, or a unique part of its title. Returns every fact `adr list --json` gives (status, dates, deciders, links and back-links, action items, the paths it applies to, line numbers) and, unless `text: false`, the markdown as it is on disk.',
    edit: false,
    input: (z) => ({
      ref: z.string().min(1).describe('The record: a number, id, file name or unique part of the title.'),
      text: z.boolean().optional().describe('Include the markdown text (default true).'),
    }),
    async run(args, call) {
      const { toListed } = await import('../list.js');
      const { recordRefs, resolveRef } = await import('../../store/resolve-ref.js');
      const log = await readTheLog(call);
      const d = resolveRef(log, String(args.ref), { cwd: call.ctx.cwd });
      const text = args.text === false ? undefined : await recordText(log, d.file);
      return { ...toListed(d, log, call.ctx.cwd, recordRefs(log, call.ctx.cwd)), uri: recordUri(d.file), ...(text !== undefined ? { text } : {}) };
    },
  },
  {
    name: 'search',
    title: 'Search the decision log',
    description:
      'Finds the records whose title, summary or text holds every word of the query (case and accents ignored; "a quoted phrase" is one word), best first: a word in the title counts most, then the summary, then the text. Each hit has the lines the words occur on. To find the decisions that govern some code, use `affected` with its paths instead.',
    edit: false,
    input: (z) => ({
      query: z.string().min(1).describe('Words that must all occur; "quoted phrase" for an exact run of words.'),
      status: z.array(z.enum(STATUS_FILTER)).optional().describe('Only records with these statuses.'),
      limit: z.number().int().min(1).max(200).optional().describe('At most this many hits (default 20).'),
    }),
    async run(args, call) {
      const { searchRecords, queryTerms } = await import('./search.js');
      const query = String(args.query);
      if (queryTerms(query).length === 0) throw new UserError('the query holds no word to search for');
      const log = await readTheLog(call);
      const wanted = Array.isArray(args.status) && args.status.length ? new Set(args.status as string[]) : null;
      const decisions = wanted ? log.decisions.filter((d) => wanted.has(d.status ?? 'none')) : log.decisions;
      const texts = new Map<string, string>();
      for (const d of decisions) texts.set(d.file, (await recordText(log, d.file)) ?? '');
      const { total, hits } = searchRecords(decisions, texts, query, (args.limit as number | undefined) ?? 20);
      return { query, total, hits: hits.map((h) => ({ ...h, uri: recordUri(h.file) })) };
    },
  },
  {
    name: 'check',
    title: 'Check the decision log',
    description:
      'Runs `adr check` over the whole log: statuses that disagree, aborted records with open action items, one-way supersede links, dead links, impossible dates, overview drift, mangled encodings, applies-to globs that match no file. With `base` (a git ref; default the pull request\'s base when GITHUB_BASE_REF is set), also flags records added here whose number the base gives to another record, and files this branch changed that only superseded, deprecated or aborted decisions govern. Returns the counts and each problem with file, line, column, rule, severity and message; fixes are not applied (run `adr check --fix`).',
    edit: false,
    input: (z) => ({
      rules: z.array(z.string().min(1)).optional().describe('Run only these rule ids (`parse`: files that could not be read).'),
      base: z.string().min(1).optional().describe('A git ref to compare with (default: the pull request\'s base, GITHUB_BASE_REF, when set): records added here whose number it gives to another record, and changed files governed only by retired decisions.'),
      files: z.array(z.string().min(1)).optional().describe('Report only on these record files (paths relative to the server\'s folder); the whole log is still read.'),
    }),
    async run(args, call) {
      const { lintOnce } = await import('../check.js');
      const { RULES } = await import('../../rules/index.js');
      const rules = args.rules as string[] | undefined;
      if (rules) {
        const known = new Set([...RULES.map((r) => r.id), 'parse']);
        const unknown = rules.filter((r) => !known.has(r));
        if (unknown.length) throw new UserError(`unknown rule '${unknown[0]}' (known: ${[...known].join(', ')})`);
      }
      // The base as `adr check --base` takes it: the ref given, else a pull request's base (GITHUB_BASE_REF).
      const { baseLoader, chooseBase } = await import('../shared.js');
      const choice = await chooseBase(call.ctx, args.base, true);
      const { log, result } = await lintOnce(call.ctx, call.dir, true, rules, undefined, choice ? baseLoader(call.ctx, 'mcp check', choice) : undefined);
      const { displayPath } = await import('../../output.js');
      const shown = (file: string) => displayPath(call.ctx.cwd, join(log.dir, ...file.split('/')));
      let diagnostics = result.diagnostics;
      if (Array.isArray(args.files) && args.files.length) {
        const { resolve } = await import('node:path');
        const wanted = new Set((args.files as string[]).map((f) => resolve(call.ctx.cwd, f)));
        diagnostics = diagnostics.filter((d) => wanted.has(resolve(log.dir, d.file)));
      }
      const counts = { errors: 0, warnings: 0, infos: 0 };
      for (const d of diagnostics) counts[d.severity === 'error' ? 'errors' : d.severity === 'warning' ? 'warnings' : 'infos']++;
      return {
        records: result.records,
        ...counts,
        diagnostics: diagnostics.map((d) => ({ file: d.file, path: shown(d.file), line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, rule: d.rule, severity: d.severity, message: d.message, fixable: Boolean(d.fix && d.fix.edits.length > 0) })),
        ...(result.configWarnings.length ? { configWarnings: result.configWarnings } : {}),
      };
    },
  },
  {
    name: 'todo',
    title: 'Open action items',
    description:
      'The reviews due (records whose review date has passed or comes within 30 days; these carry review: { date, days, overdue }), then every open action item of the log (unchecked tasks under "Action Items"), most pressing first: by horizon (this week, next two weeks, this month, no deadline, then items under no horizon heading), then by the record\'s priority. Each names its record (id, title, file, line).',
    edit: false,
    input: (z) => ({
      priority: z.enum(PRIORITY_FILTER).optional().describe('Only items of this horizon (an item under no horizon heading counts with its record\'s priority).'),
    }),
    async run(args, call) {
      const { openItems, byPriority, reviewsDue } = await import('../todo.js');
      const log = await readTheLog(call);
      const today = call.ctx.now.toISOString().slice(0, 10);
      const items = byPriority([...reviewsDue(log, call.ctx.cwd, today), ...openItems(log, call.ctx.cwd)], (args.priority as Priority | undefined) ?? null);
      return { total: items.length, items: items.map((i) => ({ ...i, uri: recordUri(i.file) })) };
    },
  },
  {
    name: 'affected',
    title: 'Decisions that govern some files',
    description:
      'The decisions whose applies-to globs match the given files (paths relative to the server\'s folder; a folder stands for every file below it), or the files this branch changed since it left `base` (a git ref: committed, staged, unstaged and new files). Call it before changing code, to read what was decided about it. Each record comes with its status, the globs that matched and the files; `retiredOnly` lists files governed only by superseded, deprecated or aborted decisions.',
    edit: false,
    input: (z) => ({
      files: z.array(z.string().min(1)).optional().describe('Paths of files or folders, relative to the server\'s folder.'),
      base: z.string().min(1).optional().describe('A git ref: use the files changed since this branch left it (without files, default the pull request\'s base, GITHUB_BASE_REF, when set).'),
    }),
    async run(args, call) {
      const files = (args.files as string[] | undefined) ?? [];
      const { chooseBase } = await import('../shared.js');
      const base = (await chooseBase(call.ctx, args.base, files.length === 0))?.ref;
      if (files.length === 0 && base === undefined) throw new UserError('give files, or base (a git ref)');
      const { findAffected } = await import('../affected.js');
      const { report } = await findAffected(call.ctx, { dir: call.dir, files, base });
      return { ...report, decisions: report.decisions.map((d) => ({ ...d, uri: recordUri(d.file) })) };
    },
  },
  {
    name: 'new',
    title: 'Draft a new decision record',
    description:
      'Writes a new record the way `adr new` does: the next number or today\'s date in the log\'s own naming, the log\'s dialect, line ending and BOM, status proposed unless given, a row in the overview, the paths it governs (`appliesTo`) where the dialect keeps them, and any supersedes / links written on both sides (superseding a record that already has another successor needs `force`, as with `supersede`). With `dryRun`, returns the file it would create and its text as a diff, writing nothing.',
    edit: true,
    input: (z) => ({
      title: z.string().min(1).describe('The decision, as a title ("Use PostgreSQL for storage").'),
      status: z.enum(SETTABLE).optional().describe('Initial status (default proposed).'),
      priority: z.enum(PRIORITY_FILTER).optional().describe('Priority (summary and MADR records; Nygard has no place for it).'),
      category: z.string().min(1).optional().describe('Category words (Infrastructure, Branding, ...).'),
      dialect: z.enum(DIALECTS).optional().describe('Write this dialect instead of the log\'s own.'),
      naming: z.enum(['date', 'number']).optional().describe('File naming instead of the log\'s own.'),
      supersedes: z.array(z.string().min(1)).optional().describe('REFs of records the new one supersedes (they become superseded).'),
      links: z
        .array(z.object({ ref: z.string().min(1), kind: z.enum(LINK_KINDS as unknown as [string, ...string[]]) }))
        .optional()
        .describe('Records to link, with what the new record does to each (supersedes, superseded-by, amends, amended-by, relates).'),
      appliesTo: z
        .array(z.string().min(1))
        .optional()
        .describe('The paths this decision governs: globs relative to the repository root (`src/db/**`, `migrations/`); `affected` then lists it for those files.'),
      reviewIn: z.string().min(1).optional().describe('A review date this far from today (`6m`, `2w`, `90d`, `1y`), as `adr new --review-in`.'),
      force: force(z),
      dryRun: dryRun(z),
    }),
    async run(args, call) {
      const { createDecision } = await import('../new.js');
      const { cleanTitle } = await import('../../edit/templates.js');
      const { unifiedDiff } = await import('../../edit/diff.js');
      const { parseRecord } = await import('../../parse/index.js');
      const title = cleanTitle(String(args.title));
      if (!title) throw new UserError('the title is empty');
      const relations = [
        ...((args.supersedes as string[] | undefined) ?? []).map((ref) => ({ ref, kind: 'supersedes' as const })),
        ...((args.links as Array<{ ref: string; kind: Decision['links'][number]['kind'] }> | undefined) ?? []),
      ];
      const { canonicalCategory } = await import('../../parse/vocab.js');
      const outcome = await createDecision(call.ctx, {
        dir: call.dir,
        title,
        status: (args.status as Status | undefined) ?? 'proposed',
        priority: (args.priority as Priority | undefined) ?? null,
        category: typeof args.category === 'string' ? canonicalCategory(args.category) : null,
        relations,
        dialect: args.dialect as (typeof DIALECTS)[number] | undefined,
        naming: args.naming as 'date' | 'number' | undefined,
        force: args.force === true,
        appliesTo: (args.appliesTo as string[] | undefined) ?? [],
        reviewIn: args.reviewIn as string | undefined,
        dryRun: args.dryRun === true,
      });
      const d = parseRecord(outcome.file, outcome.text.replace(/^\uFEFF/, '')).decision;
      const { displayPath } = await import('../../output.js');
      return {
        file: outcome.file,
        path: displayPath(call.ctx.cwd, outcome.path),
        id: d?.id ?? null,
        title: d?.title ?? title,
        dialect: d?.dialect ?? null,
        status: d?.status ?? null,
        appliesTo: d?.appliesTo.map((g) => g.glob) ?? [],
        written: !outcome.dryRun,
        dryRun: outcome.dryRun,
        ...(outcome.dryRun ? { diff: unifiedDiff(outcome.file, '', outcome.text.replace(/^\uFEFF/, '')) } : {}),
        ...(outcome.overviewFailed ? { overviewFailed: true } : {}),
        uri: recordUri(outcome.file),
      };
    },
  },
  {
    name: 'abort',
    title: 'Abort a decision',
    description:
      'Abandons a decision with its rationale, as `adr abort` does, in the record\'s own style: the status becomes aborted with the reason, every open action item is checked off and marked aborted, an "Abort Rationale" section is added, the footer and the overview row follow. A record already aborted, rejected or superseded is refused unless `force`.',
    edit: true,
    input: (z) => ({
      ref: z.string().min(1).describe('The record: a number, id, file name or unique part of the title.'),
      reason: z.string().min(1).describe('Why the decision is abandoned.'),
      force: z.boolean().optional().describe('Abort even a record already aborted, rejected or superseded.'),
      dryRun: dryRun(z),
    }),
    async run(args, call) {
      const { abortRecord } = await import('../abort.js');
      const reason = String(args.reason).trim();
      if (!reason) throw new UserError('the reason is empty');
      const outcome = await abortRecord(call.ctx, { dir: call.dir, ref: String(args.ref), reason, force: args.force === true, dryRun: args.dryRun === true });
      return { ...outcome.json, diff: outcome.diff, report: outcome.report, ...(await overviewFailed(outcome.report)) };
    },
  },
  {
    name: 'status',
    title: 'Change the status of a decision',
    description:
      'Sets a record\'s status in its own style, as `adr status` does: the header (or Nygard\'s "## Status", MADR\'s "- Status:" or front matter), the footer and the overview row all follow; rejecting closes its open action items as aborted. For aborted use `abort` (it needs a reason), for superseded use `supersede`.',
    edit: true,
    input: (z) => ({
      ref: z.string().min(1).describe('The record: a number, id, file name or unique part of the title.'),
      status: z.enum(SETTABLE).describe('The new status.'),
      reason: z.string().optional().describe('Why (written after the status).'),
      dryRun: dryRun(z),
    }),
    async run(args, call) {
      const { setStatus } = await import('../status.js');
      const outcome = await setStatus(call.ctx, { dir: call.dir, ref: String(args.ref), status: args.status as Status, reason: (args.reason as string | undefined) ?? null, dryRun: args.dryRun === true });
      return { ...outcome.json, diff: outcome.diff, report: outcome.report, ...(await overviewFailed(outcome.report)) };
    },
  },
  {
    name: 'supersede',
    title: 'Supersede a decision by another',
    description:
      'Marks `old` as superseded by `new`, on both sides, each in its own style (as `adr supersede OLD NEW`): old\'s status becomes superseded with a link to new and its open action items are closed; new says it supersedes old; the overview follows. Running it twice changes nothing. A record has one successor: when `old` already has another, the call is refused unless `force`, which makes `new` the only one and takes the earlier record\'s `Supersedes` link out (or supersede that earlier successor instead, so the chain reads old ← earlier ← new).',
    edit: true,
    input: (z) => ({
      old: z.string().min(1).describe('The record that no longer holds.'),
      new: z.string().min(1).describe('The record that replaces it.'),
      force: force(z),
      dryRun: dryRun(z),
    }),
    async run(args, call) {
      const { relate } = await import('../shared.js');
      const outcome = await relate(call.ctx, { dir: call.dir, source: String(args.new), kind: 'supersedes', target: String(args.old), force: args.force === true, dryRun: args.dryRun === true });
      return { ...outcome.json, diff: outcome.diff, report: outcome.report, changed: outcome.changed, ...(await overviewFailed(outcome.report)) };
    },
  },
  {
    name: 'link',
    title: 'Link two decisions',
    description:
      'Links two records on both sides, each in its own style (as `adr link SRC KIND TGT`): `kind` is what `source` does to `target` (supersedes, superseded-by, amends, amended-by, relates); the target gets the reverse. Linking twice changes nothing. A supersedes / superseded-by link to a record that already has another successor is refused unless `force` (as with `supersede`).',
    edit: true,
    input: (z) => ({
      source: z.string().min(1).describe('The record that links.'),
      kind: z.enum(LINK_KINDS as unknown as [string, ...string[]]).describe('What source does to target.'),
      target: z.string().min(1).describe('The record linked to.'),
      force: force(z),
      dryRun: dryRun(z),
    }),
    async run(args, call) {
      const { relate } = await import('../shared.js');
      const outcome = await relate(call.ctx, { dir: call.dir, source: String(args.source), kind: args.kind as Decision['links'][number]['kind'], target: String(args.target), force: args.force === true, dryRun: args.dryRun === true });
      return { ...outcome.json, diff: outcome.diff, report: outcome.report, changed: outcome.changed, ...(await overviewFailed(outcome.report)) };
    },
  },
];
