// Starts a real Prosody for the runner tests: loopback, free port, throwaway data directory.
// `checkPasswords` gives a server that refuses wrong passwords (internal_plain + registered users).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './support.js';

export interface TestServer {
  host: string;
  port: number;
  /** Kills the server at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestProsody(options: { checkPasswords?: { user: string; password: string } } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'scs-runner-prosody-'));
  const port = await freePort();
  const httpPort = await freePort();
  const auth = options.checkPasswords
    ? 'authentication = "internal_plain"'
    : 'authentication = "insecure"\ninsecure_open_authentication = "Yes please, I know what I\'m doing!"';
  const config = join(dir, 'prosody.cfg.lua');
  writeFileSync(
    config,
    [
      'run_as_root = true',
      'daemonize = false',
      `data_path = "${dir}"`,
      `pidfile = "${join(dir, 'prosody.pid')}"`,
      'interfaces = { "127.0.0.1" }',
      `c2s_ports = { ${port} }`,
      `http_ports = { ${httpPort} }`,
      'https_ports = { }',
      'c2s_direct_tls_ports = { }',
      'network_settings = { nagle = false }',
      'modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; }',
      'modules_disabled = { "s2s"; }',
      'c2s_require_encryption = false',
      'allow_unencrypted_plain_auth = true',
      auth,
      options.checkPasswords ? 'storage = "internal"' : 'storage = "memory"',
      'log = { { levels = { min = "error" }, to = "console" } }',
      'VirtualHost "localhost"',
      '',
    ].join('\n'),
  );
  if (options.checkPasswords) {
    const { user, password } = options.checkPasswords;
    const registered = spawnSync('prosodyctl', ['--config', config, 'register', user, 'localhost', password], { encoding: 'utf8' });
    if (registered.status !== 0) throw new Error(`prosodyctl register failed: ${registered.stderr || registered.stdout}`);
  }

  const child = spawn('prosody', ['--config', config, '-F'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (error) => (output += String(error)));

  const cleanup = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  if (!(await accepts(port, child))) {
    await cleanup('SIGKILL');
    throw new Error(`Prosody did not start on port ${port}: ${output.trim() || 'no output'}`);
  }
  return { host: '127.0.0.1', port, kill: () => cleanup('SIGKILL'), stop: () => cleanup('SIGTERM') };
}

async function accepts(port: number, child: ChildProcess): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) return false;
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return true;
    await sleep(50);
  }
  return false;
}
