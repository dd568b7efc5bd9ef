// The extension past its entry point (main.ts, which loads this bundle, dist/extension.cjs, as soon
// as VS Code loads the extension): the language client, started at once (startLanguageClient), and
// what needs the client itself: the output of its state, closing tags, the diagnostics that come
// with the answer to `initialize` (openDiagnostics.ts). It holds nothing else: everything VS Code's
// activate() sets up (the Test Explorer, the status bar, commands, code lenses, the debugger) is in
// dist/features.cjs (features.ts), which main.ts loads then, so that the extension host reads and
// runs as little as possible before the client starts (test/client/bundles.test.ts keeps it so).

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { autoCloseTags } from './autoCloseTags.js';
import { createLanguageClient, describeState } from './languageClient.js';
import { runResultNotification, testTreeNotification, type RunResultParams, type TestTreeParams } from '../../shared/protocol.js';
import { LanguageServerLog, type LanguageServerState } from './run/runLog.js';
import { showOpenDiagnostics } from './openDiagnostics.js';
import type { ServerProcesses } from './serverProcess.js';

let client: LanguageClient | undefined;

let firstStarted: () => void;
/** Settles (never rejects) once the first language client started by startLanguageClient has
 *  started or failed to: the entry point writes this bundle's code cache after it (main.ts). */
export const firstStart = new Promise<void>((resolve) => (firstStarted = resolve));

/** What runs as soon as the extension is loaded, before VS Code has the extension's context ready
 *  (main.ts): the output channel and the language client (started), and what activate()
 *  (features.ts) needs of the client. */
export interface Started {
  output: vscode.LogOutputChannel;
  /** Settles when the language server answered `initialize` (rejects when it could not start). */
  starting: Promise<void>;
  /** The language server's state, now and on each change. */
  serverState(): LanguageServerState;
  onDidChangeServerState(listener: (state: LanguageServerState) => void): vscode.Disposable;
  /** Restarts the language client (and the server). */
  restart(): Promise<void>;
  /** Tells the server what a run bound (`scansion/runResult`, for its hovers), when it runs. */
  sendRunResult(params: RunResultParams): void;
  /** Hands the Test Explorer's trees of open documents (`scansion/testTree`) to `apply`: at once
   *  the latest of each document that came before this call, then each as it comes. */
  receiveTestTrees(apply: (params: TestTreeParams) => void): void;
  /** Listeners to dispose with the extension. */
  disposables: vscode.Disposable[];
}

/** Starts the language client on `servers` (the first server already starting). Throws only when
 *  the client cannot be made (a VS Code older than the client supports). */
export function startLanguageClient(servers: ServerProcesses): Started {
  const output = vscode.window.createOutputChannel('Scansion', { log: true });
  const started = createLanguageClient(servers, output);
  client = started;
  const languageServerLog = new LanguageServerLog();
  // Trees that come before activate() hands them on (the server sends one right after a document's
  // first diagnostics), the latest per document.
  const earlyTrees = new Map<string, TestTreeParams>();
  let applyTree = (params: TestTreeParams): void => {
    earlyTrees.set(params.uri, params);
  };
  const disposables = [
    started.onDidChangeState((event) => {
      const line = languageServerLog.change(describeState(event.newState));
      if (line) output.info(line);
    }),
    showOpenDiagnostics(started),
    autoCloseTags(started),
    started.onNotification(testTreeNotification, (params) => applyTree(params)),
  ];
  const starting = started.start();
  // activate() reports a failed start (until it awaits it, the rejection is handled here).
  starting.then(firstStarted, firstStarted);
  return {
    output,
    starting,
    serverState: () => describeState(started.state),
    onDidChangeServerState: (listener) => started.onDidChangeState((event) => listener(describeState(event.newState))),
    restart: () => started.restart(),
    sendRunResult: (params) => {
      if (started.isRunning()) void started.sendNotification(runResultNotification, params);
    },
    receiveTestTrees: (apply) => {
      applyTree = apply;
      for (const params of earlyTrees.values()) apply(params);
      earlyTrees.clear();
    },
    disposables,
  };
}

/** The window closes or the extension is turned off: the language client stops (features.ts
 *  deactivate() has stopped runs first). */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
