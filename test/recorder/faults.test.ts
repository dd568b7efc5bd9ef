// `scs record` when things go wrong: the upstream cannot be reached, the upstream refuses the
// password, a client vanishes in the middle of a stanza. The client hears the upstream's own error,
// the terminal says what happened, and no file is ever left half written.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnose } from '../../core/diagnostics/index.js';
import { parseScenario } from '../../core/parser/index.js';
import { runScenario } from '../../core/runner/index.js';
import { startTestProsody, type TestServer } from '../runner/prosody.js';
import { freePort } from '../runner/support.js';
import { recorderStarter, runClient } from './support.js';

let checking: TestServer;
let dir: string;
const recorder = recorderStarter();

before(async () => {
  checking = await startTestProsody({ checkPasswords: { user: 'romeo', password: 'romeo-secret' } });
  dir = mkdtempSync(join(tmpdir(), 'scs-record-faults-'));
});
after(async () => {
  await checking?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('an upstream nobody listens on: the client gets remote-connection-failed, the terminal says why, no file', async () => {
  const port = await freePort();
  const output = join(dir, 'unreachable.scs');
  const proxy = await recorder(['--upstream', `127.0.0.1:${port}`, '--output', output, '--once']);
  const client = await runClient(proxy, 'login').done;
  assert.match(client.output, /login refused: StreamError remote-connection-failed/);
  assert.equal(await proxy.exited, 1, proxy.output());
  assert.match(proxy.output(), new RegExp(`romeo@localhost: connection refused at 127\\.0\\.0\\.1:${port}`));
  assert.match(proxy.output(), /Nothing was recorded \(no client logged in and bound a resource\): no file written\./);
  assert.deepEqual(
    readdirSync(dir).filter((name) => name.includes('unreachable')),
    [],
  );
});

test("a wrong password: the client gets the upstream's own SASL failure, the terminal says so, no file", async () => {
  const output = join(dir, 'refused.scs');
  const proxy = await recorder(['--upstream', `${checking.host}:${checking.port}`, '--output', output, '--once']);
  const client = await runClient(proxy, 'login').done;
  assert.match(client.output, /login refused: SASLError not-authorized/);
  assert.equal(await proxy.exited, 1, proxy.output());
  assert.match(proxy.output(), /romeo@localhost: authentication failed for romeo@localhost: not-authorized/);
  assert.deepEqual(
    readdirSync(dir).filter((name) => name.includes('refused')),
    [],
  );
});

test('with the right password and --keep-passwords the file keeps it and replays against the same real account', async () => {
  const output = join(dir, 'kept.scs');
  const proxy = await recorder(['--upstream', `${checking.host}:${checking.port}`, '--output', output, '--keep-passwords']);
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const client = runClient(proxy, 'linger', (line) => line === 'ready' && ready());
  // A client that never gets ready (a refused login) fails the test instead of hanging it.
  await Promise.race([isReady, client.done.then((run) => assert.fail(`the client ended before it was ready:\n${run.output}`))]);
  proxy.interrupt();
  assert.equal(await proxy.exited, 0, proxy.output());
  await client.done;
  const text = readFileSync(output, 'utf8');
  assert.match(text, /\tpassword: romeo-secret\n/);
  // Logging in with SCRAM against internal_plain hashes the password: slow on a loaded machine.
  const result = await runScenario(parseScenario(text), output, { host: checking.host, port: checking.port, timeoutMs: 15_000 });
  assert.equal(result.status, 'passed', JSON.stringify(result.failure));
});

test('a client that vanishes in the middle of a stanza: said in the terminal, the rest written whole', async () => {
  const output = join(dir, 'cut.scs');
  const proxy = await recorder(['--upstream', `${checking.host}:${checking.port}`, '--output', output, '--once', '--keep-passwords']);
  const client = await runClient(proxy, 'mid-stanza').done;
  assert.equal(client.code, 0, client.output);
  assert.equal(await proxy.exited, 0, proxy.output());
  assert.match(proxy.output(), /romeo@localhost\/\S+: the client went away in the middle of a stanza: that stanza is not recorded/);
  const text = readFileSync(output, 'utf8');
  const scenario = parseScenario(text);
  assert.deepEqual(
    diagnose(scenario).filter((item) => item.severity !== 'hint'),
    [],
    text,
  );
  assert.doesNotMatch(text, /Parting/);
  assert.deepEqual(
    scenario.steps.map((step) => `${step.character.value} ${step.verb.value}`),
    ['Romeo connects', 'Romeo sends', 'Romeo receives', 'Romeo disconnects'],
  );
  assert.deepEqual(
    readdirSync(dir).filter((name) => name.includes('cut')),
    ['cut.scs'],
  );
  assert.ok(existsSync(output));
});
