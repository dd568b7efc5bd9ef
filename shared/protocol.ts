// Every message the parts of the extension exchange beyond the standard protocols, declared once
// and imported by both ends of each:
// - extension <-> language server (LSP custom requests and notifications, `scansion/...`), typed
//   with vscode-jsonrpc's NotificationType/RequestType as vscode-languageclient and
//   vscode-languageserver take them;
// - extension <-> debug adapter (DAP custom events and one custom request), typed by name and body,
//   declared in shared/debugProtocol.ts and exported from here too.
// Positions and ranges are the model's (core/model.ts): 0-based line, UTF-16 column, as in LSP.

import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { InitializeResult, PublishDiagnosticsParams, TextDocumentItem } from 'vscode-languageserver-protocol';
import type { Position } from '../core/model.js';
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

export * from './debugProtocol.js';
