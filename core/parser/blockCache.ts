// Reuse of parsed XML blocks between successive parses of the same document. An editor re-parses
// on every keystroke; a block whose text and first line are unchanged has the same stanzas, ranges
// and XML diagnostics, so it need not be parsed again. A block whose text is unchanged but which
// moved to another line (a line added or removed above it) gets its diagnostics moved by as many
// lines, and its stanzas moved when first read (moved.ts).

import type { Diagnostic, XmlElement } from '../model.js';
import { movedStanzas, type MovedStanzas } from './moved.js';
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

/** Where a parse finds the blocks it parsed before, and leaves those it parses (ScenarioParser). */
export interface BlockStore {
  /** The block starting on line `firstLine` (0-based) whose text is `text`, if known. */
  get(firstLine: number, text: string): ParsedBlock | undefined;
  /** Keeps `block`, just parsed, which starts on line `firstLine`. */
  set(firstLine: number, block: ParsedBlock): void;
}

/** Line moves recorded before the cache's keys are rewritten (an O(blocks) pass): at the next whole
 *  parse, or when this many have piled up. */
const maxPendingMoves = 32;

/** Parsed blocks by their first line, and when that misses, by their text. An entry's key may
 *  differ from its block's firstLine after moveLines(): the block is then moved when used. */
export class BlockCache implements BlockStore {
  private previous = new Map<number, ParsedBlock>();
  private current = new Map<number, ParsedBlock>();
  /** The previous blocks by text, built at the first miss of a parse. */
  private previousByText: Map<string, ParsedBlock> | undefined;
  /** moveLines() calls not yet applied to `previous`'s keys, oldest first. */
  private moves: { after: number; lines: number }[] = [];

  get(firstLine: number, text: string): ParsedBlock | undefined {
    this.applyMoves();
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

  /** The block the last parse found at this line (moved by moveLines() since). */
  at(firstLine: number): ParsedBlock | undefined {
    const key = this.keyOf(firstLine);
    return key === undefined ? undefined : this.previous.get(key);
  }

  /** A block re-parsed on its own after the last parse ended (IncrementalParser's one-line edits). */
  replace(firstLine: number, block: ParsedBlock): void {
    let key = this.keyOf(firstLine);
    if (key === undefined) {
      this.applyMoves();
      key = firstLine;
    }
    this.previous.set(key, block);
    this.previousByText = undefined;
  }

  /** The store for a parse of some lines only (IncrementalParser's splices) of a text in which,
   *  since the last parse, the lines below line `after` moved `lines` lines (not yet told to
   *  moveLines()): it finds the blocks the last parse left, as at() does, and keeps new ones as
   *  replace() does. A block is found by its first line only, and only when its text is the same. */
  spliced(after: number, lines: number): BlockStore {
    const before = (line: number) => (line > after ? line - lines : line);
    return {
      get: (firstLine, text) => {
        const hit = this.at(before(firstLine));
        if (hit === undefined || hit.text !== text) return undefined;
        return hit.firstLine === firstLine ? hit : moveBlock(hit, firstLine);
      },
      set: (firstLine, block) => this.replace(before(firstLine), block),
    };
  }

  /** Lines were added (`lines` > 0) or removed below line `after` since the last parse: the blocks
   *  below it are now found `lines` lines further down. Recorded, and applied to the keys at the
   *  next whole parse or every maxPendingMoves calls, so that a line edit costs O(1) here; nothing
   *  is copied. Before a splice (at(), replace()), no block may start on the lines removed; before
   *  a whole parse, one that did may be lost from the cache (get() compares texts either way). */
  moveLines(after: number, lines: number): void {
    if (lines === 0) return;
    this.moves.push({ after, lines });
    if (this.moves.length >= maxPendingMoves) this.applyMoves();
  }

  /** Ends a parse: only the blocks it used are kept, so memory follows the document. */
  finish(): void {
    this.previous = this.current;
    this.current = new Map();
    this.previousByText = undefined;
    this.moves = [];
  }

  /** The key in `previous` of what now starts on line `line`; undefined for a line the moves added. */
  private keyOf(line: number): number | undefined {
    let key = line;
    for (let i = this.moves.length - 1; i >= 0; i--) {
      const { after, lines } = this.moves[i];
      if (key <= after) continue;
      if (key - lines <= after) return undefined;
      key -= lines;
    }
    return key;
  }

  private applyMoves(): void {
    if (this.moves.length === 0) return;
    const moved = new Map<number, ParsedBlock>();
    for (const [line, block] of this.previous) {
      let key = line;
      for (const { after, lines } of this.moves) if (key > after) key += lines;
      moved.set(key, block);
    }
    this.previous = moved;
    this.moves = [];
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
  return new MovedParsedBlock(block, firstLine, lines);
}

/** A cached block found `lines` lines below where it was parsed: its stanzas are copied, moved,
 *  when first read (moved.ts). */
class MovedParsedBlock implements ParsedBlock {
  readonly text: string;
  readonly diagnostics: Diagnostic[];
  readonly openDepth: number;
  readonly endsInTag: boolean;
  readonly #moved: MovedStanzas;

  constructor(
    block: ParsedBlock,
    readonly firstLine: number,
    lines: number,
  ) {
    this.text = block.text;
    this.diagnostics = block.diagnostics.map((diagnostic) => shiftDiagnostic(diagnostic, lines));
    this.openDepth = block.openDepth;
    this.endsInTag = block.endsInTag;
    this.#moved = movedStanzas(block, lines);
  }

  get movedStanzas(): MovedStanzas {
    return this.#moved;
  }

  get stanzas(): XmlElement[] {
    return this.#moved.read();
  }
}
