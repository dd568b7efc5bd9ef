// The matching rules of SCANSION.md section 3, with stanzas shaped like the corpus scenarios.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Element, parse } from 'ltx';
import { matchStanza, type MatchResult } from '../../core/matcher/index.js';

function match(expected: string, received: string, captures = new Map<string, string>()): MatchResult {
  return matchStanza(parse(expected), parse(received), captures);
}

function assertMatches(expected: string, received: string, captures?: Map<string, string>): void {
  const result = match(expected, received, captures);
  assert.deepEqual(result, { matched: true });
}

function assertReason(expected: string, received: string, reason: string, captures?: Map<string, string>): void {
  const result = match(expected, received, captures);
  assert.equal(result.matched, false, 'expected a mismatch');
  if (result.matched) return;
  assert.equal(result.reason, reason);
  assert.equal(reason.startsWith(`${result.path}: `), true, `reason starts with its path ${result.path}`);
}

describe('non-strict elements (the stream namespace)', () => {
  test('extra received attributes and children are ignored', () => {
    assertMatches(
      `<iq type="result" id="config1" from="room@conference.localhost"></iq>`,
      `<iq type="result" id="config1" from="room@conference.localhost" to="user@localhost/abc"><extra xmlns="urn:x"/></iq>`,
    );
  });

  test('an expected attribute with another value names path and both values', () => {
    assertReason(`<iq type="result" id="config1"/>`, `<iq type="error" id="config1"/>`, 'iq@type: expected "result", got "error"');
  });

  test('a missing expected attribute is named', () => {
    assertReason(`<presence type="unavailable"/>`, `<presence/>`, 'presence@type: expected "unavailable", attribute missing');
  });

  test('children are found in any order, extras ignored', () => {
    assertMatches(
      `<message type="chat"><body>Hello</body><active xmlns="http://jabber.org/protocol/chatstates"/></message>`,
      `<message type="chat"><active xmlns="http://jabber.org/protocol/chatstates"/><thread>t1</thread><body>Hello</body></message>`,
    );
  });

  test('scansion:strict="true" on a stream-namespace element makes it strict', () => {
    assertReason(
      `<presence scansion:strict="true" from="a@localhost"/>`,
      `<presence from="a@localhost" id="p1"/>`,
      'presence: unexpected attribute id="p1" (strict)',
    );
  });
});

describe('MUC presence (muc#user)', () => {
  const received = `<presence from="room@conference.localhost/Romeo" to="user@localhost/r">
      <x xmlns="http://jabber.org/protocol/muc#user">
        <status code="201"/>
        <item jid="user@localhost/r" affiliation="owner" role="moderator"/>
        <status code="110"/>
      </x>
    </presence>`;

  test('a strict x matches the same children in the same order (muc_members_only_deregister)', () => {
    assertMatches(
      `<presence from='room@conference.localhost/Romeo'>
        <x xmlns='http://jabber.org/protocol/muc#user'>
          <status code='201'/>
          <item jid="user@localhost/r" affiliation='owner' role='moderator'/>
          <status code='110'/>
        </x>
      </presence>`,
      received,
    );
  });

  test('with scansion:strict="false" the status codes may come in any order (muc_whois_anyone_member)', () => {
    assertMatches(
      `<presence from="room@conference.localhost/Romeo">
        <x xmlns="http://jabber.org/protocol/muc#user" scansion:strict="false">
          <item affiliation="owner" jid="user@localhost/r" role="moderator"/>
          <status code="110"/>
          <status code="201"/>
        </x>
      </presence>`,
      received,
    );
  });

  test('a strict x with the status codes in another order reports the order', () => {
    assertReason(
      `<presence>
        <x xmlns="http://jabber.org/protocol/muc#user">
          <status code="110"/>
          <item jid="user@localhost/r" affiliation="owner" role="moderator"/>
          <status code="201"/>
        </x>
      </presence>`,
      received,
      'presence/x[muc#user]: child <status code="110"/> is at position 3, expected at 1 (strict order)',
    );
  });

  test('a different affiliation names the attribute inside the namespaced element', () => {
    assertReason(
      `<presence>
        <x xmlns="http://jabber.org/protocol/muc#user" scansion:strict="false">
          <item affiliation="member"/>
        </x>
      </presence>`,
      `<presence><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="none" role="none"/></x></presence>`,
      // The item inherits muc#user, so it is strict: but the value differs first.
      'presence/x[muc#user]/item@affiliation: expected "member", got "none"',
    );
  });

  test('a status code the server did not send is a missing child', () => {
    assertReason(
      `<presence>
        <x xmlns="http://jabber.org/protocol/muc#user" scansion:strict="false">
          <status code="110"/>
        </x>
      </presence>`,
      `<presence><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="none" role="none"/></x></presence>`,
      'presence/x[muc#user]: missing child <status code="110"/>',
    );
  });

  test('a near child of the same name gives its own difference', () => {
    assertReason(
      `<presence>
        <x xmlns="http://jabber.org/protocol/muc#user" scansion:strict="false">
          <status code="110"/>
        </x>
      </presence>`,
      `<presence><x xmlns="http://jabber.org/protocol/muc#user"><status code="100"/></x></presence>`,
      'presence/x[muc#user]/status@code: expected "110", got "100"',
    );
  });

  test('one received child stands for one expected child only', () => {
    assertReason(
      `<presence>
        <x xmlns="http://jabber.org/protocol/muc#user" scansion:strict="false">
          <status code="110"/>
          <status code="110"/>
        </x>
      </presence>`,
      `<presence><x xmlns="http://jabber.org/protocol/muc#user"><status code="110"/><status code="201"/></x></presence>`,
      'presence/x[muc#user]/status@code: expected "110", got "201"',
    );
  });

  test('a loose expectation does not take the only child a later one can match', () => {
    // The first <status> accepts any status; a greedy pairing would give it code 110 and leave
    // the second expectation without a partner.
    assertMatches(
      `<presence>
        <x xmlns="http://jabber.org/protocol/muc#user" scansion:strict="false">
          <status scansion:strict="false"/>
          <status code="110"/>
        </x>
      </presence>`,
      `<presence><x xmlns="http://jabber.org/protocol/muc#user"><status code="110"/><status code="201"/></x></presence>`,
    );
  });
});

