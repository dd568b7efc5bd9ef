// The engine against a real Prosody: a scenario that passes, and failures that name the step.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runScenario } from '../../core/runner/index.js';
import type { RunEvent } from '../../core/results.js';
import { startTestProsody, type TestServer } from './prosody.js';
import { character, handlesLeftAfter, lineOf, openHandles, scenario } from './support.js';

let server: TestServer;
before(async () => {
  server = await startTestProsody();
});
after(async () => {
  await server?.stop();
});

const options = () => ({ host: server.host, port: server.port, timeoutMs: 2000, quietMs: 200 });

const passing = `# Two clients talk
## smoke

${character('Romeo', 'romeo')}
${character('Juliet', 'juliet', '\tresource: balcony\n')}
-----

Romeo connects

Juliet connects

Romeo sends:
	<presence/>

# Romeo's own presence comes back first: passed over by the next receives.
Juliet sends:
	<message to="\${Romeo's full JID}" type="chat">
		<body>Wherefore art thou?</body>
	</message>

Romeo receives:
	<message from="\${Juliet's full JID}" type="chat">
		<body>Wherefore art thou?</body>
	</message>

Romeo sends:
	<iq type="get" id="roster1">
		<query xmlns="jabber:iq:roster"/>
	</iq>

Romeo receives:
	<iq type="result" id="roster1">
		<query xmlns="jabber:iq:roster" ver="{scansion:any}"/>
	</iq>

Juliet receives: nothing

Romeo disconnects

Romeo disconnects

Juliet disconnects
`;

