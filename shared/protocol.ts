// Every message the parts of the extension exchange beyond the standard protocols, declared once
// and imported by both ends of each:
// - extension <-> language server (LSP custom requests and notifications, `scansion/...`), typed
//   with vscode-jsonrpc's NotificationType/RequestType as vscode-languageclient and
//   vscode-languageserver take them;
// - extension <-> debug adapter (DAP custom events and one custom request), typed by name and body.
// Positions and ranges are the model's (core/model.ts): 0-based line, UTF-16 column, as in LSP.

import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { InitializeResult, PublishDiagnosticsParams, TextDocumentItem } from 'vscode-languageserver-protocol';
import type { Position, Range } from '../core/model.js';
import type { ScenarioResult } from '../core/results.js';
import type { TextEdit } from '../core/snapshot.js';
import type { ScenarioTree } from '../core/testTree.js';

// ---------------------------------------------------------------------------------------------
// Language server

/** `initializationOptions` the extension passes to the language server. */
export interface ScansionInitializationOptions {
  /** Publish `scansion/testTree` for every open document (the Test Explorer). Off for other
   *  editors, which have no use for it. */
  testTrees?: boolean;
  /** The documents the editor has open as it starts the server, those it sends didOpen for right
   *  after `initialize`: the server analyses them before it answers, and answers with their
   *  diagnostics (ScansionInitializeResult.openDiagnostics). An editor then shows a file's first
   *  diagnostics on the answer to `initialize`, without waiting for the round trip of its didOpen
   *  (at a window's start the extension host runs other extensions' activation between the two). */
  openDocuments?: TextDocumentItem[];
}

/** The answer to `initialize`: LSP's (its custom fields), and when the editor sent
 *  ScansionInitializationOptions.openDocuments, their diagnostics, each for the version sent, as
 *  `textDocument/publishDiagnostics` would carry them. The didOpen of the same version and text
 *  then reuses that analysis, and its diagnostics are published as usual. */
export interface ScansionInitializeResult extends InitializeResult {
  openDiagnostics?: PublishDiagnosticsParams[];
}

export interface RunResultParams {
  /** The scenario's document URI. */
  uri: string;
  /** Character name -> full JID bound at `connects` in the last run (or so far, while debugging). */
  boundJids: Record<string, string>;
}

/** Notification `scansion/runResult`, extension -> server: what the last run (or debug session)
 *  of a scenario bound, for the hovers on `${Name's full JID}`. Malformed parameters are ignored. */
export const runResultNotification = new NotificationType<RunResultParams>('scansion/runResult');

export interface AutoCloseParams {
  textDocument: { uri: string };
  /** Right after the typed character. */
  position: Position;
  /** The character just typed. */
  typed: '>' | '/';
}

/** Request `scansion/autoClose`, extension -> server, right after a `>` or `/` was typed in a
 *  block: the snippet to insert (`$0</message>` after a start tag, `message>` after `</`), or null
 *  when nothing should be added (as VS Code's HTML support closes tags). */
export const autoCloseRequest = new RequestType<AutoCloseParams, string | null, void>('scansion/autoClose');

export interface TestTreeParams {
  /** The open document's URI. */
  uri: string;
  /** The document version the tree was built from. */
  version: number;
  /** Null when the document holds no scenario yet (no character and no step). */
  tree: ScenarioTree | null;
}

/** Notification `scansion/testTree`, server -> extension, only when the extension asked for it
 *  (ScansionInitializationOptions.testTrees): an open document's test tree, built from the
 *  server's own (incremental) parse, when the document opens and a moment after edits stop, and
 *  only when the tree changed. The extension's Test Explorer shows it instead of parsing open
 *  documents itself. */
export const testTreeNotification = new NotificationType<TestTreeParams>('scansion/testTree');

// ---------------------------------------------------------------------------------------------
// Debug adapter

/** A custom DAP event: its name and the shape of its body. */
export class DebugEventType<Body> {
  /** Only carries the body's type. */
  declare readonly body?: Body;
  constructor(readonly event: string) {}
}

