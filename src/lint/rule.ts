/**
 * The shape of a check rule and what it sees while it runs.
 *
 * A rule is a plain object (markdownlint's rule objects, ESLint's `meta` + `create`, folded into one):
 * an id equal to its file name, a default severity, a one-paragraph doc, and examples in the style of
 * remark-lint's ok / not-ok docs and ESLint's RuleTester valid / invalid tables. The examples are small
 * in-memory logs; test/rules/examples.test.ts runs every one of them through the real parser and holds
 * each not-ok example to the findings and fixed output it states, so a rule's documentation cannot
 * drift from its behaviour.
 */
import type { BaseSnapshot, Decision, Log, Severity, Span, Fix } from '../model/index.js';

/** A small in-memory log: record files (relative to the log folder) and, optionally, the overview file. */
export interface RuleExample {
  /** Record file name (relative to the log folder) to its markdown. */
  files: Record<string, string>;
  /** The overview file's markdown (read as `../DECISIONS.md`), when the example needs one. */
  overview?: string;
  /** Other files that exist in the log but are not records (images, templates), by path relative to the log folder. */
  assets?: string[];
  /** What the example shows, one line (rendered in the docs). */
  note?: string;
  /** The repository's files (paths relative to its root), for rules about `applies-to` globs. */
  repo?: string[];
  /** The files a change touches (repository paths), as `adr check --base REF` gives them. */
  changed?: string[];
  /** The base branch the example is checked against (`adr check --base`), for the rules that compare with one. */
  base?: BaseSnapshot;
  /**
   * not-ok: every finding of the rule, in the order reported (ESLint RuleTester's `errors`): the file
   * (relative to the log folder), line, column and message. test/rules/examples.test.ts holds the
   * rule to exactly these.
   */
  findings?: ExpectedFinding[];
  /**
   * not-ok, when the findings carry fixes: every file the fixes change, as it reads after one pass of
   * them (RuleTester's `output`); files not named stay as they are.
   */
  output?: Record<string, string>;
}

/** A finding an example states: where it is and what it says. */
export interface ExpectedFinding {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** The source of a file as stored: decoded text (BOM removed) and whether a BOM was there. */
export interface SourceText {
  text: string;
  bom: boolean;
}

/** What a rule can look at: the log, the clock and, lazily, the files' text (only fixes need it). */
export interface RuleContext {
  log: Log;
  /** The current time (`date-future` uses it); fixed in tests. */
  now: Date;
  /** The calendar day a fix writes (`localDate` of `now` in the zone TZ names, else UTC). */
  today: string;
  /** Records by file (relative to the log folder). */
  byFile: ReadonlyMap<string, Decision>;
  /** The decoded text of a file relative to the log folder (`../DECISIONS.md` works), or null when unreadable. */
  source(file: string): SourceText | null;
  /** Whether a path relative to the log folder exists (records, images, anything). */
  exists(file: string): boolean;
  /**
   * Every file of the repository holding the log (paths relative to its root, `/`-separated), listed
   * on first call; null when unknown. Optional: a context without it knows no repository.
   */
  repoFiles?(): readonly string[] | null;
  /** The files the change under review touches (repository paths; `adr check --base REF`), or null. */
  changedFiles?: readonly string[] | null;
  /** The base branch (`adr check --base REF`), or undefined when the check compares with none. */
  base?: BaseSnapshot;
  /** Whether the rule `id` runs in this check (not `off` in the config, not left out by `--rule`). */
  runs(id: string): boolean;
}

/** One problem as a rule reports it; the engine adds the rule id and the configured severity. */
export interface Problem {
  file: string;
  /** 1-based; defaults to 1. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** A span of the file; takes precedence over line/column. */
  span?: Span;
  message: string;
  related?: Array<{ file: string; line: number; message: string }>;
  fix?: Fix;
  /** A milder severity for this problem than the rule's default; ignored when the config sets the rule's severity. */
  severity?: 'warning' | 'info';
}

/** The callback a rule reports problems through. */
export type Report = (problem: Problem) => void;

/** A check rule. */
export interface Rule {
  /** Kebab-case id, equal to the file name under src/rules/. */
  id: string;
  /** Severity when the config does not set one. */
  severity: Severity;
  /** One line for tables (`adr check --list-rules`, SARIF shortDescription). */
  summary: string;
  /** One paragraph: what the rule catches, why it matters, when it stays silent. */
  description: string;
  /** Documentation link, when the rule has a page of its own. */
  url?: string;
  /** Whether some of its problems carry a safe fix. */
  fixable: boolean;
  /** ok: logs the rule must stay silent on; notOk: logs it must report at least one problem in. */
  examples: { ok: RuleExample[]; notOk: RuleExample[] };
  /** Looks at the log and reports problems. Must not throw for odd input; the engine catches if it does. */
  check(context: RuleContext, report: Report): void;
}
