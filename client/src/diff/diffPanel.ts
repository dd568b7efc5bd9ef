// The "Show Stanza Diff" panel: one webview, reused, showing one step of a scenario. It follows
// its step: after each run it shows the step's latest result (a new failure, or that it passed or
// did not run), and it says when what it shows is outdated (the file was edited, the expectation
// accepted). It opens wide: below the editor when the window has one editor group, else in a group
// of its own beside. Its transcript lines link back to their steps.

import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { LastResults } from '../run/lastResults.js';
import { diffPageHtml } from './diffPage.js';
import { acceptCommand } from './failureActions.js';
import { follow, pageFor, type Followed } from './follow.js';

interface Shown {
  uri: vscode.Uri;
  stepIndex: number;
  followed: Followed;
}

export class DiffPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: Shown | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly results: LastResults) {
    this.subscriptions.push(
      results.onDidChange((uri) => {
        if (this.shown?.uri.toString() === uri) this.refresh();
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && this.shown?.uri.toString() === event.document.uri.toString()) this.refresh();
      }),
    );
  }

  /** Shows step `stepIndex` of `uri`'s last run if it failed; false when there is no such failure. */
  async show(uri: vscode.Uri, stepIndex: number): Promise<boolean> {
    const stored = this.results.get(uri.toString());
    if (!stored?.result.steps.some((step) => step.index === stepIndex && step.failure)) return false;
    const text = this.documentText(uri);
    this.shown = { uri, stepIndex, followed: text === undefined ? { run: stored } : { run: stored, ranText: text } };
    if (!this.panel) await this.createPanel();
    this.render(true);
    return true;
  }

  /** The results of the shown scenario changed, or its text did: show the latest, or say it is outdated. */
  private refresh(): void {
    if (!this.shown || !this.panel) return;
    const latest = this.results.get(this.shown.uri.toString());
    this.shown.followed = follow(this.shown.followed, latest, this.documentText(this.shown.uri));
    this.render(false);
  }

  private render(reveal: boolean): void {
    const shown = this.shown;
    const panel = this.panel;
    if (!shown || !panel) return;
    const name = shown.uri.path.slice(shown.uri.path.lastIndexOf('/') + 1);
    const ended = shown.followed.run.endedAt;
    const page = pageFor(shown.followed, shown.stepIndex, name, ended === undefined ? undefined : new Date(ended).toTimeString().slice(0, 8));
    if (!page) return;
    panel.title = page.title;
    panel.webview.html = diffPageHtml({ ...page, nonce: randomBytes(16).toString('base64'), cspSource: panel.webview.cspSource });
    if (reveal) panel.reveal(panel.viewColumn, true);
  }

  private documentText(uri: vscode.Uri): string | undefined {
    return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString())?.getText();
  }

  private async createPanel(): Promise<void> {
    const viewColumn = await wideColumn();
    const panel = vscode.window.createWebviewPanel(
      'scansion.stanzaDiff',
      'Stanza diff',
      { viewColumn, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [] },
    );
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.shown = undefined;
    });
    panel.webview.onDidReceiveMessage((message: unknown) => {
      if ((message as { type?: unknown } | null)?.type === 'accept') void this.accept();
      else void this.reveal(message);
    });
    this.panel = panel;
  }

  /** A click on a transcript line or the step link: show that line of the scenario, in the group
   *  where the scenario is open (not the panel's). */
  private async reveal(message: unknown): Promise<void> {
    const line = (message as { type?: unknown; line?: unknown } | null)?.line;
    if ((message as { type?: unknown } | null)?.type !== 'reveal' || typeof line !== 'number' || !Number.isInteger(line) || line < 0 || !this.shown) return;
    const uri = this.shown.uri;
    const open = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
    const other = vscode.window.tabGroups.all.find((group) => group.viewColumn !== this.panel?.viewColumn)?.viewColumn;
    const position = new vscode.Position(line, 0);
    await vscode.window.showTextDocument(uri, {
      viewColumn: open?.viewColumn ?? other ?? vscode.ViewColumn.Beside,
      selection: new vscode.Range(position, position),
    });
  }

  /** The Accept button: the same command (and preview) as the code lens, for the step shown. */
  private async accept(): Promise<void> {
    if (!this.shown) return;
    await vscode.commands.executeCommand(acceptCommand, this.shown.uri, this.shown.stepIndex);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.panel?.dispose();
  }
}

/** Where a new panel goes so that it is wide enough to read: with one editor group, a new group
 *  below it (the window's full width); with more, the group beside the active one. */
async function wideColumn(): Promise<vscode.ViewColumn> {
  if (vscode.window.tabGroups.all.length > 1) return vscode.ViewColumn.Beside;
  // Two groups stacked (orientation 1: vertical); the editor keeps the upper one.
  await vscode.commands.executeCommand('vscode.setEditorLayout', { orientation: 1, groups: [{ size: 0.55 }, { size: 0.45 }] });
  return vscode.ViewColumn.Two;
}
