// Astro configuration for working on the decisions site inside this repository:
// `npx astro dev` / `npx astro build` (after `npm run build`, which compiles src/ to dist/)
// show this repository's own log. `adr site build|dev` does not use this file: it passes the
// same settings inline (configFile: false) with a work folder as root (src/site/astro-config.ts).
import { defineConfig } from 'astro/config';

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './.site',
  trailingSlash: 'ignore',
  // Same as src/site/astro-config.ts: no inline styles or scripts (the pages' CSP allows neither).
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  vite: { build: { assetsInlineLimit: 0 } },
});
