/**
 * Structure rules of FORMAT.md, one small record each: what counts as metadata, as an
 * action item, as a link, as a sub-decision, and what never does.
 */
import { describe, expect, it } from 'vitest';
import { parseBytes, parseRecord } from '../../src/parse/index.js';
import { isRecordName } from '../../src/store/read-log.js';
import { lines } from './helpers.js';

const parse = (text: string, file = '2025-08-06-x.md') => parseRecord(file, text).decision!;

describe('front matter look-alikes are not metadata', () => {
  it('ignores front matter inside a fenced code block', () => {
    const d = parse(lines('# Title', '', '```yaml', '---', 'status: accepted', 'date: 2020-01-01', '---', '```'), '0001-x.md');
    expect(d.status).toBeNull();
    expect(d.date).toBeNull();
    expect(d.dialect).toBe('unknown');
  });

  it('ignores a ---/key/--- block further down the body', () => {
    const d = parse(lines('# Title', '', 'Some text.', '', '---', 'status: accepted', 'date: 2020-01-01', '---', ''), '0001-x.md');
    expect(d.status).toBeNull();
    expect(d.date).toBeNull();
  });

  it('ignores label lines inside a tilde fence, an indented fence and an HTML comment', () => {
    const d = parse(lines('# Title', '', '~~~', '**Status**: Accepted', '~~~', '', '<!--', '**Status**: Rejected', '-->', '', '  ```', '  **Status**: Draft', '  ```'));
    expect(d.status).toBeNull();
  });

  it('reads a plain metadata block under the title, but not a block that shows markup (a format guide)', () => {
    const plain = parse(lines('# Title', '', '```', 'Author: Ann', 'Date: 2021-12-29', 'Status: Accepted', '```', '', '## Context'));
    expect(plain.status).toBe('accepted');
    const guide = parse(lines('# Title', '', '```', '- Status: Accepted', '- Date: 2021-12-29', '```', '', '## Context'), '0001-x.md');
    expect(guide.status).toBeNull();
    expect(guide.date).toBeNull();
  });

  it('reads front matter only on the very first line, with YAML comments allowed', () => {
    const d = parse(lines('---', '# optional elements', 'status: accepted', 'date: 2023-09-19', '---', '', '# Title'), '0001-x.md');
    expect(d.status).toBe('accepted');
    expect(d.date).toBe('2023-09-19');
    expect(d.title).toBe('Title');
    const later = parse(lines('', '---', 'status: accepted', '---', '', '# Title'), '0001-x.md');
    expect(later.status).toBeNull();
  });

  it('treats a leading rule followed by a heading as a rule, not front matter', () => {
    const d = parse(lines('---', '## Not front matter', '', 'Text', '---'), '0001-x.md');
    expect(d.headings.map((h) => h.text)).toContain('Not front matter');
  });
});

