/** Rule `encoding-mixed-eol`: a record mixing LF and CRLF line endings. */
import { summaryRecord } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';
import { dominantEol } from '../parse/eol.js';

/** The first line (1-based) ending differently from the file's dominant ending (`dominantEol`), or null. */
function firstOddLine(text: string): { line: number; crlf: number; lf: number } | null {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  if (crlf === 0 || lf === 0) return null;
  const oddIsCrlf = dominantEol(text) === '\n';
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 10) continue;
    const isCrlf = i > 0 && text.charCodeAt(i - 1) === 13;
    if (isCrlf === oddIsCrlf) return { line, crlf, lf };
    line++;
  }
  return { line: 1, crlf, lf };
}

/** The rule object. */
export const rule: Rule = {
  id: 'encoding-mixed-eol',
  severity: 'warning',
  summary: 'A record mixes LF and CRLF line endings.',
  description:
    'A file whose lines end partly in LF and partly in CRLF usually comes from a copy-paste between systems or an editor with a different setting. It reads fine, but every later edit risks a whole-file diff. Reported at the first line that ends differently from the majority (on a tie, from the first line); `adr` itself always writes new lines with the file\'s dominant ending.',
  fixable: false,
  examples: {
    ok: [{ files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved' }).replace(/\n/g, '\r\n') } }],
    notOk: [
      {
        files: { '2025-08-06-cache.md': summaryRecord({ title: 'Cache', status: '✅ Approved' }).replace('\n', '\r\n') },
        findings: [
          { file: '2025-08-06-cache.md', line: 1, column: 1, message: 'Mixed line endings (1 CRLF, 11 LF); line 1 is the first to differ from the majority' },
        ],
      },
    ],
  },
  check({ log, source }, report) {
    for (const decision of log.decisions) {
      if (decision.encoding.eol !== 'mixed') continue;
      const src = source(decision.file);
      const odd = src ? firstOddLine(src.text) : null;
      report({
        file: decision.file,
        line: odd?.line ?? 1,
        message: odd
          ? `Mixed line endings (${odd.crlf} CRLF, ${odd.lf} LF); line ${odd.line} is the first to differ from the majority`
          : 'Mixed line endings (LF and CRLF)',
      });
    }
  },
};
