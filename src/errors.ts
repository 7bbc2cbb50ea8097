/**
 * The two kinds of failure a person can act on, shared by every layer: the entry point turns
 * UsageError into exit 2 with help and UserError into a one-line message and exit 1.
 */

/** Thrown for bad flags or arguments: the entry point prints it with the command's help and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help to show, or null for the top-level help. */
    readonly command: string | null = null,
    /** False when the message says all there is (a "did you mean" for a typo): no help after it. */
    readonly showHelp = true,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Thrown for a failure the user can fix (unknown REF, no log found): printed without a stack, exit 1. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