describe('runScenario against Prosody', () => {
  test('a passing scenario: every step passes, the transcript and bound JIDs are kept', async () => {
    const events: RunEvent[] = [];
    const before = openHandles();
    const result = await runScenario(scenario(passing), 'passing.scs', options(), (event) => events.push(event));
    assert.equal(result.status, 'passed', JSON.stringify(result.failure));
    assert.equal(result.title, 'Two clients talk');
    assert.equal(result.steps.length, 11);
    assert.ok(result.steps.every((step) => step.status === 'passed'));
    assert.match(result.boundJids.Juliet, /^juliet@localhost\/balcony$/);
    assert.match(result.boundJids.Romeo, /^romeo@localhost\/.+/);

    const passedOver = result.transcript.filter((entry) => entry.direction === 'passed-over');
    assert.equal(passedOver.length, 1);
    assert.match(passedOver[0].text, /^<presence from="romeo@localhost\//);
    const received = result.transcript.filter((entry) => entry.direction === 'received' && entry.character === 'Romeo');
    assert.match(received[0].text, /<body>Wherefore art thou\?<\/body>/);
    const sent = result.transcript.find((entry) => entry.direction === 'sent' && entry.character === 'Juliet');
    assert.ok(sent?.text.includes(`to="${result.boundJids.Romeo}"`), 'variables are substituted before sending');
    assert.ok(result.transcript.every((entry, index, all) => index === 0 || entry.timeMs >= all[index - 1].timeMs));
    // The runner's own traffic (binding, sync pings) never shows.
    assert.ok(!result.transcript.some((entry) => /urn:xmpp:ping|xmpp-bind|scs-sync/.test(entry.text)));

    assert.deepEqual(
      events.filter((event) => event.event !== 'transcript').map((event) => event.event),
      ['scenarioStart', ...result.steps.flatMap(() => ['stepStart', 'stepEnd']), 'scenarioEnd'],
    );
    assert.deepEqual(await handlesLeftAfter(before), []);
  });

  test('a stanza that never comes: timeout at that line with the closest stanza and the path of the difference', async () => {
    const text = `${character('Romeo', 'romeo')}
-----
Romeo connects

Romeo sends:
	<message to="\${Romeo's full JID}" type="chat"><body>hello</body></message>

Romeo receives:
	<message type="chat"><body>goodbye</body></message>

Romeo disconnects
`;
    const result = await runScenario(scenario(text), 'timeout.scs', { ...options(), timeoutMs: 700 });
    assert.equal(result.status, 'failed');
    assert.equal(result.failure?.range.start.line, lineOf(text, 'Romeo receives:') - 1);
    assert.equal(result.failure?.kind, 'timeout');
    assert.match(result.failure!.message, /^message\/body: expected text "goodbye", got "hello"; closest of 1 arrived, timed out after 0\.7 s$/);
    assert.match(result.failure!.expected!, /^<message type="chat">\n  <body>goodbye<\/body>/);
    assert.match(result.failure!.actual!, /^<message type="chat" from="romeo@localhost\//);
    assert.deepEqual(
      result.steps.map((step) => step.status),
      ['passed', 'passed', 'failed', 'skipped'],
    );
    assert.ok(result.steps[2].durationMs >= 650);
  });

  test('a reply with the awaited id and other content fails at once, with that reply as the actual stanza', async () => {
    const text = `${character('Romeo', 'romeo')}
-----
Romeo connects

Romeo sends:
	<iq type="get" id="roster1">
		<query xmlns="jabber:iq:roster"/>
	</iq>

Romeo receives:
	<iq type="error" id="roster1"/>

Romeo disconnects
`;
    const result = await runScenario(scenario(text), 'wrong-reply.scs', { ...options(), timeoutMs: 10_000 });
    assert.equal(result.status, 'failed');
    assert.equal(result.failure?.range.start.line, lineOf(text, 'Romeo receives:') - 1);
    assert.equal(result.failure?.kind, 'mismatch');
    assert.equal(result.failure!.message, 'iq@type: expected "error", got "result"; the iq with id "roster1" arrived and differs');
    assert.match(result.failure!.expected!, /^<iq type="error" id="roster1"\/>$/);
    assert.match(result.failure!.actual!, /^<iq type="result" id="roster1"/);
    assert.deepEqual(
      result.steps.map((step) => step.status),
      ['passed', 'passed', 'failed', 'skipped'],
    );
    assert.ok(result.steps[2].durationMs < 5000, `failed after ${result.steps[2].durationMs} ms, well before the 10 s timeout`);
  });

  test('nothing arrives: the reason says so', async () => {
    const text = `${character('Romeo', 'romeo')}
-----
Romeo connects

Romeo receives:
	<message type="chat"/>
`;
    const result = await runScenario(scenario(text), 'nothing.scs', { ...options(), timeoutMs: 300 });
    assert.equal(result.failure?.message, 'nothing arrived; timed out after 0.3 s');
    assert.equal(result.failure?.actual, undefined);
  });

  test('receives: nothing fails when a stanza is waiting, and shows it', async () => {
    const text = `${character('Romeo', 'romeo')}
-----
Romeo connects

Romeo sends:
	<presence/>

Romeo receives: nothing
`;
    const result = await runScenario(scenario(text), 'quiet.scs', options());
    assert.equal(result.failure?.range.start.line, lineOf(text, 'Romeo receives: nothing') - 1);
    assert.equal(result.failure?.kind, 'unexpected-stanza');
    assert.match(result.failure!.message, /^expected nothing, got <presence from="romeo@localhost\//);
  });

  test('a full JID used before its character connected fails that step', async () => {
    const text = `${character('Romeo', 'romeo')}
${character('Juliet', 'juliet')}
-----
Romeo connects

Romeo sends:
	<message to="\${Juliet's full JID}"/>
`;
    const result = await runScenario(scenario(text), 'variable.scs', options());
    assert.equal(result.failure?.range.start.line, lineOf(text, 'Romeo sends:') - 1);
    assert.equal(result.failure?.kind, 'variable');
    assert.match(result.failure!.message, /Juliet's full JID.*Juliet has not connected/);
    assert.ok(!result.transcript.some((entry) => entry.direction === 'sent'));
  });

  test('cancelling stops a waiting step at once and closes everything', async () => {
    const text = `${character('Romeo', 'romeo')}
-----
Romeo connects

Romeo receives:
	<message type="chat"/>
`;
    const before = openHandles();
    const controller = new AbortController();
    const started = performance.now();
    const running = runScenario(
      scenario(text),
      'cancel.scs',
      { ...options(), timeoutMs: 10_000 },
      (event) => {
        if (event.event === 'stepStart' && event.index === 1) setTimeout(() => controller.abort(), 100);
      },
      controller.signal,
    );
    const result = await running;
    assert.ok(performance.now() - started < 3000, 'the run ends well before the 10 s timeout');
    assert.equal(result.status, 'errored');
    assert.equal(result.failure?.kind, 'cancelled');
    assert.equal(result.failure?.range.start.line, lineOf(text, 'Romeo receives:') - 1);
    assert.deepEqual(await handlesLeftAfter(before), []);
  });
});
