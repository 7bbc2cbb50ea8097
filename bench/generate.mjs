#!/usr/bin/env node
// Deterministic synthetic decision logs for the benchmark.
//
// Two layouts, each a whole project folder so `adr` finds the log the way a user's repo has it:
//   summary-N/decisions/YYYY-MM-DD-slug.md + summary-N/DECISIONS.md   (FORMAT.md §1 and §2)
//   nygard-N/doc/adr/NNNN-slug.md                                      (adr-tools, FORMAT.md §3)
// Records are about 3 KB, with action items, a GFM table, code blocks, relative links, and
// supersede relations written on both sides. Everything derives from a seeded PRNG (never
// Math.random), so the same seed and size give the same bytes on every machine.
//
//   node bench/generate.mjs [--sizes 100,1000,10000] [--out bench/out/logs] [--seed 6]
import { mkdirSync, rmSync, writeFileSync, readFileSync, existsSync, renameSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';

/** The generator's own source hash: any edit here regenerates the logs instead of reusing stale ones. */
export const GENERATOR_VERSION = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 16);

/** The clock the generated logs assume (every date lies before it); run.mjs passes it as ADR_NOW. */
export const BENCH_NOW = '2026-01-15T12:00:00Z';

/** mulberry32: tiny, fast, good enough for text; the seed fixes the whole log. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

const VERBS = ['Adopt', 'Use', 'Introduce', 'Replace', 'Standardise', 'Migrate to', 'Consolidate', 'Retire', 'Split', 'Centralise', 'Automate', 'Document', 'Cache', 'Version', 'Encrypt', 'Monitor', 'Shard', 'Bundle', 'Publish', 'Evaluate'];
const ADJECTIVES = ['shared', 'regional', 'incremental', 'managed', 'internal', 'public', 'typed', 'immutable', 'event-driven', 'serverless', 'hosted', 'self-hosted', 'columnar', 'declarative', 'federated', 'layered', 'modular', 'nightly', 'tiered', 'unified', 'lightweight', 'audited', 'zero-downtime', 'multi-tenant', 'offline'];
const NOUNS = ['storage', 'build cache', 'message queue', 'API gateway', 'feature flags', 'release train', 'schema registry', 'secret store', 'search index', 'job scheduler', 'log pipeline', 'metrics stack', 'design system', 'auth service', 'billing engine', 'CDN', 'test harness', 'package registry', 'config format', 'monorepo layout', 'error budget', 'on-call rota', 'data warehouse', 'CLI toolkit', 'docs portal'];
const AREAS = ['the platform team', 'mobile', 'the web app', 'payments', 'analytics', 'onboarding', 'the public API', 'internal tools', 'the data team', 'support', 'partners', 'the edge', 'staging', 'compliance', 'growth'];
const CATEGORIES = ['🏗️ Infrastructure', '🎨 Branding', '💼 Business', '🌐 Domain', '📚 Documentation', '🚀 GTM'];
const WORDS = ('latency budget team service request cluster deploy rollout owner review cost migration plan schema query cache index ' +
  'tenant region storage backup restore policy contract version release branch pipeline runner artifact module boundary ' +
  'interface adapter client server queue worker batch stream event retry timeout limit quota alert dashboard metric trace ' +
  'incident runbook audit access token secret rotation certificate domain record entry template default option fallback ' +
  'baseline target threshold window daily weekly monthly vendor licence support contract usage growth customer partner ' +
  'feedback survey roadmap milestone estimate risk impact scope effort priority dependency upgrade patch').split(' ');
const CONNECTORS = ['and', 'with', 'for', 'without', 'across', 'behind', 'before', 'after', 'per', 'under'];
const PEOPLE = ['Ada', 'Grace', 'Linus', 'Barbara', 'Ken', 'Margaret', 'Dennis', 'Radia', 'Edsger', 'Frances', 'Tim', 'Hedy'];
const HORIZONS = [
  { heading: '🔴 This Week (Urgent)', priority: 'urgent' },
  { heading: '🟡 Next 2 Weeks (Important)', priority: 'important' },
  { heading: '🟢 This Month (Planning)', priority: 'planning' },
];
const PRIORITY_TEXT = {
  urgent: { header: '🔴 **Urgent** (this week)', footer: '🔴 Urgent (this week)', emoji: '🔴' },
  important: { header: '🟡 **Important** (2 weeks)', footer: '🟡 Important (2 weeks)', emoji: '🟡' },
  planning: { header: '🟢 **Planning** (month)', footer: '🟢 Planning (month)', emoji: '🟢' },
};

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentence(r, min = 8, max = 16) {
  const n = min + r.int(max - min + 1);
  const words = [];
  for (let i = 0; i < n; i++) words.push(i > 0 && i % 4 === 2 ? r.pick(CONNECTORS) : r.pick(WORDS));
  return `${capitalise(words.join(' '))}.`;
}

function paragraph(r, sentences) {
  const out = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(r));
  return out.join(' ');
}

function slugify(title) {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

function isoDate(dayIndex) {
  // Day 0 is 2019-01-01; UTC arithmetic keeps it independent of the machine's zone.
  return new Date(Date.UTC(2019, 0, 1) + dayIndex * 86400000).toISOString().slice(0, 10);
}

function shortDate(iso) {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}.${Number(m)}.${y.slice(2)}`;
}

/**
 * Plans a log: titles, dates, statuses, action items and the relations between records,
 * shared by both formats so the two logs of one size describe the same decisions.
 */
