// Starts the bundled language server (dist/server.js) over Node IPC and connects it to the
// editor for `.scs` files.

import * as vscode from 'vscode';
import type { LanguageServerState } from './run/runLog.js';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { ScansionInitializationOptions } from '../../shared/protocol.js';

/** "Scansion: Restart Language Server" (the output logs the restart: runLog.ts LanguageServerLog). */
export const restartLanguageServerCommand = 'scansion.restartLanguageServer';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    // --expose-gc: the server collects its garbage when a large document closes (server/src/memory.ts).
    run: { module, transport: TransportKind.ipc, options: { execArgv: ['--expose-gc'] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019', '--expose-gc'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'scansion' },
      { scheme: 'untitled', language: 'scansion' },
    ],
    outputChannel: output,
    initializationOptions: { testTrees: true } satisfies ScansionInitializationOptions,
  };
  return new LanguageClient('scansion', 'Scansion Language Server', serverOptions, clientOptions);
}

export function describeState(state: State): LanguageServerState {
  switch (state) {
    case State.Running:
      return 'running';
    case State.Starting:
      return 'starting';
    default:
      return 'stopped';
  }
}
