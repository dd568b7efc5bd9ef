// IncrementalParser must give exactly what parseScenario gives, edit after edit, while reusing
// the blocks that did not change.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expandPaths } from '../../core/check.js';
import { IncrementalParser, parseScenario } from '../../core/parser/index.js';
import { MovedStep, stanzasAsParsed } from '../../core/parser/moved.js';
import { diagnose } from '../../core/diagnostics/index.js';
import type { Scenario, Step } from '../../core/model.js';
import { namesScenario, random, randomCharacterEdit, randomLineEdit, randomNameEdit, typingScenario } from './lineEdits.js';
import { plainScenario } from './plain.js';

const corpus = resolve(import.meta.dirname, '../../../shared/corpus');

const scenario = [
  '[Client] Romeo',
  '\tjid: romeo@localhost',
  '-----',
  'Romeo sends:',
  '\t<message to="a@b"><body>one</body></message>',
  '',
  'Romeo sends:',
  '\t<message to="a@b"><body>two</body></message>',
  '',
].join('\n');

test('an edit inside one block re-parses that block only', () => {
  const parser = new IncrementalParser();
  const first = parser.parse(scenario);
  const second = parser.parse(scenario.replace('two</body>', 'too</bdy>'));
  assert.equal(second.steps[0].block!.stanzas[0], first.steps[0].block!.stanzas[0], 'unchanged block reused');
  assert.notEqual(second.steps[1].block!.stanzas[0], first.steps[1].block!.stanzas[0]);
  assert.deepEqual(
    second.diagnostics.map((item) => item.code),
    ['xml-mismatched-tag'],
  );
  // The error goes away with the edit that fixes it, and comes back from the cache.
  assert.deepEqual(parser.parse(scenario).diagnostics, []);
  assert.deepEqual(
    parser.parse(scenario.replace('two</body>', 'too</bdy>')).diagnostics.map((item) => item.code),
    ['xml-mismatched-tag'],
  );
});

test('a line inserted above a block moves its ranges', () => {
  const parser = new IncrementalParser();
  parser.parse(scenario);
  const moved = parser.parse(scenario.replace('-----\n', '-----\n\n'));
  assert.deepEqual(plainScenario(moved), plainScenario(parseScenario(scenario.replace('-----\n', '-----\n\n'))));
  assert.equal(moved.steps[0].block!.stanzas[0].range.start.line, 5);
});

test('an edit within one line of a block re-parses that step alone and shares the others', () => {
  const parser = new IncrementalParser();
  const first = parser.parse(scenario);
  const edited = scenario.replace('two</body>', 'twoo</body>');
  const second = parser.parse(edited);
  assert.deepEqual(plainScenario(second), plainScenario(parseScenario(edited)));
  assert.equal(second.steps[0], first.steps[0], 'untouched step shared');
  assert.equal(second.characters, first.characters, 'definitions shared');
  assert.notEqual(second.steps[1], first.steps[1]);
  // Edits that change more than one block's line parse afresh, with the same result.
  for (const other of [
    edited.replace('\t<message to="a@b"><body>twoo', 'Romeo sends:'),
    edited.replace('twoo', 'two\n'),
    edited.replace('\t<message to="a@b"><body>twoo', '<message to="a@b"><body>twoo'),
  ]) {
    assert.deepEqual(plainScenario(parser.parse(other)), plainScenario(parseScenario(other)));
  }
});

/** Random single-character edits on lines inside blocks (where the one-block path applies), and
 *  now and then anywhere; every result must equal a fresh parse. */
