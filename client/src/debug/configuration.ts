// Starting a `scansion` debug session: the adapter runs as its own Node process (dist/debugAdapter.js
// over stdio), and each launch configuration is completed from the `scansion.*` settings and the
// secret storage, as runs are: the server (or a throwaway local Prosody), the timeout, TLS, the
// order of receives, and the stored passwords of the scenario's accounts (only for a real server;
// never written to launch.json). Which prosody.cfg.lua a local Prosody adapts is the adapter's to
// choose (debugger/session.ts, by core/serverConfig.ts's rule), as for any other DAP client.

import * as vscode from 'vscode';
import { parseCurrentText } from '../scenarios.js';
import type { ScansionLaunchArguments } from '../../../shared/debugProtocol.js';
import { storedPasswords } from '../run/passwords.js';
import { describeTls, runTarget, targetProblem, type ScansionSettings } from '../run/target.js';
import { formatAddress } from '../../../core/address.js';

export const debugType = 'scansion';

/** The configuration that debugs one scenario file (the code lens, the editor title, the Test
 *  Explorer); `stopAtLine` (1-based) stops before the step that owns that line. */
export function scenarioConfiguration(uri: vscode.Uri, stopAtLine?: number): vscode.DebugConfiguration {
  const configuration: vscode.DebugConfiguration = {
    type: debugType,
    request: 'launch',
    name: `Debug ${uri.path.slice(uri.path.lastIndexOf('/') + 1)}`,
    program: uri.fsPath,
  };
  if (stopAtLine !== undefined) configuration.stopAtLine = stopAtLine;
  return configuration;
}

export class ScansionConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    /** The settings a run uses (the status bar switcher's choice applied: targetSwitcher.ts). */
    private readonly settings: (scope: vscode.Uri | undefined) => ScansionSettings,
    /** The output channel: where each debug session goes. */
    private readonly log: { info(message: string): void },
  ) {}

  /** F5 with no launch.json: debug the scenario in the active editor. */
  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, configuration: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    if (configuration.type || configuration.request || configuration.name) return configuration;
    const document = vscode.window.activeTextEditor?.document;
    if (document?.languageId !== 'scansion') {
      void vscode.window.showInformationMessage('Scansion: open a scenario (.scs) to debug it.');
      return undefined;
    }
    return scenarioConfiguration(document.uri);
  }

  async resolveDebugConfigurationWithSubstitutedVariables(
    folder: vscode.WorkspaceFolder | undefined,
    configuration: vscode.DebugConfiguration,
  ): Promise<vscode.DebugConfiguration | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(
        'Scansion: debugging a scenario connects to servers and may start Prosody: trust this workspace first (Restricted Mode).',
      );
      return undefined;
    }
    const args = configuration as vscode.DebugConfiguration & ScansionLaunchArguments;
    const settings = this.settings(folder?.uri);
    if (args.server === undefined && args.localServer === undefined) {
      const problem = targetProblem(settings, false);
      if (problem) {
        void vscode.window.showErrorMessage(`Scansion: cannot debug: ${problem}.`);
        return undefined;
      }
      const target = runTarget(settings, false);
      if (target.kind === 'local') args.localServer = true;
      else args.server = formatAddress(target);
    }
    args.timeout ??= settings.timeoutMs / 1000;
    args.tlsInsecure ??= settings.tls === 'insecure';
    args.ordered ??= settings.ordered;
    args.quietPeriod ??= settings.quietMs / 1000;
    args.sync ??= settings.sync;
    if (!args.localServer && typeof args.program === 'string') {
      // An unreadable file has no accounts; the session itself reports that it cannot read it.
      const scenario = await parseCurrentText(vscode.Uri.file(args.program)).catch(() => undefined);
      const passwords = scenario && (await storedPasswords(scenario, (key) => this.secrets.get(key)));
      if (passwords && passwords.size > 0) args.passwords = Object.fromEntries(passwords);
    }
    const where = args.localServer
      ? 'a throwaway local Prosody (the debug adapter starts it)'
      : `${args.server ?? '127.0.0.1:5222'} (${describeTls(args.tlsInsecure ? 'insecure' : 'starttls')})`;
    this.log.info(`Debug: ${typeof args.program === 'string' ? vscode.workspace.asRelativePath(args.program) : 'no program'} against ${where}.`);
    return args;
  }
}

/** Runs dist/debugAdapter.js with the extension host's own Node (Electron's, as Node). */
export class ScansionAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(private readonly adapter: string) {}

  createDebugAdapterDescriptor(): vscode.DebugAdapterDescriptor {
    return new vscode.DebugAdapterExecutable(process.execPath, [this.adapter], { env: { ELECTRON_RUN_AS_NODE: '1' } });
  }
}

/** Debugs `uri` from the start (stopping at breakpoints), or stops before the step at `stopAtLine`. */
export async function debugScenario(uri: vscode.Uri | undefined, stopAtLine?: number, options?: vscode.DebugSessionOptions): Promise<boolean> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) {
    void vscode.window.showInformationMessage('Scansion: open a scenario (.scs) to debug it.');
    return false;
  }
  return vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(target), scenarioConfiguration(target, stopAtLine), options ?? {});
}
