/**
 * Every question `adr` asks, behind one module (node:readline, no dependency).
 *
 * Commands call these only when `ctx.interactive` is true; these refuse otherwise, so a
 * command run in CI or with piped input can never hang waiting for an answer.
 *
 * One session (one readline interface) serves all the questions of a command, so answers typed
 * (or piped, in tests) ahead of their question are not lost. On a terminal readline puts stdin in
 * raw mode: Ctrl-C then arrives as a key (readline's 'SIGINT' event), not as a signal, and Ctrl-D
 * on an empty line as the end of input. Both end the session through one path: every pending and
 * later question rejects with {@link PromptCancelled}, which the entry point turns into one line
 * and exit 130. Commands ask everything before they write anything, so a cancel never leaves a
 * half-done change behind.
 */
import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import { UserError } from '../errors.js';
import type { CommandContext } from './context.js';

/** Thrown when a prompt is attempted without a terminal: a programming error, never a hang. */
export class NotInteractiveError extends Error {
  constructor(question: string) {
    super(`cannot ask '${question}': not running in a terminal`);
    this.name = 'NotInteractiveError';
  }
}

/** The exit code of a command cancelled at a prompt: the shell's code for an interrupt (128 + SIGINT). */
export const CANCELLED_EXIT = 130;

/**
 * Ctrl-C or end of input (Ctrl-D) at a prompt. A UserError, so the entry point prints its one line
 * (`adr new: cancelled; nothing was written`) and exits with {@link CANCELLED_EXIT}.
 */
export class PromptCancelled extends UserError {
  constructor(readonly how: 'interrupt' | 'end of input') {
    super('cancelled; nothing was written', CANCELLED_EXIT);
    this.name = 'PromptCancelled';
  }
}

interface Waiter {
  resolve(line: string): void;
  reject(error: Error): void;
}

interface Session {
  rl: Interface;
  terminal: boolean;
  lines: string[];
  waiting: Waiter[];
  /** Why the session ended, once it has: a cancel, or `closed` by the command itself. */
  ended: 'interrupt' | 'end of input' | 'closed' | null;
  stderr: CommandContext['stderr'];
}

let input: NodeJS.ReadableStream = process.stdin;
let session: Session | null = null;

/** Reads answers from `stream` instead of stdin (tests); closes any open session. */
export function usePromptInput(stream: NodeJS.ReadableStream): void {
  closePrompts();
  input = stream;
}

/**
 * Ends the prompt session: releases stdin and puts the terminal back in cooked mode. Commands
 * call it when their questions are done (and in `finally`); safe to call when none is open.
 */
export function closePrompts(): void {
  const s = session;
  if (!s) return;
  session = null;
  if (s.ended !== null) return;
  s.ended = 'closed';
  s.rl.close();
}

/**
 * Ends the session as cancelled: every pending question rejects (after a line break, since the
 * cursor sits after the question). The session stays current, so later questions reject too,
 * except that answers already typed ahead of an end of input are still given out.
 */
function cancel(s: Session, how: 'interrupt' | 'end of input'): void {
  if (s.ended !== null) return;
  s.ended = how;
  if (how === 'interrupt') s.lines.length = 0;
  if (s.waiting.length) s.stderr.write('\n');
  for (const waiter of s.waiting.splice(0)) waiter.reject(new PromptCancelled(how));
  s.rl.close();
}

function open(ctx: CommandContext): Session {
  if (session) return session;
  const terminal = Boolean((input as { isTTY?: boolean }).isTTY);
  // readline writes the question, the echo and its cursor moves here; it sizes lines by `columns`.
  const output = new Writable({
    write(chunk, _encoding, callback) {
      ctx.stderr.write(String(chunk));
      callback();
    },
  });
  Object.defineProperty(output, 'columns', { get: () => ctx.stderr.columns });
  Object.defineProperty(output, 'isTTY', { get: () => terminal });
  // No history: ↑ and ↓ must not bring back the answer to an earlier question.
  const rl = createInterface({ input, output, terminal, historySize: 0, prompt: '' });
  const s: Session = { rl, terminal, lines: [], waiting: [], ended: null, stderr: ctx.stderr };
  rl.on('line', (line) => {
    const next = s.waiting.shift();
    if (next) next.resolve(line);
    else s.lines.push(line);
  });
  // With a listener here readline does not pause on Ctrl-C: the key cancels like end of input.
  rl.on('SIGINT', () => cancel(s, 'interrupt'));
  rl.on('close', () => cancel(s, 'end of input'));
  session = s;
  return s;
}

/** The next line the person enters, or a PromptCancelled rejection. */
function nextLine(s: Session): Promise<string> {
  if (s.lines.length) return Promise.resolve(s.lines.shift()!);
  if (s.ended === 'interrupt' || s.ended === 'end of input') {
    s.stderr.write('\n');
    return Promise.reject(new PromptCancelled(s.ended));
  }
  if (s.ended === 'closed') return Promise.reject(new Error('the prompt session is closed'));
  return new Promise((resolve, reject) => s.waiting.push({ resolve, reject }));
}

/** Shows `question` as the prompt (readline redraws it when the line is edited) and reads a line. */
function readAnswer(s: Session, question: string): Promise<string> {
  s.rl.setPrompt(question);
  if (s.ended === null) s.rl.prompt();
  else s.stderr.write(question);
  return nextLine(s);
}

