// "Insert received stanza as step": while a session stands at a step, the oldest stanza a character
// received and no step consumed becomes a `receives` step above it, written by the adapter with
// the snapshot code "Accept received stanza" uses (core/snapshot.ts), and saved.

import * as vscode from 'vscode';
import { insertReceivedStepRequest, type InsertReceivedStepArguments, type InsertReceivedStepResponse } from '../../../shared/debugProtocol.js';
import { toRange } from '../convert.js';
import type { DebugSessions, PausedAt } from './sessions.js';

export const insertReceivedCommand = 'scansion.insertReceivedStanza';
export const debugScenarioCommand = 'scansion.debugScenario';

/** Inserts the step; `uri` and `character` come from the code lens, else the active session and a
 *  pick among the characters holding stanzas. Resolves with whether the file changed. */
export async function insertReceivedStanza(sessions: DebugSessions, uri?: unknown, character?: unknown): Promise<boolean> {
  const paused = uri instanceof vscode.Uri ? sessions.pausedIn(uri) : sessions.activePaused();
  if (!paused) {
    void vscode.window.showInformationMessage('Scansion: no scenario is stopped at a step; debug one and stop at a breakpoint first.');
    return false;
  }
  const who = typeof character === 'string' ? character : await pickCharacter(paused);
  if (!who) return false;
  const document = await vscode.workspace.openTextDocument(paused.uri);
  const args: InsertReceivedStepArguments = { character: who, text: document.getText() };
  let answer: InsertReceivedStepResponse;
  try {
    answer = (await paused.session.customRequest(insertReceivedStepRequest.command, args)) as InsertReceivedStepResponse;
  } catch (error) {
    void vscode.window.showWarningMessage(`Scansion: ${(error as Error).message}`);
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(paused.uri, toRange(answer.edit.range), answer.edit.newText);
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  // Saved at once, as "Accept received stanza" does: a restart reads the grown scenario from disk.
  return document.save();
}

async function pickCharacter(paused: PausedAt): Promise<string | undefined> {
  const names = paused.body.connectedCharacters;
  if (names.length === 0) void vscode.window.showInformationMessage('Scansion: no character is connected.');
  if (names.length <= 1) return names[0];
  return vscode.window.showQuickPick(names, { placeHolder: 'Whose received stanza becomes a step?' });
}

/** "Debug Scenario" at the top of every scenario, and "Insert received stanza as step" on the step
 *  a session stands at, for each connected character. */
export class DebugCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly sessions: DebugSessions) {
    this.subscription = sessions.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const paused = this.sessions.pausedIn(document.uri);
    if (!paused) {
      const top = new vscode.Range(0, 0, 0, 0);
      return [new vscode.CodeLens(top, { title: '$(debug-alt) Debug Scenario', command: debugScenarioCommand, arguments: [document.uri] })];
    }
    const range = toRange(paused.body.range);
    return paused.body.connectedCharacters.map(
      (name) =>
        new vscode.CodeLens(range, {
          title: `$(add) Insert received stanza as step (${name})`,
          command: insertReceivedCommand,
          arguments: [document.uri, name],
        }),
    );
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
