// `adr site build` on three fixture logs in one site (under a base path), then assertions on
// the HTML: one h1 per page, badges, back-links with their kind, anchors, links rewritten,
// nothing executable from the records, a valid feed, the build's own report.
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adr, tempCopy, type Run } from './helpers.js';

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
let run: Run;
let out = '';
const pages = new Map<string, string>();

async function htmlFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

const page = (path: string): string => {
  const html = pages.get(path);
  if (html === undefined) throw new Error(`no page ${path}; pages: ${[...pages.keys()].join(', ')}`);
  return html;
};

beforeAll(async () => {
  ({ dir, cleanup } = await tempCopy(['basic', 'second', 'hostile']));
  out = join(dir, 'public-site');
  run = await adr(dir, dir, [
    'site', 'build',
    '--dir', 'basic/decisions', '--dir', 'second/doc/adr', '--dir', 'hostile/decisions',
    '--out', 'public-site', '--base', '/decisions/', '--site', 'https://example.org',
  ]);
  if (run.code !== 0) throw new Error(`build failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
  for (const file of await htmlFiles(out)) {
    const path = relative(out, file).split('\\').join('/');
    // The diagram renderer's own page is no page of the site (see the mermaid test below).
    if (!path.startsWith('mermaid/')) pages.set(path, await readFile(file, 'utf8'));
  }
}, 240_000);

afterAll(async () => {
  await cleanup();
});

describe('the build report', () => {
  it('names each step with its time, and the unreadable record with file and line', () => {
    expect(run.stdout).toMatch(/read log\s+10 records, 1 problem\s+\d+\.\d\d s/);
    expect(run.stdout).toMatch(/astro build\s+\d+ pages\s+\d+\.\d\d s/);
    expect(run.stdout).toMatch(/pagefind\s+\d+ pages indexed\s+\d+\.\d\d s/);
    expect(run.stdout).toMatch(/done in \d+\.\d\d s/);
    expect(run.stderr).toContain('basic/decisions/2025-08-01-latin1-record.md:1:');
    expect(run.stderr).toMatch(/not UTF-8/);
  });

  it('writes the marker, the feed, the search index and a 404 page', async () => {
    expect(JSON.parse(await readFile(join(out, '.adr-site.json'), 'utf8'))).toMatchObject({ generator: 'adr', base: '/decisions/' });
    expect((await readdir(join(out, 'pagefind'))).some((f) => f === 'pagefind-ui.js')).toBe(true);
    expect(page('404.html')).toContain('Page not found');
  });
});

describe('every page', () => {
  it('has exactly one h1, the landmarks and a title', () => {
    expect(pages.size).toBeGreaterThan(20);
    for (const [path, html] of pages) {
      expect(html.match(/<h1[\s>]/g)?.length, path).toBe(1);
      for (const landmark of ['<header', '<nav', '<main', '<footer']) expect(html, `${path} ${landmark}`).toContain(landmark);
      expect(html, path).toMatch(/<title>[^<]+<\/title>/);
      expect(html, path).toContain('<html lang="en">');
    }
  });

  it('carries a strict Content-Security-Policy first, and no inline script or style for it to refuse', () => {
    for (const [path, html] of pages) {
      const head = /<head>([\s\S]*?)<\/head>/.exec(html)![1];
      expect(head.trimStart().startsWith('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy"'), path).toBe(true);
      const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(head)![1].replace(/&#39;/g, "'");
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).toContain("style-src 'self';");
      expect(csp).not.toContain('unsafe-inline');
      for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) expect(tag, path).toMatch(/\ssrc=/);
      expect(html, path).not.toMatch(/<style[\s>]/);
      expect(html, path).not.toMatch(/\sstyle=/);
      expect(html, path).toMatch(/<link rel="icon" href="\/decisions\/favicon.svg"/);
    }
  });

  it('links inside the base path only', () => {
    for (const [path, html] of pages) {
      for (const [, href] of html.matchAll(/href="(\/[^"]*)"/g)) expect(href.startsWith('/decisions/'), `${path}: ${href}`).toBe(true);
    }
  });

  it('never carries the records\' scripts, handlers or javascript: URLs', () => {
    for (const [path, html] of pages) {
      expect(html, path).not.toMatch(/<script[^>]*>[^<]*__pwned/);
      expect(html, path).not.toMatch(/\son[a-z]+\s*=\s*["']?[^"'>]*__pwned/i);
      expect(html, path).not.toMatch(/(href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(javascript|data|vbscript):/i);
      expect(html, path).not.toMatch(/<(iframe|object|embed|style)[\s>]/i);
    }
  });
});

describe('a multi-log site', () => {
  it('has a home page listing each log and a section per log', () => {
    const home = page('index.html');
    expect(home).toContain('href="/decisions/basic/"');
    expect(home).toContain('href="/decisions/second/"');
    expect(home).toContain('href="/decisions/hostile/"');
    expect(pages.has('basic/index.html')).toBe(true);
    expect(pages.has('second/records/0003-use-graphql/index.html')).toBe(true);
  });
});

describe('the overview', () => {
  it('is a plain table with every record, counts by status and labelled filters', () => {
    const html = page('basic/index.html');
    expect(html.match(/<tr[^>]* data-status=/g)?.length).toBe(6);
    expect(html).toContain('href="/decisions/basic/records/2025-08-10-use-postgresql/"');
    expect(html).toMatch(/class="count-chip status-superseded" data-status-count="superseded"><span class="dot" aria-hidden="true"><\/span><span class="count-label">Superseded<\/span> <span class="count-number">2<\/span>/);
    for (const name of ['text', 'priority', 'category']) {
      const id = new RegExp(`<label for="(t-basic-${name})">`).exec(html)?.[1];
      expect(id, name).toBeTruthy();
      expect(html).toMatch(new RegExp(`<(select|input) id="${id}"`));
    }
    // The decision comes from the record's summary, else from the overview file's Decision column.
    expect(html).toContain('PostgreSQL 16 for all services');
    // A numbered log has an ID column; a log without numbers has none.
    expect(page('second/index.html')).toContain('<th scope="col" class="col-ref"');
    expect(html).not.toContain('class="col-ref"');
  });

  it('lists the unreadable file with its line', () => {
    // By its path from the repository root (here the folder of the log's config).
    expect(page('basic/index.html')).toContain('<code class="wrap-anywhere">decisions/2025-08-01-latin1-record.md:1</code>');
  });
});

const postgresPage = () => page('basic/records/2025-08-10-use-postgresql/index.html');

describe('a record page', () => {
  const postgres = postgresPage;

  it('shows the title as h1 and each fact once: status, date, priority, category', () => {
    const html = postgres();
    expect(html).toMatch(/<h1[^>]*>Use PostgreSQL for Storage<\/h1>/);
    expect(html).toMatch(/<dt>Status<\/dt><dd><span class="chip chip-normal status-accepted"[^>]*>.*Accepted<\/span>/);
    expect(html).toMatch(/<dt>Priority<\/dt><dd><span class="priority priority-urgent">.*Urgent<\/span>/);
    expect(html).toContain('<dt>Category</dt><dd>Infrastructure</dd>');
    expect(html).toContain('<dt>Date</dt><dd><time datetime="2025-08-10">2025-08-10</time></dd>');
    // The body's own fact block, action items and footer are not repeated under them.
    expect(html).not.toContain('Decision Summary');
    expect(html).not.toMatch(/<em>Status:/);
    expect(html.match(/Provision the primary database in staging/g)?.length).toBe(1);
    // Its footer's Last Updated is the decision date: not a fact of its own.
    expect(html).not.toContain('<dt>Updated</dt>');
  });

  it('links back to the overview and shows action items with progress', () => {
    const html = postgres();
    expect(html).toContain('<a href="/decisions/basic/">basic/decisions</a>');
    expect(html).toMatch(/1\/6<span class="visually-hidden"> action items done \(1 of 6 done, 1 aborted, 4 open\)<\/span><\/span>\s*<span class="progress-aborted-text" aria-hidden="true">1 aborted<\/span>/);
    expect(html).toContain('Provision the primary database in staging');
  });

  it('rewrites links to other records, keeping {#id} anchors that exist on the target', () => {
    const html = postgres();
    expect(html).toContain('href="/decisions/basic/records/2025-08-06-infrastructure/#monorepo"');
    expect(page('basic/records/2025-08-06-infrastructure/index.html')).toContain('<h2 id="monorepo">Monorepo Structure</h2>');
    expect(html).toContain('<h2 id="the-decision">Decision</h2>');
    expect(page('basic/records/2025-08-12-pricing-model/index.html')).toContain('href="/decisions/basic/records/2025-08-10-use-postgresql/#the-decision"');
  });

  it('copies the repository images it shows, never SVG or files outside the repository', async () => {
    const html = postgres();
    const src = /<img src="(\/decisions\/assets\/[a-f0-9]{8}-storage-diagram\.png)" alt="Storage architecture"/.exec(html)?.[1];
    expect(src).toBeTruthy();
    const copied = await readFile(join(out, src!.slice('/decisions/'.length)));
    expect(copied.subarray(1, 4).toString()).toBe('PNG');
    expect(html).toContain('[image: Scripted drawing]');
    expect(html).toContain('[image: Outside the repository]');
    expect(await readdir(join(out, 'assets'))).toHaveLength(1);
  });

  it('lists back-links with their kind and the supersede chain, oldest first', () => {
    const mysql = page('basic/records/2025-07-15-use-mysql/index.html');
    const backlinks = /<h2 id="adr-relations">Relations<\/h2>([\s\S]*?)<\/section>/.exec(mysql)![1];
    expect(backlinks).toContain('href="/decisions/basic/records/2025-08-10-use-postgresql/"');
    // MySQL links both ways (it supersedes SQLite, PostgreSQL supersedes it): each relation once.
    expect(backlinks).toMatch(/kind-(superseded-by|supersedes)[^>]*>(Superseded by|Supersedes this)/);
    expect(backlinks.match(/2025-08-10-use-postgresql/g)?.length).toBe(1);
    const chain = /<ol class="chain">([\s\S]*?)<\/ol>/.exec(mysql)![1];
    const order = ['Use SQLite', 'Use MySQL', 'Use PostgreSQL for Storage'].map((t) => chain.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(mysql).toContain('This decision was replaced by <a href="/decisions/basic/records/2025-08-10-use-postgresql/">');
    expect(mysql).toMatch(/<article class="record is-faded"/);
  });

  it('reads a mojibake record as the text it was meant to be', () => {
    const nix = page('basic/records/2025-08-06-nix-development-environment/index.html');
    expect(nix).toContain('Aborted');
    expect(nix).not.toContain('‚úó');
    expect(nix).not.toContain('‚úÖ');
    // The footer's status, repaired, in the check finding that shows it disagrees with the header.
    expect(nix).toContain('Unexpected status `✅ Approved` in the footer');
  });

  it('works for Nygard records with Supersedes / Amends links', () => {
    const graphql = page('second/records/0003-use-graphql/index.html');
    expect(graphql).toMatch(/<h1[^>]*>Use GraphQL<\/h1>/);
    expect(graphql).toContain('Decision 0003');
    const rest = page('second/records/0002-use-rest-api/index.html');
    expect(rest).toMatch(/chip chip-normal status-superseded/);
    // Nygard's Date line and Status section are facts of the page's head, not repeated in the body.
    expect(rest).not.toMatch(/<h2 id="status">/);
    expect(rest).not.toContain('<p>Date: 2024-03-05</p>');
  });

  it('keeps hostile text as text', () => {
    const hostile = page('hostile/records/2025-01-01-hostile-html/index.html');
    expect(hostile).toContain('class="link-inert"');
    expect(hostile).toContain('<a href="https://example.org/" rel="noopener noreferrer">safe link</a>');
  });
});

describe('the other pages', () => {
  it('board: open items by horizon, then done and aborted ones, each linked to its record', () => {
    const html = page('basic/actions/index.html');
    const column = (key: string): string => new RegExp(`<section class="board-column column-${key}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
    expect(column('urgent')).toContain('This week');
    expect(column('urgent')).toContain('Provision the primary database in staging');
    expect(column('done')).toContain('Benchmark PostgreSQL 16 against MySQL 8');
    expect(column('aborted')).toContain('Try CockroachDB');
    expect(column('aborted')).toContain('Licence changed');
    expect(html).toContain('href="/decisions/basic/records/2025-08-10-use-postgresql/"');
    // The counts are the overview's: open items there, open items here.
    const open = Number(/(\d+) open action items?/.exec(page('basic/index.html'))![1]);
    const cards = ['urgent', 'important', 'planning', 'none', 'other'].reduce((sum, key) => sum + (column(key).match(/<li class="card item-open">/g)?.length ?? 0), 0);
    expect(cards).toBe(open);
    expect(html).toContain(`${open} open,`);
  });

  it('timeline: months newest first', () => {
    const html = page('basic/timeline/index.html');
    expect(html.indexOf('August 2025')).toBeLessThan(html.indexOf('July 2025'));
    expect(html.indexOf('July 2025')).toBeLessThan(html.indexOf('June 2025'));
  });

  it('graph: inline SVG with linked nodes and a text list of relations', () => {
    const html = page('second/graph/index.html');
    expect(html).toContain('<svg class="relation-graph"');
    expect(html).toContain('href="/decisions/second/records/0002-use-rest-api/"');
    expect(html).toMatch(/kind-supersedes[^>]*>supersedes</);
    expect(html).toMatch(/kind-amends[^>]*>amends</);
  });

  it('search page loads pagefind from the base path', () => {
    expect(page('search/index.html')).toContain('data-bundle="/decisions/pagefind/"');
  });
});

