// The language server keeps one version of each open document alive (issue 12, item 2): once an
// edit is analysed, nothing holds the previous version's result or text. Each version of a large
// document is a large string; two alive at every collection are two moved to the old generation,
// which then grows until a full collection (server/src/documents.ts, client/src/serverProcess.ts serverNodeOptions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import type { Scenario } from '../../core/model.js';
import { ScenarioDocuments } from '../../server/src/documents.js';
import { inProcessServer } from './inProcessServer.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const text = [
  '[Client] Romeo',
  '\tjid: romeo@localhost',
  '-----',
  'Romeo connects',
  'Romeo sends:',
  '\t<message to="juliet@localhost">',
  '\t\t<body>Hi</body>',
  '\t</message>',
  '',
].join('\n');

test('once an edit is analysed, the previous versions of the document can be collected', async () => {
  // The server's document handling and diagnostics as main.ts wires them, in this process.
  const documents = new ScenarioDocuments((what, error) => assert.fail(`${what}: ${String(error)}`));
  const wired = inProcessServer(documents);
  const { client } = wired;
  const published = new Map<number, (params: PublishDiagnosticsParams) => void>();
  client.onNotification(PublishDiagnosticsNotification.type, (params) => published.get(params.version!)?.(params));
  const uri = 'file:///greeting.scs';
  const analysed = (version: number) => new Promise<PublishDiagnosticsParams>((resolve) => published.set(version, resolve));
  try {
    await wired.initialize();
    let diagnostics = analysed(1);
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'scansion', version: 1, text } });
    assert.deepEqual((await diagnostics).diagnostics, []);
    const results: Array<WeakRef<Scenario>> = [new WeakRef(documents.get(uri)!.scenario)];
    // Typing in the body and deleting it again: each edit is spliced into the result before it.
    const at = { line: 6, character: 8 };
    for (let version = 2; version <= 5; version++) {
      const change =
        version % 2 === 0
          ? { range: { start: at, end: at }, text: 'x' }
          : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
      diagnostics = analysed(version);
      await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
      assert.deepEqual((await diagnostics).diagnostics, []);
      const analysis = documents.get(uri)!;
      assert.equal(analysis.version, version);
      results.push(new WeakRef(analysis.scenario));
    }
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    gc();
    const alive = results.flatMap((result, index) => (result.deref() ? [index + 1] : []));
    assert.deepEqual(alive, [5], `versions whose result is still alive: ${alive.join(', ')}`);
  } finally {
    wired.dispose();
  }
});
