// core/snapshot.ts: the text "Accept received stanza" writes into a scenario.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptReceivedEdit, blockIndent, jidsToVariables, markVolatileValues, reindent } from '../../core/snapshot.js';
import { parseScenario } from '../../core/parser/index.js';

const known = {
  bare: { Romeo: 'romeo@localhost', Juliet: 'juliet@localhost', "Juliet's phone": 'juliet@localhost' },
  full: { Romeo: 'romeo@localhost/abc', Juliet: 'juliet@localhost/laptop', "Juliet's phone": 'juliet@localhost/laptop2' },
};

test('full JIDs become full-JID variables, the longest first', () => {
  assert.equal(
    jidsToVariables('<message from="juliet@localhost/laptop2" to="juliet@localhost/laptop"/>', known),
    `<message from="\${Juliet's phone's full JID}" to="\${Juliet's full JID}"/>`,
  );
});

test('bare JIDs become JID variables; the first character of a shared account names it', () => {
  assert.equal(jidsToVariables('<item jid="juliet@localhost"/>', known), `<item jid="\${Juliet's JID}"/>`);
  assert.equal(jidsToVariables('<body>romeo@localhost says hi</body>', known), `<body>\${Romeo's JID} says hi</body>`);
});

test('a bare JID followed by an unknown resource keeps the resource', () => {
  assert.equal(jidsToVariables('<presence from="romeo@localhost/other"/>', known), `<presence from="\${Romeo's JID}/other"/>`);
});

test('JIDs inside longer names are left alone', () => {
  const text = '<x a="xromeo@localhost" b="romeo@localhost.example" c="romeo@localhost/abcdef" d="room@conference.localhost/Romeo"/>';
  assert.equal(
    jidsToVariables(text, known),
    `<x a="xromeo@localhost" b="romeo@localhost.example" c="\${Romeo's JID}/abcdef" d="room@conference.localhost/Romeo"/>`,
  );
});

test('JIDs with regular-expression characters are matched literally', () => {
  const odd = { bare: { A: 'a+b@x.y' }, full: { A: 'a+b@x.y/(1)' } };
  assert.equal(jidsToVariables('<m to="a+b@x.y/(1)" from="aab@x.y"/>', odd), `<m to="\${A's full JID}" from="aab@x.y"/>`);
});

test('no known JIDs leaves the text as it is', () => {
  assert.equal(jidsToVariables('<presence from="a@b/c"/>', { bare: {}, full: {} }), '<presence from="a@b/c"/>');
});

test('delay stamps and server stanza ids become {scansion:any}; ids the scenario sent stay', () => {
  // As prettyStanza prints a received stanza (its attribute order).
  const text = [
    '<message id="m1">',
    '  <delay xmlns="urn:xmpp:delay" from="localhost" stamp="2026-01-01T00:00:00Z"/>',
    '  <stanza-id xmlns="urn:xmpp:sid:0" id="abc-123" by="room@conference.localhost"/>',
    '  <other xmlns="urn:example" stamp="kept"/>',
    '</message>',
  ].join('\n');
  assert.equal(
    markVolatileValues(text, { sentIds: new Set(['m1']) }),
    [
      '<message id="m1">',
      '  <delay xmlns="urn:xmpp:delay" from="localhost" stamp="{scansion:any}"/>',
      '  <stanza-id xmlns="urn:xmpp:sid:0" id="{scansion:any}" by="room@conference.localhost"/>',
      '  <other xmlns="urn:example" stamp="kept"/>',
      '</message>',
    ].join('\n'),
  );
});

test('reindent turns two-space levels into the block indentation', () => {
  assert.equal(reindent('<a>\n  <b>\n    <c/>\n  </b>\n</a>', { base: '\t', unit: '\t' }), '\t<a>\n\t\t<b>\n\t\t\t<c/>\n\t\t</b>\n\t</a>');
  assert.equal(reindent('<a>\n  <b/>\n</a>', { base: '    ', unit: '  ' }), '    <a>\n      <b/>\n    </a>');
});

test('blockIndent reads the base and the level unit from the block', () => {
  assert.deepEqual(blockIndent(['\t<a>', '\t\t<b/>', '\t</a>']), { base: '\t', unit: '\t' });
  assert.deepEqual(blockIndent(['    <a>', '        <b/>', '    </a>']), { base: '    ', unit: '    ' });
  assert.deepEqual(blockIndent(['  <a/>']), { base: '  ', unit: '  ' });
  assert.deepEqual(blockIndent(['\t<a/>']), { base: '\t', unit: '\t' });
});

const scenarioText = [
  '# Accept',
  '[Client] Romeo',
  '\tjid: romeo@localhost',
  '[Client] Juliet',
  '\tjid: juliet@localhost',
  '-----',
  'Juliet receives:',
  '\t<message from="${Romeo\'s full JID}" type="chat">',
  '\t\t<body>Good night</body>',
  '\t</message>',
  '',
  'Juliet disconnects',
  '',
].join('\n');

test('acceptReceivedEdit replaces exactly the expected block, with variables', () => {
  const scenario = parseScenario(scenarioText);
  const received = '<message type="chat" from="romeo@localhost/r1" to="juliet@localhost/j1">\n  <body>Hello</body>\n</message>';
  const edit = acceptReceivedEdit(scenario, 0, received, { Romeo: 'romeo@localhost/r1', Juliet: 'juliet@localhost/j1' });
  assert.ok(edit);
  assert.deepEqual(edit.range, { start: { line: 7, character: 0 }, end: { line: 9, character: 11 } });
  assert.equal(edit.newText, `\t<message type="chat" from="\${Romeo's full JID}" to="\${Juliet's full JID}">\n\t\t<body>Hello</body>\n\t</message>`);
  // Applied, the scenario parses cleanly and the step now expects what arrived.
  const lines = scenarioText.split('\n');
  const updated = [...lines.slice(0, 7), edit.newText, ...lines.slice(10)].join('\n');
  const reparsed = parseScenario(updated);
  assert.deepEqual(
    reparsed.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  assert.equal(reparsed.steps[0].block?.stanzas[0].attributes.find((a) => a.name === 'to')?.value, "${Juliet's full JID}");
});

test('acceptReceivedEdit refuses steps that are not receives with a block', () => {
  const scenario = parseScenario(scenarioText);
  assert.equal(acceptReceivedEdit(scenario, 1, '<a/>', {}), undefined);
  assert.equal(acceptReceivedEdit(scenario, 7, '<a/>', {}), undefined);
});

test('ids nobody sent, roster versions and entity time readings become {scansion:any}', () => {
  const push = '<iq type="set" id="push1">\n  <query xmlns="jabber:iq:roster" ver="7"/>\n</iq>';
  assert.equal(markVolatileValues(push), '<iq type="set" id="{scansion:any}">\n  <query xmlns="jabber:iq:roster" ver="{scansion:any}"/>\n</iq>');
  const time = '<iq type="result" id="t1">\n  <time xmlns="urn:xmpp:time">\n    <tzo>+00:00</tzo>\n    <utc>2026-01-01T00:00:00Z</utc>\n  </time>\n</iq>';
  assert.equal(
    markVolatileValues(time, { sentIds: new Set(['t1']) }),
    '<iq type="result" id="t1">\n  <time xmlns="urn:xmpp:time">\n    <tzo>{scansion:any}</tzo>\n    <utc>{scansion:any}</utc>\n  </time>\n</iq>',
  );
  assert.equal(markVolatileValues('not a stanza <'), 'not a stanza <');
});