describe('action items', () => {
  const record = lines(
    '# Title',
    '',
    '## Action Items',
    '',
    '- [ ] Loose item before any horizon',
    '',
    '### 🔴 This Week (Urgent)',
    '',
    '- [ ] Register the crate names [[Naming]](2025-08-06-naming.md)',
    '- [X] ~~Decide product names~~ ✅ LogFusion chosen',
    '  - [ ] nested sub-task',
    '- plain bullet, not a task',
    '',
    '### ✅ Completed/Aborted',
    '',
    '- [x] ~~Add a Nix flake~~ **✗** **ABORTED** - Implemented Makefile + proto instead',
    '- [x] ~~Drop the wiki~~ ❌ **ABORTED** - reason',
    '- [ ] Community plan [Community Platform Decision - TBD]',
    '',
    '## ✅ Decisions Finalized',
    '',
    '- [x] Monorepo structure',
    '',
    '## Success Metrics',
    '',
    '- [ ] Faster onboarding',
    '',
    '```',
    '- [ ] inside code',
    '```',
  );

  it('takes the task-list items of the Action Items section only, grouped by horizon', () => {
    const d = parse(record);
    expect(d.actionItems.map((a) => [a.text, a.done, a.aborted, a.group, a.horizon, a.line])).toEqual([
      ['Loose item before any horizon', false, false, null, null, 5],
      ['Register the crate names', false, false, '🔴 This Week (Urgent)', 'urgent', 9],
      ['Decide product names', true, false, '🔴 This Week (Urgent)', 'urgent', 10],
      ['nested sub-task', false, false, '🔴 This Week (Urgent)', 'urgent', 11],
      ['Add a Nix flake', true, true, '✅ Completed/Aborted', 'none', 16],
      ['Drop the wiki', true, true, '✅ Completed/Aborted', 'none', 17],
      ['Community plan', false, false, '✅ Completed/Aborted', 'none', 18],
    ]);
  });

  it('keeps notes and references apart from the task', () => {
    const d = parse(record);
    expect(d.actionItems[1].ref).toEqual({ text: 'Naming', target: '2025-08-06-naming.md' });
    expect(d.actionItems[2].note).toBe('✅ LogFusion chosen');
    expect(d.actionItems[4].note).toBe('✗ ABORTED - Implemented Makefile + proto instead');
    expect(d.actionItems[6].ref).toEqual({ text: 'Community Platform Decision - TBD', target: null });
  });

  it('reads the older heading `🎯 Action Items from This Decision`', () => {
    const d = parse(lines('# T', '', '**Status**: ✅ Decided', '', '## 🎯 Action Items from This Decision', '', '### 🟡 Next 2 Weeks (Important)', '', '- [ ] One'));
    expect(d.actionItems.map((a) => [a.text, a.horizon])).toEqual([['One', 'important']]);
  });
});

describe('links between records', () => {
  it('gives each link line its kind, in any spelling, and resolves targets against the log', () => {
    const d = parse(
      lines(
        '# 3. X',
        '',
        '## Status',
        '',
        'Accepted',
        '',
        'Supersedes [1. A](0001-a.md)',
        '',
        'Superseded by [4. B](./0004-b.md#why)',
        '',
        'Superceded by [5. C](0005-c.md)',
        '',
        'Amends [2. D](0002-d.md) and [6. E](0006-e.md)',
        '',
        'Amended by [7. F](0007-f.md)',
        '',
        'Clarified by [8. G](0008-g.md)',
        '',
        'See [the web](https://example.com/x.md), [an anchor](#status), [an image](![x](y.md)), `[code](0009-code.md)`.',
        '',
        '```',
        '[fenced](0010-fenced.md)',
        '```',
        '',
        '[ref link][adr11] and [adr12].',
        '',
        '[adr11]: 0011-ref.md',
        '[adr12]: <0012 ref.md>',
      ),
      'sub/0003-x.md',
    );
    expect(d.links.map((l) => [l.kind, l.target, l.anchor, l.line])).toEqual([
      ['supersedes', 'sub/0001-a.md', null, 7],
      ['superseded-by', 'sub/0004-b.md', 'why', 9],
      ['superseded-by', 'sub/0005-c.md', null, 11],
      ['amends', 'sub/0002-d.md', null, 13],
      ['amends', 'sub/0006-e.md', null, 13],
      ['amended-by', 'sub/0007-f.md', null, 15],
      ['relates', 'sub/0008-g.md', null, 17],
      ['relates', 'sub/0011-ref.md', null, 25],
      ['relates', 'sub/0012 ref.md', null, 25],
    ]);
    expect(d.links.find((l) => l.target === 'sub/0008-g.md')!.label).toBe('Clarified by');
    // The span of a link is its destination, for fixes that rewrite it.
    const l = d.links[1];
    expect(l.span.start.line).toBe(9);
    expect(l.span.start.column).toBe('Superseded by [4. B]('.length + 1);
  });

  it('recognises the back-link to the overview and does not count it as a record link', () => {
    const d = parse(lines('[🚪 ← Back to Decisions Overview](../DECISIONS.md)', '', '# T'));
    expect(d.overviewLink).toBe(true);
    expect(d.links).toEqual([]);
  });
});

