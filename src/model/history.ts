/**
 * What `adr` learns about a log from the repository it lives in: who changed a record's status
 * and when, where a record was called before it was renamed or renumbered. Types only.
 */
import type { Status } from './decision.js';

/** One commit, as a record's history names it. */
export interface CommitInfo {
  /** Full object name. */
  sha: string;
  /** Author name and e-mail, as recorded in the commit. */
  author: string;
  email: string;
  /** Author date, ISO 8601 with the author's offset (`2026-03-01T10:12:00+01:00`). */
  date: string;
  /** The first line of the commit message. */
  subject: string;
}

/**
 * One change of a record's status: the commit that wrote `to` where its parent had `from`
 * (`from` null: the record was added with that status). An uncommitted change in the working
 * tree has `commit` null.
 */
export interface StatusChange {
  commit: CommitInfo | null;
  /** The record's file at that commit, relative to the log folder (it may have been renamed since). */
  file: string;
  /** True where the change is the record's creation (added with status `to`). */
  added: boolean;
  from: Status | null;
  to: Status | null;
  /** The statuses as written (markdown stripped), or null. */
  fromText: string | null;
  toText: string | null;
}

/** A rename of a record's file, as git recorded it (a renumber, a re-slug, a move). */
export interface FileRename {
  from: string;
  to: string;
  commit: CommitInfo | null;
}

/** A record's life in the repository. */
export interface RecordHistory {
  /** The record's file now, relative to the log folder. */
  file: string;
  /** The commit that added the file (following renames), or null when not known (not committed yet, or before a shallow clone's horizon). */
  created: CommitInfo | null;
  /** The latest commit that changed the file, or null when it was never committed. */
  updated: CommitInfo | null;
  /** Every status change, oldest first. */
  changes: StatusChange[];
  /** Renames, oldest first. */
  renames: FileRename[];
  /** Whether the working tree's file differs from the last commit's. */
  uncommitted: boolean;
  /** False when the history is cut short (a shallow clone): `created` and the first changes may be missing. */
  complete: boolean;
}

/**
 * A record renumbered (or renamed) by `adr renumber`: its old file and its new one, so the site
 * can keep a page at the old address that points to the new one. Kept in the log's
 * `.adr-renames.json`; chains are collapsed (a record renumbered twice keeps both old names, each
 * pointing to the newest).
 */
export interface RecordRename {
  /** The old file, relative to the log folder. */
  from: string;
  /** The record's file now, relative to the log folder. */
  to: string;
  fromNumber: number | null;
  toNumber: number | null;
  /** The day of the renumbering, YYYY-MM-DD. */
  date: string;
}

/** A numbered record of the base branch, as `adr check --base` compares with it. */
export interface BaseRecord {
  /** File relative to the log folder. */
  file: string;
  number: number;
  /** The commit that added it on the base after this branch left it, or null when it was there already. */
  addedSince: CommitInfo | null;
}

/**
 * What the base branch of a change holds, for the rules that compare with it (`id-taken-on-base`,
 * `applies-to-retired`): its numbered records, which of this side's records are new since the two
 * sides parted, and which files this side changed since then.
 */
export interface BaseSnapshot {
  /** The ref as given (`origin/main`). */
  ref: string;
  /** The commit it names. */
  commit: string;
  /** Where this side left the base, or null when git cannot tell (a shallow clone). */
  mergeBase: string | null;
  records: BaseRecord[];
  /**
   * Files of this side (relative to the log folder) that are not on the merge base: added or
   * renamed here. Without a merge base, the files the base's tip does not have.
   */
  addedHere: string[];
  /**
   * Every file this side changed since it left the base (repository paths: committed, staged, not
   * staged, and new files git does not ignore; both sides of a rename), for `applies-to-retired`.
   * Null or absent when there is no merge base to compare with (a shallow clone).
   */
  changed?: string[] | null;
}
