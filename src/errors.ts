/**
 * The two kinds of failure a person can act on, shared by every layer: the entry point turns
 * UsageError into exit 2 with help and UserError into a one-line message and exit 1.
 */

/** Thrown for bad flags or arguments: the entry point prints it with the command's help and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help to show, or null for the top-level help. */
    readonly command: string | null = null,
    /** False when the message says all there is (a "did you mean" for a typo): no help after it. */
    readonly showHelp = true,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Thrown for a failure the user can fix (unknown REF, no log found): printed without a stack, exit 1. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** A system error as Node reports it: its code, and the file or port it was about. */
type SystemError = NodeJS.ErrnoException & {
  port?: number;
  address?: string;
  dest?: string;
  /** The folder a new file was to be made in, when that (not the file named) refused it. */
  folder?: string;
};

/** Codes that are about the place written to (for a copy or a move: its destination). */
const WRITE_SIDE = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EFBIG']);

/** The advice for a code: what went wrong with `what`, and what the user can do. */
const ADVICE: Record<string, (what: string, e: SystemError) => string> = {
  ENOSPC: (what) => `no space left on the device holding ${what}: free some space (df -h shows how much is left) and run the command again`,
  EDQUOT: (what) => `disk quota exceeded writing ${what}: free some of your space or ask for a larger quota, then run the command again`,
  EROFS: (what) => `${what} is on a read-only file system: remount it read-write or work on a writable copy`,
  EACCES: (what, e) => `permission denied ${verbing(e)} ${what}: check its owner and permissions (ls -l), or run as a user allowed to ${e.syscall === 'open' || e.syscall === 'read' || e.syscall === 'scandir' ? 'read' : 'write'} it`,
  EPERM: (what, e) => `operation not permitted ${verbing(e)} ${what}: check its owner, permissions and attributes (ls -l, lsattr), or run as a user allowed to change it`,
  EEXIST: (what) => `${what} already exists and is in the way: move it aside or choose another name`,
  ENOTDIR: (what) => `a part of ${what} is a file where a folder is needed: check the path (--dir names the log folder, not a file)`,
  EISDIR: (what) => `${what} is a folder where a file is needed: check the path`,
  ENOENT: (what) => `${what} does not exist (or vanished while adr was working): check the path and run the command again`,
  ENAMETOOLONG: (what) => `the name ${what} is too long for the file system: use a shorter title or path`,
  ELOOP: (what) => `${what} goes round a loop of symbolic links: fix the links`,
  EMFILE: (what) => `too many open files (at ${what}): raise the limit (ulimit -n) and run the command again`,
  ENFILE: (what) => `the system ran out of open files (at ${what}): close some programs and run the command again`,
  EIO: (what) => `input/output error on ${what}: the disk or network share has a problem; check it (dmesg) before running again`,
  EBUSY: (what) => `${what} is busy (in use by another program, or a mount point): try again when it is free`,
  ETXTBSY: (what) => `${what} is busy (in use by another program): try again when it is free`,
  EFBIG: (what) => `${what} is too large for the file system`,
  EMLINK: (what) => `too many links at ${what}`,
  EXDEV: (what) => `${what} cannot be moved across file systems`,
  EAGAIN: (what) => `${what} is not ready (a pipe or a device?): adr reads regular files`,
  EADDRINUSE: (what) => `${what} is already in use: stop the program using it, or choose another port with --port N (--port 0 picks a free one)`,
  EADDRNOTAVAIL: (what) => `${what} is not an address of this machine: choose another host or port`,
};

function verbing(e: SystemError): string {
  switch (e.syscall) {
    case 'open':
    case 'read':
    case 'scandir':
    case 'stat':
    case 'lstat':
      return 'reading';
    case 'mkdir':
      return 'creating';
    case 'unlink':
    case 'rmdir':
    case 'rm':
      return 'removing';
    default:
      return 'writing';
  }
}

/**
 * Turns a system error the user can act on (a full disk, a read-only or forbidden folder, a path
 * that is a file, a taken port...) into a UserError naming the file or port and what to do; null
 * for anything else (a real bug stays an internal error). The entry point applies it to whatever
 * a command throws, so every command benefits; `shown` turns an absolute path into the one the
 * user sees.
 */
export function userErrorFrom(error: unknown, shown: (path: string) => string = (p) => p): UserError | null {
  if (!error || typeof error !== 'object') return null;
  const e = error as SystemError;
  if (typeof e.code !== 'string') return null;
  const advice = ADVICE[e.code];
  if (!advice) return null;
  let what: string;
  if (e.code === 'EADDRINUSE' || e.code === 'EADDRNOTAVAIL' || (e.port !== undefined && e.syscall === 'listen')) {
    what = `port ${e.port ?? '?'}${e.address ? ` on ${e.address}` : ''}`;
  } else if (typeof e.dest === 'string' && (WRITE_SIDE.has(e.code) || e.syscall === 'copyfile' || e.syscall === 'link' || e.syscall === 'rename')) {
    // A copy, link or move: a full, read-only or forbidden place is the destination's.
    what = WRITE_SIDE.has(e.code) || e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EEXIST' ? shown(e.dest) : shown(e.path ?? e.dest);
  } else if (typeof e.path === 'string') {
    what = shown(e.path);
    if (what === '.') what = 'the current folder (.)';
  } else {
    return null; // no file to name: not something we can advise on
  }
  if ((e.code === 'EACCES' || e.code === 'EPERM') && typeof e.folder === 'string') {
    const folder = shown(e.folder);
    if (folder !== what) {
      const named = folder === '.' ? 'the current folder (.)' : folder;
      return new UserError(
        `permission denied writing ${what}: adr writes it through a new file next to it, and you may not create files in ${named}; check the folder's owner and permissions (ls -ld ${folder}), or run as a user allowed to write it`,
      );
    }
  }
  return new UserError(advice(what, e));
}
