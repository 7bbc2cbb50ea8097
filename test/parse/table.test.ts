/**
 * One table-row splitter and one table model (src/parse/table.ts): the overview parser, the
 * overview merge, `adr new`'s fast path, the check rules that splice a cell and the records'
 * metadata tables all read a table the same way.
 */
import { describe, expect, it } from 'vitest';
import { findTables, splitRow, columnName, isDelimiterRow } from '../../src/parse/table.js';
import { decisionTables, parseOverview } from '../../src/parse/overview.js';
import { tableRowCells } from '../../src/parse/context.js';
import { OverviewTables } from '../../src/lint/overview-table.js';
import { mergeHandKept } from '../../src/edit/overview-merge.js';

import { overviewFile, summaryRecord } from '../../src/lint/examples.js';
import { rule as rowDrift } from '../../src/rules/overview-row-drift.js';
import { lintExample } from '../rules/memory-log.js';
import { applyEdits } from '../../src/edit/splice.js';

const texts = (line: string) => splitRow(line).map((c) => c.text);

describe('splitRow', () => {
  it('splits on pipes, not on escaped ones, nor inside code spans or link texts', () => {
    expect(texts('| a | b\\|c | `x|y` | [p | q](r.md) |')).toEqual(['a', 'b\\|c', '`x|y`', '[p | q](r.md)']);
  });

  it('reads rows with and without the outer pipes', () => {
    expect(texts('a | b')).toEqual(['a', 'b']);
    expect(texts('  | a | b |  ')).toEqual(['a', 'b']);
    expect(texts('| a | b | c')).toEqual(['a', 'b', 'c']);
  });

  it('gives the offsets of the content and of the whole cell, shifted by the line offset', () => {
    const [a, empty, c] = splitRow('|  a  |   | c|', 100);
    expect(a).toEqual({ text: 'a', start: 103, end: 104, rawStart: 101, rawEnd: 106 });
    // An empty cell's point is one past its first blank: a marker put there reads `| X |`.
    expect(empty).toEqual({ text: '', start: 108, end: 108, rawStart: 107, rawEnd: 110 });
    expect(c).toEqual({ text: 'c', start: 112, end: 113, rawStart: 111, rawEnd: 113 });
  });

  it('keeps a cell that ends in a backslash', () => {
    expect(texts('| a | b\\')).toEqual(['a', 'b\\']);
  });

  it('is what the records\' metadata tables are read with', () => {
    const line = '| Deciders | [Ann | Bob](team.md) |';
    expect(tableRowCells(line)!.map(({ start, end }) => line.slice(start, end))).toEqual(['Deciders', '[Ann | Bob](team.md)']);
    expect(tableRowCells('no pipe here')).toBeNull();
  });
});

describe('findTables', () => {
  it('needs a delimiter row under the header, and names columns without markup or emoji', () => {
    const lines = ['| **Topic** | 📅 Date |', '|:---|---:|', '| a | b |', '', '| no | delimiter |', '| x | y |'];
    const tables = findTables(lines);
    expect(tables).toEqual([{ header: 1, columns: ['topic', 'date'], delimiter: 2, align: ['left', 'right'], rows: [3, 5, 6] }]);
    expect(columnName('[Status](legend.md)')).toBe('status');
    expect(isDelimiterRow('| - | - |')).toBe(false);
  });

  it('goes on over a blank line (then only with a leading pipe), and stops at a heading, text or the next table', () => {
    const lines = ['| A | B |', '|---|---|', '| 1 | 2 |', '', '| 3 | 4 |', 'cell | without outer pipes', '', 'text | after a blank', '| 5 | 6 |', '## H', '| 7 | 8 |', '| C | D |', '|---|---|', '| 9 | 0 |'];
    expect(findTables(lines).map((t) => [t.header, t.rows])).toEqual([
      [1, [3, 5, 6]],
      [12, [14]],
    ]);
  });

  it('finds no table inside a code fence of an overview', () => {
    const text = ['# D', '', '```', '| Topic | Status |', '|---|---|', '| [X](decisions/x.md) | ❓ |', '```', ''].join('\n');
    expect(decisionTables(text)).toEqual([]);
    expect(parseOverview('../DECISIONS.md', text).rows).toEqual([]);
  });
});

describe('every reader of the overview sees the same cells', () => {
  const row = '| 🏗️ Infra | [Cache | Redis](decisions/2025-08-06-cache.md) | Use Redis | 6.8.25 | 🟡 | 🔄 | **—** |';
  const overview = overviewFile([row]);
  const files = { '2025-08-06-cache.md': summaryRecord({ title: 'Cache | Redis', status: '✅ Approved' }) };

  it('the parser, the check index and the merge read the row with a pipe in its topic alike', () => {
    const parsed = parseOverview('../DECISIONS.md', overview);
    expect(parsed.rows.map((r) => [r.target, r.statusText, r.tasksText])).toEqual([['2025-08-06-cache.md', '🔄', '—']]);
    const n = parsed.rows[0].line;
    const cells = new OverviewTables(overview).cells(n)!;
    expect(cells.get('status')!.text).toBe('🔄');
    expect(cells.get('tasks')!.text).toBe('**—**');
  });

  it('check reports and fixes the Status cell, and the merge writes the same text', () => {
    const result = lintExample({ files, overview }, [rowDrift]);
    const drift = result.diagnostics.filter((d) => d.rule === 'overview-row-drift');
    expect(drift.map((d) => [d.line, d.column, d.endColumn])).toEqual([[7, row.indexOf('🔄') + 1, row.indexOf('🔄') + 3]]);
    const fixed = applyEdits(overview, drift[0].fix!.edits);
    expect(fixed.split('\n')[6]).toBe(row.replace('🔄', '**✓**'));
    const merged = mergeHandKept(overview, result.log.decisions, {
      prefix: 'decisions',
      overviewFile: '../DECISIONS.md',
      logName: 'decisions',
      files: null,
    });
    expect(merged.split('\n')[6]).toBe(fixed.split('\n')[6]);
  });
});
