import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../core/parser/index.js';
import { SCANSION_NS, type XmlElement, type XmlText } from '../../core/model.js';
import { rangeOf, show } from './ranges.js';

const romeoAndJuliet = [
  '# Romeo meets Juliet',
  '# They exchange a message',
  '# in a room',
  '## slow',
  '## server: prosody',
  '',
  '[Client] Romeo',
  '\tjid: romeo@localhost',
  '\tpassword: password',
  '',
  "[Client] Juliet's phone",
  '\tjid: juliet@localhost',
  '\tresource: mobile',
  '',
  '---------',
  '',
  '# Both connect',
  'Romeo connects',
  "Juliet's phone connects",
  '',
  '// Romeo says hello',
  'Romeo sends:',
  "\t<message type='chat' to=\"${Juliet's phone's full JID}\">",
  "\t\t<body>Hello ${Romeo's JID}</body>",
  '\t</message>',
  '',
  "Juliet's phone receives",
  '    <message from="${Romeo\'s full JID}" id="{scansion:any}"/>',
  '',
  'Romeo receives: nothing',
  'Romeo disconnects',
  '',
].join('\n');

function parse(text: string) {
  return parseScenario(text);
}

function element(node: unknown): XmlElement {
  assert.equal((node as XmlElement).kind, 'element');
  return node as XmlElement;
}

test('metadata: title, description lines and tags with exact ranges', () => {
  const { metadata } = parse(romeoAndJuliet);
  assert.equal(metadata.title?.value, 'Romeo meets Juliet');
  assert.equal(show(metadata.title!.range), show(rangeOf(romeoAndJuliet, 'Romeo meets Juliet')));
  assert.deepEqual(
    metadata.description.map((line) => line.value),
    ['They exchange a message', 'in a room'],
  );
  assert.equal(show(metadata.description[1].range), show(rangeOf(romeoAndJuliet, 'in a room')));
  assert.deepEqual(
    metadata.tags.map((tag) => [tag.name.value, tag.value?.value]),
    [
      ['slow', undefined],
      ['server', 'prosody'],
    ],
  );
  assert.equal(show(metadata.tags[1].name.range), show(rangeOf(romeoAndJuliet, 'server')));
  assert.equal(show(metadata.tags[1].value!.range), show(rangeOf(romeoAndJuliet, 'prosody')));
  assert.equal(show(metadata.tags[1].range), show(rangeOf(romeoAndJuliet, '## server: prosody')));
});

test('comments after the metadata are not metadata', () => {
  const text = '# Title\n[Client] A\n\tjid: a@localhost\n-----\n# not a description\nA connects\n';
  const scenario = parse(text);
  assert.equal(scenario.metadata.title?.value, 'Title');
  assert.deepEqual(scenario.metadata.description, []);
  assert.deepEqual(
    scenario.comments.map((comment) => comment.text),
    ['Title', 'not a description'],
  );
});

test('characters: class, name with apostrophe and space, properties, ranges', () => {
  const scenario = parse(romeoAndJuliet);
  assert.deepEqual(
    scenario.characters.map((character) => character.name.value),
    ['Romeo', "Juliet's phone"],
  );
  const phone = scenario.characters[1];
  assert.equal(phone.className.value, 'Client');
  assert.equal(show(phone.className.range), show(rangeOf(romeoAndJuliet, 'Client', 1)));
  assert.equal(show(phone.name.range), show(rangeOf(romeoAndJuliet, "Juliet's phone")));
  assert.equal(show(phone.headerRange), show(rangeOf(romeoAndJuliet, "[Client] Juliet's phone")));
  assert.deepEqual(
    phone.properties.map((property) => [property.key.value, property.value.value]),
    [
      ['jid', 'juliet@localhost'],
      ['resource', 'mobile'],
    ],
  );
  assert.equal(show(phone.properties[1].key.range), show(rangeOf(romeoAndJuliet, 'resource')));
  assert.equal(show(phone.properties[1].value.range), show(rangeOf(romeoAndJuliet, 'mobile')));
  assert.equal(show(phone.properties[1].range), show(rangeOf(romeoAndJuliet, 'resource: mobile')));
  // The definition runs from the header to its last property.
  assert.equal(show(phone.range), `${phone.headerRange.start.line}:0-12:17`);
});

test('comment lines inside a definition leave it open', () => {
  const text = '[Client] Romeo\n# his account\n\tjid: romeo@localhost\n// and password\n\tpassword: x\n-----\nRomeo connects\n';
  const scenario = parse(text);
  assert.deepEqual(
    scenario.characters[0].properties.map((property) => property.key.value),
    ['jid', 'password'],
  );
  assert.deepEqual(scenario.diagnostics, []);
  assert.equal(show(scenario.characters[0].range), '0:0-4:12');
});

