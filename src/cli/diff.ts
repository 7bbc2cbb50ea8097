/**
 * `adr diff [BASE]`: what this branch changes in the decision log, compared with the point where it
 * left BASE (a pull request's view): as text, JSON, or markdown for a PR comment or
 * `$GITHUB_STEP_SUMMARY`. The comparison (base, both sides, findings) is diffLog in
 * src/lint/log-diff.ts; this module parses the flags and prints.
 */
import { diffIsEmpty, diffLog, type DiffRecord, type LogDiff } from '../lint/log-diff.js';
import { printable } from '../output.js';
import { parseFlags } from './args.js';
import { colours, useColour } from './colour.js';
import { UsageError, type Command, type CommandContext } from './context.js';

const HELP = `Usage: adr diff [BASE] [options]

Examples:
  adr diff main
  adr diff origin/main --format markdown >> "$GITHUB_STEP_SUMMARY"
  adr diff v1.0 --format json | jq '.statusChanged'

What this branch changes in the decision log: records added, removed and renamed, status changes
(proposed → accepted), supersedes and other links added or removed, action items opened, closed
and aborted, and check findings introduced and resolved. The log in the work tree (uncommitted
changes included) is compared with the log where this branch left BASE (their merge base), as a
pull request is; both sides are read by the same parser and checked by the same rules.

BASE is a branch, tag or commit (main, origin/main, v2.0, HEAD~3). Default: the pull request's base
in GitHub Actions (GITHUB_BASE_REF), else origin's default branch, else main or master.

Options:
  -f, --format NAME   text (default), json, markdown (for a PR comment or $GITHUB_STEP_SUMMARY)
      --exit-code     exit 1 when the log changed (as git diff --exit-code)
      --no-cache      parse every file again instead of using the parse cache
  -d, --dir DIR       the log folder
`;

const short = (sha: string) => sha.slice(0, 7);

/** How a record is named in a line: `42  Use Kafka` or, for a date-named record, its title. */
function named(r: DiffRecord): string {
  return r.number !== null ? `${r.number}. ${r.title}` : r.title;
}

/** The diff as text for a terminal. */
export function formatDiffText(diff: LogDiff, colour: boolean): string {
  const c = colours(colour);
  const t = (s: string) => printable(s);
  const lines: string[] = [];
  const headName = `${diff.head.branch ?? (diff.head.commit ? short(diff.head.commit) : 'HEAD')}${diff.head.uncommitted ? ' (with uncommitted changes)' : ''}`;
  const basePoint = diff.base.compared === diff.base.commit ? short(diff.base.commit) : `merge base ${short(diff.base.compared)}`;
  lines.push(c.bold(`Decision log: ${t(headName)} compared with ${t(diff.base.ref)} (${basePoint})`));
  if (diffIsEmpty(diff)) {
    lines.push('', 'No changes to the decision log.');
    return `${lines.join('\n')}\n`;
  }
  const section = (title: string, body: string[]) => {
    if (body.length === 0) return;
    lines.push('', c.bold(title), ...body.map((l) => `  ${l}`));
  };
  section(`Added (${diff.added.length})`, diff.added.map((r) => `${c.green('+')} ${t(named(r))}  ${c.dim(`${r.status ?? 'no status'} · ${t(r.file)}`)}`));
  section(`Removed (${diff.removed.length})`, diff.removed.map((r) => `${c.red('-')} ${t(named(r))}  ${c.dim(`${r.status ?? 'no status'} · ${t(r.file)}`)}`));
  section(`Renamed (${diff.renamed.length})`, diff.renamed.map((r) => `${t(r.from)} → ${t(r.to)}  ${c.dim(t(r.record.title))}`));
  section(
    `Status changes (${diff.statusChanged.length})`,
    diff.statusChanged.map((s) => `${t(named(s.record))}: ${c.dim(s.from ?? 'none')} → ${c.bold(s.to ?? 'none')}`),
  );
  section(
    `Relations added (${diff.relationsAdded.length})`,
    diff.relationsAdded.map((l) => `${t(named(l.record))} ${c.cyan(l.kind)} ${t(l.targetTitle ?? l.target)} ${c.dim(`(${t(l.target)})`)}`),
  );
  section(
    `Relations removed (${diff.relationsRemoved.length})`,
    diff.relationsRemoved.map((l) => `${t(named(l.record))} ${c.cyan(l.kind)} ${t(l.targetTitle ?? l.target)} ${c.dim(`(${t(l.target)})`)}`),
  );
  const items = [
    ...diff.actionItems.opened.map((i) => `${c.yellow('opened ')} ${t(i.text)}  ${c.dim(`${t(named(i.record))} · ${t(i.record.file)}:${i.line}`)}`),
    ...diff.actionItems.closed.map((i) => `${c.green('closed ')} ${t(i.text)}  ${c.dim(`${t(named(i.record))} · ${t(i.record.file)}:${i.line}`)}`),
    ...diff.actionItems.aborted.map((i) => `${c.red('aborted')} ${t(i.text)}  ${c.dim(`${t(named(i.record))} · ${t(i.record.file)}:${i.line}`)}`),
  ];
  section(`Action items (${items.length})`, items);
  const sev = (s: string) => (s === 'error' ? c.red(s) : s === 'warning' ? c.yellow(s) : c.cyan(s));
  section(
    `Check findings introduced (${diff.findings.introduced.length})`,
    diff.findings.introduced.map((f) => `${sev(f.severity)} ${t(f.file)}:${f.line} ${t(f.message)} ${c.dim(f.rule)}`),
  );
  section(
    `Check findings resolved (${diff.findings.resolved.length})`,
    diff.findings.resolved.map((f) => `${c.dim(f.severity)} ${t(f.file)} ${t(f.message)} ${c.dim(f.rule)}`),
  );
  for (const note of diff.notes) lines.push('', c.dim(`note: ${t(note)}`));
  return `${lines.join('\n')}\n`;
}

