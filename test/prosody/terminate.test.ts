// terminate(): SIGTERM first, SIGKILL only when the grace period passes without an exit.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { terminate } from '../../core/prosody/terminate.js';

/** A Node child that prints "ready" once its SIGTERM handler (if any) is installed. */
async function child(ignoresSigterm: boolean) {
  const script = `${ignoresSigterm ? "process.on('SIGTERM', () => {});" : ''} console.log('ready'); setInterval(() => {}, 1000);`;
  const proc = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(proc.stdout, 'data');
  const exited = new Promise<void>((done) => proc.once('exit', () => done()));
  const sent: NodeJS.Signals[] = [];
  const kill = (signal: NodeJS.Signals) => {
    sent.push(signal);
    proc.kill(signal);
  };
  return { proc, exited, sent, kill };
}

test('a process that exits on SIGTERM gets no SIGKILL', async () => {
  const { proc, exited, sent, kill } = await child(false);
  await terminate(kill, exited, 10_000);
  assert.deepEqual(sent, ['SIGTERM']);
  assert.equal(proc.signalCode, 'SIGTERM');
});

test('a process that ignores SIGTERM is killed when the grace period is over', async () => {
  const { proc, exited, sent, kill } = await child(true);
  const started = performance.now();
  await terminate(kill, exited, 300);
  assert.deepEqual(sent, ['SIGTERM', 'SIGKILL']);
  assert.equal(proc.signalCode, 'SIGKILL');
  assert.ok(performance.now() - started >= 290, 'it waited for the grace period first');
});
