/**
 * Realistic inconsistencies planted into copies of real logs: `adr check` must find each one, on the right file
 * and line, with a message that names what is wrong, and nothing else may change in the report.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { adr, copyLog, type Finding, findings, fixtureBytes, lineDiff, type RealLog, summarise, text } from './helpers.js';

// Each case runs the whole CLI in-process on a real log; the first one also pays for loading it.
vi.setConfig({ testTimeout: 60_000 });

/** Replaces `old` (which must occur) by `replacement` in a file of the copy. */
function edit(root: string, file: string, old: string, replacement: string): void {
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  if (!before.includes(old)) throw new Error(`${file} has no ${JSON.stringify(old)}`);
  writeFileSync(path, before.replace(old, replacement));
}

/** Findings in the planted copy that the untouched copy does not have. */
async function newFindings(log: RealLog, plant: (root: string) => void): Promise<Finding[]> {
  const baseline = new Set((await findings(copyLog(log))).map((f) => `${f.file}\0${f.rule}\0${f.message}`));
  const root = copyLog(log);
  plant(root);
  return (await findings(root)).filter((f) => !baseline.has(`${f.file}\0${f.rule}\0${f.message}`));
}

const NYGARD_10 = [
  '# 10. Use RFC 3339',
  '',
  'Date: 2018-07-01',
  '',
  '## Status',
  '',
  'Accepted',
  '',
  'Supersedes [8. Use ISO 8601 Format for Dates](0008-use-iso-8601-format-for-dates.md)',
  '',
  '## Context',
  '',
  'Timestamps, not dates.',
  '',
].join('\n');

interface Plant {
  name: string;
  log: RealLog;
  plant: (root: string) => void;
  /** `file:line severity rule` of every new finding, and a word each message must contain. */
  expect: Array<[string, string]>;
  /** Findings that are right too but not required (`file:line severity rule`). */
  optional?: string[];
}

