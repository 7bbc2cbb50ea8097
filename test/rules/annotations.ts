/**
 * Expected findings written into a fixture log next to the line they are about, in the manner of
 * markdownlint's annotated test files (test/fixtures/rules/README.md describes the form):
 *
 *     Date: 2016-13
 *     <!-- adr-expect date-invalid 1: Invalid date `2016-13`, expected a real calendar date … -->
 *
 * An annotation is a whole line of its own and is about the nearest line above it that is not an
 * annotation. The test reads the log with every annotation line taken out (its line ending too), so
 * the parser sees exactly the markdown without them: an annotation can neither shift a line number
 * nor hide a bug by changing what a section, a table or a status line holds. Lines are cut as bytes
 * (annotations are ASCII apart from their message), so a fixture in another encoding, with a BOM or
 * with CRLF endings stays byte for byte what it was.
 */
import { Buffer } from 'node:buffer';

/** One expected finding: the file it is in (as the annotated file's path), its line, column, rule and message. */
export interface Expectation {
  line: number;
  column: number;
  rule: string;
  message: string;
}

/** The start of every annotation; a line holding it in any other shape is an error, not markdown. */
export const MARKER = 'adr-expect';

const ANNOTATION = /^<!-- adr-expect ([a-z]+(?:-[a-z]+)*) (\d+): (.+) -->(\r?\n)?$/;

/**
 * Takes the annotations out of a fixture file's bytes: the bytes the parser is to see, and what the
 * annotations expect (lines counted in those bytes). Throws on a malformed annotation or one with no
 * line above it to be about.
 */
export function stripAnnotations(bytes: Uint8Array, name: string): { bytes: Buffer; expected: Expectation[] } {
  // latin1 maps each byte to one code unit and back, whatever the file's encoding is.
  const text = Buffer.from(bytes).toString('latin1');
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const kept: string[] = [];
  const expected: Expectation[] = [];
  for (const [i, line] of lines.entries()) {
    if (!line.includes(MARKER)) {
      kept.push(line);
      continue;
    }
    const m = ANNOTATION.exec(line);
    if (!m) throw new Error(`${name}:${i + 1}: malformed annotation, expected \`<!-- ${MARKER} RULE COLUMN: MESSAGE -->\` on a line of its own`);
    if (kept.length === 0) throw new Error(`${name}:${i + 1}: an annotation is about the line above it, and there is none`);
    expected.push({ line: kept.length, column: Number(m[2]), rule: m[1], message: Buffer.from(m[3], 'latin1').toString('utf8') });
  }
  return { bytes: Buffer.from(kept.join(''), 'latin1'), expected };
}

/** The annotation line stating a finding (what a person writes under the line it is about). */
export function annotation(rule: string, column: number, message: string): string {
  return `<!-- ${MARKER} ${rule} ${column}: ${message} -->`;
}
