// Open documents and their analysis (syntax tree and diagnostics), computed at most once per
// document version and only when someone asks for it. Each document keeps its own incremental
// parser and diagnostics, so an edit re-parses and re-checks only the XML blocks it touched.
// Closing a document drops all of that.
import type { Connection } from 'vscode-languageserver/node';
import { TextDocuments } from './lsp.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Scenario } from '../../core/model.js';
import { IncrementalParser } from '../../core/parser/index.js';
import { IncrementalDiagnostics } from '../../core/diagnostics/index.js';

export interface Analysis {
  /** The open document; it is updated in place, so compare `version` before trusting the rest. */
  document: TextDocument;
  version: number;
  scenario: Scenario;
  /** Syntax and semantic diagnostics together, in document order, at most 1,000 and one saying
   *  how many more (core/diagnostics/limit.ts). */
  diagnostics: Diagnostic[];
}

/** What one open document keeps between versions. */
interface Incremental {
  parser: IncrementalParser;
  diagnostics: IncrementalDiagnostics;
}

export class ScenarioDocuments {
  readonly documents = new TextDocuments(TextDocument);
  private readonly analyses = new Map<string, Analysis>();
  private readonly incremental = new Map<string, Incremental>();

  /** `report` hears about core failures; the analysis then holds whatever could be computed.
   *  `onClosed` hears about every document closed, once its caches are dropped. */
  constructor(
    private readonly report: (what: string, error: unknown) => void,
    onClosed: (document: TextDocument) => void = () => {},
  ) {
    this.documents.onDidClose((event) => {
      this.analyses.delete(event.document.uri);
      this.incremental.delete(event.document.uri);
      onClosed(event.document);
    });
  }

  listen(connection: Connection): void {
    this.documents.listen(connection);
  }

  /** The analysis of the document's current version; undefined when it is not open. */
  get(uri: string): Analysis | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const cached = this.analyses.get(uri);
    if (cached && cached.version === document.version) return cached;
    const analysis = this.analyze(document);
    this.analyses.set(uri, analysis);
    return analysis;
  }

  private analyze(document: TextDocument): Analysis {
    const text = document.getText();
    let scenario: Scenario;
    let incremental = this.incremental.get(document.uri);
    if (!incremental) this.incremental.set(document.uri, (incremental = { parser: new IncrementalParser(), diagnostics: new IncrementalDiagnostics() }));
    try {
      scenario = incremental.parser.parse(text);
    } catch (error) {
      // A parser that failed half-way may hold a half-updated cache: start the next one afresh.
      this.incremental.delete(document.uri);
      this.report('parser', error);
      scenario = { text, metadata: { description: [], tags: [] }, characters: [], steps: [], comments: [], diagnostics: [] };
    }
    let diagnostics: Diagnostic[];
    try {
      diagnostics = incremental.diagnostics.update(scenario, incremental.parser.lastEdit);
    } catch (error) {
      this.incremental.delete(document.uri);
      this.report('semantic checks', error);
      diagnostics = scenario.diagnostics.slice(0, 1000);
    } finally {
      // The edit holds the previous version's result, text included: nothing needs it any more.
      // Kept, it would make two versions of a large text live at every collection, both then
      // moved to the old generation, where they wait for a full collection (memory.ts).
      incremental.parser.lastEdit = undefined;
    }
    return { document, version: document.version, scenario, diagnostics };
  }
}
