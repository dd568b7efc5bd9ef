// Every range the parser gives for the real corpus covers exactly the text it names: what the
// language server relies on for hover, rename, completion and folding.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { expandPaths } from '../../core/check.js';
import { parseScenario } from '../../core/parser/index.js';
import type { Range, VariableRef, XmlElement } from '../../core/model.js';

const corpus = resolve(import.meta.dirname, '../../../shared/corpus');

/** The text a range covers, computed from the lines independently of the parser. */
function slicer(text: string): (range: Range) => string {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const at = (position: Range['start']) => starts[position.line] + position.character;
  return (range) => text.slice(at(range.start), at(range.end));
}

test('corpus: every range covers exactly what it names', async (t) => {
  if (!existsSync(corpus)) {
    t.skip(`no corpus at ${corpus}`);
    return;
  }
  const { files } = await expandPaths([corpus]);
  let checked = 0;
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const slice = slicer(text);
    const where = relative(corpus, file);
    const scenario = parseScenario(text);
    const same = (range: Range, expected: string, what: string) => {
      assert.equal(slice(range), expected, `${where}: ${what} at ${JSON.stringify(range.start)}`);
      checked++;
    };
    const variables = (list: VariableRef[]) => {
      for (const variable of list) {
        same(variable.range, variable.raw, 'variable');
        if (variable.character) same(variable.character.range, variable.character.value, 'variable character');
      }
    };
    const element = (node: XmlElement) => {
      same(node.nameRange, node.name, 'element name');
      const whole = slice(node.range);
      assert.ok(whole.startsWith(`<${node.name}`) && whole.endsWith('>'), `${where}: element <${node.name}> range covers ${JSON.stringify(whole)}`);
      for (const attribute of node.attributes) {
        same(attribute.nameRange, attribute.name, 'attribute name');
        if (!slice(attribute.valueRange).includes('&')) same(attribute.valueRange, attribute.value, 'attribute value');
        variables(attribute.variables);
      }
      for (const child of node.children) {
        if (child.kind === 'element') element(child);
        else {
          if (!slice(child.range).includes('&')) same(child.range, child.text.trim(), 'text');
          variables(child.variables);
        }
      }
    };
    if (scenario.metadata.title) same(scenario.metadata.title.range, scenario.metadata.title.value, 'title');
    for (const character of scenario.characters) {
      same(character.name.range, character.name.value, 'character name');
      same(character.className.range, character.className.value, 'class');
      for (const property of character.properties) {
        same(property.key.range, property.key.value, 'property key');
        same(property.value.range, property.value.value, 'property value');
      }
    }
    for (const step of scenario.steps) {
      same(step.character.range, step.character.value, 'step character');
      same(step.verb.range, step.verb.value, 'verb');
      const action = slice(step.actionRange);
      assert.ok(action.startsWith(step.character.value) && action.trim() === action, `${where}: action line ${JSON.stringify(action)}`);
      for (const stanza of step.block?.stanzas ?? []) element(stanza);
    }
  }
  assert.ok(checked > 5000, `only ${checked} ranges checked`);
});
