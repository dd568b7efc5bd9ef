// `scs run` options for choosing and reporting, through the built CLI against a real Prosody:
// tags with values, -d, --shard, --reporter github, and --output with every reporter.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestProsody, type TestServer } from '../runner/prosody.js';
import { lineOf } from '../runner/support.js';
import { failing, jsonLines, passing, runBuilt } from './support.js';

const cli = resolve('dist/cli.js');
let server: TestServer;
let dir: string;

function write(name: string, text: string, folder = dir): string {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, name);
  writeFileSync(file, text);
  return file;
}

const scs = (args: string[]) => runBuilt(cli, ['run', ...args]);
const json = jsonLines;
const ran = (stdout: string) =>
  json(stdout)
    .filter((line) => line.event === 'scenarioEnd')
    .map((line) => line.file as string);

before(async () => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  server = await startTestProsody();
  dir = mkdtempSync(join(tmpdir(), 'scs-cli-options-'));
});
after(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const serverArgs = () => ['--server', `${server.host}:${server.port}`, '--timeout', '1'];

describe('tags with values', () => {
  test('"name" selects any value, "name: value" only that value, in --only-tags and --skip-tags', async () => {
    const stable = write('stable.scs', passing('Stable', '## status: stable'));
    const beta = write('beta.scs', passing('Beta', '## status: beta\n## slow'));
    const plain = write('plain.scs', passing('Untagged'));
    const files = [stable, beta, plain];
    const cases: Array<[string[], string[]]> = [
      [['--only-tags', 'status: stable'], [stable]],
      [
        ['--only-tags', 'status'],
        [stable, beta],
      ],
      [['--only-tags', 'status: beta, slow'], [beta]],
      [
        ['--skip-tags', 'status: beta'],
        [stable, plain],
      ],
      [['--skip-tags', 'status'], [plain]],
      [['--only-tags', 'status', '--skip-tags', 'slow'], [stable]],
    ];
    for (const [filter, expected] of cases) {
      const { code, stdout } = await scs([...serverArgs(), '--reporter', 'json', ...filter, ...files]);
      assert.equal(code, 0, `${filter.join(' ')}: ${stdout}`);
      assert.deepEqual(ran(stdout), expected, filter.join(' '));
      assert.deepEqual(
        json(stdout).at(-1)!.skippedByTags,
        files.filter((file) => !expected.includes(file)),
        filter.join(' '),
      );
    }
  });

  test('a filter without a name is a usage error', async () => {
    const { code, stderr } = await scs([...serverArgs(), '--only-tags', ': stable', write('stable.scs', passing('Stable', '## status: stable'))]);
    assert.equal(code, 2);
    assert.match(stderr, /--only-tags: a tag filter needs a name before its colon/);
  });
});

test("-d DIR runs every scenario of the folder, as Scansion's -d does", async () => {
  const folder = join(dir, 'spec-d');
  const files = [write('a.scs', passing('A'), folder), write('b.scs', passing('B'), join(folder, 'more'))];
  const { code, stdout } = await scs([...serverArgs(), '--reporter', 'json', '-d', folder]);
  assert.equal(code, 0, stdout);
  assert.deepEqual(ran(stdout), files);
  const long = await scs([...serverArgs(), '--reporter', 'json', '--directory', folder]);
  assert.deepEqual(ran(long.stdout), files);
});

describe('--shard', () => {
  test('the shards of a folder run every file exactly once between them', async () => {
    const folder = join(dir, 'spec-shard');
    const files = ['e', 'a', 'd', 'b', 'c'].map((name) => write(`${name}.scs`, passing(name.toUpperCase()), folder));
    const shards = await Promise.all([1, 2].map((index) => scs([...serverArgs(), '--reporter', 'json', '--shard', `${index}/2`, folder])));
    for (const shard of shards) assert.equal(shard.code, 0, shard.stdout);
    const [first, second] = shards.map((shard) => ran(shard.stdout));
    assert.deepEqual(first, [...files].sort().slice(0, 3));
    assert.deepEqual(second, [...files].sort().slice(3));
  });

  test('an empty shard passes with nothing run; a bad shard is a usage error', async () => {
    const file = write('only.scs', passing('Only'));
    const empty = await scs([...serverArgs(), '--shard', '2/2', file]);
    assert.equal(empty.code, 0, empty.stdout);
    assert.match(empty.stdout, /^0 scenarios: 0 passed, 0 failed, 0 errored/m);
    const bad = await scs([...serverArgs(), '--shard', '3/2', file]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--shard must be I\/N with 1 <= I <= N/);
  });
});

test('--reporter github: a failure is an error annotation at the failing step, escaped', async () => {
  const file = write('github-failing.scs', failing);
  const passed = write('github-passing.scs', passing('Fine'));
  const { code, stdout } = await scs([...serverArgs(), '--reporter', 'github', file, passed]);
  assert.equal(code, 1, stdout);
  const lines = stdout.trim().split('\n');
  const annotation = lines.find((line) => line.startsWith('::error '));
  assert.ok(annotation, stdout);
  assert.ok(
    annotation.startsWith(`::error file=${file.replace(/:/g, '%3A')},line=${lineOf(failing, 'Romeo receives:')},title=A body%2C changed failed::`),
    annotation,
  );
  // The reason, then the expected and received stanzas, all on the one line of the command.
  assert.match(annotation, /::[^%]*message\/body: expected text "goodbye", got "hello"[^\n]*%0A%0Aexpected:%0A<message/);
  assert.ok(!annotation.slice(0, -1).includes('\n'));
  assert.ok(lines.includes(`failed: ${file} (A body, changed)`), stdout);
  assert.ok(lines.includes(`passed: ${passed} (Fine)`), stdout);
  assert.equal(lines.at(-1), '2 scenarios: 1 passed, 1 failed, 0 errored');
});

describe('--output', () => {
  const expectations: Record<string, (report: string, file: string) => void> = {
    human: (report) => assert.match(report, /1 scenario: 0 passed, 1 failed, 0 errored/),
    json: (report) => assert.equal(json(report).find((line) => line.event === 'scenarioEnd')!.status, 'failed'),
    junit: (report) => assert.match(report, /<testsuite name="scansion" tests="1" failures="1"/),
    tap: (report) => assert.match(report, /^TAP version 13\n1\.\.1\nnot ok 1 - /),
    github: (report, file) => assert.ok(report.startsWith(`::error file=${file}`), report),
  };
  for (const [reporter, check] of Object.entries(expectations)) {
    test(`--reporter ${reporter} --output FILE writes the report there and nothing to standard output`, async () => {
      const file = write(`output-${reporter}.scs`, failing);
      const output = join(dir, `report-${reporter}.out`);
      const { code, stdout } = await scs([...serverArgs(), '--reporter', reporter, '--output', output, file]);
      assert.equal(code, 1);
      assert.equal(stdout, '');
      check(readFileSync(output, 'utf8'), file);
      assert.deepEqual(
        readdirSync(dir).filter((name) => name.includes('.partial')),
        [],
        'no temporary file left',
      );
    });
  }

  test('an --output that cannot be written is refused before anything runs', async () => {
    const file = write('output-refused.scs', passing('Never run'));
    const missingFolder = await scs([...serverArgs(), '--reporter', 'json', '--output', join(dir, 'no-such-folder', 'r.json'), file]);
    assert.equal(missingFolder.code, 2);
    assert.equal(missingFolder.stdout, '');
    assert.match(missingFolder.stderr, /--output .*r\.json cannot be written: its folder does not exist/);
    const folder = await scs([...serverArgs(), '--output', dir, file]);
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, /is a folder, not a file/);
  });
});