export function planLog(size, seed = 6) {
  const r = prng(seed * 1000003 + size);
  const titles = new Set();
  const slugs = new Set();
  const span = 2500; // days: 2019-01-01 to late 2025, before BENCH_NOW
  const records = [];
  for (let i = 0; i < size; i++) {
    let title;
    let slug;
    do {
      title = `${r.pick(VERBS)} ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} for ${r.pick(AREAS)}`;
      slug = slugify(title);
    } while (titles.has(title) || slugs.has(slug));
    titles.add(title);
    slugs.add(slug);
    const day = Math.floor((i * span) / size);
    const roll = r.next();
    const status = roll < 0.62 ? 'accepted' : roll < 0.77 ? 'proposed' : roll < 0.87 ? 'aborted' : 'postponed';
    records.push({
      index: i,
      number: i + 1,
      title,
      slug,
      date: isoDate(day),
      day,
      status,
      proposedWord: r.chance(0.5) ? 'Under Discussion' : 'In Progress',
      priority: r.pick(['urgent', 'important', 'planning']),
      category: r.pick(CATEGORIES),
      deciders: [r.pick(PEOPLE), r.pick(PEOPLE)].filter((p, k, a) => a.indexOf(p) === k),
      summary: `${title} ${r.pick(CONNECTORS)} ${r.pick(WORDS)} ${r.pick(WORDS)}`,
      supersedes: [],
      supersededBy: null,
      related: [],
      seed: r.int(2 ** 31),
    });
  }
  // Supersede pairs: a later accepted record replaces an earlier accepted one, written on both sides.
  for (const rec of records) {
    if (rec.index < 20 || rec.status !== 'accepted' || !r.chance(0.14)) continue;
    for (let attempt = 0; attempt < 4; attempt++) {
      const old = records[r.int(rec.index)];
      if (old.status !== 'accepted' || old.supersededBy || old.supersedes.length > 0) continue;
      old.status = 'superseded';
      old.supersededBy = rec.index;
      rec.supersedes.push(old.index);
      break;
    }
  }
  // Plain relative links to earlier records (one to three per record).
  for (const rec of records) {
    if (rec.index === 0) continue;
    const n = 1 + r.int(3);
    for (let k = 0; k < n; k++) {
      const target = r.int(rec.index);
      if (!rec.related.includes(target) && !rec.supersedes.includes(target)) rec.related.push(target);
    }
  }
  return records;
}

