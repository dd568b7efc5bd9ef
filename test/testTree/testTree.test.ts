// core/testTree.ts: the test tree of a parsed scenario (the language server publishes it for open
// documents; the extension builds it for the others and turns it into Test Explorer items).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IncrementalParser, parseScenario } from '../../core/parser/index.js';
import { scenarioTree } from '../../core/testTree.js';
import { diagnose } from '../../core/diagnostics/index.js';

const text = [
  '# Romeo greets Juliet',
  '',
  '[Client] Romeo',
  '\tjid: romeo@localhost',
  "[Client] Juliet's phone",
  '\tjid: juliet@localhost',
  '-----',
  'Romeo connects',
  '',
  '# The greeting',
  'Romeo sends:',
  '\t<message to="${Juliet\'s phone\'s full JID}"><body>Hi</body></message>',
  '',
  "Juliet's phone receives: nothing",
  '',
].join('\n');

test('a scenario becomes a tree with its title and an entry per step, in order', () => {
  const tree = scenarioTree(parseScenario(text))!;
  assert.equal(tree.title, 'Romeo greets Juliet');
  assert.equal(tree.error, undefined);
  assert.deepEqual(tree.range, { start: { line: 0, character: 0 }, end: { line: 14, character: 0 } });
  assert.deepEqual(
    tree.steps.map((step) => [step.index, step.label, step.range.start.line]),
    [
      [0, 'Romeo connects', 7],
      [1, 'Romeo sends <message>', 10],
      [2, "Juliet's phone receives nothing", 13],
    ],
  );
  assert.equal(tree.steps[1].description, 'The greeting');
  assert.equal(tree.steps[1].range.end.line, 11);
});

test('a file without a title has none (the extension names it by its file); errors are reported on the scenario', () => {
  const broken = parseScenario('[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo sendz:\n');
  const tree = scenarioTree(broken)!;
  assert.equal(tree.title, undefined);
  assert.equal(scenarioTree(broken, diagnose(broken))!.error, tree.error, 'from diagnostics already computed');
  assert.match(tree.error ?? '', /line 4/);
});

test('the tree is stable: the same text gives the same tree, and the incremental parser gives the fresh one', () => {
  const first = scenarioTree(parseScenario(text))!;
  assert.deepEqual(scenarioTree(parseScenario(text)), first);
  const incremental = new IncrementalParser();
  incremental.parse(text.replace('Hi', 'Hello'));
  assert.deepEqual(scenarioTree(incremental.parse(text)), first);
});

test('every corpus scenario gives a tree with one item per step and ranges inside the file', () => {
  const corpus = resolve(import.meta.dirname, '../../../shared/corpus/prosody-0.12');
  assert.ok(existsSync(corpus), `corpus not found at ${corpus}`);
  const files = readdirSync(corpus).filter((name) => name.endsWith('.scs'));
  assert.ok(files.length > 20);
  for (const name of files) {
    const source = readFileSync(join(corpus, name), 'utf8');
    const scenario = parseScenario(source);
    const tree = scenarioTree(scenario)!;
    assert.deepEqual(scenarioTree(scenario, diagnose(scenario)), tree, `${name}: the language server's diagnostics give the same verdict`);
    const lines = source.split('\n').length;
    assert.equal(tree.steps.length, scenario.steps.length, name);
    assert.ok(tree.steps.length > 0, name);
    assert.equal(new Set(tree.steps.map((s) => s.label)).size, tree.steps.length, `${name}: labels tell steps apart`);
    for (const step of tree.steps) assert.ok(step.range.end.line < lines, `${name}: ${step.label}`);
    assert.deepEqual(
      tree.steps.map((s) => s.index),
      scenario.steps.map((s) => s.index),
      name,
    );
  }
});

test('a step is not described by the scenario title', () => {
  const tree = scenarioTree(parseScenario('# Title\n[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\n'))!;
  assert.equal(tree.steps[0].description, undefined);
});

test('## tags become test tags: the name, and name:value for a tag with a value', () => {
  const tagged = scenarioTree(parseScenario(`# Tagged\n## muc\n## status: stable\n\n[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\n`))!;
  assert.deepEqual(tagged.tags, ['muc', 'status', 'status:stable']);
  assert.deepEqual(scenarioTree(parseScenario(text))!.tags, []);
});

test('an empty file, or one with only comments, is not a test item', () => {
  assert.equal(scenarioTree(parseScenario('')), undefined);
  assert.equal(scenarioTree(parseScenario('# A title, nothing else yet\n\n')), undefined);
  assert.ok(scenarioTree(parseScenario('[Client] Romeo\n\tjid: romeo@localhost\n')), 'a definition makes it a scenario');
});

test('step labels tell steps apart: type and from/to where two would read the same, else the line', () => {
  const scenario = parseScenario(
    [
      '[Client] Romeo',
      '\tjid: romeo@localhost',
      '-----',
      'Romeo connects',
      'Romeo receives:',
      '\t<presence from="room@conference.localhost/Juliet"/>',
      'Romeo receives:',
      '\t<presence from="room@conference.localhost/Romeo"/>',
      'Romeo receives:',
      '\t<message type="groupchat"/>',
      'Romeo receives:',
      '\t<message type="groupchat"/>',
      'Romeo sends:',
      '\t<iq type="get" id="1"/>',
    ].join('\n'),
  );
  assert.deepEqual(
    scenarioTree(scenario)!.steps.map((step) => step.label),
    [
      'Romeo connects',
      'Romeo receives <presence from="room@conference.localhost/Juliet">',
      'Romeo receives <presence from="room@conference.localhost/Romeo">',
      'Romeo receives <message type="groupchat"> · line 9',
      'Romeo receives <message type="groupchat"> · line 11',
      'Romeo sends <iq>',
    ],
  );
});
