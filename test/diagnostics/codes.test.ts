// One test per diagnostic code: a small scenario with the problem, and the exact range expected,
// marked in the text with « and ».

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../core/parser/index.js';
import { diagnose, codes, type Code } from '../../core/diagnostics/index.js';
import type { Range } from '../../core/model.js';
import { show } from '../parser/ranges.js';

const romeo = '[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n';

/** A scenario with Romeo defined, the given actions after the separator, and Romeo connected. */
function acting(actions: string): string {
  return `# Test\n\n${romeo}\n-----\n\nRomeo connects\n${actions}\nRomeo disconnects\n`;
}

/** A scenario with the given definitions and Romeo connecting and disconnecting. */
function defining(definitions: string): string {
  return `# Test\n\n${definitions}\n-----\n\nRomeo connects\nRomeo disconnects\n`;
}

/** Strips the « » markers and returns the text and the marked range. */
function marked(source: string): { text: string; range: Range } {
  const open = source.indexOf('«');
  const close = source.indexOf('»');
  assert.ok(open !== -1 && close > open, 'case must mark its range with « and »');
  const text = source.slice(0, open) + source.slice(open + 1, close) + source.slice(close + 1);
  const position = (offset: number) => {
    const lines = text.slice(0, offset).split('\n');
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
  };
  return { text, range: { start: position(open), end: position(close - 1) } };
}

interface Case {
  code: Code;
  source: string;
  /** Other errors and warnings the case cannot avoid. */
  also?: Code[];
  data?: Record<string, unknown>;
}

