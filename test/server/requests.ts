// Sends every kind of request the server handles at one position, as the robustness tests do.
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  type Position,
} from 'vscode-languageserver/node';
import type { LspClient } from './lspClient.js';

/** Resolves with the number of requests when every one got an answer; rejects with the first request that failed.
 *  A rename the server refuses with InvalidParams (e.g. the name exists) is an answer too. */
export async function requestEverything(client: LspClient, uri: string, position: Position): Promise<number> {
  const textDocument = { uri };
  const { connection } = client;
  const refusedRename = (error: unknown) => {
    if (error instanceof ResponseError && error.code === ErrorCodes.InvalidParams) return null;
    throw error;
  };
  const requests: Array<[string, Promise<unknown>]> = [
    ['completion', connection.sendRequest(CompletionRequest.type, { textDocument, position })],
    ['hover', connection.sendRequest(HoverRequest.type, { textDocument, position })],
    ['definition', connection.sendRequest(DefinitionRequest.type, { textDocument, position })],
    ['references', connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } })],
    ['prepareRename', connection.sendRequest(PrepareRenameRequest.type, { textDocument, position })],
    ['rename', connection.sendRequest(RenameRequest.type, { textDocument, position, newName: 'Mercutio' }).catch(refusedRename)],
    ['documentSymbol', connection.sendRequest(DocumentSymbolRequest.type, { textDocument })],
    ['foldingRange', connection.sendRequest(FoldingRangeRequest.type, { textDocument })],
    [
      'codeAction',
      connection.sendRequest(CodeActionRequest.type, {
        textDocument,
        range: { start: position, end: position },
        context: { diagnostics: [] },
      }),
    ],
  ];
  for (const [name, request] of requests) {
    try {
      await request;
    } catch (error) {
      throw new Error(`${name} at ${position.line}:${position.character} failed: ${String(error)}`, { cause: error });
    }
  }
  return requests.length;
}
