// Publishes diagnostics when a document opens and after every change. A document just opened gets
// them at once, in the handling of its didOpen: nothing else (a workspace scan, a request to the
// editor, a timer, the test tree) comes before its first squiggles. Changes that arrive together
// are checked once, at the latest version: a check waits one turn of the event loop and goes
// ahead only if no newer change came in meanwhile, so versions already superseded by changes
// waiting in the message queue are never analysed. Nothing waits on a timer.
import type { Connection } from 'vscode-languageserver/node';
import { toLspDiagnostic } from './convert.js';
import type { ScenarioDocuments } from './documents.js';
import { guard } from './guard.js';

/** `onPublished` hears about every document's diagnostics once they are sent. */
export function publishDiagnosticsOnChange(connection: Connection, documents: ScenarioDocuments, onPublished: () => void = () => {}): void {
  /** Documents waiting for their diagnostics, with the version seen at their last look. */
  const pending = new Map<string, number | undefined>();
  /** The document whose didOpen is being handled: its opening content needs no check of its own. */
  let opening: string | undefined;

  const publish = (uri: string): void => {
    pending.delete(uri);
    const analysis = documents.get(uri);
    if (!analysis) return;
    void connection.sendDiagnostics({
      uri,
      version: analysis.version,
      diagnostics: analysis.diagnostics.map(toLspDiagnostic),
    });
    onPublished();
  };

  /** The message queue handles one message per turn: a change still queued shows up as a newer
   *  version on the next turn. */
  const check = (uri: string): void => {
    const version = documents.documents.get(uri)?.version;
    if (version === undefined) {
      pending.delete(uri);
    } else if (pending.get(uri) !== version) {
      pending.set(uri, version);
      setImmediate(() => guard(connection, 'diagnostics', undefined, () => check(uri)));
    } else {
      publish(uri);
    }
  };

  // TextDocuments fires onDidOpen and then onDidChangeContent for the same opening.
  documents.documents.onDidOpen((event) => {
    opening = event.document.uri;
    guard(connection, 'diagnostics', undefined, () => publish(event.document.uri));
  });

  documents.documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    if (opening === uri) {
      opening = undefined;
      return;
    }
    if (pending.has(uri)) return;
    pending.set(uri, undefined);
    setImmediate(() => guard(connection, 'diagnostics', undefined, () => check(uri)));
  });

  // Closed documents lose their diagnostics.
  documents.documents.onDidClose((event) => {
    pending.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });
}
