// Copies of parsed XML moved by whole lines: a block whose text is unchanged but which now starts
// on another line (a line was added or removed above it) parses to the same tree with every line
// number moved, which copying gives several times faster than parsing.

import type { Diagnostic, Range, VariableRef, XmlAttribute, XmlElement, XmlNode } from '../model.js';

export function shiftRange(range: Range, lines: number): Range {
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}

function shiftVariables(variables: VariableRef[], lines: number): VariableRef[] {
  // The parser shares one frozen empty array between nodes without variables; so does the copy.
  if (variables.length === 0) return variables;
  return variables.map((variable) => shiftVariable(variable, lines));
}

export function shiftVariable(variable: VariableRef, lines: number): VariableRef {
  const moved: VariableRef = { raw: variable.raw, range: shiftRange(variable.range, lines) };
  if (variable.character) moved.character = { value: variable.character.value, range: shiftRange(variable.character.range, lines) };
  if (variable.form) moved.form = variable.form;
  return moved;
}

// Object literals rather than spreads: several times faster here. They must name every property
// the parser sets (model.ts), optional ones only when present.

function shiftAttribute(attribute: XmlAttribute, lines: number): XmlAttribute {
  const moved: XmlAttribute = {
    name: attribute.name,
    local: attribute.local,
    ns: attribute.ns,
    value: attribute.value,
    nameRange: shiftRange(attribute.nameRange, lines),
    valueRange: shiftRange(attribute.valueRange, lines),
    variables: shiftVariables(attribute.variables, lines),
  };
  if (attribute.prefix !== undefined) moved.prefix = attribute.prefix;
  return moved;
}

/** A copy of `node` and everything in it, `lines` lines further down. Recursive: the parser
 *  builds no tree deeper than maxDepth (xml.ts). */
export function shiftNode<T extends XmlNode>(node: T, lines: number): T;
export function shiftNode(node: XmlNode, lines: number): XmlNode {
  if (node.kind === 'text') return { kind: 'text', text: node.text, range: shiftRange(node.range, lines), variables: shiftVariables(node.variables, lines) };
  const element: XmlElement = {
    kind: 'element',
    name: node.name,
    local: node.local,
    ns: node.ns,
    attributes: node.attributes.map((attribute) => shiftAttribute(attribute, lines)),
    children: node.children.map((child) => shiftNode(child, lines)),
    range: shiftRange(node.range, lines),
    nameRange: shiftRange(node.nameRange, lines),
  };
  if (node.prefix !== undefined) element.prefix = node.prefix;
  if (node.strict !== undefined) element.strict = node.strict;
  return element;
}

export function shiftDiagnostic(diagnostic: Diagnostic, lines: number): Diagnostic {
  return { ...diagnostic, range: shiftRange(diagnostic.range, lines) };
}