describe('the diagram renderer', () => {
  it('is copied only with a record that draws a diagram, with a policy of its own: no network, no other script', async () => {
    const frame = await readFile(join(out, 'mermaid', 'frame.html'), 'utf8');
    expect(frame).toContain(`content="default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src data:"`);
    expect(frame).toContain('<script src="mermaid.min.js"></script>');
    expect((await readdir(join(out, 'mermaid'))).sort()).toEqual(['frame.html', 'frame.js', 'mermaid.min.js']);
    expect(postgresPage()).toContain('class="language-mermaid"');
  });
});

describe('the RSS feed', () => {
  it('is well-formed RSS 2.0 with absolute links and escaped text', async () => {
    const xml = await readFile(join(out, 'rss.xml'), 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">')).toBe(true);
    for (const tag of ['title', 'link', 'description']) expect(xml).toMatch(new RegExp(`<channel>[\\s\\S]*<${tag}>[^<]+</${tag}>`));
    expect(xml).toContain('<link>https://example.org/decisions/basic/records/2025-08-10-use-postgresql/</link>');
    expect(xml).toContain('<pubDate>Sun, 10 Aug 2025 00:00:00 +0000</pubDate>');
    expect(xml).toContain('Nix Development Environment &amp; Package Distribution Strategy');
    // Well-formed: every element closes, no raw markup from the records.
    const opened = [...xml.matchAll(/<(item|title|link|guid|description|category|pubDate)[ >]/g)].length;
    const closed = [...xml.matchAll(/<\/(item|title|link|guid|description|category|pubDate)>/g)].length;
    expect(closed).toBe(opened);
    expect(xml).not.toMatch(/<(script|img|svg)/i);
    expect(xml.match(/<item>/g)?.length).toBe(10);
    // Descriptions are our own sanitised HTML in CDATA; nothing a feed reader decodes becomes markup.
    for (const [, body] of xml.matchAll(/<description><!\[CDATA\[([\s\S]*?)\]\]><\/description>/g)) {
      expect(body).not.toMatch(/<(?!\/?(p|strong|em|code|a|del)[\s>])/);
    }
  });
});

describe('the output folder', () => {
  it('is refused when it holds something else', async () => {
    const other = join(dir, 'not-a-site');
    await mkdir(other);
    await writeFile(join(other, 'keep.txt'), 'precious');
    const refused = await adr(dir, dir, ['site', 'build', '--dir', 'basic/decisions', '--out', 'not-a-site']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not empty and is not an earlier adr site/);
    expect(await readFile(join(other, 'keep.txt'), 'utf8')).toBe('precious');
  });

  it('is refused when it holds the log', async () => {
    const refused = await adr(dir, dir, ['site', 'build', '--dir', 'basic/decisions', '--out', 'basic']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/holds the log/);
  });
});
