/** Rule `link-missing-file`: a link to a record file that does not exist. */
import { posix } from 'node:path';
import { nygardRecord, supersedePair } from '../lint/examples.js';
import type { Fix } from '../model/index.js';
import type { Rule } from '../lint/rule.js';

const NUMBERED = /^((?:adr[-_]?)?)(\d+)([-_. ])(.+)$/i;
const DATED = /^(\d{4}-?\d{2}-?\d{2})-(.+)$/;

/**
 * A file the dead link probably meant, as a hint. In numbered logs the one file with the same slug
 * under another number (a record renumbered after a merge) comes first, then the one file with the
 * same number; in dated logs the one file with the same slug under another date.
 */
function suggestion(target: string, files: readonly string[]): string | null {
  const slash = target.lastIndexOf('/');
  const folder = target.slice(0, slash + 1);
  const base = target.slice(slash + 1);
  const siblings = files.filter((f) => f !== target && f.startsWith(folder) && !f.slice(folder.length).includes('/')).map((f) => f.slice(folder.length));
  const only = (names: string[]) => (names.length === 1 ? folder + names[0] : null);
  const dated = DATED.exec(base);
  if (dated) return only(siblings.filter((name) => name.replace(/^\d{4}-?\d{2}-?\d{2}-/, '') === dated[2]));
  const numbered = NUMBERED.exec(base);
  if (!numbered) return null;
  const slug = numbered[4].toLowerCase();
  const sameSlug = siblings.filter((name) => {
    const m = NUMBERED.exec(name);
    return m !== null && m[4].toLowerCase() === slug && Number(m[2]) !== Number(numbered[2]);
  });
  if (sameSlug.length > 0) return only(sameSlug);
  return only(siblings.filter((name) => {
    const m = NUMBERED.exec(name);
    return m !== null && Number(m[2]) === Number(numbered[2]);
  }));
}

/** The rule object. */
export const rule: Rule = {
  id: 'link-missing-file',
  severity: 'error',
  summary: 'A link points to a record file that does not exist.',
  description:
    'Links between records (`Supersedes [1. X](0001-x.md)`, `[Infrastructure](2025-08-06-infrastructure.md)`) break when a file is renamed or was never written. Every relative link to a markdown file inside the log is checked against the files on disk; web links are not fetched. When exactly one file has the missing one\'s slug under another number (a record renumbered after a merge), that file is suggested first, else the one file with the same number (numbered logs) or the same slug under another date (dated logs). A link written from the repository root (`doc/adr/0021-x.md` from inside doc/adr) is broken wherever the markdown is rendered, since links resolve from the file\'s own folder: the message says so, and the fix writes the relative path.',
  fixable: true,
  examples: {
    ok: [{ files: supersedePair() }],
    notOk: [
      {
        files: { '0002-y.md': nygardRecord(2, 'Use Y', ['Accepted', 'Supersedes [1. Use X](0001-use-x.md)']) },
        findings: [
          { file: '0002-y.md', line: 9, column: 23, message: 'Link to `0001-use-x.md`, which does not exist' },
        ],
      },
      {
        files: { '0045-add-retry-queue.md': nygardRecord(45, 'Add retry queue', ['Accepted']), '0046-y.md': nygardRecord(46, 'Use Y', ['Accepted', 'Amends [34. Add retry queue](0034-add-retry-queue.md)']) },
        note: 'a renumbered record: the same slug under another number is suggested',
        findings: [
          { file: '0046-y.md', line: 9, column: 30, message: 'Link to `0034-add-retry-queue.md`, which does not exist (did you mean `0045-add-retry-queue.md`?)' },
        ],
      },
      {
        files: { '0001-use-x.md': nygardRecord(1, 'Use X', ['Superseded by [2. Use Y](0002-use-y.md)']), '0002-use-y.md': nygardRecord(2, 'Use Y', ['Accepted', 'Supersedes [1. Use X](decisions/0001-use-x.md)']) },
        note: 'a link written from the repository root: the fix writes the relative path',
        findings: [
          { file: '0002-use-y.md', line: 9, column: 23, message: 'Link to `decisions/0001-use-x.md` is written from the repository root, but links resolve from this file\'s folder, where it does not exist; write `0001-use-x.md`' },
        ],
        output: {
          '0002-use-y.md': (nygardRecord(2, 'Use Y', ['Accepted', 'Supersedes [1. Use X](decisions/0001-use-x.md)'])).replace('Supersedes [1. Use X](decisions/0001-use-x.md)\n', 'Supersedes [1. Use X](0001-use-x.md)\n'),
        },
      },
    ],
  },
  check({ log, exists, source }, report) {
    const files = log.decisions.map((d) => d.file);
    for (const decision of log.decisions) {
      for (const link of decision.links) {
        if (link.fromRoot !== undefined) {
          // The log reader found the record such a link names (src/store/root-links.ts).
          const written = source(decision.file)?.text.slice(link.span.start.offset, link.span.end.offset) ?? '';
          const rest = written.slice(written.split('#')[0].split('?')[0].length);
          const folder = posix.dirname(decision.file);
          const dest = posix.relative(folder, link.target) || posix.basename(link.target);
          const fix: Fix = { description: `write \`${dest}\``, edits: [{ file: decision.file, start: link.span.start.offset, end: link.span.end.offset, text: dest + rest }] };
          report({
            file: decision.file,
            span: link.span,
            message: `Link to \`${link.fromRoot}\` is written from the repository root, but links resolve from this file's folder, where it does not exist; write \`${dest}\``,
            ...(written ? { fix } : {}),
          });
          continue;
        }
        if (link.external || link.implicit || exists(link.target)) continue;
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
