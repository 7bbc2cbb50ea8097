/**
 * The files of a log as the rules and the fixes read them: each file's decoded text, read lazily
 * and once, and whether a path exists. It notes what it read and probed, so the check result cache
 * (src/store/result-cache.ts) can stamp every input of a result.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Log } from '../model/index.js';
import { decodeBytes } from '../parse/encoding.js';
import type { SourceText } from './rule.js';

/** What the rules read beyond the records. */
export interface ReadTrace {
  /** Absolute paths of files read through `source`. */
  read: Set<string>;
  /** Absolute paths asked about through `exists` (other than the log's own files), with the answer. */
  probes: Map<string, boolean>;
}

/** A log's files for the rules: `source` and `exists` of the rule context, and what they read. */
export interface LogSource {
  /** The decoded text of a file relative to the log folder (`../DECISIONS.md` works), or null when unreadable. */
  source(file: string): SourceText | null;
  /** Whether a path relative to the log folder exists. */
  exists(file: string): boolean;
  /** Drops the texts read so far (after a fix wrote some of them). */
  forget(): void;
  trace: ReadTrace;
}

/** Reads files of `log` lazily (and once) for rules and fixes, and notes what it read. */
export function logSource(log: Pick<Log, 'dir' | 'decisions' | 'skipped'>): LogSource {
  const cache = new Map<string, SourceText | null>();
  const trace: ReadTrace = { read: new Set(), probes: new Map() };
  // Files the reader saw exist; only other paths cost a stat.
  const known = new Set([...log.decisions.map((d) => d.file), ...log.skipped]);
  return {
    trace,
    source(file) {
      if (cache.has(file)) return cache.get(file)!;
      let result: SourceText | null = null;
      trace.read.add(resolve(log.dir, file));
      try {
        const decoded = decodeBytes(readFileSync(resolve(log.dir, file)));
        if (decoded.ok) result = { text: decoded.text, bom: decoded.bom };
      } catch {
        result = null;
      }
      cache.set(file, result);
      return result;
    },
    exists(file) {
      if (known.has(file)) return true;
      const abs = resolve(log.dir, file);
      const found = existsSync(abs);
      trace.probes.set(abs, found);
      return found;
    },
    forget() {
      cache.clear();
    },
  };
}
