/**
 * The site's one content loader: reads every log with our own parser (`readLog` from the
 * compiled package) and turns it into page data (`buildSiteData`). No second markdown reading
 * for metadata happens anywhere in the site.
 *
 * `../dist/...` works both in this repository (after `npm run build`) and from the installed
 * package, where site/ and dist/ are siblings as well.
 */
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';

type DataModule = typeof import('../dist/site/data.js');
type CacheModule = typeof import('../dist/site/render-cache.js');
type AssetsModule = typeof import('../dist/site/assets.js');
type OptionsModule = typeof import('../dist/site/options.js');
type ReadLogModule = typeof import('../dist/store/read-log.js');

/**
 * Node's own `import()`, out of Vite's reach: the compiled package then runs as plain Node
 * modules (as it does for the CLI) instead of being transformed by Vite and bundled into the
 * site's server build, which only made every build slower.
 */
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** Imports a module of the compiled package (`dist/` next to this folder). */
function fromDist<T>(path: string): Promise<T> {
  return nativeImport(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;
}

/** Progress reports go to the build orchestrator when it listens (see src/site/astro-runner.ts). */
type Reporter = (event: Record<string, unknown>) => void;

/** The Astro object loader for `adr` logs. */
export function adrLoader(): Loader {
  return {
    name: 'adr-log',
    async load(context: LoaderContext): Promise<void> {
      const { store, watcher, logger, generateDigest } = context;
      const [{ buildSiteData }, { openRenderCache }, { copyAssets, placeMermaid }, { optionsFromEnv }, { readLog }] = await Promise.all([
        fromDist<DataModule>('site/data.js'),
        fromDist<CacheModule>('site/render-cache.js'),
        fromDist<AssetsModule>('site/assets.js'),
        fromDist<OptionsModule>('site/options.js'),
        fromDist<ReadLogModule>('store/read-log.js'),
      ]);
      const options = optionsFromEnv(process.env, process.cwd());
      const report = (globalThis as { __adrSiteReport?: Reporter }).__adrSiteReport;

      let roots: string[] = [];
      const sync = async (): Promise<void> => {
        const started = performance.now();
        const dirs = options.dirs.length > 0 ? options.dirs : [undefined];
        const logs = await Promise.all(dirs.map((dir) => readLog({ cwd: options.cwd, dir, env: process.env })));
        roots = logs.map((log) => log.dir);
        const cache = options.cacheFile ? await openRenderCache(options.cacheFile) : undefined;
        const data = await buildSiteData(logs, options, cache);
        await cache?.save().catch(() => undefined);
        const notes: string[] = [];
        if (options.copyAssets) {
          const publicDir = fileURLToPath(context.config.publicDir);
          await copyAssets(data.assets, data.base, publicDir);
          const diagrams = data.logs.some((log) => log.records.some((record) => record.bodyHtml.includes('class="language-mermaid"')));
          const mermaid = await placeMermaid(publicDir, diagrams, options.cwd);
          if (mermaid.note) notes.push(mermaid.note);
        }
        store.clear();
        for (const log of data.logs) {
          const entry = { ...log, site: { title: data.title, base: data.base, site: data.site, logCount: data.logs.length, dev: options.dev === true } };
          store.set({ id: log.key === '' ? 'default' : log.key, data: entry, digest: generateDigest(JSON.stringify(entry)) });
        }
        const records = data.logs.reduce((sum, log) => sum + log.records.length, 0);
        // The terminal names files as the person who ran the build would type them.
        const diagnostics = data.logs.flatMap((log) => log.diagnostics).map((d) => ({ ...d, source: d.path }));
        if (report) {
          report({ step: 'read', ms: performance.now() - started, records, logs: data.logs.map((l) => l.source), diagnostics, notes });
        } else {
          logger.info(`read ${records} records from ${data.logs.map((l) => l.source).join(', ')}`);
          for (const d of diagnostics) logger.warn(`${d.source}:${d.line}:${d.column}: ${d.message}`);
          for (const note of notes) logger.warn(note);
        }
      };

      await sync();

      // `adr site dev`: re-read when a record (or the overview file) changes; Astro reloads the pages.
      if (watcher) {
        const parents = roots.map((dir) => dir.replace(/[\\/][^\\/]+[\\/]?$/, ''));
        for (const dir of roots) watcher.add(dir);
        for (const parent of parents) watcher.add([`${parent}/*.md`, `${parent}/.adr.json`]);
        let timer: ReturnType<typeof setTimeout> | null = null;
        const changed = (path: string): void => {
          // Records anywhere under a log folder; the overview and config files next to it.
          const inLog = roots.some((dir) => path.startsWith(dir)) && /\.(md|markdown)$/i.test(path);
          const beside = parents.some((p) => path.replace(/[\\/][^\\/]+$/, '') === p) && /(\.md|\.adr\.json)$/i.test(path);
          if (!inLog && !beside) return;
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => {
            timer = null;
            sync().then(
              () => logger.info(`reloaded after a change to ${path}`),
              (error: unknown) => logger.error(`could not re-read the log: ${error instanceof Error ? error.message : String(error)}`),
            );
          }, 80);
        };
        watcher.on('change', changed);
        watcher.on('add', changed);
        watcher.on('unlink', changed);
      }
    },
  };
}
