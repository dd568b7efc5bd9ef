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
  private wake: (() => void) | undefined;
  private closedBy: ConnectionError | undefined;

  push(arrival: Arrival): void {
    this.queue.push(arrival);
    this.notify();
  }

  /** The connection ended: waiting readers fail with this error once the queue is searched. */
  close(error: ConnectionError): void {
    this.closedBy ??= error;
    this.notify();
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
    return new Promise<boolean>((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.wake = undefined;
        settle();
      };
      const onAbort = () => finish(() => reject(new ConnectionError('cancelled', 'cancelled')));
      const timer = setTimeout(() => finish(() => resolve(false)), Math.max(0, ms));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort);
      this.wake = () => finish(() => resolve(true));
    });
  }

  private notify(): void {
    this.wake?.();
  }
}
