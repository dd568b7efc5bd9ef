// IncrementalDiagnostics must give exactly what diagnose() gives for every version of a document,
// while a keystroke in a block redoes only that block's checks; and diagnose() lists at most 1,000.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncrementalParser, parseScenario } from '../../core/parser/index.js';
import { countSeverities, diagnose, IncrementalDiagnostics } from '../../core/diagnostics/index.js';
import { namesScenario, random, randomCharacterEdit, randomLineEdit, randomNameEdit, typingScenario } from '../parser/lineEdits.js';

const base = [
  '# Incremental',
  '[Client] Romeo',
  '\tjid: romeo@localhost',
  '[Client] Juliet',
  '\tjid: juliet@localhost',
  '[Client] Nurse',
  '\tjid: nurse@localhost',
  '-----',
  'Romeo connects',
  'Juliet connects',
  'Romeo sends:',
  '\t<message to="${Juliet\'s JID}"><body>one</body></message>',
  '',
  'Juliet receives:',
  '\t<message from="${Romeo\'s full JID}">',
  '\t\t<body>one</body>',
  '\t</message>',
  '',
  'Romeo sends:',
  '\t<presence/>',
  '',
  'Juliet disconnects',
  'Romeo disconnects',
  '',
].join('\n');

/** Pieces typed into a block line: each may add or remove a problem the checks see. */
const pieces = ['x', ' ', '\t', '<', '>', '</a>', "${Nurse's JID}", "${Tybalt's JID}", '${Nurse}', '<b/>', '"', '&', '  '];

test('after each of 600 random edits inside blocks, the incremental diagnostics equal a fresh diagnose()', () => {
  const next = random(13);
  const parser = new IncrementalParser();
  const diagnostics = new IncrementalDiagnostics();
  let text = base;
  let patched = 0;
  for (let edit = 0; edit < 600; edit++) {
    const lines = text.split('\n');
    const blockLines = lines.map((line, index) => (/^[ \t]\S/.test(line) && index > 7 ? index : -1)).filter((index) => index !== -1);
    assert.ok(blockLines.length > 0, 'blocks are left to edit');
    const line = blockLines[Math.floor(next() * blockLines.length)];
    const column = 1 + Math.floor(next() * (lines[line].length - 1));
    if (next() < 0.6) {
      const piece = pieces[Math.floor(next() * pieces.length)];
      lines[line] = lines[line].slice(0, column) + piece + lines[line].slice(column);
    } else {
      const length = 1 + Math.floor(next() * 4);
      lines[line] = lines[line].slice(0, column) + lines[line].slice(column + length);
    }
    // Now and then the first character of a line: its indentation changes.
    if (next() < 0.1) lines[line] = (next() < 0.5 ? ' ' : '\t') + lines[line].slice(1);
    text = lines.join('\n');
    const scenario = parser.parse(text);
    if (parser.lastEdit) patched++;
    assert.deepEqual(diagnostics.update(scenario, parser.lastEdit), diagnose(parseScenario(text)), `edit ${edit}:\n${text}`);
  }
  // Edits that open or close a stanza make the parser read the whole file again; the rest are patches.
  assert.ok(patched > 150, `many edits were patches of the previous version (${patched})`);
});

test('after each of 600 random line edits (Enter, Backspace, multi-line pastes and deletes), the incremental diagnostics equal a fresh diagnose()', () => {
  // Diagnostics of every kind below the edits, so that they move: mixed indentation, several
  // stanzas, unknown variables, undefined characters, an empty block, a misspelt verb; and in the
  // first rounds only, connection states whose messages name lines (redone when lines move).
  const round = (n: number) =>
    [
      `# Round ${n}`,
      'Romeo sends:',
      '\t<message to="${Juliet\'s JID}"><body>${n}</body></message>',
      '',
      'Juliet receives:',
      '  <message from="${Romeo\'s full JID}">',
      "\t\t<body>${Tybalt's JID} ${HOME}</body>",
      '\t</message>',
      '\t<presence/>',
      '',
      ...(n < 2 ? ['Juliet disconnects', 'Juliet sends:', '\t<presence/>', 'Juliet conects'] : ['Tybalt connects', 'Romeo receives:', 'Romeo sennds:']),
      '',
    ].join('\n');
  const start = `${base.split('-----')[0]}-----\nRomeo connects\nJuliet connects\n${Array.from({ length: 5 }, (_, n) => round(n)).join('\n')}\nRomeo disconnects\n`;
  const next = random(17);
  const parser = new IncrementalParser();
  const diagnostics = new IncrementalDiagnostics();
  let text = start;
  let moved = 0;
  for (let edit = 0; edit < 600; edit++) {
    text = edit % 60 === 0 ? start : randomLineEdit(text, next);
    const scenario = parser.parse(text);
    if (parser.lastEdit && parser.lastEdit.oldLast !== parser.lastEdit.newLast) moved++;
    assert.deepEqual(diagnostics.update(scenario, parser.lastEdit), diagnose(parseScenario(text)), `edit ${edit}:\n${text}`);
  }
  assert.ok(moved > 80, `many edits moved lines in place (${moved})`);
});

