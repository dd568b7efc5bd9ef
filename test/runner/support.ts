// Shared pieces of the runner tests: scenarios from text, stand-in servers for faults, and a check
// that a run left no socket or timer behind.

import { createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseScenario } from '../../core/parser/index.js';
import { freePort as freeLoopbackPort } from '../../core/prosody/index.js';
import type { Scenario } from '../../core/model.js';

export function scenario(text: string): Scenario {
  const parsed = parseScenario(text);
  const errors = parsed.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) throw new Error(`test scenario does not parse: ${errors.map((error) => error.message).join('; ')}`);
  return parsed;
}

/** A character block for `user@localhost` logging in with `password`. */
export function character(name: string, user: string, extra = ''): string {
  return `[Client] ${name}\n\tjid: ${user}@localhost\n\tpassword: password\n${extra}`;
}

/** A TCP port nobody listens on (bound, then released). */
export function freePort(): Promise<number> {
  return freeLoopbackPort('127.0.0.1');
}

/** Romeo (defined with `character`) connects, sends presence and gets it back: the smallest
 *  scenario that passes on a real server. */
export const selfPresence = `-----
Romeo connects

Romeo sends:
	<presence/>

Romeo receives:
	<presence from="\${Romeo's full JID}"/>
`;

/** A server that accepts connections and never says a word. */
export async function silentServer(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    connections: () => accepted,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Socket and timer handles now open, by type (TTYs and pipes of the test process excluded). */
export function openHandles(): string[] {
  return process
    .getActiveResourcesInfo()
    .filter((type) => /TCP|Timeout|ConnectWrap|TLS|GetAddrInfo/.test(type))
    .sort();
}

/** Waits briefly for handles closed by the run to be released, then returns those still open. */
export async function handlesLeftAfter(before: string[]): Promise<string[]> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const left = difference(openHandles(), before);
    if (left.length === 0) return left;
    await sleep(25);
  }
  return difference(openHandles(), before);
}

function difference(now: string[], before: string[]): string[] {
  const remaining = [...before];
  return now.filter((type) => {
    const index = remaining.indexOf(type);
    if (index === -1) return true;
    remaining.splice(index, 1);
    return false;
  });
}

/** The 1-based line of the only line of `text` equal to `line`. */
export function lineOf(text: string, line: string): number {
  const lines = text.split('\n');
  const index = lines.indexOf(line);
  if (index === -1 || lines.indexOf(line, index + 1) !== -1) throw new Error(`"${line}" is not exactly once in the scenario`);
  return index + 1;
}
