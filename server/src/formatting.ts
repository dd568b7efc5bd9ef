// Format Document and Format Selection: core's re-indentation (tabs, one level per element) as
// LSP text edits. The editor's tab size and insertSpaces options are not consulted: Prosody's
// scenarios indent with tabs, and so does this formatter.
import type { Range } from 'vscode-languageserver/node';
import { TextEdit } from './lsp.js';
import { indentationEdits } from '../../core/format.js';
import type { Analysis } from './documents.js';

/** Edits for the whole document, or for the lines `range` touches. */
export function formatting(analysis: Analysis, range?: Range): TextEdit[] {
  const edits = range ? indentationEdits(analysis.scenario, range.start.line, range.end.line) : indentationEdits(analysis.scenario);
  return edits.map(({ line, width, indent }) => TextEdit.replace({ start: { line, character: 0 }, end: { line, character: width } }, indent));
}
