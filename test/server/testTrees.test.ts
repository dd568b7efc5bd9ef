// The Test Explorer's tree of an open document comes from the language server's parse
// (server/src/testTrees.ts, shared/protocol.ts `scansion/testTree`): one parse per keystroke,
// counted, with the tree notification on; the tree equals a fresh parse's. Then the built server:
// trees only for an editor that asks for them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver/node';
import { IncrementalParser, parseScenario } from '../../core/parser/index.js';
import { ScenarioParser } from '../../core/parser/scenario.js';
import { scenarioTree } from '../../core/testTree.js';
import { ScenarioDocuments } from '../../server/src/documents.js';
import { TestTreePublisher, testTreeDelayMs } from '../../server/src/testTrees.js';
import { testTreeNotification, type TestTreeParams } from '../../shared/protocol.js';
import { inProcessServer, notificationsOf } from './inProcessServer.js';
import { LspClient } from './lspClient.js';

const text = [
  '# Romeo greets Juliet',
  '[Client] Romeo',
  '\tjid: romeo@localhost',
  '[Client] Juliet',
  '\tjid: juliet@localhost',
  '-----',
  'Romeo connects',
  'Juliet connects',
  'Romeo sends:',
  '\t<message to="juliet@localhost"><body>Hi</body></message>',
  '',
].join('\n');

/** Counts every parse core makes: IncrementalParser.parse calls, and whole parses made outside
 *  one (parseScenario, or a ScenarioParser of someone's own). */
function countParses(): { count(): number; restore(): void } {
  const incremental = IncrementalParser.prototype.parse;
  const whole = ScenarioParser.prototype.parse;
  let count = 0;
  let inside = 0;
  IncrementalParser.prototype.parse = function (this: IncrementalParser, source: string) {
    count++;
    inside++;
    try {
      return incremental.call(this, source);
    } finally {
      inside--;
    }
  };
  ScenarioParser.prototype.parse = function (this: ScenarioParser) {
    if (inside === 0) count++;
    return whole.call(this);
  };
  return {
    count: () => count,
    restore: () => {
      IncrementalParser.prototype.parse = incremental;
      ScenarioParser.prototype.parse = whole;
    },
  };
}

test('an open document gets its test tree from the server, at one parse per keystroke', async () => {
  // A new step at the end, typed one character a keystroke; the trees a fresh parse gives.
  const typed = 'Juliet receives: nothing';
  const opened = scenarioTree(parseScenario(text));
  const final = scenarioTree(parseScenario(text + typed));
  const parses = countParses();
  // The server's document handling, diagnostics and trees as main.ts wires them, in this process
  // (so that its parses can be counted).
  const documents = new ScenarioDocuments(() => {});
  let trees!: TestTreePublisher;
  const wired = inProcessServer(documents, (server) => (trees = new TestTreePublisher(server, documents, 40)));
  trees.enabled = true;
  const { client } = wired;
  const { trees: received, diagnostics, until } = notificationsOf(client);
  try {
    await wired.initialize();
    const uri = 'file:///greeting.scs';
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'scansion', version: 1, text } });
    await until(() => received.length === 1);
    assert.equal(received[0]!.version, 1);
    assert.deepEqual(received[0]!.tree, opened);

    // Each keystroke waits for its diagnostics.
    const end = { line: text.split('\n').length - 1, character: 0 };
    for (let i = 0; i < typed.length; i++) {
      const at = { line: end.line, character: i };
      const version = i + 2;
      await client.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: at, end: at }, text: typed[i]! }],
      });
      await until(() => diagnostics.some((params) => params.version === version));
    }
    const last = typed.length + 1;
    await until(() => received.some((params) => params.version === last));
    const tree = received.at(-1)!.tree!;
    assert.deepEqual(tree, final, 'the tree equals a fresh parse of the text');
    assert.deepEqual(
      tree.steps.map((step) => step.label),
      ['Romeo connects', 'Juliet connects', 'Romeo sends <message>', 'Juliet receives nothing'],
    );
    // One parse for the opening and one per keystroke: the trees parsed nothing of their own.
    assert.equal(parses.count(), 1 + typed.length);
    // Trees follow a pause in typing, not every keystroke.
    assert.ok(received.length < typed.length / 2, `${received.length} trees for ${typed.length} keystrokes`);
  } finally {
    parses.restore();
    wired.dispose();
  }
});

test('the built server publishes trees only to an editor that asks for them', async () => {
  const uri = 'file:///greeting.scs';
  for (const testTrees of [true, false]) {
    const client = await LspClient.start([], { testTrees });
    const received: TestTreeParams[] = [];
    client.connection.onNotification(testTreeNotification, (params) => {
      received.push(params);
    });
    try {
      await client.open(uri, text);
      await client.change(uri, [{ range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }, text: '' }]);
      if (!testTrees) {
        // Well beyond the pause the server waits for after an edit (testTreeDelayMs).
        await new Promise((resolve) => setTimeout(resolve, 4 * testTreeDelayMs));
        assert.deepEqual(received, []);
        continue;
      }
      while (!received.some((params) => params.version === 2)) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(
        received.map((params) => [params.version, params.tree?.steps.map((step) => step.label)]),
        [
          [1, ['Romeo connects', 'Juliet connects', 'Romeo sends <message>']],
          [2, ['Juliet connects', 'Romeo sends <message>']],
        ],
      );
    } finally {
      await client.stop();
    }
  }
});
