// core/positions.ts: the one comparison of positions in document order, used by the language
// server's tree walks (server/src/tree.ts, codeActions.ts) and the extension's edit following
// (client/src/run/followEdits.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparePositions } from '../../core/positions.js';
import { parseScenario } from '../../core/parser/index.js';

test('comparePositions orders by line, then by character on the same line', () => {
  assert.ok(comparePositions({ line: 1, character: 9 }, { line: 2, character: 0 }) < 0, 'an earlier line comes first, whatever the column');
  assert.ok(comparePositions({ line: 3, character: 0 }, { line: 2, character: 40 }) > 0);
  assert.ok(comparePositions({ line: 2, character: 3 }, { line: 2, character: 4 }) < 0);
  assert.ok(comparePositions({ line: 2, character: 5 }, { line: 2, character: 4 }) > 0);
  assert.equal(comparePositions({ line: 2, character: 4 }, { line: 2, character: 4 }), 0);
});

test("sorting a parsed scenario's ranges with comparePositions gives them in document order", () => {
  const scenario = parseScenario(['[Client] Romeo', '\tjid: romeo@localhost', '-----', 'Romeo connects', 'Romeo sends:', '\t<presence/>', ''].join('\n'));
  const starts = [scenario.steps[1]!.range.start, scenario.characters[0]!.range.start, scenario.steps[0]!.range.start];
  const sorted = [...starts].sort(comparePositions);
  assert.deepEqual(
    sorted.map((position) => position.line),
    [0, 3, 4],
  );
});
