import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanStaleTemps, createExclusive, TEMP_FILE_PATTERN, tempPathFor, USER_OUTPUT, writeFileAtomic } from '../../src/store/write.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'adr-write-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const fresh = (name: string) => {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  return d;
};

describe('writeFileAtomic', () => {
  it('creates and replaces files, leaving no temp file behind', async () => {
    const d = fresh('basic');
    const target = join(d, 'record.md');
    await writeFileAtomic(target, 'first\n', USER_OUTPUT);
    expect(readFileSync(target, 'utf8')).toBe('first\n');
    await writeFileAtomic(target, new TextEncoder().encode('second ✅\n'), USER_OUTPUT);
    expect(readFileSync(target, 'utf8')).toBe('second ✅\n');
    expect(readdirSync(d)).toEqual(['record.md']);
  });

  it('keeps the permission bits of the file it replaces', async () => {
    const d = fresh('mode');
    const target = join(d, 'script.md');
    writeFileSync(target, 'x');
    chmodSync(target, 0o640);
    await writeFileAtomic(target, 'y', USER_OUTPUT);
    expect(statSync(target).mode & 0o777).toBe(0o640);
    chmodSync(target, 0o755);
    await writeFileAtomic(target, 'z', USER_OUTPUT);
    expect(statSync(target).mode & 0o777).toBe(0o755);
    // Bits the umask would strip from a newly created file (group/other write) are kept too.
    chmodSync(target, 0o666);
    await writeFileAtomic(target, 'w', USER_OUTPUT);
    expect(statSync(target).mode & 0o777).toBe(0o666);
  });

  it('writes through a symbolic link, keeping the link', async () => {
    const d = fresh('link');
    const real = join(d, 'real.md');
    const alias = join(d, 'alias.md');
    writeFileSync(real, 'old');
    symlinkSync('real.md', alias);
    await writeFileAtomic(alias, 'new', USER_OUTPUT);
    expect(lstatSync(alias).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
  });

  it('removes its temp file and rethrows when the rename fails', async () => {
    const d = fresh('fail');
    const target = join(d, 'is-a-folder');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'x');
    await expect(writeFileAtomic(target, 'data', USER_OUTPUT)).rejects.toMatchObject({ code: expect.stringMatching(/EISDIR|ENOTEMPTY|EEXIST|EPERM/) });
    expect(readdirSync(d)).toEqual(['is-a-folder']);
  });

  it('fails cleanly when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'x.md'), 'data', USER_OUTPUT)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('names temp files so that stale ones can be found', () => {
    const name = tempPathFor(join(dir, '2025-08-06-nix.md')).slice(dir.length + 1);
    expect(name).toMatch(/^\.2025-08-06-nix\.md\.\d+-[0-9a-f]{8}\.[0-9a-f]{12}\.tmp$/);
    expect(TEMP_FILE_PATTERN.test(name)).toBe(true);
    expect(tempPathFor(join(dir, 'x'.repeat(300))).length).toBeLessThan(dir.length + 140);
  });
});

describe('cleanStaleTemps', () => {
  it('removes only temp files older than the limit', async () => {
    const d = fresh('clean');
    const now = Date.now();
    const old = '.record.md.123.0123456789ab.tmp';
    const recent = '.record.md.124.0123456789ac.tmp';
    writeFileSync(join(d, old), 'x');
    writeFileSync(join(d, recent), 'x');
    writeFileSync(join(d, 'record.md'), 'keep');
    writeFileSync(join(d, '.notes.tmp'), 'not ours');
    mkdirSync(join(d, '.folder.md.125.0123456789ad.tmp')); // a folder with a temp-like name is left alone
    utimesSync(join(d, '.folder.md.125.0123456789ad.tmp'), new Date(now - 120_000), new Date(now - 120_000));
    utimesSync(join(d, old), new Date(now - 120_000), new Date(now - 120_000));
    expect(await cleanStaleTemps(d, { now })).toEqual([old]);
    expect(readdirSync(d).sort()).toEqual(['.folder.md.125.0123456789ad.tmp', '.notes.tmp', recent, 'record.md']);
    expect(await cleanStaleTemps(d, { now: now + 61_000 })).toEqual([recent]);
    expect(await cleanStaleTemps(join(d, 'missing'))).toEqual([]);
  });
});

