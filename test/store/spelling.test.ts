/**
 * One rule for how a log spells "superseded" (src/model/spelling.ts): `adr supersede` and the
 * reciprocal-link fix of `adr check --fix` write the same word into the same log.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { supersededSpelling } from '../../src/model/spelling.js';
import { parseRecord } from '../../src/parse/index.js';
import { runCli, tempDir, writeFiles } from '../authoring-new/helpers.js';

const nygard = (n: number, title: string, status: string) =>
  `# ${n}. ${title}\n\nDate: 2016-02-12\n\n## Status\n\n${status}\n\n## Context\n\nC.\n\n## Decision\n\nD.\n\n## Consequences\n\nE.\n`;

/** Two records spelt `Superseded`, one `Superceded`, and a one-way supersede of 0005 by 0006. */
function log(): string {
  const root = tempDir('adr-spelling-');
  writeFiles(root, {
    'doc/adr/0001-a.md': nygard(1, 'A', 'Superseded by [2. B](0002-b.md)'),
    'doc/adr/0002-b.md': nygard(2, 'B', 'Accepted\n\nSupersedes [1. A](0001-a.md)\n\nSuperseded by [3. C](0003-c.md)'),
    'doc/adr/0003-c.md': nygard(3, 'C', 'Accepted\n\nSupersedes [2. B](0002-b.md)'),
    'doc/adr/0004-d.md': nygard(4, 'D', 'Superceded by [3. C](0003-c.md)'),
    'doc/adr/0005-e.md': nygard(5, 'E', 'Accepted'),
    'doc/adr/0006-f.md': nygard(6, 'F', 'Accepted\n\nSupersedes [5. E](0005-e.md)'),
  });
  return root;
}

describe('supersededSpelling', () => {
  it('follows the config, else the majority of the log\'s labels, a tie going to Superseded', () => {
    const d = (status: string) => parseRecord('0001-x.md', nygard(1, 'X', status)).decision!;
    const ceded = d('Superceded by [2. Y](0002-y.md)');
    const seded = d('Superseded by [2. Y](0002-y.md)');
    expect(supersededSpelling({}, [ceded, ceded, seded])).toBe('Superceded');
    expect(supersededSpelling({}, [ceded, seded, seded])).toBe('Superseded');
    expect(supersededSpelling({}, [ceded, seded])).toBe('Superseded');
    expect(supersededSpelling({ supersededSpelling: 'Superceded' }, [seded])).toBe('Superceded');
  });
});

describe('check --fix and adr supersede write the log\'s spelling alike', () => {
  it('both write "Superseded by" where most of the log says Superseded', async () => {
    const fixed = log();
    const fix = await runCli(['check', '--fix', '--rule', 'relation-reciprocal'], fixed);
    expect(fix.stdout).toContain('Fixed doc/adr/0005-e.md');
    const linked = log();
    expect((await runCli(['supersede', '5', '6'], linked)).code).toBe(0);
    const status = (root: string) => /## Status\n\n([^\n]*)/.exec(readFileSync(join(root, 'doc/adr/0005-e.md'), 'utf8'))![1];
    expect(status(fixed)).toBe('Superseded by [6. F](0006-f.md)');
    expect(status(linked)).toBe(status(fixed));
  });
});
