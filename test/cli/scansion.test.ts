// The drop-in `scansion` command (dist/scansion.js): Scansion's own arguments, and Prosody's
// `make integration-test SCANSION=scansion` with its invocation unchanged.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { startTestProsody, type TestServer } from '../runner/prosody.js';
import { lineOf } from '../runner/support.js';
import { failing, jsonLines, passing, runBuilt } from './support.js';
import { corpusConfig, corpusDir } from '../corpus-run/corpus.js';

const bin = resolve('dist/scansion.js');
let server: TestServer;
let dir: string;

function write(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const scansion = (args: string[], cwd = dir) => runBuilt(bin, args, cwd);

before(async () => {
  if (!existsSync(bin)) throw new Error('dist/scansion.js is missing: run `npm run build` first');
  server = await startTestProsody();
  dir = mkdtempSync(join(tmpdir(), 'scs-scansion-'));
});
after(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('scansion arguments', () => {
  test('-d DIR runs the folder (relative to where it is called), with --server as an override', async () => {
    const a = write(join(dir, 'spec/scansion/a.scs'), passing('A'));
    const b = write(join(dir, 'spec/scansion/b.scs'), passing('B'));
    const { code, stdout } = await scansion(['-d', './spec/scansion', '--server', `${server.host}:${server.port}`, '--reporter', 'json']);
    assert.equal(code, 0, stdout);
    const ends = jsonLines(stdout).filter((line) => line.event === 'scenarioEnd');
    assert.deepEqual(
      ends.map((line) => [resolve(dir, line.file), line.status, line.server]),
      [
        [a, 'passed', `${server.host}:${server.port}`],
        [b, 'passed', `${server.host}:${server.port}`],
      ],
    );
  });

  test("a file, Scansion's tag filters, a summary and exit code 1 when a scenario fails", async () => {
    const file = write(join(dir, 'single/wrong.scs'), `${failing.replace('# A body, changed\n', '# A body, changed\n## status: beta\n')}`);
    const failed = await scansion([file, '--server', `${server.host}:${server.port}`, '--timeout', '1']);
    assert.equal(failed.code, 1, failed.stdout);
    assert.ok(failed.stdout.includes(`${file}:${lineOf(failing, 'Romeo receives:') + 1}: `), failed.stdout);
    assert.match(failed.stdout, /1 scenario: 0 passed, 1 failed, 0 errored/);
    const skipped = await scansion([file, '--server', `${server.host}:${server.port}`, '--skip-tags', 'status: beta']);
    assert.equal(skipped.code, 0, skipped.stdout);
    assert.match(skipped.stdout, /0 scenarios: 0 passed, 0 failed, 0 errored, 1 skipped by tags/);
  });

  test("with no --server, a JID's domain is where it connects: localhost:5222 (nothing listens there in a private network)", () => {
    // In a network namespace of its own, nothing listens on localhost:5222 and no DNS server is
    // reachable: the SRV query fails and the domain itself is tried, on the client port.
    const file = write(join(dir, 'default/one.scs'), passing('One'));
    const run = spawnSync('unshare', ['-rn', 'sh', '-c', `ip link set lo up && exec "${process.execPath}" "${bin}" --reporter json "${file}"`], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.error, undefined, 'unshare must be able to make a network namespace (root, or user namespaces allowed)');
    assert.equal(run.status, 2, run.stderr + run.stdout);
    const end = jsonLines(run.stdout).find((line) => line.event === 'scenarioEnd')!;
    assert.match(end.failure.message, /^connection refused at localhost:5222$/);
  });

  test('no files and no -d is a usage error', async () => {
    const { code, stderr } = await scansion([]);
    assert.equal(code, 2);
    assert.match(stderr, /give scenario files, or a folder with -d DIR/);
    const unknown = await scansion(['--no-such-option', 'a.scs']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option '--no-such-option'/);
  });
});

test("Prosody's `make integration-test SCANSION=scansion` runs unchanged against a Prosody on localhost:5222", () => {
  // A tree shaped like Prosody's: its GNUmakefile calls Scansion exactly as Prosody's does, and
  // spec/scansion holds real scenarios from Prosody 0.12 with their server configuration. The
  // test runs in a network namespace of its own, where port 5222 is free whatever runs on this
  // machine; `scansion` is found on PATH, as after `npm install -g`.
  const tree = join(dir, 'prosody-tree');
  const spec = join(tree, 'spec/scansion');
  mkdirSync(spec, { recursive: true });
  copyFileSync(corpusConfig, join(spec, 'prosody.cfg.lua'));
  const scenarios = ['basic_message.scs', 'muc_create_destroy.scs', 'pubsub_basic.scs'];
  for (const name of scenarios) copyFileSync(join(corpusDir, name), join(spec, name));
  writeFileSync(
    join(tree, 'GNUmakefile'),
    [
      'SCANSION ?= scansion',
      '',
      'integration-test:',
      '\t$(SCANSION) -d ./spec/scansion',
      '',
      'integration-test-%:',
      '\t$(SCANSION) ./spec/scansion/$*.scs',
      '',
    ].join('\n'),
  );
  const binDir = join(dir, 'bin');
  mkdirSync(binDir, { recursive: true });
  symlinkSync(bin, join(binDir, 'scansion'));

  const helper = resolve('test/cli/fixtures/netns-make.ts');
  const env = { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH}` };
  const make = (...targets: string[]) => {
    const inner = `ip link set lo up && exec "${process.execPath}" --import tsx "${helper}" "${tree}" ${targets.join(' ')}`;
    const run = spawnSync('unshare', ['-rn', 'sh', '-c', inner], { encoding: 'utf8', env, timeout: 180_000 });
    assert.equal(run.status, 0, `unshare and the helper: ${run.stderr}`);
    return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Array<{ target: string; status: number; stdout: string; stderr: string }>;
  };

  const [folder, single] = make('integration-test', 'integration-test-basic_message');
  assert.equal(folder.status, 0, folder.stdout + folder.stderr);
  assert.ok(folder.stdout.startsWith('scansion -d ./spec/scansion\n'), 'make echoes the unchanged invocation');
  assert.match(folder.stdout, /\n3 scenarios: 3 passed, 0 failed, 0 errored/);
  assert.equal(single.status, 0, single.stdout + single.stderr);
  assert.ok(single.stdout.startsWith('scansion ./spec/scansion/basic_message.scs\n'));
  assert.match(single.stdout, /\n1 scenario: 1 passed, 0 failed, 0 errored/);

  // A failing scenario in the folder fails the make target, and the report names its step.
  write(join(spec, 'broken.scs'), failing);
  const [withBroken] = make('integration-test');
  assert.notEqual(withBroken.status, 0, 'make fails when a scenario fails');
  assert.match(withBroken.stdout, /\n4 scenarios: 3 passed, 1 failed, 0 errored/);
  assert.ok(withBroken.stdout.includes(`spec/scansion/broken.scs:${lineOf(failing, 'Romeo receives:')}: `), withBroken.stdout);
});
