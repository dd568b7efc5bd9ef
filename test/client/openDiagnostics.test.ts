// The extension sends the scenarios open as the language client starts with `initialize`, and shows
// the diagnostics the server answers with for each document still at the version sent
// (client/src/openDiagnostics.ts; the server's side: test/server/openDocuments.test.ts). Here with
// stand-ins for VS Code and the language client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadWithVscode } from './withVscode.js';

type OpenDiagnostics = typeof import('../../client/src/openDiagnostics.js');

interface Document {
  uri: { toString(): string };
  languageId: string;
  version: number;
  getText(): string;
}

const document = (uri: string, languageId: string, version: number): Document => ({
  uri: { toString: () => uri },
  languageId,
  version,
  getText: () => `text of ${uri}`,
});

/** VS Code with `textDocuments` open, `shown` of them in editors (by default all, each once). */
function standIn(textDocuments: Document[], shown: Document[] = textDocuments) {
  return {
    workspace: { textDocuments },
    window: { visibleTextEditors: shown.map((document) => ({ document })) },
    languages: { match: (selector: { language: string }[], doc: Document) => (selector.some((filter) => filter.language === doc.languageId) ? 10 : 0) },
  };
}

test('the documents sent with initialize are those shown in editors that the selector matches, each once, as didOpen carries them', async () => {
  const shown = document('file:///a.scs', 'scansion', 4);
  const json = document('file:///b.json', 'json', 1);
  // A split editor shows the first twice; the third is open in a background tab.
  const vscode = standIn([shown, json, document('file:///c.scs', 'scansion', 1)], [shown, json, shown]);
  const { openDocumentItems } = await loadWithVscode<OpenDiagnostics>('client/src/openDiagnostics.ts', vscode);
  assert.deepEqual(openDocumentItems([{ language: 'scansion' }]), [
    { uri: 'file:///a.scs', languageId: 'scansion', version: 4, text: 'text of file:///a.scs' },
  ]);
});

test("each start's answer puts its diagnostics into the client's collection, for documents still open at the version answered", async () => {
  const open = document('file:///open.scs', 'scansion', 2);
  const edited = document('file:///edited.scs', 'scansion', 3);
  const textDocuments = [open, edited];
  const vscode = standIn(textDocuments);
  const { showOpenDiagnostics } = await loadWithVscode<OpenDiagnostics>('client/src/openDiagnostics.ts', vscode);
  const set: [string, unknown[]][] = [];
  let listener: (() => void) | undefined;
  let running = false;
  const answer = (uri: string, version: number) => ({ uri, version, diagnostics: [{ message: `in ${uri}` }] });
  const client = {
    onDidChangeState: (next: () => void) => ((listener = next), { dispose() {} }),
    isRunning: () => running,
    initializeResult: {
      capabilities: {},
      openDiagnostics: [answer('file:///open.scs', 2), answer('file:///edited.scs', 2), answer('file:///closed.scs', 1)],
    } as unknown,
    protocol2CodeConverter: { asDiagnostics: async (diagnostics: { message: string }[]) => diagnostics.map(({ message }) => `converted ${message}`) },
    diagnostics: { set: (uri: Document['uri'], diagnostics: unknown[]) => set.push([uri.toString(), diagnostics]) },
  };
  showOpenDiagnostics(client as never);
  // Starting: nothing yet.
  listener!();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(set, []);
  running = true;
  listener!();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(set, [['file:///open.scs', ['converted in file:///open.scs']]]);
  // A document edited between the answer and the conversion keeps what the server publishes for the edit.
  set.length = 0;
  listener!();
  textDocuments[0] = document('file:///open.scs', 'scansion', 3);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(set, []);
});
