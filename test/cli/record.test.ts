// `scs record`'s command line: what it refuses before listening, and --local-server (adapting the
// prosody.cfg.lua beside the file it writes, as `scs run --local-server` would replay it).

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { diagnose } from '../../core/diagnostics/index.js';
import { parseScenario } from '../../core/parser/index.js';
import { recorderStarter, runClient } from '../recorder/support.js';

const cli = resolve('dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'scs-record-cli-'));
const recorder = recorderStarter();
after(() => rmSync(dir, { recursive: true, force: true }));

/** A folder of `dir` holding `config` as its prosody.cfg.lua. */
function folderWithConfig(name: string, config: string): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  writeFileSync(join(folder, 'prosody.cfg.lua'), config);
  return folder;
}
const broken = folderWithConfig('broken', 'VirtualHost "localhost"\nthis is not lua (\n');
const projectConfig = resolve('scenarios/prosody.cfg.lua');

function record(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, 'record', ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

test('usage mistakes exit with 2 before anything listens', async () => {
  const output = join(dir, 'x.scs');
  const cases: Array<[string[], RegExp]> = [
    [['--output', output], /give either --upstream HOST:PORT or --local-server/],
    [['--output', output, '--upstream', 'a:1', '--local-server'], /give either --upstream HOST:PORT or --local-server/],
    [['--output', output, '--upstream', 'a:1', '--server-config', projectConfig], /--server-config needs --local-server/],
    [['--output', output, '--upstream', 'a:99999'], /--upstream must have a port between 1 and 65535, not 99999/],
    [
      ['--output', output, '--upstream', 'a:1', '--listen', 'x:y:z'],
      /--listen must be HOST or HOST:PORT \(an IPv6 address in brackets: \[::1\]:5222\), not "x:y:z"/,
    ],
    [['--output', join(dir, 'missing', 'x.scs'), '--upstream', 'a:1'], /its folder does not exist or is not writable/],
    [['--upstream', 'a:1'], /required option '--output <file>'/],
    [['--output', output, '--upstream', 'a:1', '--timeout', '1e9'], /--timeout must be at most 2147483 seconds \(24 days\), not "1e9"/],
  ];
  for (const [args, message] of cases) {
    const result = await record(args);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.output}`);
    assert.match(result.output, message);
  }
});

test('an address already in use is said, with exit code 2', async () => {
  const taken = createServer();
  await new Promise<void>((listening) => taken.listen(0, '127.0.0.1', listening));
  const { port } = taken.address() as { port: number };
  try {
    const result = await record(['--output', join(dir, 'y.scs'), '--upstream', '127.0.0.1:1', '--listen', `127.0.0.1:${port}`]);
    assert.equal(result.code, 2, result.output);
    assert.match(result.output, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`));
  } finally {
    taken.close();
  }
});

test('--local-server records against a throwaway Prosody it starts and stops, adapting the configuration beside the file', async () => {
  const beside = folderWithConfig('beside', readFileSync(projectConfig, 'utf8'));
  const output = join(beside, 'local.scs');
  const proxy = await recorder(['--local-server', '--output', output, '--once']);
  const client = await runClient(proxy, 'session').done;
  assert.equal(client.code, 0, client.output);
  assert.equal(await proxy.exited, 0, proxy.output());
  assert.ok(proxy.output().includes(`local server configuration: ${join(beside, 'prosody.cfg.lua')} (beside the scenarios)\n`), proxy.output());
  assert.match(proxy.output(), /Replay it with: scs run \S+local\.scs --local-server/);
  const text = readFileSync(output, 'utf8');
  assert.deepEqual(
    diagnose(parseScenario(text)).filter((item) => item.severity !== 'hint'),
    [],
  );
  assert.match(text, /Juliet receives:/);
  assert.deepEqual(
    readdirSync(tmpdir()).filter((name) => name.startsWith(`scs-prosody-${proxy.pid}-`)),
    [],
    'its Prosody and folder are gone',
  );
});

test('a configuration beside the file that Prosody refuses is a start-up error naming it', async () => {
  const result = await record(['--local-server', '--output', join(broken, 'x.scs')]);
  assert.equal(result.code, 2, result.output);
  assert.match(result.output, /^error: could not start a local server: /);
  assert.ok(result.output.includes(join(broken, 'prosody.cfg.lua')), result.output);
});

test('--server-config wins over the configuration beside the file; the replay command it prints keeps it and --tls-insecure, and Ctrl+C is said once', async () => {
  const output = join(broken, 'insecure.scs');
  const proxy = await recorder(['--local-server', '--server-config', projectConfig, '--tls-insecure', '--output', output]);
  const client = await runClient(proxy, 'session').done;
  assert.equal(client.code, 0, client.output);
  proxy.interrupt();
  assert.equal(await proxy.exited, 0, proxy.output());
  assert.ok(proxy.output().includes(`local server configuration: ${projectConfig}\n`), proxy.output());
  assert.ok(proxy.output().includes(`Replay it with: scs run ${output} --local-server --server-config ${projectConfig} --tls-insecure\n`), proxy.output());
  assert.equal(proxy.output().match(/SIGINT/g)?.length, 1, proxy.output());
});
