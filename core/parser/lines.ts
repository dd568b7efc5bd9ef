// Splits a text into lines the way LSP does (\n, \r\n and a lone \r all end a line) and converts
// between offsets and positions (0-based line, UTF-16 column).

import type { Position, Range } from '../model.js';

export class LineIndex {
  // Typed arrays: `edited` copies them on every keystroke, which is several times faster than
  // copying plain arrays (and they hold no pointers for the garbage collector to follow).
  /** Offset of the first character of each line. */
  readonly starts: Int32Array;
  /** Offset just past the last character of each line (before its line break). */
  readonly ends: Int32Array;

  /** Indexes `text`, or adopts line offsets already computed for it. */
  constructor(
    readonly text: string,
    known?: { starts: Int32Array; ends: Int32Array },
  ) {
    if (known) {
      this.starts = known.starts;
      this.ends = known.ends;
      return;
    }
    if (text.indexOf('\r') === -1) {
      // Fast path: no \r at all, so only \n ends lines. One pass, into arrays sized for lines of
      // 24 characters on average and grown when more come.
      let starts = new Int32Array(Math.max(16, text.length >> 4));
      let ends = new Int32Array(starts.length);
      let line = 0;
      for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
        if (line + 1 === starts.length) {
          starts = grown(starts);
          ends = grown(ends);
        }
        ends[line] = index;
        starts[++line] = index + 1;
      }
      ends[line] = text.length;
      this.starts = starts.slice(0, line + 1);
      this.ends = ends.slice(0, line + 1);
      return;
    }
    const starts = [0];
    const ends: number[] = [];
    const length = text.length;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) {
        ends.push(i);
        starts.push(i + 1);
      } else if (code === 13) {
        ends.push(i);
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    ends.push(length);
    this.starts = Int32Array.from(starts);
    this.ends = Int32Array.from(ends);
  }

  /** The index of `text`, which is this text with characters changed within line `line` only (no
   *  line break added or removed), `delta` UTF-16 units longer. Cheaper than indexing afresh. */
  edited(text: string, line: number, delta: number): LineIndex {
    const starts = this.starts.slice();
    const ends = this.ends.slice();
    for (let i = line + 1; i < starts.length; i++) starts[i] += delta;
    for (let i = line; i < ends.length; i++) ends[i] += delta;
    return new LineIndex(text, { starts, ends });
  }

  /** The index of `text`, which is this text with lines [line, oldLast] replaced by lines
   *  [line, newLast] (line `line` keeps its start), `delta` UTF-16 units longer, and only \n line
   *  breaks in the replaced lines. Copies the offsets of the other lines. */
  replaced(text: string, line: number, oldLast: number, newLast: number, delta: number): LineIndex {
    const moved = newLast - oldLast;
    const count = this.starts.length + moved;
    const starts = new Int32Array(count);
    const ends = new Int32Array(count);
    starts.set(this.starts.subarray(0, line + 1));
    ends.set(this.ends.subarray(0, line));
    let at = starts[line];
    for (let i = line; i < newLast; i++) {
      const lineBreak = text.indexOf('\n', at);
      ends[i] = lineBreak;
      starts[i + 1] = at = lineBreak + 1;
    }
    for (let i = newLast + 1; i < count; i++) starts[i] = this.starts[i - moved] + delta;
    for (let i = newLast; i < count; i++) ends[i] = this.ends[i - moved] + delta;
    return new LineIndex(text, { starts, ends });
  }

  get count(): number {
    return this.starts.length;
  }

  line(index: number): string {
    return this.text.slice(this.starts[index], this.ends[index]);
  }

  /** The line that holds `offset` (a line break belongs to the line it ends). */
  lineAt(offset: number): number {
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  positionAt(offset: number, hintLine = 0): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    let line: number;
    // Most lookups move forward a line or two from the previous one: walk before searching.
    if (hintLine < starts.length && starts[hintLine] <= clamped) {
      line = hintLine;
      while (line + 1 < starts.length && starts[line + 1] <= clamped) {
        line++;
        if (line - hintLine > 8) {
          line = this.lineAt(clamped);
          break;
        }
      }
    } else {
      line = this.lineAt(clamped);
    }
    return { line, character: Math.min(clamped, this.ends[line]) - starts[line] };
  }

  rangeAt(start: number, end: number, hintLine = 0): Range {
    const startPosition = this.positionAt(start, hintLine);
    return { start: startPosition, end: this.positionAt(end, startPosition.line) };
  }
}

/** `array` copied into one twice as long. */
function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const copy = new Int32Array(array.length * 2);
  copy.set(array);
  return copy;
}

/** A range on one line. */
export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}
