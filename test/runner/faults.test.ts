// Connection faults: each fails at the step where it happens, with a clear reason, never hangs,
// and leaves no socket or timer open.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runScenario } from '../../core/runner/index.js';
import { freePort as freeLoopbackPort } from '../../core/prosody/index.js';
import { startTestProsody } from './prosody.js';
import { character, freePort, handlesLeftAfter, lineOf, openHandles, scenario, selfPresence, silentServer } from './support.js';

const connectOnly = `${character('Romeo', 'romeo')}
-----
Romeo connects

Romeo sends:
	<presence/>
`;

test('no server listening: fails at connects naming the refused address', async () => {
  const port = await freePort();
  const before = openHandles();
  const result = await runScenario(scenario(connectOnly), 'refused.scs', { port, timeoutMs: 3000 });
  assert.equal(result.status, 'errored');
  assert.equal(result.failure?.kind, 'connection');
  assert.equal(result.failure?.range.start.line, lineOf(connectOnly, 'Romeo connects') - 1);
  assert.equal(result.failure?.message, `connection refused at 127.0.0.1:${port}`);
  assert.deepEqual(
    result.steps.map((step) => step.status),
    ['errored', 'skipped'],
  );
  assert.deepEqual(await handlesLeftAfter(before), []);
});

test('no server listening at an IPv6 address: the failure names it as --server takes it, [::1]:PORT', async () => {
  const port = await freeLoopbackPort('::1');
  const result = await runScenario(scenario(connectOnly), 'refused6.scs', { host: '::1', port, timeoutMs: 3000 });
  assert.equal(result.status, 'errored');
  assert.equal(result.failure?.message, `connection refused at [::1]:${port}`);
  assert.equal(result.server, `[::1]:${port}`);
});

test('wrong password on a server that checks passwords: fails at connects as an auth failure', async () => {
  const server = await startTestProsody({ checkPasswords: { user: 'romeo', password: 'right-password' } });
  try {
    const before = openHandles();
    const wrong = await runScenario(scenario(connectOnly), 'wrong.scs', { port: server.port, timeoutMs: 10_000 });
    assert.equal(wrong.failure?.kind, 'auth', wrong.failure?.message);
    assert.equal(wrong.failure?.range.start.line, lineOf(connectOnly, 'Romeo connects') - 1);
    assert.equal(wrong.failure?.message, 'authentication failed for romeo@localhost: not-authorized');
    assert.deepEqual(await handlesLeftAfter(before), []);

    // The same scenario with the right password connects: the failure above is the password's.
    const right = await runScenario(scenario(connectOnly.replace('password: password', 'password: right-password')), 'right.scs', {
      port: server.port,
      timeoutMs: 10_000,
    });
    assert.equal(right.status, 'passed', JSON.stringify(right.failure));
  } finally {
    await server.stop();
  }
});

test('the server killed in the middle: the waiting step fails at once, well within the timeout', async () => {
  const server = await startTestProsody();
  const text = `${character('Romeo', 'romeo')}
${selfPresence}
Romeo receives:
	<message type="chat"/>

Romeo disconnects
`;
  const before = openHandles();
  try {
    const timeoutMs = 8000;
    const result = await runScenario(scenario(text), 'killed.scs', { port: server.port, timeoutMs }, (event) => {
      if (event.event === 'stepStart' && event.index === 3) void server.kill();
    });
    // The step waiting for the message, the line above its block.
    assert.equal(result.failure?.range.start.line, lineOf(text, '\t<message type="chat"/>') - 2);
    assert.equal(result.failure?.kind, 'connection');
    assert.match(result.failure!.message, new RegExp(`^connection to 127\\.0\\.0\\.1:${server.port} lost`));
    assert.equal(result.steps[3].status, 'errored');
    assert.ok(result.steps[3].durationMs < timeoutMs / 2, `failed after ${result.steps[3].durationMs} ms`);
    assert.equal(result.steps[4].status, 'skipped');
    // Closing a connection already lost does not wait for a goodbye either.
    assert.ok(result.durationMs < timeoutMs / 2, `the run took ${result.durationMs} ms`);
  } finally {
    await server.kill();
  }
  assert.deepEqual(await handlesLeftAfter(before), []);
});

test('a server that accepts and never answers: connects times out', async () => {
  const silent = await silentServer();
  const before = openHandles();
  try {
    const started = performance.now();
    const result = await runScenario(scenario(connectOnly), 'silent.scs', { port: silent.port, timeoutMs: 600 });
    const elapsed = performance.now() - started;
    assert.equal(silent.connections(), 1);
    assert.equal(result.failure?.kind, 'timeout');
    assert.equal(result.failure?.range.start.line, lineOf(connectOnly, 'Romeo connects') - 1);
    assert.equal(result.failure?.message, `timed out after 0.6 s: no stream header from the server at 127.0.0.1:${silent.port}`);
    assert.ok(elapsed >= 550 && elapsed < 3000, `took ${elapsed} ms`);
  } finally {
    await silent.close();
  }
  assert.deepEqual(await handlesLeftAfter(before), []);
});

test('a domain the server does not serve: the stream error is named at connects', async () => {
  const server = await startTestProsody();
  const text = connectOnly.replace('romeo@localhost', 'romeo@nowhere.example');
  const before = openHandles();
  try {
    const result = await runScenario(scenario(text), 'host-unknown.scs', { port: server.port, timeoutMs: 5000 });
    assert.equal(result.failure?.kind, 'stream-error');
    assert.equal(result.failure?.range.start.line, lineOf(text, 'Romeo connects') - 1);
    assert.equal(result.failure?.message, `stream error from 127.0.0.1:${server.port}: host-unknown`);
  } finally {
    await server.stop();
  }
  assert.deepEqual(await handlesLeftAfter(before), []);
});

test('a character without a usable jid is refused before any network, at its jid line (core/gate.ts)', async () => {
  const text = connectOnly.replace('jid: romeo@localhost', 'jid: not a jid');
  const result = await runScenario(scenario(text), 'bad-jid.scs', { port: await freePort() });
  assert.equal(result.status, 'errored');
  assert.equal(result.failure?.kind, 'not-run');
  assert.equal(result.failure?.range.start.line, lineOf(text, '\tjid: not a jid') - 1);
  assert.match(result.failure?.message ?? '', /^not run: 1 error in the file, at line \d+: .*not a jid/);
  assert.ok(result.steps.every((step) => step.status === 'skipped'));
});