test('after each of 800 characters typed or deleted on action, comment and definition lines, mixed with line edits, the incremental diagnostics equal a fresh diagnose()', () => {
  // Typing changes characters (Rome and Romeo are both defined), verbs, headings, comments into
  // steps and back, with the connection states that follow from them; and properties, JIDs and
  // names of the definitions.
  const next = random(53);
  const parser = new IncrementalParser();
  const diagnostics = new IncrementalDiagnostics();
  let text = typingScenario;
  let windows = 0;
  let definitions = 0;
  for (let edit = 0; edit < 800; edit++) {
    if (edit % 100 === 99) text = typingScenario;
    else text = edit % 8 === 7 ? randomLineEdit(text, next) : randomCharacterEdit(text, next, edit % 8 === 3);
    const scenario = parser.parse(text);
    if (parser.lastEdit?.window) windows++;
    if (parser.lastEdit?.window?.from === 0) definitions++;
    assert.deepEqual(diagnostics.update(scenario, parser.lastEdit), diagnose(parseScenario(text)), `edit ${edit}:\n${text}`);
  }
  assert.ok(windows > 500, `${windows} of 800 edits patched the steps or definitions read again`);
  assert.ok(definitions > 40, `${definitions} of 100 edits of the definitions patched them`);
});

test('after each of 800 edits of the names (typed, deleted, written over with others and their prefixes, definitions added and removed, the separator typed), mixed with typing on the steps, the incremental diagnostics equal a fresh diagnose()', () => {
  // The names change which steps' characters are defined (undefined-character and its
  // suggestion), their connection states, the variables naming them, which characters are unused,
  // and how some action lines read (namesScenario).
  const next = random(67);
  const parser = new IncrementalParser();
  const diagnostics = new IncrementalDiagnostics();
  let text = namesScenario;
  let names = definedNames(text);
  let renames = 0;
  let patched = 0;
  for (let edit = 0; edit < 800; edit++) {
    if (edit % 100 === 99) text = namesScenario;
    else text = edit % 5 === 4 ? randomCharacterEdit(text, next) : randomNameEdit(text, next);
    const scenario = parser.parse(text);
    const now = definedNames(text);
    if (now !== names && edit % 100 !== 99) {
      renames++;
      if (parser.lastEdit?.window?.from === 0) patched++;
    }
    names = now;
    assert.deepEqual(diagnostics.update(scenario, parser.lastEdit), diagnose(parseScenario(text)), `edit ${edit}:\n${text}`);
  }
  assert.ok(patched > renames * 0.75, `${patched} of ${renames} changes of names patched`);
});

test('names defined again in another order suggest, among equally close ones, the first, as diagnose() does', () => {
  // "Romeo" is one letter from Rome and from Romo: the first defined of them is suggested.
  const text = [
    '[Client] Rome',
    '\tjid: rome@localhost',
    '[Client] Romo',
    '\tjid: romo@localhost',
    '[Client] Rome',
    '\tjid: rome@localhost',
    '-----',
    'Romeo connects',
    'Romeo sends:',
    '\t<message to="${Romeo\'s JID}"/>',
    '',
  ].join('\n');
  const parser = new IncrementalParser();
  const diagnostics = new IncrementalDiagnostics();
  diagnostics.update(parser.parse(text));
  for (const edited of [text.replace('[Client] Rome\n\tjid: rome@localhost\n', ''), text]) {
    const scenario = parser.parse(edited);
    assert.equal(parser.lastEdit?.window?.from, 0, 'the definitions were read again');
    const found = diagnostics.update(scenario, parser.lastEdit);
    assert.deepEqual(found, diagnose(parseScenario(edited)));
    assert.equal(found.filter((item) => item.data?.suggestion === (edited === text ? 'Rome' : 'Romo')).length, 2, 'both steps');
  }
});

/** The defined names of `text`, as one string. */
function definedNames(text: string): string {
  const names = parseScenario(text).characters.map((character) => character.name.value);
  return JSON.stringify([...new Set(names.filter((name) => name !== ''))].sort());
}

