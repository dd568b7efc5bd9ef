// core/accept.ts: Accept changes only what the matcher rejects, and the result matches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'ltx';
import { acceptEdits, applyTextEdits } from '../../core/accept.js';
import { parseScenario } from '../../core/parser/index.js';

const head = `# Accept

[Client] Romeo
\tjid: romeo@localhost
\tpassword: password

[Client] Juliet
\tjid: juliet@localhost
\tpassword: password

-----

Romeo connects

Juliet connects

`;
const bound = { Romeo: 'romeo@localhost/r1', Juliet: 'juliet@localhost/j1' };

/** The scenario after accepting `received` on its last step, and the edits made. */
function accept(block: string, received: string): { text: string; edits: number } {
  const text = `${head}Romeo receives:\n${block}\n`;
  const scenario = parseScenario(text);
  const edits = acceptEdits(scenario, scenario.steps.length - 1, received, bound);
  assert.ok(edits, 'edits');
  return { text: applyTextEdits(text, edits), edits: edits.length };
}

const blockOf = (text: string) => text.slice(text.indexOf('Romeo receives:\n') + 'Romeo receives:\n'.length).trimEnd();

test('loose: only the differing text changes; extra attributes and children are not copied', () => {
  const { text, edits } = accept(
    '\t<message from="${Juliet\'s full JID}" type="chat">\n\t\t<body>Hi</body>\n\t</message>',
    '<message from="juliet@localhost/j1" to="romeo@localhost/r1" type="chat" id="abc"><body>Hello &amp; bye</body><stanza-id xmlns="urn:xmpp:sid:0" id="x" by="romeo@localhost"/></message>',
  );
  assert.equal(edits, 1);
  assert.equal(blockOf(text), '\t<message from="${Juliet\'s full JID}" type="chat">\n\t\t<body>Hello &amp; bye</body>\n\t</message>');
});

test('a differing attribute value is replaced, with a known JID as a variable; a missing attribute goes', () => {
  const { text } = accept(
    '\t<presence from="room@conference.localhost/Juliet" type="unavailable" id="p1">\n\t\t<x xmlns="http://jabber.org/protocol/muc#user">\n\t\t\t<item affiliation="member" role="participant" jid="juliet@localhost/old"/>\n\t\t</x>\n\t</presence>',
    '<presence from="room@conference.localhost/Juliet"><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="none" role="participant" jid="juliet@localhost/j1"/></x></presence>',
  );
  assert.equal(
    blockOf(text),
    '\t<presence from="room@conference.localhost/Juliet">\n\t\t<x xmlns="http://jabber.org/protocol/muc#user">\n\t\t\t<item affiliation="none" role="participant" jid="${Juliet\'s full JID}"/>\n\t\t</x>\n\t</presence>',
  );
});

test('strict: children that differ in names or order make the element be written as received', () => {
  const { text } = accept(
    '\t<presence from="room@conference.localhost/Romeo">\n\t\t<x xmlns="http://jabber.org/protocol/muc#user">\n\t\t\t<item affiliation="owner" role="moderator"/>\n\t\t\t<status code="110"/>\n\t\t</x>\n\t</presence>',
    '<presence from="room@conference.localhost/Romeo"><x xmlns="vcard-temp:x:update"><photo/></x><x xmlns="http://jabber.org/protocol/muc#user"><status code="201"/><item affiliation="owner" role="moderator" jid="romeo@localhost/r1"/><status code="110"/></x></presence>',
  );
  const block = blockOf(text);
  assert.match(
    block,
    /^\t<presence from="room@conference.localhost\/Romeo">\n\t\t<x xmlns="http:\/\/jabber.org\/protocol\/muc#user">\n\t\t\t<status code="201"\/>\n/,
  );
  assert.match(block, /<item affiliation="owner" jid="\$\{Romeo's full JID\}" role="moderator"\/>|<item [^>]*jid="\$\{Romeo's full JID\}"/);
  assert.doesNotMatch(block, /vcard-temp/, 'the loose presence does not gain the extra <x>');
});

test('strict: an extra attribute is added, and a value the server makes up becomes {scansion:any}', () => {
  const { text } = accept(
    '\t<message from="room@conference.localhost/Juliet" type="groupchat">\n\t\t<body>Hi</body>\n\t\t<delay xmlns="urn:xmpp:delay" stamp="2020-01-01T00:00:00Z"/>\n\t</message>',
    '<message from="room@conference.localhost/Juliet" type="groupchat" id="m1"><body>Hi</body><delay xmlns="urn:xmpp:delay" stamp="2026-11-30T06:00:00Z" from="room@conference.localhost"/></message>',
  );
  assert.equal(
    blockOf(text),
    '\t<message from="room@conference.localhost/Juliet" type="groupchat">\n\t\t<body>Hi</body>\n\t\t<delay xmlns="urn:xmpp:delay" stamp="{scansion:any}" from="room@conference.localhost"/>\n\t</message>',
  );
});

test('loose: an expected child nothing received matches is removed with its line', () => {
  const { text } = accept(
    '\t<message type="chat">\n\t\t<subject>News</subject>\n\t\t<body>Hi</body>\n\t</message>',
    '<message type="chat"><body>Hi</body></message>',
  );
  assert.equal(blockOf(text), '\t<message type="chat">\n\t\t<body>Hi</body>\n\t</message>');
});

test('a stanza of another name replaces the whole block', () => {
  const { text } = accept('\t<message type="chat"/>', '<presence from="juliet@localhost/j1"/>');
  assert.equal(blockOf(text), '\t<presence from="${Juliet\'s full JID}"/>');
});

test('every accepted block matches what was received', async () => {
  const { matchStanza } = await import('../../core/matcher/index.js');
  const { elementFromModel } = await import('../../core/xml/fromModel.js');
  const { substituteVariables } = await import('../../core/variables.js');
  const received =
    '<iq type="result" id="q1" from="localhost"><query xmlns="jabber:iq:version"><name>Prosody</name><version>0.12.3</version><os>Linux</os></query></iq>';
  const { text } = accept(
    '\t<iq type="result" id="q1">\n\t\t<query xmlns="jabber:iq:version">\n\t\t\t<name>Prosody</name>\n\t\t\t<version>0.11</version>\n\t\t</query>\n\t</iq>',
    received,
  );
  const scenario = parseScenario(text);
  const model = scenario.steps.at(-1)!.block!.stanzas[0]!;
  const resolve = (value: string) => substituteVariables(value, (character) => bound[character as keyof typeof bound]);
  assert.ok(matchStanza(elementFromModel(model, resolve), parse(received), new Map()).matched, text);
});
