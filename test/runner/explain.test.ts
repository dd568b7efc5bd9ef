// Failures that say why (core/runner/explain.ts), on fixed queues and history: the headline, the
// detail lines and the structured facts every consumer reads.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Element, parse } from 'ltx';
import { doomFailure, timeoutFailure, unexpectedFailure } from '../../core/runner/explain.js';
import type { Range } from '../../core/model.js';
import type { Arrival } from '../../core/runner/mailbox.js';
import { runOptions } from '../../core/runner/options.js';
import { Session } from '../../core/runner/session.js';
import { character, scenario } from './support.js';

const stanza = (xml: string) => parse(xml) as Element;
const at = (xml: string, timeMs: number): Arrival => ({ stanza: stanza(xml), timeMs });
/** The range of an action line, 0-based as in the model: the text says line + 1. */
const actionLine = (line: number): Range => ({ start: { line, character: 0 }, end: { line, character: 14 } });

function session(): Session {
  return new Session(scenario(`${character('Romeo', 'romeo')}-----\nRomeo connects\n`), 's.scs', runOptions({ timeoutMs: 2000 }), () => {}, undefined);
}

const errorReply =
  '<iq type="error" id="q1"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">No such service</text></error></iq>';

describe('timeoutFailure', () => {
  test('nothing arrived: says so, and has no details', () => {
    const failure = timeoutFailure({ session: session(), character: 'Romeo', queue: [] }, stanza('<message/>'));
    assert.equal(failure.message, 'nothing arrived; timed out after 2 s');
    assert.equal(failure.details, undefined);
    assert.equal(failure.arrived, undefined);
  });

  test('an error reply to our own request leads, with its condition and text; the closest follows', () => {
    const run = session();
    run.history.sent('Romeo', 'q1', actionLine(14));
    const queue = [at('<presence from="romeo@localhost/a"/>', 100), at(errorReply, 120)];
    const failure = timeoutFailure({ session: run, character: 'Romeo', queue }, stanza('<message type="headline"/>'));
    assert.equal(failure.message, 'your request q1 (line 15) was answered with an error: service-unavailable ("No such service"); timed out after 2 s');
    assert.deepEqual(failure.errorReplies, [{ id: 'q1', range: actionLine(14), condition: 'service-unavailable', text: 'No such service', timeMs: 120 }]);
    assert.deepEqual(failure.details, [
      'closest of 2 arrived: message: expected <message>, got <presence>',
      "Romeo's queue, in arrival order (2):",
      '  0.100 s  <presence from="romeo@localhost/a"/>  (closest: shown in full)',
      '  0.120 s  <iq type="error" id="q1"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">No such service</text></error></iq>',
    ]);
  });

  test('an error reply to an id nobody in this scenario sent is not called out', () => {
    const failure = timeoutFailure({ session: session(), character: 'Romeo', queue: [at(errorReply, 5)] }, stanza('<message/>'));
    assert.equal(failure.errorReplies, undefined);
    assert.match(failure.message, /closest of 1 arrived/);
  });

  test('an awaited stanza passed over by an earlier step is named with that step and its arrival', () => {
    const run = session();
    run.history.passedOver('Romeo', at('<message type="chat"><body>B</body></message>', 1234.6), actionLine(19));
    const failure = timeoutFailure({ session: run, character: 'Romeo', queue: [] }, stanza('<message type="chat"><body>B</body></message>'));
    assert.equal(failure.message, 'the stanza this step waits for arrived at 1.235 s and was passed over by the step at line 20; timed out after 2 s');
    assert.deepEqual(failure.passedOver, { range: actionLine(19), timeMs: 1234.6, stanza: '<message type="chat"><body>B</body></message>' });
  });

  test('a long queue lists its first and last 50 stanzas and says how many it left out', () => {
    const queue = Array.from({ length: 130 }, (_, index) => at(`<presence id="p${index}"/>`, index));
    const failure = timeoutFailure({ session: session(), character: 'Romeo', queue }, stanza('<message/>'));
    const details = failure.details!;
    assert.match(failure.message, /closest of 130 arrived/);
    assert.equal(details[0], "Romeo's queue, in arrival order (130):");
    assert.equal(details.length, 1 + 100 + 1);
    assert.equal(details[1 + 50], '  … 30 more, not listed');
    assert.match(details.at(-1)!, /id="p129"/);
    assert.equal(failure.arrived?.length, 100);
  });
});

describe('doomFailure', () => {
  test('an error reply with the awaited id leads with the error; the difference follows', () => {
    const run = session();
    run.history.sent('Romeo', 'q1', actionLine(14));
    const arrival = at(errorReply, 40);
    const expected = stanza('<iq type="result" id="q1"/>');
    const failure = doomFailure(
      { session: run, character: 'Romeo', queue: [arrival] },
      { arrival, expected, reason: 'iq@type: expected "result", got "error"' },
    );
    assert.equal(failure.kind, 'mismatch');
    assert.equal(failure.message, 'your request q1 (line 15) was answered with an error: service-unavailable ("No such service")');
    assert.equal(failure.details?.[0], 'the iq with id "q1" arrived and does not match: iq@type: expected "result", got "error"');
    assert.match(failure.actual!, /^<iq type="error" id="q1">/);
    assert.equal(failure.expected, '<iq type="result" id="q1"/>');
  });
});

describe('unexpectedFailure', () => {
  test('receives nothing lists the queue under its reason', () => {
    const first = at('<message type="chat"/>', 10);
    const failure = unexpectedFailure({ session: session(), character: 'Romeo', queue: [first, at('<presence/>', 11)] }, first);
    assert.equal(failure.message, 'expected nothing, got <message type="chat"/>');
    assert.deepEqual(failure.details, [
      "Romeo's queue, in arrival order (2):",
      '  0.010 s  <message type="chat"/>  (closest: shown in full)',
      '  0.011 s  <presence/>',
    ]);
  });
});
