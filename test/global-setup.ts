/**
 * Vitest's global setup (test/vitest.config.ts): compiles src/ to dist/ once before any test runs.
 * Several suites run what users run (the compiled CLI spawned as a process, the site build that
 * forks dist/site/astro-runner.js, the packed tarball), so a fresh checkout, or one whose dist/ is
 * older than its sources, would otherwise test nothing or the wrong code. `npm test` builds first
 * itself and sets ADR_TEST_BUILT, so it is not built twice.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  if (process.env.ADR_TEST_BUILT === '1') return;
  const root = join(import.meta.dirname, '..');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error('tsc failed: the tests need dist/ compiled from src/ (see the errors above)');
}
