// Completion. The tree says where the cursor stands (a definition, a step's block, the action
// lines); the few characters just left of the cursor say what is being typed there, since text
// that is still being typed is not a complete node yet.
import type { CompletionItem, Position, Range } from 'vscode-languageserver/node';
import { CompletionItemKind, InsertTextFormat, MarkupKind, TextEdit } from './lsp.js';
import type { Scenario, Step } from '../../core/model.js';
import { snippetsFor, type Snippet } from '../../core/snippets.js';
import { actionVerbs, characterProperties, characterPropertyDoc } from '../../core/vocabulary/scansion.js';
import type { Analysis } from './documents.js';
import { elementPath } from './tree.js';
import { inActions, inDefinitions, stanzaBlockOwner } from '../../core/queries.js';
import { startsLikeComment } from '../../core/parser/index.js';
import { xmlCompletion } from './xmlCompletion.js';

export function completion(analysis: Analysis, requested: Position): CompletionItem[] {
  const { scenario, document } = analysis;
  // A position past the end of its line (an editor a little behind) counts as the line's end.
  const position = document.positionAt(document.offsetAt(requested));
  const prefix = document.getText({ start: { line: position.line, character: 0 }, end: position });
  const after = document.getText({ start: position, end: { line: position.line, character: position.character + 1 } });
  const step = blockOwner(scenario, position.line, prefix);
  if (step) {
    const stanza = /^\s+([\w-]*)$/.exec(prefix);
    if (stanza && elementPath(step, position).length === 0) {
      return snippetCompletion(snippetsFor('stanza'), replaceFrom(position, position.character - stanza[1].length));
    }
    return xmlCompletion(scenario, step, position, prefix, after);
  }
  if (isIndented(prefix)) {
    return inDefinitions(scenario, position.line) ? propertyCompletion(scenario, position, prefix) : [];
  }
  if (scenario.characters.length === 0 && scenario.steps.length === 0 && /^[\w-]*$/.test(prefix)) {
    return snippetCompletion([...snippetsFor('file'), ...snippetsFor('definition')], replaceFrom(position, 0));
  }
  if (!inActions(scenario, position.line)) {
    // A new definition: `[` (with the `]` the editor closed it with) or a word at column 0.
    if (!/^(\[\w*|[\w-]*)$/.test(prefix)) return [];
    const end = prefix.startsWith('[') && after === ']' ? position.character + 1 : position.character;
    return snippetCompletion(snippetsFor('definition'), { start: { line: position.line, character: 0 }, end: { line: position.line, character: end } });
  }
  return actionCompletion(scenario, position, prefix);
}

// ---- where the cursor stands

function isIndented(prefix: string): boolean {
  return prefix.length > 0 && (prefix[0] === ' ' || prefix[0] === '\t');
}

/** The `sends`/`receives` step whose block the indented cursor line belongs to, if any. */
/** The sends/receives step whose block an indented line continues (core/queries.ts). */
export function blockOwner(scenario: Scenario, line: number, prefix: string): Step | undefined {
  return isIndented(prefix) ? stanzaBlockOwner(scenario, line) : undefined;
}

// ---- definitions

function propertyCompletion(scenario: Scenario, position: Position, prefix: string): CompletionItem[] {
  const owner = scenario.characters.filter((character) => character.headerRange.start.line < position.line).at(-1);
  const present = new Set(owner?.properties.filter((property) => property.range.start.line !== position.line).map((property) => property.key.value));
  const typed = replaceFrom(position, prefix.length - prefix.trimStart().length);
  return characterProperties
    .filter((property) => !present.has(property.key))
    .map((property, order) => ({
      label: property.key,
      kind: CompletionItemKind.Property,
      documentation: { kind: MarkupKind.Markdown, value: characterPropertyDoc(property) },
      sortText: String(order).padStart(2, '0'),
      textEdit: TextEdit.replace(typed, `${property.key}: `),
    }));
}

// ---- action lines

function actionCompletion(scenario: Scenario, position: Position, prefix: string): CompletionItem[] {
  if (startsLikeComment(prefix)) return [];
  const speaker = scenario.characters
    .map((character) => character.name.value)
    .filter((name) => name !== '' && prefix.startsWith(`${name} `))
    .sort((a, b) => b.length - a.length)[0];
  if (speaker !== undefined) {
    const typed = replaceFrom(position, speaker.length + 1);
    return actionVerbs.map((verb, order) => ({
      label: verb.text,
      kind: CompletionItemKind.Keyword,
      documentation: verb.doc,
      sortText: String(order),
      textEdit: TextEdit.replace(typed, verb.text),
    }));
  }
  const typed = replaceFrom(position, 0);
  const names: CompletionItem[] = scenario.characters.map((character) => ({
    label: character.name.value,
    kind: CompletionItemKind.Class,
    detail: `[${character.className.value}] ${character.name.value}`,
    textEdit: TextEdit.replace(typed, `${character.name.value} `),
  }));
  return /^[\w-]*$/.test(prefix) ? [...names, ...snippetCompletion(snippetsFor('step'), typed)] : names;
}

/** Snippets as completion items: the label is what the author types, the detail names it. */
function snippetCompletion(found: readonly Snippet[], range: Range): CompletionItem[] {
  return found.map((snippet, order) => ({
    label: snippet.prefix,
    kind: CompletionItemKind.Snippet,
    detail: snippet.name,
    documentation: { kind: MarkupKind.Markdown, value: `${snippet.description}.\n\n\`\`\`scansion\n${snippet.body.join('\n')}\n\`\`\`` },
    sortText: `~${String(order).padStart(2, '0')}`,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: TextEdit.replace(range, snippet.body.join('\n')),
  }));
}

function replaceFrom(position: Position, character: number): Range {
  return { start: { line: position.line, character }, end: position };
}