describe('createExclusive', () => {
  it('creates a new file and refuses an existing one', async () => {
    const d = fresh('excl');
    const target = join(d, '0001-first.md');
    expect(await createExclusive(target, '# First\n', USER_OUTPUT)).toBe(true);
    expect(await createExclusive(target, '# Second\n', USER_OUTPUT)).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('# First\n');
    expect(readdirSync(d)).toEqual(['0001-first.md']);
  });

  it('lets exactly one of 20 parallel creators win, with its content intact', async () => {
    const d = fresh('race');
    const target = join(d, 'new.md');
    const payloads = Array.from({ length: 20 }, (_, i) => `# Writer ${i}\n${'x'.repeat(100_000)}\n`);
    const results = await Promise.all(payloads.map((p) => createExclusive(target, p, USER_OUTPUT)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(readFileSync(target, 'utf8')).toBe(payloads[results.indexOf(true)]);
    expect(readdirSync(d)).toEqual(['new.md']);
  });

  it('lets exactly one of 8 processes win', { timeout: 60_000 }, async () => {
    const d = fresh('race-processes');
    const module = compileWriteModule(d);
    const target = join(d, 'new.md');
    const script = `import { createExclusive, USER_OUTPUT } from ${JSON.stringify(module)};
      const won = await createExclusive(${JSON.stringify(target)}, 'writer ' + process.argv[2], USER_OUTPUT);
      process.stdout.write(won ? 'won' : 'lost');`;
    writeFileSync(join(d, 'race.mjs'), script);
    const outputs = await Promise.all(
      Array.from({ length: 8 }, (_, i) => run(process.execPath, [join(d, 'race.mjs'), String(i)])),
    );
    expect(outputs.filter((o) => o === 'won')).toHaveLength(1);
    expect(outputs.filter((o) => o === 'lost')).toHaveLength(7);
    expect(readFileSync(target, 'utf8')).toBe(`writer ${outputs.indexOf('won')}`);
  });
});

/**
 * Compile src/store/write.ts and the two modules it imports (confine.ts, errors.ts: node: modules
 * only beyond them) to plain ES modules for child processes; returns write's path.
 */
function compileWriteModule(into: string): string {
  const root = join(into, 'mod');
  mkdirSync(join(root, 'store'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"type":"module"}');
  for (const rel of ['store/write.ts', 'store/confine.ts', 'errors.ts']) {
    const source = readFileSync(new URL(`../../src/${rel}`, import.meta.url), 'utf8');
    const out = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(join(root, rel.replace(/\.ts$/, '.js')), out);
  }
  return join(root, 'store', 'write.js');
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

describe('writeFileAtomic survives SIGKILL at any point', () => {
  it('leaves the complete old or the complete new content after each of 30 kills', { timeout: 180_000 }, async () => {
    const d = fresh('crash');
    const module = compileWriteModule(d);
    // Two contents of different sizes, each line numbered, so a torn or truncated file is caught.
    const make = (tag: string, lines: number) =>
      Buffer.from(Array.from({ length: lines }, (_, i) => `${tag} ${i} ${'-'.repeat(60)}\n`).join(''));
    const A = make('A', 45_000); // ~3 MB
    const B = make('B', 70_000); // ~5 MB
    writeFileSync(join(d, 'a.bin'), A);
    writeFileSync(join(d, 'b.bin'), B);
    const whole = (buf: Buffer) => buf.equals(A) || buf.equals(B);
    // The check itself must be able to fail: a truncated or empty file is not whole.
    expect(whole(A.subarray(0, A.length - 1))).toBe(false);
    expect(whole(Buffer.alloc(0))).toBe(false);

    const child = join(d, 'child.mjs');
    writeFileSync(
      child,
      `import { readFileSync } from 'node:fs';
      import { USER_OUTPUT, writeFileAtomic } from ${JSON.stringify(module)};
      const [target] = process.argv.slice(2);
      const a = readFileSync(${JSON.stringify(join(d, 'a.bin'))});
      const b = readFileSync(${JSON.stringify(join(d, 'b.bin'))});
      for (let i = 0; ; i++) {
        await writeFileAtomic(target, i % 2 ? a : b, USER_OUTPUT);
        if (i === 0) process.stdout.write('ready\\n');
      }`,
    );

    // Five lanes (own folder, own target) of six kills each run side by side: 30 kills in all.
    const lanes = 5;
    const killsPerLane = 6;
    const seen = new Set<string>();
    const lane = async (l: number) => {
      const laneDir = fresh(`crash/lane-${l}`);
      const target = join(laneDir, 'big.md');
      writeFileSync(target, A);
      for (let k = 0; k < killsPerLane; k++) {
        const proc = spawn(process.execPath, [child, target], { stdio: ['ignore', 'pipe', 'inherit'] });
        const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
        // Wait for one complete write, so every kill lands inside the write loop.
        await new Promise<void>((resolve, reject) => {
          proc.stdout.once('data', () => resolve());
          proc.on('exit', () => reject(new Error('child exited before it was ready')));
        });
        // Varied delays (a deterministic spread over 0-210 ms) land in different phases of a
        // write: open, write, fsync, rename, directory fsync.
        const n = l * killsPerLane + k;
        await new Promise((r) => setTimeout(r, (n * 53) % 211));
        proc.kill('SIGKILL');
        await exited;
        const content = readFileSync(target);
        expect(whole(content), `lane ${l}, kill ${k}: ${content.length} bytes`).toBe(true);
        seen.add(content.equals(A) ? 'A' : 'B');
      }
      // Leftover temp files (from kills before the rename) follow the documented pattern and
      // the stale-temp cleaner removes exactly them.
      const leftovers = readdirSync(laneDir).filter((n) => n !== 'big.md');
      for (const n of leftovers) expect(n).toMatch(TEMP_FILE_PATTERN);
      expect(await cleanStaleTemps(laneDir, { now: Date.now() + 61_000 })).toEqual(leftovers.sort());
      expect(readdirSync(laneDir)).toEqual(['big.md']);
    };
    await Promise.all(Array.from({ length: lanes }, (_, l) => lane(l)));
    expect(seen.size).toBeGreaterThan(0);
  });
});
