// What the checks (core/diagnostics) need of a block's XML: how many stanzas it holds, where the
// later ones lie, and its `${...}` variables. The parser gives it with every block, so that the
// checks never need a block's tree: a block without errors has its tree built when first read
// (lazyBlock.ts), and a whole file is checked without building any.

import type { Range, VariableRef, XmlElement, XmlNode } from '../model.js';
import { noVariables } from './xmlText.js';

export interface BlockOutline {
  /** How many stanzas (top-level elements) the block holds. */
  readonly stanzas: number;
  /** From the `<` of the second stanza to the end of the last one; set when there are several. */
  readonly laterStanzas?: Range;
  /** Every variable in the block's attribute values and texts, in document order. */
  readonly variables: readonly VariableRef[];
}

/** Holders of a block that know its outline (ParsedBlock from parseBlock, StepBlock, LazyBlock). */
export interface HasOutline {
  readonly outline: BlockOutline;
}

export function hasOutline(holder: object): holder is HasOutline {
  return (holder as Partial<HasOutline>).outline !== undefined;
}

/** The outline of parsed stanzas, read from their trees. */
export function outlineOf(stanzas: readonly XmlElement[]): BlockOutline {
  const variables: VariableRef[] = [];
  for (const stanza of stanzas) addVariables(stanza, variables);
  const outline: { stanzas: number; laterStanzas?: Range; variables: readonly VariableRef[] } = {
    stanzas: stanzas.length,
    variables: variables.length === 0 ? noVariables : variables,
  };
  if (stanzas.length > 1) outline.laterStanzas = { start: stanzas[1].range.start, end: stanzas[stanzas.length - 1].range.end };
  return outline;
}

/** Adds the variables in `stanza` to `found`, in document order. */
function addVariables(stanza: XmlElement, found: VariableRef[]): void {
  // Depth first with a stack of its own: however deep the XML, the call stack stays flat.
  const pending: XmlNode[] = [stanza];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.kind === 'text') {
      for (const variable of node.variables) found.push(variable);
      continue;
    }
    for (const attribute of node.attributes) for (const variable of attribute.variables) found.push(variable);
    for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]);
  }
}
