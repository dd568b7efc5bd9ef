// Code lenses on the failed steps of the last run ("Show stanza diff", "Accept received stanza"),
// the quick fix "Accept received stanza" on a failed `receives` step, and the Accept itself. The
// steps are where they are now: LastResults moves them with the edits made since the run.

import * as vscode from 'vscode';
import { acceptEdits } from '../../../core/accept.js';
import type { StepResult } from '../../../core/results.js';
import { toRange } from '../convert.js';
import type { LastResults } from '../run/lastResults.js';
import { parseDocument } from '../scenarios.js';

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
    return this.results.failedSteps(uri).flatMap((step) => {
      if (!canAccept(step) || !toRange(step.range).intersection(range)) return [];
      const action = new vscode.CodeAction('Accept received stanza', vscode.CodeActionKind.QuickFix);
      action.command = { title: 'Accept received stanza', command: acceptCommand, arguments: [document.uri, step.index] };
      action.isPreferred = true;
      return [action];
    });
  }
}

/** Changes the expectation of a failed `receives` step so that what arrived passes, with the
 *  smallest edit (core/accept.ts), shown in VS Code's refactor preview before it is applied
 *  (setting `scansion.accept.preview`): edits that need confirmation open the preview, where
 *  VS Code leaves them unticked until the author ticks them and applies. Saved once applied: the
 *  next run reads it from disk. */
export async function acceptReceived(results: LastResults, uri: vscode.Uri, stepIndex: number): Promise<boolean> {
  const stored = results.get(uri.toString());
  const step = results.step(uri.toString(), stepIndex);
  const received = step?.failure?.actual;
  if (!stored || received === undefined) {
    void vscode.window.showWarningMessage('Scansion: no received stanza to accept for this step; run the scenario first.');
    return false;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  // The edit is computed on the text as it is now, so edits made since the run are respected; the
  // step is the one on the failed step's action line now (steps added above it moved it).
  const scenario = parseDocument(document);
  const current = scenario.steps.find((candidate) => candidate.actionRange.start.line === step!.actionRange.start.line);
  const edits = current && acceptEdits(scenario, current.index, received, stored.result.boundJids);
  if (!edits) {
    void vscode.window.showWarningMessage('Scansion: the step is no longer a receives step with a block; run the scenario again.');
    return false;
  }
  const preview = vscode.workspace.getConfiguration('scansion', uri).get<boolean>('accept.preview', true);
  const metadata: vscode.WorkspaceEditEntryMetadata = {
    label: `Accept the stanza received at line ${step!.actionRange.start.line + 1} (tick to apply)`,
    needsConfirmation: preview,
  };
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const edit of edits) workspaceEdit.replace(uri, toRange(edit.range), edit.newText, metadata);
  const version = document.version;
  if (!(await vscode.workspace.applyEdit(workspaceEdit)) || document.version === version) return false;
  results.delete(uri.toString());
  return document.save();
}

/** The failed `receives` step an Accept from the palette or a test message means: the one at
 *  the cursor of the active editor, else its first failed step. */
export function stepToAccept(results: LastResults, args: unknown[]): { uri: vscode.Uri; stepIndex: number } | undefined {
  const [first, second] = args;
  if (first instanceof vscode.Uri && typeof second === 'number') return { uri: first, stepIndex: second };
  const fromMessage = first as { test?: vscode.TestItem } | undefined;
  const uri = fromMessage?.test?.uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) return undefined;
  const failed = results.failedSteps(uri.toString()).filter(canAccept);
  const editor = vscode.window.activeTextEditor;
  const line = editor?.document.uri.toString() === uri.toString() ? editor.selection.active.line : -1;
  const step = failed.find((candidate) => candidate.range.start.line <= line && line <= candidate.range.end.line) ?? failed[0];
  return step ? { uri, stepIndex: step.index } : undefined;
}
