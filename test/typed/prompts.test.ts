/**
 * The questions `adr new` and `adr abort` ask, typed in a real terminal: every answer form, line
 * editing and arrow keys, and Ctrl-C or Ctrl-D at each question (nothing written, one line, exit 130,
 * the terminal given back in its normal mode).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseRecord } from '../../src/parse/index.js';
import { cannotType, freshRepo, Terminal, typed } from './terminal.js';

// Each case starts node in a terminal a few times; on a busy machine that takes seconds, not a timing claim.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 30_000 });

const ENV = { ADR_NOW: '2026-01-15T12:00:00Z' };
let root: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ root, cleanup } = freshRepo());
  if (!cannotType) expect((await typed(['init'], root, ENV)).code).toBe(0);
});
afterEach(() => cleanup());

const records = () => readdirSync(join(root, 'decisions')).filter((f) => f.endsWith('.md') && f !== 'DECISIONS.md').sort();
const FIRST = ['2026-01-15-record-architecture-decisions.md'];
const snapshot = () => Object.fromEntries(['DECISIONS.md', ...records().map((f) => `decisions/${f}`)].map((f) => [f, readFileSync(join(root, f), 'utf8')]));

/** Starts `adr new` and waits for the title question. */
async function startNew(): Promise<Terminal> {
  const t = new Terminal(['new'], { cwd: root, env: ENV });
  await t.waitFor('Title: ');
  return t;
}

describe.skipIf(cannotType !== '')(`adr new on a terminal${cannotType ? ` (skipped: ${cannotType})` : ''}`, () => {
  it('asks title, priority and category; a wrong answer shows the choices again; the record has what was typed', async () => {
    const t = await startNew();
    await t.line('Use Redis for the session cache');
    await t.waitFor('Priority (1-4, ↑/↓, or a word; Enter skips): ');
    expect(t.screen.text()).toContain('  1  🔴 Urgent (this week)');
    // `hi` starts no label (it is inside "this week"): the choices again.
    await t.line('hi');
    await t.waitFor("'hi' is not one of the choices");
    expect(t.screen.text().match(/🟡 Important \(2 weeks\)/g)).toHaveLength(2);
    await t.line('high');
    await t.waitFor('Category (');
    await t.line('infra');
    expect(await t.exit()).toBe(0);
    expect(t.lastLine()).toBe('decisions/2026-01-15-use-redis-for-the-session-cache.md');
    const d = parseRecord('x.md', readFileSync(join(root, 'decisions/2026-01-15-use-redis-for-the-session-cache.md'), 'utf8')).decision!;
    expect(d).toMatchObject({ title: 'Use Redis for the session cache', priority: 'urgent', category: 'Infrastructure', status: 'proposed' });
    expect(readFileSync(join(root, 'DECISIONS.md'), 'utf8')).toContain('[Use Redis for the session cache](decisions/2026-01-15-use-redis-for-the-session-cache.md)');
  });

  it.each([
    ['medium', 'important'],
    ['low', 'planning'],
    ['no deadline', 'none'],
    ['imp', 'important'],
    ['3', 'planning'],
    ['', null],
  ])('priority %j gives %s', async (answer, priority) => {
    const t = await startNew();
    await t.line('Adopt Kafka');
    await t.waitFor('Priority (');
    await t.line(answer);
    await t.waitFor('Category (');
    await t.line('');
    expect(await t.exit()).toBe(0);
    expect(parseRecord('x.md', readFileSync(join(root, 'decisions/2026-01-15-adopt-kafka.md'), 'utf8')).decision!.priority).toBe(priority);
  });

  it('line editing and arrow keys: backspace and ← fix the title, a paste lands at the cursor, ↓ ↓ picks the second choice', async () => {
    const t = await startNew();
    await t.type('Use Rsut');
    await t.press('backspace', 'backspace', 'backspace');
    await t.type('ust');
    await t.press('left', 'left', 'left', 'left');
    // Pasted in one piece, in the middle of the line (Node's readline on its own appends it at the end).
    await t.paste('the ');
    await t.press('end');
    await t.waitFor('Title: Use the Rust');
    await t.press('enter');
    await t.waitFor('Priority (');
    await t.press('down', 'down');
    await t.waitFor(/Priority \(.*\): important$/m);
    await t.press('up');
    await t.waitFor(/Priority \(.*\): urgent$/m);
    await t.press('down', 'enter');
    await t.waitFor('Category (');
    await t.line('do');
    await t.waitFor('that could be Domain or Documentation; type more of it');
    await t.line('docs');
    expect(await t.exit()).toBe(0);
    const d = parseRecord('x.md', readFileSync(join(root, 'decisions/2026-01-15-use-the-rust.md'), 'utf8')).decision!;
    expect(d).toMatchObject({ title: 'Use the Rust', priority: 'important', category: 'Documentation' });
  });

  it('an empty title asks again', async () => {
    const t = await startNew();
    await t.press('enter');
    await t.waitFor('a title is required (Ctrl-C cancels)');
    await t.line('Second try');
    await t.waitFor('Priority (');
    await t.press('ctrl-c');
    expect(await t.exit()).toBe(130);
    expect(records()).toEqual(FIRST);
  });

  // Ctrl-C and Ctrl-D at each question: nothing written, no help, one line, exit 130.
  for (const key of ['ctrl-c', 'ctrl-d'] as const) {
    for (const at of ['title', 'priority', 'category'] as const) {
      it(`${key} at the ${at} question writes nothing and exits 130 with one line`, async () => {
        const before = snapshot();
        const t = await startNew();
        if (at !== 'title') {
          await t.line('Use Zulip');
          await t.waitFor('Priority (');
        }
        if (at === 'category') {
          await t.line('2');
          await t.waitFor('Category (');
        }
        // Ctrl-C in the middle of an answer; Ctrl-D, as in every shell, on an empty line.
        if (key === 'ctrl-c') await t.type('half an answer');
        await t.press(key);
        expect(await t.exit()).toBe(130);
        expect(t.lastLine()).toBe('adr new: cancelled; nothing was written');
        expect(t.screen.text()).not.toContain('Usage:');
        expect(snapshot()).toEqual(before);
      });
    }
  }

  it('gives the terminal back in its normal mode after Ctrl-C', async () => {
    const t = new Terminal(['-c', `${process.execPath} ${JSON.stringify(join(import.meta.dirname, '..', '..', 'dist', 'cli', 'bin.js'))} new; echo "exit=$?"; stty -a | grep -o -- '-\\?icanon' | head -1`], { cwd: root, env: ENV, program: '/bin/bash' });
    await t.waitFor('Title: ');
    await t.press('ctrl-c');
    await t.exit();
    const screen = t.screen.text();
    expect(screen).toContain('exit=130');
    expect(screen).toMatch(/^icanon$/m);
  });

  it('in a numbered Nygard log asks no priority or category (it has no place for them)', async () => {
    const nygard = freshRepo({ '.adr-dir': 'doc/adr\n' });
    try {
      expect((await typed(['init'], nygard.root, ENV)).code).toBe(0);
      const t = new Terminal(['new'], { cwd: nygard.root, env: ENV });
      await t.waitFor('Title: ');
      await t.line('Use Kafka for events');
      expect(await t.exit()).toBe(0);
      expect(t.lastLine()).toBe('doc/adr/0002-use-kafka-for-events.md');
      expect(t.screen.text()).not.toContain('Priority');
    } finally {
      nygard.cleanup();
    }
  });
});

