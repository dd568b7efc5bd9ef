// Parsing a step's XML block. Most blocks are plain XML with nothing to report: the scan
// (xmlScan.ts) reads those without building their tree, which is built from the block's text when
// first read; the checks need only the outline the scan gives (outline.ts). A language server
// reads each tree once at most (an unchanged block is reused, tree and all, on the next
// keystroke), and `scs check` reads none. What an editor reads of every block when a file opens
// (glance.ts) comes from a glance at its text (xmlGlance.ts), not from its tree. Every other block
// is parsed at once (xml.ts).

import type { Diagnostic, XmlElement } from '../model.js';
import type { ParsedBlock } from './blockCache.js';
import type { LineIndex } from './lines.js';
import { outlineOf, type BlockOutline } from './outline.js';
import { standalone } from './standalone.js';
import { BlockXmlParser } from './xml.js';
import { BlockScanner } from './xmlScan.js';
import { BlockGlancer, type BlockGlance } from './xmlGlance.js';

/** One scanner and one XML parser for every parse: parsing is synchronous, and each resets itself
 *  per block. */
const scanner = new BlockScanner();
const xml = new BlockXmlParser();
const glancer = new BlockGlancer();

/** None, shared by the blocks the scan read (a block with diagnostics is parsed at once). */
const noDiagnostics: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];

/** A block that the scan read: no diagnostics, nothing left open, its tree built when first read. */
export class LazyBlock implements ParsedBlock {
  #stanzas: XmlElement[] | undefined;
  #glance: BlockGlance | undefined;

  constructor(
    readonly text: string,
    readonly firstLine: number,
    readonly outline: BlockOutline,
  ) {}

  get diagnostics(): Diagnostic[] {
    return noDiagnostics;
  }

  get openDepth(): number {
    return 0;
  }

  get endsInTag(): boolean {
    return false;
  }

  /** The block's stanzas, as the XML parser builds them from `text` at `firstLine`. */
  get stanzas(): XmlElement[] {
    return (this.#stanzas ??= xml.parseAlone(this.text, this.firstLine, []));
  }

  /** What an editor reads of the block when a file opens, from a glance at `text` taken when first
   *  read (without building the tree); undefined should the glance fail (then read the tree). */
  get glance(): BlockGlance | undefined {
    return (this.#glance ??= glancer.glance(this.text));
  }

  /** Whether the tree has been built (tests). */
  get built(): boolean {
    return this.#stanzas !== undefined;
  }
}

/** Parses the XML block text[start, end) of the text `lines` indexes, which starts on line
 *  `firstLine`: a LazyBlock when the scan reads it, else the parser's block with its outline. A
 *  block that is kept beyond the text it was cut from (`kept`: a cached one) holds copies of its
 *  strings (standalone.ts). Never throws. */
export function parseBlock(lines: LineIndex, start: number, end: number, firstLine: number, kept = true): ParsedBlock & { outline: BlockOutline } {
  const cut = lines.text.slice(start, end);
  const text = kept ? standalone(cut) : cut;
  const outline = scanner.scan(text, lines, start, firstLine);
  if (outline) return new LazyBlock(text, firstLine, outline);
  const diagnostics: Diagnostic[] = [];
  const stanzas = xml.parse(text, lines, start, firstLine, diagnostics);
  return { text, firstLine, stanzas, diagnostics, openDepth: xml.openDepth, endsInTag: xml.endsInTag, outline: outlineOf(stanzas) };
}
