// The proxy's server half against hand-written client streams (no TLS): session requests are
// answered, stream management and client state indication are refused or ignored, unknown
// nonzas and bad XML end the stream cleanly, and none of it becomes a step.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../core/diagnostics/index.js';
import { parseScenario } from '../../core/parser/index.js';
import { RecordingProxy, writeScenario } from '../../core/recorder/index.js';
import { startTestProsody, type TestServer } from '../runner/prosody.js';
import { handlesLeftAfter, openHandles } from '../runner/support.js';
import { loggedIn, RawClient, header } from './rawClient.js';

let upstream: TestServer;
before(async () => {
  upstream = await startTestProsody();
});
after(async () => {
  await upstream?.stop();
});

function proxy(notices: string[] = []): Promise<RecordingProxy> {
  return RecordingProxy.start({
    listenHost: '127.0.0.1',
    listenPort: 0,
    upstream: { host: upstream.host, port: upstream.port, tlsInsecure: false, timeoutMs: 5000 },
    tls: false,
    onNotice: (text) => notices.push(text),
  });
}

test('nonzas and session requests are handled by the proxy and never written as steps', async () => {
  const before = openHandles();
  const notices: string[] = [];
  const recorder = await proxy(notices);
  const { host, port } = recorder.address;
  const client = await loggedIn(host, port, 'romeo', 'raw');
  let mark = client.text.length;
  client.write("<iq type='set' id='sess1'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
  await client.expect(/<iq type="result" id="sess1"\/>/, mark);
  mark = client.text.length;
  client.write("<enable xmlns='urn:xmpp:sm:3'/>");
  await client.expect(/<failed xmlns="urn:xmpp:sm:3"><feature-not-implemented xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"\/><\/failed>/, mark);
  client.write("<inactive xmlns='urn:xmpp:csi:0'/><r xmlns='urn:xmpp:sm:3'/>");
  mark = client.text.length;
  client.write("<presence id='p1'/>");
  await client.expect(/<presence[^>]*from="romeo@localhost\/raw"/, mark);
  mark = client.text.length;
  client.write("<unknown xmlns='urn:example:nonza'/>");
  await client.expect(/<stream:error><unsupported-stanza-type xmlns="urn:ietf:params:xml:ns:xmpp-streams"\/>/, mark);
  await client.closed;
  await recorder.stop();

  const text = writeScenario(recorder.recording, { keepPasswords: false, upstream: 'test', date: new Date() });
  const scenario = parseScenario(text);
  assert.deepEqual(
    diagnose(scenario).filter((item) => item.severity !== 'hint'),
    [],
    text,
  );
  assert.deepEqual(
    scenario.steps.map((step) => `${step.character.value} ${step.verb.value}`),
    ['Romeo connects', 'Romeo sends', 'Romeo receives', 'Romeo disconnects'],
  );
  assert.doesNotMatch(text, /xmpp-session|sm:3|csi|unknown/);
  assert.ok(
    notices.some((line) => /stream management \(XEP-0198\) is not offered: refused/.test(line)),
    notices.join('\n'),
  );
  assert.ok(
    notices.some((line) => /<inactive xmlns="urn:xmpp:csi:0"\/> ignored/.test(line)),
    notices.join('\n'),
  );
  assert.deepEqual(await handlesLeftAfter(before), []);
});

test('XML that is not well-formed ends the stream with not-well-formed, and nothing is recorded', async () => {
  const notices: string[] = [];
  const recorder = await proxy(notices);
  const client = await RawClient.open(recorder.address.host, recorder.address.port);
  client.write(header);
  await client.expect(/<\/stream:features>/);
  client.write('<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">abc</wrong>');
  await client.expect(/<not-well-formed xmlns="urn:ietf:params:xml:ns:xmpp-streams"\/>/);
  await client.closed;
  await recorder.stop();
  assert.ok(recorder.recording.isEmpty);
  assert.ok(
    notices.some((line) => /not well-formed/.test(line)),
    notices.join('\n'),
  );
});

test('a stanza before login is refused with not-authorized', async () => {
  const recorder = await proxy();
  const client = await RawClient.open(recorder.address.host, recorder.address.port);
  client.write(header);
  await client.expect(/<\/stream:features>/);
  client.write('<message to="juliet@localhost"><body>too early</body></message>');
  await client.expect(/<not-authorized xmlns="urn:ietf:params:xml:ns:xmpp-streams"\/>/);
  await client.closed;
  await recorder.stop();
  assert.ok(recorder.recording.isEmpty);
});
