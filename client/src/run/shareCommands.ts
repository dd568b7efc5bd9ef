// "Copy `scs run` Command" and "Copy Failure as Markdown": from a test item's or a test message's
// context menu, or the palette (the active scenario).

import * as vscode from 'vscode';
import type { LastResults } from './lastResults.js';
import { failureMarkdown, runCommandLine } from './shareText.js';
import { runTarget, type ScansionSettings } from './target.js';

/** The settings a run of a file uses (RunTargets.settings: the switcher's choice applied). */
export interface RunSettingsSource {
  settings(scope?: vscode.Uri): ScansionSettings;
}

export const copyRunCommand = 'scansion.copyRunCommand';
export const copyFailureCommand = 'scansion.copyFailureMarkdown';

/** The 1-based line of the step a command means: a step's test item (one with a parent), whose
 *  range starts at its action line. */
function stepLine(args: unknown[]): number | undefined {
  const [first] = args;
  const item = first as { parent?: unknown; range?: unknown } | undefined;
  return item?.parent !== undefined && item.range instanceof vscode.Range ? item.range.start.line + 1 : undefined;
}

/** The scenario a command means: a test item (or a test message's item), else the active editor's. */
function scenarioUri(args: unknown[]): vscode.Uri | undefined {
  const [first] = args;
  const item = (first as { uri?: unknown; test?: { uri?: unknown } } | undefined) ?? {};
  const uri = item.uri ?? item.test?.uri;
  if (uri instanceof vscode.Uri) return uri;
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === 'scansion' ? editor.document.uri : undefined;
}

function commandFor(targets: RunSettingsSource, uri: vscode.Uri, line?: number): string {
  const settings = targets.settings(uri);
  return runCommandLine(vscode.workspace.asRelativePath(uri, false), runTarget(settings, false), settings, line);
}

export async function copyRunCommandLine(targets: RunSettingsSource, args: unknown[]): Promise<void> {
  const uri = scenarioUri(args);
  if (!uri) {
    void vscode.window.showInformationMessage('Scansion: open a scenario, or use the command on a test item.');
    return;
  }
  // A step's item: the command runs up to that step, as its run action does.
  await vscode.env.clipboard.writeText(commandFor(targets, uri, stepLine(args)));
  void vscode.window.setStatusBarMessage('Scansion: scs run command copied', 3000);
}

export async function copyFailureAsMarkdown(targets: RunSettingsSource, results: LastResults, args: unknown[]): Promise<void> {
  const uri = scenarioUri(args);
  const stored = uri ? results.get(uri.toString()) : undefined;
  const step = stored?.result.steps.find((candidate) => candidate.failure !== undefined);
  if (!uri || !stored || !step) {
    void vscode.window.showInformationMessage('Scansion: no failure to copy; run the scenario first.');
    return;
  }
  await vscode.env.clipboard.writeText(failureMarkdown(vscode.workspace.asRelativePath(uri, false), stored.result, step, commandFor(targets, uri)));
  void vscode.window.setStatusBarMessage('Scansion: failure copied as Markdown', 3000);
}
