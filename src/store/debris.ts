/**
 * The names `adr` gives its temp files and locks, in one place: the walk collects them (so the
 * command after a `kill -9` sweeps them, store/lock.ts) and no reader ever takes one for a record.
 * A leaf module, so a cached check and `adr new` load nothing more for it.
 */

/**
 * Whether a name is one `adr` gives its temp files and locks (`.x.md.4242-1a2b3c4d.9f86d081884c.tmp`,
 * `.x.md.adr-lock`, `.adr-new.lock`, `.DECISIONS.md.adr-overview-lock`, locks set aside as `.stale`,
 * and the temp files of locks, `..x.md.adr-lock.…tmp`). They all start with a dot, so none is a record.
 */
export function isDebrisName(name: string): boolean {
  return (
    name.charCodeAt(0) === 46 /* . */ &&
    (/\.\d+(?:-[0-9a-f]{8})?\.[0-9a-f]{12}\.(?:tmp|stale)$/.test(name) || name.endsWith('.adr-lock') || name === '.adr-new.lock' || name.endsWith('.adr-overview-lock'))
  );
}
