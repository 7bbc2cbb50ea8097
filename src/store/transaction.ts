/**
 * One safe edit of one file: splice, verify by re-reading, check nobody changed the file meanwhile,
 * write atomically with the byte-order mark kept. The unit every `adr` command that changes a
 * record goes through.
 *
 * This module touches the disk through `store/write.ts` (a leaf module with no other project
 * imports), so the one-way layering is kept apart from that single utility.
 */
import { readFile } from 'node:fs/promises';
import { encodeText } from '../parse/encoding.js';
import { writeFileAtomic, type Where } from './write.js';
import { unifiedDiff } from '../edit/diff.js';
import { applyEdits, type Splice } from '../edit/splice.js';

/** Why {@link editFile} refused to write. */
export type EditFailure = 'verify' | 'changed' | 'edits';

/** Thrown by {@link editFile} when it writes nothing; the message names the file and the reason. */
export class EditError extends Error {
  /** The file that was not written. */
  readonly file: string;
  readonly kind: EditFailure;
  constructor(file: string, kind: EditFailure, message: string) {
    super(message);
    this.name = 'EditError';
    this.file = file;
    this.kind = kind;
  }
}

/** What {@link editFile} needs. */
export interface EditFileOptions {
  /** The file on disk. */
  path: string;
  /** Its decoded text as read (BOM removed): the text the edit offsets refer to. */
  text: string;
  /** Whether the file started with a UTF-8 BOM (kept in the written file). */
  bom: boolean;
  edits: ReadonlyArray<Splice>;
  /**
   * Re-reads the edited text (usually by parsing it) and returns null when it reads as intended,
   * else the reason it does not. Nothing is written when it returns a reason.
   */
  verify: (after: string) => string | null;
  /** Compute and verify everything but write nothing (for `--dry-run`). */
  dryRun?: boolean;
  /** The name the diff shows (default: `path`). */
  displayName?: string;
  /** Where the file may be written: the log's bounds for a record, the repository's for the overview. */
  where: Where;
}

/** What {@link editFile} did (or, with `dryRun`, would do). */
export interface EditFileResult {
  before: string;
  after: string;
  /** Unified diff of the change; empty when the edits change nothing. */
  diff: string;
  /** Whether the file was written (false for dry runs and for edits that change nothing). */
  written: boolean;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/**
 * Apply `edits` to `text` (read from `path`), verify the result, and write it atomically.
 *
 * Throws an {@link EditError} and writes nothing when the edits are invalid (overlap, out of
 * range), when `verify` returns a reason, or when the file on disk no longer holds exactly the
 * bytes `text` was decoded from ("changed on disk while editing, not written"). An edit that
 * changes nothing writes nothing.
 */
export async function editFile(options: EditFileOptions): Promise<EditFileResult> {
  const { path, text: before, bom, edits, verify, dryRun = false } = options;
  const name = options.displayName ?? path;
  let after: string;
  try {
    after = applyEdits(before, edits);
  } catch (err) {
    throw new EditError(path, 'edits', `${name}: ${(err as Error).message}; not written`);
  }
  const reason = verify(after);
  if (reason !== null) throw new EditError(path, 'verify', `${name}: ${reason}; not written`);
  const diff = unifiedDiff(name, before, after);
  if (dryRun || after === before) return { before, after, diff, written: false };

  let onDisk: Uint8Array;
  try {
    onDisk = await readFile(path);
  } catch (err) {
    throw new EditError(path, 'changed', `${name}: changed on disk while editing (${(err as Error).message}), not written`);
  }
  if (!sameBytes(onDisk, encodeText(before, { bom }))) {
    throw new EditError(path, 'changed', `${name}: changed on disk while editing, not written`);
  }
  await writeFileAtomic(path, encodeText(after, { bom }), options.where);
  return { before, after, diff, written: true };
}