const PLANTS: Plant[] = [
  {
    name: 'a one-way supersede (Nygard): the old record still says Accepted',
    log: 'adr-tools',
    plant: (root) => writeFileSync(join(root, 'doc/adr/0010-use-rfc-3339.md'), NYGARD_10),
    expect: [
      ['doc/adr/0008-use-iso-8601-format-for-dates.md:7 error relation-reciprocal', '0010-use-rfc-3339.md'],
      ['doc/adr/0008-use-iso-8601-format-for-dates.md:7 error supersede-accepted', '0010-use-rfc-3339.md'],
    ],
  },
  {
    name: 'a one-way supersede (log4brains): the successor says Supersedes, the old one says accepted',
    log: 'log4brains',
    plant: (root) =>
      edit(
        root,
        'docs/adr/20200926-use-the-adr-number-as-its-unique-id.md',
        '- Status: superseded by [20201016-use-the-adr-slug-as-its-unique-id](20201016-use-the-adr-slug-as-its-unique-id.md)',
        '- Status: accepted',
      ),
    expect: [
      ['docs/adr/20200926-use-the-adr-number-as-its-unique-id.md:3 error relation-reciprocal', '20201016'],
      ['docs/adr/20200926-use-the-adr-number-as-its-unique-id.md:3 error supersede-accepted', '20201016'],
    ],
  },
  {
    name: 'a dead link with a typo, and the record it meant',
    log: 'adr-tools',
    plant: (root) =>
      edit(root, 'doc/adr/0009-help-scripts.md', '## Consequences\n', '## Consequences\n\nSee also [5. Help comments](0005-help-comment.md).\n'),
    expect: [['doc/adr/0009-help-scripts.md:25 error link-missing-file', '0005-help-comments.md']],
  },
  {
    name: 'a footer that says Approved under a summary that says ABORTED',
    log: 'summary',
    plant: (root) =>
      edit(root, 'decisions/2025-08-07-serena-mcp-integration.md', '_Decision Status: **✗** ABORTED |', '_Decision Status: ✅ Approved |'),
    expect: [['decisions/2025-08-07-serena-mcp-integration.md:138 error status-mismatch', 'Approved']],
  },
  {
    name: 'an overview row whose priority and status disagree with the record',
    log: 'summary',
    plant: (root) =>
      edit(
        root,
        'DECISIONS.md',
        '| Defer for now, use inquire if needed    | 7.8.25 | 🟢       |   ❓   |',
        '| Defer for now, use inquire if needed    | 7.8.25 | 🔴       | **✓**  |',
      ),
    expect: [
      ['DECISIONS.md:10 error overview-row-drift', 'Priority'],
      ['DECISIONS.md:10 error overview-row-drift', 'Status'],
    ],
  },
  {
    name: 'a record with no row in the overview',
    log: 'summary',
    plant: (root) => {
      const path = join(root, 'DECISIONS.md');
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^\| 🏗️ \*\*Infra\*\* +\| \[Serena[^\n]*\n/mu, ''));
    },
    expect: [['DECISIONS.md:29 warning overview-missing-row', '2025-08-07-serena-mcp-integration.md']],
  },
  {
    name: 'an aborted record with an open action item',
    log: 'summary',
    plant: (root) =>
      edit(
        root,
        'decisions/2025-08-07-serena-mcp-integration.md',
        '- [x] ~~Evaluate Serena MCP for development workflow automation~~ **✗** **ABORTED** - Determined incompatible with transparent development practices',
        '- [ ] Evaluate Serena MCP for development workflow automation',
      ),
    expect: [
      ['decisions/2025-08-07-serena-mcp-integration.md:16 error aborted-open-items', 'Evaluate Serena MCP'],
      ['decisions/2025-08-07-serena-mcp-integration.md:16 warning overview-action-items', 'Evaluate Serena MCP'],
    ],
  },
  {
    name: 'two records with one number (adr-tools itself once had two 0007 files)',
    log: 'adr-tools',
    plant: (root) =>
      writeFileSync(
        join(root, 'doc/adr/0007-use-iso-8601-date-format.md'),
        '# 7. Use ISO 8601 date format\n\nDate: 2017-02-21\n\n## Status\n\nAccepted\n\n## Context\n\nDates.\n',
      ),
    expect: [
      ['doc/adr/0007-invoke-adr-config-executable-to-get-configuration.md:1 error id-duplicate', '0007-use-iso-8601-date-format.md'],
      ['doc/adr/0007-use-iso-8601-date-format.md:1 error id-duplicate', '0007-invoke-adr-config'],
    ],
  },
  {
    name: 'an impossible date',
    log: 'adr-tools',
    plant: (root) => edit(root, 'doc/adr/0005-help-comments.md', 'Date: 2016-02-13', 'Date: 2016-02-30'),
    expect: [['doc/adr/0005-help-comments.md:3 error date-invalid', '2016-02-30']],
  },
  {
    name: 'a decided record whose date is TBD',
    log: 'summary',
    plant: (root) => edit(root, 'decisions/2025-08-06-business-repo-location.md', '**Decision Date**: 2025-08-06', '**Decision Date**: TBD'),
    expect: [['decisions/2025-08-06-business-repo-location.md:5 warning date-tbd-decided', 'TBD']],
    // The overview row still says 6.8.25 while the record says TBD.
    optional: ['DECISIONS.md:13 warning overview-row-date'],
  },
  {
    name: 'a link to a missing anchor of a sub-decision',
    log: 'summary',
    plant: (root) =>
      edit(
        root,
        'decisions/2025-08-06-nix-development-environment.md',
        '([Infrastructure Decisions](2025-08-06-infrastructure.md))',
        '([Infrastructure Decisions](2025-08-06-infrastructure.md#hostng))',
      ),
    expect: [['decisions/2025-08-06-nix-development-environment.md:318 warning link-missing-anchor', 'hostng']],
  },
  {
    name: 'a supersede cycle',
    log: 'adr-tools',
    plant: (root) => {
      edit(root, 'doc/adr/0002-implement-as-shell-scripts.md', 'Accepted\n', 'Superseded by [3. Single command](0003-single-command-with-subcommands.md)\n\nSupersedes [3. Single command](0003-single-command-with-subcommands.md)\n');
      edit(root, 'doc/adr/0003-single-command-with-subcommands.md', 'Accepted\n', 'Superseded by [2. Shell scripts](0002-implement-as-shell-scripts.md)\n\nSupersedes [2. Shell scripts](0002-implement-as-shell-scripts.md)\n');
    },
    expect: [['doc/adr/0002-implement-as-shell-scripts.md:7 error supersede-cycle', '0003-single-command-with-subcommands.md']],
  },
  {
    name: 'an aborted record without a rationale',
    log: 'adr-tools',
    plant: (root) => edit(root, 'doc/adr/0006-packaging-and-distribution-in-other-version-control-repositories.md', 'Accepted\n', 'Aborted\n'),
    expect: [['doc/adr/0006-packaging-and-distribution-in-other-version-control-repositories.md:7 warning abort-rationale', 'reason']],
  },
  {
    name: 'mixed line endings (a block of lines saved with CRLF)',
    log: 'summary',
    plant: (root) => {
      const path = join(root, 'decisions/2025-08-06-business-repo-location.md');
      const lines = readFileSync(path, 'utf8').split('\n');
      writeFileSync(path, lines.map((l, i) => (i > 20 && i < 30 ? `${l}\r` : l)).join('\n'));
    },
    expect: [['decisions/2025-08-06-business-repo-location.md:22 warning encoding-mixed-eol', 'CRLF']],
  },
  {
    name: 'a file that is not UTF-8 (Latin-1)',
    log: 'adr-tools',
    plant: (root) => {
      const file = join(root, 'doc/adr/0006-packaging-and-distribution-in-other-version-control-repositories.md');
      writeFileSync(file, Buffer.from(readFileSync(file, 'utf8').replace('favour', 'favour (café)'), 'latin1'));
    },
    expect: [['doc/adr/0006-packaging-and-distribution-in-other-version-control-repositories.md:19 error parse', 'UTF-8']],
  },
];