describe('strict elements (their own namespace)', () => {
  const roster = `<iq type="result" id="roster1">
      <query xmlns="jabber:iq:roster" ver="1">
        <item jid="juliet@localhost" subscription="both"/>
        <item jid="nurse@localhost" subscription="none" ask="subscribe"/>
      </query>
    </iq>`;

  test('the same attributes and children in the same order match', () => {
    assertMatches(
      `<iq type="result" id="roster1"><query xmlns="jabber:iq:roster" ver="1"><item jid="juliet@localhost" subscription="both"/><item jid="nurse@localhost" subscription="none" ask="subscribe"/></query></iq>`,
      roster,
    );
  });

  test('an extra received child is unexpected', () => {
    assertReason(
      `<iq type="result" id="roster1"><query xmlns="jabber:iq:roster" ver="1"><item jid="juliet@localhost" subscription="both"/></query></iq>`,
      roster,
      'iq/query[roster]: unexpected child <item ask="subscribe" jid="nurse@localhost" subscription="none"/> (strict)',
    );
  });

  test('an extra child before the expected ones is named, not every shifted pair', () => {
    assertReason(
      `<iq type="result"><query xmlns="jabber:iq:roster" ver="1"><item jid="nurse@localhost" subscription="none" ask="subscribe"/></query></iq>`,
      `<iq type="result"><query xmlns="jabber:iq:roster" ver="1"><group/><item jid="nurse@localhost" subscription="none" ask="subscribe"/></query></iq>`,
      'iq/query[roster]: unexpected child <group/> (strict)',
    );
  });

  test('a missing child in the middle is named', () => {
    assertReason(
      `<iq type="result"><query xmlns="jabber:iq:roster"><group/><item jid="a@localhost"/></query></iq>`,
      `<iq type="result"><query xmlns="jabber:iq:roster"><item jid="a@localhost"/></query></iq>`,
      'iq/query[roster]: missing child <group/>',
    );
  });

  test('a missing child at the end is named', () => {
    assertReason(
      `<iq type="result"><query xmlns="jabber:iq:roster"><item jid="a@localhost"/><item jid="b@localhost"/></query></iq>`,
      `<iq type="result"><query xmlns="jabber:iq:roster"><item jid="a@localhost"/></query></iq>`,
      'iq/query[roster]: missing child <item jid="b@localhost"/>',
    );
  });

  test('another element in place of the expected one is named with its position', () => {
    assertReason(
      `<iq type="result"><query xmlns="jabber:iq:roster"><item jid="a@localhost"/></query></iq>`,
      `<iq type="result"><query xmlns="jabber:iq:roster"><group/></query></iq>`,
      'iq/query[roster]: expected child 1 to be <item jid="a@localhost"/>, got <group/> (strict)',
    );
  });

  test('an extra attribute on an inherited-namespace child is unexpected', () => {
    assertReason(
      `<iq type="result" id="roster1"><query xmlns="jabber:iq:roster" ver="1"><item jid="juliet@localhost" subscription="both"/><item jid="nurse@localhost" subscription="none"/></query></iq>`,
      roster,
      'iq/query[roster]/item: unexpected attribute ask="subscribe" (strict)',
    );
  });

  test('scansion:strict="false" loosens a namespaced element (disco_self)', () => {
    const expected = `<iq type="result" id="info1">
        <query xmlns="http://jabber.org/protocol/disco#info" scansion:strict="false">
          <identity xmlns="http://jabber.org/protocol/disco#info" category="account" type="registered"/>
          <feature var="http://jabber.org/protocol/disco#info"/>
          <feature var="http://jabber.org/protocol/disco#items"/>
        </query>
      </iq>`;
    assertMatches(
      expected,
      `<iq type="result" id="info1" from="user@localhost" to="user@localhost/r">
        <query xmlns="http://jabber.org/protocol/disco#info">
          <feature var="http://jabber.org/protocol/disco#items"/>
          <identity category="account" type="registered"/>
          <feature var="urn:xmpp:mam:2"/>
          <feature var="http://jabber.org/protocol/disco#info"/>
        </query>
      </iq>`,
    );
    // Its children keep their own (strict) default: an identity with a name is another identity.
    assertReason(
      expected,
      `<iq type="result" id="info1"><query xmlns="http://jabber.org/protocol/disco#info">
        <identity category="account" type="registered" name="Romeo"/>
        <feature var="http://jabber.org/protocol/disco#info"/>
        <feature var="http://jabber.org/protocol/disco#items"/>
      </query></iq>`,
      'iq/query[disco#info]/identity: unexpected attribute name="Romeo" (strict)',
    );
  });

  test('a strict query with a loose child element (version)', () => {
    const expected = `<iq id='lx2' from='localhost' type='result'>
        <query xmlns='jabber:iq:version' scansion:strict='true'>
          <name>Prosody</name>
          <version scansion:strict='false'/>
        </query>
      </iq>`;
    assertMatches(
      expected,
      `<iq id="lx2" from="localhost" type="result" to="user@localhost/r"><query xmlns="jabber:iq:version"><name>Prosody</name><version>0.12.3</version></query></iq>`,
    );
    assertReason(
      expected,
      `<iq id="lx2" from="localhost" type="result"><query xmlns="jabber:iq:version"><name>Prosody</name><version>0.12.3</version><os>Linux</os></query></iq>`,
      'iq/query[version]: unexpected child <os>Linux</os> (strict)',
    );
  });

  test('a strict element written empty accepts text (http_upload header)', () => {
    assertMatches(
      `<iq type="result"><slot xmlns="urn:xmpp:http:upload:0"><get url="{scansion:any}"/><put url="{scansion:any}"><header name="Authorization"></header></put></slot></iq>`,
      `<iq type="result"><slot xmlns="urn:xmpp:http:upload:0"><get url="http://a/g"/><put url="http://a/p"><header name="Authorization">Bearer abc</header></put></slot></iq>`,
    );
  });

  test('pubsub items: a different item id inside the publish element', () => {
    assertReason(
      `<message from="pubsub.localhost"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="princely_musings"><item id="current"><entry xmlns="http://www.w3.org/2005/Atom"><title>Soliloquy</title></entry></item></items></event></message>`,
      `<message from="pubsub.localhost" to="user@localhost"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="princely_musings"><item id="other" publisher="user@localhost"><entry xmlns="http://www.w3.org/2005/Atom"><title>Soliloquy</title></entry></item></items></event></message>`,
      'message/event[pubsub#event]/items/item@id: expected "current", got "other"',
    );
  });

  test('pubsub items: text of a payload element differs', () => {
    assertReason(
      `<message><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="n"><item id="1"><entry xmlns="http://www.w3.org/2005/Atom"><title>Soliloquy</title></entry></item></items></event></message>`,
      `<message><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="n"><item id="1"><entry xmlns="http://www.w3.org/2005/Atom"><title>Monologue</title></entry></item></items></event></message>`,
      'message/event[pubsub#event]/items/item/entry[Atom]/title: expected text "Soliloquy", got "Monologue"',
    );
  });
});