describe('titles and ids', () => {
  it.each([
    ['0012-use-x.md', '# 12. Use X', '12', 'Use X'],
    ['ADR046-replace.md', '# ADR046: Replacing harbor', '46', 'Replacing harbor'],
    ['2025-08-06-nix.md', '# Nix Environment', '2025-08-06-nix', 'Nix Environment'],
    ['20200926-use-number.md', '# Use the number', '20200926-use-number', 'Use the number'],
    ['secrets/index.md', '# Secrets storage', 'secrets', 'Secrets storage'],
  ])('%s', (file, title, id, clean) => {
    const d = parse(lines(title, '', 'Body.'), file);
    expect([d.id, d.title]).toEqual([id, clean]);
  });

  it('uses a setext title, and the file stem when there is no heading at all', () => {
    expect(parse(lines('Use X', '=====', '', 'Status: Accepted'), '0001-use-x.md').title).toBe('Use X');
    const r = parseRecord('0002-no-title.md', 'Just text.\n');
    expect(r.decision!.title).toBe('0002-no-title');
    expect(r.diagnostics.map((x) => x.severity)).toEqual(['info']);
  });
});

describe('summary style, older generation', () => {
  it('reads sub-decisions with explicit ids and their own status, and attendees', () => {
    const d = parse(
      lines(
        '# Infrastructure Decisions',
        '',
        '**Decision Date**: 2025-08-06\\',
        '**Status**: 🟢 Decided\\',
        '**Meeting Attendees**: Nayeem Syed, Claude Code Opus 4.1',
        '',
        '## Monorepo Structure {#monorepo}',
        '',
        '**Decision**: Moon monorepo\\',
        '**Status**: 🟢 Decided',
        '',
        '## Hosting Platform {#hosting}',
        '',
        '**Decision**: Cloudflare Pages\\',
        '**Status**: ❌ Rejected - too expensive',
      ),
    );
    expect(d.dialect).toBe('summary');
    expect(d.date).toBe('2025-08-06');
    expect(d.attendees).toEqual(['Nayeem Syed', 'Claude Code Opus 4.1']);
    expect(d.subDecisions.map((s) => [s.id, s.title, s.decision, s.status, s.line])).toEqual([
      ['monorepo', 'Monorepo Structure', 'Moon monorepo', 'accepted', 7],
      ['hosting', 'Hosting Platform', 'Cloudflare Pages', 'rejected', 12],
    ]);
    expect(d.headings.filter((h) => h.explicit).map((h) => h.anchor)).toEqual(['monorepo', 'hosting']);
  });
});

describe('files that are not records', () => {
  it.each(['README.md', 'readme.md', 'index.md', 'template.md', 'adr-template.md', 'adr-template-bare-minimal.md', '!template_[verb].md', '_template.md', '0000-template.md', 'decision-record-template.md', 'notes.txt', '.hidden.md'])(
    '%s is not a record',
    (name) => expect(isRecordName(name)).toBe(false),
  );
  it.each(['0001-use-templates.md', '2025-08-06-template-engine.md', 'templates-are-fine.md', 'x.markdown'])('%s is a record', (name) =>
    expect(isRecordName(name)).toBe(true),
  );
});

describe('encoding', () => {
  it('reads a BOM and CRLF file as the text it is, and says so', () => {
    const bytes = new TextEncoder().encode('\ufeff# T\r\n\r\n**Status**: ✅ Decided\\\r\n**Date**: 2025-01-02\r\n');
    const r = parseBytes('2025-01-02-t.md', bytes);
    expect(r.decision!.status).toBe('accepted');
    expect(r.decision!.date).toBe('2025-01-02');
    expect(r.decision!.encoding).toMatchObject({ bom: true, eol: 'crlf', mojibake: null });
    expect(r.decision!.statusText).toBe('✅ Decided');
  });

  it('reads Windows-1252 mojibake as the text it was meant to be', () => {
    const d = parse(lines('# T', '', '**Status**: âœ… Decided\\', '**Category**: ðŸš€ GTM'));
    expect(d.statusText).toBe('✅ Decided');
    expect(d.category).toBe('GTM');
    expect(d.encoding.mojibake).toBe('windows-1252');
  });
});

