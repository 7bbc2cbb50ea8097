#!/usr/bin/env node
// Measures how the cost of reading hostile input grows with its size (not a test: times are
// never asserted; run `node test/hostile/growth.mjs` after `npx tsc -p .` and read the ratios).
// For each pathological shape, the parser (dist/parse) reads it at n, 2n and 4n in-process
// (CPU time), and `adr list --json --no-cache` and `adr check --no-cache` read a log holding it
// (wall time). Linear growth shows as ratios near 2 per doubling; quadratic as near 4.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const { parseBytes } = await import(join(root, 'dist', 'parse', 'index.js'));
const bin = process.env.ADR_TEST_BIN ?? join(root, 'dist', 'cli', 'bin.js');
const head = '# Growth\n\n**Status**: ✅ Approved\\\n**Date**: 2025-07-01\n\n';

const shapes = {
  'table rows': (n) => ['| a | b |', '|---|---|', ...Array.from({ length: n }, (_, i) => `| ${i} | r${i} |`)].join('\n'),
  'indented nested list': (n) => Array.from({ length: Math.round(Math.sqrt(n) * 4) }, (_, i) => `${'  '.repeat(i)}- l${i}`).join('\n'),
  'one-line nested list': (n) => '- '.repeat(n) + 'x',
  'nested quotes': (n) => '> '.repeat(n) + 'q',
  'unclosed [': (n) => '['.repeat(n),
  'emphasis runs **_': (n) => '**_'.repeat(n),
  'unclosed links [a](': (n) => '[a]('.repeat(n),
  'task items': (n) => ['## Action Items', '', '### 🔴 This Week (Urgent)', '', ...Array.from({ length: n }, (_, i) => `- [ ] task ${i} [[T]](x.md)`)].join('\n'),
  'CRLF lines': (n) => Array.from({ length: n }, (_, i) => `line ${i}`).join('\r\n'),
  'lone CR lines': (n) => Array.from({ length: n }, (_, i) => `line ${i}`).join('\r'),
};

const sizes = (process.env.GROWTH_SIZES ?? '20000,40000,80000').split(',').map(Number);
const cli = process.env.GROWTH_CLI !== '0';

function cpu(fn) {
  const a = process.cpuUsage();
  fn();
  const b = process.cpuUsage(a);
  return (b.user + b.system) / 1000;
}

function wall(args, cwd) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ADR_NOW: '2025-08-07T12:00:00Z', ADR_CACHE_DIR: join(cwd, '.cache') }, stdio: 'ignore', timeout: 300_000 });
  return { ms: performance.now() - t, code: r.status, signal: r.signal };
}

console.log(`| shape | n | bytes | parse CPU ms | list wall ms | check wall ms |`);
console.log(`|---|---|---|---|---|---|`);
for (const [name, make] of Object.entries(shapes)) {
  for (const n of sizes) {
    const text = head + make(n) + '\n';
    const bytes = Buffer.from(text);
    let parseMs;
    try {
      parseMs = cpu(() => parseBytes('2025-07-01-growth.md', bytes)).toFixed(0);
    } catch (e) {
      parseMs = `THROWS ${e.message}`;
    }
    let listMs = '-';
    let checkMs = '-';
    if (cli) {
      const dir = mkdtempSync(join(tmpdir(), 'adr-growth-'));
      mkdirSync(join(dir, 'decisions'));
      writeFileSync(join(dir, 'decisions', '2025-07-01-growth.md'), bytes);
      const l = wall(['list', '--json', '--no-cache'], dir);
      const c = wall(['check', '--no-cache'], dir);
      listMs = `${l.ms.toFixed(0)}${l.signal ? ` (${l.signal})` : ''}`;
      checkMs = `${c.ms.toFixed(0)}${c.signal ? ` (${c.signal})` : ''}`;
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`| ${name} | ${n} | ${bytes.length} | ${parseMs} | ${listMs} | ${checkMs} |`);
  }
}
