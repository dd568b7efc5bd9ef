// Publishes diagnostics when a document opens and after every change. Changes that arrive
// together are checked once, at the latest version; nothing waits on a timer.
import type { Connection } from 'vscode-languageserver/node';
import { toLspDiagnostic } from './convert.js';
import type { ScenarioDocuments } from './documents.js';
import { guard } from './guard.js';

export function publishDiagnosticsOnChange(connection: Connection, documents: ScenarioDocuments): void {
  const pending = new Set<string>();

  const publish = (uri: string): void => {
    pending.delete(uri);
    const analysis = documents.get(uri);
    if (!analysis) return;
    void connection.sendDiagnostics({
      uri,
      version: analysis.version,
      diagnostics: analysis.diagnostics.map(toLspDiagnostic),
    });
  };

  documents.documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    if (pending.has(uri)) return;
    pending.add(uri);
    setImmediate(() => guard(connection, 'diagnostics', undefined, () => publish(uri)));
  });

  // Closed documents lose their diagnostics.
  documents.documents.onDidClose((event) => {
    pending.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });
}
