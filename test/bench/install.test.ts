/**
 * The install part of the bench (bench/install.mjs): how it weighs a node_modules folder and what
 * it writes into bench/results.md. The measuring itself (npm pack, cold installs, npx) runs in
 * `npm run bench`, never in a test.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: the bench is plain JavaScript.
import { installSection, INSTALL_BUDGET, weigh } from '../../bench/install.mjs';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('bench install part', () => {
  it('counts every package folder (scoped and nested too) and the bytes of their files, not following links', () => {
    const root = mkdtempSync(join(tmpdir(), 'adr-weigh-'));
    temps.push(root);
    const modules = join(root, 'node_modules');
    const pkg = (path: string, bytes: number) => {
      mkdirSync(join(modules, path), { recursive: true });
      writeFileSync(join(modules, path, 'package.json'), '{}');
      writeFileSync(join(modules, path, 'index.js'), 'x'.repeat(bytes));
    };
    pkg('a', 100);
    pkg('@scope/b', 200);
    pkg('a/node_modules/c', 300);
    mkdirSync(join(modules, '.bin'));
    symlinkSync(join(modules, 'a', 'index.js'), join(modules, '.bin', 'a'));
    mkdirSync(join(modules, 'a', 'lib'));
    writeFileSync(join(modules, 'a', 'lib', 'x.js'), 'y'.repeat(50));
    const { packages, bytes } = weigh(modules);
    expect(packages.sort()).toEqual(['@scope/b', 'a', 'a/node_modules/c']);
    expect(bytes).toBe(100 + 200 + 300 + 50 + 3 * 2);
  });

  it('writes the table, the budget verdict, the anchor ratio and the site packages line', () => {
    const row = (id: string, label: string, packages: number, bytes: number, ms: number) => ({
      id, label, packages: Array.from({ length: packages }, (_, i) => `p${i}`), bytes, diskKB: Math.round(bytes / 1024), times: [ms, ms + 100, ms - 100],
      command: `npx ${id} check`, first: { times: [500, 600, 700], status: 0 }, warm: { times: [300], status: 0 },
    });
    const install = {
      measuredAt: '2026-12-03T10:00:00.000Z', node: 'v20.20.2', npm: '11.0.0', tarball: 'adrkit-0.1.0.tgz', tarballBytes: 340 * 1024, runs: 3,
      rows: [row('adrkit', 'adrkit 0.1.0 (packed tarball)', 11, 2 * 1024 * 1024, 5000), row('markdownlint-cli2', 'markdownlint-cli2 0.22.1 (anchor)', 86, 9 * 1024 * 1024, 15000)],
      site: { command: 'npm install --save-dev astro@5.18', ms: 40000, ok: true, packages: 280, bytes: 200 * 1024 * 1024, diskKB: 220 * 1024 },
    };
    const text = installSection(install).join('\n');
    expect(text).toContain('| adrkit 0.1.0 (packed tarball) | 11 | 2.0 MB (2.0 MB) | 5.00 s (4.90 s–5.10 s) | `npx adrkit check` | 0.60 s (0.50 s–0.70 s) | 0.30 s |');
    expect(text).toContain(`≤ ${INSTALL_BUDGET.packages} packages and ≤ 10.0 MB: **PASS** (11 packages, 2.0 MB`);
    expect(text).toContain('0.22 × its size, 11 vs 86 packages, 0.33 × its install time');
    expect(text).toContain('`npm install --save-dev astro@5.18`, cold cache) in that project: 280 more packages, 200.0 MB');
    const heavy = { ...install, rows: [row('adrkit', 'adrkit', 31, 1024, 5000)] };
    expect(installSection(heavy).join('\n')).toContain('**FAIL**');
    expect(installSection(null).join('\n')).toContain('Not measured yet');
  });
});
