// The quick first reading of a block's XML: saxes over the block with no tree built, which gives
// the block's outline (outline.ts) when the block is plain XML that the parser (xml.ts) would
// report nothing about. Most blocks are; their tree is built from the same text when first read
// (lazyBlock.ts), and a file is checked without building any. A block with anything the parser
// might report, or that needs its recovery (saxes errors, unquoted values, prefixes other than
// `xml:` and `scansion:`, namespace prefix declarations, comments, CDATA, processing instructions,
// `&` that starts no reference, text outside the stanzas, deeper than maxDepth), is left to the
// parser: the scan returns undefined for it. The scan listens to saxes's attribute, opentag,
// closetag and error events, not to texts: it reads each run of text from the source itself (for
// text outside the stanzas, and for variables), and saxes builds no text strings for it.

import type { SaxesAttributePlain, SaxesParser, SaxesTag } from 'saxes';
import { fragmentParser, type BlockHandlers } from './saxesParser.js';
import type { Range, VariableRef } from '../model.js';
import type { LineIndex } from './lines.js';
import type { BlockOutline } from './outline.js';
import { BlockPositions } from './blockPositions.js';
import { blankCommentLines, holdsCommentLine } from './comments.js';
import { hasColon, isXmlSpace } from './chars.js';
import { contentEnd, contentStart, noVariables, quotedValueStart, variablesIn } from './xmlText.js';
import { chunkSize, hasBareAmpersand, maxDepth } from './xml.js';

/** Whether `source` may hold what needs the parser: markup other than tags (`<!`, `<?`), and
 *  references (`&`). Three searches for one character each cost less than one for the patterns. */
function mayHoldMarkup(source: string): boolean {
  return source.indexOf('&') !== -1 || source.indexOf('!') !== -1 || source.indexOf('?') !== -1;
}

/** Whether source[from, to) holds XML white space only. */
function blankFrom(source: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (!isXmlSpace(source.charCodeAt(at))) return false;
  return true;
}

/** The outlines of most blocks, shared: no stanza or one, without variables. */
const plainOutlines: readonly BlockOutline[] = [0, 1].map((stanzas) => Object.freeze({ stanzas, variables: noVariables }));

/** The scan of blocks. Its on* methods are saxes's handlers (saxesParser.ts), for no one else. */
export class BlockScanner implements BlockHandlers {
  private readonly parser: SaxesParser<{ fragment: true }>;
  private readonly at = new BlockPositions();
  private source = '';
  /** Set at the first thing the scan does not follow: the rest of the block is skipped. */
  private unusual = false;
  private depth = 0;
  private stanzas = 0;
  /** Block offset of the second stanza's `<`, and just past the last stanza. */
  private laterStart = 0;
  private lastEnd = 0;
  /** Block offset where the current run of text began (just after the last tag), and whether the
   *  run is still to be read: the scan takes no text events (saxes then builds no text strings),
   *  it reads each run from the source at the first event after it. */
  private textStart = 0;
  private runOpen = true;
  /** Where the first `${` of the block's source past the values and texts read so far lies; -1
   *  when none does (most blocks hold none: no value or text is searched for variables then). */
  private nextDollarBrace = -1;
  /** The block's variables so far (most blocks have none: made at the first). */
  private variables: VariableRef[] | undefined;

  constructor() {
    this.parser = fragmentParser(this);
  }

  /** The outline of `source`, the text of the block that starts at offset `start` of the text
   *  `lines` indexes, on line `firstLine` (`source` may be a copy of that text); undefined when the
   *  block is left to the parser (see above). Never throws. */
  scan(source: string, lines: LineIndex, start: number, firstLine: number): BlockOutline | undefined {
    const end = start + source.length;
    if (holdsCommentLine(lines, start, end, firstLine)) source = blankCommentLines(source);
    // Comments, CDATA sections and processing instructions (which the scan does not listen to) are
    // left to the parser, and a bare `&`, which it reports even in a comment. A `</` without a name
    // is a saxes error wherever the parser reports it.
    if (mayHoldMarkup(source) && (source.includes('<!') || source.includes('<?') || hasBareAmpersand(source))) return undefined;
    this.source = source;
    this.at.reset(lines, start, firstLine, 0);
    this.unusual = false;
    this.depth = 0;
    this.stanzas = 0;
    this.textStart = 0;
    this.runOpen = true;
    this.variables = undefined;
    this.nextDollarBrace = source.indexOf('${');
    try {
      for (let offset = 0; offset < source.length && !this.unusual; offset += chunkSize) {
        this.parser.write(source.length <= chunkSize ? source : source.slice(offset, offset + chunkSize));
      }
      this.parser.close();
    } catch {
      return undefined;
    }
    if (this.unusual || this.depth !== 0 || !blankFrom(source, this.textStart, source.length)) return undefined;
    if (this.stanzas <= 1 && this.variables === undefined) return plainOutlines[this.stanzas];
    const outline: { stanzas: number; laterStanzas?: Range; variables: readonly VariableRef[] } = {
      stanzas: this.stanzas,
      variables: this.variables ?? noVariables,
    };
    if (this.stanzas > 1) outline.laterStanzas = { start: this.position(this.laterStart), end: this.position(this.lastEnd) };
    return outline;
  }

