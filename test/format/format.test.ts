// The formatter (core/format.ts): Prosody's own scenarios are its reference, so formatting them
// changes nothing, and a scenario whose indentation was mangled comes back exactly as written.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { indentationEdits, type IndentEdit } from '../../core/format.js';
import { parseScenario } from '../../core/parser/index.js';

const corpus = resolve(import.meta.dirname, '../../../shared/corpus/prosody-0.12');
const corpusFiles = existsSync(corpus)
  ? readdirSync(corpus)
      .filter((name) => name.endsWith('.scs'))
      .sort()
  : [];

function apply(text: string, edits: IndentEdit[]): string {
  const lines = text.split('\n');
  for (const { line, width, indent } of edits) lines[line] = indent + lines[line]!.slice(width);
  return lines.join('\n');
}

const format = (text: string) => apply(text, indentationEdits(parseScenario(text)));

/** Every indented line re-indented with `unit` per level guessed from its tabs, or flattened. */
function mangle(text: string, indentOf: (tabs: number) => string): string {
  return text.replace(/^(\t+)/gm, (tabs) => indentOf(tabs.length));
}

test('the corpus has scenarios to format', () => {
  assert.ok(corpusFiles.length >= 30, `only ${corpusFiles.length} corpus files at ${corpus}`);
});

for (const name of corpusFiles) {
  const text = readFileSync(join(corpus, name), 'utf8');
  // Four corpus files indent some blocks with a tab and then spaces: those lines are re-indented.
  const spaced = text.split('\n').flatMap((line, index) => (/^\t* +\S/.test(line) ? [index] : []));
  test(`${name}: ${spaced.length > 0 ? 'its space-indented lines change' : 'already formatted'}, and restored after its indentation is mangled`, () => {
    const edited = new Set(indentationEdits(parseScenario(text)).map((edit) => edit.line));
    if (spaced.length === 0) assert.deepEqual([...edited], [], 'Prosody’s own tab layout needs no edit');
    else
      assert.deepEqual(
        spaced.filter((line) => !edited.has(line)),
        [],
        'every line indented with spaces is re-indented',
      );
    const formatted = format(text);
    assert.equal(format(mangle(formatted, (tabs) => '  '.repeat(tabs))), formatted, 'two spaces per level');
    assert.equal(format(mangle(formatted, () => ' ')), formatted, 'every indented line at one space');
  });
}

const scenario = `# Formatting

[Client] Romeo
    jid: romeo@localhost
  password: password

-----

Romeo connects

Romeo sends:
        <message to="juliet@localhost" type="chat"
  id="m1">
 <body>Hello
   world</body>
            </message>

Romeo disconnects
`;

test('re-indents properties and blocks with tabs; text that spans lines and unindented lines stay', () => {
  assert.equal(
    format(scenario),
    `# Formatting

[Client] Romeo
\tjid: romeo@localhost
\tpassword: password

-----

Romeo connects

Romeo sends:
\t<message to="juliet@localhost" type="chat"
\t\tid="m1">
\t\t<body>Hello
   world</body>
\t</message>

Romeo disconnects
`,
  );
});

test('Format Selection touches only the lines asked for', () => {
  const edits = indentationEdits(parseScenario(scenario), 3, 4);
  assert.deepEqual(
    edits.map((edit) => edit.line),
    [3, 4],
  );
});

test('a block with an XML error is left as written', () => {
  const broken = scenario.replace('</message>', '</mesage>');
  const edited = new Set(indentationEdits(parseScenario(broken)).map((edit) => edit.line));
  assert.ok(edited.has(3) && edited.has(4), 'properties are still re-indented');
  assert.ok(![11, 12, 13, 14, 15].some((line) => edited.has(line)), [...edited].join());
});
