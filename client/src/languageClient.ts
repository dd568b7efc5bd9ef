// The language client: connects the editor to the language server for `.scs` files, over Node IPC
// with a server process from serverProcess.ts (the first one already starting when this runs).

import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type * as vscode from 'vscode';
import type { LanguageServerState } from './run/runLog.js';
import { IPCMessageReader, IPCMessageWriter, LanguageClient, State, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { ScansionInitializationOptions } from '../../shared/protocol.js';
import type { ServerProcesses } from './serverProcess.js';
import { openDocumentItems } from './openDiagnostics.js';

export function createLanguageClient(servers: ServerProcesses, output: vscode.LogOutputChannel): LanguageClient {
  // Called at each start (the first, a restart, a restart after a crash). What the server prints
  // goes to the output channel, as vscode-languageclient does for the servers it forks itself.
  const serverOptions: ServerOptions = async () => {
    const server = servers.take();
    eachLine(server.stdout, (line) => output.info(line));
    eachLine(server.stderr, (line) => output.error(line));
    return { reader: new IPCMessageReader(server), writer: new IPCMessageWriter(server) };
  };
  const documentSelector = [
    { scheme: 'file', language: 'scansion' },
    { scheme: 'untitled', language: 'scansion' },
  ];
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    // Read at each start: the documents open then (openDiagnostics.ts).
    initializationOptions: (): ScansionInitializationOptions => ({ testTrees: true, openDocuments: openDocumentItems(documentSelector) }),
  };
  return new LanguageClient('scansion', 'Scansion Language Server', serverOptions, clientOptions);
}

function eachLine(stream: Readable | null, write: (line: string) => void): void {
  if (stream) createInterface({ input: stream, historySize: 0 }).on('line', write);
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
