// The adapter ends its process 100 ms after answering `disconnect` (DebugSession.shutdown), and
// DebugClient ignores that exit: client.stop()'s own disconnect after a test's, once those 100 ms
// have passed (likely on a loaded machine), waited for an answer that never came (the restart
// test's 240 s hang of round 3: node:test counts afterEach in a test's time), and its write failed
// with EPIPE outside any test. startClient's requests end when the adapter has exited.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { character } from '../runner/support.js';
import { scenarioFolder, startClient } from './support.js';

test('a request after the adapter exited (a second disconnect) rejects at once, naming it; stop() does not wait', async () => {
  const client = await startClient();
  await client.initializeRequest();
  await client.disconnectRequest({});
  assert.equal(await client.exited, 'code 0', 'the adapter ends its process after a disconnect');
  const started = performance.now();
  await assert.rejects(client.disconnectRequest({}), /^Error: the adapter had exited \(code 0\) before 'disconnect' was sent$/);
  await client.stop();
  assert.ok(performance.now() - started < 5000, 'well under the 30 s an unanswered request waits');
});

test('a request the adapter leaves unanswered when its process ends rejects with the exit, naming the request', async () => {
  const folder = scenarioFolder();
  const client = await startClient();
  try {
    const program = folder.write('held.scs', `${character('Romeo', 'romeo')}-----\nRomeo connects\n`);
    await client.initializeRequest();
    // Without configurationDone the adapter holds the launch for up to 5 s; a disconnect ends its process before.
    const launch = client.launchRequest({ program, server: '127.0.0.1:9' } as never);
    const started = performance.now();
    await client.disconnectRequest({});
    await assert.rejects(launch, /^Error: the adapter exited \(code 0\) without answering 'launch'$/);
    assert.ok(performance.now() - started < 4000, 'before the adapter would have answered');
  } finally {
    folder.remove();
  }
});
