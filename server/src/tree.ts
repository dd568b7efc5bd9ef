// Small helpers for walking the core syntax tree by position.
import type { Position, Range, Step, XmlElement } from '../../core/model.js';
import { comparePositions } from '../../core/positions.js';

/** Whether `position` lies inside `range`, both ends included (a cursor right after a name is on it). */
export function contains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

/** Calls `visit` on every element of the trees rooted at `elements`, in document order.
 *  The parser builds no tree deeper than maxDepth (core/parser/xml.ts); the walk keeps its own stack all the same. */
export function forEachElement(elements: readonly XmlElement[], visit: (element: XmlElement) => void): void {
  const stack = [...elements].reverse();
  for (let element = stack.pop(); element; element = stack.pop()) {
    visit(element);
    for (let index = element.children.length - 1; index >= 0; index--) {
      const child = element.children[index];
      if (child.kind === 'element') stack.push(child);
    }
  }
}

/** The elements whose ranges contain `position`, outermost (the stanza) first. */
export function elementPath(step: Step, position: Position): XmlElement[] {
  const path: XmlElement[] = [];
  let level: readonly XmlElement[] = step.block?.stanzas ?? [];
  for (;;) {
    const next = level.find((element) => contains(element.range, position));
    if (!next) return path;
    path.push(next);
    level = next.children.filter((child): child is XmlElement => child.kind === 'element');
  }
}