/** A custom DAP request: its command, arguments and response body. */
export class DebugRequestType<Arguments, Response> {
  /** Only carry the types. */
  declare readonly arguments?: Arguments;
  declare readonly response?: Response;
  constructor(readonly command: string) {}
}

/** The launch arguments of a `scansion` debug session (package.json `debuggers` describes them). */
export interface ScansionLaunchArguments {
  /** The `.scs` file to debug (absolute path). */
  program: string;
  /** `host:port`, `host` or `[v6]:port` of the XMPP server (core/address.ts; port 5222 when left out);
   *  ignored when `localServer` is true. Default 127.0.0.1:5222. */
  server?: string;
  /** Start a throwaway local Prosody for the session (core/prosody), as runs do. */
  localServer?: boolean;
  /** The prosody.cfg.lua the local server adapts; default as `scs run --local-server` picks it
   *  (core/serverConfig.ts): the one beside `program`, else the project's. */
  prosodyConfig?: string;
  /** Seconds a step waits for the server (default 5), as `scs run --timeout`. */
  timeout?: number;
  /** Seconds `receives: nothing` listens (default 0.3), as `scs run --quiet-period`. */
  quietPeriod?: number;
  /** Wait for the server between two characters' actions (default true); false is `scs run --no-sync`. */
  sync?: boolean;
  /** Stop before the first step. */
  stopOnEntry?: boolean;
  /** Match consecutive `receives` in the order written (SCANSION.md section 3). */
  ordered?: boolean;
  /** Accept any TLS certificate. */
  tlsInsecure?: boolean;
  /** Stop once before the step that owns this 1-based line (the Test Explorer's "debug this step"). */
  stopAtLine?: number;
  /** Passwords by lower-case bare JID, from the extension's secret storage (never in launch.json). */
  passwords?: Record<string, string>;
}

export interface BoundJidsBody {
  program: string;
  boundJids: Record<string, string>;
}

/** Event `scansion/boundJids`, adapter -> extension: the full JIDs bound so far, sent at each stop
 *  and at the end (the extension passes them to the language server's hovers). */
export const boundJidsEvent = new DebugEventType<BoundJidsBody>('scansion/boundJids');

export interface StoppedBody {
  program: string;
  /** The paused step's action line in the file as it is now (0-based). */
  range: Range;
  /** Connected characters: whose received stanzas may become a step (stanzas keep arriving while
   *  stopped, so the request itself says when none is waiting). */
  connectedCharacters: string[];
}

/** Event `scansion/stopped`, adapter -> extension: where the session stopped, for the "Insert
 *  received stanza as step" code lens. */
export const stoppedEvent = new DebugEventType<StoppedBody>('scansion/stopped');

export interface RunningBody {
  program: string;
}

/** Event `scansion/running`, adapter -> extension: the session no longer stands at a step. */
export const runningEvent = new DebugEventType<RunningBody>('scansion/running');

export interface ResultBody {
  program: string;
  result: ScenarioResult;
}

/** Event `scansion/result`, adapter -> extension: the run ended (or was stopped) with this result. */
export const resultEvent = new DebugEventType<ResultBody>('scansion/result');

export interface InsertReceivedStepArguments {
  /** Whose received stanza; the first character with one when absent. */
  character?: string;
  /** The file as the editor has it now. */
  text: string;
}

export interface InsertReceivedStepResponse {
  character: string;
  edit: TextEdit;
}

/** Request `scansion/insertReceivedStep`, extension -> adapter: takes the oldest received stanza
 *  that `character` (or the first character with one) has not consumed, and answers the edit that
 *  writes it as a `receives` step above the paused step of `text`. The extension applies the edit;
 *  the adapter counts the new lines in its stack frames. Fails (an error response) when the session
 *  is not stopped, no stanza is waiting, or the file changed otherwise since the session started. */
export const insertReceivedStepRequest = new DebugRequestType<InsertReceivedStepArguments, InsertReceivedStepResponse>('scansion/insertReceivedStep');
