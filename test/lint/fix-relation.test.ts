/** The reciprocal-link insertion in each dialect, on edge cases the golden files do not cover. */
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/edit/splice.js';
import { relativeHref as relativeHrefForTest } from '../../src/lint/facts.js';
import { reciprocalEdit } from '../../src/lint/fix-relation.js';
import { parseRecord } from '../../src/parse/index.js';
import type { Decision, LinkKind } from '../../src/model/index.js';

function decision(file: string, text: string): Decision {
  const d = parseRecord(file, text).decision;
  if (!d) throw new Error(`${file} does not parse`);
  return d;
}

/** Inserts `kind` → `other` into `target` and returns the new text, checking the parser sees the link. */
function insert(file: string, text: string, kind: LinkKind, other: Decision, spelling: 'Superseded' | 'Superceded' = 'Superseded'): string {
  const target = decision(file, text);
  const edit = reciprocalEdit(target, { text, bom: false }, kind, other, spelling);
  expect(edit).not.toBeNull();
  const after = applyEdits(text, [edit!]);
  const reread = decision(file, after);
  expect(reread.links.some((l) => l.kind === kind && l.target === other.file)).toBe(true);
  expect(reread.status).toBe(target.status);
  return after;
}

const NEWER = decision('0005-use-y.md', '# 5. Use Y\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n');

describe('reciprocalEdit', () => {
  it('Nygard: a paragraph at the end of ## Status, also when Status is the last section without a final newline', () => {
    const text = '# 2. Use X\n\nDate: 2019-01-01\n\n## Context\n\nWhy.\n\n## Status\n\nAccepted';
    expect(insert('0002-use-x.md', text, 'superseded-by', NEWER)).toBe(`${text}\n\nSuperseded by [5. Use Y](0005-use-y.md)`);
  });

  it('Nygard: keeps CRLF and writes adr-tools spelling when asked', () => {
    const text = '# 2. Use X\r\n\r\nDate: 2019-01-01\r\n\r\n## Status\r\n\r\nAccepted\r\n\r\n## Context\r\n\r\nWhy.\r\n';
    expect(insert('0002-use-x.md', text, 'supersedes', NEWER, 'Superceded')).toBe(
      '# 2. Use X\r\n\r\nDate: 2019-01-01\r\n\r\n## Status\r\n\r\nAccepted\r\n\r\nSupercedes [5. Use Y](0005-use-y.md)\r\n\r\n## Context\r\n\r\nWhy.\r\n',
    );
  });

  it('MADR 2: a bullet with the same marker right after the status bullet', () => {
    const text = '# Use X\n\n- Status: accepted\n- Date: 2019-01-01\n\n## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nX.\n';
    expect(insert('0002-use-x.md', text, 'superseded-by', NEWER)).toContain('- Status: accepted\n- Superseded by [Use Y](0005-use-y.md)\n- Date: 2019-01-01');
  });

  it('MADR 2 has no place for the other relations', () => {
    const text = '# Use X\n\n- Status: accepted\n\n## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nX.\n';
    expect(reciprocalEdit(decision('0002-use-x.md', text), { text, bom: false }, 'supersedes', NEWER, 'Superseded')).toBeNull();
  });

  it('summary: prefers Related Decisions, continues its list, and links across folders', () => {
    const other = decision('infra/2025-08-09-y.md', '# Y\n\n## Decision Summary\n\n**Status**: ✅ Approved\\\n**Date**: 2025-08-09\n');
    const text = [
      '# X',
      '',
      '## Decision Summary',
      '',
      '**Status**: ✅ Approved\\',
      '**Date**: 2025-08-06',
      '',
      '## Integration with Existing Decisions',
      '',
      'Prose.',
      '',
      '## Related Decisions',
      '',
      '* [Z](2025-08-01-z.md)',
      '',
      '---',
      '',
      '_Status: ✅ Approved_',
      '',
    ].join('\n');
    const after = insert('2025-08-06-x.md', text, 'amended-by', other);
    expect(after).toContain('* [Z](2025-08-01-z.md)\n- **Amended by**: [Y](infra/2025-08-09-y.md)\n\n---');
  });

  it('summary without a related section or a footer: a new section at the end', () => {
    const text = '# X\n\n## Decision Summary\n\n**Status**: ✅ Approved\\\n**Date**: 2025-08-06\n';
    expect(insert('2025-08-06-x.md', text, 'supersedes', NEWER)).toBe(`${text}\n## Related Decisions\n\n- **Supersedes**: [Use Y](0005-use-y.md)\n`);
  });

  it('hrefs climb out of sub-folders and encode spaces', () => {
    expect(relativeHrefForTest('a/b/x.md', 'c/my y.md')).toBe('../../c/my%20y.md');
    expect(relativeHrefForTest('a/x.md', 'a/y.md')).toBe('y.md');
  });
});
