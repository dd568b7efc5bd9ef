// A real Prosody for the runner tests, through core/prosody. `checkPasswords` gives a server that
// refuses wrong passwords: internal_plain authentication and one registered user.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killOwnedServersNow, startProsody, type LocalProsody } from '../../core/prosody/index.js';

// A test process that ends without stopping its servers (a failed assertion) leaves none running.
process.on('exit', killOwnedServersNow);

export interface TestServer {
  host: string;
  port: number;
  /** Kills the server at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const checkingTemplate = `modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; }
modules_disabled = { "s2s" }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_plain"
storage = "internal"
network_settings = { nagle = false }
VirtualHost "localhost"
`;

export async function startTestProsody(options: { checkPasswords?: { user: string; password: string } } = {}): Promise<TestServer> {
  if (!options.checkPasswords) return wrap(await startProsody());
  const dir = mkdtempSync(join(tmpdir(), 'scs-runner-template-'));
  try {
    const template = join(dir, 'prosody.cfg.lua');
    writeFileSync(template, checkingTemplate);
    const server = await startProsody({ configTemplate: template });
    const { user, password } = options.checkPasswords;
    const registered = spawnSync('prosodyctl', ['--config', server.configFile, 'register', user, 'localhost', password], { encoding: 'utf8' });
    if (registered.status !== 0) {
      await server.stop();
      throw new Error(`prosodyctl register failed: ${registered.stderr || registered.stdout}`);
    }
    return wrap(server);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function wrap(server: LocalProsody): TestServer {
  return {
    host: server.host,
    port: server.port,
    kill: async () => {
      try {
        process.kill(server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await server.exited;
      await server.stop();
    },
    stop: () => server.stop(),
  };
}
