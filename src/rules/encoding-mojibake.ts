/** Rule `encoding-mojibake`: UTF-8 text that was decoded as Mac Roman or Windows-1252 and saved again. */
import { findMojibake } from '../parse/encoding.js';
import type { TextEdit } from '../model/index.js';
import { summaryRecord } from '../lint/examples.js';
import type { Problem, Rule } from '../lint/rule.js';

const NAMES = { 'mac-roman': 'Mac Roman', 'windows-1252': 'Windows-1252' } as const;

/** The problem for one file's mangled runs, with the fix restoring each run in place. */
function problemFor(file: string, text: string): Problem | null {
  const runs = findMojibake(text);
  if (runs.length === 0) return null;
  const first = runs[0];
  const encodings = [...new Set(runs.map((r) => NAMES[r.encoding]))].join(' and ');
  const edits: TextEdit[] = runs.map((r) => ({ file, start: r.start, end: r.end, text: r.restored }));
  const more = runs.length > 1 ? ` and ${runs.length - 1} more place${runs.length === 2 ? '' : 's'}` : '';
  return {
    file,
    line: first.line,
    column: first.column,
    endLine: first.line,
    endColumn: first.column + first.mangled.length,
    message: `Mangled text (UTF-8 read as ${encodings}): \`${first.mangled}\` should read \`${first.restored}\`${more}`,
    fix: { description: `restore ${runs.length} mangled sequence${runs.length === 1 ? '' : 's'} to the original UTF-8`, edits },
  };
}

/** The rule object. */
export const rule: Rule = {
  id: 'encoding-mojibake',
  severity: 'error',
  summary: 'Text was decoded as Mac Roman or Windows-1252 and saved again.',
  description:
    'When a UTF-8 file is opened as Mac Roman or Windows-1252 and saved, every emoji and accented letter turns into a run of odd characters (`✗` becomes `‚úó`, `🚪` becomes `üö™`, `✅` becomes `âœ…`). `adr` reads such records as they were meant to be, and reports them so they get repaired: GitHub, the site and every other tool show the mangled text. `--fix` replaces each mangled run with its original characters, which restores the file\'s original bytes exactly; correctly written accents, CJK and emoji are never touched. The overview file is checked too.',
  fixable: true,
  examples: {
    ok: [{ files: { '2025-08-06-nix.md': summaryRecord({ title: 'Nix', status: '**✗** **ABORTED** - Makefile instead, café' }) } }],
    notOk: [
      {
        files: { '2025-08-06-nix.md': summaryRecord({ title: 'Nix', status: '**‚úó** **ABORTED** - Makefile instead' }) },
        findings: [
          { file: '2025-08-06-nix.md', line: 7, column: 15, message: 'Mangled text (UTF-8 read as Mac Roman): `‚úó` should read `✗`' },
        ],
        output: {
          '2025-08-06-nix.md': (summaryRecord({ title: 'Nix', status: '**‚úó** **ABORTED** - Makefile instead' })).replace('**Status**: **‚úó** **ABORTED** - Makefile instead\\\n', '**Status**: **✗** **ABORTED** - Makefile instead\\\n'),
        },
      },
    ],
  },
  check({ log, source }, report) {
    for (const decision of log.decisions) {
      if (!decision.encoding.mojibake && decision.encoding.repairs.length === 0) continue;
      const src = source(decision.file);
      if (src) {
        const problem = problemFor(decision.file, src.text);
        if (problem) report(problem);
        continue;
      }
      // No text at hand (a cached read): report from the model, without a fix.
      const first = decision.encoding.repairs[0];
      report({
        file: decision.file,
        line: first?.line ?? 1,
        column: first?.column ?? 1,
        message: `Mangled text (UTF-8 read as ${NAMES[decision.encoding.mojibake ?? 'mac-roman']})${first ? `: \`${first.mangled}\` should read \`${first.restored}\`` : ''}`,
      });
    }
    if (log.overview) {
      const src = source(log.overview.file);
      const problem = src ? problemFor(log.overview.file, src.text) : null;
      if (problem) report(problem);
    }
  },
};