describe('text', () => {
  test('text is compared after trimming', () => {
    assertMatches(`<message><body>\n\t\thi\n\t</body></message>`, `<message><body>hi</body></message>`);
  });

  test('different text names both', () => {
    assertReason(`<message><body>hi</body></message>`, `<message><body>ho</body></message>`, 'message/body: expected text "hi", got "ho"');
  });

  test('missing text is said so', () => {
    assertReason(`<message><body>hi</body></message>`, `<message><body/></message>`, 'message/body: expected text "hi", got no text');
  });

  test('whitespace between the lines of a block is layout', () => {
    assertMatches(
      `<iq type="result">\n\t<query xmlns="jabber:iq:roster">\n\t\t<item jid="a@localhost"/>\n\t</query>\n</iq>`,
      `<iq type="result"><query xmlns="jabber:iq:roster"><item jid="a@localhost"/></query></iq>`,
    );
  });
});

describe('{scansion:any}', () => {
  test('accepts any value of id and stamp', () => {
    assertMatches(
      `<message from="romeo@localhost/r" type="chat"><body>Hello Juliet, are you there?</body><delay xmlns='urn:xmpp:delay' from='localhost' stamp='{scansion:any}' /></message>`,
      `<message from="romeo@localhost/r" type="chat" id="m1"><body>Hello Juliet, are you there?</body><delay xmlns="urn:xmpp:delay" from="localhost" stamp="2024-01-01T00:00:00Z"/></message>`,
    );
    assertMatches(`<iq type="result" id="{scansion:any}"/>`, `<iq type="result" id="x-123"/>`);
  });

  test('still requires the attribute', () => {
    assertReason(
      `<message><delay xmlns='urn:xmpp:delay' from='localhost' stamp='{scansion:any}'/></message>`,
      `<message><delay xmlns="urn:xmpp:delay" from="localhost"/></message>`,
      'message/delay[delay]@stamp: expected any value, attribute missing',
    );
  });
});

