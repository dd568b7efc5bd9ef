// Publishes each open document's test tree (core/testTree.ts) with `scansion/testTree`
// (shared/protocol.ts), built from the analysis the diagnostics use: no parse of its own. A
// document's tree goes out when it opens and once edits have paused for `delayMs`, and only when
// it differs from the one sent before. Only for an editor that asked for it (the extension does,
// in its initializationOptions).
import { createHash } from 'node:crypto';
import type { Connection } from 'vscode-languageserver/node';
import { scenarioTree } from '../../core/testTree.js';
import { testTreeNotification, type TestTreeParams } from '../../shared/protocol.js';
import type { ScenarioDocuments } from './documents.js';
import { guard } from './guard.js';

/** Quiet time after an edit before the tree is built: the Test Explorer need not follow every
 *  keystroke, and by then the diagnostics have analysed the latest version. */
export const testTreeDelayMs = 150;

export class TestTreePublisher {
  /** Set from the client's initializationOptions before any document opens. */
  enabled = false;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** A digest of the tree last sent per document. */
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: ScenarioDocuments,
    private readonly delayMs = testTreeDelayMs,
  ) {
    documents.documents.onDidChangeContent((event) => {
      if (!this.enabled) return;
      const uri = event.document.uri;
      clearTimeout(this.timers.get(uri));
      // A document just opened gets its tree at once.
      const delay = this.sent.has(uri) ? this.delayMs : 0;
      this.timers.set(
        uri,
        setTimeout(() => guard(connection, 'testTree', undefined, () => this.publish(uri)), delay),
      );
    });
    documents.documents.onDidClose((event) => {
      clearTimeout(this.timers.get(event.document.uri));
      this.timers.delete(event.document.uri);
      this.sent.delete(event.document.uri);
    });
  }

  private publish(uri: string): void {
    this.timers.delete(uri);
    const analysis = this.documents.get(uri);
    if (!analysis) return;
    const params: TestTreeParams = { uri, version: analysis.version, tree: scenarioTree(analysis.scenario, analysis.diagnostics) ?? null };
    const digest = createHash('sha1').update(JSON.stringify(params.tree)).digest('base64');
    if (this.sent.get(uri) === digest) return;
    this.sent.set(uri, digest);
    void this.connection.sendNotification(testTreeNotification, params);
  }
}
