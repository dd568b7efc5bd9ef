// Completion. The tree says where the cursor stands (a definition, a step's block, the action
// lines); the few characters just left of the cursor say what is being typed there, since text
// that is still being typed is not a complete node yet.
import {
  CompletionItemKind,
  InsertTextFormat,
  TextEdit,
  type CompletionItem,
  type Position,
  type Range,
} from 'vscode-languageserver/node';
import type { Scenario, Step, VariableForm } from '../../core/model.js';
import { knownProperties } from '../../core/diagnostics/index.js';
import { formatVariable, variableForms } from '../../core/variables.js';
import type { Analysis } from './documents.js';
import { innermostElement } from './tree.js';
import { childElementNames, errorConditions, namespaces, namespacesByElement, stanzaNames, stanzaTypes } from './xmppVocabulary.js';

/** What each known property does, for the completion list. */
const propertyDocumentation: Record<string, string> = {
  jid: 'The account to log in as (required).',
  password: 'The password for that account.',
  resource: 'A fixed resource to bind instead of the server’s choice.',
  connect_host: 'Connect to this host instead of the JID’s domain.',
  connect_port: 'Connect to this port instead of 5222.',
};

const actionVerbs: ReadonlyArray<[string, string]> = [
  ['connects', 'Open a stream, log in and bind a resource.'],
  ['disconnects', 'Close the stream.'],
  ['sends:', 'Send the stanza in the indented block below.'],
  ['receives:', 'Expect a stanza matching the indented block below.'],
  ['receives: nothing', 'Expect no stanza after a short wait.'],
];

/** How far left of the cursor completion looks; what is being typed is short, lines may not be. */
const lookBehind = 400;

export function completion(analysis: Analysis, requested: Position): CompletionItem[] {
  const { scenario, document } = analysis;
  // A position past the end of its line (an editor a little behind) counts as the line's end.
  const position = document.positionAt(document.offsetAt(requested));
  const prefix = document.getText({ start: { line: position.line, character: 0 }, end: position });
  const step = blockOwner(scenario, position.line, prefix);
  if (step) {
    const after = document.getText({ start: position, end: { line: position.line, character: position.character + 1 } });
    return blockCompletion(scenario, step, position, prefix, after);
  }
  if (inDefinitions(scenario, position.line)) {
    return isIndented(prefix) ? propertyCompletion(scenario, position, prefix) : [];
  }
  return isIndented(prefix) || !inActions(scenario, position.line) ? [] : actionCompletion(scenario, position, prefix);
}

// ---- where the cursor stands

function isIndented(prefix: string): boolean {
  return prefix.length > 0 && (prefix[0] === ' ' || prefix[0] === '\t');
}

/** The `sends`/`receives` step whose block the indented cursor line belongs to, if any. */
function blockOwner(scenario: Scenario, line: number, prefix: string): Step | undefined {
  if (!isIndented(prefix)) return undefined;
  const step = lastStepStartingBefore(scenario, line);
  if (!step || (step.verb.value !== 'sends' && step.verb.value !== 'receives') || step.nothing) return undefined;
  // A comment line or another step between the action line and the cursor ends the block.
  const next = scenario.steps[step.index + 1];
  if (next && next.actionRange.start.line <= line) return undefined;
  const comment = scenario.comments.find((found) => found.range.start.line > step.actionRange.start.line && found.range.start.line <= line);
  return comment ? undefined : step;
}

