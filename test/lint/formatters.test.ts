/** The four formatters, on hand-built diagnostics. */
import { describe, expect, it } from 'vitest';
import { formatGithub, escapeData, escapeProperty } from '../../src/lint/format-github.js';
import { formatJson } from '../../src/lint/format-json.js';
import { formatSarif, toSarifUri } from '../../src/lint/format-sarif.js';
import { formatStylish } from '../../src/lint/format-stylish.js';
import type { ReportedDiagnostic, ReportInput } from '../../src/lint/report.js';
import { RULES } from '../../src/rules/index.js';

const TOOL = { name: 'adr', version: '1.2.3', informationUri: 'https://example.org/adr' };

function diag(partial: Partial<ReportedDiagnostic>): ReportedDiagnostic {
  return {
    file: 'x.md',
    path: 'decisions/x.md',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    rule: 'status-mismatch',
    severity: 'error',
    message: 'Something is wrong',
    fixable: false,
    ...partial,
  };
}

const SAMPLE: ReportedDiagnostic[] = [
  diag({ path: 'decisions/a.md', line: 7, column: 10, endLine: 7, endColumn: 22, message: 'Unexpected status `Approved` in the footer, expected `aborted` as declared in the summary (line 7)' }),
  diag({ path: 'decisions/a.md', line: 12, column: 3, rule: 'encoding-mojibake', message: 'Mangled text', fixable: true }),
  diag({ path: 'DECISIONS.md', line: 4, column: 1, rule: 'overview-missing-row', severity: 'warning', message: 'No row for `b.md`' }),
];

function input(diagnostics: ReportedDiagnostic[], extra: Partial<ReportInput> = {}): ReportInput {
  return { diagnostics, rules: RULES, tool: TOOL, ...extra };
}

describe('stylish', () => {
  it('groups by file, aligns columns and ends with the ESLint summary line', () => {
    const out = formatStylish(input(SAMPLE));
    expect(out).toBe(
      [
        '',
        'decisions/a.md',
        '  7:10  error  Unexpected status `Approved` in the footer, expected `aborted` as declared in the summary (line 7)  status-mismatch',
        '  12:3  error  Mangled text                                                                                        encoding-mojibake',
        '',
        'DECISIONS.md',
        '  4:1  warning  No row for `b.md`  overview-missing-row',
        '',
        '✖ 3 problems (2 errors, 1 warning)',
        '  1 error and 0 warnings potentially fixable with the `--fix` option.',
        '',
        '',
      ].join('\n'),
    );
  });

  it('has no escape codes without colour and some with it', () => {
    expect(formatStylish(input(SAMPLE))).not.toMatch(/\u001b\[/);
    const coloured = formatStylish(input(SAMPLE, { color: true }));
    expect(coloured).toMatch(/\u001b\[31merror/);
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatStylish(input(SAMPLE)));
  });

  it('says so when there is nothing to report', () => {
    expect(formatStylish(input([], { records: 3 }))).toBe('✔ No problems in 3 records.\n');
  });

  it('counts info separately and pluralises', () => {
    const out = formatStylish(input([diag({ severity: 'info' }), diag({ severity: 'error', line: 2 })]));
    expect(out).toContain('✖ 2 problems (1 error, 0 warnings, 1 info)');
  });
});

describe('json', () => {
  it('prints exactly the documented fields, in order', () => {
    const parsed = JSON.parse(formatJson(input(SAMPLE)));
    expect(parsed).toHaveLength(3);
    expect(Object.keys(parsed[0])).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message', 'fixable']);
    expect(parsed[1]).toEqual({ file: 'decisions/a.md', line: 12, column: 3, endLine: 1, endColumn: 1, rule: 'encoding-mojibake', severity: 'error', message: 'Mangled text', fixable: true });
    expect(formatJson(input([]))).toBe('[]\n');
  });
});

describe('github', () => {
  it('writes one workflow command per problem with all positions', () => {
    const lines = formatGithub(input(SAMPLE)).trimEnd().split('\n');
    expect(lines[0]).toBe(
      '::error file=decisions/a.md,line=7,col=10,endLine=7,endColumn=22,title=status-mismatch::Unexpected status `Approved` in the footer, expected `aborted` as declared in the summary (line 7)',
    );
    expect(lines[2]).toMatch(/^::warning file=DECISIONS.md,line=4,/);
    expect(formatGithub(input([diag({ severity: 'info' })]))).toMatch(/^::notice /);
  });

  it('escapes %, CR and LF in messages and also : and , in properties', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    const out = formatGithub(input([diag({ path: 'odd,name:x.md', message: 'line one\nline two: 100%' })]));
    expect(out).toBe('::error file=odd%2Cname%3Ax.md,line=1,col=1,endLine=1,endColumn=1,title=status-mismatch::line one%0Aline two: 100%25\n');
  });
});

