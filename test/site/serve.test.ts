// `adr site serve`'s static server and the command's argument handling (no Astro build here).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../dist/site/serve.js';
import { adr } from './helpers.js';

let root = '';
let site = '';
let plain: RunningServer;
let based: RunningServer;

/** A raw GET (no URL normalisation by a client library, so `..` reaches the server as written). */
function get(server: RunningServer, path: string, method = 'GET'): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'adr-serve-'));
  site = join(root, 'site');
  await mkdir(join(site, 'records', 'a b'), { recursive: true });
  await writeFile(join(site, 'index.html'), '<h1>home</h1>');
  await writeFile(join(site, '404.html'), '<h1>missing</h1>');
  await writeFile(join(site, 'rss.xml'), '<rss/>');
  await writeFile(join(site, 'records', 'a b', 'index.html'), '<h1>record</h1>');
  await writeFile(join(root, 'secret.txt'), 'do not serve');
  await writeFile(join(site, '.adr-site.json'), JSON.stringify({ generator: 'adr', base: '/', logs: [] }));
  plain = await startServer({ dir: site, port: 0 });
  based = await startServer({ dir: site, port: 0, base: '/docs/' });
});

afterAll(async () => {
  await plain?.close();
  await based?.close();
  await rm(root, { recursive: true, force: true });
});

describe('the static server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves index.html for folders, with types, and redirects folders without a slash', async () => {
    const home = await get(plain, '/');
    expect(home.status).toBe(200);
    expect(home.body).toBe('<h1>home</h1>');
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await get(plain, '/records/a%20b/')).body).toBe('<h1>record</h1>');
    const redirect = await get(plain, '/records/a%20b?x=1');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/records/a%20b/?x=1');
    expect((await get(plain, '/rss.xml')).headers['content-type']).toBe('application/rss+xml; charset=utf-8');
  });

  it('answers unknown paths with the 404 page and status 404', async () => {
    const missing = await get(plain, '/nope/');
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('<h1>missing</h1>');
  });

  it('never serves files outside the site', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/records/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await get(plain, path);
      expect(res.body, path).not.toContain('do not serve');
    }
    expect((await get(plain, '/a%00b')).status).toBe(400);
  });

  it('allows GET and HEAD only', async () => {
    expect((await get(plain, '/', 'POST')).status).toBe(405);
    const head = await get(plain, '/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('serves a site built for a base path under that path', async () => {
    expect(based.url).toMatch(/\/docs\/$/);
    expect((await get(based, '/docs/')).body).toBe('<h1>home</h1>');
    expect((await get(based, '/')).status).toBe(302);
    expect((await get(based, '/docs')).status).toBe(302);
    expect((await get(based, '/index.html')).status).toBe(404);
  });
});

describe('adr site arguments', () => {
  it('asks for a subcommand and rejects unknown ones and flags (exit 2)', async () => {
    const none = await adr(root, root, ['site']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/build, dev or serve/);
    expect((await adr(root, root, ['site', 'publish'])).code).toBe(2);
    expect((await adr(root, root, ['site', 'build', '--frobnicate'])).code).toBe(2);
    expect((await adr(root, root, ['site', 'serve', '--port', 'eighty'])).code).toBe(2);
    expect((await adr(root, root, ['site', 'build', '--site', 'javascript:alert(1)'])).code).toBe(2);
  });

  it('explains itself with --help', async () => {
    const help = await adr(root, root, ['site', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/adr site build --out \.site/);
  });

  it('refuses to serve a folder that is not a built site (exit 1)', async () => {
    const res = await adr(root, root, ['site', 'serve', '--out', 'nothing-here']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/no adr site in nothing-here/);
  });

  it('names a taken port and what to do (exit 1), for serve and for dev', async () => {
    // `plain` holds a port: both commands are asked for it.
    const serve = await adr(root, root, ['site', 'serve', '--out', 'site', '--port', String(plain.port)]);
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain(`port ${plain.port} on 127.0.0.1 is already in use`);
    expect(serve.stderr).toMatch(/--port 0 picks a free one/);
    expect(serve.stderr).not.toMatch(/internal error|\n\s+at /);
    await mkdir(join(root, 'log', 'decisions'), { recursive: true });
    await writeFile(join(root, 'log', 'decisions', '0001-a.md'), '# 1. A\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n');
    const dev = await adr(join(root, 'log'), root, ['site', 'dev', '--dir', 'decisions', '--port', String(plain.port)]);
    expect(dev.code).toBe(1);
    expect(dev.stderr).toContain(`port ${plain.port} on 127.0.0.1 is already in use`);
  }, 120_000);

  it('says so when there is no log to build', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'adr-nolog-'));
    const res = await adr(empty, empty, ['site', 'build']);
    expect(res.code).toBe(1);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    await rm(empty, { recursive: true, force: true });
  });
});

describe('the work folder', () => {
  it('lives under XDG_CACHE_HOME, one per set of logs, and is locked by one process at a time', async () => {
    const { lockWorkFolder, workFolderFor } = await import('../../dist/site/work.js');
    const work = workFolderFor({ XDG_CACHE_HOME: join(root, 'cache') }, ['/a/decisions']);
    expect(work.startsWith(join(root, 'cache', 'adr', 'site'))).toBe(true);
    expect(workFolderFor({ XDG_CACHE_HOME: join(root, 'cache') }, ['/a/decisions'])).toBe(work);
    expect(workFolderFor({ XDG_CACHE_HOME: join(root, 'cache') }, ['/b/decisions'])).not.toBe(work);
    expect(workFolderFor({ HOME: root }, ['/a/decisions']).startsWith(join(root, '.cache', 'adr', 'site'))).toBe(true);
    const release = await lockWorkFolder(work);
    await expect(lockWorkFolder(work)).rejects.toThrow(/another adr site process/);
    await release();
    // A lock left by a process that is gone is taken over.
    await writeFile(join(work, '.lock'), '2147483646');
    const again = await lockWorkFolder(work);
    await again();
  });
});
