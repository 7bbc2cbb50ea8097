/**
 * A small glob matcher for the config's `ignore` patterns, so ignoring paths costs no dependency
 * (node's path.matchesGlob is not available on every Node version we support).
 */

/** Characters a RegExp source reads as syntax, escaped when a glob holds them literally. */
const REGEX_SPECIAL = new Set('.+^${}()|[]\\');

/**
 * Compiles a glob to a RegExp over POSIX paths relative to the log folder.
 * Supports `**` (any number of folders), `*` and `?` (within one segment), `{a,b}` and `[abc]`.
 * A pattern without a slash matches a base name in any folder (as in .gitignore); a trailing slash
 * or a folder name matches everything below it.
 */
export function globToRegExp(pattern: string): RegExp {
  let glob = pattern.trim().replace(/\\/g, '/');
  if (glob.startsWith('./')) glob = glob.slice(2);
  const anchored = glob.startsWith('/') || glob.slice(0, -1).includes('/');
  if (glob.startsWith('/')) glob = glob.slice(1);
  if (glob.endsWith('/')) glob += '**';
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` matches everything below.
        const slash = glob[i + 2] === '/';
        source += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '{') {
      const close = glob.indexOf('}', i);
      if (close === -1) {
        source += '\\{';
      } else {
        const options = glob.slice(i + 1, close).split(',').map((part) => part.replace(/[.+^${}()|[\]\\*?]/g, '\\$&'));
        source += `(?:${options.join('|')})`;
        i = close;
      }
    } else if (char === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1) {
        source += '\\[';
      } else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = close;
      }
    } else {
      // A set lookup rather than a regex per character: records' applies-to globs are compiled by
      // the thousand (adr affected).
      source += REGEX_SPECIAL.has(char) ? `\\${char}` : char;
    }
  }
  // A match on a folder covers the files below it.
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${source}(?:/.*)?$`);
}

/** Returns a predicate telling whether a POSIX path (relative to the log folder) matches any pattern. */
export function ignoreMatcher(patterns: readonly string[] | undefined): (file: string) => boolean {
  const compiled = (patterns ?? []).filter((p) => p.trim() !== '').map(globToRegExp);
  if (compiled.length === 0) return () => false;
  return (file) => {
    const normal = file.replace(/\\/g, '/').replace(/^\.\//, '');
    return compiled.some((re) => re.test(normal));
  };
}
