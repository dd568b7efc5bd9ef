// `scs server start|stop|status` through the built CLI: detached and foreground servers that
// accept connections, are found by `status`, and are gone after `stop`; `start PATHS` adapts the
// prosody.cfg.lua beside those scenarios, as `scs run --local-server PATHS` does.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { corpusConfig, corpusDir, corpusPresent } from '../corpus-run/corpus.js';

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
      assert.ok(started.stderr.includes(`local server configuration: ${resolve('scenarios/prosody.cfg.lua')} (default)\n`), started.stderr);
      // The stop line names the state file it was given, or `scs server stop` would not find the server.
      assert.ok(started.stderr.includes(`Stop it with: scs server stop --state ${state}\n`), started.stderr);
      const recorded = JSON.parse(readFileSync(state, 'utf8')) as { dir: string; pid: number };
      assert.ok(existsSync(recorded.dir));

      const status = await scs(['server', 'status', '--state', state]);
      assert.equal(status.code, 0);
      assert.match(status.stdout, new RegExp(`running on ${address}`));

      const again = await scs(['server', 'start', '--detach', '--state', state]);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /already runs on/);
      assert.ok(again.stderr.includes(`stop it with "scs server stop --state ${state}"`), again.stderr);

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
    'start PATHS adapts the configuration beside those scenarios; paths it cannot serve are usage errors',
    withStateDir(async (state) => {
      const folder = (name: string, config: string) => {
        const path = join(dirname(state), name);
        mkdirSync(path);
        writeFileSync(join(path, 'a.scs'), '# A\n');
        writeFileSync(join(path, 'prosody.cfg.lua'), config);
        return path;
      };
      const broken = folder('broken', 'VirtualHost "localhost"\nthis is not lua (\n');
      const other = folder('other', 'VirtualHost "localhost"\n');
      const refused: Array<[string[], RegExp]> = [
        [[broken], new RegExp(`^error: .*${join(broken, 'prosody\\.cfg\\.lua')}`)],
        [
          [join(broken, 'a.scs'), other],
          /^error: the scenarios lie beside different prosody\.cfg\.lua files .*; start a server for each folder, or choose one with --config\n/,
        ],
        [[join(broken, 'missing.scs')], /^error: no such file or folder: .*missing\.scs\n/],
        [[mkdtempSync(join(dirname(state), 'empty-'))], /^error: no \.scs files in /],
      ];
      for (const [paths, message] of refused) {
        const result = await scs(['server', 'start', '--detach', '--state', state, ...paths]);
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, message);
        assert.ok(!existsSync(state), 'nothing recorded');
      }
      const given = await scs(['server', 'start', '--detach', '--state', state, '--config', 'scenarios/prosody.cfg.lua', broken]);
      assert.equal(given.code, 0, `--config wins: ${given.stderr}`);
      assert.ok(given.stderr.includes(`local server configuration: ${resolve('scenarios/prosody.cfg.lua')}\n`), given.stderr);
    }),
  );

  test(
    'start on a corpus scenario serves what it needs: its own configuration, as --local-server would',
    { skip: corpusPresent ? false : `no corpus at ${corpusDir}` },
    withStateDir(async (state) => {
      // extdisco needs mod_external_services as the corpus configuration sets it up.
      const scenario = join(corpusDir, 'extdisco.scs');
      const started = await scs(['server', 'start', '--detach', '--state', state, scenario]);
      assert.equal(started.code, 0, started.stderr);
      assert.ok(started.stderr.includes(`local server configuration: ${corpusConfig} (beside the scenarios)\n`), started.stderr);
      const status = await scs(['server', 'status', '--state', state]);
      assert.ok(status.stdout.includes(`configuration ${corpusConfig})`), status.stdout);
      const run = await scs(['run', '--server', started.stdout.trim(), scenario]);
      assert.equal(run.code, 0, run.stdout + run.stderr);
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
