// core/matcher/marks.ts: what the matcher rejected in a received stanza, told apart from the
// extras loose matching allows (SCANSION.md section 3), for the diff panel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'ltx';
import { markedReceivedLines } from '../../core/matcher/marks.js';
import { prettyStanza } from '../../core/xml/pretty.js';

/** The marked lines as text, marked parts in brackets: `[extra: id="x"]`. */
function render(expected: string, actual: string): string[] {
  const lines = markedReceivedLines(prettyStanza(parse(expected)), prettyStanza(parse(actual)));
  assert.ok(lines);
  return lines.map((segments) => segments.map((segment) => (segment.mark ? `[${segment.mark}:${segment.text}]` : segment.text)).join(''));
}

test('loose (jabber:client): extra attributes and children are extras, a wrong text is rejected', () => {
  const expected = '<message type="chat" from="romeo@localhost/a"><body>Good night</body></message>';
  const actual =
    '<message type="chat" id="m1" from="romeo@localhost/a" to="juliet@localhost/b"><body>Hello</body><active xmlns="http://jabber.org/protocol/chatstates"/></message>';
  assert.deepEqual(render(expected, actual), [
    '<message type="chat"[extra: id="m1"] from="romeo@localhost/a"[extra: to="juliet@localhost/b"]>',
    '  <body>[rejected:Hello]</body>',
    '  [extra:<active][extra: xmlns="http://jabber.org/protocol/chatstates"][extra:/>]',
    '</message>',
  ]);
});

test('strict (outside jabber:client): an extra child and an extra attribute are rejected; a wrong value is rejected', () => {
  const expected = '<presence from="room@muc/romeo"><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="owner" role="moderator"/></x></presence>';
  const actual =
    '<presence from="room@muc/romeo" id="p1"><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="none" jid="romeo@localhost/a" role="moderator"/><status code="201"/></x></presence>';
  assert.deepEqual(render(expected, actual), [
    '<presence[extra: id="p1"] from="room@muc/romeo">',
    '  <x xmlns="http://jabber.org/protocol/muc#user">',
    '    <item[rejected: affiliation="none"][rejected: jid="romeo@localhost/a"] role="moderator"/>',
    '    [rejected:<status][rejected: code="201"][rejected:/>]',
    '  </x>',
    '</presence>',
  ]);
});

test('something expected is missing: the element that lacks it is marked; a stanza of another name is rejected whole', () => {
  assert.deepEqual(render('<message><body>Hi</body><subject>S</subject></message>', '<message><body>Hi</body></message>'), [
    '[rejected:<message]>',
    '  <body>Hi</body>',
    '[rejected:</message>]',
  ]);
  assert.deepEqual(render('<message/>', '<presence type="unavailable"/>'), ['[rejected:<presence][rejected: type="unavailable"][rejected:/>]']);
});

test('the marked lines are the pretty-printed stanza exactly; ill-formed input gives undefined', () => {
  const actual = prettyStanza(parse('<message a="1&#10;2"><body>x &amp; y</body>tail</message>'));
  const lines = markedReceivedLines('<message/>', actual)!;
  assert.equal(lines.map((segments) => segments.map((segment) => segment.text).join('')).join('\n'), actual);
  assert.equal(markedReceivedLines('<message>', actual), undefined);
});
