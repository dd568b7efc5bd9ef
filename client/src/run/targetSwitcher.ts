// Which server the next run uses: the `scansion.*` settings with the status bar switcher's choice
// applied over them. The choice is kept in the extension's workspace state (per workspace, never
// written to settings or to the repository); "Configured server" goes back to the settings.
// Runs, debug sessions, recordings and "Copy scs run Command" all read it from here.

import * as vscode from 'vscode';
import { parseAddress, parseChoice, readSettings, withChoice, type ScansionSettings, type TargetChoice } from './target.js';
import { rememberHost, sameChoice, targetPickItems, tlsPickItems } from './targetPick.js';
import { describeChoice } from './runLog.js';

const choiceKey = 'scansion.target';
const recentKey = 'scansion.recentTargets';

export class RunTargets implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the choice or the settings behind it change. */
  readonly onDidChange = this.changed.event;
  private readonly watcher = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('scansion')) this.changed.fire();
  });

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The `scansion.*` settings (for `scope`, a file or folder) as written. */
  configured(scope?: vscode.ConfigurationScope): ScansionSettings {
    return readSettings((key) => vscode.workspace.getConfiguration('scansion', scope).get(key));
  }

  choice(): TargetChoice {
    return parseChoice(this.state.get(choiceKey));
  }

  /** The settings the next run uses: as configured, with the switcher's choice applied. */
  settings(scope?: vscode.ConfigurationScope): ScansionSettings {
    return withChoice(this.configured(scope), this.choice());
  }

  /** Keeps `choice` for this workspace and says so in the output. */
  async choose(choice: TargetChoice): Promise<void> {
    const recent = rememberHost(this.recent(), choice);
    await this.state.update(choiceKey, choice.kind === 'settings' ? undefined : choice);
    await this.state.update(recentKey, recent);
    this.log.info(`Runs now go to ${describeChoice(choice, this.configured())} (chosen in the status bar; kept for this workspace).`);
    this.changed.fire();
  }

  /** The status bar's quick pick: a throwaway local Prosody, the configured server, hosts chosen
   *  before, or another host (asked for, then its TLS mode). Resolves once chosen or dismissed. */
  async pick(): Promise<void> {
    const configured = this.configured();
    const current = this.choice();
    const items = targetPickItems(configured, current, this.recent());
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Scansion: run scenarios against',
      placeHolder: 'The server the next runs, debug sessions and recordings use',
      matchOnDescription: true,
    });
    if (!picked) return;
    if (picked.choice) {
      if (!sameChoice(picked.choice, current) || picked.choice.kind === 'host') await this.choose(picked.choice);
      return;
    }
    const text = await vscode.window.showInputBox({
      title: 'Scansion: run scenarios against another host',
      prompt: 'host:port of the XMPP server (port 5222 when left out)',
      value: current.kind === 'host' ? `${current.host}:${current.port}` : configured.host ? `${configured.host}:${configured.port}` : '127.0.0.1:5222',
      validateInput: (value) => {
        const address = parseAddress(value);
        return typeof address === 'string' ? address : undefined;
      },
    });
    const address = text === undefined ? undefined : parseAddress(text);
    if (address === undefined || typeof address === 'string') return;
    const tls = await vscode.window.showQuickPick(tlsPickItems(current.kind === 'host' ? current.tls : configured.tls), {
      title: `Scansion: TLS for ${text}`,
    });
    if (!tls) return;
    await this.choose({ kind: 'host', ...address, tls: tls.tls });
  }

  private recent(): TargetChoice[] {
    const stored = this.state.get<unknown[]>(recentKey);
    return Array.isArray(stored) ? stored.map(parseChoice).filter((choice) => choice.kind === 'host') : [];
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