describe('sarif', () => {
  const log = JSON.parse(formatSarif(input(SAMPLE)));
  const run = log.runs[0];

  it('is a SARIF 2.1.0 log with the tool and every rule described', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(run.tool.driver).toMatchObject({ name: 'adr', version: '1.2.3', informationUri: 'https://example.org/adr' });
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const rule of RULES) expect(ids).toContain(rule.id);
    expect(ids).toContain('parse');
    const mismatch = run.tool.driver.rules.find((r: { id: string }) => r.id === 'status-mismatch');
    expect(mismatch.shortDescription.text.length).toBeGreaterThan(5);
    expect(mismatch.fullDescription.text.length).toBeGreaterThan(50);
    expect(mismatch.helpUri).toBe('https://example.org/adr#rule-status-mismatch');
    expect(mismatch.defaultConfiguration.level).toBe('error');
    const bom = run.tool.driver.rules.find((r: { id: string }) => r.id === 'encoding-bom');
    expect(bom.defaultConfiguration.level).toBe('warning');
  });

  it('has one result per problem with ruleIndex, level, location and fingerprint', () => {
    expect(run.results).toHaveLength(3);
    const [first, , third] = run.results;
    expect(run.tool.driver.rules[first.ruleIndex].id).toBe(first.ruleId);
    expect(first).toMatchObject({
      ruleId: 'status-mismatch',
      level: 'error',
      message: { text: SAMPLE[0].message },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'decisions/a.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 7, startColumn: 10, endLine: 7, endColumn: 22 } } }],
    });
    expect(third.level).toBe('warning');
    expect(first.partialFingerprints['adrCheck/v1']).toMatch(/^[0-9a-f]{32}$/);
    // The fingerprint ignores the line, so a problem that moves keeps its identity.
    const moved = JSON.parse(formatSarif(input([{ ...SAMPLE[0], line: 70, endLine: 70 }]))).runs[0].results[0];
    expect(moved.partialFingerprints).toEqual(first.partialFingerprints);
    const info = JSON.parse(formatSarif(input([diag({ severity: 'info' })]))).runs[0].results[0];
    expect(info.level).toBe('note');
  });

  it('percent-encodes paths', () => {
    expect(toSarifUri('my decisions/0001 #1.md')).toBe('my%20decisions/0001%20%231.md');
    expect(toSarifUri('../DECISIONS.md')).toBe('../DECISIONS.md');
  });
});

describe('stylish escaping', () => {
  it('never lets a file name or message start a line of its own (no forged workflow commands, no ESC)', () => {
    const out = formatStylish(
      input([diag({ path: 'decisions/a\n::error file=forged.md::forged.md', message: 'Unknown status `x\u001b[31mred\r\n::warning::y`' })]),
    );
    for (const line of out.split('\n')) expect(line.startsWith('::')).toBe(false);
    expect(out).not.toMatch(/\u001b/);
    expect(out).toContain('decisions/a\\n::error file=forged.md::forged.md');
    expect(out).toContain('x\\u001b[31mred ::warning::y');
  });
});
