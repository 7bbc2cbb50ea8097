#!/usr/bin/env node
// The floor: one process that only reads every markdown file of a log and parses it
// with unified + remark-parse + remark-gfm, single-threaded, and does nothing else. `adr check`
// is judged against this (cold ≤ 0.5×, warm ≤ 0.1×), so it must stay exactly this simple.
//
//   node bench/floor.mjs <log folder> [extra file...]     (prints: files bytes ms)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';

const [dir, ...extra] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/floor.mjs <log folder> [extra file...]');
  process.exit(2);
}
const files = readdirSync(dir, { recursive: true })
  .filter((name) => String(name).endsWith('.md'))
  .map((name) => join(dir, String(name)))
  .sort()
  .concat(extra);
const processor = unified().use(remarkParse).use(remarkGfm).freeze();
const started = performance.now();
let bytes = 0;
let nodes = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  bytes += text.length;
  // Count top-level children so the tree is used and the work cannot be optimised away.
  nodes += processor.parse(text).children.length;
}
console.log(`${files.length} files ${bytes} chars ${nodes} blocks ${Math.round(performance.now() - started)} ms`);