/** Action items of one record, decided by its status (aborted records close every item). */
function actionItems(r, rec, records) {
  const items = [];
  const count = 2 + r.int(4);
  for (let k = 0; k < count; k++) {
    const text = `${capitalise(r.pick(WORDS))} the ${r.pick(WORDS)} ${r.pick(WORDS)} ${r.pick(CONNECTORS)} ${r.pick(NOUNS)}`;
    const horizon = r.pick(HORIZONS);
    let state;
    if (rec.status === 'aborted') state = 'aborted';
    else if (rec.status === 'superseded') state = 'done';
    else if (rec.status === 'accepted') state = r.chance(0.55) ? 'done' : 'open';
    else state = 'open';
    // Some items point at the record they come from, as users write them.
    const ref = rec.index > 0 && r.chance(0.3) ? records[r.int(rec.index)] : null;
    items.push({ text, horizon, state, ref, result: `${capitalise(r.pick(WORDS))} ${r.pick(WORDS)} in place` });
  }
  return items;
}

/** The overview's Tasks marker, derived from the items exactly as a careful maintainer writes it. */
function tasksMarker(rec, items) {
  if (rec.status === 'aborted') return '**✗**';
  if (items.length === 0) return '**—**';
  const open = items.filter((i) => i.state === 'open').length;
  const done = items.length - open;
  if (open === 0) return '**✓**';
  if (done === 0) return rec.status === 'accepted' ? '📌' : '◯';
  return '🏃';
}

function statusMarker(rec) {
  switch (rec.status) {
    case 'accepted':
    case 'superseded':
      return '**✓**';
    case 'aborted':
      return '**✗**';
    case 'postponed':
      return '⏸️';
    default:
      return rec.proposedWord === 'In Progress' ? '🔄' : '❓';
  }
}

function summaryFile(rec) {
  return `${rec.date}-${rec.slug}.md`;
}

function nygardFile(rec) {
  return `${String(rec.number).padStart(4, '0')}-${rec.slug}.md`;
}

function codeBlock(r, rec) {
  const lang = r.pick(['bash', 'yaml', 'json']);
  const name = rec.slug.split('-').slice(0, 2).join('-');
  if (lang === 'bash') {
    return ['```bash', `# ${r.pick(WORDS)} ${r.pick(WORDS)}`, `make ${name} ENV=${r.pick(['dev', 'staging', 'prod'])}`, `./scripts/${name}.sh --${r.pick(WORDS)} ${r.int(100)}`, '```'];
  }
  if (lang === 'yaml') {
    return ['```yaml', `${name}:`, `  ${r.pick(WORDS)}: ${r.int(1000)}`, `  ${r.pick(WORDS)}: "${r.pick(WORDS)}"`, `  # [not a link](${r.pick(WORDS)}.md)`, '```'];
  }
  return ['```json', '{', `  "${r.pick(WORDS)}": ${r.int(1000)},`, `  "${r.pick(WORDS)}": "${r.pick(WORDS)}"`, '}', '```'];
}

function table(r) {
  const rows = ['| Option | Cost | Risk | Verdict |', '| --- | --- | --- | --- |'];
  const n = 3 + r.int(2);
  for (let k = 0; k < n; k++) {
    rows.push(`| ${capitalise(r.pick(WORDS))} ${r.pick(WORDS)} | ${r.int(90) + 10}k | ${r.pick(['low', 'medium', 'high'])} | ${r.pick(['chosen', 'rejected', 'later', 'fallback'])} |`);
  }
  return rows;
}

function headerStatus(rec, records) {
  switch (rec.status) {
    case 'accepted':
      return '✅ **Decided**';
    case 'superseded': {
      const by = records[rec.supersededBy];
      return `**Superseded** by [${by.title}](${summaryFile(by)})`;
    }
    case 'aborted':
      return `**✗** **ABORTED** - ${rec.abortReason}`;
    case 'postponed':
      return `⏸️ **Postponed** - ${rec.postponeReason}`;
    default:
      return rec.proposedWord === 'In Progress' ? '🔄 **In Progress**' : '❓ **Under Discussion**';
  }
}

