/**
 * The decision model: what `adr` knows about one record and about a whole log.
 *
 * Types only. Every other layer (parse, rules, edit, cli, site) speaks in these
 * terms, so this module imports nothing.
 */

/** Canonical status words (FORMAT.md, "Vocabularies"). */
export type Status =
  | 'proposed'
  | 'accepted'
  | 'aborted'
  | 'postponed'
  | 'rejected'
  | 'deprecated'
  | 'superseded'
  | 'draft';

/** Every canonical status, in lifecycle order. */
export const STATUSES: readonly Status[] = [
  'draft',
  'proposed',
  'accepted',
  'postponed',
  'rejected',
  'aborted',
  'deprecated',
  'superseded',
];

/** Canonical priority words. */
export type Priority = 'urgent' | 'important' | 'planning' | 'none';

/** Every canonical priority, most pressing first. */
export const PRIORITIES: readonly Priority[] = ['urgent', 'important', 'planning', 'none'];

/**
 * The markdown dialect a record is written in.
 * - `summary`: the primary format (FORMAT.md §1), both generations.
 * - `nygard`: Michael Nygard / adr-tools (`# 12. Title`, `## Status`).
 * - `madr2`: MADR 2.x bullet header (`- Status: accepted`).
 * - `log4brains`: log4brains' MADR 2 variant (bullet header with `Tags`, `YYYYMMDD-` files).
 * - `madr3` / `madr4`: YAML front matter (`deciders` vs `decision-makers`).
 * - `unknown`: a markdown file with a title and nothing we recognise.
 */
export type Dialect = 'summary' | 'nygard' | 'madr2' | 'log4brains' | 'madr3' | 'madr4' | 'unknown';

/** Every dialect name. */
export const DIALECTS: readonly Dialect[] = ['summary', 'nygard', 'madr2', 'log4brains', 'madr3', 'madr4', 'unknown'];

/** A place in a file. Lines and columns are 1-based; offsets are 0-based UTF-16 indexes into the decoded text. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A span of a file. */
export interface Span {
  start: Position;
  end: Position;
}

/** The kind of a link between two records. */
export type LinkKind = 'supersedes' | 'superseded-by' | 'amends' | 'amended-by' | 'relates';

/** Every link kind. */
export const LINK_KINDS: readonly LinkKind[] = ['supersedes', 'superseded-by', 'amends', 'amended-by', 'relates'];

/** A link from one record to another file of the log. */
export interface Link {
  /** Target path relative to the log folder, POSIX separators (`2025-08-06-infra.md`, `sub/0003-x.md`). */
  target: string;
  /** The `#anchor` part, without `#`, or null. */
  anchor: string | null;
  kind: LinkKind;
  /** The link text as written (`1. Record architecture decisions`). */
  text: string;
  /** The label that gave the kind, as written (`Superseded by`), or null for a plain link. */
  label: string | null;
  line: number;
  /** Where the link's destination sits in the file, for fixes and precise diagnostics. */
  span: Span;
  /** True where the target lies outside the log folder (`../x.md`); it is reported, never followed for writing. */
  external: boolean;
  /**
   * True where no markdown link was written, only a record number (`status: superseded by ADR-0010`,
   * MADR 4's own template form): the log reader found the target by that number. `span` then covers
   * the number as written, which is no destination to rewrite.
   */
  implicit?: boolean;
  /**
   * The destination as written when it was written from the repository root (`doc/adr/0021-x.md`
   * inside doc/adr): `target` is then the record it names, which the markdown as rendered does not
   * reach (links resolve from the file's own folder).
   */
  fromRoot?: string;
  /**
   * The web address as written where the link names the record by its page on a code forge
   * (`https://github.com/o/r/blob/main/docs/adr/0003-x.md`): `target` is the record of this log at
   * that path.
   */
  url?: string;
}

/**
 * A link written as the web address of a file in a repository (GitHub, GitLab, Bitbucket, Gitea):
 * the parser sees one file and cannot tell whether it names a record of this log; the log reader
 * can, and turns it into a {@link Link} when it does.
 */
export interface WebLink {
  /** The link as a link to the path it names, `target` being that path inside the repository (`docs/adr/0003-x.md`). */
  link: Link;
  /** The repository the address names, `owner/name` (lower case), or null where the address does not say. */
  repository: string | null;
}

/**
 * A record named by its number where a link would be (`superseded by ADR-0010`): the parser sees one
 * file only, so the log reader turns it into a {@link Link} when exactly one record has that number.
 */
export interface NumberRef {
  kind: LinkKind;
  /** The record number (`ADR-0010` gives 10). */
  number: number;
  /** The reference as written (`ADR-0010`). */
  text: string;
  /** The words that gave the kind (`superseded by`). */
  label: string;
  line: number;
  span: Span;
}

/** A record that links to this one. */
export interface Backlink {
  /** The linking record's file, relative to the log. */
  file: string;
  kind: LinkKind;
  /** The anchor the link aimed at, or null. */
  anchor: string | null;
  line: number;
}

/** One action item (a GFM task-list item under an "Action Items" section). */
export interface ActionItem {
  /** The item's task, plain text: the struck-through part of a done item, without its reference. */
  text: string;
  /** What was noted after the task (`✗ ABORTED - Used proto instead`, `✅ LogFusion chosen`), plain text, or null. */
  note: string | null;
  /** The item as written after the `- [ ] ` marker. */
  raw: string;
  done: boolean;
  aborted: boolean;
  /** The horizon heading it sits under, as written (`🔴 This Week (Urgent)`), or null when ungrouped. */
  group: string | null;
  /** The horizon's canonical priority (urgent / important / planning / none), or null. */
  horizon: Priority | null;
  /** A reference to a record (`[[Topic]](file.md)`) or a placeholder (`[Topic - TBD]`). */
  ref: { text: string; target: string | null } | null;
  line: number;
  span: Span;
}

