// Positions in a document (0-based line, UTF-16 column, as in core/model.ts) compared in document
// order: the one rule the language server's tree walks and the extension's edit following share.

import type { Position } from './model.js';

/** Negative when `a` comes before `b`, zero when they are the same place, positive when `a` comes after:
 *  lines first, then characters on the same line (an Array.prototype.sort comparator). */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
