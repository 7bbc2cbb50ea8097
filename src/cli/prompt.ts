/**
 * Every question `adr` asks, behind one module (node:readline, no dependency).
 *
 * Commands call these only when `ctx.interactive` is true; these refuse otherwise, so a
 * command run in CI or with piped input can never hang waiting for an answer. Answers are read
 * as lines from one queue per session, so answers typed (or piped, in tests) ahead of their
 * question are not lost.
 */
import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import type { CommandContext } from './context.js';

/** Thrown when a prompt is attempted without a terminal: a programming error, never a hang. */
export class NotInteractiveError extends Error {
  constructor(question: string) {
    super(`cannot ask '${question}': not running in a terminal`);
    this.name = 'NotInteractiveError';
  }
}

interface Session {
  rl: Interface;
  lines: string[];
  waiting: Array<(line: string | null) => void>;
  closed: boolean;
}

let input: NodeJS.ReadableStream = process.stdin;
let session: Session | null = null;

/** Reads answers from `stream` instead of stdin (tests); closes any open session. */
export function usePromptInput(stream: NodeJS.ReadableStream): void {
  closePrompts();
  input = stream;
}

/** Ends the prompt session (releases stdin). Safe to call when none is open. */
export function closePrompts(): void {
  if (!session) return;
  session.closed = true;
  session.rl.close();
  for (const resolve of session.waiting.splice(0)) resolve(null);
  session = null;
}

function open(ctx: CommandContext): Session {
  if (session) return session;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      ctx.stderr.write(String(chunk));
      callback();
    },
  });
  const rl = createInterface({ input, output, terminal: Boolean((input as { isTTY?: boolean }).isTTY) });
  const s: Session = { rl, lines: [], waiting: [], closed: false };
  rl.on('line', (line) => {
    const next = s.waiting.shift();
    if (next) next(line);
    else s.lines.push(line);
  });
  rl.on('close', () => {
    s.closed = true;
    for (const resolve of s.waiting.splice(0)) resolve(null);
  });
  session = s;
  return s;
}

/**
 * Asks one free-text question; resolves to the trimmed answer, or `fallback` for an empty one.
 * End of input (Ctrl-D) resolves to `fallback` as well.
 */
export async function ask(ctx: CommandContext, question: string, fallback = ''): Promise<string> {
  if (!ctx.interactive) throw new NotInteractiveError(question);
  const s = open(ctx);
  ctx.stderr.write(`${question}${fallback ? ` (${fallback})` : ''}: `);
  const line = s.lines.length ? s.lines.shift()! : s.closed ? null : await new Promise<string | null>((resolve) => s.waiting.push(resolve));
  if (line === null) ctx.stderr.write('\n');
  return (line ?? '').trim() || fallback;
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
