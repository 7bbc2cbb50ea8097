/** A whole log, read: the records, the overview and what could not be read. */
import type { Decision, Overview } from './decision.js';
import type { Diagnostic } from './diagnostic.js';

/** Configuration of a log (`.adr.json`, or the `adr` key of package.json). */
export interface Config {
  /** Log folder, relative to the config file. */
  dir?: string;
  /** Overview file, relative to the log folder (default: `../DECISIONS.md` when it exists). */
  overview?: string | false;
  /** Dialect `adr new` writes (default: the log's majority, else `summary`). */
  dialect?: 'summary' | 'nygard' | 'madr2' | 'madr3' | 'madr4';
  /** File naming `adr new` uses (default: detected; `date` for a new log). */
  naming?: 'date' | 'number';
  /** The spelling written for a superseding link (`Superseded`; adr-tools logs may want `Superceded`). */
  supersededSpelling?: 'Superseded' | 'Superceded';
  /** Rule severities: `off` turns a rule off. */
  rules?: Record<string, 'error' | 'warning' | 'info' | 'off'>;
  /** Glob patterns (relative to the log folder) of files to ignore. */
  ignore?: string[];
  /** Site title. */
  title?: string;
  /**
   * URL prefix for a record's "edit this page" link on the site: the record's path from the
   * repository root is appended (or replaces `{path}`), e.g. `https://github.com/o/r/edit/main/`.
   */
  editUrl?: string;
}

/** A log read into the model. */
export interface Log {
  /** Absolute path of the log folder. */
  dir: string;
  /** Absolute path of the folder the config came from (or the log's parent). */
  root: string;
  config: Config;
  /** Where the config was read from, or null. */
  configFile: string | null;
  decisions: Decision[];
  overview: Overview | null;
  /** Problems met while reading (unreadable files, broken front matter). */
  diagnostics: Diagnostic[];
  /** Files the reader skipped because they are not records (templates, README.md, index.md). */
  skipped: string[];
}
