// Reading a scenario's text from the workspace: the editor's when the file is open (unsaved edits
// included), the disk's otherwise.

import * as vscode from 'vscode';

/** The open document of `uri`, if an editor has it. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
}

/** The file's text as saved. */
export async function savedText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The text a run should use: the open document's, else the saved file's. */
export async function currentText(uri: vscode.Uri): Promise<string> {
  return openDocument(uri)?.getText() ?? savedText(uri);
}
