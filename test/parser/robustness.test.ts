// Robustness: thousands of seeded random edits of corpus files (deletions, insertions, truncations,
// random bytes) and a few hostile inputs. parseScenario and diagnose must never throw, and every
// range they return must lie inside the document.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expandPaths } from '../../core/check.js';
import { parseScenario } from '../../core/parser/index.js';
import { diagnose } from '../../core/diagnostics/index.js';
import type { Range } from '../../core/model.js';
import { mutate, random } from './mutations.js';

const corpus = resolve(import.meta.dirname, '../../../shared/corpus');
const editsPerFile = 120;

function checkRanges(text: string, value: unknown, path = 'scenario'): void {
  const lines = text.split(/\r\n|\r|\n/);
  const inside = (position: { line: number; character: number }) =>
    position.line >= 0 && position.line < lines.length && position.character >= 0 && position.character <= lines[position.line].length;
  const visit = (node: unknown, where: string): void => {
    if (node === null || typeof node !== 'object') return;
    if ('start' in node && 'end' in node) {
      const range = node as Range;
      assert.ok(inside(range.start) && inside(range.end), `${where} out of the document: ${JSON.stringify(range)}`);
      const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
      assert.ok(ordered, `${where} ends before it starts: ${JSON.stringify(range)}`);
      return;
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'text') visit(child, `${where}.${key}`);
  };
  visit(value, path);
}

function parseAndCheck(text: string): void {
  const scenario = parseScenario(text);
  const diagnostics = diagnose(scenario);
  checkRanges(text, scenario);
  checkRanges(text, diagnostics, 'diagnostics');
}

test('random edits of corpus files never throw and keep every range inside the document', async (t) => {
  if (!existsSync(corpus)) {
    t.skip(`no corpus at ${corpus}`);
    return;
  }
  const { files } = await expandPaths([corpus]);
  assert.ok(files.length > 0);
  let edits = 0;
  for (const [index, file] of files.entries()) {
    const original = await readFile(file, 'utf8');
    const next = random(index + 1);
    let text = original;
    for (let i = 0; i < editsPerFile; i++) {
      // Edits accumulate, like typing; now and then start again from the real file.
      text = next() < 0.1 ? original : mutate(text, next);
      try {
        parseAndCheck(text);
      } catch (error) {
        assert.fail(`${file}, seed ${index + 1}, edit ${i}: ${error instanceof Error ? error.stack : error}\ninput: ${JSON.stringify(text)}`);
      }
      edits++;
    }
  }
  assert.ok(edits >= 3000, `only ${edits} edits`);
});

test('hostile inputs: empty, header only, binary, 10 MB', () => {
  const binary = Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
  const manyCharacters =
    Array.from({ length: 20_000 }, (_, i) => `[Client] Person number ${i}\n\tjid: p${i}@localhost\n`).join('') +
    '-----\n' +
    Array.from({ length: 20_000 }, (_, i) => `Person number ${i} connects\n`).join('');
  const controlBlock = 'Romeo sends:\n\t' + '\u0001\u0002'.repeat(1_000_000);
  const mismatches = 'Romeo sends:\n\t' + '<a></b>'.repeat(200_000);
  const manyStanzas = 'Romeo sends:\n\t' + '<a b="c">d</a>'.repeat(200_000) + '<e f="${Romeo\'s JID}"/>';
  const inputs = [
    '',
    '\n',
    '[Client] Romeo',
    '# only a title',
    '-----',
    binary,
    'Romeo sends:\n\t<'.repeat(10_000),
    manyCharacters,
    controlBlock,
    mismatches,
    manyStanzas,
  ];
  for (const input of inputs) parseAndCheck(input);
  const big =
    '[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\n' +
    'Romeo sends:\n\t<message to="x@y"><body>0123456789 ${Romeo\'s JID}</body></message>\n'.repeat(130_000);
  assert.ok(big.length > 10_000_000);
  const scenario = parseScenario(big);
  assert.equal(scenario.steps.length, 130_001);
  assert.deepEqual(
    diagnose(scenario).filter((item) => item.severity === 'error'),
    [],
  );
});
