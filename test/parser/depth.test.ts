// Deep nesting: the tree follows 256 levels; deeper input is reported once and the rest of the
// block is left unchecked, so no walk of the tree can overflow the stack.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../core/parser/index.js';
import { diagnose, scenarioVariables } from '../../core/diagnostics/index.js';
import type { XmlElement } from '../../core/model.js';
import { show } from './ranges.js';

const header = '[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\nRomeo sends:\n\t';

/** How many elements deep the first stanza goes, following first children. */
function depthOf(element: XmlElement): number {
  let depth = 1;
  for (let node = element; node.children[0]?.kind === 'element'; node = node.children[0] as XmlElement) depth++;
  return depth;
}

test('256 nested elements are an ordinary stanza', () => {
  const text = `${header}${'<a>'.repeat(256)}\${Romeo's JID}${'</a>'.repeat(256)}\n`;
  const scenario = parseScenario(text);
  assert.deepEqual(diagnose(scenario), []);
  assert.equal(depthOf(scenario.steps[1].block!.stanzas[0]), 256);
  assert.equal(scenarioVariables(scenario).length, 1);
});

test('the 257th level is reported at its name and the rest of the block is not checked', () => {
  const text = `${header}${'<a>'.repeat(256)}<deeper><b></c>&bad;\n\t<x y=z/>\n`;
  const scenario = parseScenario(text);
  const stanza = scenario.steps[1].block!.stanzas[0];
  const nameAt = text.indexOf('<deeper>') + 1 - text.lastIndexOf('\n', text.indexOf('<deeper>')) - 1;
  assert.deepEqual(
    diagnose(scenario).map((item) => [item.code, show(item.range)]),
    [['xml-too-deep', `5:${nameAt}-5:${nameAt + 'deeper'.length}`]],
  );
  assert.equal(depthOf(stanza), 256);
  // What stays open runs to the end of the block.
  assert.equal(show(stanza.range), `5:1-6:9`);
});

test('a block of millions of unclosed elements gives one diagnostic and a small tree', () => {
  const text = `${header}${'<a>'.repeat(3.5 * 1024 * 1024)}\n`;
  const scenario = parseScenario(text);
  assert.deepEqual(
    diagnose(scenario).map((item) => item.code),
    ['xml-too-deep'],
  );
  assert.equal(depthOf(scenario.steps[1].block!.stanzas[0]), 256);
});
