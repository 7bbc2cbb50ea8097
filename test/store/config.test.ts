/**
 * Every key of the config (`.adr.json`, or the "adr" key of package.json) is checked for its type:
 * a wrong one is exit 1 with the file, the line and column of the key, the key and the type it
 * must have. An unknown key is an error too; `$schema` is accepted (as a string).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findLog, jsonKeyOffset } from '../../src/store/find-log.js';
import { runInProcess } from '../helpers/run-in-process.js';

const base = mkdtempSync(join(tmpdir(), 'adr-config-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let n = 0;
/** A folder with a log and `file` holding `text`. */
function repo(file: string, text: string): string {
  const root = join(base, `r${n++}`);
  mkdirSync(join(root, 'decisions'), { recursive: true });
  writeFileSync(join(root, file), text);
  return root;
}

async function run(cwd: string, argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  return runInProcess(argv, cwd, { now: new Date('2025-08-07T12:00:00Z'), env: { ADR_CACHE_DIR: join(base, 'cache') } });
}

/** [key, JSON value, what the message says it must be, what it says it is]. */
const WRONG: Array<[string, string, RegExp, string]> = [
  ['title', '{"a": 1}', /must be the site's title \(a non-empty string\)/, 'an object'],
  ['title', '42', /must be the site's title/, 'a number'],
  ['title', '""', /must be the site's title/, '""'],
  ['dir', '["decisions"]', /must be a folder path \(a non-empty string\)/, 'an array'],
  ['dir', 'true', /must be a folder path/, 'true'],
  ['overview', '1', /must be a file path \(a non-empty string\) or false/, 'a number'],
  ['overview', 'true', /must be a file path .* or false/, 'true'],
  ['overview', 'null', /must be a file path .* or false/, 'null'],
  ['dialect', '"markdown"', /must be one of "summary", "nygard", "madr2", "madr3", "madr4"/, '"markdown"'],
  ['dialect', '{}', /must be one of "summary"/, 'an object'],
  ['naming', '"numbers"', /must be one of "date", "number"/, '"numbers"'],
  ['supersededSpelling', '"superseded"', /must be one of "Superseded", "Superceded"/, '"superseded"'],
  ['rules', '["title-missing"]', /must be an object of rule id to severity/, 'an array'],
  ['rules', '"off"', /must be an object of rule id to severity/, '"off"'],
  ['ignore', '"drafts/**"', /must be an array of glob patterns/, '"drafts/\*\*"'],
  ['$schema', '7', /must be a URL or path \(a string\)/, 'a number'],
];

describe('a wrong type in .adr.json', () => {
  for (const [key, value, expected, actual] of WRONG) {
    it(`"${key}": ${value} is exit 1 naming the file, line, column, key and type`, async () => {
      const root = repo('.adr.json', `{\n  "dir": "decisions",\n  "${key}": ${value}\n}\n`.replace(/"dir": "decisions",\n {2}"dir"/, '"dir"'));
      for (const argv of [['list'], ['new', 'X'], ['check']]) {
        const r = await run(root, argv);
        expect(r.code, r.stderr).toBe(1);
        const line = key === 'dir' ? 2 : 3;
        expect(r.stderr).toContain(`${join(root, '.adr.json')}:${line}:3: '${key}' ${''}`);
        expect(r.stderr).toMatch(expected);
        expect(r.stderr).toContain(`not ${actual.replace(/\\/g, '')}`);
        expect(r.stderr).not.toMatch(/internal error/);
      }
    });
  }

  it('a rule severity of the wrong kind names the rule', async () => {
    const root = repo('.adr.json', '{\n  "rules": {\n    "title-missing": "loud"\n  }\n}\n');
    const r = await run(root, ['list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(root, '.adr.json')}:3:5: rule 'title-missing' has severity "loud", expected "error", "warning", "info" or "off"`);
  });

  it('a pattern of the wrong type in "ignore" is placed at the element', async () => {
    const root = repo('.adr.json', '{\n  "ignore": ["drafts/**", 3]\n}\n');
    const r = await run(root, ['list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(root, '.adr.json')}:2:27: 'ignore.1' must be a glob pattern (a string), not a number`);
  });

  it('an unknown key is an error naming it; $schema is accepted', async () => {
    const unknown = await run(repo('.adr.json', '{\n  "titel": "Decisions"\n}\n'), ['list']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/\.adr\.json:2:3: unknown config key 'titel'/);
    const schema = await run(repo('.adr.json', '{\n  "$schema": "https://example.org/adr.schema.json",\n  "title": "Our decisions"\n}\n'), ['list']);
    expect(schema.code, schema.stderr).toBe(0);
  });

  it('a config that is not an object, or not JSON, is placed too', async () => {
    const array = await run(repo('.adr.json', '["decisions"]\n'), ['list']);
    expect(array.code).toBe(1);
    expect(array.stderr).toMatch(/\.adr\.json: the config must be a JSON object, not an array/);
    const broken = await run(repo('.adr.json', '{\n  "title": "x",\n}\n'), ['list']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/\.adr\.json:3:1: invalid JSON/);
  });

  it('what editors allow and JSON does not is named: comments, a trailing comma, single quotes, UTF-16', async () => {
    for (const [text, hint] of [
      ['{\n  "title": "x" // ours\n}\n', /\.adr\.json:2:\d+: invalid JSON: .*\(JSON allows no comments/],
      ['{\n  "title": "a // b",\n}\n', /:3:1: invalid JSON: .*\(JSON allows no trailing comma/],
      ["{'title': 'x'}", /:1:2: invalid JSON: .*\(JSON wants double quotes/],
      ['\uFEFF{"title": "x" /* c */}', /invalid JSON: .*\(JSON allows no comments/],
    ] as const) {
      const r = await run(repo('.adr.json', text), ['list']);
      expect(r.code, text).toBe(1);
      expect(r.stderr, text).toMatch(hint);
    }
    const root = join(base, `r${n++}`);
    mkdirSync(join(root, 'decisions'), { recursive: true });
    writeFileSync(join(root, '.adr.json'), Buffer.from('\uFEFF{"title": "x"}', 'utf16le'));
    const utf16 = await run(root, ['list']);
    expect(utf16.code).toBe(1);
    expect(utf16.stderr).toMatch(/\(the file looks UTF-16 encoded: save it as UTF-8\)/);
  });

  it('paths no file can have, an overview that is a folder and a glob that cannot compile are errors at their key, never internal', async () => {
    for (const [json, message] of [
      ['{"overview": "."}', /:1:2: 'overview' is ".", a folder; it names the overview file/],
      ['{"overview": "../"}', /:1:2: 'overview' is "..\/", a folder/],
      ['{"overview": "../decisions"}', /:1:2: 'overview' is \.\.\/decisions, which is the folder .*decisions; it names the overview file/],
      ['{"overview": "DECISIONS.md\\u0000"}', /:1:2: 'overview' is "DECISIONS\.md\\u0000", a path with a control character in it/],
      ['{"dir": "deci\\nsions"}', /:1:2: 'dir' is "deci\\nsions", a path with a control character in it/],
      ['{"ignore": ["drafts/**", "[z-a]"]}', /:1:26: 'ignore\.1' is not a glob pattern adr can read \("\[z-a\]": range out of order/],
    ] as const) {
      for (const argv of [['list'], ['overview'], ['new', 'X']]) {
        const r = await run(repo('.adr.json', json), argv);
        expect(r.code, `${json} ${argv[0]}: ${r.stderr}`).toBe(1);
        expect(r.stderr, json).toMatch(message);
        expect(r.stderr).not.toMatch(/internal error/);
      }
    }
  });

  it('a byte-order mark before the JSON is accepted', async () => {
    const r = await run(repo('.adr.json', '\uFEFF{\n  "title": "Decisions"\n}\n'), ['list']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('the valid config of every key is accepted', async () => {
    const root = repo(
      '.adr.json',
      JSON.stringify({ $schema: 'x', dir: 'decisions', overview: false, dialect: 'nygard', naming: 'number', supersededSpelling: 'Superceded', rules: { 'title-missing': 'off' }, ignore: ['drafts/**'], title: 'T' }),
    );
    const location = await findLog({ cwd: root });
    expect(location.config.title).toBe('T');
  });
});

describe('a wrong type in the "adr" key of package.json', () => {
  it('is exit 1 naming package.json, the place and the key', async () => {
    const root = repo('package.json', '{\n  "name": "x",\n  "adr": {\n    "dir": "decisions",\n    "title": ["a"]\n  }\n}\n');
    const r = await run(root, ['list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(root, 'package.json')}:5:5 ("adr"): 'title' must be the site's title (a non-empty string), not an array`);
  });
});

describe('jsonKeyOffset', () => {
  it('finds nested keys and array elements, the last of duplicates, and nothing for absent ones', () => {
    const text = '{"a": {"b": [1, {"c": 2}], "b2": "x\\"}"}, "a": {"d": 1}}';
    expect(text.slice(jsonKeyOffset(text, ['a', 'd']))).toMatch(/^"d"/);
    expect(text.slice(jsonKeyOffset(text, ['a', 'b', '1', 'c']))).toMatch(/^"c"/);
    expect(text.slice(jsonKeyOffset(text, ['a', 'b', '1']))).toMatch(/^\{"c"/);
    expect(jsonKeyOffset(text, ['zz'])).toBe(-1);
    expect(text.slice(jsonKeyOffset(text, ['a']))).toMatch(/^"a": \{"d"/);
  });
});
