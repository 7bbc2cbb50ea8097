/** Rule `link-missing-file`: a link to a record file that does not exist. */
import { nygardRecord, supersedePair } from '../lint/examples.js';
import type { Rule } from '../lint/rule.js';

/**
 * A file the dead link probably meant, as a hint: in numbered logs the one file with the same number,
 * in dated logs the one file with the same slug under another date.
 */
function suggestion(target: string, files: readonly string[]): string | null {
  const slash = target.lastIndexOf('/');
  const folder = target.slice(0, slash + 1);
  const base = target.slice(slash + 1);
  const dated = /^(\d{4}-?\d{2}-?\d{2})-(.+)$/.exec(base);
  const numbered = dated ? null : /^(\d+)-/.exec(base);
  const candidates = files.filter((f) => {
    if (f === target || !f.startsWith(folder) || f.slice(folder.length).includes('/')) return false;
    const name = f.slice(folder.length);
    if (dated) return name.replace(/^\d{4}-?\d{2}-?\d{2}-/, '') === dated[2];
    if (numbered) return new RegExp(`^0*${Number(numbered[1])}-`).test(name);
    return false;
  });
  return candidates.length === 1 ? candidates[0] : null;
}

/** The rule object. */
export const rule: Rule = {
  id: 'link-missing-file',
  severity: 'error',
  summary: 'A link points to a record file that does not exist.',
  description:
    'Links between records (`Supersedes [1. X](0001-x.md)`, `[Infrastructure](2025-08-06-infrastructure.md)`) break when a file is renamed or was never written. Every relative link to a markdown file inside the log is checked against the files on disk; web links are not fetched. When exactly one file has the missing one\'s number (numbered logs) or its slug under another date (dated logs), the message suggests it.',
  fixable: false,
  examples: {
    ok: [
      { files: supersedePair() },
    ],
    notOk: [{ files: { '0002-y.md': nygardRecord(2, 'Use Y', ['Accepted', 'Supersedes [1. Use X](0001-use-x.md)']) } }],
  },
  check({ log, exists }, report) {
    const files = log.decisions.map((d) => d.file);
    for (const decision of log.decisions) {
      for (const link of decision.links) {
        if (link.external || exists(link.target)) continue;
        const hint = suggestion(link.target, files);
        report({
          file: decision.file,
          span: link.span,
          message: `Link to \`${link.target}\`, which does not exist${hint ? ` (did you mean \`${hint}\`?)` : ''}`,
        });
      }
    }
  },
};
