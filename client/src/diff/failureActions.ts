// Code lenses on the failed steps of the last run ("Show stanza diff", "Accept received stanza")
// and the quick fix "Accept received stanza" on a failed `receives` step.

import * as vscode from 'vscode';
import { parseScenario } from '../../../core/parser/index.js';
import { acceptReceivedEdit } from '../../../core/snapshot.js';
import type { StepResult } from '../../../core/results.js';
import { toRange } from '../convert.js';
import type { LastResults } from '../run/lastResults.js';

export const showDiffCommand = 'scansion.showStanzaDiff';
export const acceptCommand = 'scansion.acceptReceivedStanza';

function canAccept(step: StepResult): boolean {
  return step.failure?.actual !== undefined && step.failure.expected !== undefined;
}

export class FailureCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly results: LastResults) {
    this.subscription = results.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const uri = document.uri.toString();
    return this.results.failedSteps(uri).flatMap((step) => {
      const range = toRange(step.actionRange);
      const lenses = [new vscode.CodeLens(range, { title: '$(diff) Show stanza diff', command: showDiffCommand, arguments: [document.uri, step.index] })];
      if (canAccept(step)) {
        lenses.push(new vscode.CodeLens(range, { title: '$(check) Accept received stanza', command: acceptCommand, arguments: [document.uri, step.index] }));
      }
      return lenses;
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export class AcceptReceivedFix implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly results: LastResults) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const uri = document.uri.toString();
    const stored = this.results.get(uri);
    if (!stored) return [];
    return this.results.failedSteps(uri).flatMap((step) => {
      const current = stored.scenario.steps[step.index];
      if (!canAccept(step) || !current || !toRange(current.range).intersection(range)) return [];
      const action = new vscode.CodeAction('Accept received stanza', vscode.CodeActionKind.QuickFix);
      action.command = { title: 'Accept received stanza', command: acceptCommand, arguments: [document.uri, step.index] };
      action.isPreferred = true;
      return [action];
    });
  }
}

/** Replaces the expected block of a failed `receives` step with what arrived. */
export async function acceptReceived(results: LastResults, uri: vscode.Uri, stepIndex: number): Promise<boolean> {
  const stored = results.get(uri.toString());
  const step = stored?.result.steps.find((candidate) => candidate.index === stepIndex);
  const received = step?.failure?.actual;
  if (!stored || received === undefined) {
    void vscode.window.showWarningMessage('Scansion: no received stanza to accept for this step; run the scenario first.');
    return false;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  // The edit is computed on the text as it is now, so edits made since the run are respected.
  const edit = acceptReceivedEdit(parseScenario(document.getText()), stepIndex, received, stored.result.boundJids);
  if (!edit) {
    void vscode.window.showWarningMessage('Scansion: the step is no longer a receives step with a block; run the scenario again.');
    return false;
  }
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(uri, toRange(edit.range), edit.newText);
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) return false;
  results.delete(uri.toString());
  // Saved at once, like a snapshot update: the next run reads the new expectation from disk too.
  return document.save();
}
