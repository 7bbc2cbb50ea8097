// The project `adr affected` is timed on (bench/run.mjs, group `affected`): a git repository with a
// Nygard log of N records whose `Applies to:` lines name 1 to 3 globs each over a tree of services
// (mostly one service or layer, one in ten across all of them; a fifth superseded or deprecated), and a feature branch
// that changes M files against main. Written once per generator version under bench/out/affected-N-M.
//
//   node bench/affected.mjs [--records 1000] [--files 10000]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prng } from './generate.mjs';

const VERSION = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 16);
const LAYERS = ['api', 'db', 'worker', 'web', 'jobs', 'proto', 'config', 'lib'];
const EXTS = ['.ts', '.ts', '.ts', '.sql', '.proto', '.yaml', '.md', '.go'];

function git(cwd, ...args) {
  execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com', GIT_CONFIG_NOSYSTEM: '1' },
  });
}

/**
 * One glob over the services tree, in the shapes people write: most name a service or one layer of
 * it; one in ten cuts across every service (one layer everywhere, or every `.proto` file).
 */
function glob(r, services) {
  const svc = r.int(services);
  if (r.chance(0.1)) return r.chance(0.5) ? `services/*/${r.pick(LAYERS)}/*${r.pick(EXTS)}` : `*${r.pick(['.sql', '.proto'])}`;
  switch (r.int(4)) {
    case 0:
      return `services/svc${svc}/**`;
    case 1:
      return `services/svc${svc}/${r.pick(LAYERS)}/`;
    case 2:
      return `services/svc${svc}/**/*${r.pick(EXTS)}`;
    default:
      return `services/svc${svc}/${r.pick(LAYERS)}/{a,b,c}*.ts`;
  }
}

/** Writes (or reuses) the project; returns its root and the changed files' list file (one path a line). */
export function ensureAffectedProject({ records = 1000, files = 10000, out }) {
  const root = resolve(out, `affected-${records}-${files}`);
  const stamp = join(root, '.bench-affected.json');
  if (existsSync(stamp) && JSON.parse(readFileSync(stamp, 'utf8')).version === VERSION) return { root, records, files, list: join(root, '.bench-changed.txt') };
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const r = prng(18);
  const services = Math.max(10, Math.round(files / 50));
  // The code: `files` paths spread over the services, each layer a folder.
  const paths = [];
  for (let i = 0; i < files; i++) paths.push(`services/svc${i % services}/${LAYERS[r.int(LAYERS.length)]}/${String.fromCharCode(97 + r.int(6))}${i}${EXTS[r.int(EXTS.length)]}`);
  for (const p of paths) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), 'v1\n');
  }
  mkdirSync(join(root, 'docs', 'adr'), { recursive: true });
  for (let n = 1; n <= records; n++) {
    const globs = [...new Set(Array.from({ length: 1 + r.int(3) }, () => glob(r, services)))];
    const roll = r.int(10);
    const status = roll < 7 ? ['Accepted'] : roll === 7 && n > 1 ? [`Superseded by [${n - 1}. Earlier](${String(n - 1).padStart(4, '0')}-decision-${n - 1}.md)`] : roll === 8 ? ['Deprecated'] : ['Proposed'];
    const text = [`# ${n}. Decision ${n}`, '', 'Date: 2024-01-01', `Applies to: ${globs.map((g) => `\`${g}\``).join(', ')}`, '', '## Status', '', ...status, '', '## Context', '', `Why decision ${n} was needed.`, '', '## Decision', '', 'We will do it.', '', '## Consequences', '', 'It is done.', ''].join('\n');
    writeFileSync(join(root, 'docs', 'adr', `${String(n).padStart(4, '0')}-decision-${n}.md`), text);
  }
  writeFileSync(join(root, '.gitignore'), '.bench-*\n');
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'main');
  git(root, 'checkout', '-qb', 'feature');
  for (const p of paths) writeFileSync(join(root, p), 'v2\n');
  git(root, 'commit', '-qam', 'change every file');
  writeFileSync(join(root, '.bench-changed.txt'), `${paths.join('\n')}\n`);
  writeFileSync(stamp, `${JSON.stringify({ version: VERSION, records, files }, null, 2)}\n`);
  return { root, records, files, list: join(root, '.bench-changed.txt') };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { records: { type: 'string', default: '1000' }, files: { type: 'string', default: '10000' } } });
  const started = Date.now();
  const p = ensureAffectedProject({ records: Number(values.records), files: Number(values.files), out: fileURLToPath(new URL('./out', import.meta.url)) });
  console.log(`${p.root}: ${p.records} records, ${p.files} changed files (${Date.now() - started} ms)`);
}
