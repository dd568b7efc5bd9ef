// Test helpers: where a piece of text stands in a document, computed independently of the parser
// (by splitting on line breaks and counting UTF-16 units), so tests can state exact ranges.

import type { Range } from '../../core/model.js';

/** The range of the `occurrence`-th (0-based) appearance of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset === -1) throw new Error(`"${needle}" occurs fewer than ${occurrence + 1} times`);
  }
  return { start: positionOf(text, offset), end: positionOf(text, offset + needle.length) };
}

function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** `line:col-line:col`, 0-based, for readable assertion failures. */
export function show(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
