// "Scansion: Record Scenario" and "Scansion: Stop Recording": the recording proxy (core/recorder)
// between the user's own XMPP client and the server runs use (the configured one, or a throwaway
// local Prosody), a status bar item counting the clients, and the recorded file opened at the end.
// Trusted workspaces only: recording connects to servers and may start Prosody.

import * as vscode from 'vscode';
import type { LocalProsody } from '../../../core/prosody/index.js';
import type { RecordingSession } from '../../../core/recorder/index.js';
import { describeServerConfig, serverConfigFor } from '../../../core/serverConfig.js';
import { onDemand } from '../onDemand.js';
import { runTarget, targetProblem, type ScansionSettings } from '../run/target.js';
import { recordingFile, recordingStatusText } from './recordingFile.js';

export const recordCommand = 'scansion.recordScenario';
export const stopRecordingCommand = 'scansion.stopRecording';
/** Context key for menus: true while a recording runs. */
const recordingContext = 'scansion.recording';
/** Where clients are told to connect; another free port when it is taken. */
const preferredPort = 5223;

interface Active {
  session: RecordingSession;
  output: string;
  prosody?: LocalProsody;
}

/** `settings`: what a run of the workspace uses (the status bar switcher's choice applied), whose
 *  target is the recording's upstream. */
export function registerRecording(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  settings: (scope: vscode.Uri | undefined) => ScansionSettings,
): void {
  const item = vscode.window.createStatusBarItem('scansion.recording', vscode.StatusBarAlignment.Left, 9);
  item.name = 'Scansion Recording';
  item.command = stopRecordingCommand;
  item.tooltip = 'Scansion is recording the XMPP clients connected to it. Click to stop and open the scenario.';
  let active: Active | undefined;
  let starting = false;

  const start = async (): Promise<void> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Scansion: recording connects to XMPP servers and may start Prosody; trust this folder first.');
      return;
    }
    if (active || starting) {
      void vscode.window.showInformationMessage('Scansion: already recording. Stop it with "Scansion: Stop Recording".');
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.scheme === 'file');
    if (!folder) {
      void vscode.window.showWarningMessage('Scansion: open a folder to record into first.');
      return;
    }
    starting = true;
    try {
      active = await begin(context, log, settings(folder.uri), folder.uri.fsPath, (count) => (item.text = recordingStatusText(count)));
    } catch (error) {
      log.error(`Recording did not start: ${(error as Error).message}`);
      void vscode.window.showErrorMessage(`Scansion: recording did not start: ${(error as Error).message}`);
      return;
    } finally {
      starting = false;
    }
    item.text = recordingStatusText(0);
    item.show();
    void vscode.commands.executeCommand('setContext', recordingContext, true);
    const { host, port } = active.session.proxy.address;
    const trust = active.session.authorityFile
      ? ` It offers STARTTLS with its own certificate: trust ${active.session.authorityFile} (SHA-256 ${active.session.proxy.authority!.fingerprint}).`
      : '';
    const choice = await vscode.window.showInformationMessage(
      `Scansion is recording: point your XMPP client at ${host}:${port} and log in as usual.${trust}`,
      'Stop Recording',
      'Show Details',
    );
    if (choice === 'Stop Recording') await stop();
    if (choice === 'Show Details') log.show();
  };

  const stop = async (): Promise<void> => {
    const ending = active;
    if (!ending) {
      void vscode.window.showInformationMessage('Scansion: nothing is being recorded.');
      return;
    }
    active = undefined;
    item.hide();
    void vscode.commands.executeCommand('setContext', recordingContext, false);
    try {
      const outcome = await ending.session.finish();
      if (!outcome.file) {
        log.info('Recording stopped: no client logged in, so no file was written.');
        void vscode.window.showInformationMessage('Scansion: nothing was recorded (no client logged in); no file written.');
        return;
      }
      log.info(`Recording written to ${outcome.file}: ${outcome.characters} characters, ${outcome.steps} steps.`);
      await vscode.window.showTextDocument(vscode.Uri.file(outcome.file));
    } catch (error) {
      log.error(`The recording could not be written: ${(error as Error).message}`);
      void vscode.window.showErrorMessage(`Scansion: the recording could not be written: ${(error as Error).message}`);
    } finally {
      await ending.prosody?.stop();
    }
  };

  context.subscriptions.push(
    item,
    vscode.commands.registerCommand(recordCommand, start),
    vscode.commands.registerCommand(stopRecordingCommand, stop),
    // The window closes: what was recorded is still written.
    { dispose: () => void stop() },
  );
}

/** Starts the target server if it is a throwaway one, then the proxy. */
async function begin(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  settings: ScansionSettings,
  folder: string,
  onClients: (count: number) => void,
): Promise<Active> {
  const problem = targetProblem(settings, false);
  if (problem) throw new Error(problem);
  const target = runTarget(settings, false);
  const output = recordingFile(folder, new Date());
  let prosody: LocalProsody | undefined;
  if (target.kind === 'local') {
    // The configuration a run of the recorded file will use (core/serverConfig.ts): the one beside it, else the extension's.
    const config = serverConfigFor([output], undefined, () => context.asAbsolutePath('scenarios/prosody.cfg.lua'));
    prosody = await onDemand().startProsody({ configTemplate: config.file, logLevel: 'warn' });
    log.info(
      `Recording against a throwaway local Prosody on ${prosody.host}:${prosody.port} (logs in ${prosody.dir}), adapting ${describeServerConfig(config)}.`,
    );
  }
  const upstream = prosody
    ? { host: prosody.host, port: prosody.port }
    : { host: target.kind === 'remote' ? target.host : '127.0.0.1', port: target.kind === 'remote' ? target.port : 5222 };
  const options = {
    listenHost: '127.0.0.1',
    upstream: { ...upstream, tlsInsecure: settings.tls === 'insecure', timeoutMs: Math.max(settings.timeoutMs, 10_000) },
    tls: true,
    output,
    keepPasswords: false,
    onNotice: (text: string) => log.info(`recording: ${text}`),
    onClients,
  };
  try {
    const { startRecording } = onDemand();
    const session = await startRecording({ ...options, listenPort: preferredPort }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;
      return startRecording({ ...options, listenPort: 0 });
    });
    const { host, port } = session.proxy.address;
    log.info(`Recording proxy on ${host}:${port}, relaying to ${upstream.host}:${upstream.port}; the file will be ${output}.`);
    if (session.authorityFile)
      log.info(`Clients must trust the proxy's certificate authority: ${session.authorityFile} (SHA-256 ${session.proxy.authority!.fingerprint}).`);
    return { session, output, prosody };
  } catch (error) {
    await prosody?.stop();
    throw error;
  }
}
