/**
 * `adr site build | dev | serve`: the decisions site. Heavy modules (Astro, Pagefind) load
 * only inside the subcommand that needs them.
 */
import { parseFlags } from './args.js';
import { UsageError, UserError, type Command, type CommandContext } from './context.js';

const HELP = `Usage: adr site <build|dev|serve> [options]

Examples:
  adr site build --out .site && adr site serve --out .site
  adr site build --dir packages/api/docs/adr --dir packages/web/docs/adr --out public/decisions --base /decisions/
  adr site dev --port 4000

Build, preview or serve the static decisions site: an overview table (sortable, filterable),
a page per record with back-links and its supersede chain, an action-items board, a timeline,
a relation graph, full-text search (Pagefind, offline), an RSS feed and dark mode.

Subcommands:
  build   build the site into a folder (default .site)
  dev     development server that reloads when a record changes
  serve   serve a built site on 127.0.0.1

Options:
  -d, --dir DIR     a log folder; repeat for several logs in one site (monorepos)
  -o, --out DIR     output folder of build, folder served by serve (default .site)
      --base PATH   URL path the site lives under, e.g. /decisions/ (default /)
      --site URL    public origin of the site, for absolute links in the RSS feed
      --title TEXT  site title (default: the log's configured title, else "Decisions")
  -p, --port N      port of serve and dev (default 4321; 0 picks a free one)
  -h, --help        this help

The build runs in a work folder under $XDG_CACHE_HOME/adr/site/ (else ~/.cache/adr/site/)
and refuses to write into a non-empty folder that is not an earlier adr site.
`;

const OPTIONS = {
  dir: { type: 'string', short: 'd', multiple: true },
  out: { type: 'string', short: 'o' },
  base: { type: 'string' },
  site: { type: 'string' },
  title: { type: 'string' },
  port: { type: 'string', short: 'p' },
} as const;

function portOf(value: unknown): number {
  if (value === undefined) return 4321;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port wants a number from 0 to 65535, not '${String(value)}'`, 'site');
  return port;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function siteOrigin(value: unknown): string | null {
  const text = stringOf(value);
  if (!text) return null;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new UsageError(`--site wants an absolute http(s) URL, not '${text}'`, 'site');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`--site wants an http(s) URL, not '${text}'`, 'site');
  return parsed.origin;
}

/** Resolves when the process is asked to stop (Ctrl+C or SIGTERM). */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Astro, Pagefind and remark are optional peer dependencies (the other commands install without
 * them): say how to install them before anything under src/site loads one of them.
 */
async function needSitePackages(sub: string, argv: string[], ctx: CommandContext): Promise<void> {
  const { ensureFeature } = await import('../optional-deps.js');
  ensureFeature('site', { command: `adr site ${sub}`, argv: ['site', ...argv], cwd: ctx.cwd });
}

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags('site', argv, OPTIONS, 1);
  const sub = positionals[0];
  const dirs = (Array.isArray(values.dir) ? values.dir : values.dir ? [values.dir] : []).filter((d): d is string => typeof d === 'string');
  if (sub === 'build') {
    if (values.port !== undefined) throw new UsageError('--port is for site serve and site dev', 'site');
    await needSitePackages(sub, argv, ctx);
    const { buildSite } = await import('../site/build.js');
    const result = await buildSite({
      cwd: ctx.cwd,
      dirs,
      out: stringOf(values.out),
      base: stringOf(values.base),
      site: siteOrigin(values.site),
      title: stringOf(values.title) ?? null,
      env: ctx.env,
      stdout: ctx.stdout,
      stderr: ctx.stderr,
    });
    return result.pages > 0 ? 0 : 1;
  }
  if (sub === 'serve') {
    const port = portOf(values.port);
    const { resolve } = await import('node:path');
    const { readMarker } = await import('../site/work.js');
    const { startServer } = await import('../site/serve.js');
    const dir = resolve(ctx.cwd, stringOf(values.out) ?? '.site');
    const marker = await readMarker(dir);
    if (!marker) throw new UserError(`no adr site in ${stringOf(values.out) ?? '.site'}: build one first with \`adr site build --out ${stringOf(values.out) ?? '.site'}\``);
    const server = await startServer({ dir, port, base: marker.base });
    ctx.stdout.write(`adr site serve: ${stringOf(values.out) ?? '.site'} at ${server.url} (Ctrl+C stops)\n`);
    await untilSignal();
    await server.close();
    return 0;
  }
  if (sub === 'dev') {
    const port = portOf(values.port);
    await needSitePackages(sub, argv, ctx);
    const { devSite } = await import('../site/dev.js');
    await devSite({
      cwd: ctx.cwd,
      dirs,
      base: stringOf(values.base),
      port,
      title: stringOf(values.title) ?? null,
      env: ctx.env,
      stdout: ctx.stdout,
      until: untilSignal(),
    });
    return 0;
  }
  throw new UsageError(sub ? `unknown subcommand '${sub}' (build, dev or serve)` : 'which one: build, dev or serve?', 'site');
}

/** `adr site`. */
export const command: Command = {
  summary: 'build or serve the decisions site (site build | site dev | site serve)',
  help: HELP,
  run,
};
