// Where a line stands in a scenario (core/queries.ts): the definitions, the action lines, and the
// stanza block a half-typed indented line continues. Completion and tag closing ask these.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../core/parser/index.js';
import { inActions, inDefinitions, stanzaBlockOwner } from '../../core/queries.js';

const text = [
  '# Regions', //                        0
  '', //                                 1
  '[Romeo]', //                          2
  '\tjid: romeo@localhost', //           3
  '', //                                 4
  '-----', //                            5
  '', //                                 6
  'Romeo connects', //                   7
  '', //                                 8
  'Romeo sends:', //                     9
  '\t<message to="juliet@localhost">', // 10
  '\t\t<bo', //                          11 (still being typed)
  '', //                                 12
  'Romeo receives: nothing', //          13
  '\t', //                               14
  '# a comment', //                      15
  'Romeo sends:', //                     16
  '\t<presence/>', //                    17
  '# after', //                          18
  '\t', //                               19
].join('\n');

test('definitions lie between the first header and the separator; actions after it', () => {
  const scenario = parseScenario(text);
  assert.deepEqual(
    [2, 3, 4, 5, 6].map((line) => inDefinitions(scenario, line)),
    [false, true, true, false, false],
  );
  assert.deepEqual(
    [3, 5, 6, 7].map((line) => inActions(scenario, line)),
    [false, false, true, true],
  );
});

test('an indented line belongs to the sends/receives block above it, until another step or a comment line', () => {
  const scenario = parseScenario(text);
  const owner = (line: number) => stanzaBlockOwner(scenario, line)?.actionRange.start.line;
  assert.equal(owner(11), 9, 'a half-typed line continues the block above');
  assert.equal(owner(12), 9);
  assert.equal(owner(14), undefined, 'receives: nothing has no block');
  assert.equal(owner(17), 16);
  assert.equal(owner(19), undefined, 'a comment line ends the block');
  assert.equal(owner(8), undefined, 'connects has no block');
});
