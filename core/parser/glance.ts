// What an editor reads of every block when a file opens: the stanzas' names and the first stanza's
// `type`, `to` and `from` (test-item labels, core/queries.ts; document symbols), and where the
// elements that span several lines lie (folding ranges). A block the scan read has its tree built
// only when first read (lazyBlock.ts); these read a glance at such a block instead (xmlGlance.ts,
// taken once), and the tree of any other, with the same values either way
// (test/parser/lazyBlocks.test.ts). So opening a file builds no tree for the blocks the scan read.

import type { Block, XmlElement } from '../model.js';
import { glanceAsParsed } from './moved.js';

/** The names of `block`'s stanzas as written, in document order. */
export function stanzaNames(block: Block): readonly string[] {
  return glanceAsParsed(block)?.names ?? block.stanzas.map((stanza) => stanza.name);
}

/** The first stanza's attributes a glance keeps. */
export type FirstStanzaAttribute = 'type' | 'to' | 'from';

/** The values of the first stanza's attributes named `name`, in document order: none when it has no
 *  such attribute or the block no stanza; one unless the block's XML repeats the attribute (an
 *  error the parser reports, in a block the scan leaves to it). */
export function firstStanzaAttribute(block: Block, name: FirstStanzaAttribute): readonly string[] {
  const glance = glanceAsParsed(block);
  if (glance !== undefined) {
    const value = glance[name];
    return value === undefined ? [] : [value];
  }
  const first = block.stanzas[0];
  return first === undefined ? [] : first.attributes.filter((attribute) => attribute.name === name).map((attribute) => attribute.value);
}

/** Calls `visit` with the first and last line (0-based, in the file) of every element of `block`
 *  that starts and ends on different lines, in document order (an element before those inside it). */
export function forEachMultiLineElement(block: Block, visit: (firstLine: number, lastLine: number) => void): void {
  const glance = glanceAsParsed(block);
  if (glance !== undefined) {
    const { multiLine } = glance;
    const first = block.range.start.line;
    for (let i = 0; i < multiLine.length; i += 2) visit(first + multiLine[i], first + multiLine[i + 1]);
    return;
  }
  // Depth first with a stack of its own: however deep the XML, the call stack stays flat.
  const pending: XmlElement[] = [];
  for (let i = block.stanzas.length - 1; i >= 0; i--) pending.push(block.stanzas[i]);
  for (let element = pending.pop(); element !== undefined; element = pending.pop()) {
    const { start, end } = element.range;
    if (end.line !== start.line) visit(start.line, end.line);
    for (let i = element.children.length - 1; i >= 0; i--) {
      const child = element.children[i];
      if (child.kind === 'element') pending.push(child);
    }
  }
}
