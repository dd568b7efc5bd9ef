// Quick fixes: define an undefined character or change a misspelt one to the defined name, correct
// a misspelt verb (or `nothing`) or variable, close an unclosed element, indent a stanza's lines
// written at column 0, move a stanza written on its action line to the line below, indent the file
// with tabs.
import type { CodeAction, CodeActionParams, Position } from 'vscode-languageserver/node';
import { CodeActionKind, TextEdit } from './lsp.js';
import type { Diagnostic, Scenario, XmlElement } from '../../core/model.js';
import { toLspDiagnostic, toLspRange } from './convert.js';
import type { Analysis } from './documents.js';
import { formatting } from './formatting.js';
import { findVariables } from '../../core/variables.js';
import { forEachElement } from './tree.js';
import { comparePositions } from '../../core/positions.js';
import { bareJidOf, stepAtLine } from '../../core/queries.js';

export function codeActions(analysis: Analysis, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const uri = analysis.document.uri;
  const actions: CodeAction[] = [];
  const defined = new Set<string>();
  let reindented = false;
  for (const diagnostic of analysis.diagnostics.filter((found) => overlaps(found, params.range))) {
    if (diagnostic.code === 'unknown-verb' || diagnostic.code === 'unexpected-text') {
      const suggestion = stringData(diagnostic, 'suggestion');
      if (!suggestion) continue;
      actions.push(quickFix(`Change to '${suggestion}'`, diagnostic, uri, [TextEdit.replace(toLspRange(diagnostic.range), suggestion)]));
    } else if (diagnostic.code === 'stanza-on-action-line') {
      const edit = stanzaBelow(analysis, diagnostic);
      if (edit) actions.push(quickFix('Move the stanza to an indented line below', diagnostic, uri, [edit]));
    } else if (diagnostic.code === 'unindented-continuation') {
      const edits = indentLines(diagnostic);
      if (edits.length === 0) continue;
      const joined = diagnostic.data?.joinable === true ? joinLines(analysis, diagnostic) : [];
      const many = edits.length > 1;
      actions.push(
        quickFix(many ? `Indent these ${edits.length} lines into the block` : 'Indent this line into the block', diagnostic, uri, edits, joined.length === 0),
      );
      if (joined.length > 0) {
        actions.push(
          quickFix(`Join ${many ? 'these lines' : 'this line'} to the text above with &#10; (the text stays exactly as written)`, diagnostic, uri, joined),
        );
      }
    } else if (diagnostic.code === 'variable-unknown-form') {
      const suggestion = stringData(diagnostic, 'suggestion');
      if (suggestion) actions.push(quickFix(`Change to ${suggestion}`, diagnostic, uri, [TextEdit.replace(toLspRange(diagnostic.range), suggestion)]));
    } else if (diagnostic.code === 'undefined-character' || diagnostic.code === 'variable-undefined-character') {
      const suggested = stringData(diagnostic, 'suggestion');
      // A step's suggestion is a name; a variable's is the whole variable.
      const suggestedName =
        diagnostic.code === 'undefined-character' ? suggested : suggested === undefined ? undefined : findVariables(suggested)[0]?.character?.value;
      if (suggestedName)
        actions.push(quickFix(`Change to '${suggestedName}'`, diagnostic, uri, [TextEdit.replace(toLspRange(diagnostic.range), suggestedName)]));
      const name = stringData(diagnostic, 'name');
      if (!name || defined.has(name)) continue;
      defined.add(name);
      actions.push(quickFix(`Define character '${name}'`, diagnostic, uri, [defineCharacter(analysis.scenario, name)], !suggestedName));
    } else if (diagnostic.code === 'xml-unclosed-tag') {
      const element = unclosedElement(analysis.scenario, diagnostic);
      if (!element) continue;
      const line = analysis.document.getText({ start: { line: element.range.start.line, character: 0 }, end: element.range.start });
      const indent = /^\s*/.exec(line)![0];
      actions.push(quickFix(`Insert </${element.name}>`, diagnostic, uri, [TextEdit.insert(element.range.end, `\n${indent}</${element.name}>`)]));
    } else if (diagnostic.code === 'mixed-indentation' && !reindented) {
      reindented = true;
      actions.push(quickFix('Indent the file with tabs', diagnostic, uri, formatting(analysis)));
    }
  }
  return actions;
}

