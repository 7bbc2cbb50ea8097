/**
 * The shape of every problem `adr` reports, from the parser and from the rules.
 * Modelled on vfile-message: a position, a rule id, a url, related locations.
 */

/** How bad a diagnostic is. `error` fails CI; `warning` fails only past `--max-warnings`. */
export type Severity = 'error' | 'warning' | 'info';

/** A replacement of a span of a file's text: the unit every safe fix is made of. */
export interface TextEdit {
  /** File relative to the log folder (may start with `../` for the overview). */
  file: string;
  /** 0-based offsets into the decoded text (BOM excluded). */
  start: number;
  end: number;
  text: string;
}

/** A safe fix attached to a diagnostic. */
export interface Fix {
  /** What the fix does, for `--fix` output (`restore 12 mangled characters`). */
  description: string;
  edits: TextEdit[];
  /**
   * The edit is part of what `adr overview` writes (src/store/overview-judge.ts): it may add or take
   * out rows and items, so the overview is verified by the judge, not by counting them.
   */
  inStep?: boolean;
}

/** One problem found in a log. */
export interface Diagnostic {
  /** File relative to the log folder, POSIX separators. */
  file: string;
  /** 1-based; 1 when the problem concerns the whole file. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Rule id (`status-mismatch`), or `parse` for a file that could not be read. */
  rule: string;
  severity: Severity;
  /** One sentence a person can act on. */
  message: string;
  /** Other places that explain the problem (the conflicting declaration, the linking record). */
  related?: Array<{ file: string; line: number; message: string }>;
  fix?: Fix;
}
