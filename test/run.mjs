#!/usr/bin/env node
// The one test command (`npm test`, also run by .ci/run): builds, type-checks the site, makes sure a browser is
// there for the browser tests (and a colour-emoji font for their screenshots), then runs every
// test with vitest.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.ADR_CHROMIUM ?? '/usr/bin/chromium';

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Installs Debian packages when root; otherwise says how (the same message for each). */
function ensureDebian(hint, pkg, present, why) {
  if (present()) return true;
  if (!isRoot) {
    console.error(`test: ${why} need Debian's ${pkg}.`);
    console.error(`test: install it with:  sudo apt-get install -y ${pkg}${hint}`);
    return false;
  }
  console.log(`test: installing Debian ${pkg} for ${why} (apt-get install -y ${pkg})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0) return false;
  if (run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], { env }) !== 0) return false;
  return present();
}

function ensureChromium() {
  return ensureDebian('   (or set ADR_CHROMIUM to a Chromium binary)', 'chromium', () => existsSync(CHROMIUM), 'the browser tests');
}

/** Without a colour-emoji font Chromium draws the records' emoji as empty boxes in the screenshots. */
function ensureEmojiFont() {
  const font = '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf';
  return ensureDebian('', 'fonts-noto-color-emoji', () => existsSync(font), "the browser tests' screenshots");
}

if (run('npx', ['tsc', '-p', 'tsconfig.json']) !== 0) process.exit(1);
// The site's pages and components, which tsc does not read (.astro files): astro check, offline.
const astroCheck = ['astro', 'check', '--root', '.', '--tsconfig', 'site/tsconfig.json', '--minimumFailingSeverity', 'warning'];
if (run('npx', astroCheck, { env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true' } }) !== 0) process.exit(1);
if (!ensureChromium() || !ensureEmojiFont()) process.exit(1);
// Built above: the config's global setup (test/global-setup.ts) need not build again.
const args = ['vitest', 'run', '--config', 'test/vitest.config.ts', 'test/', ...process.argv.slice(2)];
process.exit(run('npx', args, { env: { ...process.env, ADR_CHROMIUM: CHROMIUM, ASTRO_TELEMETRY_DISABLED: '1', ADR_TEST_BUILT: '1' } }));
