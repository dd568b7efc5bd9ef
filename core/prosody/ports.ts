// Free loopback ports and the wait until an XMPP server serves on one.

import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A TCP port nothing listens on right now (the system's choice for port 0). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}

/** Whether a TCP connection to host:port succeeds now. */
export function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** What a try to reach an XMPP server gives: nothing listens yet, the server answered, or the
 *  connection was taken and then closed (or the deadline came) without an answer. */
type Probe = 'refused' | 'answered' | 'silent';

/** Opens a connection to host:port, sends an XMPP stream header to `domain` and waits until the
 *  server sends anything back (its own header, or a stream error: either way its event loop runs),
 *  the connection ends, or `deadline` (a Date.now() time) passes; then closes it. */
function probe(host: string, port: number, domain: string, deadline: number): Promise<Probe> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    let connected = false;
    const finish = (outcome: Probe) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish('silent'), Math.max(0, deadline - Date.now()));
    socket.once('connect', () => {
      connected = true;
      socket.write(streamHeader(domain));
    });
    socket.once('data', () => finish('answered'));
    socket.once('error', () => finish(connected ? 'silent' : 'refused'));
    socket.once('close', () => finish(connected ? 'silent' : 'refused'));
  });
}

function streamHeader(domain: string): string {
  const to = domain.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;');
  return `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${to}' version='1.0'>`;
}

/** How long waitUntilServing waits between two tries, in milliseconds. Prosody says nothing when
 *  it is ready (its log lines for that are at level info, and the servers log from warn), so the
 *  port is tried: a refused loopback connection costs microseconds, and every millisecond of this
 *  interval is on average half a millisecond more before a run can start. */
const retryMs = 5;

/**
 * Resolves true once the XMPP server at host:port answers a stream header to `domain`, false when
 * `giveUp()` says to stop or the deadline (a Date.now() time) passes. Tries every 5 ms while the
 * port refuses connections or closes them unanswered. The port is not enough: Prosody binds it
 * while it still loads its hosts' modules, 20-160 ms before its event loop runs (measured with the
 * corpus's prosody-0.12 configuration), and a connection taken meanwhile waits in the listen queue;
 * the answer comes the moment the loop runs. The probe's session ends at once (Prosody logs its end
 * at level info).
 */
export async function waitUntilServing(host: string, port: number, domain: string, deadline: number, giveUp: () => boolean): Promise<boolean> {
  while (Date.now() < deadline && !giveUp()) {
    const outcome = await probe(host, port, domain, deadline);
    if (outcome === 'answered') return true;
    await sleep(retryMs);
  }
  return false;
}
