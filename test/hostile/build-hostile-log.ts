/**
 * Builds the hostile-input fixture log in a temp folder: a dozen good records in several dialects
 * with known facts, mixed with every kind of file that has broken a markdown tool somewhere
 * (bytes that are not UTF-8, a binary named .md, an empty file, broken YAML, a 50 MB record, a
 * 400,000-row table, lists nested thousands deep, 20,000 unclosed brackets, NUL, BOM, CRLF, mixed
 * line endings, a symlink loop, a dangling symlink, a FIFO, non-Latin names with spaces).
 *
 * Big files are generated here, at test time, never committed. Everything is deterministic (a
 * seeded generator for the random bytes) so a failure reproduces.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a good record must read as (a subset of the `adr list --json` fields). */
export interface GoodRecord {
  file: string;
  title: string;
  dialect: string;
  status: string | null;
  date: string | null;
  priority?: string | null;
  /** Number of action items and how many of them are open (done false). */
  actionItems?: { total: number; open: number };
  /** Targets of links (relative to the log) with their kinds. */
  links?: Array<{ target: string; kind: string }>;
}

/** A hostile file: its name (relative to the log) and what a diagnostic about it should say. */
export interface BadFile {
  file: string;
  /** Why it is bad, for test names. */
  what: string;
  /**
   * Whether `adr list` may still list it as a record (a damaged but readable record, such as an
   * empty file with no title); `false` means it can never be read as a record.
   */
  mayList: boolean;
  /** The file must be named in `adr check` output (false for things check may legitimately skip). */
  mustBeNamed: boolean;
}

/** The hostile log made by {@link buildHostileLog}. */
export interface HostileLog {
  /** The repository root (the command's cwd). */
  root: string;
  /** The log folder, `root/decisions`. */
  dir: string;
  good: GoodRecord[];
  bad: BadFile[];
  /** Total bytes of regular files in the log, for the timing report. */
  bytes: number;
}

/** A small deterministic generator (mulberry32), so the "random" bytes are the same every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The primary ("summary") format, in LF; callers convert line endings. */
function summaryRecord(o: {
  title: string;
  status: string;
  priority: string;
  date: string;
  category: string;
  items: string[];
  body?: string;
}): string {
  return [
    `# ${o.title}`,
    '',
    '[🚪 ← Back to Decisions Overview](../DECISIONS.md)',
    '',
    '## Decision Summary',
    '',
    `**Status**: ${o.status}\\`,
    `**Priority**: ${o.priority}\\`,
    `**Date**: ${o.date}\\`,
    `**Category**: ${o.category}`,
    '',
    '## Action Items',
    '',
    ...o.items,
    '',
    '---',
    '',
    '## Context & Problem',
    '',
    o.body ?? 'We need to decide.',
    '',
  ].join('\n');
}

const OPEN_AND_DONE = [
  '### 🔴 This Week (Urgent)',
  '',
  '- [ ] Write the migration plan',
  '',
  '### ✅ Completed/Aborted',
  '',
  '- [x] ~~Pick a vendor~~ ✅ Vendor chosen',
];

/** Options of {@link buildHostileLog}. */
export interface BuildOptions {
  /** Where to build (default: a fresh folder under the OS temp dir). */
  root?: string;
  /** Leave out the FIFO (commands that must not block on it are tested separately). */
  fifo?: boolean;
  /** Leave out the 50 MB file and the other large ones (for the many-copies tests). */
  big?: boolean;
}

/**
 * Writes the hostile log into `root/decisions` (a fresh temp folder by default) and returns what
 * the good records must read as and which files are bad.
 */