describe('status written in less common places', () => {
  it.each([
    ['# 1. X\n\n## Status: Accepted\n\n## Context\n\nC.\n', 'accepted', 'Accepted'],
    ['# X\n\n## **Status**: Superseded by [2. Y](0002-y.md) ##\n', 'superseded', 'Superseded by 2. Y'],
    ['# X\n\n## Status\n\n~~Proposed~~ Accepted\n', 'accepted', 'Accepted'],
    ['# X\n\n**Status**: ~~❓ Under Discussion~~ ✅ Decided\n', 'accepted', '✅ Decided'],
    ['# X\n\n## Status\n\n* Accepted\n', 'accepted', 'Accepted'],
    ['# X\n\n## Status\n\n**Proposed**.\n', 'proposed', 'Proposed.'],
    ['# X\n\n## Status\n\n> Accepted\n', 'accepted', 'Accepted'],
  ])('%j', (text, status, statusText) => {
    const d = parse(text, '0001-x.md');
    expect([d.status, d.statusText]).toEqual([status, statusText]);
  });
});

describe('label lines in modern hand-written records', () => {
  it('reads several bold labels on one line, separated by ·', () => {
    const d = parse('# 0015: The arrangement\n\n**Status:** Accepted, amended by [0018](0018-the-song.md) and [0022](0022-one.md) · **Date:** 2026-10-04\n\n## Context\n\nC.\n', '0015-the-arrangement.md');
    expect([d.status, d.statusText, d.date, d.title]).toEqual(['accepted', 'Accepted, amended by 0018 and 0022', '2026-10-04', 'The arrangement']);
    expect(d.links.map((l) => `${l.kind} ${l.target}`)).toEqual(['amended-by 0018-the-song.md', 'amended-by 0022-one.md']);
    expect(d.lines.date).toBe(3);
  });

  it('reads summary label lines under a `## Summary` heading', () => {
    const d = parse('# X\n\n## Summary\n\n**Status**: ✅ Decided\\\n**Priority**: 🔴 Urgent\\\n**Date**: 2025-01-01\n\n## Context\n\nC.\n');
    expect([d.dialect, d.status, d.priority, d.date]).toEqual(['summary', 'accepted', 'urgent', '2025-01-01']);
  });

  it('takes the front-matter title when the record has no # heading', () => {
    const d = parse("---\nid: adrs-adr013\ntitle: 'ADR013: Proper use of HTTP fetching libraries'\n---\n\n## Context\n\nC.\n\n## Decision\n\nD.\n\n## Consequences\n\nE.\n", 'adr013-use-node-fetch.md');
    expect([d.id, d.title, d.dialect]).toEqual(['13', 'Proper use of HTTP fetching libraries', 'nygard']);
  });
});

describe('an action item over several lines', () => {
  it('reads the continuation lines as part of the item', () => {
    const d = parse('# T\n\n## Action Items\n\n- [x] ~~Write the migration plan\n  for the three legacy tables~~ **✗** **ABORTED** - chosen instead\n- [ ] Next\nlazy continuation\n\nNot part of it.\n');
    expect(d.actionItems.map((a) => [a.text, a.done, a.aborted, a.line, a.span.end.line])).toEqual([
      ['Write the migration plan for the three legacy tables', true, true, 5, 6],
      ['Next lazy continuation', false, false, 7, 8],
    ]);
  });
});

describe('status sections kept as lists', () => {
  it('takes the latest entry of a dated status history', () => {
    const d = parse('# 1. X\n\n## Status\n\n- 2020-01-01 Proposed\n- 2020-02-01 Accepted\n\n## Context\n\nC.\n', '0001-x.md');
    expect([d.status, d.statusText, d.lines.status]).toEqual(['accepted', '2020-02-01 Accepted', 6]);
  });

  it('takes the ticked box of a status checklist, and none when nothing is ticked', () => {
    const ticked = parse('# X\n\n## Status\n\n- [ ] Decided (adopted)\n- [x] Decided Against (not adopted)\n- [ ] Deferred\n', '0001-x.md');
    expect(ticked.status).toBe('rejected');
    const none = parse('# X\n\n## Status\n\n- [ ] Decided\n- [ ] Deferred\n', '0001-x.md');
    expect(none.status).toBeNull();
  });
});

