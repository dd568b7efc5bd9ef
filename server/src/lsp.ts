// The language server's one import of vscode-languageserver's values (its types are imported
// where they are used). The library is CommonJS: the bundle wraps it for each module importing
// values from it, copying its 321 exports each time; when thirteen modules did, that was some 30 ms
// of the server's CPU time at every start (bench/serverStart.bench.ts). eslint.config.mjs keeps the
// other modules to type imports; test/server/bundle.test.ts checks the bundle.
export {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  DocumentHighlightKind,
  ErrorCodes,
  FoldingRangeKind,
  InsertTextFormat,
  MarkupKind,
  ProposedFeatures,
  ResponseError,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  TextEdit,
} from 'vscode-languageserver/node';
