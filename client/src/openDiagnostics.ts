// The first diagnostics of the scenarios already open when the language client starts: the client
// sends them to the server with `initialize` (openDocuments), and shows the diagnostics the server
// answers with (ScansionInitializeResult.openDiagnostics, shared/protocol.ts) as soon as the answer
// comes. At a window's start, the extension host runs other extensions' activation (VS Code's
// TypeScript and JSON support among them) between the answer to `initialize` and the server's
// diagnostics for the didOpen that follows it; the user sees the file's squiggles one round trip
// sooner. The server's publishDiagnostics for that didOpen come later, with the same diagnostics.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { TextDocumentItem } from 'vscode-languageserver-protocol';
import type { ScansionInitializeResult } from '../../shared/protocol.js';

/** The documents shown in editors that `selector` matches (the language client will open them on
 *  the server, with any other open ones), as LSP's didOpen carries them. Only those shown: the
 *  server analyses them all before it answers `initialize`, and the diagnostics of a file in a
 *  background tab can come with its didOpen. */
export function openDocumentItems(selector: vscode.DocumentSelector): TextDocumentItem[] {
  const shown = new Set(vscode.window.visibleTextEditors.map((editor) => editor.document));
  return [...shown]
    .filter((document) => vscode.languages.match(selector, document) > 0)
    .map((document) => ({ uri: document.uri.toString(), languageId: document.languageId, version: document.version, text: document.getText() }));
}

/** Each time `client` has started (the first start and every restart), puts the diagnostics the
 *  server answered `initialize` with into the client's own collection, for each document still
 *  open at the version they are of (a document edited since gets the server's diagnostics of the
 *  edit, as usual). */
export function showOpenDiagnostics(client: LanguageClient): vscode.Disposable {
  return client.onDidChangeState(() => {
    if (!client.isRunning()) return;
    const answer = client.initializeResult as ScansionInitializeResult | undefined;
    for (const params of answer?.openDiagnostics ?? []) {
      const current = () => vscode.workspace.textDocuments.find((document) => document.uri.toString() === params.uri && document.version === params.version);
      const document = current();
      if (!document) continue;
      void client.protocol2CodeConverter.asDiagnostics(params.diagnostics).then((diagnostics) => {
        if (current() === document) client.diagnostics?.set(document.uri, diagnostics);
      });
    }
  });
}
