// Ranges kept from a run follow the edits made since: a change above a step moves it by the lines
// (and on the same line, the characters) the change added or removed, as an editor moves its own
// decorations. Free of `vscode`.

import type { Position, Range } from '../../../core/model.js';
import { comparePositions } from '../../../core/positions.js';

/** One change to a document as editors report it (VS Code's TextDocumentContentChangeEvent, LSP's
 *  TextDocumentContentChangeEvent): `range` in the text before the change (0-based) became `text`. */
export interface ContentChange {
  range: Range;
  text: string;
}

/** Where the end of the inserted text lies once the change is made. */
function changedEnd(change: ContentChange): Position {
  const lines = change.text.split('\n');
  const last = lines[lines.length - 1]!;
  return lines.length === 1
    ? { line: change.range.start.line, character: change.range.start.character + last.length }
    : { line: change.range.start.line + lines.length - 1, character: last.length };
}

/** A position after the change: unmoved before it, at the end of the new text inside the
 *  replaced text, moved with the text that follows the change otherwise. */
export function movePosition(position: Position, change: ContentChange): Position {
  const { start, end } = change.range;
  if (comparePositions(position, start) <= 0 && comparePositions(position, end) < 0) return position;
  const newEnd = changedEnd(change);
  if (comparePositions(position, end) < 0) return newEnd;
  if (position.line === end.line) return { line: newEnd.line, character: newEnd.character + position.character - end.character };
  return { line: position.line + newEnd.line - end.line, character: position.character };
}

/** A range after the change, or undefined when the change replaced its start (the text the range
 *  began with is gone). A change within the range stretches or shrinks it. */
export function moveRange(range: Range, change: ContentChange): Range | undefined {
  const { start, end } = change.range;
  const replacesStart = comparePositions(start, range.start) <= 0 && comparePositions(range.start, end) < 0;
  if (replacesStart) return undefined;
  return { start: movePosition(range.start, change), end: movePosition(range.end, change) };
}