describe('{scansion:capture:NAME}', () => {
  test('the first occurrence captures, later ones must be equal', () => {
    const captures = new Map<string, string>();
    assertMatches(`<iq type="result" id="{scansion:capture:req}"/>`, `<iq type="result" id="abc"/>`, captures);
    assert.equal(captures.get('req'), 'abc');
    assertMatches(`<iq type="result" id="{scansion:capture:req}"/>`, `<iq type="result" id="abc"/>`, captures);
    assertReason(
      `<iq type="result" id="{scansion:capture:req}"/>`,
      `<iq type="result" id="def"/>`,
      'iq@id: expected "abc" (captured as req), got "def"',
      captures,
    );
  });

  test('two occurrences in one stanza must agree', () => {
    assertReason(
      `<message from="{scansion:capture:who}"><x xmlns="urn:x" jid="{scansion:capture:who}"/></message>`,
      `<message from="a@localhost"><x xmlns="urn:x" jid="b@localhost"/></message>`,
      'message/x[x]@jid: expected "a@localhost" (captured as who), got "b@localhost"',
    );
  });

  test('sibling children in any order must agree on a capture', () => {
    assertReason(
      `<message><first v="{scansion:capture:k}"/><second v="{scansion:capture:k}"/></message>`,
      `<message><second v="2"/><first v="1"/></message>`,
      'message/second@v: expected "1" (captured as k), got "2"',
    );
  });

  test('captures are kept only when the whole stanza matches', () => {
    const captures = new Map<string, string>();
    const result = match(`<iq id="{scansion:capture:req}" type="result"/>`, `<iq id="abc" type="error"/>`, captures);
    assert.equal(result.matched, false);
    assert.equal(captures.size, 0);
  });
});

