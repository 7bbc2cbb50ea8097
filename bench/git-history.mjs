#!/usr/bin/env node
// A decision log with a long git history, for the `adr diff` and `adr history` rows of the bench
// (issue 17: 1,000 records and 5,000 commits, each ≤ 2 s).
//
// The repository is written with one `git fast-import` stream (seconds, not the minutes 5,000
// `git commit` calls take), deterministically from the bench's seeded log (bench/generate.mjs):
//   main     5,000 commits: each record added as proposed, edited now and then, moved to its
//            final status (its action items closing with it), some re-slugged (a rename), the
//            overview committed along; the last 40 of them land after `feature` left main.
//   feature  branches off 40 commits before main's tip and makes 40 commits of its own: records
//            added, statuses changed, action items closed; the work tree is checked out on it.
//
//   node bench/git-history.mjs [--records 1000] [--commits 5000] [--out bench/out/git-logs]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { GENERATOR_VERSION, overviewFile, planLog, prng, summaryRecord } from './generate.mjs';

const VERSION = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).update(GENERATOR_VERSION).digest('hex').slice(0, 16);
const PEOPLE = ['Ada Lovelace <ada@example.com>', 'Grace Hopper <grace@example.com>', 'Linus T <linus@example.com>', 'Barbara L <barbara@example.com>', 'Ken T <ken@example.com>'];
const BRANCH_COMMITS = 40;

/** The file of a record in the summary log (`decisions/2025-08-06-slug.md`). */
function fileOf(rec) {
  return `decisions/${rec.date}-${rec.slug}${rec.renamed ? '-revisited' : ''}.md`;
}

/** The record's text at a point of its life: its status then, and a revision line so every edit changes bytes. */
function textOf(rec, records, status, revision) {
  const shown = { ...rec, status, supersededBy: status === 'superseded' ? rec.supersededBy : null, supersedes: status === 'proposed' ? [] : rec.supersedes };
  const text = summaryRecord(shown, records);
  return revision > 0 ? text.replace(/\n---\n/, `\n---\n\n_Revision ${revision}: ${rec.title.toLowerCase()} refined._\n`) : text;
}

/**
 * Makes (or reuses) the repository. Returns where it is, the record whose history is longest (the
 * `adr history` target) and the base branch name.
 */
