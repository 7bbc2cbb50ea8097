/**
 * readLog on a log salted with broken files (test/fixtures/dialects/broken, plus a dangling
 * symlink, a symlink loop and an enormous file made here): every broken file becomes a diagnostic
 * naming the file and line, and every other record is still read.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Log } from '../../src/model/index.js';
import { readLog } from '../../src/store/read-log.js';
import { fixture } from '../parse/helpers.js';

let root: string;
let log: Log;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'adr-broken-'));
  const dir = join(root, 'decisions');
  cpSync(fixture('broken'), dir, { recursive: true });
  symlinkSync(join(dir, 'no-such-target.md'), join(dir, 'dangling.md'));
  mkdirSync(join(dir, 'loop'));
  symlinkSync(join(dir, 'loop'), join(dir, 'loop', 'again'));
  writeFileSync(join(dir, 'enormous.md'), '');
  truncateSync(join(dir, 'enormous.md'), 11 * 1024 * 1024);
  log = await readLog({ cwd: root, cache: false });
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a log salted with broken files', () => {
  it('still reads every good record', () => {
    expect(log.decisions.map((d) => d.file).sort()).toEqual([
      '0002-good-nygard.md',
      '2025-01-01-good-summary.md',
      'bom-crlf.md',
      'broken-yaml.md',
      'front-matter-only.md',
      'mojibake-mac-roman.md',
      'mojibake-windows-1252.md',
    ]);
  });

  it('names each unreadable file, with its line, in one error each', () => {
    const errors = log.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}: ${d.message}`);
    const byFile = (name: string) => errors.filter((e) => e.startsWith(`${name}:`));
    expect(byFile('binary.md')).toHaveLength(1);
    expect(byFile('binary.md')[0]).toMatch(/binary/i);
    expect(byFile('latin1.md')[0]).toMatch(/^latin1\.md:1: .*not UTF-8.*0xE9/);
    expect(byFile('empty.md')[0]).toMatch(/empty/i);
    expect(byFile('whitespace-only.md')[0]).toMatch(/empty/i);
    expect(byFile('nul-byte.md')[0]).toMatch(/^nul-byte\.md:5: .*NUL/);
    expect(byFile('dangling.md')[0]).toMatch(/dangling symbolic link/i);
    expect(byFile('enormous.md')[0]).toMatch(/too large/i);
    expect(byFile('broken-yaml.md')).toHaveLength(1);
    expect(byFile('broken-yaml.md')[0]).toMatch(/^broken-yaml\.md:[2-4]: Broken YAML front matter/);
  });

  it('reports a symbolic link loop once, as a warning, without hanging', () => {
    expect(log.diagnostics.filter((d) => /loop/i.test(d.message)).length).toBeGreaterThanOrEqual(1);
  });

  it('reads a BOM + CRLF record, and both kinds of mojibake, as the text they were meant to be', () => {
    const get = (file: string) => log.decisions.find((d) => d.file === file)!;
    const crlf = get('bom-crlf.md');
    expect(crlf).toMatchObject({ status: 'accepted', reason: 'kept as is', priority: 'urgent', category: 'Infrastructure', date: '2025-02-02' });
    expect(crlf.encoding).toMatchObject({ bom: true, eol: 'crlf' });
    expect(crlf.actionItems.map((a) => [a.text, a.done])).toEqual([
      ['Keep CRLF line endings', false],
      ['Keep the BOM', true],
    ]);
    const mac = get('mojibake-mac-roman.md');
    expect(mac).toMatchObject({ status: 'aborted', priority: 'important', category: 'Infrastructure' });
    expect(mac.encoding.mojibake).toBe('mac-roman');
    const win = get('mojibake-windows-1252.md');
    expect(win).toMatchObject({ status: 'accepted', statusText: '✅ Decided', category: 'GTM', date: '2025-03-03' });
    expect(win.encoding.mojibake).toBe('windows-1252');
    expect(win.actionItems.map((a) => [a.text, a.note, a.group])).toEqual([['Launch', '✅ done', '🟡 Next 2 Weeks (Important)']]);
  });

  it('keeps a record whose front matter is broken, without the facts the front matter held', () => {
    const d = log.decisions.find((x) => x.file === 'broken-yaml.md')!;
    expect(d.title).toBe('Broken YAML front matter');
    expect(d.status).toBeNull();
  });

  it('reads a record that is only front matter, named by its file', () => {
    const d = log.decisions.find((x) => x.file === 'front-matter-only.md')!;
    expect(d).toMatchObject({ title: 'Front matter only', status: 'accepted', date: '2024-01-01', dialect: 'madr4', deciders: ['Alice Archer'] });
  });
});