test('separator: three or more dashes', () => {
  assert.equal(show(parse(romeoAndJuliet).separator!), show(rangeOf(romeoAndJuliet, '---------')));
  assert.equal(parse('[Client] A\n\tjid: a@b\n---\nA connects\n').separator?.start.line, 2);
  assert.equal(parse('[Client] A\n\tjid: a@b\n--\nA connects\n').separator, undefined);
});

test('actions: every verb, with and without colon, receives: nothing', () => {
  const { steps } = parse(romeoAndJuliet);
  assert.deepEqual(
    steps.map((step) => [step.index, step.character.value, step.verb.value, step.nothing]),
    [
      [0, 'Romeo', 'connects', false],
      [1, "Juliet's phone", 'connects', false],
      [2, 'Romeo', 'sends', false],
      [3, "Juliet's phone", 'receives', false],
      [4, 'Romeo', 'receives', true],
      [5, 'Romeo', 'disconnects', false],
    ],
  );
  const receives = steps[3];
  assert.equal(show(receives.character.range), show(rangeOf(romeoAndJuliet, "Juliet's phone", 3)));
  assert.equal(show(receives.verb.range), show(rangeOf(romeoAndJuliet, 'receives')));
  assert.equal(show(receives.actionRange), show(rangeOf(romeoAndJuliet, "Juliet's phone receives")));
  assert.ok(receives.block, 'a block without the colon is still a block');
  assert.equal(steps[4].block, undefined);
  assert.equal(show(steps[4].verb.range), show(rangeOf(romeoAndJuliet, 'receives', 1)));
});

test('a comment heads only the step right below it', () => {
  const { steps } = parse(romeoAndJuliet);
  assert.deepEqual(
    steps.map((step) => step.heading),
    ['Both connect', undefined, 'Romeo says hello', undefined, undefined, undefined],
  );
});

test('a block runs over blank lines up to the next non-indented line; step range covers it', () => {
  const text = '[Client] A\n\tjid: a@b\n-----\nA connects\nA sends:\n\t<message>\n\n\t\t<body>x</body>\n\n\t</message>\n\nA disconnects\n';
  const step = parse(text).steps[1];
  assert.equal(show(step.block!.range), '5:0-9:11');
  assert.equal(show(step.range), '4:0-9:11');
  assert.equal(step.block!.stanzas.length, 1);
  assert.equal(show(step.block!.stanzas[0].range), show({ start: rangeOf(text, '<message>').start, end: rangeOf(text, '</message>').end }));
});

test('blocks indented with spaces work like tabs', () => {
  const scenario = parse(romeoAndJuliet);
  const stanza = scenario.steps[3].block!.stanzas[0];
  assert.equal(stanza.name, 'message');
  assert.equal(show(stanza.range), show(rangeOf(romeoAndJuliet, '<message from="${Romeo\'s full JID}" id="{scansion:any}"/>')));
  assert.equal(scenario.diagnostics.length, 0);
});

test('comments: //, -- and commented-out steps are comments, not steps', () => {
  const text = [
    '[Client] A',
    '\tjid: a@b',
    '// a note',
    '-----',
    'A connects',
    '-- A sends:',
    '-- \t<iq type="set"/>',
    '--',
    '// vim: syntax=xml:',
    'A disconnects',
    '',
  ].join('\n');
  const scenario = parse(text);
  assert.deepEqual(
    scenario.steps.map((step) => step.verb.value),
    ['connects', 'disconnects'],
  );
  assert.deepEqual(
    scenario.comments.map((comment) => [comment.marker, comment.text]),
    [
      ['//', 'a note'],
      ['--', 'A sends:'],
      ['--', '<iq type="set"/>'],
      ['--', ''],
      ['//', 'vim: syntax=xml:'],
    ],
  );
  assert.equal(show(scenario.comments[2].range), show(rangeOf(text, '-- \t<iq type="set"/>')));
  assert.equal(scenario.diagnostics.length, 0);
});

test('XML: element names, attributes and their exact ranges', () => {
  const scenario = parse(romeoAndJuliet);
  const message = scenario.steps[2].block!.stanzas[0];
  assert.equal(show(message.nameRange), show(rangeOf(romeoAndJuliet, 'message', 1)));
  assert.deepEqual(
    message.attributes.map((attribute) => [attribute.name, attribute.value]),
    [
      ['type', 'chat'],
      ['to', "${Juliet's phone's full JID}"],
    ],
  );
  const to = message.attributes[1];
  assert.equal(
    show(to.nameRange),
    show(rangeOf(romeoAndJuliet, 'to=')).replace(/-(\d+):(\d+)$/, (_, l, c) => `-${l}:${Number(c) - 1}`),
  );
  assert.equal(show(to.valueRange), show(rangeOf(romeoAndJuliet, "${Juliet's phone's full JID}")));
  const type = message.attributes[0];
  assert.equal(show(type.valueRange), show(rangeOf(romeoAndJuliet, 'chat')));
  const body = element(message.children[0]);
  assert.equal(body.name, 'body');
  assert.equal(show(body.range), show(rangeOf(romeoAndJuliet, "<body>Hello ${Romeo's JID}</body>")));
  const text = body.children[0] as XmlText;
  assert.equal(text.kind, 'text');
  assert.equal(text.text, "Hello ${Romeo's JID}");
  assert.equal(show(text.range), show(rangeOf(romeoAndJuliet, "Hello ${Romeo's JID}")));
});