describe('namespaces', () => {
  test('a prefixed element equals a default-namespace one of the same namespace', () => {
    assertMatches(
      `<iq type="set"><ps:pubsub xmlns:ps="http://jabber.org/protocol/pubsub"><ps:create node="n"/></ps:pubsub></iq>`,
      `<iq type="set"><pubsub xmlns="http://jabber.org/protocol/pubsub"><create node="n"/></pubsub></iq>`,
    );
  });

  test('a received stanza that declares jabber:client is the same as one that does not', () => {
    assertMatches(`<presence from="a@localhost"/>`, `<presence xmlns="jabber:client" from="a@localhost"/>`);
  });

  test('namespace declarations are never compared as attributes, even in strict mode', () => {
    assertMatches(
      `<iq xmlns:stream="http://etherx.jabber.org/streams" type="result" id="x1"><pubsub xmlns="http://jabber.org/protocol/pubsub#owner"><configure node="n"/></pubsub></iq>`,
      `<iq type="result" id="x1"><pubsub xmlns="http://jabber.org/protocol/pubsub#owner" xmlns:extra="urn:extra"><configure node="n"/></pubsub></iq>`,
    );
  });

  test('the same local name in another namespace is another element', () => {
    assertReason(
      `<iq type="result"><query xmlns="jabber:iq:roster"/></iq>`,
      `<iq type="result"><query xmlns="jabber:iq:private"/></iq>`,
      'iq: missing child <query xmlns="jabber:iq:roster"/>',
    );
  });

  test('a different stanza name is named', () => {
    assertReason(`<presence from="a@localhost"/>`, `<message from="a@localhost"/>`, 'presence: expected <presence>, got <message>');
  });

  test('scansion:strict is never compared', () => {
    assertMatches(
      `<iq type="result"><query xmlns="jabber:iq:version" scansion:strict="true"><name>Prosody</name></query></iq>`,
      `<iq type="result"><query xmlns="jabber:iq:version"><name>Prosody</name></query></iq>`,
    );
  });

  test('xml:lang is an ordinary attribute: ignored when extra in loose mode', () => {
    assertMatches(`<message type="chat"/>`, `<message type="chat" xml:lang="en"/>`);
  });
});

describe('scores', () => {
  const expected = `<presence from="room@conference.localhost/Romeo" type="unavailable"><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="none" role="none"/></x></presence>`;

  function score(received: string): number {
    const result = match(expected, received);
    assert.equal(result.matched, false);
    return result.matched ? Number.NaN : result.score;
  }

  test('same name and key attributes outrank matching content', () => {
    const sameKeys = score(
      `<presence from="room@conference.localhost/Romeo" type="unavailable"><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="member" role="participant"/></x></presence>`,
    );
    const otherFrom = score(
      `<presence from="room@conference.localhost/Juliet" type="unavailable"><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="none" role="none"/><status code="1"/></x></presence>`,
    );
    const otherName = score(`<message from="room@conference.localhost/Romeo" type="unavailable"/>`);
    assert.ok(sameKeys > otherFrom, `${sameKeys} > ${otherFrom}`);
    assert.ok(otherFrom > otherName, `${otherFrom} > ${otherName}`);
  });

  test('with the same key attributes, more agreeing content scores higher', () => {
    const close = score(
      `<presence from="room@conference.localhost/Romeo" type="unavailable"><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="none" role="participant"/></x></presence>`,
    );
    const far = score(
      `<presence from="room@conference.localhost/Romeo" type="unavailable"><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="owner" role="moderator"/></x></presence>`,
    );
    assert.ok(close > far, `${close} > ${far}`);
  });
});

describe('unusual input', () => {
  function nested(depth: number, leaf: string): string {
    return `${'<a>'.repeat(depth)}${leaf}${'</a>'.repeat(depth)}`;
  }

  test('deeply nested loose elements are compared pair by pair, not exponentially', () => {
    const depth = 200;
    assertMatches(`<message>${nested(depth, '<b v="1"/>')}</message>`, `<message>${nested(depth, '<b v="1" w="2"/>')}</message>`);
    const result = match(`<message>${nested(depth, '<b v="1"/>')}</message>`, `<message>${nested(depth, '<b v="2"/>')}</message>`);
    assert.equal(result.matched, false);
    if (!result.matched) assert.equal(result.reason, `message${'/a'.repeat(depth)}/b@v: expected "1", got "2"`);
  });

  test('attribute values that are not strings are compared as text', () => {
    const expected = new Element('iq', { type: 'result', id: '5' });
    const received = new Element('iq', { type: 'result', id: 5, to: null });
    assert.deepEqual(matchStanza(expected, received, new Map()), { matched: true });
  });

  test('elements without attributes or children on either side', () => {
    assertMatches(`<presence/>`, `<presence/>`);
    assertReason(`<presence><status/></presence>`, `<presence/>`, 'presence: missing child <status/>');
  });
});
