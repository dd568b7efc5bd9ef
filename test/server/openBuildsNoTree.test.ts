// Opening a document in the language server: its diagnostics, its test tree (test-item labels),
// its document symbols and its folding ranges are made without building the XML tree of any block
// the scan read (core/parser/glance.ts reads their outlines), and they are what the same features
// give from a fresh parse whose every tree is read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DidOpenTextDocumentNotification, DocumentSymbolRequest, FoldingRangeRequest } from 'vscode-languageserver/node';
import { parseScenario } from '../../core/parser/index.js';
import { LazyBlock } from '../../core/parser/lazyBlock.js';
import { StepBlock } from '../../core/parser/steps.js';
import { scenarioTree } from '../../core/testTree.js';
import { diagnose } from '../../core/diagnostics/index.js';
import { ScenarioDocuments } from '../../server/src/documents.js';
import { documentSymbols } from '../../server/src/symbols.js';
import { foldingRanges } from '../../server/src/folding.js';
import { TestTreePublisher } from '../../server/src/testTrees.js';
import type { Scenario } from '../../core/model.js';
import { generateScenario } from '../../bench/generate.js';
import { plainScenario } from '../parser/plain.js';
import { inProcessServer, notificationsOf } from './inProcessServer.js';

/** The blocks of `scenario` the scan read (their trees built when first read). */
function lazyBlocks(scenario: Scenario): LazyBlock[] {
  return scenario.steps.flatMap((step) => (step.block instanceof StepBlock && step.block.parsed instanceof LazyBlock ? [step.block.parsed] : []));
}

test('opening a document builds no tree for the blocks the scan read: diagnostics, test tree, symbols, folding ranges', async () => {
  // Steps whose labels repeat (the first stanza's type/to/from are read), blocks of one and of
  // several stanzas, elements on one line and on several, a block the parser reads at once.
  const text = `${generateScenario(600)}\nRomeo sends:\n\t<presence/><presence\n\t\ttype="unavailable"/>\n\nRomeo sends:\n\t<message><body>unclosed</message>\n`;
  // What the features give from a fresh parse whose every tree is read.
  const plain = plainScenario(parseScenario(text));
  const expected = {
    tree: scenarioTree(plain, diagnose(plain)),
    symbols: documentSymbols(plain),
    folding: foldingRanges(plain),
  };

  const documents = new ScenarioDocuments(() => {});
  let trees!: TestTreePublisher;
  const wired = inProcessServer(documents, (server) => {
    trees = new TestTreePublisher(server, documents, 40);
    // As server/src/main.ts wires them.
    server.onDocumentSymbol((params) => documentSymbols(documents.get(params.textDocument.uri)!.scenario));
    server.onFoldingRanges((params) => foldingRanges(documents.get(params.textDocument.uri)!.scenario));
  });
  trees.enabled = true;
  const { client } = wired;
  const { trees: received, diagnostics, until } = notificationsOf(client);
  try {
    await wired.initialize();
    const uri = 'file:///generated.scs';
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'scansion', version: 1, text } });
    await until(() => received.length === 1 && diagnostics.length === 1);
    const textDocument = { uri };
    const symbols = await client.sendRequest(DocumentSymbolRequest.type, { textDocument });
    const folding = await client.sendRequest(FoldingRangeRequest.type, { textDocument });

    const scenario = documents.get(uri)!.scenario;
    const lazy = lazyBlocks(scenario);
    assert.ok(lazy.length > 100, `${lazy.length} blocks read by the scan`);
    assert.ok(
      scenario.steps.some((step) => step.block instanceof StepBlock && !(step.block.parsed instanceof LazyBlock)),
      'a block parsed at once',
    );
    assert.deepEqual(
      lazy.filter((block) => block.built).map((block) => block.firstLine + 1),
      [],
      'lines of the blocks whose tree was built',
    );
    assert.deepEqual(received[0]!.tree, expected.tree);
    assert.deepEqual(symbols, expected.symbols);
    assert.deepEqual(folding, expected.folding);
    assert.ok(
      expected.tree!.steps.some((step) => step.label.includes(' type="chat"')),
      "labels that read the first stanza's attributes",
    );
    assert.ok(expected.folding.length > lazy.length, `${expected.folding.length} folding ranges`);
  } finally {
    wired.dispose();
  }
});