test('XML: whitespace between lines is layout, not text nodes; entities are decoded', () => {
  const text = '[Client] A\n\tjid: a@b\n-----\nA sends:\n\t<message>\n\t\t<body>a &amp; b &lt;c&gt; &#x1F916;</body>\n\t</message>\n';
  const message = parse(text).steps[0].block!.stanzas[0];
  assert.equal(message.children.length, 1);
  const body = element(message.children[0]);
  assert.equal((body.children[0] as XmlText).text, 'a & b <c> 🤖');
});

test('XML: namespaces default to jabber:client, are inherited, and prefixes resolve', () => {
  const text = [
    '[Client] A',
    '\tjid: a@b',
    '-----',
    'A sends:',
    '\t<iq type="get">',
    '\t\t<query xmlns="jabber:iq:roster"><item jid="x@y"/></query>',
    '\t\t<p:pubsub xmlns:p="http://jabber.org/protocol/pubsub"><p:items node="n"/></p:pubsub>',
    '\t</iq>',
  ].join('\n');
  const iq = parse(text).steps[0].block!.stanzas[0];
  assert.equal(iq.ns, 'jabber:client');
  const query = element(iq.children[0]);
  assert.equal(query.ns, 'jabber:iq:roster');
  assert.equal(element(query.children[0]).ns, 'jabber:iq:roster');
  const pubsub = element(iq.children[1]);
  assert.deepEqual([pubsub.prefix, pubsub.local, pubsub.ns], ['p', 'pubsub', 'http://jabber.org/protocol/pubsub']);
  assert.equal(element(pubsub.children[0]).ns, 'http://jabber.org/protocol/pubsub');
  assert.equal(show(pubsub.nameRange), show(rangeOf(text, 'p:pubsub')));
});

test('XML: the undeclared scansion: prefix, scansion:strict and {scansion:...} values', () => {
  const text = [
    '[Client] A',
    '\tjid: a@b',
    '-----',
    'A receives:',
    '\t<presence id="{scansion:any}">',
    '\t\t<x xmlns="http://jabber.org/protocol/muc#user" scansion:strict="true"/>',
    '\t\t<y xmlns="urn:y" scansion:strict="false" code="{scansion:capture:code}"/>',
    '\t</presence>',
  ].join('\n');
  const scenario = parse(text);
  assert.deepEqual(scenario.diagnostics, []);
  const presence = scenario.steps[0].block!.stanzas[0];
  assert.equal(presence.attributes[0].value, '{scansion:any}');
  assert.equal(presence.strict, undefined);
  const x = element(presence.children[0]);
  assert.equal(x.strict, true);
  const strict = x.attributes.find((attribute) => attribute.local === 'strict')!;
  assert.deepEqual([strict.prefix, strict.ns], ['scansion', SCANSION_NS]);
  assert.equal(show(strict.nameRange), show(rangeOf(text, 'scansion:strict')));
  const y = element(presence.children[1]);
  assert.equal(y.strict, false);
  assert.equal(y.attributes[2].value, '{scansion:capture:code}');
});

test('XML: several stanzas in one block are kept in order', () => {
  const text = '[Client] A\n\tjid: a@b\n-----\nA sends:\n\t<presence/>\n\n\t<message to="b@c"/>\n';
  const stanzas = parse(text).steps[0].block!.stanzas;
  assert.deepEqual(
    stanzas.map((stanza) => stanza.name),
    ['presence', 'message'],
  );
  assert.equal(show(stanzas[1].range), show(rangeOf(text, '<message to="b@c"/>')));
});

test('variables: ranges of the whole variable and of the character name', () => {
  const scenario = parse(romeoAndJuliet);
  const to = scenario.steps[2].block!.stanzas[0].attributes[1];
  assert.equal(to.variables.length, 1);
  const variable = to.variables[0];
  assert.equal(variable.raw, "${Juliet's phone's full JID}");
  assert.equal(variable.form, 'full JID');
  assert.equal(variable.character?.value, "Juliet's phone");
  assert.equal(show(variable.range), show(rangeOf(romeoAndJuliet, "${Juliet's phone's full JID}")));
  assert.equal(show(variable.character!.range), show(rangeOf(romeoAndJuliet, "Juliet's phone", 2)));
  const text = element(scenario.steps[2].block!.stanzas[0].children[0]).children[0] as XmlText;
  assert.equal(text.variables[0].form, 'JID');
  assert.equal(show(text.variables[0].character!.range), show(rangeOf(romeoAndJuliet, 'Romeo', 5)));
});

