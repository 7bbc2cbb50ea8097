/**
 * A tiny static file server for a built site (`adr site serve`), bound to 127.0.0.1 only.
 * GET and HEAD, folders answer with their index.html, unknown paths with the site's 404 page
 * (status 404), and nothing outside the site folder is ever read.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, isAbsolute } from 'node:path';
import { UserError, userErrorFrom } from '../errors.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/rss+xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  // Pagefind's index files
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

/** Options of {@link startServer}. */
export interface ServeOptions {
  /** The built site's folder. */
  dir: string;
  /** Port; 0 picks a free one. */
  port: number;
  /** URL base path the site was built for (`/` or `/x/`). */
  base?: string;
  host?: string;
}

/** A running server. */
export interface RunningServer {
  /** `http://127.0.0.1:PORT/base/` */
  url: string;
  port: number;
  close(): Promise<void>;
}

async function fileAt(path: string): Promise<{ path: string; size: number } | 'dir' | null> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return 'dir';
    if (info.isFile()) return { path, size: info.size };
    return null;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, req: IncomingMessage, status: number, file: { path: string; size: number }): void {
  res.writeHead(status, {
    'Content-Type': TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': file.size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file.path)
    .on('error', () => res.destroy())
    .pipe(res);
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(`${text}\n`);
}

/**
 * A port the system will not give us is the user's to sort out: a UserError naming the port and
 * what to do (exit 1), or null for any other error.
 */
export function portError(error: NodeJS.ErrnoException, port: number, host = '127.0.0.1'): UserError | null {
  if (error.code === 'EACCES' || error.code === 'EPERM') {
    return new UserError(`not allowed to listen on port ${port} on ${host} (ports below 1024 need extra rights): choose another port with --port, e.g. --port 4321`);
  }
  if (error.code === 'EADDRINUSE' || error.code === 'EADDRNOTAVAIL') {
    // The house's wording of a taken port (errors.ts), with the port and host always named.
    return userErrorFrom(Object.assign(error, { port: (error as { port?: number }).port ?? port, address: (error as { address?: string }).address ?? host }));
  }
  return null;
}

/** Serves `dir` on 127.0.0.1; resolves once the server listens. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const root = resolve(options.dir);
  const base = options.base ?? '/';
  const host = options.host ?? '127.0.0.1';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      plain(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      plain(res, 400, 'bad request');
      return;
    }
    if (pathname.includes('\0')) {
      plain(res, 400, 'bad request');
      return;
    }
    if (base !== '/' && (pathname === '/' || `${pathname}/` === base)) {
      res.writeHead(302, { Location: base });
      res.end();
      return;
    }
    const notFound = async (): Promise<void> => {
      const page = await fileAt(join(root, '404.html'));
      if (page && page !== 'dir') send(res, req, 404, page);
      else plain(res, 404, 'not found');
    };
    if (!pathname.startsWith(base)) {
      await notFound();
      return;
    }
    const wanted = resolve(root, `.${pathname.slice(base.length - 1)}`);
    const rel = relative(root, wanted);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      await notFound();
      return;
    }
    const found = await fileAt(wanted);
    if (found === 'dir') {
      if (!pathname.endsWith('/')) {
        const query = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : '';
        res.writeHead(301, { Location: `${encodeURI(pathname)}/${query}` });
        res.end();
        return;
      }
      const index = await fileAt(join(wanted, 'index.html'));
      if (index && index !== 'dir') send(res, req, 200, index);
      else await notFound();
      return;
    }
    if (found) send(res, req, 200, found);
    else await notFound();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) plain(res, 500, 'internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(portError(error, options.port, host) ?? error));
    server.listen(options.port, host, () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}${base}`,
    port,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections?.();
        server.close(() => resolvePromise());
      }),
  };
}
