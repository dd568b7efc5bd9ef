// Memory given back when a large document closes. Its caches are dropped at once (documents.ts),
// but an idle process may hold the garbage for a long time: the collector runs when memory is
// allocated, and nothing is allocated while nobody types. When the server runs with --expose-gc
// (the extension starts it so: client/src/serverProcess.ts), a full collection follows the close.
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Documents from this size (UTF-16 units) on are worth a full collection when they close. */
const largeDocument = 1_000_000;

export function releaseMemoryAfterClose(document: TextDocument): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc || document.getText().length < largeDocument) return;
  // After the close is handled (its diagnostics cleared), not while.
  setImmediate(gc);
}
