// Closes tags as the author types, the way VS Code's HTML support does: after a `>` that ends a
// start tag the closing tag appears right of the cursor, and after `</` the name of the element
// left open. The language server decides what to insert (`scansion/autoClose`); this only
// watches typing. Setting `scansion.autoClosingTags` turns it off.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { autoCloseRequest, type AutoCloseParams } from '../../shared/protocol.js';

/** How long to wait after the keystroke, so that a fast typist's next key cancels the insertion. */
const settleMs = 60;

export function autoCloseTags(client: LanguageClient): vscode.Disposable {
  let pending: ReturnType<typeof setTimeout> | undefined;
  return vscode.workspace.onDidChangeTextDocument((event) => {
    const { document } = event;
    // Undo and redo (event.reason set) must not insert anything.
    if (document.languageId !== 'scansion' || event.reason !== undefined || event.contentChanges.length !== 1) return;
    const change = event.contentChanges[0];
    if (change.rangeLength !== 0 || (change.text !== '>' && change.text !== '/')) return;
    if (!vscode.workspace.getConfiguration('scansion', document).get<boolean>('autoClosingTags', true)) return;
    const editor = vscode.window.activeTextEditor;
    if (editor?.document !== document) return;
    const typed = change.text;
    const position = change.range.start.translate(0, 1);
    const version = document.version;
    clearTimeout(pending);
    const closeTag = async (): Promise<void> => {
      if (!client.isRunning()) return;
      const params: AutoCloseParams = {
        textDocument: { uri: document.uri.toString() },
        position: { line: position.line, character: position.character },
        typed,
      };
      const snippet = await client.sendRequest(autoCloseRequest, params).catch(() => null);
      // Only when nothing moved since the keystroke.
      if (!snippet || document.version !== version || !editor.selection.active.isEqual(position)) return;
      await editor.insertSnippet(new vscode.SnippetString(snippet), position, { undoStopBefore: false, undoStopAfter: false });
    };
    // An insertion that fails (the editor closed meanwhile) leaves the text as typed: nothing to report.
    pending = setTimeout(() => void closeTag().catch(() => undefined), settleMs);
  });
}
