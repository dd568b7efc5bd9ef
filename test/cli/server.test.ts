// `scs server start|stop|status` through the built CLI: detached and foreground servers that
// accept connections, are found by `status`, and are gone after `stop`.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';

const cli = resolve('dist/cli.js');

function scs(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

function accepts(address: string): Promise<boolean> {
  const [host, port] = address.split(':');
  return new Promise((resolveAccepts) => {
    const socket = connect(Number(port), host);
    socket.once('connect', () => {
      socket.destroy();
      resolveAccepts(true);
    });
    socket.once('error', () => resolveAccepts(false));
  });
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function withStateDir(run: (state: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scs-server-test-'));
    const state = join(dir, 'state.json');
    try {
      await run(state);
    } finally {
      if (existsSync(state)) await scs(['server', 'stop', '--state', state]);
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

describe('scs server', () => {
  test(
    'start --detach prints HOST:PORT, status finds it, stop ends it',
    withStateDir(async (state) => {
      const started = await scs(['server', 'start', '--detach', '--state', state]);
      assert.equal(started.code, 0, started.stderr);
      const address = started.stdout.trim();
      assert.match(address, /^127\.0\.0\.1:\d+$/);
      assert.ok(await accepts(address));
      const recorded = JSON.parse(readFileSync(state, 'utf8')) as { dir: string; pid: number };
      assert.ok(existsSync(recorded.dir));

      const status = await scs(['server', 'status', '--state', state]);
      assert.equal(status.code, 0);
      assert.match(status.stdout, new RegExp(`running on ${address}`));

      const again = await scs(['server', 'start', '--detach', '--state', state]);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /already runs on/);

      const stopped = await scs(['server', 'stop', '--state', state]);
      assert.equal(stopped.code, 0, stopped.stderr);
      assert.ok(!(await accepts(address)), 'nothing listens any more');
      assert.ok(!existsSync(recorded.dir), 'the throwaway directory is gone');
      assert.ok(!existsSync(state), 'the state file is gone');

      const after = await scs(['server', 'status', '--state', state]);
      assert.equal(after.code, 1);
      assert.match(after.stdout, /not running/);
    }),
  );

  test(
    'a foreground start stops on SIGINT (exit 130), or when `scs server stop` asks it to (exit 0)',
    withStateDir(async (state) => {
      for (const how of ['SIGINT', 'stop'] as const) {
        const child = spawn(process.execPath, [cli, 'server', 'start', '--state', state], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => (stderr += chunk));
        const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
        while (!/Stop it with/.test(stderr) && child.exitCode === null) await new Promise((wait) => setTimeout(wait, 25));
        const address = stdout.trim();
        assert.match(address, /^127\.0\.0\.1:\d+$/, stderr);
        assert.ok(await accepts(address));
        if (how === 'SIGINT') child.kill('SIGINT');
        else assert.equal((await scs(['server', 'stop', '--state', state])).code, 0);
        const [code] = await exited;
        assert.equal(code, how === 'SIGINT' ? 130 : 0, stderr);
        assert.match(stderr, /Prosody stopped\./);
        assert.ok(!(await accepts(address)), `${how}: nothing listens any more`);
        assert.ok(!existsSync(state), `${how}: the state file is gone`);
      }
    }),
  );

  test(
    'status and stop clean up after a Prosody that died by itself',
    withStateDir(async (state) => {
      for (const command of ['status', 'stop'] as const) {
        const started = await scs(['server', 'start', '--detach', '--state', state]);
        assert.equal(started.code, 0, started.stderr);
        const recorded = JSON.parse(readFileSync(state, 'utf8')) as { dir: string; pid: number };
        process.kill(recorded.pid, 'SIGKILL');
        while (pidRuns(recorded.pid)) await new Promise((wait) => setTimeout(wait, 25));

        const result = await scs(['server', command, '--state', state]);
        if (command === 'status') {
          assert.equal(result.code, 1);
          assert.match(result.stdout, /not running: the server on 127\.0\.0\.1:\d+ \(pid \d+\) had stopped; its folder is removed/);
        } else {
          assert.equal(result.code, 0, result.stderr);
          assert.match(result.stderr, /had already stopped; its folder is removed/);
        }
        assert.ok(!existsSync(recorded.dir), `${command}: the dead server's folder is gone`);
        assert.ok(!existsSync(state), `${command}: the state file is gone`);
      }
    }),
  );

  test(
    'start without prosody installed says how to install it, and exits 2',
    withStateDir(async (state) => {
      const result = await scs(['server', 'start', '--detach', '--state', state], { ...process.env, SCS_PROSODY: '/nonexistent/prosody' });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /Prosody is not installed.*apt-get install prosody/s);
      assert.ok(!existsSync(state));
    }),
  );

  test(
    'stop with nothing running says so and exits 1',
    withStateDir(async (state) => {
      const result = await scs(['server', 'stop', '--state', state]);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /no local server recorded/);
    }),
  );
});
