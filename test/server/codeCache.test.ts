// dist/server.js runs the language server from V8's code cache (server/src/start.ts): the first
// start writes the cache whole (no temporary file left) once it has sent diagnostics, later starts
// use it without writing it again, and a cache that is garbage, or a directory that is not
// private, never keeps the server from answering. How much faster a cached start is, is a
// benchmark figure (server_first_diagnostics_ms against server_first_diagnostics_uncached_ms,
// bench/serverStart.bench.ts).
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { LspClient } from './lspClient.js';

const root = mkdtempSync(join(tmpdir(), 'scansion-code-cache-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

const text = '[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\nNobody connects\n';

/** Runs `start` with SCANSION_CODE_CACHE_DIR set to `directory` (servers inherit it). */
async function withCacheDirectory<T>(directory: string, start: () => Promise<T>): Promise<T> {
  const setting = process.env.SCANSION_CODE_CACHE_DIR;
  process.env.SCANSION_CODE_CACHE_DIR = directory;
  try {
    return await start();
  } finally {
    if (setting === undefined) delete process.env.SCANSION_CODE_CACHE_DIR;
    else process.env.SCANSION_CODE_CACHE_DIR = setting;
  }
}

/** Starts the built server with its cache in `directory`, opens a document with one error, checks
 *  its diagnostics and stops the server (which writes a cache it had to make as it exits). With
 *  `open` false, opens nothing. */
async function startServer(directory: string, open = true): Promise<void> {
  const client = await withCacheDirectory(directory, () => LspClient.start(['--expose-gc']));
  try {
    if (!open) return;
    const published = await client.open('file:///cache.scs', text);
    assert.deepEqual(
      published.diagnostics.map((diagnostic) => diagnostic.range.start.line),
      [4],
    );
    assert.deepEqual(client.errors, []);
  } finally {
    await client.stop();
  }
  assert.deepEqual(client.exit, { code: 0, signal: null });
}

test('the first start writes the code cache, later starts use it as it is', async () => {
  const directory = join(root, 'cache');
  await startServer(directory);
  const [file, ...others] = readdirSync(directory);
  assert.deepEqual(others, [], 'one cache file, no temporary one');
  assert.match(file!, /^server-[0-9a-f]{16}-[0-9a-f]{16}\.bin$/);
  const path = join(directory, file!);
  const written = statSync(path);
  assert.ok(written.size > 100_000, `${written.size} bytes`);
  assert.equal(written.mode & 0o777, 0o600);
  assert.equal(statSync(directory).mode & 0o777, 0o700);
  // V8 took it: nothing is written again (only a missing or refused cache is).
  await startServer(directory);
  assert.deepEqual(readdirSync(directory), [file]);
  assert.equal(statSync(path).mtimeMs, written.mtimeMs);
  assert.equal(statSync(path).ino, written.ino);
});

test('a running server writes the cache a little after its first diagnostics', async () => {
  const directory = join(root, 'running');
  const client = await withCacheDirectory(directory, () => LspClient.start(['--expose-gc']));
  try {
    await client.open('file:///cache.scs', text);
    // writeDelayMs (2 s) after them; the wait allows for a loaded machine.
    const deadline = Date.now() + 60_000;
    // Its temporary file may be seen before the rename.
    const written = () => readdirSync(directory).filter((name) => name.endsWith('.bin'));
    while (written().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(client.exit, undefined);
    assert.match(written().join(), /^server-[0-9a-f]{16}-[0-9a-f]{16}\.bin$/);
  } finally {
    await client.stop();
  }
});

test('a server that sent no diagnostics writes no cache: it would lack the code they need', async () => {
  const directory = join(root, 'idle');
  await startServer(directory, false);
  assert.deepEqual(readdirSync(directory), []);
  await startServer(directory);
  assert.equal(readdirSync(directory).length, 1);
});

test('a cache that is garbage is replaced, and the server answers the same', async () => {
  const directory = join(root, 'garbage');
  await startServer(directory);
  const [file] = readdirSync(directory);
  const path = join(directory, file!);
  const garbage = Buffer.alloc(statSync(path).size, 7);
  writeFileSync(path, garbage);
  await startServer(directory);
  assert.deepEqual(readdirSync(directory), [file]);
  assert.notDeepEqual(readFileSync(path), garbage);
  // The rewritten cache is taken.
  const rewritten = statSync(path);
  await startServer(directory);
  assert.equal(statSync(path).mtimeMs, rewritten.mtimeMs);
});

test('writing the cache removes a temporary file that a process killed while writing left, not one being written', async () => {
  const directory = join(root, 'abandoned');
  mkdirSync(directory, { mode: 0o700 });
  const left = join(directory, 'server-0123456789abcdef-0123456789abcdef.bin.999999.tmp');
  const writing = join(directory, 'server-0123456789abcdef-0123456789abcdef.bin.999998.tmp');
  writeFileSync(left, 'half');
  writeFileSync(writing, 'half');
  const hourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(left, hourAgo, hourAgo);
  await startServer(directory);
  const names = readdirSync(directory);
  assert.ok(!names.includes('server-0123456789abcdef-0123456789abcdef.bin.999999.tmp'), names.join(', '));
  assert.ok(names.includes('server-0123456789abcdef-0123456789abcdef.bin.999998.tmp'), names.join(', '));
  assert.equal(names.filter((name) => name.endsWith('.bin')).length, 1, names.join(', '));
});

test('without a private directory the server runs uncached', async () => {
  // Others may write to it: the cache would be code anyone could hand to the server.
  const shared = join(root, 'shared');
  mkdirSync(shared);
  chmodSync(shared, 0o777);
  await startServer(shared);
  assert.deepEqual(readdirSync(shared), []);
  // A file where the directory should be, and caching turned off.
  const file = join(root, 'file');
  writeFileSync(file, '');
  await startServer(file);
  assert.equal(statSync(file).size, 0);
  await startServer('');
});