export function ensureGitLog({ out, records: size = 1000, commits = 5000, seed = 6, force = false }) {
  const root = resolve(out, `summary-${size}-${commits}`);
  const stampFile = join(root, '.git', 'bench-manifest.json');
  if (!force && existsSync(stampFile)) {
    const manifest = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (manifest.version === VERSION) return { ...manifest, root };
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const git = (...args) => {
    const r = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  git('init', '-q', '-b', 'main');

  const records = planLog(size, seed);
  const r = prng(seed * 7919 + commits);
  // Every record's life: added as proposed, then edits, its final status, maybe a rename.
  const events = [];
  for (const rec of records) {
    rec.renamed = false;
    rec.revision = 0;
    rec.current = 'proposed';
    events.push({ rec, kind: 'add' });
  }
  const mainCommits = commits;
  let budget = mainCommits - records.length;
  const settle = records.filter((rec) => rec.status !== 'proposed');
  for (const rec of settle) if (budget-- > 0) events.push({ rec, kind: 'status' });
  // A few re-slugged records (by hand: their old names stay in the links that pointed there).
  const renames = Math.min(Math.floor(size / 50), Math.max(0, budget));
  for (let k = 0; k < renames; k++) events.push({ rec: records[r.int(records.length)], kind: 'rename' });
  budget -= renames;
  while (budget-- > 0) events.push({ rec: records[r.int(records.length)], kind: 'edit' });
  // Order: adds keep their order; every other event lands after its record's add, at a random later place.
  const slots = new Map();
  records.forEach((rec, k) => slots.set(rec, Math.floor((k * events.length) / records.length)));
  for (const e of events) e.at = e.kind === 'add' ? slots.get(e.rec) : slots.get(e.rec) + 1 + r.int(Math.max(1, events.length - slots.get(e.rec)));
  events.sort((a, b) => a.at - b.at || (a.kind === 'add' ? -1 : b.kind === 'add' ? 1 : 0));

  const chunks = [];
  const start = Date.parse('2019-01-01T09:00:00Z') / 1000;
  let mark = 0;
  const commit = (branch, message, ops, when, from) => {
    mark++;
    const who = PEOPLE[r.int(PEOPLE.length)];
    const msg = Buffer.from(message);
    chunks.push(`commit refs/heads/${branch}\nmark :${mark}\nauthor ${who} ${when} +0000\ncommitter ${who} ${when} +0000\ndata ${msg.length}\n${message}\n`);
    if (from) chunks.push(`from ${from}\n`);
    for (const op of ops) {
      if (op.delete) chunks.push(`D ${op.delete}\n`);
      else {
        const data = Buffer.from(op.text);
        chunks.push(`M 100644 inline ${op.path}\ndata ${data.length}\n`, data, '\n');
      }
    }
    chunks.push('\n');
    return `:${mark}`;
  };
  const apply = (e) => {
    const { rec } = e;
    const ops = [];
    let message = '';
    if (e.kind === 'add') message = `Propose: ${rec.title}`;
    else if (e.kind === 'status' || (e.kind === 'edit' && rec.current !== rec.status && r.chance(0.1))) {
      rec.current = rec.status;
      message = `${rec.status[0].toUpperCase()}${rec.status.slice(1)}: ${rec.title}`;
    } else if (e.kind === 'rename' && !rec.renamed) {
      ops.push({ delete: fileOf(rec) });
      rec.renamed = true;
      message = `Rename: ${rec.title}`;
    } else {
      rec.revision++;
      message = `Refine: ${rec.title}`;
    }
    ops.push({ path: fileOf(rec), text: textOf(rec, records, rec.current, rec.revision) });
    return { ops, message };
  };
  const branchAt = events.length - BRANCH_COMMITS;
  let head = null;
  let fork = null;
  events.forEach((e, k) => {
    const { ops, message } = apply(e);
    if (k === events.length - 1) {
      // The overview needs each record's final items (summaryRecord notes them on the record).
      for (const rec of records) summaryRecord(rec, records);
      ops.push({ path: 'DECISIONS.md', text: overviewFile(records) });
    }
    head = commit('main', message, ops, start + k * 3600, head);
    if (k === branchAt - 1) fork = head;
  });
  // The branch: its own records and changes, off `fork`.
  const extra = planLog(size + BRANCH_COMMITS, seed + 1).slice(size, size + 10).map((rec, k) => ({ ...rec, date: '2026-01-10', slug: `branch-${k}-${rec.slug}`, renamed: false, revision: 0, current: 'proposed', status: 'proposed', supersedes: [], supersededBy: null, related: [] }));
  let branchHead = fork;
  for (let k = 0; k < BRANCH_COMMITS; k++) {
    const when = start + (branchAt + k) * 3600 + 1800;
    if (k < extra.length) {
      branchHead = commit('feature', `Propose: ${extra[k].title}`, [{ path: fileOf(extra[k]), text: textOf(extra[k], records.concat(extra), 'proposed', 0) }], when, branchHead);
      continue;
    }
    const rec = records[(k * 37) % records.length];
    const status = k % 2 ? 'accepted' : 'postponed';
    rec.revision++;
    branchHead = commit('feature', `${status}: ${rec.title}`, [{ path: fileOf(rec), text: textOf(rec, records, status, rec.revision) }], when, branchHead);
  }
  const stream = chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c));
  const imported = spawnSync('git', ['fast-import', '--quiet'], { cwd: root, input: Buffer.concat(stream), maxBuffer: 1 << 28 });
  if (imported.status !== 0) throw new Error(`git fast-import: ${imported.stderr}`);
  git('checkout', '-q', '-f', 'feature');
  // The record changed most often: the `adr history` target.
  const counts = new Map();
  for (const line of git('log', '--format=', '--name-only', 'main', '--', 'decisions').split('\n')) if (line) counts.set(line, (counts.get(line) ?? 0) + 1);
  const target = [...counts].filter(([path]) => existsSync(join(root, path))).sort((a, b) => b[1] - a[1])[0];
  const manifest = { version: VERSION, records: size, commits: Number(git('rev-list', '--count', 'main').trim()), branchCommits: BRANCH_COMMITS, historyTarget: target[0].replace(/^decisions\//, ''), historyVersions: target[1], base: 'main' };
  writeFileSync(stampFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return { ...manifest, root };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { records: { type: 'string', default: '1000' }, commits: { type: 'string', default: '5000' }, out: { type: 'string', default: join(dirname(fileURLToPath(import.meta.url)), 'out', 'git-logs') } } });
  const t0 = Date.now();
  const made = ensureGitLog({ out: values.out, records: Number(values.records), commits: Number(values.commits), force: true });
  console.log(`${made.root}: ${made.records} records, ${made.commits} commits on main (+${made.branchCommits} on feature), in ${((Date.now() - t0) / 1000).toFixed(1)} s; history target ${made.historyTarget} (${made.historyVersions} versions)`);
}