describe('planted inconsistencies in real logs', () => {
  for (const p of PLANTS) {
    it(`finds ${p.name}`, async () => {
      const found = await newFindings(p.log, p.plant);
      const got = found.map((f) => `${f.file}:${f.line} ${f.severity} ${f.rule}`).filter((g) => !p.optional?.includes(g)).sort();
      expect(got).toEqual(p.expect.map(([where]) => where).sort());
      for (const [where, word] of p.expect) {
        const match = found.filter((f) => `${f.file}:${f.line} ${f.severity} ${f.rule}` === where);
        expect(match.some((f) => f.message.includes(word)), `${where}: ${match.map((f) => f.message).join(' | ')}`).toBe(true);
      }
    });
  }
});

// the reciprocal-link fix used to add "Superseded by" but leave the status
// Accepted, so supersede-accepted still failed; it now does what `adr supersede` does.
describe('--fix of a one-way supersede', () => {
  it('leaves no error behind and changes only the status line', async () => {
    const root = copyLog('adr-tools');
    writeFileSync(join(root, 'doc/adr/0010-use-rfc-3339.md'), NYGARD_10);
    await adr(['check', '--fix', '--no-cache'], root);
    expect(await findings(root)).toEqual([]);
    expect(lineDiff(fixtureBytes('adr-tools', 'doc/adr/0008-use-iso-8601-format-for-dates.md').toString('utf8'), text(root, 'doc/adr/0008-use-iso-8601-format-for-dates.md'))).toEqual({
      removed: ['Accepted\n'],
      added: ['Superseded by [10. Use RFC 3339](0010-use-rfc-3339.md)\n'],
    });
  });

  it('on the real log4brains log writes the missing Supersedes under ## Links, as log4brains does', async () => {
    const root = copyLog('log4brains');
    const file = 'docs/adr/20241217-switch-back-to-github-flow.md';
    await adr(['check', '--fix', '--no-cache'], root);
    const { removed, added } = lineDiff(fixtureBytes('log4brains', file).toString('utf8'), text(root, file));
    expect(removed).toEqual([]);
    expect(added.join('')).toContain('- Supersedes [Transition to Simplified Git Flow](20240926-transition-to-simplified-git-flow.md)\n');
    expect(text(root, file).startsWith(fixtureBytes('log4brains', file).toString('utf8'))).toBe(true);
    expect(summarise(await findings(root))).toEqual(['docs/adr/20240926-transition-to-simplified-git-flow.md:35 error link-missing-file']);
  });
});

describe('check output and fixes on the real summary log', () => {
  // the hand-aligned, centred marker columns stay aligned.
  it('--fix of a drifted row keeps the table aligned', async () => {
    const root = copyLog('summary');
    await adr(['check', '--fix', '--rule', 'overview-row-drift', '--no-cache'], root);
    const { removed, added } = lineDiff(fixtureBytes('summary', 'DECISIONS.md').toString('utf8'), text(root, 'DECISIONS.md'));
    expect(removed).toEqual([
      '| 🏗️ **Infra**          | [Task management system](decisions/2025-08-06-task-management-system.md)                                     | Keep markdown + Claude Code             | 6.8.25 | 🔴       | **✓**  | **✓** |\n',
    ]);
    expect(added).toEqual([
      '| 🏗️ **Infra**          | [Task management system](decisions/2025-08-06-task-management-system.md)                                     | Keep markdown + Claude Code             | 6.8.25 | 🔴       |   ❓   |   ◯   |\n',
    ]);
  });

  // annotation paths are relative to the repository root, not the cwd.
  it('github annotations name files from the repository root when run in a subfolder', async () => {
    const root = copyLog('summary');
    const sub = join(root, 'decisions');
    const { stdout } = await adr(['check', '--format', 'github', '--no-cache', '--dir', '.'], sub, { GITHUB_WORKSPACE: root });
    const files = [...stdout.matchAll(/file=([^,]+),/g)].map((m) => m[1]);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f === 'DECISIONS.md' || f.startsWith('decisions/'))).toBe(true);
  });

  // a missing row is appended by --fix instead of sending users to adr overview.
  it('--fix appends a missing row and touches nothing else', async () => {
    const root = copyLog('summary');
    const path = join(root, 'DECISIONS.md');
    const planted = readFileSync(path, 'utf8').replace(/^\| 🏗️ \*\*Infra\*\* +\| \[Serena[^\n]*\n/mu, '');
    writeFileSync(path, planted);
    await adr(['check', '--fix', '--rule', 'overview-missing-row', '--no-cache'], root);
    const { removed, added } = lineDiff(planted, text(root, 'DECISIONS.md'));
    expect(removed).toEqual([]);
    expect(added).toHaveLength(1);
    expect(added[0]).toContain('(decisions/2025-08-07-serena-mcp-integration.md)');
    expect((await findings(root)).filter((f) => f.rule === 'overview-missing-row')).toEqual([]);
  });
});
