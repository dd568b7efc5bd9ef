// Choosing the closest stanza among those that arrived when none matched.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'ltx';
import { closestMismatch } from '../../core/matcher/closest.js';
import { matchStanza } from '../../core/matcher/index.js';

const expected = parse(
  `<presence from="room@conference.localhost/Juliet" type="unavailable">
    <x xmlns="http://jabber.org/protocol/muc#user">
      <status code="321"/>
      <item affiliation="none" role="none"/>
    </x>
  </presence>`,
);

// What a MUC occupant typically gets around such a step: a subject, another occupant's presence,
// and the right presence with one thing wrong.
const subject = parse(`<message type="groupchat" from="room@conference.localhost"><subject/></message>`);
const otherOccupant = parse(
  `<presence from="room@conference.localhost/Romeo"><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="owner" role="moderator"/></x></presence>`,
);
const nearMiss = parse(
  `<presence from="room@conference.localhost/Juliet" type="unavailable"><x xmlns="http://jabber.org/protocol/muc#user"><status code="321"/><item affiliation="member" role="none"/></x></presence>`,
);

test('no candidates: nothing is closest', () => {
  assert.equal(closestMismatch(expected, []), undefined);
});

test('the stanza with the same name and key attributes is closest, with its reason', () => {
  const closest = closestMismatch(expected, [subject, otherOccupant, nearMiss]);
  assert.ok(closest);
  assert.equal(closest.element, nearMiss);
  assert.equal(closest.index, 2);
  assert.equal(closest.path, 'presence/x[muc#user]/item@affiliation');
  assert.equal(closest.reason, 'presence/x[muc#user]/item@affiliation: expected "none", got "member"');
  const direct = matchStanza(expected, nearMiss, new Map());
  assert.equal(direct.matched, false);
  if (!direct.matched) assert.equal(closest.score, direct.score);
});

test('on a tie the earliest candidate wins', () => {
  const twin = parse(nearMiss.toString());
  const closest = closestMismatch(expected, [subject, nearMiss, twin]);
  assert.equal(closest?.index, 1);
});

test('a candidate that matches is not a mismatch', () => {
  const exact = parse(
    `<presence from="room@conference.localhost/Juliet" type="unavailable"><x xmlns="http://jabber.org/protocol/muc#user"><status code="321"/><item affiliation="none" role="none"/></x></presence>`,
  );
  assert.equal(closestMismatch(expected, [exact]), undefined);
  assert.equal(closestMismatch(expected, [exact, subject])?.element, subject);
});

test('captures are used but never changed', () => {
  const withCapture = parse(`<iq type="result" id="{scansion:capture:req}"><query xmlns="jabber:iq:roster"/></iq>`);
  const captures = new Map([['req', 'r1']]);
  const closest = closestMismatch(withCapture, [parse(`<iq type="result" id="r2"><query xmlns="jabber:iq:roster"/></iq>`)], captures);
  assert.equal(closest?.reason, 'iq@id: expected "r1" (captured as req), got "r2"');
  assert.deepEqual([...captures], [['req', 'r1']]);

  const fresh = new Map<string, string>();
  closestMismatch(withCapture, [parse(`<iq type="result" id="r3"/>`)], fresh);
  assert.equal(fresh.size, 0);
});
