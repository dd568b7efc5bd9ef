// The status bar item: which XMPP server the next run goes to, whether a run is going on, and the
// language server's state (in the tooltip). Clicking it switches the target (targetSwitcher.ts).

import * as vscode from 'vscode';
import type { RunTarget, TlsMode } from './run/target.js';
import { selectTargetCommand, statusCommands, statusText, type RunState, type StatusView } from './statusText.js';

export type { RunState } from './statusText.js';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('scansion.status', vscode.StatusBarAlignment.Left, 10);
  private view: Omit<StatusView, 'trusted'> = { target: { kind: 'local' }, tls: 'starttls', chosen: false, run: { kind: 'idle' }, languageServer: 'starting' };

  constructor() {
    this.item.name = 'Scansion';
    this.item.command = selectTargetCommand;
    this.render();
    this.item.show();
  }

  /** What the next run uses, whether the switcher (not the settings) chose it, and why runs
   *  cannot go there (target.ts targetProblem), if so. */
  setTarget(target: RunTarget, tls: TlsMode, chosen: boolean, problem?: string): void {
    this.view = { ...this.view, target, tls, chosen, problem };
    this.render();
  }

  setRunState(run: RunState): void {
    this.view = { ...this.view, run };
    this.render();
  }

  setLanguageServerState(languageServer: string): void {
    this.view = { ...this.view, languageServer };
    this.render();
  }

  private render(): void {
    const { text, tooltip, label } = statusText({ ...this.view, trusted: vscode.workspace.isTrusted });
    this.item.text = text;
    const markdown = new vscode.MarkdownString(tooltip);
    markdown.isTrusted = { enabledCommands: statusCommands };
    this.item.tooltip = markdown;
    this.item.accessibilityInformation = { label, role: 'button' };
    this.item.backgroundColor = this.view.run.kind === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