  private position(offset: number): Range['start'] {
    const line = this.at.locate(offset);
    return { line, character: this.at.column };
  }

  onError(): void {
    this.unusual = true;
  }

  onAttribute(attribute: SaxesAttributePlain): void {
    if (this.unusual) return;
    if (this.runOpen) this.endRun();
    const { name, value } = attribute;
    const closeQuote = this.parser.position - 1;
    const quote = this.source.charCodeAt(closeQuote);
    if ((quote !== 34 && quote !== 39) || (hasColon(name) && !this.knownPrefix(name, value))) {
      this.unusual = true;
      return;
    }
    // Every `${` before this tag has been read, and one in the tag outside a value is a saxes error:
    // a `${` before the closing quote lies in this value.
    const next = this.nextDollarBrace;
    if (next !== -1 && next < closeQuote) this.readVariables(quotedValueStart(this.source, closeQuote, value.length), closeQuote);
  }

  /** Whether the prefixed attribute `name` is one the parser resolves without a word: `xml:`, or
   *  `scansion:` (with a valid `scansion:strict`). */
  private knownPrefix(name: string, value: string): boolean {
    const colon = name.indexOf(':');
    if (colon === 3 && name.startsWith('xml')) return true;
    if (colon !== 8 || !name.startsWith('scansion')) return false;
    return name !== 'scansion:strict' || value === 'true' || value === 'false';
  }

  onOpenTag(tag: SaxesTag): void {
    if (this.unusual) return;
    if (this.runOpen) this.endRun();
    if (++this.depth > maxDepth || hasColon(tag.name)) {
      this.unusual = true;
      return;
    }
    const position = this.parser.position;
    if (this.depth === 1 && ++this.stanzas === 2) this.laterStart = this.source.lastIndexOf('<', position - 1);
    this.textStart = position;
    this.runOpen = true;
  }

  /** A closing tag that names another element than the one it closes is a saxes error. */
  onCloseTag(): void {
    if (this.unusual) return;
    if (this.runOpen) this.endRun();
    const position = this.parser.position;
    this.textStart = position;
    this.runOpen = true;
    if (--this.depth === 0) this.lastEnd = position;
  }

  /** Reads the run of text from textStart to the tag whose event saxes gives now. Outside the
   *  stanzas it must be blank (the parser reports text there); inside, it may hold variables. */
  private endRun(): void {
    this.runOpen = false;
    const { source, textStart } = this;
    if (this.depth === 0) {
      // A run holds no `<`: the first character past the blanks is the `<` of this tag.
      let next = textStart;
      while (isXmlSpace(source.charCodeAt(next))) next++;
      if (source.charCodeAt(next) !== 60) this.unusual = true;
      return;
    }
    const next = this.nextDollarBrace;
    if (next === -1 || next >= this.parser.position) return;
    // The run ends at the first `<` past its start; a `${` past that lies in this tag's values.
    const runEnd = source.indexOf('<', textStart);
    if (next > runEnd) return;
    const start = contentStart(source, textStart, runEnd);
    this.readVariables(start, contentEnd(source, start, runEnd));
  }

  /** Reads the variables of the value or text at source[start, end), and finds the next `${`. */
  private readVariables(start: number, end: number): void {
    this.nextDollarBrace = this.source.indexOf('${', end);
    const found = variablesIn(this.source, start, end, this.at);
    if (found.length === 0) return;
    // Most blocks hold one value with variables: its array is the block's.
    if (this.variables === undefined) this.variables = found;
    else for (const variable of found) this.variables.push(variable);
  }
}
