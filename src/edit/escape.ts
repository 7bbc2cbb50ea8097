/**
 * Text made safe to splice into markdown: one line for a label value, a paragraph that cannot start
 * a block, link text and targets, YAML scalars. Every edit that writes a user's words goes through
 * these, so a reason or a title never turns into a heading, a list or broken front matter.
 */


/**
 * Makes user text safe for one markdown line: newlines and runs of blanks become one space,
 * and a trailing backslash (which would turn into a hard break or escape our own) is dropped.
 */
export function oneLine(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\\+$/, '')
    .trim();
}

/**
 * A reason as a paragraph of its own: a leading `#`, `-`, `>`, `|`, fence, `<!--` or `1.` would
 * turn it into a heading, list, quote, table, code block or comment, so that character is escaped.
 */
export function blockSafe(text: string): string {
  if (/^(#{1,6}(\s|$)|[-+*](\s|$)|>|\||```|~~~|<|=+\s*$|-{3,}\s*$|_{3,}\s*$|\*{3,}\s*$)/.test(text)) return `\\${text}`;
  const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(text);
  if (ordered) return `${ordered[1]}\\${text.slice(ordered[1].length)}`;
  return text;
}

/** Brackets in a link text would end it early; escape them. */
export function escapeLinkText(text: string): string {
  return oneLine(text).replace(/([[\]\\])/g, '\\$1');
}

/** Destinations with spaces or parentheses go in angle brackets. */
export function escapeHref(href: string): string {
  return /[\s()<>]/.test(href) ? `<${href.replace(/[<>]/g, encodeURIComponent)}>` : href;
}

/** A YAML scalar for `value`: plain when YAML reads it back unchanged, else double-quoted. */
export function yamlScalar(value: string): string {
  const plainOk =
    value !== '' &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/[:#]\s|\s#|:$|\s$/.test(value) &&
    !/^(true|false|yes|no|on|off|null|~|[-+]?[\d.]+(e[-+]?\d+)?)$/i.test(value) &&
    // Flow indicators are legal in a block plain scalar, but quoting keeps hand edits safe.
    !/[[\]{}]/.test(value);
  if (plainOk) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
