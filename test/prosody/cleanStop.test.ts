// A real `scs run --local-server --jobs 2` that runs to its end: it starts one Prosody per job,
// runs every scenario on them, and when it exits no Prosody process, no listening port and no temp
// folder is left.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { accepts } from '../../core/prosody/ports.js';
import { passing, jsonLines } from '../cli/support.js';
import { processesNaming, serverFolders, tempFolderEnv } from './runServers.js';

const cli = resolve('dist/cli.js');

test('a --jobs 2 run that ends by itself stops both servers and leaves nothing behind', async () => {
  const work = mkdtempSync(join(tmpdir(), 'scs-clean-stop-test-'));
  const temp = join(work, 'tmp');
  mkdirSync(temp);
  const files = ['a', 'b', 'c', 'd'].map((name) => join(work, `${name}.scs`));
  for (const file of files) writeFileSync(file, passing('Passes'));
  const child = spawn(process.execPath, [cli, 'run', '--local-server', '--jobs', '2', '--reporter', 'json', ...files], {
    env: tempFolderEnv(temp),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  /** Every server folder seen while the run went on, with its client port. */
  const seen = new Map<string, number>();
  try {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
    let running = true;
    void exited.then(() => (running = false));
    /** Whether a Prosody of the run was seen by its command line: the check at the end can see them. */
    let sawProsody = false;
    const look = () => {
      for (const { dir, port } of serverFolders(temp)) seen.set(dir, port);
    };
    // Each server's folder is read as soon as its configuration is written, and again every few
    // milliseconds: a loaded machine may not run this loop often during a short run.
    const watcher = watch(temp, { recursive: true }, look);
    watcher.on('error', () => {}); // a folder removed while being watched: the loop still looks
    try {
      while (running) {
        look();
        sawProsody ||= processesNaming(temp).length > 0;
        await new Promise((wait) => setTimeout(wait, 5));
      }
    } finally {
      watcher.close();
    }
    const [code] = await exited;
    assert.equal(code, 0, `${stdout}\n${stderr}`);

    assert.equal(seen.size, 2, 'one server per job');
    const ends = jsonLines(stdout).filter((line) => line.event === 'scenarioEnd');
    assert.deepEqual(ends.map((line) => line.file).sort(), files);
    const ports = new Set([...seen.values()].map((port) => `127.0.0.1:${port}`));
    for (const end of ends) assert.ok(ports.has(end.server), `${end.file} ran on ${end.server}, a server of its own run`);

    assert.deepEqual(readdirSync(temp), [], 'no temp folder left');
    assert.ok(sawProsody, 'the servers were seen running');
    assert.deepEqual(processesNaming(temp), [], 'no Prosody left running');
    for (const port of seen.values()) assert.equal(await accepts('127.0.0.1', port), false, `port ${port} still listening`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const pid of processesNaming(temp)) process.kill(pid, 'SIGKILL');
    rmSync(work, { recursive: true, force: true });
  }
});
