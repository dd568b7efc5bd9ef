// Which server the next run uses: the `scansion.*` settings with the status bar switcher's choice
// applied over them. The choice is kept in the extension's workspace state (per workspace, never
// written to settings or to the repository); "Configured server" goes back to the settings.
// Runs, debug sessions, recordings and "Copy scs run Command" all read it from here.

import * as vscode from 'vscode';
import { formatAddress, parseAddress } from '../../../core/address.js';
import { choiceChangesRun, parseChoice, readSettings, withChoice, type ScansionSettings, type TargetChoice } from './target.js';
import { rememberHost, sameChoice, targetPickItems, tlsPickItems } from './targetPick.js';
import { describeChoice } from './runLog.js';

const choiceKey = 'scansion.target';
const recentKey = 'scansion.recentTargets';

/** The scenario an editor shows, if it shows one. */
function scenarioIn(editor: vscode.TextEditor | undefined): vscode.Uri | undefined {
  return editor?.document.languageId === 'scansion' ? editor.document.uri : undefined;
}

/** Whether a setting is written anywhere (user, workspace, folder, or for a language), not only
 *  given by its default. */
function isSet(inspected: ReturnType<vscode.WorkspaceConfiguration['inspect']>): boolean {
  if (!inspected) return false;
  const { globalValue, workspaceValue, workspaceFolderValue, globalLanguageValue, workspaceLanguageValue, workspaceFolderLanguageValue } = inspected;
  return [globalValue, workspaceValue, workspaceFolderValue, globalLanguageValue, workspaceLanguageValue, workspaceFolderLanguageValue].some(
    (value) => value !== undefined,
  );
}

export class RunTargets implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the choice or the settings behind it change, or when the scenario the status bar
   *  speaks for (shownSettings) changes. */
  readonly onDidChange = this.changed.event;
  private readonly chosen = new vscode.EventEmitter<(scope: vscode.Uri) => boolean>();
  /** Fires when a choice in the status bar is kept, with whether it changes where a run of a
   *  scenario (a file's URI) goes or its TLS mode (its folder's settings under the old and the new
   *  choice): a continuous run re-runs those (testing/watchRun.ts). */
  readonly onDidChooseTarget = this.chosen.event;
  private readonly watcher = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('scansion')) this.changed.fire();
  });
  /** The scenario last shown in the active editor: the status bar names the target of its folder. */
  private activeScenario = scenarioIn(vscode.window.activeTextEditor);
  private readonly editorWatcher = vscode.window.onDidChangeActiveTextEditor((editor) => {
    const uri = scenarioIn(editor);
    if (!uri || uri.toString() === this.activeScenario?.toString()) return;
    this.activeScenario = uri;
    this.changed.fire();
  });

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The `scansion.*` settings (for `scope`, a file or folder) as written. */
  configured(scope?: vscode.ConfigurationScope): ScansionSettings {
    const configuration = vscode.workspace.getConfiguration('scansion', scope);
    return readSettings(
      (key) => configuration.get(key),
      (key) => isSet(configuration.inspect(key)),
    );
  }

  choice(): TargetChoice {
    return parseChoice(this.state.get(choiceKey));
  }

  /** The settings a run of a scenario in `scope` uses (VS Code resolves a file's workspace folder's
   *  settings over the workspace's and the user's; no scope: the window's): as configured, with the
   *  switcher's choice applied. */
  settings(scope?: vscode.ConfigurationScope): ScansionSettings {
    return withChoice(this.configured(scope), this.choice());
  }

  /** What the status bar shows: the settings of the scenario last active in an editor (its
   *  workspace folder's), before any scenario was, the window's. */
  shownSettings(): ScansionSettings {
    return this.settings(this.activeScenario);
  }

  /** Keeps `choice` for this workspace and says so in the output. */
  async choose(choice: TargetChoice): Promise<void> {
    const before = this.choice();
    const recent = rememberHost(this.recent(), choice);
    await this.state.update(choiceKey, choice.kind === 'settings' ? undefined : choice);
    await this.state.update(recentKey, recent);
    this.log.info(`Runs now go to ${describeChoice(choice, this.configured(this.activeScenario))} (chosen in the status bar; kept for this workspace).`);
    this.changed.fire();
    this.chosen.fire((scope) => choiceChangesRun(this.configured(scope), before, choice));
  }

  /** The status bar's quick pick: a throwaway local Prosody, the configured server, hosts chosen
   *  before, or another host (asked for, then its TLS mode). Resolves once chosen or dismissed. */
  async pick(): Promise<void> {
    const configured = this.configured(this.activeScenario);
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
      value: current.kind === 'host' ? formatAddress(current) : configured.host ? formatAddress(configured) : '127.0.0.1:5222',
      validateInput: (value) => {
        const address = parseAddress(value);
        return typeof address === 'string' ? `The address ${address}.` : undefined;
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
    this.editorWatcher.dispose();
    this.changed.dispose();
    this.chosen.dispose();
  }
}