describe.skipIf(cannotType !== '')(`adr abort on a terminal${cannotType ? ` (skipped: ${cannotType})` : ''}`, () => {
  it('asks why once the REF is known; Ctrl-C there changes nothing; an answer aborts with a readable heading', async () => {
    expect((await typed(['new', 'Adopt Kafka'], root, ENV)).code).toBe(0);
    const before = snapshot();
    const t = new Terminal(['abort', 'kafka'], { cwd: root, env: ENV });
    await t.waitFor("Why is 'Adopt Kafka' abandoned? ");
    await t.type('Too heavy');
    await t.press('ctrl-c');
    expect(await t.exit()).toBe(130);
    expect(t.lastLine()).toBe('adr abort: cancelled; nothing was written');
    expect(snapshot()).toEqual(before);

    const wrong = await typed(['abort', 'kafak'], root, ENV);
    expect(wrong.code).toBe(1);
    expect(wrong.screen).not.toContain('abandoned?');

    const again = new Terminal(['abort', 'kafka'], { cwd: root, env: ENV });
    await again.waitFor('abandoned? ');
    await again.press('enter');
    await again.waitFor('--reason is required (Ctrl-C cancels)');
    await again.line('The managed queue is enough');
    expect(await again.exit()).toBe(0);
    const text = readFileSync(join(root, 'decisions/2026-01-15-adopt-kafka.md'), 'utf8');
    expect(text).toContain('### Decision to Abandon "Adopt Kafka" While Still Under Discussion (2026-01-15)');
  });

  it('a record it could not write is refused before the question, so no answer is asked for in vain', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'adr-typed-outside-'));
    try {
      writeFileSync(join(outside, '2026-01-02-shared.md'), '# Shared queue\n\n**Status**: ❌ Rejected\\\n**Date**: 2026-01-02\n');
      symlinkSync(outside, join(root, 'decisions', 'shared'));
      const before = snapshot();
      const r = await typed(['abort', 'shared queue'], root, ENV);
      expect(r.code).toBe(1);
      expect(r.screen).not.toContain('abandoned?');
      expect(r.screen).toMatch(/decisions\/shared is a symbolic link to .*, outside the log folder decisions \(nothing was written\)/);
      expect(snapshot()).toEqual(before);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
