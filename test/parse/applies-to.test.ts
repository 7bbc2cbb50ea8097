/**
 * `applies-to`: the paths a record governs, read in every dialect's own place, with the exact span
 * of each glob (rules point at it), and never from code, prose or a body section's label line.
 */
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/parse/index.js';

/** The globs a record declares, each with its line and the text its span covers. */
function globs(file: string, text: string) {
  const d = parseRecord(file, text).decision!;
  return d.appliesTo.map((a) => ({ glob: a.glob, line: a.line, at: text.slice(a.span.start.offset, a.span.end.offset) }));
}

describe('applies-to in front matter (MADR 3/4, any record with front matter)', () => {
  it('reads a block list, with quotes and comments removed', () => {
    const text = ['---', 'status: accepted', 'applies-to:', '  - src/db/**', '  - "*.sql"   # schema files', "  - 'migrations/'", 'date: 2025-01-01', '---', '', '# Use Postgres', ''].join('\n');
    expect(globs('0001-use-postgres.md', text)).toEqual([
      { glob: 'src/db/**', line: 4, at: 'src/db/**' },
      { glob: '*.sql', line: 5, at: '*.sql' },
      { glob: 'migrations/', line: 6, at: 'migrations/' },
    ]);
    expect(parseRecord('0001-use-postgres.md', text).decision!.lines.appliesTo).toBe(4);
    // The other front-matter facts are unaffected.
    expect(parseRecord('0001-use-postgres.md', text).decision!.date).toBe('2025-01-01');
  });

  it('reads a flow list and a comma-separated scalar; braces keep their commas', () => {
    expect(globs('x.md', '---\nstatus: accepted\napplies-to: [src/api/**, "docs/{a,b}.md"]\n---\n# X\n').map((g) => g.glob)).toEqual(['src/api/**', 'docs/{a,b}.md']);
    expect(globs('x.md', '---\nstatus: accepted\napplies_to: src/a/**, ./src/b/\n---\n# X\n').map((g) => g.glob)).toEqual(['src/a/**', 'src/b/']);
  });

  it('keeps CRLF and a BOM out of the globs and spans', () => {
    const text = '---\r\nstatus: accepted\r\napplies-to:\r\n  - src/db/**\r\n---\r\n# X\r\n';
    expect(globs('x.md', text)).toEqual([{ glob: 'src/db/**', line: 4, at: 'src/db/**' }]);
  });
});

describe('applies-to as a label line', () => {
  it('summary: **Applies to** in the Decision Summary, inline code or plain, `**` kept as a glob', () => {
    const text = ['# API style', '', '## Decision Summary', '', '**Status**: ✅ **Decided**\\', '**Applies to**: `src/api/**`, `api/openapi.yaml`\\', '**Date**: 2025-01-10', ''].join('\n');
    expect(globs('2025-01-10-api-style.md', text)).toEqual([
      { glob: 'src/api/**', line: 6, at: 'src/api/**' },
      { glob: 'api/openapi.yaml', line: 6, at: 'api/openapi.yaml' },
    ]);
    const plain = text.replace('`src/api/**`, `api/openapi.yaml`', 'src/api/**, src/{a,b}/*.ts');
    expect(globs('2025-01-10-api-style.md', plain).map((g) => g.at)).toEqual(['src/api/**', 'src/{a,b}/*.ts']);
  });

  it('Nygard: an Applies to line under the date, and in the Status section', () => {
    const under = ['# 1. Use MySQL', '', 'Date: 2020-01-01', 'Applies to: services/billing/', '', '## Status', '', 'Accepted', ''].join('\n');
    expect(globs('0001-use-mysql.md', under)).toEqual([{ glob: 'services/billing/', line: 4, at: 'services/billing/' }]);
    const inStatus = ['# 2. Use Y', '', 'Date: 2020-01-01', '', '## Status', '', 'Accepted', '', 'Applies to: `lib/y/**`', ''].join('\n');
    expect(globs('0002-use-y.md', inStatus).map((g) => g.glob)).toEqual(['lib/y/**']);
    expect(parseRecord('0002-use-y.md', inStatus).decision!.status).toBe('accepted');
  });

  it('MADR 2 / log4brains: a bullet of the header list', () => {
    const text = ['# Use Z', '', '* Status: accepted', '* Applies to: lib/**, bin/cli.js', '* Date: 2020-01-01', '', '## Context and Problem Statement', ''].join('\n');
    expect(globs('0003-use-z.md', text).map((g) => [g.glob, g.line])).toEqual([
      ['lib/**', 4],
      ['bin/cli.js', 4],
    ]);
    expect(parseRecord('0003-use-z.md', text).decision!.dialect).toBe('madr2');
  });

  it('ignores the label in a body section, in code and in HTML comments', () => {
    const text = [
      '# 4. X',
      '',
      'Date: 2020-01-01',
      '',
      '## Status',
      '',
      'Accepted',
      '',
      '## Context',
      '',
      'Applies to: every team (this is prose)',
      '',
      '```',
      'Applies to: src/**',
      '```',
      '',
    ].join('\n');
    expect(globs('0004-x.md', text)).toEqual([]);
  });
});

describe('applies-to as a section', () => {
  it('reads one glob per item, drops the note after it, skips prose and nested items', () => {
    const text = [
      '# 2. Use Y',
      '',
      'Date: 2020-01-01',
      '',
      '## Status',
      '',
      'Accepted',
      '',
      '## Applies to',
      '',
      'These paths follow it:',
      '',
      '- `services/api/**` — the API',
      '- services/worker/** (the worker)',
      '- infra/terraform/**',
      '  - a note about terraform',
      '',
      '## Context',
      '',
    ].join('\n');
    expect(globs('0002-use-y.md', text)).toEqual([
      { glob: 'services/api/**', line: 13, at: 'services/api/**' },
      { glob: 'services/worker/**', line: 14, at: 'services/worker/**' },
      { glob: 'infra/terraform/**', line: 15, at: 'infra/terraform/**' },
    ]);
  });

  it('reads a comma-separated line; `none` names no path; a glob named twice counts once', () => {
    expect(globs('x.md', '# X\n\n## Applies To\n\nsrc/a/**, src/b/**, src/a/**\n').map((g) => g.glob)).toEqual(['src/a/**', 'src/b/**']);
    expect(globs('x.md', '# X\n\n## Applies to\n\nNone\n')).toEqual([]);
  });

  it('front matter wins over a label line, a label line over a section', () => {
    const text = ['---', 'applies-to: [a/**]', '---', '# X', '', 'Applies to: b/**', '', '## Applies to', '', '- c/**', ''].join('\n');
    expect(globs('x.md', text).map((g) => g.glob)).toEqual(['a/**']);
  });
});

it('a record naming no paths has an empty list and no line', () => {
  const d = parseRecord('0001-x.md', '# 1. X\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n').decision!;
  expect(d.appliesTo).toEqual([]);
  expect(d.lines.appliesTo).toBeUndefined();
});
