// The language server's document handling and diagnostics as server/src/main.ts wires them, run in
// the test's own process over a pair of pipes, for tests that look inside it (count its parses,
// hold weak references to its results).
import { PassThrough } from 'node:stream';
import {
  InitializeRequest,
  InitializedNotification,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  createConnection,
  createProtocolConnection,
  PublishDiagnosticsNotification,
  type Connection,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { publishDiagnosticsOnChange } from '../../server/src/diagnostics.js';
import type { ScenarioDocuments } from '../../server/src/documents.js';
import { testTreeNotification, type TestTreeParams } from '../../shared/protocol.js';

export interface InProcessServer {
  server: Connection;
  /** Not listening yet: add its notification handlers, then call initialize(). */
  client: ProtocolConnection;
  /** Starts the client and sends initialize and initialized. */
  initialize(): Promise<void>;
  dispose(): void;
}

/** Wires `documents` and their diagnostics to a new server connection and starts it. `wire` adds
 *  more to the server (e.g. the test tree publisher) before the diagnostics are wired. */
export function inProcessServer(documents: ScenarioDocuments, wire: (server: Connection) => void = () => {}): InProcessServer {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  wire(server);
  server.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
  publishDiagnosticsOnChange(server, documents);
  documents.listen(server);
  server.listen();
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  return {
    server,
    client,
    async initialize() {
      client.listen();
      await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
      await client.sendNotification(InitializedNotification.type, {});
    },
    dispose() {
      client.dispose();
      server.dispose();
    },
  };
}

/** What the server sent `client`: its test trees and diagnostics, each list in arrival order, and
 *  `until(condition)`, which resolves once the lists meet `condition` (checked at each arrival;
 *  it never times out by itself: the test's own timeout ends a wait that never ends). Call before
 *  `initialize()`. */
export function notificationsOf(client: ProtocolConnection): {
  trees: TestTreeParams[];
  diagnostics: PublishDiagnosticsParams[];
  until(condition: () => boolean): Promise<void>;
} {
  const trees: TestTreeParams[] = [];
  const diagnostics: PublishDiagnosticsParams[] = [];
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((resolve) => resolve());
  client.onNotification(testTreeNotification, (params) => (trees.push(params), wake()));
  client.onNotification(PublishDiagnosticsNotification.type, (params) => (diagnostics.push(params), wake()));
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { trees, diagnostics, until };
}
