// A real `scs run --local-server --jobs 2` that runs to its end: it starts one Prosody per job,
// runs every scenario on them, and when it exits no Prosody process, no listening port and no temp
// folder is left.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { accepts } from '../../core/prosody/ports.js';
import { passing, jsonLines } from '../cli/support.js';
import { pidRuns, startedServers, type Started } from './runServers.js';

const cli = resolve('dist/cli.js');

test('a --jobs 2 run that ends by itself stops both servers and leaves nothing behind', async () => {
  const work = mkdtempSync(join(tmpdir(), 'scs-clean-stop-test-'));
  const temp = join(work, 'tmp');
  mkdirSync(temp);
  const files = ['a', 'b', 'c', 'd'].map((name) => join(work, `${name}.scs`));
  for (const file of files) writeFileSync(file, passing('Passes'));
  const child = spawn(process.execPath, [cli, 'run', '--local-server', '--jobs', '2', '--reporter', 'json', ...files], {
    env: { ...process.env, TMPDIR: temp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  /** Every server seen while the run went on, by folder. */
  const seen = new Map<string, Started>();
  try {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
    let running = true;
    void exited.then(() => (running = false));
    while (running) {
      // A pid file being written may still be empty: such a server is read again on the next look.
      for (const server of startedServers(temp)) if (server.pid > 0) seen.set(server.dir, server);
      await new Promise((wait) => setTimeout(wait, 5));
    }
    const [code] = await exited;
    assert.equal(code, 0, `${stdout}\n${stderr}`);

    const servers = [...seen.values()];
    assert.equal(servers.length, 2, 'one server per job');
    const ends = jsonLines(stdout).filter((line) => line.event === 'scenarioEnd');
    assert.deepEqual(ends.map((line) => line.file).sort(), files);
    const ports = new Set(servers.map((server) => `127.0.0.1:${server.port}`));
    for (const end of ends) assert.ok(ports.has(end.server), `${end.file} ran on ${end.server}, a server of its own run`);

    assert.deepEqual(readdirSync(temp), [], 'no temp folder left');
    assert.deepEqual(
      servers.filter((server) => pidRuns(server.pid)),
      [],
      'no Prosody left running',
    );
    for (const server of servers) assert.equal(await accepts('127.0.0.1', server.port), false, `port ${server.port} still listening`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const server of seen.values()) if (pidRuns(server.pid)) process.kill(server.pid, 'SIGKILL');
    rmSync(work, { recursive: true, force: true });
  }
});