function footerStatus(rec) {
  switch (rec.status) {
    case 'accepted':
      return '_Status: ✅ Decided_';
    case 'superseded':
      return '_Status: Superseded_';
    case 'aborted':
      return '_Decision Status: **✗** ABORTED | Next Review: Not applicable_';
    case 'postponed':
      return '_Status: ⏸️ Postponed_';
    default:
      return `_Status: ${rec.proposedWord === 'In Progress' ? '🔄 In Progress' : '❓ Under Discussion'}_`;
  }
}

function lastUpdated(rec, records) {
  const later = rec.supersededBy !== null ? records[rec.supersededBy].day : rec.day + 1 + (rec.seed % 20);
  return isoDate(Math.max(rec.day, later));
}

/** One record in the primary ("summary") format, FORMAT.md §1. */
export function summaryRecord(rec, records) {
  const r = prng(rec.seed);
  rec.abortReason = `Use ${r.pick(NOUNS)} instead`;
  rec.postponeReason = `revisit after the ${r.pick(WORDS)} ${r.pick(WORDS)}`;
  const items = actionItems(r, rec, records);
  rec.items = items;
  const lines = [`# ${rec.title}`, '', '[🚪 ← Back to Decisions Overview](../DECISIONS.md)', '', '## Decision Summary', ''];
  lines.push(`**Status**: ${headerStatus(rec, records)}\\`);
  lines.push(`**Priority**: ${PRIORITY_TEXT[rec.priority].header}\\`);
  lines.push(`**Date**: ${rec.date}\\`);
  lines.push(`**Category**: ${rec.category}`);
  lines.push('', '## Action Items', '');
  const closed = items.filter((i) => i.state !== 'open');
  const refSuffix = (item) => (item.ref ? ` [[${item.ref.title}]](${summaryFile(item.ref)})` : '');
  if (closed.length > 0) {
    lines.push('### ✅ Completed/Aborted', '');
    for (const item of closed) {
      lines.push(
        item.state === 'aborted'
          ? `- [x] ~~${item.text}~~ **✗** **ABORTED** - ${rec.abortReason}`
          : `- [x] ~~${item.text}~~ ✅ ${item.result}${refSuffix(item)}`,
      );
    }
    lines.push('');
  }
  for (const horizon of HORIZONS) {
    const open = items.filter((i) => i.state === 'open' && i.horizon === horizon);
    if (open.length === 0) continue;
    lines.push(`### ${horizon.heading}`, '');
    for (const item of open) lines.push(`- [ ] ${item.text}${refSuffix(item)}`);
    lines.push('');
  }
  lines.push('---', '');
  if (rec.status === 'aborted') {
    lines.push('## Abort Rationale', '', `### **Decision to Abandon ${rec.title} (${lastUpdated(rec, records)})**`, '', paragraph(r, 3), '');
  }
  lines.push('## Context & Problem', '', paragraph(r, 4), '', paragraph(r, 3), '');
  lines.push(`## Decision: ${rec.title}`, '', paragraph(r, 3), '');
  for (let k = 0; k < 3; k++) lines.push(`- **${capitalise(r.pick(WORDS))}**: ${sentence(r, 6, 10)}`);
  lines.push('', '## Alternatives Considered', '', ...table(r), '');
  lines.push('## Implementation Plan', '');
  for (let k = 1; k <= 3; k++) lines.push(`${k}. ${sentence(r, 5, 9)}`);
  lines.push('', ...codeBlock(r, rec), '');
  lines.push('## Risks & Mitigations', '', `**Risk**: ${sentence(r, 6, 10)}\\`, `**Mitigation**: ${sentence(r, 6, 10)}`, '');
  if (r.chance(0.4)) {
    lines.push('## Success Metrics', '', `- [ ] ${sentence(r, 4, 7)}`, `- [ ] ${sentence(r, 4, 7)}`, '');
  }
  const relatedLines = [];
  for (const t of rec.supersedes) {
    const old = records[t];
    relatedLines.push(`- **Supersedes**: [${old.title}](${summaryFile(old)})`);
  }
  for (const t of rec.related) {
    const other = records[t];
    relatedLines.push(`- **${other.category.replace(/^\S+\s/, '')}** ([${other.title}](${summaryFile(other)})): ${sentence(r, 5, 9)}`);
  }
  if (relatedLines.length > 0) lines.push('## Related Decisions', '', ...relatedLines, '');
  lines.push('---', '', `**Final Decision**: ${rec.summary}.`, '', '---', '');
  lines.push('_Decision Document Version: 1.0_\\', `_Last Updated: ${lastUpdated(rec, records)}_\\`, `${footerStatus(rec)}\\`, `_Priority: ${PRIORITY_TEXT[rec.priority].footer}_`, '');
  return lines.join('\n');
}

