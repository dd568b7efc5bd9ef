// cli/lanes.ts: the lanes of `scs run --jobs N` start on their own server's readiness, share the
// files, give their server back when no file is left, and stop together when a server fails or
// the run is interrupted.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runLanes } from '../../cli/lanes.js';

/** A promise with its resolve and reject at hand. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('runLanes', () => {
  test('a lane starts on its own server while the other is still starting, and the late one joins in', async () => {
    const slow = deferred<string>();
    const ran: Array<[number, string]> = [];
    const gates = [0, 1, 2, 3].map(() => deferred<void>());
    const lanes = runLanes(
      [Promise.resolve('first'), slow.promise],
      [0, 1, 2, 3],
      async (item, server) => {
        ran.push([item, server]);
        await gates[item].promise;
      },
      new AbortController().signal,
    );
    await settle();
    // The second server is not ready: the first lane has taken item 0 already.
    assert.deepEqual(ran, [[0, 'first']]);
    slow.resolve('second');
    await settle();
    assert.deepEqual(ran, [
      [0, 'first'],
      [1, 'second'],
    ]);
    gates[1].resolve();
    await settle();
    assert.deepEqual(ran.at(-1), [2, 'second'], 'a free lane takes the next item');
    for (const gate of gates) gate.resolve();
    assert.deepEqual(await lanes, { notStarted: 0, serverFailure: undefined });
    assert.deepEqual(
      ran.map(([item]) => item),
      [0, 1, 2, 3],
      'every item ran once',
    );
  });

  test('a lane with no item left releases its server while another lane still runs', async () => {
    const long = deferred<void>();
    const released: string[] = [];
    const lanes = runLanes(
      [Promise.resolve('a'), Promise.resolve('b')],
      [0, 1],
      async (item) => {
        if (item === 0) await long.promise;
      },
      new AbortController().signal,
      async (server) => void released.push(server),
    );
    await settle();
    assert.deepEqual(released, ['b'], "the free lane's server is released before the busy lane ends");
    long.resolve();
    assert.deepEqual(await lanes, { notStarted: 0, serverFailure: undefined });
    assert.deepEqual(released, ['b', 'a'], 'every lane releases its server once');
  });

  test('a server that fails stops the run: no more items, the running ones aborted, the failure returned', async () => {
    const failing = deferred<string>();
    const ran: number[] = [];
    const aborted: number[] = [];
    const lanes = runLanes(
      [Promise.resolve('up'), failing.promise],
      [0, 1, 2],
      (item, _server, signal) =>
        new Promise<void>((resolve) => {
          ran.push(item);
          signal.addEventListener('abort', () => {
            aborted.push(item);
            resolve();
          });
        }),
      new AbortController().signal,
    );
    await settle();
    failing.reject(new Error('Prosody exited with 1'));
    const outcome = await lanes;
    assert.deepEqual(ran, [0]);
    assert.deepEqual(aborted, [0]);
    assert.equal(outcome.notStarted, 2);
    assert.equal(outcome.serverFailure?.message, 'Prosody exited with 1');
  });

  test('a server that dies during an interruption is not a failure of the run', async () => {
    const interruption = new AbortController();
    const failing = deferred<string>();
    const lanes = runLanes([failing.promise], [0, 1], async () => {}, interruption.signal);
    interruption.abort();
    failing.reject(new Error('killed by SIGINT'));
    assert.deepEqual(await lanes, { notStarted: 2, serverFailure: undefined });
  });

  test('an interruption stops every lane from taking more items', async () => {
    const interruption = new AbortController();
    const ran: number[] = [];
    const outcome = await runLanes(
      [Promise.resolve('a'), Promise.resolve('b')],
      [0, 1, 2, 3, 4],
      async (item) => {
        ran.push(item);
        if (item === 1) interruption.abort();
        await settle();
      },
      interruption.signal,
    );
    assert.deepEqual(ran, [0, 1]);
    assert.equal(outcome.notStarted, 3);
  });

  test('an exception from an item rejects, after the other lanes have stopped', async () => {
    let otherEnded = false;
    const lanes = runLanes(
      [Promise.resolve('a'), Promise.resolve('b')],
      [0, 1],
      (item, _server, signal) =>
        item === 0
          ? Promise.reject(new Error('reporter broke'))
          : new Promise<void>((resolve) =>
              signal.addEventListener('abort', () => {
                otherEnded = true;
                resolve();
              }),
            ),
      new AbortController().signal,
    );
    await assert.rejects(lanes, /reporter broke/);
    assert.ok(otherEnded);
  });
});
