// Reuse of parsed XML blocks between successive parses of the same document. An editor re-parses
// on every keystroke; a block whose text and first line are unchanged has the same stanzas, ranges
// and XML diagnostics, so it need not be parsed again. A block whose text is unchanged but which
// moved to another line (a line added or removed above it) gets its diagnostics moved by as many
// lines, and its stanzas moved when first read (moved.ts).

import type { Diagnostic, XmlElement } from '../model.js';
import { setMovedStanzas } from './moved.js';
import { shiftDiagnostic } from './shift.js';

export interface ParsedBlock {
  /** The block's source text. */
  text: string;
  /** The line it starts on: its ranges are absolute. */
  firstLine: number;
  /** May be moved lazily: read with stanzasAsParsed (moved.ts) to avoid the copy. */
  stanzas: XmlElement[];
  diagnostics: Diagnostic[];
  /** How many elements are left open at the end of the block (0 when it closes them all). */
  openDepth: number;
  /** Whether the block ends in the middle of a start tag. */
  endsInTag: boolean;
}

/** Parsed blocks by their first line, and when that misses, by their text. An entry's key may
 *  differ from its block's firstLine after moveLines(): the block is then moved when used. */
export class BlockCache {
  private previous = new Map<number, ParsedBlock>();
  private current = new Map<number, ParsedBlock>();
  /** The previous blocks by text, built at the first miss of a parse. */
  private previousByText: Map<string, ParsedBlock> | undefined;

  get(firstLine: number, text: string): ParsedBlock | undefined {
    let hit = this.previous.get(firstLine);
    if (hit === undefined || hit.text !== text) hit = this.byText().get(text);
    if (hit === undefined) return undefined;
    if (hit.firstLine !== firstLine) hit = moveBlock(hit, firstLine);
    this.current.set(firstLine, hit);
    return hit;
  }

  set(firstLine: number, block: ParsedBlock): void {
    this.current.set(firstLine, block);
  }

  /** The block the last parse found at this line. */
  at(firstLine: number): ParsedBlock | undefined {
    return this.previous.get(firstLine);
  }

  /** A block re-parsed on its own after the last parse ended (IncrementalParser's one-line edits). */
  replace(firstLine: number, block: ParsedBlock): void {
    this.previous.set(firstLine, block);
    this.previousByText = undefined;
  }

  /** Lines were added (`lines` > 0) or removed below line `after` since the last parse: the blocks
   *  below it are now found `lines` lines further down. O(blocks); nothing is copied. */
  moveLines(after: number, lines: number): void {
    if (lines === 0) return;
    const moved = new Map<number, ParsedBlock>();
    for (const [line, block] of this.previous) moved.set(line > after ? line + lines : line, block);
    this.previous = moved;
  }

  /** Ends a parse: only the blocks it used are kept, so memory follows the document. */
  finish(): void {
    this.previous = this.current;
    this.current = new Map();
    this.previousByText = undefined;
  }

  private byText(): Map<string, ParsedBlock> {
    if (this.previousByText === undefined) {
      this.previousByText = new Map();
      for (const block of this.previous.values()) this.previousByText.set(block.text, block);
    }
    return this.previousByText;
  }
}

function moveBlock(block: ParsedBlock, firstLine: number): ParsedBlock {
  const lines = firstLine - block.firstLine;
  const moved = {
    text: block.text,
    firstLine,
    diagnostics: block.diagnostics.map((diagnostic) => shiftDiagnostic(diagnostic, lines)),
    openDepth: block.openDepth,
    endsInTag: block.endsInTag,
  };
  setMovedStanzas(moved, block, lines);
  return moved as ParsedBlock;
}
