// Open documents and their analysis (syntax tree and diagnostics), computed at most once per
// document version and only when someone asks for it.
import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Scenario } from '../../core/model.js';
import { parseScenario } from '../../core/parser/index.js';
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

  constructor() {
    this.documents.onDidClose((event) => this.analyses.delete(event.document.uri));
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
    const analysis = analyze(document);
    this.analyses.set(uri, analysis);
    return analysis;
  }
}

function analyze(document: TextDocument): Analysis {
  const scenario = parseScenario(document.getText());
  return { document, version: document.version, scenario, diagnostics: diagnose(scenario) };
}
