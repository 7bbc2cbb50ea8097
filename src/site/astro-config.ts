/**
 * The Astro configuration of a site build or dev server, given inline (`configFile: false`):
 * the root is the work folder (writable), the pages come from the package's `site/` folder.
 */
import type { AstroInlineConfig } from 'astro';
import { join } from 'node:path';
import { packageRoot } from './work.js';

/** Settings that vary between runs. */
export interface AstroRunSettings {
  /** The work folder (Astro's root). */
  work: string;
  /** URL base path, `/` or `/x/`. */
  base: string;
  /** Absolute origin of the published site, or null. */
  site: string | null;
  /** Where Astro writes the pages (a folder inside the work folder). */
  outDir: string;
}

/** The inline Astro configuration for our site. */
export function astroConfig(settings: AstroRunSettings, mode: 'build' | 'dev'): AstroInlineConfig {
  const pkg = packageRoot();
  return {
    configFile: false,
    root: settings.work,
    srcDir: join(settings.work, 'site'),
    publicDir: join(settings.work, 'public'),
    outDir: settings.outDir,
    cacheDir: join(settings.work, 'cache'),
    base: settings.base,
    ...(settings.site ? { site: settings.site } : {}),
    trailingSlash: 'ignore',
    // No inline <style> or <script> in any page: every page carries a Content-Security-Policy that
    // allows styles and scripts only from the site's own files (site/lib/csp.ts).
    build: { format: 'directory', inlineStylesheets: 'never' },
    devToolbar: { enabled: false },
    logLevel: mode === 'build' ? 'warn' : 'info',
    vite: {
      cacheDir: join(settings.work, 'vite'),
      logLevel: mode === 'build' ? 'warn' : 'info',
      // Astro inlines scripts (and Vite small assets) under this size; 0 keeps them all files.
      build: { assetsInlineLimit: 0 },
      server: { fs: { allow: [settings.work, pkg] } },
    },
  };
}
