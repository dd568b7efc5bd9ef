// Consecutive receives matched together (core/runner/receiveGroup.ts), on fixed arrivals: which
// step each stanza goes to, what is passed over, and which stanzas fail a step fast.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Element, parse } from 'ltx';
import type { Range } from '../../core/model.js';
import { Mailbox } from '../../core/runner/mailbox.js';
import { groupMembers, ReceiveGroup, type GroupMember } from '../../core/runner/receiveGroup.js';
import { character, scenario } from './support.js';

const stanza = (xml: string) => parse(xml) as Element;
const body = (text: string) => stanza(`<message type="chat"><body>${text}</body></message>`);

/** A group of one-stanza members at steps 0, 1, 2… (action lines 9, 19, 29…, 0-based). */
const actionLine = (line: number): Range => ({ start: { line, character: 0 }, end: { line, character: 15 } });
function group(expected: Element[], ordered = false): ReceiveGroup {
  const members: GroupMember[] = expected.map((element, index) => ({ index, actionRange: actionLine((index + 1) * 10 - 1), expected: [element] }));
  return new ReceiveGroup(members, ordered);
}

function mailboxWith(...stanzas: Element[]): Mailbox {
  const mailbox = new Mailbox(100);
  stanzas.forEach((element, index) => mailbox.push({ stanza: element, timeMs: index }));
  return mailbox;
}

const bodies = (arrivals: readonly { stanza: Element }[]) => arrivals.map((arrival) => arrival.stanza.getChildText('body') ?? arrival.stanza.name);

describe('groupMembers', () => {
  const text = `${character('Romeo', 'romeo')}${character('Juliet', 'juliet')}-----
Romeo connects
Romeo receives:
	<message/>
Romeo receives:
	<presence/>
Romeo receives:
	<iq/>
Juliet receives:
	<message/>
Romeo receives:
	<message/>
Romeo receives: nothing
Romeo receives:
	<message/>
`;
  const steps = scenario(text).steps;

  test('a run of receives by one character, up to another character, a nothing or another verb', () => {
    assert.deepEqual(
      groupMembers(steps, steps[1], false).map((step) => step.index),
      [1, 2, 3],
    );
    assert.deepEqual(
      groupMembers(steps, steps[2], false).map((step) => step.index),
      [2, 3],
    );
    assert.deepEqual(
      groupMembers(steps, steps[4], false).map((step) => step.index),
      [4],
    );
    assert.deepEqual(
      groupMembers(steps, steps[5], false).map((step) => step.index),
      [5],
    );
    assert.deepEqual(
      groupMembers(steps, steps[7], false).map((step) => step.index),
      [7],
    );
  });

  test('ordered: every step is a group of its own', () => {
    assert.deepEqual(
      groupMembers(steps, steps[1], true).map((step) => step.index),
      [1],
    );
  });

  test("a step that is not one of the scenario's (a debugger console's) is a group of its own", () => {
    const console = { ...steps[1] };
    assert.deepEqual(groupMembers(steps, console, false), [console]);
  });
});