test('typing on a step after connects and disconnects (written and misspelt) above it gives its connection diagnostics as diagnose() does', () => {
  const text = [
    '[Client] Romeo',
    '\tjid: romeo@localhost',
    '[Client] Juliet',
    '\tjid: juliet@localhost',
    '-----',
    'Romeo connects',
    'Juliet conects',
    ...Array.from({ length: 30 }, (_, n) => `Juliet sends:\n\t<message id="${n}"/>`),
    'Romeo disconnects',
    'Juliet disconects',
    '# typed on',
    'Romeo sends:',
    '\t<presence/>',
    'Juliet receives:',
    '\t<message/>',
    '',
  ].join('\n');
  const parser = new IncrementalParser();
  const diagnostics = new IncrementalDiagnostics();
  diagnostics.update(parser.parse(text));
  for (const edited of [
    text.replace('Romeo sends:', 'Romeo sends: x'),
    text.replace('Juliet receives:', 'Juliet receives: '),
    text.replace('Romeo sends:', 'Romeox sends:'),
    text.replace('Romeo sends:', 'Juliet sends:'),
    text.replace('# typed on', '# typed on and on'),
    text.replace('Juliet disconects', 'Juliet disconnects'),
    text,
  ]) {
    const scenario = parser.parse(edited);
    assert.ok(parser.lastEdit?.window, 'the steps around the edit were read again');
    const found = diagnostics.update(scenario, parser.lastEdit);
    assert.deepEqual(found, diagnose(parseScenario(edited)));
    assert.ok(found.some((item) => item.code === 'sent-after-disconnect' || item.code === 'not-connected'));
  }
});

test('a keystroke in one block of a 20,000-step file redoes only that block', () => {
  const steps = Array.from({ length: 20_000 }, (_, i) => `Romeo sends:\n\t<message to="\${Juliet's JID}"><body>${i}</body></message>\n`);
  const text = `${base.split('-----')[0]}-----\nRomeo connects\nJuliet connects\n${steps.join('\n')}`;
  const parser = new IncrementalParser();
  const diagnostics = new IncrementalDiagnostics();
  diagnostics.update(parser.parse(text));
  // Three keystrokes, each patched; the fastest is compared with diagnosing the whole file once,
  // so the machine's load cancels out.
  let patchMs = Infinity;
  let edited = text;
  for (const typed of [' ', '  ', '   ']) {
    edited = text.replace('<body>10000<', `<body>10000${typed}<`);
    const scenario = parser.parse(edited);
    assert.ok(parser.lastEdit, 'the parser spliced the block');
    const started = performance.now();
    const result = diagnostics.update(scenario, parser.lastEdit);
    patchMs = Math.min(patchMs, performance.now() - started);
    assert.deepEqual(result, diagnose(parseScenario(edited)));
  }
  const fresh = parseScenario(edited);
  const started = performance.now();
  diagnose(fresh);
  const wholeMs = performance.now() - started;
  assert.ok(patchMs < wholeMs / 4, `a patch took ${patchMs.toFixed(2)} ms, the whole file ${wholeMs.toFixed(1)} ms`);
});

test('a file with 1,500 errors lists the first 1,000, then one error saying 500 more are not listed', () => {
  const bad = Array.from({ length: 1500 }, (_, i) => `Nobody${i} connects`).join('\n');
  const diagnostics = diagnose(parseScenario(`[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\n${bad}\n`));
  assert.equal(diagnostics.length, 1001);
  assert.ok(diagnostics.slice(0, 1000).every((item) => item.code === 'undefined-character'));
  const last = diagnostics[1000];
  assert.equal(last.code, 'too-many-diagnostics');
  assert.equal(last.severity, 'error');
  assert.equal(last.range.start.line, 1004, 'at the first one left out');
  assert.match(last.message, /^500 more diagnostics from here on are not listed \(500 errors\): only the first 1000 of a file are\./);
  assert.deepEqual(countSeverities(diagnostics), { error: 1500, warning: 0, information: 0, hint: 0 });
});

test('a message quotes at most 80 characters of a 1 MiB line', () => {
  const name = `Tybalt${'x'.repeat(1024 * 1024)}`;
  const [problem] = diagnose(parseScenario(`[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\n${name} connects\n`)).filter(
    (item) => item.code === 'undefined-character',
  );
  assert.ok(problem.message.length < 500, `${problem.message.length} characters`);
  assert.match(problem.message, /^No character is called "Tybaltx{73}…": define it above/);
});