export function buildHostileLog(options: BuildOptions = {}): HostileLog {
  const root = options.root ?? realpathSync(mkdtempSync(join(tmpdir(), 'adr-hostile-')));
  const dir = join(root, 'decisions');
  mkdirSync(dir, { recursive: true });
  const good: GoodRecord[] = [];
  const bad: BadFile[] = [];
  let bytes = 0;
  const put = (name: string, data: string | Uint8Array) => {
    writeFileSync(join(dir, name), data);
    bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  };
  const big = options.big !== false;

  // ---------------------------------------------------------------- good records, known facts
  put(
    '2025-01-01-решение о базе.md',
    summaryRecord({
      title: 'Решение о базе данных',
      status: '✅ **Decided**',
      priority: '🔴 **Urgent** (this week)',
      date: '2025-01-01',
      category: '🏗️ Infrastructure',
      items: OPEN_AND_DONE,
    }),
  );
  good.push({
    file: '2025-01-01-решение о базе.md',
    title: 'Решение о базе данных',
    dialect: 'summary',
    status: 'accepted',
    date: '2025-01-01',
    priority: 'urgent',
    actionItems: { total: 2, open: 1 },
  });

  put('0007-決定.md', '# 7. 決定を記録する\n\nDate: 2024-03-01\n\n## Status\n\nAccepted\n\n## Context\n\n日本語の本文。\n\n## Decision\n\nWe record decisions.\n');
  good.push({ file: '0007-決定.md', title: '決定を記録する', dialect: 'nygard', status: 'accepted', date: '2024-03-01' });

  put(
    '0001-record-architecture-decisions.md',
    '# 1. Record architecture decisions\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\n## Context\n\nWe need to record the architectural decisions made on this project.\n\n## Decision\n\nWe will use ADRs.\n\n## Consequences\n\nSee the article.\n',
  );
  good.push({ file: '0001-record-architecture-decisions.md', title: 'Record architecture decisions', dialect: 'nygard', status: 'accepted', date: '2016-02-12' });

  put(
    '0002-use-postgres.md',
    '# 2. Use PostgreSQL\n\nDate: 2016-03-01\n\n## Status\n\nSuperseded\n\nSuperseded by [3. Use MySQL](0003-use-mysql.md)\n\n## Context\n\nStorage.\n\n## Decision\n\nPostgreSQL.\n',
  );
  good.push({
    file: '0002-use-postgres.md',
    title: 'Use PostgreSQL',
    dialect: 'nygard',
    status: 'superseded',
    date: '2016-03-01',
    links: [{ target: '0003-use-mysql.md', kind: 'superseded-by' }],
  });

  put(
    '0003-use-mysql.md',
    '# 3. Use MySQL\n\nDate: 2016-04-01\n\n## Status\n\nAccepted\n\nSupersedes [2. Use PostgreSQL](0002-use-postgres.md)\n\n## Context\n\nStorage again.\n\n## Decision\n\nMySQL.\n',
  );
  good.push({
    file: '0003-use-mysql.md',
    title: 'Use MySQL',
    dialect: 'nygard',
    status: 'accepted',
    date: '2016-04-01',
    links: [{ target: '0002-use-postgres.md', kind: 'supersedes' }],
  });

  put(
    '2025-02-01-madr2-queue.md',
    '# Use a managed queue\n\n* Status: accepted\n* Deciders: Ana, Bo\n* Date: 2025-02-01\n\n## Context and Problem Statement\n\nWhich queue?\n\n## Decision Outcome\n\nChosen option: "managed".\n',
  );
  good.push({ file: '2025-02-01-madr2-queue.md', title: 'Use a managed queue', dialect: 'madr2', status: 'accepted', date: '2025-02-01' });

  put(
    '2025-03-01-madr3-cache.md',
    '---\nstatus: proposed\ndate: 2025-03-01\ndeciders: Ana\n---\n# Cache the parse results\n\n## Context and Problem Statement\n\n```yaml\n---\nstatus: rejected\n---\n```\n\nFront matter look-alikes in a code block are not metadata.\n',
  );
  good.push({ file: '2025-03-01-madr3-cache.md', title: 'Cache the parse results', dialect: 'madr3', status: 'proposed', date: '2025-03-01' });

  // A BOM, CRLF, and mixed line endings: readable records that must keep their facts.
  put(
    '2025-04-01-bom.md',
    '\uFEFF' +
      summaryRecord({
        title: 'Record with a byte-order mark',
        status: '❓ Under Discussion',
        priority: '🟡 Important (2 weeks)',
        date: '2025-04-01',
        category: '📚 Documentation',
        items: OPEN_AND_DONE,
      }),
  );
  good.push({
    file: '2025-04-01-bom.md',
    title: 'Record with a byte-order mark',
    dialect: 'summary',
    status: 'proposed',
    date: '2025-04-01',
    priority: 'important',
    actionItems: { total: 2, open: 1 },
  });

  put(
    '2025-04-02-crlf.md',
    summaryRecord({
      title: 'Record with CRLF line endings',
      status: '✅ Approved',
      priority: '🟢 Planning (month)',
      date: '2025-04-02',
      category: '💼 Business',
      items: OPEN_AND_DONE,
    }).replace(/\n/g, '\r\n'),
  );
  good.push({
    file: '2025-04-02-crlf.md',
    title: 'Record with CRLF line endings',
    dialect: 'summary',
    status: 'accepted',
    date: '2025-04-02',
    priority: 'planning',
    actionItems: { total: 2, open: 1 },
  });

  {
    const lines = summaryRecord({
      title: 'Record with mixed line endings',
      status: '✅ Approved',
      priority: '🟢 Planning (month)',
      date: '2025-04-03',
      category: '🌐 Domain',
      items: OPEN_AND_DONE,
    }).split('\n');
    // Every third line ends in CRLF, one in a lone CR inside the body text.
    const text = lines.map((l, i) => (i === lines.length - 1 ? l : l + (i % 3 === 0 ? '\r\n' : '\n'))).join('');
    put('2025-04-03-mixed-eol.md', text.replace('We need to decide.', 'We need\rto decide.'));
  }
  good.push({
    file: '2025-04-03-mixed-eol.md',
    title: 'Record with mixed line endings',
    dialect: 'summary',
    status: 'accepted',
    date: '2025-04-03',
    priority: 'planning',
    actionItems: { total: 2, open: 1 },
  });

  put(
    '2025-05-01-with spaces in the name.md',
    summaryRecord({
      title: 'Aborted record with spaces in its file name',
      status: '**✗** **ABORTED** - Too expensive',
      priority: '⚪ Complete',
      date: '2025-05-01',
      category: '🚀 GTM',
      items: ['### ✅ Completed/Aborted', '', '- [x] ~~Buy the licence~~ **✗** **ABORTED** - Too expensive'],
      body: [
        'Script-looking content the site must render inert: <script>window.__hostile = 1</script>',
        '<img src=x onerror="window.__hostile = 2">',
        '[click](javascript:window.__hostile=3) [data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19ob3N0aWxlPTQ8L3NjcmlwdD4=)',
        '<svg><script>window.__hostile = 5</script></svg> <iframe src="javascript:window.__hostile=6"></iframe>',
        '<!-- <script>window.__hostile = 7</script> --> <a href="JaVaScRiPt:window.__hostile=8">x</a>',
        '![img](javascript:window.__hostile=9) <details open ontoggle="window.__hostile=10">d</details>',
      ].join('\n'),
    }) + '\n## Abort Rationale\n\nToo expensive.\n',
  );
  good.push({
    file: '2025-05-01-with spaces in the name.md',
    title: 'Aborted record with spaces in its file name',
    dialect: 'summary',
    status: 'aborted',
    date: '2025-05-01',
    priority: 'none',
    actionItems: { total: 1, open: 0 },
  });

  // The record the abort tests abort (open items, proposed).
  put(
    '2025-06-01-abort-target.md',
    summaryRecord({
      title: 'Adopt the frobnicator',
      status: '❓ Under Discussion',
      priority: '🔴 Urgent (this week)',
      date: '2025-06-01',
      category: '🏗️ Infrastructure',
      items: ['### 🔴 This Week (Urgent)', '', '- [ ] Order the frobnicator', '- [ ] Train the team', '', '### ✅ Completed/Aborted', '', '- [x] ~~Read the brochure~~ ✅ Done'],
    }),
  );
  good.push({
    file: '2025-06-01-abort-target.md',
    title: 'Adopt the frobnicator',
    dialect: 'summary',
    status: 'proposed',
    date: '2025-06-01',
    priority: 'urgent',
    actionItems: { total: 3, open: 2 },
  });

  put(
    '2025-06-02-madr4-decision-makers.md',
    '---\nstatus: "accepted"\ndate: 2025-06-02\ndecision-makers: [Ana, Bo]\nconsulted: Cy\n---\n\n# Use decision-makers in front matter\n\n## Context and Problem Statement\n\nMADR 4.\n',
  );
  good.push({ file: '2025-06-02-madr4-decision-makers.md', title: 'Use decision-makers in front matter', dialect: 'madr3', status: 'accepted', date: '2025-06-02' });

  // --------------------------------------------------------------------- hostile-but-parseable
  // Each of these is a readable record with a title; the hostile part is in its body. They must
  // be read (the title is known) without a crash and in time linear in their size.
  if (big) {
    const rows: string[] = ['| id | name | value |', '|---|---|---|'];
    for (let i = 0; i < 400_000; i++) rows.push(`| ${i} | r${i} | ${i % 97} |`);
    put('2025-07-01-huge-table.md', `# Huge table\n\n**Status**: ✅ Approved\\\n**Date**: 2025-07-01\n\n${rows.join('\n')}\n`);
    good.push({ file: '2025-07-01-huge-table.md', title: 'Huge table', dialect: 'summary', status: 'accepted', date: '2025-07-01' });
  }
  {
    const depth = 3000;
    const oneLine = '- '.repeat(10_000) + 'deep';
    const indented: string[] = [];
    for (let i = 0; i < depth; i++) indented.push(`${'  '.repeat(i)}- level ${i}`);
    const quotes = '> '.repeat(10_000) + 'quoted';
    const tasks: string[] = [];
    for (let i = 0; i < 500; i++) tasks.push(`${'  '.repeat(i)}- [ ] nested task ${i}`);
    put(
      '2025-07-02-deep-lists.md',
      `# Deep lists\n\n**Status**: ✅ Approved\\\n**Date**: 2025-07-02\n\n${oneLine}\n\n${indented.join('\n')}\n\n${quotes}\n\n## Goals\n\n${tasks.join('\n')}\n`,
    );
    good.push({ file: '2025-07-02-deep-lists.md', title: 'Deep lists', dialect: 'summary', status: 'accepted', date: '2025-07-02' });
  }
  {
    const brackets = '['.repeat(20_000);
    const emphasis = '**_'.repeat(20_000);
    const links = '[a]('.repeat(20_000);
    const backticks = '`'.repeat(20_000);
    const tags = '<a '.repeat(20_000);
    put(
      '2025-07-03-brackets.md',
      `# Unclosed brackets\n\n**Status**: ✅ Approved\\\n**Date**: 2025-07-03\n\n${brackets}\n\n${emphasis}\n\n${links}\n\n${backticks}\n\n${tags}\n\n[[[[[[ **_**_ ~~~~ ]] \n`,
    );
    good.push({ file: '2025-07-03-brackets.md', title: 'Unclosed brackets', dialect: 'summary', status: 'accepted', date: '2025-07-03' });
  }

  // --------------------------------------------------------------------------- bad files
  // Latin-1 (ISO-8859-1) bytes: "Entscheidung über Größe" with é, ü, ö as single bytes.
  put('latin1.md', Buffer.from('# Entscheidung \xfcber Gr\xf6\xdfe\n\nStatus: accept\xe9\n', 'latin1'));
  bad.push({ file: 'latin1.md', what: 'not UTF-8 (Latin-1 bytes)', mayList: false, mustBeNamed: true });

  {
    const rnd = prng(7);
    const body = new Uint8Array(64 * 1024);
    for (let i = 0; i < body.length; i++) body[i] = Math.floor(rnd() * 256);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(body)]);
    put('image.md', png);
    bad.push({ file: 'image.md', what: 'binary (PNG header + random bytes)', mayList: false, mustBeNamed: true });
  }

  put('empty.md', '');
  bad.push({ file: 'empty.md', what: 'empty file', mayList: true, mustBeNamed: true });

  put('front-matter-only.md', '---\nstatus: accepted\ndate: 2025-01-01\n---\n');
  bad.push({ file: 'front-matter-only.md', what: 'front matter only', mayList: true, mustBeNamed: true });

  put('broken-yaml.md', '---\nstatus: [accepted\ndate: : 2025-01-01\n  - bad: indent\n---\n# Broken YAML front matter\n\nBody.\n');
  bad.push({ file: 'broken-yaml.md', what: 'broken YAML front matter', mayList: true, mustBeNamed: true });

  put('nul-byte.md', '# A NUL \u0000 byte\n\n**Status**: ✅ Approved\\\n**Date**: 2025-01-02\n\nText\u0000more.\n');
  bad.push({ file: 'nul-byte.md', what: 'a NUL byte', mayList: true, mustBeNamed: true });

  if (big) {
    // 50 MB: a valid header, then a repeated paragraph; larger than any decision record.
    const head = '# Fifty megabytes\n\n**Status**: ✅ Approved\\\n**Date**: 2025-01-03\n\n';
    const para = 'All work and no play makes a very long decision record. '.repeat(16) + '\n\n';
    const n = Math.ceil((50 * 1024 * 1024 - head.length) / para.length);
    put('fifty-megabytes.md', head + para.repeat(n));
    bad.push({ file: 'fifty-megabytes.md', what: '50 MB record', mayList: false, mustBeNamed: true });
  }

  // Links: a symlink loop (a folder linking to its parent) and a dangling symlink.
  symlinkSync('.', join(dir, 'loop'));
  mkdirSync(join(dir, 'sub'));
  symlinkSync('..', join(dir, 'sub', 'back-up'));
  bad.push({ file: 'loop', what: 'symlink loop (folder link to itself)', mayList: false, mustBeNamed: false });
  symlinkSync('ping.md', join(dir, 'pong.md'));
  symlinkSync('pong.md', join(dir, 'ping.md'));
  bad.push({ file: 'ping.md', what: 'file symlink loop (ELOOP)', mayList: false, mustBeNamed: true });
  bad.push({ file: 'pong.md', what: 'file symlink loop (ELOOP)', mayList: false, mustBeNamed: true });
  symlinkSync('does-not-exist.md', join(dir, 'dangling.md'));
  bad.push({ file: 'dangling.md', what: 'dangling symlink', mayList: false, mustBeNamed: true });

  if (options.fifo !== false) {
    try {
      execFileSync('mkfifo', [join(dir, 'fifo.md')]);
      bad.push({ file: 'fifo.md', what: 'a FIFO named .md (must not hang)', mayList: false, mustBeNamed: true });
    } catch {
      // no mkfifo: the vanishing-file test still covers the race
    }
  }

  return { root, dir, good, bad, bytes };
}
