// `scs record` end to end: a real third-party client (xmpp.js's @xmpp/client, scripted in
// fixtures/session-client.mjs) talks to a real Prosody through the built CLI; the scenario written
// must check clean, name every JID by variable, and replay to a pass twice against a fresh server.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario } from '../../core/parser/index.js';
import { diagnose } from '../../core/diagnostics/index.js';
import { runScenario } from '../../core/runner/index.js';
import { startTestProsody, type TestServer } from '../runner/prosody.js';
import { recorderStarter, runClient } from './support.js';

let upstream: TestServer;
let dir: string;
const recorder = recorderStarter();

before(async () => {
  upstream = await startTestProsody();
  dir = mkdtempSync(join(tmpdir(), 'scs-record-test-'));
});
after(async () => {
  await upstream?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a client session recorded with --once checks clean, uses variables for every JID and replays twice', async () => {
  const output = join(dir, 'session.scs');
  const proxy = await recorder(['--upstream', `${upstream.host}:${upstream.port}`, '--output', output, '--once']);
  assert.ok(proxy.authorityFile && existsSync(proxy.authorityFile), 'the authority certificate is written for clients to trust');
  const client = await runClient(proxy, 'session').done;
  assert.equal(client.code, 0, client.output);
  assert.match(client.output, /romeo got: "O Romeo, Romeo!\\nWherefore art thou Romeo\?"/);
  assert.equal(await proxy.exited, 0, proxy.output());
  assert.match(proxy.output(), /the last client left \(--once\)/);
  assert.match(proxy.output(), /Wrote .*session\.scs: 2 characters, \d+ steps\./);
  assert.deepEqual(readdirSync(dir), ['session.scs'], 'nothing but the file is left');
  assert.ok(!existsSync(proxy.authorityFile), 'the authority certificate is removed when recording stops');

  const text = readFileSync(output, 'utf8');
  const scenario = parseScenario(text);
  const problems = diagnose(scenario).filter((item) => item.severity === 'error' || item.severity === 'warning');
  assert.deepEqual(problems, [], text);

  assert.deepEqual(
    scenario.characters.map((character) => character.name.value),
    ['Romeo', 'Juliet'],
  );
  assert.match(text, /\[Client\] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n\tresource: balcony\n/);
  assert.match(text, /\[Client\] Juliet\n\tjid: juliet@localhost\n\tpassword: password\n\n/, 'no resource for a client that asked for none');
  assert.ok(!text.includes('-secret'), 'the real passwords are not written');
  assert.match(text, /# Passwords are not recorded/);

  const steps = text.slice(text.indexOf('\n-----\n') + '\n-----\n'.length);
  assert.doesNotMatch(steps, /(romeo|juliet)@localhost/, 'every character JID is a variable');
  assert.match(steps, /from="\$\{Juliet's full JID\}"/);
  assert.match(steps, /<body>O Romeo, Romeo!&#10;Wherefore art thou Romeo\?<\/body>/, 'the line break stays inside the block');
  assert.match(steps, /<occupant-id xmlns="urn:xmpp:occupant-id:0" id="\{scansion:any\}"\/>/);
  assert.match(steps, /<query xmlns="jabber:iq:roster" ver="\{scansion:any\}"\/>/);
  assert.match(steps, /<message type="chat" id="romeo-1" to="\$\{Juliet's JID\}">/, 'an id the client sent stays literal');
  const lines = text.split('\n');
  for (const step of scenario.steps.filter((item) => item.block)) {
    const { start, end } = step.block!.range;
    for (const line of lines.slice(start.line, end.line + 1))
      assert.match(line, /^\t+<|^\t+[^\s]/, `block lines are indented with tabs: ${JSON.stringify(line)}`);
  }
  const verbs = scenario.steps.map((step) => `${step.character.value} ${step.verb.value}`);
  assert.deepEqual(verbs.slice(0, 2), ['Romeo connects', 'Juliet connects']);
  assert.ok(verbs.includes('Romeo disconnects') && verbs.includes('Juliet disconnects'));
  for (const expected of ['<ping xmlns="urn:xmpp:ping"/>', 'verona@conference.localhost/Romeo', '<query xmlns="jabber:iq:roster"/>']) {
    assert.ok(steps.includes(expected), `the session's ${expected} is recorded`);
  }

  const fresh = await startTestProsody();
  try {
    for (const round of [1, 2]) {
      const result = await runScenario(scenario, output, { host: fresh.host, port: fresh.port, timeoutMs: 5000 });
      assert.equal(result.status, 'passed', `replay ${round}: ${JSON.stringify(result.failure)}`);
      assert.equal(result.steps.length, scenario.steps.length);
    }
  } finally {
    await fresh.stop();
  }
});

test('Ctrl+C writes the file, with a client still connected disconnected at its end', async () => {
  const output = join(dir, 'interrupted.scs');
  const proxy = await recorder(['--upstream', `${upstream.host}:${upstream.port}`, '--output', output]);
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const client = runClient(proxy, 'linger', (line) => line === 'ready' && ready());
  // A client that never gets ready (a refused login) fails the test instead of hanging it.
  await Promise.race([isReady, client.done.then((run) => assert.fail(`the client ended before it was ready:\n${run.output}`))]);
  proxy.interrupt();
  assert.equal(await proxy.exited, 0, proxy.output());
  const run = await client.done;
  assert.match(run.output, /the server ended the stream/, 'the client was told the stream ended');
  const text = readFileSync(output, 'utf8');
  assert.deepEqual(
    diagnose(parseScenario(text)).filter((item) => item.severity !== 'hint'),
    [],
    text,
  );
  assert.match(text, /\tresource: garden\n/);
  assert.match(text, /Romeo receives:\n\t<presence from="\$\{Romeo's full JID\}" xml:lang="en"\/>\n\nRomeo disconnects\n$/);
});
