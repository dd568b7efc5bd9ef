// The "Show Stanza Diff" panel: one webview, reused, showing the failure of a step from the last
// run. Its transcript lines link back to their steps.

import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { LastResults } from '../run/lastResults.js';
import { transcriptLines } from '../testing/resultMapping.js';
import { diffPageHtml } from './diffPage.js';
import { acceptCommand } from './failureActions.js';

export class DiffPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shownUri: vscode.Uri | undefined;
  private shownStep: number | undefined;

  constructor(private readonly results: LastResults) {}

  /** Shows the failure of step `stepIndex` of `uri`'s last run; false when there is none to show. */
  show(uri: vscode.Uri, stepIndex: number): boolean {
    const stored = this.results.get(uri.toString());
    const step = stored?.result.steps.find((candidate) => candidate.index === stepIndex);
    const failure = step?.failure;
    if (!stored || !step || !failure) return false;
    const stepRanges = new Map(stored.result.steps.map((s) => [s.index, s.actionRange]));
    const transcript = stored.result.transcript
      .filter((entry) => entry.stepIndex === undefined || entry.stepIndex <= stepIndex)
      .flatMap((entry) => transcriptLines(entry, stepRanges))
      .map((line) => (line.range ? { text: line.text, line: line.range.start.line } : { text: line.text }));
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const title = `Stanza diff: ${name}:${step.actionRange.start.line + 1}`;
    const panel = this.ensurePanel(title);
    this.shownUri = uri;
    this.shownStep = stepIndex;
    panel.webview.html = diffPageHtml({
      title,
      reason: failure.message,
      details: failure.details ?? [],
      stepLine: step.actionRange.start.line,
      expected: failure.expected ?? '(no expected stanza: this step does not receive one)',
      actual: failure.actual,
      transcript,
      canAccept: failure.actual !== undefined && failure.expected !== undefined,
      nonce: randomBytes(16).toString('base64'),
      cspSource: panel.webview.cspSource,
    });
    panel.reveal(vscode.ViewColumn.Beside, true);
    return true;
  }

  private ensurePanel(title: string): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.title = title;
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      'scansion.stanzaDiff',
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [],
      },
    );
    panel.onDidDispose(() => (this.panel = undefined));
    panel.webview.onDidReceiveMessage((message: unknown) => {
      if ((message as { type?: unknown } | null)?.type === 'accept') void this.accept();
      else void this.reveal(message);
    });
    this.panel = panel;
    return panel;
  }

  /** A click on a transcript line or the step link: show that line of the scenario. */
  private async reveal(message: unknown): Promise<void> {
    const line = (message as { type?: unknown; line?: unknown } | null)?.line;
    if ((message as { type?: unknown } | null)?.type !== 'reveal' || typeof line !== 'number' || !Number.isInteger(line) || line < 0 || !this.shownUri) return;
    const position = new vscode.Position(line, 0);
    await vscode.window.showTextDocument(this.shownUri, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
  }

  /** The Accept button: the same command as the code lens, for the step shown. */
  private async accept(): Promise<void> {
    if (!this.shownUri || this.shownStep === undefined) return;
    await vscode.commands.executeCommand(acceptCommand, this.shownUri, this.shownStep);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