test('UTF-16 columns: a non-BMP character counts as two units', () => {
  const text = '[Client] A\n\tjid: a@b\n-----\nA sends:\n\t<presence to="r@c/🤖🤖"><status>🤖 ${A\'s JID}</status></presence>\n';
  const presence = parse(text).steps[0].block!.stanzas[0];
  // `\t<presence to="r@c/` is 19 units, each robot 2.
  assert.equal(show(presence.attributes[0].valueRange), '4:15-4:23');
  const status = element(presence.children[0]);
  assert.equal(show(status.nameRange), '4:26-4:32');
  const text2 = status.children[0] as XmlText;
  assert.equal(show(text2.variables[0].range), '4:36-4:46');
  assert.equal(show(text2.variables[0].character!.range), '4:38-4:39');
});

test('XML errors are reported where they are, and parsing goes on', () => {
  const text = [
    '[Client] A',
    '\tjid: a@b',
    '-----',
    'A sends:',
    '\t<message><body>hi</bdy></message>',
    'A sends:',
    '\t<presence/>',
    'A receives:',
    '\t<iq type=result/>',
  ].join('\n');
  const scenario = parse(text);
  assert.deepEqual(
    scenario.diagnostics.map((item) => [item.code, show(item.range)]),
    [
      ['xml-mismatched-tag', show(rangeOf(text, 'bdy'))],
      ['xml-unquoted-attribute', show(rangeOf(text, 'result'))],
    ],
  );
  assert.equal(scenario.steps[1].block!.stanzas[0].name, 'presence');
  assert.equal(scenario.steps[2].block!.stanzas[0].name, 'iq');
});

test('CRLF and lone CR line endings give LSP positions', () => {
  const text = '[Client] A\r\n\tjid: a@b\r\n-----\r\nA connects\rA sends:\r\n\t<presence/>\r\n';
  const scenario = parse(text);
  assert.deepEqual(
    scenario.steps.map((step) => [step.verb.value, step.actionRange.start.line]),
    [
      ['connects', 3],
      ['sends', 4],
    ],
  );
  assert.equal(show(scenario.steps[1].block!.stanzas[0].range), '5:1-5:12');
  assert.equal(show(scenario.characters[0].properties[0].value.range), '1:6-1:9');
  assert.deepEqual(scenario.diagnostics, []);
});

test('never throws: empty, blank, header only, binary, unterminated things', () => {
  const inputs = [
    '',
    '\n\n\n',
    '[Client] Romeo',
    '[',
    '-----',
    'A sends:\n\t<',
    'A sends:\n\t<a b="',
    '\u0000\u0001\uFFFF\uD800',
    'A sends:\n\t<a>&',
    'A sends:\n\t<![CDATA[',
    '\t\t\t',
  ];
  for (const input of inputs) {
    const scenario = parse(input);
    assert.equal(scenario.text, input);
  }
});

test('an action line names the longest defined character', () => {
  const text = "[Client] Juliet\n\tjid: j@b\n[Client] Juliet's phone\n\tjid: j@b\n-----\nJuliet's phone connects\nJuliet connects\n";
  assert.deepEqual(
    parse(text).steps.map((step) => step.character.value),
    ["Juliet's phone", 'Juliet'],
  );
});

test('an action line names the longest defined character, with few or many characters defined', () => {
  // Past 16 defined names, action.ts looks candidates up instead of comparing each name: same reading.
  const juliets = "[Client] Juliet\n\tjid: j@b\n[Client] Juliet's phone\n\tjid: j@b\n[Client] Nurse 1\n\tjid: n@b\n";
  const nurses = Array.from({ length: 20 }, (_, i) => `[Client] Nurse ${i + 10}\n\tjid: n${i}@b\n`).join('');
  const steps = "-----\nJuliet's phone connects\nJuliet connects\nJuliet's  phone sends:\nNurse 12 receives: nothing\nNurse 1  connects\n";
  for (const defined of [juliets, `${nurses}${juliets}`]) {
    assert.deepEqual(
      parse(`${defined}${steps}`).steps.map((step) => [
        step.character.value,
        step.verb.value,
        step.character.range.end.character,
        step.verb.range.start.character,
      ]),
      [
        ["Juliet's phone", 'connects', 14, 15],
        ['Juliet', 'connects', 6, 7],
        ["Juliet's  phone", 'sends', 15, 16],
        ['Nurse 12', 'receives', 8, 9],
        ['Nurse 1', 'connects', 7, 9],
      ],
    );
  }
});
