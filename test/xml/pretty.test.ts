// Pretty-printing: indentation, attribute order, escaping, stability.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'ltx';
import { oneLineStanza, prettyStanza } from '../../core/xml/pretty.js';

test('two-space indentation, text-only elements on one line, empty elements self-closed', () => {
  const stanza = parse(`<message to="juliet@localhost" type="chat"><body>Hello</body><active xmlns="http://jabber.org/protocol/chatstates"/></message>`);
  assert.equal(
    prettyStanza(stanza),
    ['<message type="chat" to="juliet@localhost">', '  <body>Hello</body>', '  <active xmlns="http://jabber.org/protocol/chatstates"/>', '</message>'].join(
      '\n',
    ),
  );
});

test('attributes: xmlns, xmlns:*, then type, id, from, to, then alphabetical', () => {
  const stanza = parse(
    `<iq to="b@localhost" zeta="1" from="a@localhost" xmlns:stream="http://etherx.jabber.org/streams" id="i1" alpha="2" xmlns="jabber:client" type="get" xmlns:a="urn:a"/>`,
  );
  assert.equal(
    prettyStanza(stanza),
    '<iq xmlns="jabber:client" xmlns:a="urn:a" xmlns:stream="http://etherx.jabber.org/streams" type="get" id="i1" from="a@localhost" to="b@localhost" alpha="2" zeta="1"/>',
  );
});

test('the same stanza with attributes in another order prints the same', () => {
  const one = parse(`<presence from="a@localhost" type="unavailable" id="p1"><x xmlns="urn:x" b="2" a="1"/></presence>`);
  const other = parse(`<presence id="p1" type="unavailable" from="a@localhost"><x a="1" xmlns="urn:x" b="2"/></presence>`);
  assert.equal(prettyStanza(one), prettyStanza(other));
});

test('text and attribute values are escaped; line breaks stay on one line', () => {
  const stanza = parse(
    `<iq type="result"><note title="a &quot;b&quot; &lt;c&gt; &amp; d's">The following rooms were destroyed:&#10;elsewhere@conference.localhost &amp; &lt;more&gt;</note></iq>`,
  );
  assert.equal(
    prettyStanza(stanza),
    [
      '<iq type="result">',
      `  <note title="a &quot;b&quot; &lt;c&gt; &amp; d's">The following rooms were destroyed:&#10;elsewhere@conference.localhost &amp; &lt;more&gt;</note>`,
      '</iq>',
    ].join('\n'),
  );
});

test('layout whitespace is dropped, text trimmed, mixed text kept on its own line', () => {
  const stanza = parse(`<message>\n\t<body>\n\t\tHello  there\n\t</body>\n\tloose text\n\t<x xmlns="urn:x"/>\n</message>`);
  assert.equal(prettyStanza(stanza), ['<message>', '  <body>Hello  there</body>', '  loose text', '  <x xmlns="urn:x"/>', '</message>'].join('\n'));
});

test('printing is stable: printing the parsed output gives the output again', () => {
  const stanza = parse(
    `<iq type="result" id="x"><pubsub xmlns="http://jabber.org/protocol/pubsub#owner"><configure node="n"><x xmlns="jabber:x:data" type="form"><field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/pubsub#node_config</value></field><field var="pubsub#title" label="Title &amp; more" type="text-single"/></x></configure></pubsub></iq>`,
  );
  const once = prettyStanza(stanza);
  assert.equal(prettyStanza(parse(once)), once);
});

test('oneLineStanza: whole when short, elided when long', () => {
  assert.equal(oneLineStanza(parse(`<status code="110"/>`)), '<status code="110"/>');
  assert.equal(oneLineStanza(parse(`<os>\n  Linux\n</os>`)), '<os>Linux</os>');
  const long = parse(`<x xmlns="jabber:x:data" type="form"><field var="a"><value>${'v'.repeat(200)}</value></field></x>`);
  assert.equal(oneLineStanza(long), '<x xmlns="jabber:x:data" type="form">…</x>');
  assert.equal(oneLineStanza(long, 1000).length > 200, true);
});
