// The one place the extension parses `.scs` text (with core's parser, as every adapter does).
// The Test Explorer's items of open documents come from the language server's own parse
// (`scansion/testTree`, testing/testController.ts), so the editor parses nothing while the author
// types. This parses:
// - files no editor has open, for their test items (when they are resolved, run or change on disk);
// - the text an action works on, once per action: a run, the passwords of a debug session, Accept,
//   the accounts offered by "Set Account Password".

import type * as vscode from 'vscode';
import type { Scenario } from '../../core/model.js';
import { parseScenario } from '../../core/parser/index.js';
import { currentText, savedText } from './workspaceText.js';

/** The file as saved. Rejects when it cannot be read (deleted, unreadable). */
export async function parseSavedFile(uri: vscode.Uri): Promise<Scenario> {
  return parseScenario(await savedText(uri));
}

/** The text an action runs on: the open document's (unsaved edits included), else the saved
 *  file's. Rejects when the file is not open and cannot be read. */
export async function parseCurrentText(uri: vscode.Uri): Promise<Scenario> {
  return parseScenario(await currentText(uri));
}

/** An open document as it is now. */
export function parseDocument(document: vscode.TextDocument): Scenario {
  return parseScenario(document.getText());
}
