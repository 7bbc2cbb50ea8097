/**
 * A person at a terminal, for the typed tests: `adr` runs in a real pseudo-terminal (node-pty), keys
 * are typed one by one as a person types them (Ctrl-C is the byte 0x03, which the terminal's raw
 * mode hands to the program, not a signal), and what the person would see is rebuilt from the
 * output by a small screen model that follows the cursor moves and erases readline uses.
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI the typed tests run (built by `npm test`, or `npm run build`). */
export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli', 'bin.js');

type Pty = { onData(cb: (d: string) => void): void; onExit(cb: (e: { exitCode: number; signal?: number }) => void): void; write(d: string): void; kill(signal?: string): void };
type PtyModule = { spawn(file: string, args: string[], options: Record<string, unknown>): Pty };

/** node-pty, or why it cannot be used here (the tests are then skipped, saying so). */
export const pty: { module: PtyModule | null; why: string } = (() => {
  try {
    return { module: createRequire(import.meta.url)('node-pty') as PtyModule, why: '' };
  } catch (error) {
    return { module: null, why: `node-pty cannot be loaded here: ${(error as Error).message.split('\n')[0]}` };
  }
})();

/** Why the typed tests cannot run, or '' when they can. */
export const cannotType = pty.module ? (existsSync(BIN) ? '' : `${BIN} is not built (npm run build)`) : pty.why;

/** Named keys, as the terminal sends them. */
const KEYS = {
  enter: '\r',
  'ctrl-c': '\x03',
  'ctrl-d': '\x04',
  backspace: '\x7f',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  home: '\x1b[H',
  end: '\x1b[F',
  tab: '\t',
} as const;
export type Key = keyof typeof KEYS;

/**
 * The visible screen: printable text, \r, \n, backspace, and the CSI sequences readline and the
 * shell use (cursor moves, erase in line and display); colours and modes are ignored.
 */
export class Screen {
  lines: string[][] = [[]];
  row = 0;
  col = 0;

  constructor(readonly cols = 100) {}

  /** The start of an escape sequence the last chunk of output ended in the middle of. */
  private pending = '';