/** Options of {@link ask}. */
export interface AskOptions {
  /** The answer an empty line gives. */
  fallback?: string;
  /**
   * When set, an empty answer (and no fallback) is not accepted: this line is shown and the
   * question asked again.
   */
  required?: string;
}

/**
 * Asks one free-text question; resolves to the trimmed answer (or the fallback for an empty one).
 * Ctrl-C and end of input reject with {@link PromptCancelled}.
 */
export async function ask(ctx: CommandContext, question: string, options: AskOptions | string = {}): Promise<string> {
  if (!ctx.interactive) throw new NotInteractiveError(question);
  const { fallback = '', required } = typeof options === 'string' ? { fallback: options } : options;
  const s = open(ctx);
  for (;;) {
    // `Title: `, but `Why was it abandoned? ` (a question brings its own mark).
    const shown = `${question}${fallback ? ` (${fallback})` : ''}${/[?:]$/.test(question) ? ' ' : ': '}`;
    const answer = (await readAnswer(s, shown)).trim() || fallback;
    if (answer || required === undefined) return answer;
    ctx.stderr.write(`${required}\n`);
  }
}

/** One choice of {@link choose}. */
export interface Choice<T extends string> {
  value: T;
  /** What is shown (`🔴 Urgent (this week)`); a unique start of it, emoji left out, picks it. */
  label: string;
}

/** Options of {@link choose}. */
export interface ChooseOptions<T extends string> {
  /** Whether Enter on an empty line skips the question (resolves to null). */
  optional?: boolean;
  /**
   * Reads a whole answer as a value (a canonical word or a synonym, `high` for urgent), or null.
   * Tried after a number and an exact value, before the start of a label.
   */
  read?: (answer: string) => T | null;
}

/** A label without its leading emoji and marks, lower-cased: what a typed start is compared with. */
function labelWords(label: string): string {
  return label.replace(/^[^\p{L}\p{N}]+/u, '').toLowerCase();
}

/**
 * What `answer` picks among `choices`: a number shown, a value, what `read` accepts, or a start
 * of exactly one label or value. Null when it picks none or several.
 */
export function pickChoice<T extends string>(answer: string, choices: ReadonlyArray<Choice<T>>, read?: (answer: string) => T | null): T | null {
  const a = answer.trim().toLowerCase();
  if (!a) return null;
  if (/^\d+$/.test(a)) {
    const index = Number(a);
    return index >= 1 && index <= choices.length ? choices[index - 1].value : null;
  }
  const exact = choices.find((c) => c.value.toLowerCase() === a || labelWords(c.label) === a);
  if (exact) return exact.value;
  const read_ = read?.(a) ?? null;
  if (read_ !== null && choices.some((c) => c.value === read_)) return read_;
  const starts = new Set(choices.filter((c) => labelWords(c.label).startsWith(a) || c.value.toLowerCase().startsWith(a)).map((c) => c.value));
  return starts.size === 1 ? [...starts][0] : null;
}

/**
 * Asks the person to pick one of `choices`: by number, by a word (`read`), by the start of a
 * label, or with ↑ and ↓ (which put a choice's word on the line; Enter takes it). An answer that
 * picks nothing shows the choices again; an empty one skips when `optional` (null).
 */
export async function choose<T extends string>(
  ctx: CommandContext,
  question: string,
  choices: ReadonlyArray<Choice<T>>,
  options: ChooseOptions<T> = {},
): Promise<T | null> {
  if (!ctx.interactive) throw new NotInteractiveError(question);
  const s = open(ctx);
  const menu = choices.map((c, i) => `  ${i + 1}  ${c.label}`).join('\n');
  const keys = `1-${choices.length}${s.terminal ? ', ↑/↓' : ''}, or a word${options.optional ? '; Enter skips' : ''}`;
  ctx.stderr.write(`${menu}\n`);

  // ↑ and ↓ walk through the choices, writing the current one's word on the answer line.
  let at = -1;
  const onKey = (_text: string | undefined, key: { name?: string; ctrl?: boolean; meta?: boolean } | undefined) => {
    if (!key || (key.name !== 'up' && key.name !== 'down') || key.ctrl || key.meta) return;
    at = key.name === 'down' ? (at + 1) % choices.length : at <= 0 ? choices.length - 1 : at - 1;
    s.rl.write(null, { ctrl: true, name: 'e' });
    s.rl.write(null, { ctrl: true, name: 'u' });
    s.rl.write(choices[at].value);
  };
  if (s.terminal) input.on('keypress', onKey);
  try {
    for (;;) {
      const answer = (await readAnswer(s, `${question} (${keys}): `)).trim();
      if (!answer && options.optional) return null;
      const picked = pickChoice(answer, choices, options.read);
      if (picked !== null) return picked;
      const said = answer ? `'${answer}' is not one of the choices` : 'pick one of the choices';
      ctx.stderr.write(`${said}; type its number or the start of its name${options.optional ? ', or press Enter to skip' : ''}:\n${menu}\n`);
      at = -1;
    }
  } finally {
    input.removeListener('keypress', onKey);
  }
}