function editBlocksAtRandom(text: string, edits: number, seed: number): void {
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const parser = new IncrementalParser();
  parser.parse(text);
  for (let i = 0; i < edits; i++) {
    const blockLines = [...text.matchAll(/(?<=\n)[ \t][^\r\n]*/g)];
    const line = blockLines[Math.floor(next() * blockLines.length)];
    const at = next() < 0.9 && line ? line.index + Math.floor(next() * (line[0].length + 1)) : Math.floor(next() * text.length);
    const insert = next() < 0.5;
    text = insert ? text.slice(0, at) + '<>/"x =&\t\n${}'[Math.floor(next() * 14)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    assert.deepEqual(plainScenario(parser.parse(text)), plainScenario(parseScenario(text)), `edit ${i} at ${at}`);
  }
}

test('random edits inside blocks give what a fresh parse gives (LF and CRLF)', () => {
  const text = [
    '# Title',
    '[Client] Romeo',
    '\tjid: romeo@localhost',
    '-----',
    'Romeo connects',
    'Romeo sends:',
    '\t<message to="${Romeo\'s JID}">',
    '\t\t<body>one &amp; two</body>',
    '',
    '\t</message>',
    '# between',
    'Romeo receives:',
    '  <iq type="result" id="x">',
    '    <query xmlns="jabber:iq:roster"><item jid="a@b"/></query>',
    '  </iq>',
    '\t<presence/>',
    'Romeo sends:',
    '\t<x:y xmlns:x="urn:x" scansion:strict="true" a="${Romeo\'s full JID}">${Nobody\'s JID} &amp;</x:y>',
    '\t<a></b>',
    'Romeo disconnects',
    '',
  ].join('\n');
  editBlocksAtRandom(text, 400, 11);
  editBlocksAtRandom(text.replaceAll('\n', '\r\n'), 400, 13);
});

test('comment lines inside blocks and stanzas that go on at column 0: edits give what a fresh parse gives', () => {
  const text = [
    '[Client] Romeo',
    '\tjid: romeo@localhost',
    '-----',
    'Romeo connects',
    'Romeo receives:',
    '#\t<iq type="error" id="ping1"/>',
    '\t<iq type="result" id="ping1">',
    '// inside',
    '\t\t<query xmlns="urn:x"/>',
    '-- \t<item/>',
    '\t</iq>',
    'Romeo sends:',
    '\t<message><body>O Romeo,',
    'Wherefore art thou Romeo?</body>',
    '\t</message>',
    '',
    'Romeo sends:',
    '\t<message>',
    '\t\t<body>hi</body>',
    'Romeo disconnects',
    '',
  ].join('\n');
  const parser = new IncrementalParser();
  parser.parse(text);
  // Edits inside blocks that move where a block ends: closing the forgotten tag, opening one more,
  // un-commenting a line, closing the continued stanza early.
  for (const edited of [
    text.replace('\t\t<body>hi</body>', '\t\t<body>hi</body></message>'),
    text.replace('\t\t<query xmlns="urn:x"/>', '\t\t<query xmlns="urn:x">'),
    text.replace('-- \t<item/>', '\t<item/>'),
    text.replace('<body>O Romeo,', '<body>O Romeo,</body></message>'),
    text.replace('\t</message>\n\n', '\t</message>\n#\n'),
  ]) {
    assert.deepEqual(plainScenario(parser.parse(edited)), plainScenario(parseScenario(edited)));
    assert.deepEqual(plainScenario(parser.parse(text)), plainScenario(parseScenario(text)));
  }
  editBlocksAtRandom(text, 300, 17);
  editBlocksAtRandom(text.replaceAll('\n', '\r\n'), 300, 19);
});

test('blocks moved by lines added or removed above them are copied, not parsed again, with the same result', () => {
  const blocks = 'Romeo sends:\n\t<x:y xmlns:x="urn:x" scansion:strict="true" a="${Romeo\'s full JID}">${Nobody\'s JID} &amp;</x:y>\n\t<a></b>\n';
  const text = `[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\n${blocks}${blocks}`;
  const parser = new IncrementalParser();
  const first = parser.parse(text);
  for (const moved of [`\n\n${text}`, text.replace('-----\n', ''), text.replace('<a></b>\n', '<a></b>\n\n')]) {
    const result = parser.parse(moved);
    assert.deepEqual(plainScenario(result), plainScenario(parseScenario(moved)));
    assert.ok(result.diagnostics.some((item) => item.code === 'xml-mismatched-tag'));
  }
  assert.notEqual(parser.parse(`\n${text}`).steps[1].block!.stanzas[0], first.steps[1].block!.stanzas[0]);
});

test('after random edits of corpus files, incremental results equal fresh ones', async (t) => {
  if (!existsSync(corpus)) {
    t.skip(`no corpus at ${corpus}`);
    return;
  }
  const { files } = await expandPaths([corpus]);
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (const file of files) {
    let text = await readFile(file, 'utf8');
    const parser = new IncrementalParser();
    for (let i = 0; i < 25; i++) {
      const at = Math.floor(next() * text.length);
      text = next() < 0.5 ? text.slice(0, at) + '<>/"x\n\t'[Math.floor(next() * 7)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
      assert.deepEqual(plainScenario(parser.parse(text)), plainScenario(parseScenario(text)), `${file}, edit ${i}`);
    }
  }
});

test('Enter and Backspace inside blocks move what lies below without copying it, and give what a fresh parse gives', () => {
  const round = (n: number) =>
    `# Round ${n}\nRomeo sends:\n\t<message to="\${Romeo's JID}">\n\t\t<body>${n}</body>\n-- a comment inside the block\n\t</message>\n\nRomeo sends:\n\t<a></b>\n\n`;
  let text = `[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\n${Array.from({ length: 12 }, (_, n) => round(n)).join('')}Romeo disconnects\n`;
  let seed = 23;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const parser = new IncrementalParser();
  parser.parse(text);
  let fastPaths = 0;
  for (let i = 0; i < 200; i++) {
    const bodies = [...text.matchAll(/<body>/g)];
    const at = bodies[Math.floor(next() * bodies.length)].index + 6;
    // Enter (a new indented line), or Backspace over the line break before an indented line.
    const enter = next() < 0.5 || text[at - 7] !== '\t' || text[at - 8] !== '\t' || text[at - 9] !== '\n';
    text = enter ? `${text.slice(0, at)}\n\t\t${text.slice(at)}` : `${text.slice(0, at - 9)}${text.slice(at - 6)}`;
    const result = parser.parse(text);
    const last = result.steps[result.steps.length - 2].block!;
    if (stanzasAsParsed(last).lines !== 0) fastPaths++;
    // Diagnostics read the moved blocks as parsed; every fifth edit compares everything (which reads
    // and so copies the moved stanzas).
    assert.deepEqual(diagnose(result), diagnose(parseScenario(text)), `edit ${i}`);
    if (i % 5 === 4) assert.deepEqual(plainScenario(result), plainScenario(parseScenario(text)), `edit ${i}`);
  }
  assert.ok(fastPaths > 100, `${fastPaths} of 200 line edits moved the blocks below lazily`);
});

test('Enter at the end of any line, and Backspace on an empty line, give what a fresh parse gives', () => {
  const round = (n: number) =>
    `# Round ${n}\n// second line of the heading\nRomeo sends:\n\t<message to="\${Romeo's JID}">\n\t\t<body>${n}</body>\n\n\t</message>\n\nRomeo sends:\n\t<a></b>\n\nRomeo recieves:\n\t<x/>\n\n`;
  let text = `# Title\n## tag\n\n[Client] Romeo\n\tjid: romeo@localhost\n\n-----\nRomeo connects\n${Array.from({ length: 8 }, (_, n) => round(n)).join('')}Romeo disconnects\n`;
  let seed = 29;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const parser = new IncrementalParser();
  parser.parse(text);
  for (let i = 0; i < 300; i++) {
    const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((match) => match.index + 1)].filter((at) => at < text.length);
    const at = lineStarts[Math.floor(next() * lineStarts.length)];
    const lineEnd = text.indexOf('\n', at);
    text = at === lineEnd && next() < 0.5 ? `${text.slice(0, at)}${text.slice(at + 1)}` : `${text.slice(0, lineEnd)}\n${text.slice(lineEnd)}`;
    const result = parser.parse(text);
    assert.deepEqual(diagnose(result), diagnose(parseScenario(text)), `edit ${i}`);
    if (i % 5 === 4) assert.deepEqual(plainScenario(result), plainScenario(parseScenario(text)), `edit ${i}`);
  }
});

test('random line edits (Enter anywhere, Backspace at line starts, multi-line pastes, deletes and replacements) give what a fresh parse gives', () => {
  const round = (n: number) =>
    `# Round ${n}\nRomeo sends:\n\t<message to="\${Juliet's JID}">\n\t\t<body>${n}</body>\n\n\t</message>\n\nJuliet receives:\n\t<message/>\n-- inside\n\t<presence/>\n\nRomeo sends:\n\t<a></b>\n\n`;
  const base = `# Title\n## tag\n\n[Client] Romeo\n\tjid: romeo@localhost\n[Client] Juliet\n\tjid: juliet@localhost\n\n-----\nRomeo connects\nJuliet connects\n${Array.from({ length: 6 }, (_, n) => round(n)).join('')}Romeo disconnects\n`;
  for (const newline of ['\n', '\r\n']) {
    const next = random(newline === '\n' ? 31 : 37);
    const parser = new IncrementalParser();
    let text = base;
    let spliced = 0;
    for (let i = 0; i < 400; i++) {
      // Now and then back to the start, so that the file does not drift into one long error.
      text = i % 50 === 0 ? base.replaceAll('\n', newline) : randomLineEdit(text, next).replaceAll(/\r?\n/g, newline);
      const result = parser.parse(text);
      if (parser.lastEdit && parser.lastEdit.oldLast !== parser.lastEdit.newLast) spliced++;
      assert.deepEqual(plainScenario(result), plainScenario(parseScenario(text)), `edit ${i}:\n${text}`);
    }
    // A line break added or removed with a \r is parsed afresh (lineEdit): only LF splices.
    if (newline === '\n') assert.ok(spliced > 40, `${spliced} of 400 edits were spliced with lines moved`);
  }
});

test('long runs of Enter and Backspace at line ends (block, action, comment and blank lines), then whole parses, give what a fresh parse gives', () => {
  const round = (n: number) =>
    `# Round ${n}\nRomeo sends:\n\t<message to="\${Juliet's JID}" id="m${n}">\n\t\t<body>${n}</body>\n\t</message>\n\nJuliet receives:\n\t<message from="\${Romeo's full JID}"/>\n\n`;
  const base = `[Client] Romeo\n\tjid: romeo@localhost\n[Client] Juliet\n\tjid: juliet@localhost\n\n-----\n\nRomeo connects\n\n${Array.from({ length: 40 }, (_, n) => round(n)).join('')}Romeo disconnects\n`;
  const next = random(41);
  const parser = new IncrementalParser();
  let text = base;
  parser.parse(text);
  let views = 0;
  let lazy = 0;
  for (let i = 0; i < 300; i++) {
    const lines = text.split('\n');
    // Mostly Enter at the end of a line below the definitions and Backspace joining an empty line
    // to the one above (the benchmark's line edits), more than the cache's pending moves in a row;
    // now and then an edit of the definitions, which parses the whole file.
    const line = 8 + Math.floor(next() * (lines.length - 10));
    if (i % 70 === 69) lines[1] = lines[1] === '\tjid: romeo@localhost' ? '\tjid: romeo@example.com' : '\tjid: romeo@localhost';
    else if (lines[line] === '' && next() < 0.6) lines.splice(line, 1);
    else lines.splice(line + 1, 0, '');
    text = lines.join('\n');
    const result = parser.parse(text);
    const fresh = parseScenario(text);
    views += result.steps.filter((step) => step instanceof MovedStep).length;
    // The blocks below a spliced edit were moved without copying their stanzas.
    if (stanzasAsParsed(result.steps[result.steps.length - 2].block!).lines !== 0) lazy++;
    assert.deepEqual(diagnose(result), diagnose(fresh), `edit ${i}`);
    // Views read like plain objects, for JSON too.
    assert.deepEqual(JSON.parse(JSON.stringify(result)), JSON.parse(JSON.stringify(fresh)), `edit ${i}`);
    if (i % 10 === 9) assert.deepEqual(plainScenario(result), plainScenario(fresh), `edit ${i}`);
  }
  assert.ok(views > 300 * 20, `${views} moved steps were views`);
  assert.ok(lazy > 150, `${lazy} of 300 edits moved the last block without copying it`);
});

test('typing on an action or comment line re-reads the steps around it and shares the rest', () => {
  const parser = new IncrementalParser();
  const first = parser.parse(typingScenario);
  for (const [from, to] of [
    ["Juliet's phone receives:\n\t<message from", "Juliet's phone receivesx:\n\t<message from"],
    ['# Round 3\n', '# Round 3x\n'],
    ['# Round 3\n', 'x# Round 3\n'],
    ['Rome connects', 'Romeo connects'],
    ['-- Juliet sends:', '- Juliet sends:'],
  ]) {
    const edited = typingScenario.replace(from, to);
    const result = parser.parse(edited);
    assert.ok(parser.lastEdit?.window, `"${to}" spliced`);
    assert.deepEqual(plainScenario(result), plainScenario(parseScenario(edited)), `"${to}"`);
    assert.equal(result.steps[0], first.steps[0], 'a step above the edit is shared');
    assert.equal(result.characters, first.characters, 'definitions shared');
    parser.parse(typingScenario);
    assert.ok(parser.lastEdit?.window, `"${to}" undone, spliced`);
  }
  // Definitions that keep every name: they alone are read again, the steps are shared.
  for (const [from, to] of [
    ['\tjid: rome@localhost', '\tjid: rome@localhostx'],
    ['\tjid: rome@localhost', 'x\tjid: rome@localhost'],
    ['# Typing', '## Typing'],
    ['[Client] Romeo\n', '[Client] Romeo\n\tpassword: x\n'],
  ]) {
    const before = parser.parse(typingScenario);
    const edited = typingScenario.replace(from, to);
    const result = parser.parse(edited);
    assert.equal(parser.lastEdit?.window?.from, 0, `"${to}" read the definitions again`);
    assert.deepEqual(plainScenario(result), plainScenario(parseScenario(edited)), `"${to}"`);
    // Moved by the line added, or not moved at all.
    const parsed = (step: Step) => (step instanceof MovedStep ? step.parsed : step);
    assert.equal(parsed(result.steps[5]), parsed(before.steps[5]), 'steps shared');
  }
  // The separator, a header below it: the whole text is read again.
  for (const edited of [typingScenario.replace('-----', '----'), typingScenario.replace('Rome conects', '[Client] X')]) {
    assert.deepEqual(plainScenario(parser.parse(edited)), plainScenario(parseScenario(edited)));
    assert.equal(parser.lastEdit, undefined, 'parsed whole');
  }
});

test('random characters typed and deleted on action and comment lines, several in a row and mixed with line edits, give what a fresh parse gives', () => {
  for (const newline of ['\n', '\r\n']) {
    const next = random(newline === '\n' ? 43 : 47);
    const parser = new IncrementalParser();
    let text = typingScenario.replaceAll('\n', newline);
    parser.parse(text);
    let typedEdits = 0;
    let windows = 0;
    for (let i = 0; i < 600; i++) {
      const lineEdit = i % 10 === 9;
      // Now and then back to the start, so that the file does not drift into one long error.
      if (i % 150 === 149) text = typingScenario.replaceAll('\n', newline);
      else
        text = (
          lineEdit ? randomLineEdit(text.replaceAll('\r\n', '\n'), next) : randomCharacterEdit(text.replaceAll('\r\n', '\n'), next, i % 10 === 4)
        ).replaceAll('\n', newline);
      const result = parser.parse(text);
      if (!lineEdit && i % 150 !== 149) {
        typedEdits++;
        if (parser.lastEdit?.window) windows++;
      }
      assert.deepEqual(plainScenario(result), plainScenario(parseScenario(text)), `edit ${i}:\n${text}`);
      if (i % 10 === 0) assert.deepEqual(JSON.parse(JSON.stringify(result)), JSON.parse(JSON.stringify(parseScenario(text))), `edit ${i}`);
    }
    // Typing at column 0 may make a header or a separator, and typing on the definitions (one edit
    // in ten) reads the whole text; most of the rest re-read the steps around the edit.
    assert.ok(windows > typedEdits * 0.7, `${windows} of ${typedEdits} typed characters re-read only the steps around them`);
  }
});

test('a change of names re-reads the definitions and only the action lines that read otherwise by the new names, keeping every block', () => {
  const parser = new IncrementalParser();
  const first = parser.parse(namesScenario);
  const blocks = (scenario: Scenario) => scenario.steps.map((step) => (step instanceof MovedStep ? step.parsed : step).block).filter((block) => block);
  // No action line reads otherwise: every step (and so every block) is the one parsed before.
  for (const [from, to] of [
    ['[Client] Romeo\n', '[Client] Romeox\n'],
    ['[Client] Rome\n', '[Client] Romeo\n'],
    ['[Client] Romeo\n', '[Client] Rom\n'],
    ['[Client] Rome\n', '[Client] Tybalt\n'],
    ['# Renaming characters\n', '# Renaming characters\n[Client] Tybalt\n\tjid: tybalt@localhost\n'],
    ['[Client] Rome\n\tjid: rome@localhost\n', ''],
  ]) {
    const edited = namesScenario.replace(from, to);
    const result = parser.parse(edited);
    assert.equal(parser.lastEdit?.window?.from, 0, `"${to}": the definitions were read again`);
    assert.equal(parser.lastEdit?.steps, undefined, `"${to}": no step was read again`);
    assert.deepEqual(plainScenario(result), plainScenario(parseScenario(edited)), `"${to}"`);
    const parsed = (step: Step) => (step instanceof MovedStep ? step.parsed : step);
    assert.ok(
      result.steps.every((step, i) => parsed(step) === parsed(first.steps[i])),
      `"${to}": the steps are shared`,
    );
    assert.deepEqual(blocks(result), blocks(first));
    parser.parse(namesScenario);
    assert.equal(parser.lastEdit?.window?.from, 0, `"${to}" undone: the definitions were read again`);
  }
  // Lines that read otherwise: "Nurse x connects" is a step of "Nurse x" once Nurse is no name,
  // and "Juliet's phone sendz it" an unknown verb "it" of "Juliet's phone sendz".
  for (const [from, to] of [
    ['[Client] Nurse\n', '[Client] Nurs\n'],
    ['[Client] Nurse\n', '[Client] Nurse x\n'],
    ["[Client] Juliet's phone\n", "[Client] Juliet's phon\n"],
  ]) {
    const edited = namesScenario.replace(from, to);
    const result = parser.parse(edited);
    assert.equal(parser.lastEdit?.window?.from, 0, `"${to}": the definitions were read again`);
    assert.ok(parser.lastEdit?.steps, `"${to}": the steps around the lines that read otherwise were read again`);
    assert.deepEqual(plainScenario(result), plainScenario(parseScenario(edited)), `"${to}"`);
    assert.equal(result.steps[0], first.steps[0], 'a step above them is shared');
    parser.parse(namesScenario);
  }
  // Lines added above them as well: the whole text is read again.
  const pasted = namesScenario.replace('[Client] Nurse\n', '[Client] Tybalt\n\tjid: t@localhost\n[Client] Nurs\n');
  assert.deepEqual(plainScenario(parser.parse(pasted)), plainScenario(parseScenario(pasted)));
  assert.equal(parser.lastEdit, undefined, 'parsed whole');
});

test('random edits of the names (typed, deleted, written over with others and their prefixes, definitions added and removed, the separator typed) give what a fresh parse gives', () => {
  for (const newline of ['\n', '\r\n']) {
    const next = random(newline === '\n' ? 59 : 61);
    const parser = new IncrementalParser();
    let text = namesScenario;
    let names = definedNames(parser.parse(text.replaceAll('\n', newline)));
    let renames = 0;
    let spliced = 0;
    let readAgain = 0;
    for (let i = 0; i < 600; i++) {
      text = i % 100 === 99 ? namesScenario : randomNameEdit(text, next);
      const edited = text.replaceAll('\n', newline);
      const result = parser.parse(edited);
      const fresh = parseScenario(edited);
      assert.deepEqual(plainScenario(result), plainScenario(fresh), `edit ${i}:\n${text}`);
      if (i % 10 === 0) assert.deepEqual(JSON.parse(JSON.stringify(result)), JSON.parse(JSON.stringify(fresh)), `edit ${i}`);
      const now = definedNames(fresh);
      if (now !== names && i % 100 !== 99) {
        renames++;
        if (parser.lastEdit?.window?.from === 0) spliced++;
        if (parser.lastEdit?.steps) readAgain++;
      }
      names = now;
    }
    // The separator typed on, lines added above action lines that read otherwise, and (with CRLF)
    // whole lines deleted or pasted across a line break parse the whole text: here 96% of the
    // changes of names are spliced with LF, 83% with CRLF.
    assert.ok(spliced > renames * 0.75, `${spliced} of ${renames} changes of names re-read the definitions alone (${readAgain} with some steps)`);
    assert.ok(readAgain > 20, `${readAgain} changes of names re-read the steps around lines that read otherwise`);
  }
});

/** The defined names of `scenario`, as one string. */
function definedNames(scenario: Scenario): string {
  return JSON.stringify([...new Set(scenario.characters.map((character) => character.name.value).filter((name) => name !== ''))].sort());
}