  feed(chunk: string): void {
    const data = this.pending + chunk;
    this.pending = '';
    for (let i = 0; i < data.length; i++) {
      const ch = data[i];
      if (ch === '\x1b') {
        const rest = data.slice(i);
        const m = /^\x1b\[([?\d;]*)([A-Za-z])/.exec(rest) ?? /^\x1b[()][A-Z0-9]/.exec(rest);
        if (m) {
          if (m.length === 3) this.csi(m[1], m[2]);
          i += m[0].length - 1;
        } else if (/^\x1b(\[[?\d;]*|[()])?$/.test(rest)) {
          // Cut off by the end of the chunk: finish it with the next one.
          this.pending = rest;
          return;
        }
        continue;
      }
      if (ch === '\r') this.col = 0;
      else if (ch === '\n') this.down();
      else if (ch === '\b') this.col = Math.max(0, this.col - 1);
      else if (ch === '\x07') continue;
      else if (ch >= ' ') {
        if (this.col >= this.cols) {
          this.down();
          this.col = 0;
        }
        const line = this.line();
        while (line.length < this.col) line.push(' ');
        line[this.col++] = ch;
      }
    }
  }

  private line(): string[] {
    while (this.lines.length <= this.row) this.lines.push([]);
    return this.lines[this.row];
  }

  private down(): void {
    this.row++;
    this.line();
  }

  private csi(params: string, command: string): void {
    const n = Number(params.replace(/^\?/, '').split(';')[0]) || 0;
    const line = this.line();
    switch (command) {
      case 'G':
        this.col = Math.max(0, (n || 1) - 1);
        break;
      case 'C':
        this.col += n || 1;
        break;
      case 'D':
        this.col = Math.max(0, this.col - (n || 1));
        break;
      case 'A':
        this.row = Math.max(0, this.row - (n || 1));
        break;
      case 'B':
        this.row += n || 1;
        this.line();
        break;
      case 'K':
        if (n === 0) line.length = Math.min(line.length, this.col);
        else if (n === 1) for (let c = 0; c <= this.col && c < line.length; c++) line[c] = ' ';
        else line.length = 0;
        break;
      case 'J':
        if (n === 0) {
          line.length = Math.min(line.length, this.col);
          this.lines.length = this.row + 1;
        } else if (n === 2 || n === 3) {
          this.lines = [[]];
          this.row = 0;
          this.col = 0;
        }
        break;
      case 'H':
        this.row = Math.max(0, (Number(params.split(';')[0]) || 1) - 1);
        this.col = Math.max(0, (Number(params.split(';')[1]) || 1) - 1);
        this.line();
        break;
      default:
        break;
    }
  }

  /** The screen as text, one line per row; trailing blanks trimmed unless `trim` is false (a question ends in one). */
  text(trim = true): string {
    const lines = this.lines.map((l) => l.join(''));
    return (trim ? lines.map((l) => l.replace(/\s+$/, '')) : lines).join('\n').replace(/\n+$/, '');
  }
}

/** One program running in a pseudo-terminal. */
export class Terminal {
  readonly screen: Screen;
  raw = '';
  private exited: Promise<number>;
  private code: number | null = null;

  constructor(args: string[], options: { cwd: string; env?: Record<string, string>; program?: string; cols?: number }) {
    if (!pty.module) throw new Error(pty.why);
    const cols = options.cols ?? 100;
    this.screen = new Screen(cols);
    const program = options.program ?? process.execPath;
    const argv = options.program ? args : [BIN, ...args];
    const proc = pty.module.spawn(program, argv, {
      name: 'xterm-256color',
      cols,
      rows: 40,
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: options.cwd, TERM: 'xterm-256color', LANG: 'C.UTF-8', TZ: 'UTC', NO_COLOR: '1', XDG_CACHE_HOME: join(options.cwd, '.cache'), ...options.env },
    });
    this.proc = proc;
    proc.onData((d) => {
      this.raw += d;
      this.screen.feed(d);
    });
    this.exited = new Promise((resolve) => proc.onExit((e) => resolve((this.code = e.exitCode))));
  }

  private readonly proc: Pty;

  /** Waits until the screen shows `what`; throws with the screen when it does not within `ms`. */
  async waitFor(what: string | RegExp, ms = 15_000): Promise<void> {
    const start = Date.now();
    for (;;) {
      const text = this.screen.text(false);
      if (typeof what === 'string' ? text.includes(what) : what.test(text)) return;
      if (this.code !== null || Date.now() - start > ms) {
        throw new Error(`the screen never showed ${String(what)}${this.code !== null ? ` (the program exited with ${this.code})` : ''}; it shows:\n${text}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Types text as a person does: one key at a time. */
  async type(text: string): Promise<void> {
    for (const ch of text) {
      this.proc.write(ch);
      await new Promise((r) => setTimeout(r, 4));
    }
  }

  /** Pastes text: the terminal hands it over in one piece, as it does a paste. */
  async paste(text: string): Promise<void> {
    this.proc.write(text);
    await new Promise((r) => setTimeout(r, 30));
  }

  /** Presses named keys, one after another. */
  async press(...keys: Key[]): Promise<void> {
    for (const key of keys) {
      this.proc.write(KEYS[key]);
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  /** Types a line and presses Enter. */
  async line(text: string): Promise<void> {
    await this.type(text);
    await this.press('enter');
  }

  /** The exit code, once the program ends (killed after `ms`). */
  async exit(ms = 20_000): Promise<number> {
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), ms);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The last non-empty line of the screen. */
  lastLine(): string {
    return this.screen.text().split('\n').filter((l) => l.trim()).pop() ?? '';
  }
}

/** Runs `adr ARGS` in a terminal until it exits; resolves to its exit code and screen. */
export async function typed(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; screen: string }> {
  // Wide enough that no message wraps: the tests read whole lines.
  const t = new Terminal(args, { cwd, env, cols: 250 });
  const code = await t.exit();
  return { code, screen: t.screen.text() };
}

/** A fresh git repository in a temp folder (what `adr init` is typed in), removed by the returned function. */
export function freshRepo(files: Record<string, string> = {}): { root: string; cleanup: () => void } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'adr-typed-')));
  mkdirSync(join(root, '.git'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