describe('ReceiveGroup', () => {
  test('stanzas arriving in another order go to the steps they match; nothing is passed over', () => {
    const receiving = group([body('A'), body('B'), body('C')]);
    const mailbox = mailboxWith(body('C'), body('A'), body('B'));
    receiving.examine(mailbox, new Map());
    assert.deepEqual(
      [0, 1, 2].map((index) => receiving.state(index).state),
      ['complete', 'complete', 'complete'],
    );
    const first = receiving.take(0, mailbox);
    assert.deepEqual([bodies(first.received), bodies(first.passedOver)], [['A'], []]);
    assert.deepEqual(bodies(mailbox.pending), ['C', 'B'], 'stanzas given to later steps stay queued for them');
    assert.deepEqual(bodies(receiving.take(1, mailbox).received), ['B']);
    assert.deepEqual(bodies(receiving.take(2, mailbox).received), ['C']);
    assert.equal(mailbox.pending.length, 0);
  });

  test('a stanza that matches no step is passed over by the step whose stanza came after it, and the rest stays queued', () => {
    const receiving = group([body('A'), body('B')]);
    const mailbox = mailboxWith(body('X'), body('B'), body('Y'), body('A'), body('Z'));
    receiving.examine(mailbox, new Map());
    const first = receiving.take(0, mailbox);
    assert.deepEqual([bodies(first.received), bodies(first.passedOver)], [['A'], ['X', 'Y']]);
    const second = receiving.take(1, mailbox);
    assert.deepEqual([bodies(second.received), bodies(second.passedOver)], [['B'], []]);
    assert.deepEqual(bodies(mailbox.pending), ['Z'], 'after the group, the queue keeps what came after its stanzas');
  });

  test('a stanza that fits several steps goes to the earliest still waiting', () => {
    const any = stanza('<message type="chat"/>');
    const receiving = group([any, any]);
    const mailbox = mailboxWith(body('first'));
    receiving.examine(mailbox, new Map());
    assert.deepEqual([receiving.state(0).state, receiving.state(1).state], ['complete', 'waiting']);
    mailbox.push({ stanza: body('second'), timeMs: 5 });
    receiving.examine(mailbox, new Map());
    assert.equal(receiving.state(1).state, 'complete');
    assert.deepEqual(receiving.takenBy(mailbox.pending[1]), actionLine(19));
    assert.deepEqual(bodies(receiving.take(0, mailbox).received), ['first']);
  });

  test('ordered: only the first waiting stanza may be taken, so an early one is passed over', () => {
    const receiving = group([body('A'), body('B')], true);
    const mailbox = mailboxWith(body('B'), body('A'));
    receiving.examine(mailbox, new Map());
    assert.deepEqual([receiving.state(0).state, receiving.state(1).state], ['complete', 'waiting']);
    assert.deepEqual(bodies(receiving.take(0, mailbox).passedOver), ['B']);
  });

  test('a stanza with the name and id of a waiting one, that does not match it, dooms that step', () => {
    const receiving = group([body('A'), stanza('<iq type="result" id="q1"><query xmlns="jabber:iq:roster"/></iq>')]);
    const mailbox = mailboxWith(stanza('<iq type="error" id="q1"/>'));
    receiving.examine(mailbox, new Map());
    assert.equal(receiving.state(0).state, 'waiting', 'the earlier step still waits');
    const state = receiving.state(1);
    assert.equal(state.state, 'doomed');
    assert.ok(state.state === 'doomed');
    assert.equal(state.doom.reason, 'iq@type: expected "result", got "error"');
    assert.equal(state.doom.arrival, mailbox.pending[0]);
  });

  test('another id, another element name or an expected id that is a pattern dooms nothing; the same name and id does', () => {
    const expected = [stanza('<iq type="result" id="q1"/>'), stanza('<message id="q2" type="chat"/>'), stanza('<iq type="result" id="{scansion:any}"/>')];
    const receiving = group(expected);
    const mailbox = mailboxWith(stanza('<iq type="error" id="q2"/>'), stanza('<presence id="q1"/>'), stanza('<message id="q2" type="groupchat"/>'));
    receiving.examine(mailbox, new Map());
    assert.deepEqual(
      [0, 1].map((index) => receiving.state(index).state),
      ['waiting', 'doomed'],
    );
    assert.equal(receiving.state(2).state, 'waiting');
  });

  test('a stanza with the same name and id from another sender than the expected one dooms nothing', () => {
    // Romeo's unavailable presence comes back from his own full JID and from the room, both with his id.
    const receiving = group([stanza('<presence type="unavailable" id="bye" from="romeo@localhost/a"/>')]);
    const mailbox = mailboxWith(stanza('<presence type="unavailable" id="bye" from="room@conference.localhost/Romeo"/>'));
    receiving.examine(mailbox, new Map());
    assert.equal(receiving.state(0).state, 'waiting');
    mailbox.push({ stanza: stanza('<presence type="unavailable" id="bye" from="romeo@localhost/a"/>'), timeMs: 3 });
    receiving.examine(mailbox, new Map());
    assert.equal(receiving.state(0).state, 'complete');
    mailbox.push({ stanza: stanza('<presence id="bye" from="romeo@localhost/a"/>'), timeMs: 4 });
    const other = group([stanza('<presence type="unavailable" id="bye" from="{scansion:any}"/>')]);
    other.examine(mailbox, new Map());
    assert.equal(other.state(0).state, 'complete', 'the first that fits is taken');
    const wrong = group([stanza('<presence type="error" id="bye" from="romeo@localhost/a"/>')]);
    wrong.examine(mailboxWith(stanza('<presence id="bye" from="romeo@localhost/a"/>')), new Map());
    assert.equal(wrong.state(0).state, 'doomed', 'the same sender, name and id, different content');
  });

  test('a matching stanza with the same id is taken, not doomed', () => {
    const receiving = group([stanza('<iq type="result" id="q1"/>')]);
    const mailbox = mailboxWith(stanza('<iq type="result" id="q1"><query xmlns="jabber:iq:roster"/></iq>'));
    receiving.examine(mailbox, new Map());
    assert.equal(receiving.state(0).state, 'complete');
  });

  test('a member whose stanza could not be built reports its error and takes nothing', () => {
    const members: GroupMember[] = [
      { index: 0, actionRange: actionLine(9), expected: { error: new Error('no full JID yet') } },
      { index: 1, actionRange: actionLine(19), expected: [body('A')] },
    ];
    const receiving = new ReceiveGroup(members, false);
    const mailbox = mailboxWith(body('A'));
    receiving.examine(mailbox, new Map());
    const state = receiving.state(0);
    assert.ok(state.state === 'error' && state.error.message === 'no full JID yet');
    assert.equal(receiving.state(1).state, 'complete');
  });

  test('each arrival is examined once, also after the queue shrank', () => {
    const receiving = group([body('A'), body('B'), body('C')]);
    const mailbox = mailboxWith(body('A'), body('X'));
    receiving.examine(mailbox, new Map());
    receiving.take(0, mailbox);
    mailbox.push({ stanza: body('B'), timeMs: 9 });
    receiving.examine(mailbox, new Map());
    assert.equal(receiving.state(1).state, 'complete');
    assert.deepEqual(bodies(receiving.take(1, mailbox).received), ['B']);
    // Someone else (a debugger taking a pending stanza) removes an examined arrival.
    mailbox.push({ stanza: body('Y'), timeMs: 10 });
    receiving.examine(mailbox, new Map());
    assert.deepEqual(bodies(mailbox.take(1)), ['Y']);
    mailbox.push({ stanza: body('C'), timeMs: 11 });
    receiving.examine(mailbox, new Map());
    assert.equal(receiving.state(2).state, 'complete');
  });
});

describe('Mailbox.remove', () => {
  test('removes the given arrivals wherever they are; the rest keep their order', () => {
    const mailbox = mailboxWith(body('a'), body('b'), body('c'), body('d'));
    const [a, , c] = mailbox.pending;
    mailbox.remove(new Set([a, c]));
    assert.deepEqual(bodies(mailbox.pending), ['b', 'd']);
  });
});
