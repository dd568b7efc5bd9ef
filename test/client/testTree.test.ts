// client/src/testing/testTree.ts: the test items built from a parsed scenario.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScenario } from '../../core/parser/index.js';
import { parseItemId, scenarioTree, stepId } from '../../client/src/testing/testTree.js';

const uri = 'file:///work/scenarios/greeting.scs';
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

test('a scenario becomes an item named by its title with a child per step, in order', () => {
  const tree = scenarioTree(parseScenario(text), uri, 'greeting.scs')!;
  assert.equal(tree.id, uri);
  assert.equal(tree.label, 'Romeo greets Juliet');
  assert.equal(tree.error, undefined);
  assert.deepEqual(
    tree.steps.map((step) => [step.id, step.label, step.range.start.line, step.sortText]),
    [
      [`${uri}#step-0`, 'Romeo connects', 7, '0'],
      [`${uri}#step-1`, 'Romeo sends <message>', 10, '1'],
      [`${uri}#step-2`, "Juliet's phone receives nothing", 13, '2'],
    ],
  );
  assert.equal(tree.steps[1].description, 'The greeting');
  assert.equal(tree.steps[1].range.end.line, 11);
});

test('a file without a title is named by its file name; errors are reported on the scenario', () => {
  const tree = scenarioTree(parseScenario('[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo sendz:\n'), uri, 'broken.scs')!;
  assert.equal(tree.label, 'broken.scs');
  assert.match(tree.error ?? '', /line 4/);
});

test('ids are stable: the same text gives the same ids, and ids name their file and step', () => {
  const first = scenarioTree(parseScenario(text), uri, 'a.scs')!;
  const second = scenarioTree(parseScenario(text), uri, 'a.scs')!;
  assert.deepEqual(
    first.steps.map((s) => s.id),
    second.steps.map((s) => s.id),
  );
  assert.deepEqual(parseItemId(stepId(uri, 12)), { uri, stepIndex: 12 });
  assert.deepEqual(parseItemId(uri), { uri });
  assert.deepEqual(parseItemId(`${uri}#step-x`), { uri: `${uri}#step-x` });
});

test('every corpus scenario gives a tree with one item per step and ranges inside the file', () => {
  const corpus = resolve(import.meta.dirname, '../../../shared/corpus/prosody-0.12');
  assert.ok(existsSync(corpus), `corpus not found at ${corpus}`);
  const files = readdirSync(corpus).filter((name) => name.endsWith('.scs'));
  assert.ok(files.length > 20);
  for (const name of files) {
    const source = readFileSync(join(corpus, name), 'utf8');
    const scenario = parseScenario(source);
    const tree = scenarioTree(scenario, `file:///${name}`, name)!;
    const lines = source.split('\n').length;
    assert.equal(tree.steps.length, scenario.steps.length, name);
    assert.ok(tree.steps.length > 0, name);
    assert.equal(new Set(tree.steps.map((s) => s.id)).size, tree.steps.length, `${name}: ids unique`);
    for (const step of tree.steps) assert.ok(step.range.end.line < lines, `${name}: ${step.label}`);
    assert.deepEqual(
      [...tree.steps].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((s) => s.index),
      tree.steps.map((s) => s.index),
      name,
    );
  }
});

test('a step is not described by the scenario title', () => {
  const tree = scenarioTree(parseScenario('# Title\n[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\n'), uri, 'a.scs')!;
  assert.equal(tree.steps[0].description, undefined);
});

test('## tags become test tags: the name, and name:value for a tag with a value', () => {
  const tagged = scenarioTree(
    parseScenario(`# Tagged\n## muc\n## status: stable\n\n[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\n`),
    uri,
    'tagged.scs',
  )!;
  assert.deepEqual(tagged.tags, ['muc', 'status', 'status:stable']);
  assert.deepEqual(scenarioTree(parseScenario(text), uri, 'greeting.scs')!.tags, []);
});

test('an empty file, or one with only comments, is not a test item', () => {
  assert.equal(scenarioTree(parseScenario(''), uri, 'new.scs'), undefined);
  assert.equal(scenarioTree(parseScenario('# A title, nothing else yet\n\n'), uri, 'new.scs'), undefined);
  assert.ok(scenarioTree(parseScenario('[Client] Romeo\n\tjid: romeo@localhost\n'), uri, 'new.scs'), 'a definition makes it a scenario');
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
    scenarioTree(scenario, uri, 'labels.scs')!.steps.map((step) => step.label),
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
