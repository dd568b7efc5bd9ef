// Recording proxy overhead against a real Prosody:
// - record_overhead_ratio: an XEP-0199 ping round trip through `scs record` (the built CLI, its own
//   process, without TLS on either side), divided by the same round trip straight to the server.
//   Both use the runner's connection (core/runner/connection.ts) as the client; after a warm-up
//   that is not measured they take turns in measured passes, each keeping its best median.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Element } from 'ltx';
import { connect, type XmppConnection } from '../core/runner/connection.js';
import { startProsody } from '../core/prosody/index.js';
import { percentile, type Emit } from './emit.js';

const warmUpRounds = 500;
const measuredPasses = 5;
const measuredRounds = 300;

export default async function (emit: Emit): Promise<void> {
  const server = await startProsody({ logLevel: 'warn' });
  const dir = mkdtempSync(join(tmpdir(), 'scs-record-bench-'));
  const recorder = spawn(
    process.execPath,
    ['dist/cli.js', 'record', '--upstream', `${server.host}:${server.port}`, '--listen', '127.0.0.1:0', '--no-tls', '--output', join(dir, 'bench.scs')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => recorder.once('exit', () => resolve()));
  const connections: XmppConnection[] = [];
  try {
    const port = await listeningPort(recorder.stdout!);
    const direct = await login(server.host, server.port, 'direct');
    const proxied = await login('127.0.0.1', port, 'proxied');
    connections.push(direct, proxied);
    await pings(direct, warmUpRounds);
    await pings(proxied, warmUpRounds);
    const best = { direct: Infinity, proxied: Infinity };
    for (let pass = 0; pass < measuredPasses; pass++) {
      best.direct = Math.min(best.direct, percentile(await pings(direct, measuredRounds), 50));
      best.proxied = Math.min(best.proxied, percentile(await pings(proxied, measuredRounds), 50));
    }
    emit('record_ping_direct_ms', best.direct, 'ms');
    emit('record_ping_proxied_ms', best.proxied, 'ms');
    emit('record_overhead_ratio', best.proxied / best.direct, 'ratio');
  } finally {
    await Promise.all(connections.map((connection) => connection.close()));
    recorder.kill('SIGINT');
    await exited;
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function login(host: string, port: number, resource: string): Promise<XmppConnection> {
  return connect({ host, port, domain: 'localhost', username: 'bench', password: 'password', resource, tlsInsecure: false, timeoutMs: 10_000 });
}

/** Round-trip times in milliseconds of `rounds` pings to the server, one after another. */
async function pings(connection: XmppConnection, rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const ping = new Element('iq', { type: 'get', id: `bench-${round}`, to: 'localhost' }).c('ping', { xmlns: 'urn:xmpp:ping' }).root();
    const answered = new Promise<void>((resolve) => connection.onStanza((stanza) => stanza.attrs.id === ping.attrs.id && resolve()));
    const started = performance.now();
    await connection.send(ping);
    await answered;
    times.push(performance.now() - started);
  }
  return times;
}

/** The port `scs record` says it listens on. */
function listeningPort(stdout: NodeJS.ReadableStream): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`scs record did not start:\n${text}`)), 20_000);
    stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /Recording proxy on [\d.]+:(\d+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
}
