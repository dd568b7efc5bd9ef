// Open documents and their analysis (syntax tree and diagnostics), computed at most once per
// document version and only when someone asks for it. Each document keeps its own incremental
// parser, so an edit re-parses only the XML blocks it touched.
import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Scenario } from '../../core/model.js';
import { IncrementalParser } from '../../core/parser/index.js';
import { diagnose } from '../../core/diagnostics/index.js';

export interface Analysis {
  /** The open document; it is updated in place, so compare `version` before trusting the rest. */
  document: TextDocument;
  version: number;
  scenario: Scenario;
  /** Syntax and semantic diagnostics together, in document order. */
  diagnostics: Diagnostic[];
}

export class ScenarioDocuments {
  readonly documents = new TextDocuments(TextDocument);
  private readonly analyses = new Map<string, Analysis>();
  private readonly parsers = new Map<string, IncrementalParser>();

  /** `report` hears about core failures; the analysis then holds whatever could be computed. */
  constructor(private readonly report: (what: string, error: unknown) => void) {
    this.documents.onDidClose((event) => {
      this.analyses.delete(event.document.uri);
      this.parsers.delete(event.document.uri);
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
    let parser = this.parsers.get(document.uri);
    if (!parser) this.parsers.set(document.uri, (parser = new IncrementalParser()));
    try {
      scenario = parser.parse(text);
    } catch (error) {
      // A parser that failed half-way may hold a half-updated cache: start the next one afresh.
      this.parsers.delete(document.uri);
      this.report('parser', error);
      scenario = { text, metadata: { description: [], tags: [] }, characters: [], steps: [], comments: [], diagnostics: [] };
    }
    let diagnostics: Diagnostic[];
    try {
      diagnostics = diagnose(scenario);
    } catch (error) {
      this.report('semantic checks', error);
      diagnostics = scenario.diagnostics;
    }
    return { document, version: document.version, scenario, diagnostics };
  }
}
