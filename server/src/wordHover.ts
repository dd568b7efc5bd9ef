// Hovers on the words of a step: its verb, and inside its block an element's name, an attribute's
// name or value, or a namespace. What they mean comes from core's vocabulary; for an expected
// stanza the hover also says how the matcher compares the element (SCANSION.md §3).
import type { Hover, Position } from 'vscode-languageserver/node';
import { MarkupKind } from './lsp.js';
import type { Range, Scenario, XmlAttribute, XmlElement } from '../../core/model.js';
import { attributesOf, comparison, elementInfo, namespaceInfo } from '../../core/vocabulary/index.js';
import { expectedValueDoc, verbDoc } from '../../core/vocabulary/scansion.js';
import { toLspRange } from './convert.js';
import { stepAtLine } from '../../core/queries.js';
import { contains, elementPath } from './tree.js';

export function wordHover(scenario: Scenario, position: Position): Hover | null {
  const step = stepAtLine(scenario, position.line);
  if (!step) return null;
  if (contains(step.verb.range, position)) {
    const doc = verbDoc(step.verb.value, step.nothing);
    return doc ? hover(`**${step.nothing ? 'receives: nothing' : step.verb.value}**: ${doc}`, step.verb.range) : null;
  }
  const element = elementPath(step, position).at(-1);
  if (!element) return null;
  const expected = step.verb.value === 'receives';
  if (contains(element.nameRange, position)) return hover(elementText(element, expected), element.nameRange);
  for (const attribute of element.attributes) {
    if (contains(attribute.nameRange, position)) return attributeHover(element, attribute);
    if (contains(attribute.valueRange, position)) return valueHover(element, attribute);
  }
  return null;
}

function elementText(element: XmlElement, expected: boolean): string {
  const info = elementInfo(element.ns, element.local);
  const lines = [`**\`<${element.name}>\`**${info ? `: ${info.doc}` : ''}`];
  lines.push(info ? `Namespace \`${element.ns}\`, ${info.spec}.` : `Namespace \`${element.ns}\`.`);
  if (expected) {
    const mode = comparison(element.ns, element.strict);
    lines.push(`Compared ${mode.strict ? 'strictly' : 'loosely'}: ${mode.why}.`);
  }
  return lines.join('\n\n');
}

function attributeHover(element: XmlElement, attribute: XmlAttribute): Hover | null {
  if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) {
    return hover('Declares a namespace; never compared as an attribute.', attribute.nameRange);
  }
  if (attribute.name === 'scansion:strict') {
    return hover('Overrides how the matcher compares this element: `true` strictly, `false` loosely. Never sent or compared.', attribute.nameRange);
  }
  const known = attributesOf(element.local, element.ns).find((candidate) => candidate.name === attribute.name);
  if (!known) return null;
  const spec = elementInfo(element.ns, element.local)?.spec;
  const lines = [`**${attribute.name}**: ${known.doc}`];
  if (spec) lines.push(spec);
  return hover(lines.join('\n\n'), attribute.nameRange);
}

function valueHover(element: XmlElement, attribute: XmlAttribute): Hover | null {
  if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) {
    const info = namespaceInfo(attribute.value.trim());
    return info ? hover(`\`${info.uri}\`: ${info.doc}\n\n${info.spec}`, attribute.valueRange) : null;
  }
  const pattern = expectedValueDoc(attribute.value);
  if (pattern) return hover(`\`${attribute.value}\`: ${pattern}`, attribute.valueRange);
  const known = attributesOf(element.local, element.ns).find((candidate) => candidate.name === attribute.name);
  const value = known?.values?.find((candidate) => candidate.value === attribute.value);
  if (!value) return null;
  const spec = elementInfo(element.ns, element.local)?.spec;
  return hover(`\`${attribute.name}="${value.value}"\`: ${value.doc}${spec ? `\n\n${spec}` : ''}`, attribute.valueRange);
}

function hover(value: string, range: Range): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: toLspRange(range) };
}
