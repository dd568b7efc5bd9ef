// While a `receives` step waits, the run says what it waits for and what it passes over
// (`waiting` events, core/runner/progress.ts), and stanzas it passes over go into the transcript
// as they arrive, not when the step ends. Against a real Prosody.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'ltx';
import { runScenario } from '../../core/runner/index.js';
import { waitingText } from '../../core/runner/progress.js';
import type { RunEvent, TranscriptEntry } from '../../core/results.js';
import { briefStanza } from '../../core/xml/pretty.js';
import { startTestProsody, type TestServer } from './prosody.js';
import { character, scenario } from './support.js';

let server: TestServer;
before(async () => {
  server = await startTestProsody();
});
after(async () => {
  await server?.stop();
});

const text = `# Juliet waits for words that never come

${character('Romeo', 'romeo')}
${character('Juliet', 'juliet')}
-----

Romeo connects

Juliet connects

Romeo sends:
	<message to="\${Juliet's full JID}" type="chat">
		<body>Hello</body>
	</message>

Juliet receives:
	<message from="\${Romeo's full JID}" type="chat">
		<body>Goodbye</body>
	</message>
`;

describe('a waiting receives step', () => {
  test('reports what it waits for and what it passed over, once a second; the passed-over stanza is in the transcript before the step ends', async () => {
    const events: Array<RunEvent & { at: number }> = [];
    const result = await runScenario(scenario(text), 'waiting.scs', { host: server.host, port: server.port, timeoutMs: 2500 }, (event) =>
      events.push({ ...event, at: performance.now() }),
    );
    assert.equal(result.status, 'failed');
    const receives = result.steps.at(-1)!;
    const waiting = events.filter((event) => event.event === 'waiting');
    assert.ok(waiting.length >= 1 && waiting.length <= 3, `one note a second of a 2.5 s wait, got ${waiting.length}`);
    const [first] = waiting;
    assert.ok(first.event === 'waiting');
    assert.equal(first.index, receives.index);
    assert.equal(first.wait.character, 'Juliet');
    assert.match(first.wait.awaiting, /^<message type=chat from=…>$/);
    assert.equal(first.wait.passedOver, 1);
    assert.deepEqual(first.wait.differences, ['message/body differs']);
    assert.ok(first.wait.remainingMs > 0 && first.wait.remainingMs < 2500, String(first.wait.remainingMs));
    assert.match(waitingText(first.wait), /^Juliet waits for <message type=chat from=…>: 1 stanza passed over \(message\/body differs\), \d\.\d s left$/);

    // The stanza it passed over was recorded as it arrived: before the first note, long before the step ended.
    const isPassedOver = (event: RunEvent): event is Extract<RunEvent, { event: 'transcript' }> & { at: number } =>
      event.event === 'transcript' && event.entry.direction === 'passed-over';
    const passed = events.filter(isPassedOver);
    assert.equal(passed.length, 1);
    assert.equal(passed[0].entry.stepIndex, receives.index);
    assert.match(passed[0].entry.brief ?? '', /^<message type=chat( id=\S+)? from=… to=…( xml:lang=en)?>$/);
    const stepEnd = events.find((event) => event.event === 'stepEnd' && event.step.index === receives.index)!;
    assert.ok(events.indexOf(passed[0]) < events.indexOf(first), 'recorded before the first waiting note');
    assert.ok(stepEnd.at - passed[0].at > 1000, 'recorded while the step still had more than a second to wait');
    // Once: not again as received when the connection closed.
    const hello = result.transcript.filter((entry: TranscriptEntry) => entry.character === 'Juliet' && entry.text.includes('<body>Hello</body>'));
    assert.deepEqual(
      hello.map((entry) => entry.direction),
      ['passed-over'],
    );
  });
});

describe('progress words', () => {
  test('briefStanza: name and attributes, values unquoted, long values elided, no namespace declarations', () => {
    assert.equal(
      briefStanza(parse('<message xmlns="jabber:client" type="groupchat" to="room@conference.localhost" id="m1"><body>x</body></message>')),
      '<message type=groupchat id=m1 to=…>',
    );
    assert.equal(briefStanza(parse('<presence/>')), '<presence>');
  });

  test('waitingText: nothing else arrived, several stanzas, seconds left with one decimal', () => {
    const base = { character: 'Juliet', awaiting: '<message type=chat>', remainingMs: 3210 };
    assert.equal(waitingText({ ...base, passedOver: 0, differences: [] }), 'Juliet waits for <message type=chat>: nothing else arrived, 3.2 s left');
    assert.equal(
      waitingText({ ...base, passedOver: 2, differences: ['message/body differs', 'a <presence>'] }),
      'Juliet waits for <message type=chat>: 2 stanzas passed over (message/body differs, a <presence>), 3.2 s left',
    );
  });
});
