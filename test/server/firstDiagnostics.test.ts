// The first diagnostics of a document just opened (issue 12, item 3): the built server answers
// them in the handling of didOpen, before anything it does for the same document afterwards,
// without asking the editor anything first (a workspace/configuration request that is never
// answered must not hold them up) and without looking at the workspace's other files. How fast
// that is, is a benchmark figure (server_first_diagnostics_ms, bench/serverStart.bench.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { DidOpenTextDocumentNotification, DocumentSymbolRequest, FoldingRangeRequest, type MessageConnection } from 'vscode-languageserver/node';
import { serverNodeOptions } from '../../client/src/serverProcess.js';
import { testTreeNotification } from '../../shared/protocol.js';
import { LspClient, repoRoot } from './lspClient.js';

const corpus = join(repoRoot, '../shared/corpus/prosody-0.12');

test('a document just opened gets its diagnostics first, asking the editor nothing', async () => {
  // An editor like VS Code: it can answer configuration requests and has the whole corpus as its
  // workspace, and it asks for test trees (as the extension does, client/src/languageClient.ts).
  const client = await LspClient.start(
    [...serverNodeOptions],
    { testTrees: true },
    {
      rootUri: pathToFileURL(corpus).href,
      workspaceFolders: [{ uri: pathToFileURL(corpus).href, name: 'corpus' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } } },
    },
  );
  const events: string[] = [];
  // Every request from the server to the editor is noted and never answered (the protocol
  // connection's types leave out the handler for all methods its message connection has).
  (client.connection as unknown as MessageConnection).onRequest((method: string) => {
    events.push(`request ${method}`);
    return new Promise(() => {});
  });
  client.connection.onNotification(testTreeNotification, (params) => {
    events.push(`tree ${params.uri}`);
  });
  client.onPublished((params) => {
    events.push(`diagnostics ${params.uri}`);
  });
  try {
    const uri = pathToFileURL(join(corpus, 'muc_members_only_deregister.scs')).href;
    const text = readFileSync(new URL(uri), 'utf8');
    // The editor asks for the outline and the folding ranges right after opening, as VS Code does:
    // all three reach the server together.
    const published = client.nextDiagnostics(uri, 1);
    void client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'scansion', version: 1, text },
    });
    const outline = client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }).then(() => events.push('answer documentSymbol'));
    const folding = client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }).then(() => events.push('answer foldingRange'));
    assert.deepEqual((await published).diagnostics, []);
    await Promise.all([outline, folding]);
    while (!events.includes(`tree ${uri}`)) await new Promise((resolve) => setTimeout(resolve, 10));
    // The test tree, built from the same analysis, may come before or after the two answers.
    assert.deepEqual(events.slice(0, 1), [`diagnostics ${uri}`]);
    assert.deepEqual(events.slice(1).sort(), ['answer documentSymbol', 'answer foldingRange', `tree ${uri}`]);
    assert.deepEqual(client.errors, []);
  } finally {
    await client.stop();
  }
});
