// Blocks moved by whole lines, shifted when read: a line added or removed above a block moves every
// range in it, and copying its tree (shift.ts) on every Enter costs O(nodes). Instead a moved
// block's `stanzas` is a property that copies the tree parsed at its old place, moved by as many
// lines, on first read, and keeps the copy. Until then a line insertion costs O(blocks), and code
// that needs no ranges (the variable checks, the stanza count) reads the tree as parsed with
// stanzasAsParsed() and adds the line offset itself.

import type { XmlElement } from '../model.js';
import { shiftNode } from './shift.js';

/** Stanzas as the parser built them, and how many lines down they now stand. */
export interface ParsedStanzas {
  stanzas: XmlElement[];
  lines: number;
}

/** Anything with stanzas: a Block of the model, a cached ParsedBlock. */
interface HasStanzas {
  stanzas: XmlElement[];
}

/** The unread moved stanzas of each holder. */
const origins = new WeakMap<object, ParsedStanzas>();

/** The stanzas of `holder` as parsed and their line offset, without copying them: `lines` is 0
 *  when the stanzas were read (or never moved). */
export function stanzasAsParsed(holder: HasStanzas): ParsedStanzas {
  return origins.get(holder) ?? { stanzas: holder.stanzas, lines: 0 };
}

/** Gives `target` an enumerable `stanzas` property: those of `from` moved `lines` lines down,
 *  copied when first read (and `from`'s own when `lines` is 0 and they were not moved). */
export function setMovedStanzas(target: object, from: HasStanzas, lines: number): void {
  const parsed = stanzasAsParsed(from);
  const total = parsed.lines + lines;
  if (total === 0) {
    Object.defineProperty(target, 'stanzas', { value: parsed.stanzas, enumerable: true, writable: true, configurable: true });
    return;
  }
  origins.set(target, { stanzas: parsed.stanzas, lines: total });
  Object.defineProperty(target, 'stanzas', {
    enumerable: true,
    configurable: true,
    get(): XmlElement[] {
      const stanzas = parsed.stanzas.map((stanza) => shiftNode(stanza, total));
      Object.defineProperty(target, 'stanzas', { value: stanzas, enumerable: true, writable: true, configurable: true });
      origins.delete(target);
      return stanzas;
    },
  });
}
