// Reads the lines of a character definition: the `[Class] Name` header and `key: value` properties.

import type { Piece } from './action.js';
import { isSpace } from './chars.js';

/** [start, end) of `line` without surrounding blanks. */
export function trimmed(line: string, start = 0, end = line.length): Piece {
  while (start < end && isSpace(line.charCodeAt(start))) start++;
  while (end > start && isSpace(line.charCodeAt(end - 1))) end--;
  return { value: line.slice(start, end), start, end };
}

/** The end of `line` without trailing blanks. */
export function trimmedEnd(line: string): number {
  let end = line.length;
  while (end > 0 && isSpace(line.charCodeAt(end - 1))) end--;
  return end;
}

/** A line that starts with `[`: the class and the name, or undefined when `]` is missing. */
export function parseHeader(line: string): { className: Piece; name: Piece } | undefined {
  const close = line.indexOf(']');
  if (close === -1) return undefined;
  return { className: trimmed(line, 1, close), name: trimmed(line, close + 1) };
}

/** An indented line inside a definition: `key: value`, or undefined when there is no key or colon. */
export function parseProperty(line: string): { key: Piece; value: Piece } | undefined {
  const colon = line.indexOf(':');
  if (colon === -1) return undefined;
  const key = trimmed(line, 0, colon);
  if (key.value === '') return undefined;
  return { key, value: trimmed(line, colon + 1) };
}