/** Where a status was declared in a record. */
export type StatusSite = 'header' | 'footer' | 'front-matter' | 'section' | 'sub-decision';

/** One declaration of a status in a record (a record may declare it more than once). */
export interface StatusDeclaration {
  /** The text as written, markdown stripped (`✗ ABORTED - Use Makefile + proto instead`). */
  text: string;
  /** Canonical word, or null when the text names no known status. */
  status: Status | null;
  /** The text after ` - ` (or in parentheses), or null. */
  reason: string | null;
  site: StatusSite;
  line: number;
  /** Span of the value (after the label) in the source. */
  span: Span;
}

/** A sub-decision of an older summary-style record (`## Monorepo Structure {#monorepo}`). */
export interface SubDecision {
  id: string;
  title: string;
  decision: string | null;
  status: Status | null;
  statusText: string | null;
  line: number;
}

/** A heading of the record, with the anchor it can be linked by. */
export interface Heading {
  depth: number;
  text: string;
  /** Explicit `{#id}` or the GitHub-style slug of the text. */
  anchor: string;
  explicit: boolean;
  line: number;
  span: Span;
}

/** How the record's bytes were stored. */
export interface EncodingInfo {
  bom: boolean;
  /** `mixed` when both LF and CRLF occur. */
  eol: 'lf' | 'crlf' | 'mixed' | 'none';
  /** The wrong decode the text went through before it was saved again, or null when clean. */
  mojibake: 'mac-roman' | 'windows-1252' | null;
  /** Lines carrying repaired text, with the mangled and the restored text. */
  repairs: Array<{ line: number; column: number; mangled: string; restored: string }>;
}

/**
 * A path pattern a record governs (`applies-to:` in front matter, `**Applies to**:` in the summary,
 * an `Applies to` line or section elsewhere): a glob relative to the repository root, with
 * .gitignore/CODEOWNERS meaning (a pattern without a slash matches a name in any folder; a leading
 * `/` anchors it; a folder covers everything below it; a leading `!` excludes).
 */
export interface AppliesTo {
  /** The glob as written, markup and quotes removed (`src/parse/**`, `!src/parse/legacy/**`). */
  glob: string;
  line: number;
  /** Where the glob sits in the file. */
  span: Span;
}

/** One decision record, read. */
export interface Decision {
  /** Path relative to the log folder, POSIX separators. */
  file: string;
  /** The record's number as a string (`0012` gives `12`), else the file stem. */
  id: string;
  /** The number, where the file name or title carries one. */
  number: number | null;
  title: string;
  dialect: Dialect;
  /** Canonical status of the record's main declaration, or null where none is declared. */
  status: Status | null;
  /** The main status declaration as written, markdown stripped, or null. */
  statusText: string | null;
  /** Text after ` - ` on the status line, or null. */
  reason: string | null;
  /** YYYY-MM-DD, or null (missing, `TBD`, or unreadable; see `dateText`). */
  date: string | null;
  dateText: string | null;
  priority: Priority | null;
  priorityText: string | null;
  /** Category words without the emoji (`Infrastructure`), or null. */
  category: string | null;
  deciders: string[];
  attendees: string[];
  consulted: string[];
  informed: string[];
  tags: string[];
  /** A one-line summary of the decision where the record states one, or null. */
  summary: string | null;
  actionItems: ActionItem[];
  links: Link[];
  backlinks: Backlink[];
  statusDeclarations: StatusDeclaration[];
  subDecisions: SubDecision[];
  headings: Heading[];
  /** Whether the record links back to the overview file. */
  overviewLink: boolean;
  /** Whether the record has an "Abort Rationale" (or similar) section. */
  abortRationale: boolean;
  /**
   * The date (YYYY-MM-DD) by which the decision is to be reviewed: front matter `review-by:`, a
   * `**Review by**:` label or the summary footer's `Next Review:`, `Review by:` under a Nygard status.
   * Null (or absent, in models built by older code) when the record names none or names no date
   * (`Next Review: Not applicable`; that text is in `reviewByText`).
   */
  reviewBy?: string | null;
  /** The review date as written, or null. */
  reviewByText?: string | null;
  /** Records named by number only (`superseded by ADR-0010`); resolved into `links` by the log reader. */
  numberRefs?: NumberRef[];
  /** Links written as web addresses of repository files; the log reader moves those naming a record of this log into `links`. */
  webLinks?: WebLink[];
  /** The paths the record governs, in the order written; empty when it names none. */
  appliesTo: AppliesTo[];
  encoding: EncodingInfo;
  /** 1-based line of each fact, by fact name (`title`, `status`, `date`, `priority`, `category`, ...). */
  lines: Record<string, number>;
}

/** An overview file (DECISIONS.md) read into rows. */
export interface OverviewRow {
  category: string | null;
  topic: string;
  /** Link target of the Topic cell, relative to the log folder, or null. */
  target: string | null;
  anchor: string | null;
  decision: string;
  date: string | null;
  priority: Priority | null;
  priorityText: string;
  status: Status | null;
  statusText: string;
  tasks: TaskState | null;
  tasksText: string;
  line: number;
}

/** The overview's Tasks column: is the decision carried out. */
export type TaskState = 'not-started' | 'queued' | 'in-progress' | 'done' | 'aborted' | 'not-applicable';

/** The overview file. */
export interface Overview {
  /** Path relative to the log folder (usually `../DECISIONS.md`). */
  file: string;
  rows: OverviewRow[];
  /** Open action items listed in the overview, each with the record it names. */
  actionItems: Array<{ text: string; target: string | null; group: string | null; line: number }>;
}
