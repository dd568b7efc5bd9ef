// A character's queue of received stanzas: filled by its connection, read by `receives` steps.
// It holds at most a fixed number of unconsumed stanzas, so that a flooding server takes bounded
// memory (issue 13); past that the queue is closed as flooded and further stanzas are dropped.

import type { Element } from 'ltx';
import { RunFailure } from './errors.js';
import { formatSeconds } from '../seconds.js';

export interface Arrival {
  stanza: Element;
  /** Milliseconds since the scenario started. */
  timeMs: number;
}

export class Mailbox {
  private readonly queue: Arrival[] = [];
  private waiter: { resolve: (changed: boolean) => void; reject: (error: Error) => void; timer: NodeJS.Timeout; signal?: AbortSignal } | undefined;
  private closedBy: RunFailure | undefined;
  private droppedCount = 0;

  /** @param limit most unconsumed stanzas held (RunOptions.maxQueue). */
  constructor(private readonly limit: number) {}

  /** Queues a stanza; one more than the limit closes the queue as flooded (kind `flooded`), and
   *  once closed, stanzas are counted as dropped and not kept. */
  push(arrival: Arrival): void {
    if (this.closedBy) {
      this.droppedCount++;
      return;
    }
    if (this.queue.length >= this.limit) {
      this.droppedCount++;
      const waited = arrival.timeMs - (this.queue[0]?.timeMs ?? arrival.timeMs);
      this.close(new RunFailure('flooded', `flooded: ${this.limit + 1} stanzas arrived without a match in ${formatSeconds(waited)}`));
      return;
    }
    this.queue.push(arrival);
    this.settle(true);
  }

  /** Stanzas that arrived after the queue was closed (flooded), and were not kept. */
  get dropped(): number {
    return this.droppedCount;
  }

  get flooded(): boolean {
    return this.closedBy?.kind === 'flooded';
  }

  /** The connection ended (or the queue flooded): waiting readers fail with this error once the
   *  queue is searched. */
  close(error: RunFailure): void {
    this.closedBy ??= error;
    this.settle(true);
  }

  get pending(): readonly Arrival[] {
    return this.queue;
  }

  get closedError(): RunFailure | undefined {
    return this.closedBy;
  }

  /** Removes and returns the first `count` arrivals. */
  take(count: number): Arrival[] {
    return this.queue.splice(0, count);
  }

  /** Removes these arrivals wherever they stand in the queue; the others keep their order. */
  remove(arrivals: ReadonlySet<Arrival>): void {
    if (arrivals.size === 0) return;
    let kept = 0;
    for (const arrival of this.queue) if (!arrivals.has(arrival)) this.queue[kept++] = arrival;
    this.queue.length = kept;
  }

  /**
   * Resolves when a new stanza arrives or the connection ends, or after `ms` (resolving false).
   * Rejects at once on abort. Leaves no timer or listener behind.
   */
  waitForChange(ms: number, signal?: AbortSignal): Promise<boolean> {
    // One reader at a time: a new wait ends any earlier one.
    this.settle(false);
    return new Promise<boolean>((resolve, reject) => {
      if (signal?.aborted) return reject(new RunFailure('cancelled', 'cancelled'));
      this.waiter = { resolve, reject, timer: setTimeout(this.onTimeout, Math.max(0, ms)), signal };
      signal?.addEventListener('abort', this.onAbort);
    });
  }

  // Made once per mailbox, not per wait: a step waits at least once.
  private readonly onTimeout = (): void => this.settle(false);
  private readonly onAbort = (): void => this.settle(new RunFailure('cancelled', 'cancelled'));

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