/** Puts the block's indentation (the diagnostic's data: `indent`, `lines`) before each line. */
function indentLines(diagnostic: Diagnostic): TextEdit[] {
  const indent = stringData(diagnostic, 'indent') ?? '\t';
  const lines = diagnostic.data?.lines;
  if (!Array.isArray(lines)) return [];
  return lines.filter((line): line is number => Number.isInteger(line) && line >= 0).map((line) => TextEdit.insert({ line, character: 0 }, indent));
}

/** Writes the line break before each of the diagnostic's `lines` as `&#10;`, joining the line to
 *  the one above: the stanza's text keeps exactly its characters. */
function joinLines(analysis: Analysis, diagnostic: Diagnostic): TextEdit[] {
  const lines = diagnostic.data?.lines;
  if (!Array.isArray(lines)) return [];
  return lines
    .filter((line): line is number => Number.isInteger(line) && line > 0)
    .map((line) => {
      const above = lineText(analysis, line - 1);
      return TextEdit.replace({ start: { line: line - 1, character: above.length }, end: { line, character: 0 } }, '&#10;');
    });
}

/** Moves a stanza written on its action line (`Romeo receives: <presence/>`) to a line of its own below:
 *  the action line keeps its name and verb and gets the colon; the stanza takes the indent of the block
 *  below when there is one (it becomes that block's first stanza), else a tab. */
function stanzaBelow(analysis: Analysis, diagnostic: Diagnostic): TextEdit | undefined {
  const line = diagnostic.range.start.line;
  const step = stepAtLine(analysis.scenario, line);
  if (step?.actionRange.start.line !== line) return undefined;
  const document = analysis.document;
  const stanza = document.getText(toLspRange(diagnostic.range));
  const blockLine = step.block?.range.start.line;
  const indent = blockLine === undefined ? '\t' : /^[ \t]*/.exec(lineText(analysis, blockLine))![0];
  return TextEdit.replace({ start: step.verb.range.end, end: { line, character: lineText(analysis, line).length } }, `:\n${indent}${stanza}`);
}

/** The text of a 0-based line, without its line break. */
function lineText(analysis: Analysis, line: number): string {
  return analysis.document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}

/** Inserts `[Client] NAME` with a jid and password where the definitions end. */
function defineCharacter(scenario: Scenario, name: string): TextEdit {
  const definition = [`[Client] ${name}`, `\tjid: ${localPart(name)}@${domain(scenario)}`, '\tpassword: password'];
  if (scenario.separator) {
    return TextEdit.insert(lineStart(scenario.separator.start), [...definition, '', ''].join('\n'));
  }
  const last = scenario.characters.at(-1);
  if (last) return TextEdit.insert(last.range.end, ['', '', ...definition].join('\n'));
  // No definitions and no separator yet: add both above the first step.
  const firstStep = scenario.steps[0]?.actionRange.start ?? { line: 0, character: 0 };
  return TextEdit.insert(lineStart(firstStep), [...definition, '', '-----', '', ''].join('\n'));
}

/** The domain the other characters use, so the new one lands on the same server. */
function domain(scenario: Scenario): string {
  for (const character of scenario.characters) {
    const jid = bareJidOf(character);
    const at = jid?.indexOf('@') ?? -1;
    if (jid && at >= 0) return jid.slice(at + 1) || 'localhost';
  }
  return 'localhost';
}

function localPart(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'user'
  );
}

/** The element an `xml-unclosed-tag` diagnostic is about: the one whose name it marks. */
function unclosedElement(scenario: Scenario, diagnostic: Diagnostic): XmlElement | undefined {
  const step = stepAtLine(scenario, diagnostic.range.start.line);
  let found: XmlElement | undefined;
  forEachElement(step?.block?.stanzas ?? [], (element) => {
    if (comparePositions(element.nameRange.start, diagnostic.range.start) === 0) found = element;
  });
  return found;
}

function quickFix(title: string, diagnostic: Diagnostic, uri: string, edits: TextEdit[], isPreferred = true): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [toLspDiagnostic(diagnostic)],
    isPreferred,
    edit: { changes: { [uri]: edits } },
  };
}

function stringData(diagnostic: Diagnostic, key: string): string | undefined {
  const value = diagnostic.data?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Fixes are offered for every diagnostic on the lines the editor asks about (its cursor line). */
function overlaps(diagnostic: Diagnostic, range: { start: Position; end: Position }): boolean {
  return diagnostic.range.start.line <= range.end.line && range.start.line <= diagnostic.range.end.line;
}

function lineStart(position: Position): Position {
  return { line: position.line, character: 0 };
}
