#!/usr/bin/env node
// The one test command (`npm test`, also run by .ci/run): builds, makes sure a browser is
// there for the browser tests, then runs every test with vitest.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.ADR_CHROMIUM ?? '/usr/bin/chromium';

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`test: the browser tests need Debian's chromium at ${CHROMIUM}.`);
    console.error('test: install it with:  sudo apt-get install -y chromium   (or set ADR_CHROMIUM to a Chromium binary)');
    return false;
  }
  console.log('test: installing Debian chromium for the browser tests (apt-get install -y chromium)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0) return false;
  if (run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { env }) !== 0) return false;
  return existsSync(CHROMIUM);
}

if (run('npx', ['tsc', '-p', 'tsconfig.json']) !== 0) process.exit(1);
if (!ensureChromium()) process.exit(1);
const args = ['vitest', 'run', 'test/', ...process.argv.slice(2)];
process.exit(run('npx', args, { env: { ...process.env, ADR_CHROMIUM: CHROMIUM, ASTRO_TELEMETRY_DISABLED: '1' } }));
