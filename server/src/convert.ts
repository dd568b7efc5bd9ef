// Turns core data (ranges, diagnostics) into LSP objects.
import type { Diagnostic as LspDiagnostic, Range as LspRange } from 'vscode-languageserver/node';
import { DiagnosticSeverity } from './lsp.js';
import type { Diagnostic, Range, Severity } from '../../core/model.js';

export const diagnosticSource = 'scansion';

/** Core ranges already use LSP's convention (0-based lines, UTF-16 columns). */
export function toLspRange(range: Range): LspRange {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(diagnostic: Diagnostic): LspDiagnostic {
  const converted: LspDiagnostic = {
    range: toLspRange(diagnostic.range),
    severity: severities[diagnostic.severity] ?? DiagnosticSeverity.Error,
    code: diagnostic.code,
    source: diagnosticSource,
    message: diagnostic.message,
  };
  if (diagnostic.data) converted.data = diagnostic.data;
  return converted;
}
