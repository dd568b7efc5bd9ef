// SIGTERM and SIGINT to a real `scs run --local-server --jobs 2` in the middle of a run: the
// process exits 143/130 at once, says what it cut short, and leaves no Prosody process, no
// listening port and no temp folder. A second signal forces the exit, with the same result.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { accepts } from '../../core/prosody/ports.js';
import { pidRuns, startedServers, tempFolderEnv, type Started } from './runServers.js';

const cli = resolve('dist/cli.js');

/** A scenario that connects, then waits a minute for a message that never comes. */
const waiting = `# Waits
[Client] Romeo
\tjid: romeo@localhost
\tpassword: password

-----

Romeo connects

Romeo receives:
\t<message type="chat"><body>never</body></message>
`;

interface Interrupted {
  code: number | null;
  stderr: string;
  /** Prosody processes of the run still running after it exited, and ports still listening. */
  survivors: number[];
  listening: number[];
  /** What the run left in its temp folder. */
  left: string[];
  /** From the signal to the exit. */
  ms: number;
}

async function interrupted(signals: NodeJS.Signals[]): Promise<Interrupted> {
  const work = mkdtempSync(join(tmpdir(), 'scs-interrupt-test-'));
  const temp = join(work, 'tmp');
  const files = ['a', 'b', 'c'].map((name) => join(work, `${name}.scs`));
  for (const file of files) writeFileSync(file, waiting);
  mkdirSync(temp);
  const child = spawn(process.execPath, [cli, 'run', '--local-server', '--jobs', '2', '--timeout', '60', '--reporter', 'json', ...files], {
    env: tempFolderEnv(temp),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let servers: Started[] = [];
  try {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
    // Both jobs are waiting on their `receives` (line 10).
    const deadline = Date.now() + 30_000;
    while ((stdout.match(/"event":"stepStart"[^\n]*"line":10/g) ?? []).length < 2) {
      assert.ok(Date.now() < deadline && child.exitCode === null, `the run did not reach its waits:\n${stdout}\n${stderr}`);
      await new Promise((wait) => setTimeout(wait, 25));
    }
    servers = startedServers(temp);
    assert.equal(servers.length, 2, 'one server per job');
    for (const server of servers) assert.ok(pidRuns(server.pid) && (await accepts('127.0.0.1', server.port)));

    const sent = performance.now();
    for (const signal of signals) child.kill(signal);
    const [code] = await exited;
    const ms = performance.now() - sent;
    // A Prosody killed at the forced exit is reaped by its new parent a moment later.
    for (let i = 0; i < 80 && servers.some((server) => pidRuns(server.pid)); i++) await new Promise((wait) => setTimeout(wait, 25));
    const survivors = servers.filter((server) => pidRuns(server.pid)).map((server) => server.pid);
    const listening: number[] = [];
    for (const server of servers) if (await accepts('127.0.0.1', server.port)) listening.push(server.port);
    return { code, stderr, survivors, listening, left: readdirSync(temp), ms };
  } finally {
    // Whatever failed above, nothing started here outlives the test.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const server of servers) if (pidRuns(server.pid)) process.kill(server.pid, 'SIGKILL');
    rmSync(work, { recursive: true, force: true });
  }
}

function assertNothingLeft(result: Interrupted): void {
  assert.deepEqual(result.left, [], 'no temp folder left');
  assert.deepEqual(result.survivors, [], 'no Prosody left running');
  assert.deepEqual(result.listening, [], 'no port left listening');
}

describe('scs run interrupted', () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    test(`${signal} stops both jobs and their servers, removes every folder and exits ${code}`, async () => {
      const result = await interrupted([signal]);
      assert.equal(result.code, code, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(`${signal}: run interrupted; cut short .*a\\.scs \\(at line 10\\), .*b\\.scs \\(at line 10\\); 1 file not started; 2 local servers stopped`),
      );
      assertNothingLeft(result);
      // Well under the step's 60 s timeout, and under the 15 s after which the exit is forced.
      assert.ok(result.ms < 10_000, `exited ${Math.round(result.ms)} ms after the signal`);
    });
  }

  // Two signals of one kind sent together merge into one (POSIX does not queue them), and the
  // cleanup takes a fraction of a second: SIGINT and SIGTERM sent together are two signals that
  // surely arrive while the cleanup still runs (in either order). A second SIGINT takes the same path.
  test('a second signal forces the exit at once, still leaving nothing behind', async () => {
    const result = await interrupted(['SIGINT', 'SIGTERM']);
    const first = /(SIGINT|SIGTERM): stopping/.exec(result.stderr)?.[1];
    assert.ok(first, result.stderr);
    assert.equal(result.code, first === 'SIGINT' ? 130 : 143, 'the first signal gives the exit code');
    assert.match(result.stderr, new RegExp(`second signal \\(${first === 'SIGINT' ? 'SIGTERM' : 'SIGINT'}\\): killing local servers and exiting now`));
    assert.doesNotMatch(result.stderr, /run interrupted/, 'the graceful cleanup was cut short');
    assertNothingLeft(result);
  });
});