/**
 * Text made safe inside markdown (a PR comment, a step summary): one line, markup characters
 * escaped, HTML and @-mentions defused (a record titled `@team` must not ping anyone).
 */
export function mdText(text: string): string {
  return printable(text.replace(/\s+/g, ' ').trim())
    .replace(/[\\`*_[\]{}()<>#+!|~]/g, '\\$&')
    .replace(/@(?=\w)/g, '@\u200b');
}

/** `a, b and c`. */
function counted(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The diff as GitHub-flavoured markdown, for a PR comment or the job summary. */
export function formatDiffMarkdown(diff: LogDiff): string {
  const md = mdText;
  const code = (s: string) => `\`${printable(s).replace(/`/g, "'")}\``;
  const name = (r: DiffRecord) => `${r.number !== null ? `${r.number}. ` : ''}${md(r.title)}`;
  const lines: string[] = [];
  const parts: string[] = [];
  if (diff.added.length) parts.push(plural(diff.added.length, 'record') + ' added');
  if (diff.removed.length) parts.push(plural(diff.removed.length, 'record') + ' removed');
  if (diff.renamed.length) parts.push(plural(diff.renamed.length, 'record') + ' renamed');
  if (diff.statusChanged.length) parts.push(plural(diff.statusChanged.length, 'status change'));
  const rel = diff.relationsAdded.length + diff.relationsRemoved.length;
  if (rel) parts.push(plural(rel, 'relation') + ' changed');
  const itemCount = diff.actionItems.opened.length + diff.actionItems.closed.length + diff.actionItems.aborted.length;
  if (itemCount) parts.push(plural(itemCount, 'action item') + ' changed');
  if (diff.findings.introduced.length) parts.push(plural(diff.findings.introduced.length, 'finding') + ' introduced');
  if (diff.findings.resolved.length) parts.push(plural(diff.findings.resolved.length, 'finding') + ' resolved');
  lines.push(`### Decision log changes`, '');
  const point = diff.base.compared === diff.base.commit ? code(short(diff.base.commit)) : `merge base ${code(short(diff.base.compared))}`;
  lines.push(`Compared with ${code(diff.base.ref)} (${point})${diff.head.uncommitted ? ', uncommitted changes included' : ''}: ${parts.length ? counted(parts) : 'no changes'}.`);
  if (diffIsEmpty(diff)) return `${lines.join('\n')}\n`;
  if (diff.added.length || diff.removed.length || diff.renamed.length || diff.statusChanged.length) {
    lines.push('', '| | Record | Status | File |', '| --- | --- | --- | --- |');
    for (const r of diff.added) lines.push(`| ➕ added | ${name(r)} | ${r.status ?? '—'} | ${code(r.file)} |`);
    for (const r of diff.removed) lines.push(`| ➖ removed | ${name(r)} | ${r.status ?? '—'} | ${code(r.file)} |`);
    for (const r of diff.renamed) lines.push(`| 🔀 renamed | ${name(r.record)} | ${r.record.status ?? '—'} | ${code(r.from)} → ${code(r.to)} |`);
    for (const s of diff.statusChanged) lines.push(`| 🔄 status | ${name(s.record)} | ${s.from ?? '—'} → **${s.to ?? '—'}** | ${code(s.record.file)} |`);
  }
  if (rel) {
    lines.push('', '**Relations**', '');
    for (const l of diff.relationsAdded) lines.push(`- ➕ ${name(l.record)} *${l.kind}* ${md(l.targetTitle ?? l.target)} (${code(l.target)})`);
    for (const l of diff.relationsRemoved) lines.push(`- ➖ ${name(l.record)} *${l.kind}* ${md(l.targetTitle ?? l.target)} (${code(l.target)})`);
  }
  if (itemCount) {
    lines.push('', '**Action items**', '');
    for (const i of diff.actionItems.opened) lines.push(`- [ ] ${md(i.text)} — ${name(i.record)}`);
    for (const i of diff.actionItems.closed) lines.push(`- [x] ${md(i.text)} — ${name(i.record)} (closed)`);
    for (const i of diff.actionItems.aborted) lines.push(`- [x] ~~${md(i.text)}~~ — ${name(i.record)} (aborted)`);
  }
  if (diff.findings.introduced.length || diff.findings.resolved.length) {
    lines.push('', '**Check findings**', '');
    const icon = (s: string) => (s === 'error' ? '❌' : s === 'warning' ? '⚠️' : 'ℹ️');
    for (const f of diff.findings.introduced) lines.push(`- ${icon(f.severity)} introduced: ${code(`${f.file}:${f.line}`)} ${md(f.message)} (${code(f.rule)})`);
    for (const f of diff.findings.resolved) lines.push(`- ✅ resolved: ${code(f.file)} ${md(f.message)} (${code(f.rule)})`);
  }
  for (const note of diff.notes) lines.push('', `> ${md(note)}`);
  return `${lines.join('\n')}\n`;
}

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags('diff', argv, { format: { type: 'string', short: 'f' }, 'exit-code': { type: 'boolean' }, 'no-cache': { type: 'boolean' } }, 1);
  const format = (values.format as string | undefined) ?? 'text';
  if (!['text', 'json', 'markdown', 'md'].includes(format)) throw new UsageError(`unknown format '${format}' (expected text, json, markdown)`, 'diff');
  const { RULES } = await import('../rules/index.js');
  const diff = await diffLog({ cwd: ctx.cwd, dir: values.dir as string | undefined, env: ctx.env, now: ctx.now, base: positionals[0], rules: RULES, cache: !values['no-cache'] });
  if (format === 'json') ctx.stdout.write(`${JSON.stringify(diff, null, 2)}\n`);
  else if (format === 'markdown' || format === 'md') ctx.stdout.write(formatDiffMarkdown(diff));
  else {
    for (const note of diff.notes) ctx.stderr.write(`adr diff: ${note}\n`);
    ctx.stdout.write(formatDiffText({ ...diff, notes: [] }, useColour(ctx.stdout, ctx.env)));
  }
  return values['exit-code'] && !diffIsEmpty(diff) ? 1 : 0;
}

/** The `adr diff` command. */
export const command: Command = {
  summary: 'what a branch changes in the log: records, statuses, links, items, findings',
  help: HELP,
  run,
};
