// The documents the editor has open as it starts the server (ScansionInitializationOptions
// .openDocuments, shared/protocol.ts): the answer to `initialize` carries their diagnostics, the
// same as their didOpen publishes afterwards, and that didOpen reuses the analysis made for the
// answer. The extension shows them on that answer (client/src/openDiagnostics.ts): at a window's
// start, one round trip sooner than the didOpen's (bench/vscode.bench.ts activation_ms).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification, PublishDiagnosticsNotification, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { serverNodeOptions } from '../../client/src/serverProcess.js';
import type { ScansionInitializeResult } from '../../shared/protocol.js';
import { ScenarioDocuments } from '../../server/src/documents.js';
import { inProcessServer } from './inProcessServer.js';
import { LspClient, repoRoot } from './lspClient.js';

const corpusUri = pathToFileURL(join(repoRoot, '../shared/corpus/prosody-0.12/muc_members_only_deregister.scs')).href;
const corpusText = readFileSync(new URL(corpusUri), 'utf8');
// Juliet is no character of the scenario: one diagnostic.
const brokenUri = 'untitled:Untitled-1';
const brokenText = ['[Client] Romeo', '\tjid: romeo@localhost', '-----', 'Romeo connects', 'Juliet connects', ''].join('\n');

test('the answer to initialize carries the diagnostics of the open documents, the same as their didOpen then publishes', async () => {
  const openDocuments = [
    { uri: corpusUri, languageId: 'scansion', version: 3, text: corpusText },
    { uri: brokenUri, languageId: 'scansion', version: 1, text: brokenText },
  ];
  const client = await LspClient.start([...serverNodeOptions], { testTrees: true, openDocuments });
  try {
    const answered = (client.initializeResult as ScansionInitializeResult).openDiagnostics;
    assert.deepEqual(
      answered?.map(({ uri, version, diagnostics }) => ({ uri, version, count: diagnostics.length })),
      [
        { uri: corpusUri, version: 3, count: 0 },
        { uri: brokenUri, version: 1, count: 1 },
      ],
    );
    assert.match(String(answered[1].diagnostics[0].message), /Juliet/);
    for (const [index, item] of openDocuments.entries()) {
      const published = client.nextDiagnostics(item.uri, item.version);
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: item });
      assert.deepEqual(await published, answered[index]);
    }
    assert.deepEqual(client.errors, []);
  } finally {
    await client.stop();
  }
});

test('without open documents, or with malformed ones, the answer to initialize is the plain one and the server works on', async () => {
  for (const openDocuments of [
    undefined,
    [],
    'file:///a.scs',
    [null, 7, { uri: 'file:///a.scs' }, { uri: 'file:///b.scs', languageId: 'scansion', version: 1.5, text: '' }],
  ]) {
    const client = await LspClient.start([...serverNodeOptions], { testTrees: true, openDocuments } as never);
    try {
      const answer = client.initializeResult as ScansionInitializeResult;
      assert.equal(answer.openDiagnostics, undefined, JSON.stringify(openDocuments));
      assert.ok(answer.capabilities.textDocumentSync);
      assert.equal((await client.open(brokenUri, brokenText)).diagnostics.length, 1);
      assert.deepEqual(client.errors, []);
    } finally {
      await client.stop();
    }
  }
});

test("a document's didOpen gets the analysis made ahead of it when version and text are the same, a parse of its own otherwise", async () => {
  const documents = new ScenarioDocuments((what, error) => assert.fail(`${what}: ${String(error)}`));
  const wired = inProcessServer(documents);
  const published: PublishDiagnosticsParams[] = [];
  wired.client.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
  });
  try {
    await wired.initialize();
    const same = documents.analyzeAhead({ uri: 'file:///same.scs', languageId: 'scansion', version: 1, text: brokenText });
    const edited = documents.analyzeAhead({ uri: 'file:///edited.scs', languageId: 'scansion', version: 1, text: brokenText });
    await wired.client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: 'file:///same.scs', languageId: 'scansion', version: 1, text: brokenText },
    });
    const editedText = brokenText.replace('Juliet', 'Romeo');
    await wired.client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: 'file:///edited.scs', languageId: 'scansion', version: 2, text: editedText },
    });
    while (published.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(documents.get('file:///same.scs')?.scenario, same.scenario);
    assert.notEqual(documents.get('file:///edited.scs')?.scenario, edited.scenario);
    assert.equal(documents.get('file:///edited.scs')?.scenario.text, editedText);
    assert.deepEqual(
      published.map(({ uri, version, diagnostics }) => ({ uri, version, count: diagnostics.length })),
      [
        { uri: 'file:///same.scs', version: 1, count: 1 },
        { uri: 'file:///edited.scs', version: 2, count: 0 },
      ],
    );
  } finally {
    wired.dispose();
  }
});