const cases: Case[] = [
  { code: 'xml-mismatched-tag', source: acting('Romeo sends:\n\t<message><body>hi</«bdy»></message>') },
  { code: 'xml-unclosed-tag', source: acting('Romeo sends:\n\t<«message»>\n\t\t<body>hi</body>') },
  { code: 'xml-unquoted-attribute', source: acting('Romeo sends:\n\t<message type=«chat»/>') },
  { code: 'xml-bad-entity', source: acting('Romeo sends:\n\t<message><body>a «&foo;» b</body></message>') },
  { code: 'xml-unbound-prefix', source: acting('Romeo sends:\n\t<message><«zz»:x/></message>') },
  { code: 'xml-duplicate-attribute', source: acting('Romeo sends:\n\t<message id="1" «id»="2"/>') },
  { code: 'xml-text-outside-stanza', source: acting('Romeo sends:\n\t«stray text»\n\t<presence/>') },
  { code: 'xml-syntax', source: acting('Romeo sends:\n\t<presence «$»/>') },
  { code: 'xml-too-deep', source: acting(`Romeo sends:\n\t${'<a>'.repeat(256)}<«b»>${'</a>'.repeat(256)}`) },
  { code: 'invalid-strict-value', source: acting('Romeo receives:\n\t<message scansion:strict="«yes»"/>') },
  { code: 'empty-block', source: acting('«Romeo sends:»') },
  { code: 'several-stanzas', source: acting('Romeo sends:\n\t<presence/>\n\n\t«<message to="juliet@localhost"/>»') },
  { code: 'unknown-verb', source: acting('Romeo «sennds»:\n\t<presence/>'), data: { verb: 'sennds', character: 'Romeo', suggestion: 'sends' } },
  { code: 'missing-verb', source: acting('«Romeo»') },
  { code: 'missing-character-name', source: acting('«sends»:\n\t<presence/>') },
  { code: 'unexpected-text', source: acting('Romeo receives: «anything»\n\t<presence/>') },
  { code: 'stanza-on-action-line', source: acting('Romeo receives: «<presence/>»') },
  { code: 'stanza-on-action-line', source: acting('Romeo sends «<message to="juliet@localhost"><body>hi</body></message>»') },
  { code: 'unexpected-block', source: acting('Romeo receives: nothing\n«\t<presence/>»') },
  { code: 'unexpected-indent', source: `${romeo}-----\n«\t<presence/>»\nRomeo connects\n` },
  {
    code: 'unindented-continuation',
    source: acting('Romeo sends:\n\t<message to="juliet@localhost">\n\t\t<body>O Romeo,\n«wherefore</body>»\n\t</message>'),
    data: { indent: '\t', lines: [12], joinable: true },
  },
  { code: 'undefined-character', source: acting('«Tybalt» connects'), data: { name: 'Tybalt' } },
  { code: 'action-before-separator', source: `${romeo}«Romeo connects»\n-----\nRomeo disconnects\n` },
  { code: 'definition-after-separator', source: `${romeo}-----\nRomeo connects\n«[Client] Nurse»\n\tjid: nurse@localhost\nNurse connects\n` },
  { code: 'missing-separator', source: `${romeo}«Romeo connects»\n` },
  { code: 'not-connected', source: `${romeo}-----\n«Romeo» sends:\n\t<presence/>\n` },
  { code: 'sent-after-disconnect', source: `${romeo}-----\nRomeo connects\nRomeo disconnects\n«Romeo sends:»\n\t<presence type="unavailable"/>\n` },
  { code: 'already-disconnected', source: `${romeo}-----\nRomeo connects\nRomeo disconnects\n«Romeo disconnects»\n` },
  { code: 'variable-undefined-character', source: acting('Romeo sends:\n\t<message to="${«Tybalt»\'s JID}"/>'), data: { name: 'Tybalt' } },
  {
    code: 'variable-undefined-character',
    source: acting('Romeo sends:\n\t<message to="${«Romoe»\'s JID}"/>'),
    data: { name: 'Romoe', suggestion: "${Romeo's JID}" },
  },
  { code: 'variable-unknown-form', source: acting("Romeo sends:\n\t<message>«${Romeo's bare JID}»</message>"), data: { suggestion: "${Romeo's JID}" } },
  { code: 'variable-literal', source: acting('Romeo sends:\n\t<message><body>cd «${HOME}»</body></message>') },
  { code: 'duplicate-character', source: defining(`${romeo}[Client] «Romeo»\n\tjid: other@localhost\n`) },
  { code: 'unknown-class', source: defining('[«Bot»] Romeo\n\tjid: romeo@localhost\n') },
  { code: 'malformed-header', source: defining(`${romeo}«[Client Nurse»\n`) },
  { code: 'property-syntax', source: defining('[Client] Romeo\n\tjid: romeo@localhost\n\t«password»\n') },
  { code: 'unknown-property', source: defining('[Client] Romeo\n\tjid: romeo@localhost\n\t«pasword»: password\n') },
  { code: 'missing-jid', source: defining('[Client] «Romeo»\n\tpassword: password\n') },
  { code: 'invalid-jid', source: defining('[Client] Romeo\n\tjid: «romeo@»\n') },
  { code: 'duplicate-property', source: defining(`${romeo}\t«password»: other\n`) },
  { code: 'unused-character', source: defining(`${romeo}[Client] «Nurse»\n\tjid: nurse@localhost\n`) },
  {
    // 1,001 unused characters: 1,000 hints listed, then one saying that 1 more is not.
    code: 'too-many-diagnostics',
    source: defining(
      `${romeo}${Array.from({ length: 1001 }, (_, i) => `[Client] ${i === 1000 ? '«Nurse1000»' : `Nurse${i}`}\n\tjid: nurse${i}@localhost\n`).join('')}`,
    ),
    data: { omitted: { error: 0, warning: 0, information: 0, hint: 1 } },
  },
  { code: 'mixed-indentation', source: defining('[Client] Romeo\n\tjid: romeo@localhost\n«    »password: password\n') },
  // The file as a whole, on its first line: an empty file, definitions alone.
  { code: 'no-steps', source: '«»' },
  { code: 'no-steps', source: `«# Only a title»\r\n\n${romeo}-----\n# steps to come\n` },
];

for (const { code, source, also = [], data } of cases) {
  test(`${code}: reported at its exact range`, () => {
    const { text, range } = marked(source);
    const diagnostics = diagnose(parseScenario(text));
    const mine = diagnostics.filter((item) => item.code === code);
    assert.deepEqual(
      mine.map((item) => show(item.range)),
      [show(range)],
      `${code} in:\n${text}\ngot: ${JSON.stringify(diagnostics, null, 1)}`,
    );
    assert.equal(mine[0].severity, codes[code].severity);
    assert.ok(mine[0].message.length > 10, 'the message explains the problem');
    const others = diagnostics.filter((item) => item.code !== code && (item.severity === 'error' || item.severity === 'warning'));
    assert.deepEqual(
      others.map((item) => item.code),
      also,
      `unexpected other diagnostics in:\n${text}`,
    );
    if (data) assert.deepEqual(mine[0].data, data);
  });
}

