// Copies of parsed XML moved by whole lines: a block whose text is unchanged but which now starts
// on another line (a line was added or removed above it) parses to the same tree with every line
// number moved, which copying gives several times faster than parsing.

import type { Diagnostic, Range, VariableRef, XmlElement, XmlNode } from '../model.js';
import { noAttributes, noNodes, ParsedAttribute, ParsedElement, ParsedText, ParsedVariable } from './nodes.js';

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
  return (variable as ParsedVariable).moved(lines);
}

// The copies set optional properties only when present, as the parser does (nodes.ts).

function shiftAttribute(attribute: ParsedAttribute, lines: number): ParsedAttribute {
  const moved = new ParsedAttribute(
    attribute.name,
    attribute.local,
    attribute.ns,
    attribute.value,
    shiftVariables(attribute.variables, lines),
    attribute.nameLine + lines,
    attribute.nameCharacter,
    attribute.valueStartLine + lines,
    attribute.valueStartCharacter,
    attribute.valueEndLine + lines,
    attribute.valueEndCharacter,
  );
  if (attribute.prefix !== undefined) moved.prefix = attribute.prefix;
  return moved;
}

/** A copy of `node` and everything in it, `lines` lines further down. `node` comes from the parser
 *  (nodes.ts). Recursive: the parser builds no tree deeper than maxDepth (xml.ts). */
export function shiftNode<T extends XmlNode>(node: T, lines: number): T;
export function shiftNode(node: XmlNode, lines: number): XmlNode {
  if (node.kind === 'text') {
    const text = node as ParsedText;
    return new ParsedText(
      text.text,
      shiftVariables(text.variables, lines),
      text.startLine + lines,
      text.startCharacter,
      text.endLine + lines,
      text.endCharacter,
    );
  }
  const parsed = node as ParsedElement;
  const element = new ParsedElement(
    parsed.name,
    parsed.local,
    parsed.ns,
    parsed.attributes.length === 0 ? noAttributes : parsed.attributes.map((attribute) => shiftAttribute(attribute as ParsedAttribute, lines)),
    parsed.children.length === 0 ? noNodes : parsed.children.map((child) => shiftNode(child, lines)),
    parsed.nameLine + lines,
    parsed.nameCharacter,
  );
  element.endLine = parsed.endLine + lines;
  element.endCharacter = parsed.endCharacter;
  if (parsed.prefix !== undefined) element.prefix = parsed.prefix;
  if (parsed.strict !== undefined) element.strict = parsed.strict;
  return element satisfies XmlElement;
}

/** The index of the first of `items` that starts on line `line` or below, in a list where whether
 *  an item starts above `line` changes once (true, then false): diagnostics sorted by position; or
 *  the parser's diagnostics and comments, which it lists item by item, each on its item's lines. */
export function firstStartingAt(items: readonly { range: Range }[], line: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (items[middle].range.start.line < line) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function shiftDiagnostic(diagnostic: Diagnostic, lines: number): Diagnostic {
  return { ...diagnostic, range: shiftRange(diagnostic.range, lines) };
}
