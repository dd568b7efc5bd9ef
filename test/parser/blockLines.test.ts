// Which lines belong to a block: comment lines inside it (skipped, the block goes on) and lines at
// column 0 that continue an open stanza (taken in, reported once). SCANSION.md section 1.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseScenario } from '../../core/parser/index.js';
import { diagnose } from '../../core/diagnostics/index.js';
import type { Scenario, XmlElement } from '../../core/model.js';
import { rangeOf, show } from './ranges.js';

const cases = resolve(import.meta.dirname, '../../../shared/cases');
const head = '[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n\n-----\n\nRomeo connects\n';

function scenario(actions: string): string {
  return `${head}${actions}`;
}

function codes(parsed: Scenario): string[] {
  return diagnose(parsed).map((item) => item.code);
}

function child(element: XmlElement, index: number): XmlElement {
  const node = element.children[index];
  assert.equal(node?.kind, 'element');
  return node as XmlElement;
}

function bodyText(stanza: XmlElement): string {
  const body = stanza.children.find((node): node is XmlElement => node.kind === 'element' && node.local === 'body');
  const text = body?.children[0];
  assert.equal(text?.kind, 'text');
  return text.kind === 'text' ? text.text : '';
}

// Comment lines inside blocks

test('cases/comment_line_inside_block.scs: the comment line between `receives:` and its stanza is skipped', (t) => {
  let text: string;
  try {
    text = readFileSync(resolve(cases, 'comment_line_inside_block.scs'), 'utf8');
  } catch {
    t.skip(`no ${cases}`);
    return;
  }
  const parsed = parseScenario(text);
  assert.deepEqual(diagnose(parsed), []);
  assert.deepEqual(
    parsed.steps.map((step) => step.verb.value),
    ['connects', 'sends', 'receives', 'disconnects'],
  );
  const receives = parsed.steps[2];
  const expected = '\t<iq type="result" id="ping1" from="localhost"/>';
  assert.equal(show(receives.block!.range), show(rangeOf(text, expected)).replace(/^(\d+):1/, '$1:0'));
  assert.equal(show(receives.range), show({ start: rangeOf(text, 'Romeo receives:').start, end: rangeOf(text, expected).end }));
  const [stanza] = receives.block!.stanzas;
  assert.deepEqual(
    stanza.attributes.map((attribute) => [attribute.name, attribute.value]),
    [
      ['type', 'result'],
      ['id', 'ping1'],
      ['from', 'localhost'],
    ],
  );
  assert.equal(receives.block!.stanzas.length, 1);
  const comment = parsed.comments.at(-1)!;
  assert.equal(comment.text, '<iq type="error" id="ping1"/>');
  assert.equal(show(comment.range), show(rangeOf(text, '#\t<iq type="error" id="ping1"/>')));
  // A comment inside a step introduces no later step.
  assert.equal(parsed.steps[3].heading, undefined);
});

test('#, // and -- lines between two lines of one stanza are skipped; the block goes on after them', () => {
  const text = scenario(
    'Romeo sends:\n\t<message\n# the address\n\t\tto="juliet@localhost">\n// the text\n\n\t\t<body>hi</body>\n-- \t<subject>old</subject>\n\t</message>\n\nRomeo disconnects\n',
  );
  const parsed = parseScenario(text);
  assert.deepEqual(diagnose(parsed), []);
  const sends = parsed.steps[1];
  assert.equal(show(sends.block!.range), show({ start: { line: 8, character: 0 }, end: rangeOf(text, '\t</message>').end }));
  const [message] = sends.block!.stanzas;
  assert.deepEqual(
    message.attributes.map((attribute) => [attribute.name, attribute.value]),
    [['to', 'juliet@localhost']],
  );
  assert.deepEqual(
    message.children.filter((node) => node.kind === 'element').map((node) => (node as XmlElement).name),
    ['body'],
  );
  assert.equal(bodyText(message), 'hi');
  assert.equal(show(message.range), show({ start: rangeOf(text, '<message').start, end: rangeOf(text, '</message>').end }));
  assert.deepEqual(
    parsed.comments.map((comment) => [comment.marker, comment.text]),
    [
      ['#', 'the address'],
      ['//', 'the text'],
      ['--', '<subject>old</subject>'],
    ],
  );
  assert.deepEqual(
    parsed.steps.map((step) => step.verb.value),
    ['connects', 'sends', 'disconnects'],
  );
  assert.equal(parsed.steps[2].heading, undefined, 'comments inside a block are no heading');
});

test('a comment line after a block, before the next step, is not part of the block and heads that step', () => {
  const text = scenario('Romeo sends:\n\t<presence/>\n# Romeo leaves\nRomeo disconnects\n');
  const parsed = parseScenario(text);
  assert.equal(show(parsed.steps[1].range), show({ start: rangeOf(text, 'Romeo sends:').start, end: rangeOf(text, '\t<presence/>').end }));
  assert.equal(parsed.steps[2].heading, 'Romeo leaves');
  assert.deepEqual(diagnose(parsed), []);
});

