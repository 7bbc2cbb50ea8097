/**
 * Things the store did on its own that a person should hear about (a half-done renumber finished
 * by the next command). The store has no output stream; the entry point prints what is queued here
 * to the command's stderr once the command has run.
 */

const queue: string[] = [];

/** Queues a one-line notice. */
export function notice(text: string): void {
  queue.push(text);
}

/** The notices queued so far, emptying the queue. */
export function takeNotices(): string[] {
  return queue.splice(0, queue.length);
}
