// `scansion.timeout` was a number of milliseconds; it is now seconds, as the CLI's `--timeout`. On
// activation, a value above 300 (no step waits five minutes; every old value of 300 000 ms or less
// that someone set is above 300) is rewritten as seconds where it was set: user, workspace or
// folder settings. Until then readSettings reads such a value as milliseconds, so nothing changes
// meaning in between. (An old value of 100-300 ms cannot be told from seconds and is read as seconds.)

import * as vscode from 'vscode';
import { largestTimeoutSeconds } from './target.js';

export async function migrateTimeoutSetting(log: (message: string) => void): Promise<void> {
  const scopes: Array<vscode.ConfigurationScope | undefined> = [undefined, ...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri)];
  for (const scope of scopes) {
    const configuration = vscode.workspace.getConfiguration('scansion', scope);
    const inspected = configuration.inspect<number>('timeout');
    if (!inspected) continue;
    const targets: Array<[number | undefined, vscode.ConfigurationTarget]> =
      scope === undefined
        ? [
            [inspected.globalValue, vscode.ConfigurationTarget.Global],
            [inspected.workspaceValue, vscode.ConfigurationTarget.Workspace],
          ]
        : [[inspected.workspaceFolderValue, vscode.ConfigurationTarget.WorkspaceFolder]];
    for (const [value, target] of targets) {
      if (typeof value !== 'number' || value <= largestTimeoutSeconds) continue;
      const seconds = value / 1000;
      try {
        await configuration.update('timeout', seconds, target);
        log(`scansion.timeout is now in seconds: ${value} (milliseconds) became ${seconds} in the ${vscode.ConfigurationTarget[target]} settings.`);
      } catch (error) {
        log(`scansion.timeout ${value} (milliseconds) could not be rewritten as seconds: ${(error as Error).message}; it is still read as milliseconds.`);
      }
    }
  }
}
