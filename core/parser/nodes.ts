// The XML nodes the parser builds: the model's XmlElement, XmlAttribute and XmlText (model.ts) with
// their positions held as plain numbers (0-based line, UTF-16 column), and each range made as a
// new object when it is read. A 20,000-line scenario holds tens of thousands of nodes; three
// objects per range made parsing it several times slower than the XML parser alone, mostly in the
// garbage collector. Ranges are never stored: the parser sets an element's end through endLine and
// endCharacter; writing to a range read from a node changes nothing.
// Two trees with the same nodes at the same places are equal for assert.deepEqual, as before.

import type { Range, Spanned, VariableForm, VariableRef, XmlAttribute, XmlElement, XmlNode, XmlText } from '../model.js';

/** Shared by every element without attributes or without children, as their `attributes` or
 *  `children`: read-only, like the nodes' `variables` when there are none. */
export const noAttributes: XmlAttribute[] = Object.freeze([]) as unknown as XmlAttribute[];
export const noNodes: XmlNode[] = Object.freeze([]) as unknown as XmlNode[];

/** A range from its four numbers. */
function rangeOf(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** The range of `name`, written from (line, character) on one line (a name holds no line break). */
function nameRangeOf(line: number, character: number, name: string): Range {
  return rangeOf(line, character, line, character + name.length);
}

export class ParsedElement implements XmlElement {
  readonly kind = 'element' as const;
  declare prefix?: string;
  declare strict?: boolean;
  /** Where the element ends: just past its closing tag or `/>`, or where it was left open. */
  endLine: number;
  endCharacter: number;

  /** The name starts at (nameLine, nameCharacter), right after the `<` that starts `range`, and
   *  runs to the end of `name` on that line (a name holds no line break). */
  constructor(
    readonly name: string,
    readonly local: string,
    public ns: string,
    readonly attributes: XmlAttribute[],
    public children: XmlNode[],
    readonly nameLine: number,
    readonly nameCharacter: number,
  ) {
    // Until it closes, an element ends where its name does.
    this.endLine = nameLine;
    this.endCharacter = nameCharacter + name.length;
  }

  get range(): Range {
    return rangeOf(this.nameLine, this.nameCharacter - 1, this.endLine, this.endCharacter);
  }

  get nameRange(): Range {
    return nameRangeOf(this.nameLine, this.nameCharacter, this.name);
  }

  /** Adds a child. Most elements have none or one: their arrays are no longer than that. */
  append(child: XmlNode): void {
    if (this.children === noNodes) this.children = [child];
    else this.children.push(child);
  }
}

export class ParsedAttribute implements XmlAttribute {
  declare prefix?: string;

  /** The name starts at (nameLine, nameCharacter) and runs to the end of `name` on that line; the
   *  value as written, between its quotes, runs from valueStart* to valueEnd*. */
  constructor(
    readonly name: string,
    readonly local: string,
    public ns: string,
    readonly value: string,
    readonly variables: VariableRef[],
    readonly nameLine: number,
    readonly nameCharacter: number,
    readonly valueStartLine: number,
    readonly valueStartCharacter: number,
    readonly valueEndLine: number,
    readonly valueEndCharacter: number,
  ) {}

  get nameRange(): Range {
    return nameRangeOf(this.nameLine, this.nameCharacter, this.name);
  }

  /** The value between the quotes. */
  get valueRange(): Range {
    return rangeOf(this.valueStartLine, this.valueStartCharacter, this.valueEndLine, this.valueEndCharacter);
  }
}

/** What runs from (startLine, startCharacter) to (endLine, endCharacter): a text, a variable. */
abstract class Spanning {
  constructor(
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}

  get range(): Range {
    return rangeOf(this.startLine, this.startCharacter, this.endLine, this.endCharacter);
  }
}

export class ParsedText extends Spanning implements XmlText {
  readonly kind = 'text' as const;

  constructor(
    readonly text: string,
    readonly variables: VariableRef[],
    startLine: number,
    startCharacter: number,
    endLine: number,
    endCharacter: number,
  ) {
    super(startLine, startCharacter, endLine, endCharacter);
  }
}

/** A `${...}` in an attribute value or a text. `character` is made when read, like the ranges: the
 *  name is cut from `raw` then; it is undefined when the form was not recognised. */
export class ParsedVariable extends Spanning implements VariableRef {
  declare form?: VariableForm;

  /** `range` runs over the whole `${...}`; the character name, when recognised, is raw[nameFrom,
   *  nameTo) and runs from nameStartLine/nameStartCharacter to nameEndLine/nameEndCharacter
   *  (nameFrom is -1 when there is none). */
  constructor(
    readonly raw: string,
    startLine: number,
    startCharacter: number,
    endLine: number,
    endCharacter: number,
    readonly nameFrom: number,
    readonly nameTo: number,
    readonly nameStartLine: number,
    readonly nameStartCharacter: number,
    readonly nameEndLine: number,
    readonly nameEndCharacter: number,
  ) {
    super(startLine, startCharacter, endLine, endCharacter);
  }

  get character(): Spanned | undefined {
    if (this.nameFrom === -1) return undefined;
    return {
      value: this.raw.slice(this.nameFrom, this.nameTo),
      range: rangeOf(this.nameStartLine, this.nameStartCharacter, this.nameEndLine, this.nameEndCharacter),
    };
  }

  /** This variable `lines` lines further down. */
  moved(lines: number): ParsedVariable {
    // Without a name, its positions are zeros, as the parser leaves them.
    const nameLines = this.nameFrom === -1 ? 0 : lines;
    const moved = new ParsedVariable(
      this.raw,
      this.startLine + lines,
      this.startCharacter,
      this.endLine + lines,
      this.endCharacter,
      this.nameFrom,
      this.nameTo,
      this.nameStartLine + nameLines,
      this.nameStartCharacter,
      this.nameEndLine + nameLines,
      this.nameEndCharacter,
    );
    if (this.form !== undefined) moved.form = this.form;
    return moved;
  }
}
