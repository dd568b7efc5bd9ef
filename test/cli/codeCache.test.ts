// dist/cli.js runs the `scs` bundle from V8's code cache (cli/start.ts, core/codeCache.ts): the
// first run writes the cache as it exits, later runs use it without writing it again, and a cache
// that is garbage or turned off never changes what `scs` does. How much CPU the cache saves a corpus
// run is a benchmark figure (bench/runner.bench.ts, corpus_*_cpu_s).

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve('dist/cli.js');
const root = mkdtempSync(join(tmpdir(), 'scs-code-cache-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

const scenario = join(root, 'broken.scs');
writeFileSync(scenario, '[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\nNobody connects\n');

/** `scs check` of a file with one error, its code cache in `directory` ('' turns it off). */
function check(directory: string): Promise<{ code: number; stdout: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, 'check', scenario], { env: { ...process.env, SCANSION_CODE_CACHE_DIR: directory } }, (error, stdout) =>
      done({ code: error ? Number(error.code) : 0, stdout }),
    );
  });
}

test('dist/cli.js is the loader alone: the scs bundle is dist/cliMain.js', () => {
  const { sources } = JSON.parse(readFileSync(resolve('dist/cli.js.map'), 'utf8')) as { sources: string[] };
  assert.deepEqual(
    sources.map((source) => source.replace(/^(\.\.\/)+/, '')),
    ['cli/start.ts', 'core/codeCache.ts'],
  );
});

test('the first scs writes its code cache, later ones use it as it is and answer the same', async () => {
  const directory = join(root, 'cache');
  const uncached = await check('');
  assert.equal(uncached.code, 1);
  assert.match(uncached.stdout, /broken\.scs:5/);

  assert.deepEqual(await check(directory), uncached);
  const [file, ...others] = readdirSync(directory);
  assert.deepEqual(others, [], 'one cache file, no temporary one');
  assert.match(file!, /^cli-[0-9a-f]{16}-[0-9a-f]{16}\.bin$/);
  const written = statSync(join(directory, file!));
  assert.ok(written.size > 100_000, `${written.size} bytes`);
  assert.equal(written.mode & 0o777, 0o600);

  assert.deepEqual(await check(directory), uncached);
  assert.deepEqual(readdirSync(directory), [file]);
  assert.equal(statSync(join(directory, file!)).ino, written.ino, 'a cache V8 took is not written again');
});

test('a cache that is garbage is replaced, and scs answers the same', async () => {
  const directory = join(root, 'garbage');
  const expected = await check('');
  await check(directory);
  const [file] = readdirSync(directory);
  const path = join(directory, file!);
  const garbage = Buffer.alloc(statSync(path).size, 7);
  writeFileSync(path, garbage);
  assert.deepEqual(await check(directory), expected);
  assert.deepEqual(readdirSync(directory), [file]);
  assert.ok(!readFileSync(path).equals(garbage), 'V8 refused the garbage and a real cache took its place');
  assert.deepEqual(await check(directory), expected);
});
