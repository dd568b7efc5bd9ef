// Positions of offsets inside a block of XML, without making objects: the XML parser asks for the
// line and column of tens of thousands of offsets per file, each a little after the last.

import type { LineIndex } from './lines.js';

export class BlockPositions {
  private lines!: LineIndex;
  /** Offset in `lines`' text of the block's first character. */
  private base = 0;
  /** Added to every line found: the line `lines`' line 0 stands on in the file. */
  private lineOffset = 0;
  /** The line (of `lines`) found last, where the next search starts. */
  private hintLine = 0;
  /** The column (UTF-16 units) of the offset `locate` found last. */
  column = 0;

  /** Starts on a block that begins at offset `base` of the text `lines` indexes, on its line
   *  `firstLine`; `lineOffset` is added to each line found (0 when `lines` indexes the whole file,
   *  the block's first line in the file when it indexes the block alone). */
  reset(lines: LineIndex, base: number, firstLine: number, lineOffset: number): void {
    this.lines = lines;
    this.base = base;
    this.hintLine = firstLine;
    this.lineOffset = lineOffset;
  }

  /** The file line of block offset `offset` (clamped to the text, as LineIndex.positionAt does); its
   *  column goes to `column`. Walks from the last line found before searching. */
  locate(offset: number): number {
    const { starts, ends, text } = this.lines;
    const clamped = Math.max(0, Math.min(this.base + offset, text.length));
    let line = this.hintLine;
    if (line < starts.length && starts[line] <= clamped) {
      const last = Math.min(starts.length - 1, line + 8);
      while (line < last && starts[line + 1] <= clamped) line++;
      if (line === last && line + 1 < starts.length && starts[line + 1] <= clamped) line = this.lines.lineAt(clamped);
    } else {
      line = this.lines.lineAt(clamped);
    }
    this.hintLine = line;
    this.column = Math.min(clamped, ends[line]) - starts[line];
    return line + this.lineOffset;
  }

  /** The length of the line that holds block offset `offset`, in UTF-16 units. */
  lineLength(offset: number): number {
    const line = this.locate(offset) - this.lineOffset;
    return this.lines.ends[line] - this.lines.starts[line];
  }
}