test('missing-character-name: a header without a name', () => {
  const { text, range } = marked(defining(`${romeo}«[Client]»\n\tjid: nurse@localhost\n`));
  const diagnostics = diagnose(parseScenario(text)).filter((item) => item.code === 'missing-character-name');
  assert.deepEqual(
    diagnostics.map((item) => show(item.range)),
    [show(range)],
  );
});

test('xml-bad-entity: a bare & is reported at the & and does not swallow the block', () => {
  const { text, range } = marked(acting('Romeo sends:\n\t<message><body>salt «&» pepper</body></message>'));
  const scenario = parseScenario(text);
  assert.deepEqual(
    diagnose(scenario).map((item) => [item.code, show(item.range)]),
    [['xml-bad-entity', show(range)]],
  );
  assert.equal(scenario.steps[1].block!.stanzas[0].children.length, 1);
});

test('xml-syntax: a closing tag left without a name is one diagnostic at its `</`, and the next tag parses', () => {
  const { text, range } = marked(acting('Romeo sends:\n\t<message>\n\t\t«</»\n\t\t<body>hello</body>\n\t</message>'));
  const scenario = parseScenario(text);
  assert.deepEqual(
    diagnose(scenario).map((item) => [item.code, show(item.range)]),
    [['xml-syntax', show(range)]],
  );
  const body = scenario.steps[1].block!.stanzas[0].children[0];
  assert.equal(body.kind === 'element' && body.name, 'body');
});

test('xml-syntax: text after the name of a closing tag is one diagnostic over that text', () => {
  const { text, range } = marked(acting('Romeo sends:\n\t<message>\n\t\t<body>hello</body «foo bar» >\n\t</message>'));
  assert.deepEqual(
    diagnose(parseScenario(text)).map((item) => [item.code, show(item.range)]),
    [['xml-syntax', show(range)]],
  );
});

test('a `</` inside a CDATA section or a comment is content, not a closing tag', () => {
  const text = acting('Romeo sends:\n\t<message><body><![CDATA[ </\n\t]]></body><!-- </ --></message>');
  assert.deepEqual(diagnose(parseScenario(text)), []);
});

test('text after `sends:` with no block below is one error at the text, not also an empty block', () => {
  const { text, range } = marked(acting('Romeo sends: «hello»'));
  assert.deepEqual(
    diagnose(parseScenario(text)).map((item) => [item.code, show(item.range)]),
    [['unexpected-text', show(range)]],
  );
  assert.deepEqual(
    diagnose(parseScenario(acting('Romeo sends:'))).map((item) => item.code),
    ['empty-block'],
    'the colon alone is no text',
  );
  assert.deepEqual(
    diagnose(parseScenario(acting('Romeo sends'))).map((item) => item.code),
    ['empty-block'],
    'nor is nothing after the verb',
  );
});

test('a stanza on the action line above a block of its own is one error at the stanza', () => {
  const { text, range } = marked(acting('Romeo sends: «<presence/>»\n\t<message to="juliet@localhost"/>'));
  assert.deepEqual(
    diagnose(parseScenario(text)).map((item) => [item.code, show(item.range)]),
    [['stanza-on-action-line', show(range)]],
  );
});

test('several errors in one file are all reported', () => {
  const text = acting('Romeo sends:\n\t<message type=chat/>\nTybalt connects\nRomeo sennds:\n\t<presence/>\nRomeo sends:\n\t<iq></query></iq>');
  assert.deepEqual(
    diagnose(parseScenario(text)).map((item) => item.code),
    ['xml-unquoted-attribute', 'undefined-character', 'unknown-verb', 'xml-mismatched-tag'],
  );
});

test('every code in the table has a test above', () => {
  const tested = new Set(cases.map((entry) => entry.code));
  assert.deepEqual(
    Object.keys(codes).filter((code) => !tested.has(code as Code)),
    [],
  );
});

test('diagnostics are sorted by position', () => {
  const text = defining('[Bot] Romeo\n\tjid: romeo@\n\tcolour: red\n');
  const positions = diagnose(parseScenario(text)).map((item) => item.range.start.line * 1000 + item.range.start.character);
  assert.deepEqual(
    positions,
    [...positions].sort((a, b) => a - b),
  );
  assert.equal(positions.length, 3);
});
