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
  type Connection,
  type ProtocolConnection,
} from 'vscode-languageserver/node';
import { publishDiagnosticsOnChange } from '../../server/src/diagnostics.js';
import type { ScenarioDocuments } from '../../server/src/documents.js';

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