describe('records as people wrote them, read as they meant them', () => {
  it('a Status section kept as a history of paragraphs reads as its last status', () => {
    expect(parse('# 1. X\n\n## Status\n\nProposed\n\nAccepted\n\n## Context\n\nC.\n', '0001-x.md').status).toBe('accepted');
    expect(parse('# 1. X\n\n## Status\n\n2020-01-01 proposed\n2020-02-01 accepted\n', '0001-x.md').status).toBe('accepted');
    expect(parse('# 1. X\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n\nOpen questions remain about the rollout.\n', '0002-x.md').status).toBe('accepted');
    expect(parse('# 1. X\n\n## Status\n\nOPEN\n\nSuperceded by [19. Y](0019-y.md)\n', '0018-x.md').status).toBe('superseded');
  });

  it('a status line dated `on 2020-03-01` gives the date when there is no Date line', () => {
    expect(parse('# X\n\n**Status:** Accepted on 2020-03-01\n\n## Context\n', '0001-x.md').date).toBe('2020-03-01');
    expect(parse('# X\n\n## Status\n\nAccepted on 17/10/2023\n', '0001-x.md').date).toBe('2023-10-17');
  });

  it('a link inside an HTML comment, inline or a one-line block, is no link', () => {
    const d = parse('# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n- x <!-- example: Refined by [ADR-0005](0005-example.md) --> and [B](0002-b.md)\n\n<!-- block [B](0006-b.md) -->\n\n<!--\n[C](0007-c.md)\n-->\n', '0001-a.md');
    expect(d.links.map((l) => [l.target, l.line, l.span.start.column])).toEqual([['0002-b.md', 9, 70]]);
  });

  it('a metadata table under the title (`| Status | Accepted |`) gives the facts its rows name', () => {
    const d = parse('# ADR 1: Use Postgres\n\n| Field | Value |\n| --- | --- |\n| Status | Accepted |\n| **Date** | 2024-03-01 |\n| Deciders | Ana, Bo |\n| Priority | High |\n\n## Context\n\nWe need a database.\n', '0001-use-postgres.md');
    expect([d.status, d.date, d.deciders, d.priority]).toEqual(['accepted', '2024-03-01', ['Ana', 'Bo'], 'urgent']);
    expect(d.statusDeclarations[0].line).toBe(5);
    // A table of options is no metadata: none of its rows names a fact.
    const o = parse('# X\n\n| Option | Cost |\n| --- | --- |\n| Kafka | high |\n\n## Status\n\nProposed\n', '0002-x.md');
    expect([o.status, o.date]).toEqual(['proposed', null]);
  });

  it('a status history keeps the date of its earlier, dated entry when the current one has none', () => {
    const d = parse('# 14. X\n\n## Status\n\nAccepted (2026-07-01). Supersedes [13. A](0013-a.md).\n\nSuperseded by [15. B](0015-b.md)\n', '0014-x.md');
    expect([d.status, d.date]).toEqual(['superseded', '2026-07-01']);
    expect(d.links.map((l) => [l.kind, l.target])).toEqual([['supersedes', '0013-a.md'], ['superseded-by', '0015-b.md']]);
    // A Date line still wins over the history.
    expect(parse('# 14. X\n\nDate: 2026-06-30\n\n## Status\n\nAccepted (2026-07-01).\n\nDeprecated\n', '0014-x.md').date).toBe('2026-06-30');
  });

  it('P2: control characters never reach a fact', () => {
    const d = parse('# Evil \u001b]0;pwned\u0007 title \u001b[2J\n\n**Status**: accepted\u001b[31m\n', '2025-01-03-esc.md');
    expect(d.title).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(d.statusText).not.toMatch(/[\u0000-\u001f]/);
    expect(d.status).toBe('accepted');
  });

  it('check #5: Complete / Completed is accepted', () => {
    expect(parse('# X\n\n**Status**: Completed\n').status).toBe('accepted');
  });

  it('P5: a YAML alias bomb in front matter is read with a budget', () => {
    const rows = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [k, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) rows.push(`${k}: &${k} [${Array(9).fill(`*${prev}`).join(',')}]`);
    const d = parse(`---\n${rows.join('\n')}\ndeciders: [${Array(9).fill('*g').join(',')}]\ntags: *g\nstatus: accepted\n---\n# T\n`, '0001-x.md');
    expect(d.status).toBe('accepted');
    expect(d.deciders.length).toBeLessThanOrEqual(1000);
  }, 60_000);
});
