/**
 * Every question `adr` asks, behind one module (node:readline/promises, no dependency).
 *
 * Commands call these only when `ctx.interactive` is true; these refuse otherwise, so a
 * command run in CI or with piped input can never hang waiting for an answer.
 */
import { createInterface } from 'node:readline/promises';
import type { CommandContext } from './context.js';

/** Thrown when a prompt is attempted without a terminal: a programming error, never a hang. */
export class NotInteractiveError extends Error {
  constructor(question: string) {
    super(`cannot ask '${question}': not running in a terminal`);
    this.name = 'NotInteractiveError';
  }
}

/**
 * Asks one free-text question; resolves to the trimmed answer, or `fallback` for an empty one.
 * End of input (Ctrl-D) resolves to `fallback` as well.
 */
export async function ask(ctx: CommandContext, question: string, fallback = ''): Promise<string> {
  if (!ctx.interactive) throw new NotInteractiveError(question);
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
    const hint = fallback ? ` (${fallback})` : '';
    const answer = await Promise.race([rl.question(`${question}${hint}: `), closed]);
    return answer.trim() || fallback;
  } finally {
    rl.close();
  }
}

/**
 * Asks the user to pick one of `choices` by number or by typing its start; an empty answer
 * picks nothing (null). Asks again, up to three times, for an answer that matches nothing.
 */
export async function choose<T extends string>(
  ctx: CommandContext,
  question: string,
  choices: ReadonlyArray<{ value: T; label: string }>,
): Promise<T | null> {
  if (!ctx.interactive) throw new NotInteractiveError(question);
  const menu = choices.map((c, i) => `  ${i + 1}. ${c.label}`).join('\n');
  ctx.stderr.write(`${question}\n${menu}\n`);
  for (let tries = 0; tries < 3; tries++) {
    const answer = (await ask(ctx, 'choice (number, or Enter to skip)')).toLowerCase();
    if (!answer) return null;
    const index = Number(answer);
    if (Number.isInteger(index) && index >= 1 && index <= choices.length) return choices[index - 1].value;
    const match = choices.filter((c) => c.value.toLowerCase().startsWith(answer) || c.label.toLowerCase().includes(answer));
    if (match.length === 1) return match[0].value;
    ctx.stderr.write(`'${answer}' is not one of the choices\n`);
  }
  return null;
}
