// client/src/serverProcess.ts: the language server's processes, with real Node processes standing
// in for dist/server.js. The one forked ahead is the one the language client gets; a replaced or
// left-behind process that does not exit by itself is killed after the grace period; one that
// exits is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { ServerProcesses, serverEnvironment, serverNodeOptions } from '../../client/src/serverProcess.js';

/** A stand-in server: says how it was started, then stays up (its IPC channel keeps it alive)
 *  until told to exit. */
const standIn = `
process.send({ argv: process.argv.slice(2), execArgv: process.execArgv, electron: process.env.ELECTRON_RUN_AS_NODE, extraCertificates: process.env.NODE_EXTRA_CA_CERTS ?? null });
process.on('message', (message) => { if (message === 'exit') process.exit(0); });
`;

function withStandIn(body: (module: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scansion-server-process-'));
    const module = join(dir, 'server.js');
    writeFileSync(module, standIn);
    try {
      await body(module);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

async function hello(child: ChildProcess): Promise<{ argv: string[]; execArgv: string[]; electron: string; extraCertificates: string | null }> {
  const [message] = await once(child, 'message');
  return message;
}

async function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  const [code, signal] = await once(child, 'exit');
  return { code, signal };
}

/** Runs `body` with NODE_EXTRA_CA_CERTS naming `path` in this process's environment. */
async function withExtraCertificates(path: string, body: () => Promise<void>): Promise<void> {
  const setting = process.env.NODE_EXTRA_CA_CERTS;
  process.env.NODE_EXTRA_CA_CERTS = path;
  try {
    await body();
  } finally {
    if (setting === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = setting;
  }
}

test(
  "the process forked ahead is the one taken, started as vscode-languageserver expects, without the extension host's extra certificates",
  { timeout: 30_000 },
  withStandIn(async (module) =>
    // The stand-in's own file: node would read it as certificates at the start, were it passed on.
    withExtraCertificates(module, async () => {
      const servers = new ServerProcesses(module, 100);
      servers.startAhead();
      const ahead = servers.take();
      try {
        assert.deepEqual(await hello(ahead), {
          argv: ['--node-ipc', `--clientProcessId=${process.pid}`],
          execArgv: serverNodeOptions,
          electron: '1',
          extraCertificates: null,
        });
      } finally {
        servers.dispose();
        assert.equal((await exited(ahead)).signal, 'SIGKILL');
      }
    }),
  ),
);

test('the server environment is the given one, as plain Node, without NODE_EXTRA_CA_CERTS', () => {
  assert.deepEqual(serverEnvironment({ PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', LANG: 'C.UTF-8' }), {
    PATH: '/usr/bin',
    LANG: 'C.UTF-8',
    ELECTRON_RUN_AS_NODE: '1',
    ELECTRON_NO_ASAR: '1',
  });
});

test(
  'a restart takes a new process; the replaced one is killed when it does not exit by itself',
  { timeout: 30_000 },
  withStandIn(async (module) => {
    const servers = new ServerProcesses(module, 300);
    const first = servers.take();
    await hello(first);
    const second = servers.take();
    assert.notEqual(second.pid, first.pid);
    await hello(second);
    assert.deepEqual(await exited(first), { code: null, signal: 'SIGKILL' });
    servers.dispose();
    assert.equal((await exited(second)).signal, 'SIGKILL');
  }),
);

test(
  'a replaced process that exits by itself within the grace period is left alone',
  { timeout: 30_000 },
  withStandIn(async (module) => {
    const servers = new ServerProcesses(module, 20_000);
    const first = servers.take();
    await hello(first);
    const second = servers.take();
    first.send('exit');
    assert.deepEqual(await exited(first), { code: 0, signal: null });
    await hello(second);
    servers.dispose();
    second.send('exit');
    assert.deepEqual(await exited(second), { code: 0, signal: null });
  }),
);

test(
  'a process started ahead that died is not handed out',
  { timeout: 30_000 },
  withStandIn(async (module) => {
    const servers = new ServerProcesses(module, 100);
    const ahead = servers.startAhead();
    assert.ok(ahead);
    await hello(ahead);
    ahead.kill('SIGKILL');
    await exited(ahead);
    const taken = servers.take();
    try {
      assert.notEqual(taken.pid, ahead.pid);
      await hello(taken);
    } finally {
      servers.dispose();
      await exited(taken);
    }
  }),
);
