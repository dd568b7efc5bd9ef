// Completion inside the XML block of a `sends`/`receives` step: element names that fit their
// parent, attribute names and values per element, namespaces that fit the element, `{scansion:…}`
// patterns in expected values, `${...}` variables and closing tags. The words and their docs come
// from core's vocabulary; this module only reads what is being typed and where.
import type { CompletionItem, Position, Range } from 'vscode-languageserver/node';
import { CompletionItemKind, InsertTextFormat, MarkupKind, TextEdit } from './lsp.js';
import type { Scenario, Step, VariableForm, XmlElement } from '../../core/model.js';
import { STREAM_NS } from '../../core/model.js';
import { formatVariable, variableForms } from '../../core/variables.js';
import {
  attributesOf,
  childrenOf,
  elementInfo,
  namespacesFor,
  shortNamespace,
  stanzaElements,
  type ElementInfo,
  type ElementKey,
} from '../../core/vocabulary/index.js';
import { expectedValuePatterns } from '../../core/vocabulary/scansion.js';
import { elementPath } from './tree.js';

/** How far left of the cursor completion looks; what is being typed is short, lines may not be. */
const lookBehind = 400;

/** Attributes whose values are JIDs: `${...}` variables are offered for them. */
const jidAttributes = new Set(['to', 'from', 'jid', 'by']);

const triggerSuggest = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

export function xmlCompletion(scenario: Scenario, step: Step, position: Position, linePrefix: string, after: string): CompletionItem[] {
  const variableStart = linePrefix.lastIndexOf('${');
  if (variableStart >= 0 && linePrefix.indexOf('}', variableStart) < 0) {
    return variableCompletion(scenario, position, variableStart, after === '}');
  }
  // Columns below count from the end of `prefix`, which is also the cursor.
  const prefix = linePrefix.slice(-lookBehind);
  const expected = step.verb.value === 'receives';

  const attributeValue = /<([\w:.-]+)[^<>]*?\s([\w:.-]+)\s*=\s*["']([^"'<>]*)$/.exec(prefix);
  if (attributeValue) {
    const [, tag, attribute, typed] = attributeValue;
    const range = replaceFrom(position, position.character - typed.length);
    const context = tagContext(step, position, prefix);
    if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) {
      return namespacesFor(localName(tag), context.parent).map((info, order) =>
        item(info.uri, CompletionItemKind.Module, range, info.uri, order, { detail: info.spec, doc: info.doc }),
      );
    }
    return valueCompletion(scenario, localName(tag), context.ns, attribute, expected, range);
  }

  const closingTag = /<\/([\w:.-]*)$/.exec(prefix);
  if (closingTag) {
    // Close the innermost element still open around the cursor.
    const open = elementPath(step, position).at(-1);
    if (!open) return [];
    const range = replaceFrom(position, position.character - closingTag[1].length);
    return [{ label: `${open.name}>`, kind: CompletionItemKind.Struct, textEdit: TextEdit.replace(range, `${open.name}>`) }];
  }

  const tagName = /<([\w:.-]*)$/.exec(prefix);
  if (tagName) {
    const range = replaceFrom(position, position.character - tagName[1].length);
    const parent = elementPath(step, position).at(-1);
    if (!parent) return stanzaElements().map((info, order) => elementItem(info, STREAM_NS, range, order));
    return childrenOf(keyOf(parent)).map((info, order) => elementItem(info, parent.ns, range, order));
  }

  const attributeName = /<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s+([\w:.-]*)$/.exec(prefix);
  if (attributeName) {
    const [, tag, written, typed] = attributeName;
    const present = new Set([...written.matchAll(/([\w:.-]+)\s*=/g)].map((match) => match[1]));
    const range = replaceFrom(position, position.character - typed.length);
    const context = tagContext(step, position, prefix);
    return attributeNameCompletion(localName(tag), context.ns, present, expected, range);
  }

  const text = /<([\w:.-]+)(?:\s[^<>]*)?>([^<>]*)$/.exec(prefix);
  if (text) {
    const [, tag, typed] = text;
    const context = tagContext(step, position, prefix);
    const info = context.ns === undefined ? undefined : elementInfo(context.ns, localName(tag));
    const range = replaceFrom(position, position.character - typed.length);
    return (info?.text ?? []).map((value, order) =>
      item(value.value, CompletionItemKind.EnumMember, range, value.value, order, { detail: info!.spec, doc: value.doc }),
    );
  }
  return [];
}

// ---- items

function elementItem(info: ElementInfo, parentNs: string, range: Range, order: number): CompletionItem {
  const declares = info.ns !== parentNs;
  const insert = declares ? `${info.name} xmlns="${info.ns}"` : info.name;
  const result = item(info.name, declares ? CompletionItemKind.Module : CompletionItemKind.Field, range, insert, order, {
    detail: info.spec,
    doc: declares ? `${info.doc}\n\nNamespace \`${info.ns}\`.` : info.doc,
  });
  if (declares) result.labelDetails = { description: shortNamespace(info.ns) };
  // Two entries may share a name (`<x>` in muc and in muc#user): the filter stays the name.
  result.filterText = info.name;
  return result;
}