/** The overview file (DECISIONS.md, FORMAT.md §2) that agrees with every record. Call after summaryRecord. */
export function overviewFile(records, folder = 'decisions') {
  const lines = ['# Decisions Overview', '', 'Every decision of the project, its status and what is left to do.', ''];
  lines.push('## Decision Overview', '', '| Category | Topic | Decision | Date | Priority | Status | Tasks |', '| --- | --- | --- | --- | --- | --- | --- |');
  for (const rec of records) {
    lines.push(
      `| ${rec.category} | [${rec.title}](${folder}/${summaryFile(rec)}) | ${rec.summary} | ${shortDate(rec.date)} | ${PRIORITY_TEXT[rec.priority].emoji} | ${statusMarker(rec)} | ${tasksMarker(rec, rec.items)} |`,
    );
  }
  lines.push('', '### Legend', '', '| Marker | Meaning |', '| --- | --- |');
  lines.push('| ❓ | Under discussion |', '| 🔄 | In progress |', '| **✓** | Decided / done |', '| **✗** | Abandoned / aborted |', '| ⏸️ | Postponed |');
  lines.push('| ◯ | Not started |', '| 📌 | Queued |', '| 🏃 | In progress |', '| **—** | Not applicable |', '');
  lines.push('## 🎯 Action Items', '');
  for (const horizon of HORIZONS) {
    const open = [];
    for (const rec of records) {
      for (const item of rec.items) {
        if (item.state === 'open' && item.horizon === horizon) open.push(`- [ ] ${item.text} [[${rec.title}]](${folder}/${summaryFile(rec)})`);
      }
    }
    if (open.length === 0) continue;
    lines.push(`### ${horizon.heading}`, '', ...open, '');
  }
  lines.push('## 📁 Detailed Decision Documents', '', '| Date | Document | Summary |', '| --- | --- | --- |');
  for (const rec of records) lines.push(`| ${rec.date} | [${rec.title}](${folder}/${summaryFile(rec)}) | ${rec.summary} |`);
  lines.push('', '## 📊 Decision History', '');
  for (const rec of records) {
    if (rec.status === 'accepted' || rec.status === 'superseded') lines.push(`- **${rec.date}**: ${rec.title}`);
  }
  const last = records.length > 0 ? records[records.length - 1].date : '2019-01-01';
  lines.push('', '---', '', `_Last Updated: ${last} | Version: 2.2_`, '');
  return lines.join('\n');
}

const NYGARD_STATUS = { accepted: 'Accepted', proposed: 'Proposed', aborted: 'Rejected', postponed: 'Deprecated' };

