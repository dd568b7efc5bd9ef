// Talks LSP to the built language server (dist/server.js --stdio) as an editor would.
// Shared by the language server tests and bench/languageServer.bench.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  MessageType,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type InitializeParams,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';

import type { ScansionInitializationOptions } from '../../shared/protocol.js';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const serverPath = resolve(repoRoot, 'dist/server.js');

interface DiagnosticsWaiter {
  uri: string;
  version: number | undefined;
  resolve: (params: PublishDiagnosticsParams) => void;
}

export class LspClient {
  readonly connection: ProtocolConnection;
  /** The latest diagnostics per document. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Messages the server logged at error level (a feature failed inside the server). */
  readonly errors: string[] = [];
  /** Set when the server process ends. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly waiters: DiagnosticsWaiter[] = [];
  private readonly publishListeners: Array<(params: PublishDiagnosticsParams) => void> = [];
  private readonly versions = new Map<string, number>();

  private constructor(readonly process: ChildProcess) {
    this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params);
      for (const listener of this.publishListeners) listener(params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && (waiter.version === undefined || params.version === waiter.version)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      if (params.type === MessageType.Error) this.errors.push(params.message);
    });
    process.on('exit', (code, signal) => {
      this.exit = { code, signal };
    });
    this.connection.listen();
  }

  /** Starts the server and completes the initialize handshake. `nodeOptions` go to node before
   *  the server's path (the extension gives serverNodeOptions, client/src/serverProcess.ts);
   *  `initializationOptions` as the extension gives them (shared/protocol.ts); `initialize` replaces
   *  parts of the initialize request (the client's capabilities, its workspace folders). */
  static async start(
    nodeOptions: string[] = [],
    initializationOptions?: ScansionInitializationOptions,
    initialize: Partial<InitializeParams> = {},
  ): Promise<LspClient> {
    if (!existsSync(serverPath)) throw new Error(`${serverPath} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [...nodeOptions, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const client = new LspClient(child);
    client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      workspaceFolders: null,
      initializationOptions,
      ...initialize,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  initializeResult: InitializeResult | undefined;

  /** Opens a document; resolves with its first diagnostics. */
  async open(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    this.versions.set(uri, 1);
    const published = this.nextDiagnostics(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'scansion', version: 1, text },
    });
    return published;
  }

  /** Sends changes as the next version; resolves with that version's diagnostics. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<PublishDiagnosticsParams> {
    const version = this.sendChange(uri, changes);
    return this.nextDiagnostics(uri, version);
  }

  /** Sends changes as the next version without waiting; returns that version. */
  sendChange(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Calls `listener` with every diagnostics notification from now on. */
  onPublished(listener: (params: PublishDiagnosticsParams) => void): void {
    this.publishListeners.push(listener);
  }

  /** Resolves with the diagnostics of `uri` at `version` (at once if they came already), or
   *  without a version, with the next diagnostics published for `uri`. */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    const latest = this.diagnostics.get(uri);
    if (version !== undefined && latest?.version === version) return Promise.resolve(latest);
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  /** Shuts the server down politely (killing it if it does not end) and waits for the process. */
  async stop(): Promise<void> {
    if (!this.exit) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      const kill = setTimeout(() => this.process.kill('SIGKILL'), 5000);
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
      await exited;
      clearTimeout(kill);
    }
    this.connection.dispose();
  }
}