function attributeNameCompletion(name: string, ns: string | undefined, present: Set<string>, expected: boolean, range: Range): CompletionItem[] {
  const spec = specOf(name, ns);
  const candidates: Array<{ name: string; doc: string }> = [...attributesOf(name, ns)];
  if (ns !== STREAM_NS) candidates.push({ name: 'xmlns', doc: 'The element’s namespace.' });
  if (expected) {
    candidates.push({ name: 'scansion:strict', doc: 'Compare this element strictly ("true") or loosely ("false"), whatever its namespace.' });
  }
  return candidates
    .filter((candidate) => !present.has(candidate.name))
    .map((candidate, order) => {
      const result = item(candidate.name, CompletionItemKind.Property, range, `${candidate.name}="$1"`, order, { detail: spec, doc: candidate.doc });
      result.insertTextFormat = InsertTextFormat.Snippet;
      result.command = triggerSuggest;
      return result;
    });
}

function valueCompletion(scenario: Scenario, name: string, ns: string | undefined, attribute: string, expected: boolean, range: Range): CompletionItem[] {
  const known = attributesOf(name, ns).find((candidate) => candidate.name === attribute);
  const items = (known?.values ?? []).map((value, order) =>
    item(value.value, CompletionItemKind.EnumMember, range, value.value, order, { detail: specOf(name, ns), doc: value.doc }),
  );
  if (attribute === 'scansion:strict') {
    items.push(...['true', 'false'].map((value, order) => item(value, CompletionItemKind.EnumMember, range, value, order, {})));
  }
  if (jidAttributes.has(attribute)) {
    for (const character of scenario.characters) {
      for (const form of variableForms) {
        const text = formatVariable(character.name.value, form);
        items.push(item(text, CompletionItemKind.Variable, range, text, 100 + items.length, { detail: formDetail(form) }));
      }
    }
  }
  if (expected) {
    for (const pattern of expectedValuePatterns) {
      const result = item(pattern.text, CompletionItemKind.Keyword, range, pattern.snippet, 200 + items.length, { detail: 'Scansion', doc: pattern.doc });
      result.insertTextFormat = InsertTextFormat.Snippet;
      items.push(result);
    }
  }
  return items;
}

function variableCompletion(scenario: Scenario, position: Position, start: number, closed: boolean): CompletionItem[] {
  const range: Range = {
    start: { line: position.line, character: start },
    end: { line: position.line, character: position.character + (closed ? 1 : 0) },
  };
  return scenario.characters.flatMap((character) =>
    variableForms.map((form: VariableForm) => {
      const text = formatVariable(character.name.value, form);
      return { label: text, kind: CompletionItemKind.Variable, detail: formDetail(form), filterText: text, textEdit: TextEdit.replace(range, text) };
    }),
  );
}

function formDetail(form: VariableForm): string {
  return form === 'JID' ? 'bare JID from the definition' : 'full JID bound at connect time';
}

function item(label: string, kind: CompletionItemKind, range: Range, insert: string, order: number, about: { detail?: string; doc?: string }): CompletionItem {
  const result: CompletionItem = {
    label,
    kind,
    sortText: String(order).padStart(3, '0'),
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: TextEdit.replace(range, insert),
  };
  if (about.detail) result.detail = about.detail;
  if (about.doc) result.documentation = { kind: MarkupKind.Markdown, value: about.detail ? `${about.doc}\n\n${about.detail}` : about.doc };
  return result;
}

// ---- where the cursor stands

interface TagContext {
  /** The namespace of the element whose tag is being typed, when it can be told. */
  ns?: string;
  /** The element it stands in. */
  parent?: ElementKey;
}

/** The element whose start tag holds the cursor, and its parent. The tag may not parse yet, so its
 *  namespace comes from an `xmlns` written on it, else from its parent (an inherited namespace), else
 *  from the vocabulary when the name is a `jabber:client` element. */
function tagContext(step: Step, position: Position, prefix: string): TagContext {
  const tagStart = prefix.lastIndexOf('<');
  const tagColumn = position.character - (prefix.length - tagStart);
  const path = elementPath(step, position);
  const self = path.at(-1);
  const own = self && self.range.start.line === position.line && self.range.start.character === tagColumn;
  const parentElement = own ? path.at(-2) : self;
  const parent = parentElement ? keyOf(parentElement) : undefined;
  const tag = prefix.slice(tagStart);
  const name = localName(/^<([\w:.-]+)/.exec(tag)?.[1] ?? '');
  const declared = /\sxmlns\s*=\s*["']([^"']*)["']/.exec(tag)?.[1];
  if (declared !== undefined) return { ns: declared, parent };
  if (parent && parent.ns !== STREAM_NS) return { ns: parent.ns, parent };
  if (!parent || elementInfo(STREAM_NS, name)) return { ns: STREAM_NS, parent };
  return { parent };
}

function keyOf(element: XmlElement): ElementKey {
  return { ns: element.ns, name: element.local };
}

function localName(qualified: string): string {
  return qualified.slice(qualified.indexOf(':') + 1);
}

/** The specification of the element, when the vocabulary knows it. */
function specOf(name: string, ns: string | undefined): string | undefined {
  return ns === undefined ? undefined : elementInfo(ns, name)?.spec;
}

function replaceFrom(position: Position, character: number): Range {
  return { start: { line: position.line, character }, end: position };
}