test('indented lines after a comment line that follows a block still belong to it', () => {
  const text = scenario('Romeo sends:\n\t<presence/>\n# and then\n\t<presence type="unavailable"/>\nRomeo disconnects\n');
  const parsed = parseScenario(text);
  assert.equal(parsed.steps[1].block!.stanzas.length, 2);
  assert.deepEqual(codes(parsed), ['several-stanzas']);
});

test('the separator is no comment: it ends a block', () => {
  const text = '[Client] Romeo\n\tjid: romeo@localhost\nRomeo sends:\n\t<presence/>\n-----\n\t<presence/>\n';
  const parsed = parseScenario(text);
  assert.equal(parsed.steps[0].block!.range.end.line, 3);
  assert.ok(codes(parsed).includes('unexpected-indent'));
});

test('a comment line and indented lines after a step that takes no block are still one stray block', () => {
  const text = scenario('# note\n\t<presence/>\nRomeo disconnects\n');
  const parsed = parseScenario(text);
  assert.deepEqual(codes(parsed), ['unexpected-block']);
  assert.equal(parsed.comments.at(-1)!.text, 'note');
});

// Lines at column 0 that continue an open stanza

test('cases/unindented_text_continuation.scs: one error, at the unindented line, naming the step', (t) => {
  let text: string;
  try {
    text = readFileSync(resolve(cases, 'unindented_text_continuation.scs'), 'utf8');
  } catch {
    t.skip(`no ${cases}`);
    return;
  }
  const parsed = parseScenario(text);
  const diagnostics = diagnose(parsed);
  assert.deepEqual(
    diagnostics.map((item) => [item.code, item.severity, show(item.range)]),
    [['unindented-continuation', 'error', show(rangeOf(text, 'Wherefore art thou Romeo?</body>'))]],
  );
  assert.match(diagnostics[0].message, /stanza of the step at line 11 continues on an unindented line/);
  assert.deepEqual(diagnostics[0].data, { indent: '\t', lines: [13], joinable: true });
  assert.deepEqual(
    parsed.steps.map((step) => step.verb.value),
    ['connects', 'sends', 'disconnects'],
  );
  const sends = parsed.steps[1];
  assert.equal(show(sends.block!.range), show({ start: { line: 11, character: 0 }, end: rangeOf(text, '\t</message>').end }));
  assert.equal(bodyText(sends.block!.stanzas[0]), 'O Romeo, Romeo!\nWherefore art thou Romeo?');
});

test('several unindented lines in a row (blank lines among them) are one error over them all', () => {
  const text = scenario('Romeo sends:\n\t<message><body>one\ntwo\n\nthree</body>\n\t</message>\nRomeo disconnects\n');
  const parsed = parseScenario(text);
  const diagnostics = diagnose(parsed);
  assert.deepEqual(
    diagnostics.map((item) => [item.code, show(item.range)]),
    [['unindented-continuation', show({ start: rangeOf(text, 'two').start, end: rangeOf(text, 'three</body>').end })]],
  );
  assert.match(diagnostics[0].message, /continues on 2 unindented lines/);
  assert.deepEqual(diagnostics[0].data, { indent: '\t', lines: [9, 11], joinable: true });
  assert.equal(bodyText(parsed.steps[1].block!.stanzas[0]), 'one\ntwo\n\nthree');
});

test('unindented lines in two places of one stanza are one error each', () => {
  const text = scenario('Romeo sends:\n\t<message><body>one\ntwo</body>\n\t<subject>three\nfour</subject></message>\nRomeo disconnects\n');
  const diagnostics = diagnose(parseScenario(text));
  assert.deepEqual(
    diagnostics.map((item) => [item.code, show(item.range)]),
    [
      ['unindented-continuation', show(rangeOf(text, 'two</body>'))],
      ['unindented-continuation', show(rangeOf(text, 'four</subject></message>'))],
    ],
  );
});

test('continuation lines that read as steps or headers are text while the stanza is open', () => {
  const text = scenario(
    'Romeo receives:\n\t<message><body>Say\nRomeo disconnects\n[Client] Juliet\nRomeo sends: flowers</body></message>\n\nRomeo disconnects\n',
  );
  const parsed = parseScenario(text);
  assert.deepEqual(codes(parsed), ['unindented-continuation']);
  assert.deepEqual(
    parsed.steps.map((step) => step.verb.value),
    ['connects', 'receives', 'disconnects'],
  );
  assert.deepEqual(
    parsed.characters.map((character) => character.name.value),
    ['Romeo'],
  );
  assert.equal(bodyText(parsed.steps[1].block!.stanzas[0]), 'Say\nRomeo disconnects\n[Client] Juliet\nRomeo sends: flowers');
});