/** One record in the Nygard / adr-tools format, FORMAT.md §3, with links written the way adr-tools writes them. */
export function nygardRecord(rec, records) {
  const r = prng(rec.seed ^ 0x5bd1e995);
  const ref = (other) => `[${other.number}. ${other.title}](${nygardFile(other)})`;
  const lines = [`# ${rec.number}. ${rec.title}`, '', `Date: ${rec.date}`, '', '## Status', ''];
  if (rec.supersededBy !== null) {
    // adr-tools removes "Accepted" and writes only the link when a record is superseded.
    lines.push(`Superseded by ${ref(records[rec.supersededBy])}`, '');
  } else {
    lines.push(NYGARD_STATUS[rec.status], '');
  }
  for (const t of rec.supersedes) lines.push(`Supersedes ${ref(records[t])}`, '');
  lines.push('## Context', '', paragraph(r, 4), '', paragraph(r, 4), '', paragraph(r, 4), '');
  lines.push('## Decision', '', `We will ${rec.title.charAt(0).toLowerCase()}${rec.title.slice(1)}. ${paragraph(r, 3)}`, '');
  for (let k = 0; k < 3; k++) lines.push(`- ${sentence(r, 6, 11)}`);
  lines.push('', ...codeBlock(r, rec), '', ...table(r), '');
  lines.push('## Consequences', '', paragraph(r, 4), '', paragraph(r, 3), '');
  for (const t of rec.related) lines.push(`- See ${ref(records[t])}: ${sentence(r, 5, 9)}`);
  lines.push('');
  return lines.join('\n');
}

function writeTree(dir, files) {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  for (const [rel, text] of files) {
    const path = join(tmp, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
}

/**
 * Writes (or reuses, when its stamp matches) one log: `<out>/<format>-<size>/`.
 * Returns the manifest run.mjs needs (log folder, record count, bytes, a record to abort).
 */
export function ensureLog({ format, size, out, seed = 6, force = false }) {
  const root = resolve(out, `${format}-${size}`);
  const stampFile = join(root, '.bench-manifest.json');
  if (!force && existsSync(stampFile)) {
    const manifest = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (manifest.version === GENERATOR_VERSION && manifest.seed === seed) return { ...manifest, root };
  }
  const records = planLog(size, seed);
  const files = [];
  let bytes = 0;
  const logDir = format === 'summary' ? 'decisions' : 'doc/adr';
  for (const rec of records) {
    const text = format === 'summary' ? summaryRecord(rec, records) : nygardRecord(rec, records);
    bytes += Buffer.byteLength(text);
    files.push([`${logDir}/${format === 'summary' ? summaryFile(rec) : nygardFile(rec)}`, text]);
  }
  if (format === 'summary') {
    const overview = overviewFile(records);
    files.push(['DECISIONS.md', overview]);
  }
  // A record to abort: an accepted one with open action items, from the middle of the log.
  const middle = Math.floor(size / 2);
  const abortable = records.slice(middle).concat(records.slice(0, middle)).find(
    (rec) => rec.status === 'accepted' && rec.supersedes.length === 0 && (format !== 'summary' || rec.items.some((i) => i.state === 'open')),
  );
  const manifest = {
    version: GENERATOR_VERSION,
    seed,
    format,
    size,
    logDir,
    bytes,
    files: size,
    abortTarget: abortable ? (format === 'summary' ? summaryFile(abortable) : nygardFile(abortable)) : null,
    abortTitle: abortable ? abortable.title : null,
    superseded: records.filter((rec) => rec.supersededBy !== null).length,
  };
  files.push(['.bench-manifest.json', `${JSON.stringify(manifest, null, 2)}\n`]);
  writeTree(root, files);
  return { ...manifest, root };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '100,1000,10000' },
      out: { type: 'string', default: fileURLToPath(new URL('./out/logs', import.meta.url)) },
      seed: { type: 'string', default: '6' },
      format: { type: 'string', default: 'summary,nygard' },
      force: { type: 'boolean', default: false },
    },
  });
  for (const format of values.format.split(',')) {
    for (const size of values.sizes.split(',').map(Number)) {
      const started = Date.now();
      const m = ensureLog({ format, size, out: values.out, seed: Number(values.seed), force: values.force });
      console.log(`${m.root}: ${m.files} records, ${(m.bytes / 1e6).toFixed(1)} MB (${(m.bytes / m.files / 1024).toFixed(1)} KB avg), ${m.superseded} superseded, ${Date.now() - started} ms`);
    }
  }
}
