/** `adr check` end to end: formats, exit codes, --output, --max-warnings, config, usage errors. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nygardRecord, summaryRecord } from '../../src/lint/examples.js';
import { parseBytes } from '../../src/parse/index.js';
import { runCheck, tempDir, writeFiles } from './helpers.js';

// The format's seed example as it arrived (mangled by a Mac Roman round trip), committed byte for byte.
const SEED = new URL('./golden/mojibake/before/decisions/2025-08-06-nix-development-environment.md', import.meta.url);
const SEED_FILE = 'decisions/2025-08-06-nix-development-environment.md';

function seedBytes(): Buffer {
  return readFileSync(SEED);
}

/** A clean two-record summary log with its overview. */
function cleanLog(): string {
  const dir = tempDir();
  writeFiles(dir, {
    'decisions/2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved', footerStatus: '✅ Approved' }),
    'decisions/2025-08-07-queue.md': summaryRecord({ title: 'Queue', status: '❓ Under Discussion', date: 'TBD' }),
    'DECISIONS.md': [
      '## Decision Overview',
      '',
      '| Category | Topic | Decision | Date | Priority | Status | Tasks |',
      '|---|---|---|---|---|---|---|',
      '| 🏗️ Infra | [Cache](decisions/2025-08-06-cache.md) | Redis | 6.8.25 | 🟡 | **✓** | **—** |',
      '| 🏗️ Infra | [Queue](decisions/2025-08-07-queue.md) | SQS? | - | 🟡 | ❓ | ◯ |',
      '',
    ].join('\n'),
  });
  return dir;
}

/** A log with only warnings (an aborted record without a reason). */
function warningLog(): string {
  const dir = tempDir();
  writeFiles(dir, { 'decisions/2025-08-06-nix.md': summaryRecord({ title: 'Nix', status: '**✗** **ABORTED**', backlink: false }) });
  return dir;
}

function seedLog(): string {
  const dir = tempDir();
  writeFiles(dir, { [SEED_FILE]: seedBytes() });
  return dir;
}

describe('adr check on a clean log', () => {
  it('exits 0 and says so', async () => {
    const { code, stdout, stderr } = await runCheck(['check'], cleanLog());
    expect(stderr).toBe('');
    expect(stdout).toBe('✔ No problems in 2 records.\n');
    expect(code).toBe(0);
  });

  it('prints an empty JSON array and no annotations', async () => {
    const dir = cleanLog();
    expect((await runCheck(['check', '--format', 'json'], dir)).stdout).toBe('[]\n');
    expect((await runCheck(['check', '--format', 'github'], dir)).stdout).toBe('');
  });
});

