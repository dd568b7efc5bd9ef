// Reuse of parsed XML blocks between successive parses of the same document. An editor re-parses
// on every keystroke; a block whose text and first line are unchanged has the same stanzas, ranges
// and XML diagnostics, so it need not be parsed again.

import type { Diagnostic, XmlElement } from '../model.js';

export interface ParsedBlock {
  /** The block's source text. */
  text: string;
  stanzas: XmlElement[];
  diagnostics: Diagnostic[];
}

/** Parsed blocks by their first line (ranges are absolute, so the line must match too). */
export class BlockCache {
  private previous = new Map<number, ParsedBlock>();
  private current = new Map<number, ParsedBlock>();

  get(firstLine: number, text: string): ParsedBlock | undefined {
    const hit = this.previous.get(firstLine);
    if (hit === undefined || hit.text !== text) return undefined;
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
  }

  /** Ends a parse: only the blocks it used are kept, so memory follows the document. */
  finish(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}
