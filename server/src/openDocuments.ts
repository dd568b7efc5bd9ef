// The documents the editor has open as it starts the server (ScansionInitializationOptions
// .openDocuments, shared/protocol.ts): analysed while answering `initialize`, so that the answer
// carries their diagnostics (ScansionInitializeResult.openDiagnostics) and their didOpen, right
// after, reuses the analysis (documents.ts analyzeAhead).
import type { PublishDiagnosticsParams, TextDocumentItem } from 'vscode-languageserver/node';
import { toLspDiagnostic } from './convert.js';
import type { ScenarioDocuments } from './documents.js';

/** The diagnostics of each well-formed document item in `items` (anything else in it, or `items`
 *  not being an array, is left out), in the order given, each for the version given. Throws only
 *  what the analysis throws. */
export function diagnosticsOfOpenDocuments(documents: ScenarioDocuments, items: unknown): PublishDiagnosticsParams[] {
  if (!Array.isArray(items)) return [];
  return items.filter(isDocumentItem).map((item) => {
    const analysis = documents.analyzeAhead(item);
    return { uri: item.uri, version: item.version, diagnostics: analysis.diagnostics.map(toLspDiagnostic) };
  });
}

function isDocumentItem(item: unknown): item is TextDocumentItem {
  const { uri, languageId, version, text } = (item ?? {}) as Partial<Record<keyof TextDocumentItem, unknown>>;
  return typeof uri === 'string' && typeof languageId === 'string' && Number.isInteger(version) && typeof text === 'string';
}