describe('adr check on the seed example', () => {
  it('reads the seed facts right (date, priority, category, status)', () => {
    const { decision } = parseBytes('2025-08-06-nix-development-environment.md', seedBytes());
    expect(decision).not.toBeNull();
    expect(decision!.status).toBe('aborted');
    expect(decision!.date).toBe('2025-08-06');
    expect(decision!.priority).toBe('important');
    expect(decision!.category).toBe('Infrastructure');
  });

  it('reports the summary/footer status mismatch as an error with file, line and column', async () => {
    const { code, stdout } = await runCheck(['check', '--format', 'json'], seedLog());
    expect(code).toBe(1);
    const found = JSON.parse(stdout) as Array<Record<string, unknown>>;
    const mismatch = found.filter((d) => d.rule === 'status-mismatch');
    expect(mismatch).toEqual([
      {
        file: SEED_FILE,
        line: 367,
        column: 10,
        endLine: 367,
        endColumn: expect.any(Number),
        rule: 'status-mismatch',
        severity: 'error',
        message: 'Unexpected status `✅ Approved` in the footer, expected `aborted` as declared in the summary (line 7)',
        fixable: false,
      },
    ]);
    const mojibake = found.filter((d) => d.rule === 'encoding-mojibake');
    expect(mojibake).toHaveLength(1);
    expect(mojibake[0]).toMatchObject({ severity: 'error', fixable: true, line: 3 });
    // Nothing about the seed's facts: no date, priority, title or abort-rationale problems.
    expect(found.map((d) => d.rule).filter((r) => /^(date|title|abort|status-missing|status-unknown)/.test(String(r)))).toEqual([]);
  });

  it('groups the stylish report and ends with the summary line', async () => {
    const { stdout } = await runCheck(['check'], seedLog());
    expect(stdout).toContain(`\n${SEED_FILE}\n`);
    expect(stdout).toMatch(/367:10 +error +Unexpected status `✅ Approved` in the footer/);
    expect(stdout).toMatch(/✖ \d+ problems \(\d+ errors, 0 warnings\)/);
    expect(stdout).toContain('potentially fixable with the `--fix` option');
    expect(stdout).not.toMatch(/\u001b\[/);
  });

  it('colours on a TTY unless NO_COLOR is set', async () => {
    const dir = seedLog();
    expect((await runCheck(['check'], dir, { tty: true })).stdout).toMatch(/\u001b\[31m/);
    expect((await runCheck(['check'], dir, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\u001b\[/);
    expect((await runCheck(['check', '--no-color'], dir, { tty: true })).stdout).not.toMatch(/\u001b\[/);
  });

  it('writes GitHub annotations with paths relative to the working directory', async () => {
    const dir = seedLog();
    const { stdout, code } = await runCheck(['check', '--format', 'github'], join(dir, 'decisions'));
    expect(code).toBe(1);
    expect(stdout).toContain(
      '::error file=2025-08-06-nix-development-environment.md,line=367,col=10,endLine=367,endColumn=',
    );
    expect(stdout).toContain(',title=status-mismatch::Unexpected status `✅ Approved` in the footer');
  });

  it('resolves annotation paths from GITHUB_WORKSPACE when it is set', async () => {
    const dir = seedLog();
    const { stdout } = await runCheck(['check', '--format', 'github'], join(dir, 'decisions'), { env: { GITHUB_WORKSPACE: dir } });
    expect(stdout).toContain(`::error file=${SEED_FILE},line=367,`);
  });

  it('resolves annotation paths from the git work tree when GITHUB_WORKSPACE is not set', async () => {
    const dir = seedLog();
    writeFiles(dir, { '.git/HEAD': 'ref: refs/heads/main\n' });
    const { stdout } = await runCheck(['check', '--format', 'github'], join(dir, 'decisions'));
    expect(stdout).toContain(`::error file=${SEED_FILE},line=367,`);
  });

  it('writes SARIF to --output and nothing to stdout', async () => {
    const dir = seedLog();
    const { stdout, code } = await runCheck(['check', '--format', 'sarif', '-o', 'reports/adr.sarif'], dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const sarif = JSON.parse(readFileSync(join(dir, 'reports', 'adr.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'status-mismatch');
    expect(result.locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: SEED_FILE, uriBaseId: '%SRCROOT%' },
      region: { startLine: 367, startColumn: 10 },
    });
    expect(sarif.runs[0].tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('limits the report to the files named', async () => {
    const dir = seedLog();
    writeFiles(dir, { 'decisions/2025-08-09-other.md': summaryRecord({ title: 'Other', status: '**✗** **ABORTED**' }) });
    const all = JSON.parse((await runCheck(['check', '--format', 'json'], dir)).stdout) as Array<{ file: string }>;
    expect(new Set(all.map((d) => d.file)).size).toBe(2);
    const one = JSON.parse((await runCheck(['check', '--format', 'json', 'decisions/2025-08-09-other.md'], dir)).stdout) as Array<{ file: string }>;
    expect(one.map((d) => d.file)).toEqual(['decisions/2025-08-09-other.md']);
  });
});

describe('exit codes and options', () => {
  it('exits 0 on warnings, 1 past --max-warnings', async () => {
    const dir = warningLog();
    const relaxed = await runCheck(['check'], dir);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toContain('✖ 1 problem (0 errors, 1 warning)');
    expect((await runCheck(['check', '--max-warnings', '1'], dir)).code).toBe(0);
    const strict = await runCheck(['check', '--max-warnings', '0'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('1 warnings, more than --max-warnings 0');
  });

  it('--quiet reports errors only', async () => {
    const { stdout, code } = await runCheck(['check', '--quiet'], warningLog());
    expect(code).toBe(0);
    expect(stdout).toBe('✔ No problems in 1 record.\n');
  });

  it('--rule runs only the rules named', async () => {
    const { stdout } = await runCheck(['check', '--format', 'json', '--rule', 'status-mismatch,date-future'], seedLog());
    expect(new Set((JSON.parse(stdout) as Array<{ rule: string }>).map((d) => d.rule))).toEqual(new Set(['status-mismatch']));
  });

  it('honours the config: severities, off and ignored paths', async () => {
    const dir = seedLog();
    writeFiles(dir, {
      '.adr.json': JSON.stringify({ dir: 'decisions', rules: { 'status-mismatch': 'warning', 'encoding-mojibake': 'off', 'link-missing-file': 'off' } }),
      'decisions/drafts/2025-08-09-x.md': summaryRecord({ title: 'X', status: 'Maybe' }),
    });
    const graded = JSON.parse((await runCheck(['check', '--format', 'json'], dir)).stdout) as Array<{ rule: string; severity: string; file: string }>;
    expect(graded.map((d) => [d.rule, d.severity])).toEqual([
      ['status-mismatch', 'warning'],
      ['status-unknown', 'warning'],
    ]);
    writeFiles(dir, {
      '.adr.json': JSON.stringify({ dir: 'decisions', rules: { 'status-mismatch': 'off', 'encoding-mojibake': 'off', 'link-missing-file': 'off' }, ignore: ['drafts/**'] }),
    });
    const quiet = await runCheck(['check'], dir);
    expect(quiet.stdout).toBe('✔ No problems in 1 record.\n');
    expect(quiet.code).toBe(0);
  });

  it('accepts --no-cache and gives the same answer', async () => {
    const dir = seedLog();
    const cached = await runCheck(['check', '--format', 'json'], dir);
    const fresh = await runCheck(['check', '--format', 'json', '--no-cache'], dir);
    expect(fresh.stdout).toBe(cached.stdout);
    expect(fresh.code).toBe(1);
  });

  it.each([
    [['check', '--format', 'xml'], /unknown format 'xml'/],
    [['check', '--max-warnings', 'many'], /--max-warnings expects a whole number/],
    [['check', '--rule', 'no-such-rule'], /unknown rule 'no-such-rule'/],
    [['check', '--frobnicate'], /frobnicate/],
    [['check', '--fix', '--fix-dry-run'], /either --fix or --fix-dry-run/],
  ])('exits 2 on usage errors: %j', async (argv, message) => {
    const { code, stderr } = await runCheck(argv, cleanLog());
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: adr check');
  });

  it('lists the rules', async () => {
    const { code, stdout } = await runCheck(['check', '--list-rules'], tempDir());
    expect(code).toBe(0);
    expect(stdout).toMatch(/^status-mismatch +error +Two status declarations/m);
    expect(stdout).toMatch(/^encoding-mojibake +error .*\(fixable\)$/m);
  });

  it('exits 1 with a message when there is no log', async () => {
    const { code, stderr } = await runCheck(['check'], tempDir());
    expect(code).toBe(1);
    expect(stderr).toMatch(/adr check: /);
  });

  it('never flags a clean Nygard log for lacking summary conventions', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'doc/adr/0001-record-architecture-decisions.md': nygardRecord(1, 'Record architecture decisions', ['Accepted']),
      'doc/adr/0002-use-x.md': nygardRecord(2, 'Use X', ['Superseded by [3. Use Y](0003-use-y.md)']),
      'doc/adr/0003-use-y.md': nygardRecord(3, 'Use Y', ['Accepted', 'Supersedes [2. Use X](0002-use-x.md)']),
    });
    const { code, stdout } = await runCheck(['check'], dir);
    expect(stdout).toBe('✔ No problems in 3 records.\n');
    expect(code).toBe(0);
  });
});
