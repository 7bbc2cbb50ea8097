/**
 * `adr new --supersedes REF --link REF:KIND`: a new record and its relations, all or nothing. The
 * record is created (src/store/create-record.ts), then each relation is written on both sides
 * (src/store/relate.ts). When one cannot be written, the relations written before it are put back
 * and the new record is removed, so a failed command leaves the log as it found it: no record
 * claiming a link its other side never got, no half-superseded record.
 */
import { readFile, unlink } from 'node:fs/promises';
import { UserError } from '../errors.js';
import type { Decision, LinkKind, Log } from '../model/index.js';
import { confineEdit } from './apply-edit.js';
import { createRecord, type CreatedRecord, type CreateRecordOptions } from './create-record.js';
import { relateRecords, type RelateResult } from './relate.js';

/** One relation of the new record: it `kind`s `target` (`supersedes` the record `target`). */
export interface NewRelation {
  kind: LinkKind;
  target: Decision;
}

/** What {@link createRecordWithRelations} needs besides what `createRecord` needs. */
export interface CreateWithRelationsOptions extends CreateRecordOptions {
  /** The log, read before (the relations' targets are its records). */
  log: Log;
  relations: readonly NewRelation[];
  /** The clock and TZ of the dates the relation edits write. */
  ctx: { now: Date; env?: Record<string, string | undefined> };
  /** Supersede a record that has a successor already, taking the earlier claim out (`--force`). */
  force?: boolean;
}

/** What was created and written. */
export interface CreatedWithRelations {
  created: CreatedRecord;
  /** Each relation's outcome, in the order asked. */
  related: RelateResult[];
}

/**
 * Creates the record and writes every relation on both sides; on the first relation that fails,
 * puts the earlier ones back and removes the new record, then throws a UserError saying what failed
 * and that nothing was kept (or, when another process changed a file meanwhile, which file kept the
 * edit).
 */
export async function createRecordWithRelations(options: CreateWithRelationsOptions): Promise<CreatedWithRelations> {
  // The records the relations write, and the overview, lie inside their bounds: checked before the
  // new record is created, so a refusal leaves nothing to take back.
  confineEdit(options.log, options.relations.map((r) => r.target.file));
  const created = await createRecord(options);
  const related: RelateResult[] = [];
  for (const r of options.relations) {
    try {
      related.push(await relateRecords({ log: options.log, source: created.file, kind: r.kind, target: r.target, ctx: options.ctx, force: options.force }));
    } catch (error) {
      const kept: string[] = [];
      for (const done of [...related].reverse()) kept.push(...(await done.undo()));
      // The new record goes only while it holds what was created (nobody else has its name).
      const text = await readFile(created.path, 'utf8').catch(() => null);
      if (text === created.text || text === null) await unlink(created.path).catch(() => undefined);
      else kept.push(created.file);
      const what = kept.length ? `; changed meanwhile by someone else, so left as they are: ${kept.join(', ')}` : '; nothing was written';
      throw new UserError(`cannot ${r.kind} ${r.target.file}: ${(error as Error).message}${what}`);
    }
  }
  return { created, related };
}
