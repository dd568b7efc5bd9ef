// The status bar item: which XMPP server runs go to, whether a run is going on, and the language
// server's state (in the tooltip). Clicking it shows the extension's output.

import * as vscode from 'vscode';
import { describeTarget, type RunTarget } from './run/target.js';

export type RunState = { kind: 'idle' } | { kind: 'starting-server' } | { kind: 'running'; scenarios: number } | { kind: 'error'; message: string };

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('scansion.status', vscode.StatusBarAlignment.Left, 10);
  private target: RunTarget = { kind: 'local' };
  private run: RunState = { kind: 'idle' };
  private languageServer = 'starting';

  constructor() {
    this.item.name = 'Scansion';
    this.item.command = 'scansion.showOutput';
    this.render();
    this.item.show();
  }

  setTarget(target: RunTarget): void {
    this.target = target;
    this.render();
  }

  setRunState(run: RunState): void {
    this.run = run;
    this.render();
  }

  setLanguageServerState(state: string): void {
    this.languageServer = state;
    this.render();
  }

  private render(): void {
    const trusted = vscode.workspace.isTrusted;
    const where = describeTarget(this.target);
    const icon = !trusted
      ? '$(shield)'
      : this.run.kind === 'running' || this.run.kind === 'starting-server'
        ? '$(sync~spin)'
        : this.run.kind === 'error'
          ? '$(error)'
          : this.target.kind === 'local'
            ? '$(server-process)'
            : '$(server)';
    this.item.text = `${icon} Scansion: ${where}`;
    const lines = [
      `**Scansion** runs scenarios against ${this.target.kind === 'local' ? 'a throwaway local Prosody, started for each run' : `\`${where}\``}.`,
      '',
      `Run: ${this.describeRun(trusted)}`,
      '',
      `Language server: ${this.languageServer}`,
    ];
    const tooltip = new vscode.MarkdownString(lines.join('\n'));
    this.item.tooltip = tooltip;
    this.item.backgroundColor = this.run.kind === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  private describeRun(trusted: boolean): string {
    if (!trusted) return 'disabled in Restricted Mode (trust the workspace to run scenarios)';
    switch (this.run.kind) {
      case 'idle':
        return 'idle';
      case 'starting-server':
        return 'starting the local Prosody';
      case 'running':
        return `running ${this.run.scenarios} scenario(s)`;
      case 'error':
        return `failed: ${this.run.message}`;
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
