// A character's queue of received stanzas: filled by its connection, read by `receives` steps.

import type { Element } from 'ltx';
import { ConnectionError } from './errors.js';

export interface Arrival {
  stanza: Element;
  /** Milliseconds since the scenario started. */
  timeMs: number;
}

export class Mailbox {
  private readonly queue: Arrival[] = [];
  private waiter: { resolve: (changed: boolean) => void; reject: (error: Error) => void; timer: NodeJS.Timeout; signal?: AbortSignal } | undefined;
  private closedBy: ConnectionError | undefined;

  push(arrival: Arrival): void {
    this.queue.push(arrival);
    this.settle(true);
  }

  /** The connection ended: waiting readers fail with this error once the queue is searched. */
  close(error: ConnectionError): void {
    this.closedBy ??= error;
    this.settle(true);
  }

  get pending(): readonly Arrival[] {
    return this.queue;
  }

  get closedError(): ConnectionError | undefined {
    return this.closedBy;
  }

  /** Removes and returns the first `count` arrivals. */
  take(count: number): Arrival[] {
    return this.queue.splice(0, count);
  }

  /**
   * Resolves when a new stanza arrives or the connection ends, or after `ms` (resolving false).
   * Rejects at once on abort. Leaves no timer or listener behind.
   */
  waitForChange(ms: number, signal?: AbortSignal): Promise<boolean> {
    // One reader at a time: a new wait ends any earlier one.
    this.settle(false);
    return new Promise<boolean>((resolve, reject) => {
      if (signal?.aborted) return reject(new ConnectionError('cancelled', 'cancelled'));
      this.waiter = { resolve, reject, timer: setTimeout(this.onTimeout, Math.max(0, ms)), signal };
      signal?.addEventListener('abort', this.onAbort);
    });
  }

  // Made once per mailbox, not per wait: a step waits at least once.
  private readonly onTimeout = (): void => this.settle(false);
  private readonly onAbort = (): void => this.settle(new ConnectionError('cancelled', 'cancelled'));

  private settle(outcome: boolean | Error): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    clearTimeout(waiter.timer);
    waiter.signal?.removeEventListener('abort', this.onAbort);
    if (outcome instanceof Error) waiter.reject(outcome);
    else waiter.resolve(outcome);
  }
}
