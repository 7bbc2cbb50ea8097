/**
 * Real git repositories in temp folders for the git tests: made with the git on PATH, commits at
 * fixed dates by named authors, so histories and diffs can be stated exactly.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
export { NOW, runCli } from '../authoring-new/helpers.js';

/** Whether a git executable is there to make repositories with. */
export const HAVE_GIT = spawnSync('git', ['--version']).status === 0;

/** A repository in a temp folder, with helpers to write, commit and branch. */
export interface TestRepo {
  root: string;
  git(...args: string[]): string;
  write(files: Record<string, string>): void;
  read(path: string): string;
  /** Commits everything (`git add -A`) as `author` at `date` (YYYY-MM-DD, noon UTC). */
  commit(message: string, options?: { author?: string; date?: string }): string;
}

/** Runs git in `cwd`; throws with git's stderr on failure. */
export function gitIn(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A fresh repository on branch main, with user.name and user.email set. */
export function makeRepo(prefix = 'adr-git-'): TestRepo {
  const root = mkdtempSync(join(tmpdir(), prefix));
  gitIn(root, ['init', '-q', '-b', 'main']);
  gitIn(root, ['config', 'user.name', 'Test User']);
  gitIn(root, ['config', 'user.email', 'test@example.com']);
  gitIn(root, ['config', 'commit.gpgsign', 'false']);
  return repoAt(root);
}

/** Helpers for the repository at `root`. */
export function repoAt(root: string): TestRepo {
  return {
    root,
    git: (...args) => gitIn(root, args),
    write(files) {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
    },
    read: (path) => readFileSync(join(root, path), 'utf8'),
    commit(message, options = {}) {
      const [name, email] = (options.author ?? 'Test User <test@example.com>').match(/^(.*?) <(.*)>$/)!.slice(1);
      const when = `${options.date ?? '2026-01-10'}T12:00:00Z`;
      const env = { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: when, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_COMMITTER_DATE: when };
      gitIn(root, ['add', '-A']);
      gitIn(root, ['commit', '-q', '--allow-empty', '-m', message], env);
      return gitIn(root, ['rev-parse', 'HEAD']).trim();
    },
  };
}

/** A Nygard record as adr-tools writes it. */
export function nygard(number: number, title: string, status: string, extra = ''): string {
  return `# ${number}. ${title}\n\nDate: 2026-01-01\n\n## Status\n\n${status}\n\n## Context\n\nWhy.\n\n## Decision\n\nWe do it.\n${extra}`;
}

/** A summary-format record (FORMAT.md §1) with action items. */
export function summary(title: string, status: string, items: string[] = [], extra = ''): string {
  return [
    `# ${title}`,
    '',
    '[🚪 ← Back to Decisions Overview](../DECISIONS.md)',
    '',
    '## Decision Summary',
    '',
    `**Status**: ${status}\\`,
    '**Priority**: 🟡 **Important** (2 weeks)\\',
    '**Date**: 2026-01-01',
    '',
    '## Action Items',
    '',
    '### 🟡 Next 2 Weeks (Important)',
    '',
    ...items,
    '',
    '---',
    '',
    extra,
    '',
  ].join('\n');
}

/** A temp folder for a clone. */
export function tempFolder(prefix = 'adr-clone-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
