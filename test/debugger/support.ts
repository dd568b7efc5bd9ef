// Shared pieces of the debugger tests: Microsoft's DebugClient driving dist/debugAdapter.js over
// stdio, scenarios written to a temporary folder, and the server's own count of open connections.

import type { ChildProcess } from 'node:child_process';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

export const adapter = join(process.cwd(), 'dist', 'debugAdapter.js');

/** How long a request may go unanswered (ms): DebugClient waits for events with a timeout but for
 *  answers without one, so an adapter that never answers would only show as the file's timeout. */
const answerTimeoutMs = 30_000;

/** A DebugClient and the end of its adapter process. */
export type AdapterClient = DebugClient & {
  /** Resolves when the adapter process has exited, with how (`code 0`, `signal SIGTERM`). */
  exited: Promise<string>;
};

/**
 * A DebugClient on a fresh adapter process, patient on a loaded machine. Every request rejects,
 * naming its command, when the adapter has not answered it within `answerTimeoutMs`, and at once
 * when the adapter has exited: DebugClient ignores the process's exit, so a request sent after it
 * (client.stop()'s disconnect after a test's own, once the adapter's 100 ms shutdown delay has
 * passed, which a loaded machine makes likely) would otherwise wait forever, and its write would
 * fail with EPIPE outside any test.
 */
export async function startClient(): Promise<AdapterClient> {
  const client = new DebugClient(process.execPath, adapter, 'scansion');
  client.defaultTimeout = 15_000;
  await client.start();
  // DebugClient keeps its process private; it is there once start() has resolved.
  const child = (client as unknown as { _adapterProcess: ChildProcess })._adapterProcess;
  let how: string | undefined;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve((how = signal ? `signal ${signal}` : `code ${code}`)));
  });
  // A write to an adapter that is gone: the request it carried rejects below instead.
  child.stdin!.on('error', () => {});
  const send = client.send.bind(client) as (command: string, args?: unknown) => Promise<DebugProtocol.Response>;
  client.send = ((command: string, args?: unknown) => {
    if (how !== undefined) return Promise.reject(new Error(`the adapter had exited (${how}) before '${command}' was sent`));
    let timer: NodeJS.Timeout | undefined;
    const unanswered = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the adapter did not answer '${command}' within ${answerTimeoutMs} ms`)), answerTimeoutMs);
    });
    const gone = exited.then((end) => Promise.reject(new Error(`the adapter exited (${end}) without answering '${command}'`)));
    return Promise.race([send(command, args), unanswered, gone]).finally(() => clearTimeout(timer));
  }) as DebugClient['send'];
  return Object.assign(client, { exited });
}

/** A folder for scenario files, removed by `remove`. */
export function scenarioFolder(): { write(name: string, text: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'scs-debug-'));
  return {
    write(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Client connections the server holds open on `port`, as the kernel lists them (established TCP
 * sockets whose local port is the server's): the server's side, whatever the adapter believes.
 */
export function serverConnections(port: number): number {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  let count = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (local?.endsWith(`:${hex}`) && state === '01') count++;
    }
  }
  return count;
}

/** Waits (bounded) until `condition` holds; returns whether it did. */
export async function eventually(condition: () => boolean, ms = 5000): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** The variables of a scope or variable, by name. */
export async function variablesOf(client: DebugClient, reference: number): Promise<Map<string, DebugProtocol.Variable>> {
  const response = await client.variablesRequest({ variablesReference: reference });
  return new Map(response.body.variables.map((variable) => [variable.name, variable]));
}

/** The stopped events of a session in order, kept from the moment it is made, so that none is
 *  missed between a request's answer and the wait for the stop it causes. */
export class StopQueue {
  private readonly events: DebugProtocol.StoppedEvent[] = [];
  private readonly waiters: ((event: DebugProtocol.StoppedEvent) => void)[] = [];
  /** How many stopped events arrived in all. */
  count = 0;

  constructor(client: DebugClient) {
    client.on('stopped', (event: DebugProtocol.StoppedEvent) => {
      this.count++;
      const waiter = this.waiters.shift();
      if (waiter) waiter(event);
      else this.events.push(event);
    });
  }

  /** The next stopped event; rejects after `ms`. */
  next(ms = 15_000): Promise<DebugProtocol.StoppedEvent> {
    const queued = this.events.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no stopped event within ${ms} ms`));
      }, ms);
      const waiter = (event: DebugProtocol.StoppedEvent) => {
        clearTimeout(timer);
        resolve(event);
      };
      this.waiters.push(waiter);
    });
  }
}
