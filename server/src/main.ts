// The Scansion language server: `node dist/server.js --stdio`. This file only wires the
// connection to the features; each feature lives in its own module.
import type { TextDocumentPositionParams } from 'vscode-languageserver/node';
import { CodeActionKind, ProposedFeatures, TextDocumentSyncKind, createConnection } from './lsp.js';
import { autoClose } from './autoClose.js';
import { autoCloseRequest, runResultNotification, type ScansionInitializationOptions, type ScansionInitializeResult } from '../../shared/protocol.js';
import { codeActions } from './codeActions.js';
import { completion } from './completion.js';
import { publishDiagnosticsOnChange } from './diagnostics.js';
import { ScenarioDocuments, type Analysis } from './documents.js';
import { releaseMemoryAfterClose } from './memory.js';
import { foldingRanges } from './folding.js';
import { formatting } from './formatting.js';
import { guard, logFailure } from './guard.js';
import { hover } from './hover.js';
import { definition, documentHighlights, prepareRename, references, rename } from './navigation.js';
import { LastRunJids } from './lastRunJids.js';
import { diagnosticsOfOpenDocuments } from './openDocuments.js';
import { documentSymbols } from './symbols.js';
import { TestTreePublisher } from './testTrees.js';

const connection = createConnection(ProposedFeatures.all);
const documents = new ScenarioDocuments((what, error) => logFailure(connection, what, error), releaseMemoryAfterClose);
const lastRunJids = new LastRunJids();
const testTrees = new TestTreePublisher(connection, documents);

const initializeResult: ScansionInitializeResult = {
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    completionProvider: { triggerCharacters: [' ', '<', '{', '"', "'", '\t', '[', '>'] },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    renameProvider: { prepareProvider: true },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  },
  serverInfo: { name: 'scansion-language-server' },
};

connection.onInitialize((params): ScansionInitializeResult => {
  const options = params.initializationOptions as ScansionInitializationOptions | undefined;
  testTrees.enabled = options?.testTrees === true;
  const openDiagnostics = guard(connection, 'openDocuments', [], () => diagnosticsOfOpenDocuments(documents, options?.openDocuments));
  return openDiagnostics.length === 0 ? initializeResult : { ...initializeResult, openDiagnostics };
});

/** Runs a feature on the current analysis of the request's document; answers `fallback` when
 *  the document is not open or the feature fails. */
function withAnalysis<T>(feature: string, uri: string, fallback: T, run: (analysis: Analysis) => T): T {
  return guard(connection, feature, fallback, () => {
    const analysis = documents.get(uri);
    return analysis ? run(analysis) : fallback;
  });
}

const at = (params: TextDocumentPositionParams) => params.textDocument.uri;

connection.onCompletion((params) => withAnalysis('completion', at(params), [], (a) => completion(a, params.position)));
connection.onHover((params) => withAnalysis('hover', at(params), null, (a) => hover(a, params.position, lastRunJids)));
connection.onDefinition((params) => withAnalysis('definition', at(params), null, (a) => definition(a, params.position)));
connection.onReferences((params) => withAnalysis('references', at(params), [], (a) => references(a, params.position, params.context.includeDeclaration)));
connection.onDocumentHighlight((params) => withAnalysis('documentHighlight', at(params), [], (a) => documentHighlights(a, params.position)));
connection.onPrepareRename((params) => withAnalysis('prepareRename', at(params), null, (a) => prepareRename(a, params.position)));
connection.onRenameRequest((params) => withAnalysis('rename', at(params), null, (a) => rename(a, params.position, params.newName)));
connection.onDocumentSymbol((params) => withAnalysis('documentSymbol', params.textDocument.uri, [], (a) => documentSymbols(a.scenario)));
connection.onFoldingRanges((params) => withAnalysis('foldingRange', params.textDocument.uri, [], (a) => foldingRanges(a.scenario)));
connection.onDocumentFormatting((params) => withAnalysis('formatting', params.textDocument.uri, [], (a) => formatting(a)));
connection.onDocumentRangeFormatting((params) => withAnalysis('rangeFormatting', params.textDocument.uri, [], (a) => formatting(a, params.range)));
connection.onCodeAction((params) => withAnalysis('codeAction', params.textDocument.uri, [], (a) => codeActions(a, params)));
connection.onRequest(autoCloseRequest, (params) =>
  withAnalysis('autoClose', params.textDocument.uri, null, (a) => autoClose(a, params.position, params.typed)),
);
connection.onNotification(runResultNotification, (params) => guard(connection, 'runResult', undefined, () => lastRunJids.record(params)));

/** Settles once the first diagnostics are sent: start.ts then writes V8's code cache, which by then
 *  holds the code they needed. */
export const firstDiagnostics = new Promise<void>((resolve) => publishDiagnosticsOnChange(connection, documents, resolve));
documents.listen(connection);
connection.listen();