function lastStepStartingBefore(scenario: Scenario, line: number): Step | undefined {
  const steps = scenario.steps;
  let low = 0;
  let high = steps.length - 1;
  let found: Step | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (steps[middle].actionRange.start.line < line) {
      found = steps[middle];
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** Lines above the separator (or, without one, above the first step) hold the definitions. */
function inDefinitions(scenario: Scenario, line: number): boolean {
  const end = scenario.separator?.start.line ?? scenario.steps[0]?.actionRange.start.line ?? Number.POSITIVE_INFINITY;
  const first = scenario.characters[0];
  return line < end && first !== undefined && first.headerRange.start.line < line;
}

/** Action lines come after the separator, or after the last definition when there is none. */
function inActions(scenario: Scenario, line: number): boolean {
  const after = scenario.separator?.start.line ?? scenario.characters.at(-1)?.range.end.line ?? -1;
  return line > after;
}

// ---- definitions

function propertyCompletion(scenario: Scenario, position: Position, prefix: string): CompletionItem[] {
  const owner = scenario.characters.filter((character) => character.headerRange.start.line < position.line).at(-1);
  const present = new Set(owner?.properties.filter((property) => property.range.start.line !== position.line).map((property) => property.key.value));
  const typed = replaceFrom(position, prefix.length - prefix.trimStart().length);
  return knownProperties
    .filter((key) => !present.has(key))
    .map((key, order) => ({
      label: key,
      kind: CompletionItemKind.Property,
      documentation: propertyDocumentation[key],
      sortText: String(order).padStart(2, '0'),
      textEdit: TextEdit.replace(typed, `${key}: `),
    }));
}

// ---- action lines

function actionCompletion(scenario: Scenario, position: Position, prefix: string): CompletionItem[] {
  if (/^(#|\/\/|--)/.test(prefix)) return [];
  const speaker = scenario.characters
    .map((character) => character.name.value)
    .filter((name) => name !== '' && prefix.startsWith(`${name} `))
    .sort((a, b) => b.length - a.length)[0];
  if (speaker !== undefined) {
    const typed = replaceFrom(position, speaker.length + 1);
    return actionVerbs.map(([verb, documentation], order) => ({
      label: verb,
      kind: CompletionItemKind.Keyword,
      documentation,
      sortText: String(order),
      textEdit: TextEdit.replace(typed, verb),
    }));
  }
  const typed = replaceFrom(position, 0);
  return scenario.characters.map((character) => ({
    label: character.name.value,
    kind: CompletionItemKind.Class,
    detail: `[${character.className.value}] ${character.name.value}`,
    textEdit: TextEdit.replace(typed, `${character.name.value} `),
  }));
}

// ---- XML blocks

function blockCompletion(scenario: Scenario, step: Step, position: Position, linePrefix: string, after: string): CompletionItem[] {
  const variableStart = linePrefix.lastIndexOf('${');
  if (variableStart >= 0 && linePrefix.indexOf('}', variableStart) < 0) {
    return variableCompletion(scenario, position, variableStart, after === '}');
  }

  // Columns below count from the end of `prefix`, which is also the cursor.
  const prefix = linePrefix.slice(-lookBehind);

  const attributeValue = /([\w:.-]+)\s*=\s*["']([^"'<>]*)$/.exec(prefix);
  if (attributeValue) {
    const [, attribute, typed] = attributeValue;
    const range = replaceFrom(position, position.character - typed.length);
    const element = elementName(step, position, prefix);
    if (attribute === 'type') return values(stanzaTypes[element ?? ''] ?? [], range, CompletionItemKind.EnumMember);
    if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) {
      const likely = namespacesByElement[element ?? ''] ?? [];
      return values([...likely, ...namespaces.filter((namespace) => !likely.includes(namespace))], range, CompletionItemKind.Module);
    }
    return [];
  }

  const closingTag = /<\/([\w:.-]*)$/.exec(prefix);
  if (closingTag) {
    // Close the innermost element still open around the cursor.
    const open = innermostElement(step, position);
    if (!open) return [];
    const range = replaceFrom(position, position.character - closingTag[1].length);
    return [{ label: `${open.name}>`, kind: CompletionItemKind.Struct, textEdit: TextEdit.replace(range, `${open.name}>`) }];
  }

  const tagName = /<([\w:.-]*)$/.exec(prefix);
  if (tagName) {
    const range = replaceFrom(position, position.character - tagName[1].length);
    const parent = innermostElement(step, position);
    if (!parent) return values(stanzaNames, range, CompletionItemKind.Struct);
    const names = parent.local === 'error' ? [...errorConditions, 'text'] : childElementNames;
    return values(names, range, CompletionItemKind.Field);
  }
  return [];
}

function variableCompletion(scenario: Scenario, position: Position, start: number, closed: boolean): CompletionItem[] {
  const range: Range = {
    start: { line: position.line, character: start },
    end: { line: position.line, character: position.character + (closed ? 1 : 0) },
  };
  return scenario.characters.flatMap((character) =>
    variableForms.map((form: VariableForm) => {
      const text = formatVariable(character.name.value, form);
      return {
        label: text,
        kind: CompletionItemKind.Variable,
        detail: form === 'JID' ? 'bare JID from the definition' : 'full JID bound at connect time',
        filterText: text,
        textEdit: TextEdit.replace(range, text),
      };
    }),
  );
}

/** The name of the element whose start tag holds the cursor: on this line, else from the tree. */
function elementName(step: Step, position: Position, prefix: string): string | undefined {
  const onLine = /<([\w:.-]+)[^<>]*$/.exec(prefix);
  if (onLine) return onLine[1].slice(onLine[1].indexOf(':') + 1);
  return innermostElement(step, position)?.local;
}

function values(words: readonly string[], range: Range, kind: CompletionItemKind): CompletionItem[] {
  return words.map((word, order) => ({
    label: word,
    kind,
    sortText: String(order).padStart(3, '0'),
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: TextEdit.replace(range, word),
  }));
}

function replaceFrom(position: Position, character: number): Range {
  return { start: { line: position.line, character }, end: position };
}
