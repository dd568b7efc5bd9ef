// Folders (and a Prosody) left by an `scs` process that died without cleaning up (SIGKILL) are
// removed by the next start; those of live processes are left alone.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { removeLeftovers } from '../../core/prosody/index.js';
import { accepts } from '../../core/prosody/ports.js';
import { pidRuns, tempFolderEnv } from './runServers.js';
import { recorderStarter } from '../recorder/support.js';

const cli = resolve('dist/cli.js');
const recorder = recorderStarter();

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('leftover folders', () => {
  test('only folders whose owner no longer runs are removed', () => {
    const parent = mkdtempSync(join(tmpdir(), 'scs-leftovers-unit-'));
    try {
      const dead = join(parent, `scs-prosody-${deadPid()}-abc123`);
      const mine = join(parent, `scs-prosody-${process.pid}-def456`);
      const live = join(parent, `scs-prosody-${process.ppid}-ghi789`);
      // A detached server names its own owner: here a live one, in a folder named after a dead process.
      const handedOver = join(parent, `scs-prosody-${deadPid()}-jkl012`);
      const notOurs = join(parent, `scs-prosody-test-mno345`);
      // The recorder's certificate folders follow the same rule.
      const deadRecorder = join(parent, `scs-record-${deadPid()}-pqr678`);
      const liveRecorder = join(parent, `scs-record-${process.ppid}-stu901`);
      const recorderTest = join(parent, `scs-record-cli-vwx234`);
      const kept = [mine, live, handedOver, notOurs, liveRecorder, recorderTest];
      for (const dir of [dead, deadRecorder, ...kept]) mkdirSync(dir);
      writeFileSync(join(handedOver, 'owner.pid'), `${process.ppid}\n`);

      assert.deepEqual(removeLeftovers(parent).sort(), [dead, deadRecorder].sort());
      assert.deepEqual(readdirSync(parent).sort(), kept.map((dir) => dir.slice(parent.length + 1)).sort());
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  test('the next start stops the Prosody of a killed `scs server start` and removes its folder', async () => {
    const work = mkdtempSync(join(tmpdir(), 'scs-leftovers-'));
    const temp = join(work, 'tmp');
    mkdirSync(temp);
    const env = tempFolderEnv(temp);
    const state = join(work, 'state.json');
    const crashedState = join(work, 'crashed.json');
    const crashed = spawn(process.execPath, [cli, 'server', 'start', '--state', crashedState], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let prosodyPid: number | undefined;
    try {
      let stderr = '';
      crashed.stderr.on('data', (chunk) => (stderr += chunk));
      const deadline = Date.now() + 30_000;
      while (!/Stop it with/.test(stderr)) {
        assert.ok(crashed.exitCode === null && Date.now() < deadline, stderr);
        await new Promise((wait) => setTimeout(wait, 25));
      }
      const recorded = JSON.parse(readFileSync(crashedState, 'utf8')) as { pid: number; dir: string; port: number };
      prosodyPid = recorded.pid;
      crashed.kill('SIGKILL');
      await once(crashed, 'exit');
      assert.ok(pidRuns(recorded.pid) && existsSync(recorded.dir), 'a SIGKILL leaves Prosody and its folder behind');
      assert.ok(recorded.dir.startsWith(temp));

      const next = spawnSync(process.execPath, [cli, 'server', 'start', '--detach', '--state', state], { env, encoding: 'utf8', timeout: 30_000 });
      assert.equal(next.status, 0, next.stderr);
      try {
        assert.ok(!existsSync(recorded.dir), 'the leftover folder is gone');
        for (let i = 0; i < 200 && pidRuns(recorded.pid); i++) await new Promise((wait) => setTimeout(wait, 25));
        assert.ok(!pidRuns(recorded.pid), 'the leftover Prosody is stopped');
        assert.ok(!(await accepts('127.0.0.1', recorded.port)), 'its port is free');
        assert.equal(readdirSync(temp).length, 1, 'only the new server folder remains');
      } finally {
        spawnSync(process.execPath, [cli, 'server', 'stop', '--state', state], { env });
      }
      assert.deepEqual(readdirSync(temp), [], 'stop removed the new server folder');
    } finally {
      // Whatever failed above, nothing started here outlives the test.
      if (crashed.exitCode === null && crashed.signalCode === null) crashed.kill('SIGKILL');
      if (prosodyPid !== undefined && pidRuns(prosodyPid)) process.kill(prosodyPid, 'SIGKILL');
      rmSync(work, { recursive: true, force: true });
    }
  });

  test('the next `scs record` removes the certificate folder of one killed with SIGKILL', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'scs-leftovers-record-'));
    const env = tempFolderEnv(temp);
    try {
      // No client connects, so the upstream is never dialled.
      const args = ['--upstream', '127.0.0.1:1', '--output', join(temp, 'never.scs')];
      const killed = await recorder(args, env);
      const killedFolder = dirname(killed.authorityFile!);
      assert.ok(killedFolder.startsWith(join(temp, `scs-record-${killed.pid}-`)), killedFolder);
      process.kill(killed.pid, 'SIGKILL');
      await killed.exited;
      assert.ok(existsSync(killed.authorityFile!), 'a SIGKILL leaves the certificate folder behind');

      const next = await recorder(args, env);
      assert.ok(!existsSync(killedFolder), 'the next start removed the leftover folder');
      assert.deepEqual(
        readdirSync(temp).filter((name) => name.startsWith('scs-record-')),
        [basename(dirname(next.authorityFile!))],
      );
      next.interrupt();
      assert.equal(await next.exited, 1, next.output()); // nothing recorded
      assert.deepEqual(readdirSync(temp), [], 'a recorder stopped with Ctrl+C removes its own folder');
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});
