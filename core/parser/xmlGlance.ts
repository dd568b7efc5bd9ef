// A second quick reading of a block the scan read (xmlScan.ts: plain XML the parser reports nothing
// about), for what an editor reads of every block when a file opens: the stanzas' names, the first
// stanza's `type`, `to` and `from`, and where the elements that span several lines lie (glance.ts).
// saxes again with no tree built: a fraction of what building the tree costs. Not part of the scan,
// which runs on every parse (and `scs check`) and must stay as close to saxes alone as it can: a
// block is glanced at only when an editor asks, once (lazyBlock.ts keeps the result).

import type { SaxesAttributePlain, SaxesParser, SaxesTag } from 'saxes';
import { fragmentParser, type BlockHandlers } from './saxesParser.js';
import { blankCommentLines } from './comments.js';
import { maxDepth } from './xml.js';

/** What an editor reads of a block when a file opens, read without its tree. */
export interface BlockGlance {
  /** The stanzas' names as written, in document order. */
  readonly names: readonly string[];
  /** The values of the first stanza's `type`, `to` and `from` attributes, when it has them. */
  readonly type: string | undefined;
  readonly to: string | undefined;
  readonly from: string | undefined;
  /** Every element that starts and ends on different lines, in document order (an element before
   *  those inside it), as its first and last line counted from the block's first line:
   *  [first0, last0, first1, last1, ...]. Block-relative: it holds wherever the block moves. */
  readonly multiLine: readonly number[];
}

/** A line of a block that may be a comment line (SCANSION.md section 1): starts with `#`, `/`, `-`. */
const mayHoldCommentLine = /(?:^|[\r\n])[#/-]/;

/** Shared by glances without elements on several lines. */
const none: readonly never[] = Object.freeze([]);

/** The glance at blocks. Its on* methods are saxes's handlers (saxesParser.ts), for no one else. */
export class BlockGlancer implements BlockHandlers {
  private readonly parser: SaxesParser<{ fragment: true }>;
  private failed = false;
  private depth = 0;
  /** The stanzas' names so far. */
  private names: string[] = [];
  private type: string | undefined;
  private to: string | undefined;
  private from: string | undefined;
  /** saxes's line (1-based, in the block) where the next tag's `<` stands: that of the last `>`,
   *  or, when a text came after it, of the `<` that ended the text (saxes tells of a text then). */
  private tagLine = 1;
  /** Per depth (1 for a stanza), of the open element: the saxes line of its `<`, and how many
   *  numbers `multiLine` held when it opened (those added later lie inside it). */
  private readonly openLines = new Int32Array(maxDepth + 1);
  private readonly openMarks = new Int32Array(maxDepth + 1);
  private multiLine: number[] = [];

  constructor() {
    this.parser = fragmentParser(this);
  }

  /** The glance at `text`, the text of a block the scan read (BlockScanner.scan gave an outline);
   *  undefined should saxes find fault with it all the same. Never throws. */
  glance(text: string): BlockGlance | undefined {
    const source = mayHoldCommentLine.test(text) ? blankCommentLines(text) : text;
    this.failed = false;
    this.depth = 0;
    this.names = [];
    this.type = this.to = this.from = undefined;
    this.tagLine = 1;
    this.multiLine = [];
    try {
      // In one piece: saxes found no fault in it when the scan read it (the scan and the parser
      // write in chunks to stop soon after errors).
      this.parser.write(source).close();
    } catch {
      return undefined;
    }
    if (this.failed || this.depth !== 0) return undefined;
    const { names, type, to, from, multiLine } = this;
    return { names, type, to, from, multiLine: multiLine.length === 0 ? none : multiLine };
  }

  onError(): void {
    this.failed = true;
  }

  onAttribute({ name, value }: SaxesAttributePlain): void {
    // Attributes come before their start tag: at depth 0 with no stanza yet, the first stanza's.
    if (this.depth !== 0 || this.names.length !== 0) return;
    if (name === 'type') this.type = value;
    else if (name === 'to') this.to = value;
    else if (name === 'from') this.from = value;
  }

  onOpenTag(tag: SaxesTag): void {
    const depth = ++this.depth;
    if (depth > maxDepth) {
      this.failed = true;
      return;
    }
    if (depth === 1) this.names.push(tag.name);
    this.openLines[depth] = this.tagLine;
    this.openMarks[depth] = this.multiLine.length;
    this.tagLine = this.parser.line;
  }

  onCloseTag(): void {
    const line = this.parser.line;
    const depth = this.depth--;
    if (depth < 1) return;
    const first = this.openLines[depth];
    if (line !== first) {
      // Before the elements inside it, found (closed) first.
      this.multiLine.splice(this.openMarks[depth], 0, first - 1, line - 1);
    }
    this.tagLine = line;
  }

  onText(): void {
    this.tagLine = this.parser.line;
  }
}
