// Open documents and their analysis (syntax tree and diagnostics), computed at most once per
// document version and only when someone asks for it. Each document keeps its own incremental
// parser and diagnostics, so an edit re-parses and re-checks only the XML blocks it touched.
// Closing a document drops all of that.
import type { Connection, TextDocumentItem } from 'vscode-languageserver/node';
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

/** How long an analysis made ahead of a document's didOpen (analyzeAhead) waits for it. */
const aheadLifetimeMs = 30_000;

export class ScenarioDocuments {
  readonly documents = new TextDocuments(TextDocument);
  private readonly analyses = new Map<string, Analysis>();
  private readonly incremental = new Map<string, Incremental>();
  /** Analyses of documents not open yet, made by analyzeAhead. */
  private readonly ahead = new Map<string, Analysis>();

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
    const cached = this.analyses.get(uri) ?? this.takeAhead(document);
    if (cached && cached.version === document.version) return cached;
    const analysis = this.analyze(document);
    this.analyses.set(uri, analysis);
    return analysis;
  }

  /** Analyses a document the editor is about to open (ScansionInitializationOptions.openDocuments,
   *  shared/protocol.ts). Its didOpen, if it comes within aheadLifetimeMs with the same version
   *  and text, gets this analysis instead of a parse of its own; a different text is parsed
   *  incrementally from this one. */
  analyzeAhead(item: TextDocumentItem): Analysis {
    const analysis = this.analyze(TextDocument.create(item.uri, item.languageId, item.version, item.text));
    this.ahead.set(item.uri, analysis);
    setTimeout(() => {
      if (this.ahead.get(item.uri) === analysis && !this.documents.get(item.uri)) {
        this.ahead.delete(item.uri);
        this.incremental.delete(item.uri);
      }
    }, aheadLifetimeMs).unref();
    return analysis;
  }

  /** The analysis made ahead of `document`'s opening, if it is of the same version and text. */
  private takeAhead(document: TextDocument): Analysis | undefined {
    const ahead = this.ahead.get(document.uri);
    if (!ahead) return undefined;
    this.ahead.delete(document.uri);
    if (ahead.version !== document.version || ahead.document.getText() !== document.getText()) return undefined;
    const analysis = { ...ahead, document };
    this.analyses.set(document.uri, analysis);
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
