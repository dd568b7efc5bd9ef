// Free loopback ports and the wait until a server accepts connections on one.

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

/** How long waitUntilAccepting waits between two tries, in milliseconds. Prosody says nothing when
 *  its port opens (its log line for it is at level info, and the servers log from warn), so the
 *  port is tried: a refused loopback connection costs microseconds, and every millisecond of this
 *  interval is on average half a millisecond more before a run can start. */
const retryMs = 5;

/** Polls until host:port accepts a connection, `giveUp()` says to stop, or the deadline passes. */
export async function waitUntilAccepting(host: string, port: number, deadline: number, giveUp: () => boolean): Promise<boolean> {
  while (Date.now() < deadline && !giveUp()) {
    if (await accepts(host, port)) return true;
    await sleep(retryMs);
  }
  return false;
}