test('the last step of the file continues on its last line (with and without a final line break)', () => {
  for (const end of ['', '\n', '\r\n']) {
    const text = scenario(`Romeo sends:\n\t<message><body>one\ntwo</body></message>${end}`);
    const parsed = parseScenario(text);
    assert.deepEqual(
      diagnose(parsed).map((item) => [item.code, show(item.range)]),
      [['unindented-continuation', show(rangeOf(text, 'two</body></message>'))]],
    );
    assert.equal(bodyText(parsed.steps[1].block!.stanzas[0]), 'one\ntwo');
  }
});

test('a stanza that continues at column 0 and is never closed: the continuation and the open element, once each', () => {
  const text = scenario('Romeo sends:\n\t<message><body>one\ntwo</body>\n');
  const diagnostics = diagnose(parseScenario(text));
  assert.deepEqual(
    diagnostics.map((item) => [item.code, show(item.range)]),
    [
      ['xml-unclosed-tag', show(rangeOf(text, 'message'))],
      ['unindented-continuation', show(rangeOf(text, 'two</body>'))],
    ],
  );
});

test('a forgotten closing tag stays an unclosed tag, and the next step stays a step', () => {
  for (const between of ['\n', '']) {
    const text = scenario(`Romeo sends:\n\t<message>\n\t\t<body>hi</body>\n${between}Romeo receives:\n\t<message/>\nRomeo disconnects\n`);
    const parsed = parseScenario(text);
    assert.deepEqual(codes(parsed), ['xml-unclosed-tag']);
    assert.deepEqual(
      parsed.steps.map((step) => step.verb.value),
      ['connects', 'sends', 'receives', 'disconnects'],
    );
  }
});

test('a forgotten closing tag is not closed by a stray closing tag in the next step with a block', () => {
  for (const between of ['\n', '']) {
    const text = scenario(`Romeo sends:\n\t<message>\n${between}Romeo receives:\n\t<iq/>\n\t</message>\nRomeo disconnects\n`);
    const parsed = parseScenario(text);
    assert.deepEqual(
      parsed.steps.map((step) => step.verb.value),
      ['connects', 'sends', 'receives', 'disconnects'],
    );
    assert.ok(!codes(parsed).includes('unindented-continuation'));
  }
});

test('a comment line inside an unindented continuation is skipped, and the separator ends the search', () => {
  const text = scenario('Romeo sends:\n\t<message><body>one\n# a note\ntwo</body></message>\nRomeo disconnects\n');
  const parsed = parseScenario(text);
  assert.deepEqual(codes(parsed), ['unindented-continuation']);
  assert.equal(child(parsed.steps[1].block!.stanzas[0], 0).name, 'body');
  const separated = '[Client] Romeo\n\tjid: romeo@localhost\nRomeo sends:\n\t<message><body>one\n-----\ntwo</body></message>\n';
  assert.ok(!codes(parseScenario(separated)).includes('unindented-continuation'));
});

test('a start tag that goes on at column 0 is a continuation too; a start tag left unfinished before a step is not', () => {
  const text = scenario('Romeo sends:\n\t<message type="chat"\nto="juliet@localhost">\n\t\t<body>hi</body>\n\t</message>\nRomeo disconnects\n');
  const parsed = parseScenario(text);
  const diagnostics = diagnose(parsed);
  assert.deepEqual(
    diagnostics.map((item) => [item.code, show(item.range)]),
    [['unindented-continuation', show(rangeOf(text, 'to="juliet@localhost">'))]],
  );
  assert.equal(diagnostics[0].data?.joinable, false, 'a line break inside a tag is no text to keep');
  const [message] = parsed.steps[1].block!.stanzas;
  assert.deepEqual(
    message.attributes.map((attribute) => [attribute.name, attribute.value]),
    [
      ['type', 'chat'],
      ['to', 'juliet@localhost'],
    ],
  );
  assert.equal(bodyText(message), 'hi');
  const unfinished = scenario('Romeo sends:\n\t<presence type="unavailable"\nRomeo disconnects\n');
  const steps = parseScenario(unfinished).steps;
  assert.deepEqual(
    steps.map((step) => step.verb.value),
    ['connects', 'sends', 'disconnects'],
  );
  assert.deepEqual(codes(parseScenario(unfinished)), ['xml-syntax']);
});

test('the two fixes of a continuation: indenting adds the indent to the text, &#10; on the line above keeps it exactly', () => {
  const text = scenario('Romeo receives:\n\t<message><body>O Romeo,\nWherefore?</body></message>\nRomeo disconnects\n');
  const indented = parseScenario(text.replace('\nWherefore', '\n\tWherefore'));
  assert.deepEqual(codes(indented), []);
  assert.equal(bodyText(indented.steps[1].block!.stanzas[0]), 'O Romeo,\n\tWherefore?');
  const joined = parseScenario(text.replace('\nWherefore', '&#10;Wherefore'));
  assert.deepEqual(codes(joined), []);
  assert.equal(bodyText(joined.steps[1].block!.stanzas[0]), bodyText(parseScenario(text).steps[1].block!.stanzas[0]));
  assert.equal(bodyText(joined.steps[1].block!.stanzas[0]), 'O Romeo,\nWherefore?');
});
