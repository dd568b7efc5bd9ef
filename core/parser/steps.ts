// The steps the parser builds: the model's Step (model.ts) with the positions of its action line
// held as plain numbers, and each range made as a new object when it is read, as the XML nodes do
// (nodes.ts). A 20,000-line scenario holds thousands of steps; a plain step with its ranges and
// their positions took about fifteen objects, which the garbage collector had to copy while the
// parse went on. Writing to a range read from a step changes nothing: the parser sets where a
// step ends through endLine and endCharacter. JSON.stringify gives what a plain step would (toJSON).

import type { Block, Range, Spanned, Step, Verb, XmlElement } from '../model.js';
import { lineRange } from './lines.js';
import { outlineOf, type BlockOutline, type HasOutline } from './outline.js';
import type { BlockGlance } from './xmlGlance.js';

export class ParsedStep implements Step {
  declare heading?: string;
  declare block?: Block;
  /** Where the step ends: the end of its action line, or of its block once it has one. */
  endLine: number;
  endCharacter: number;

  /** The action line is line `line` (0-based): the character's name runs from column 0 to
   *  `characterEnd`, the verb over [verbStart, verbEnd), the line's text up to `actionEnd`. */
  constructor(
    readonly index: number,
    readonly characterName: string,
    readonly verbName: Verb,
    readonly nothing: boolean,
    readonly line: number,
    readonly characterEnd: number,
    readonly verbStart: number,
    readonly verbEnd: number,
    readonly actionEnd: number,
  ) {
    this.endLine = line;
    this.endCharacter = actionEnd;
  }

  get character(): Spanned {
    return { value: this.characterName, range: lineRange(this.line, 0, this.characterEnd) };
  }

  get verb(): Spanned<Verb> {
    return { value: this.verbName, range: lineRange(this.line, this.verbStart, this.verbEnd) };
  }

  get actionRange(): Range {
    return lineRange(this.line, 0, this.actionEnd);
  }

  get range(): Range {
    return { start: { line: this.line, character: 0 }, end: { line: this.endLine, character: this.endCharacter } };
  }

  toJSON(): Step {
    const step: Step = {
      index: this.index,
      character: this.character,
      verb: this.verb,
      nothing: this.nothing,
      actionRange: this.actionRange,
      range: this.range,
    };
    if (this.block !== undefined) step.block = this.block;
    if (this.heading !== undefined) step.heading = this.heading;
    return step;
  }
}

/** A step's XML block as parsed: lines [firstLine, lastLine] from column 0 to `endCharacter` on the
 *  last line, its range made when read; its stanzas, outline and glance are `parsed`'s (its stanzas
 *  built when first read, lazyBlock.ts). */
export class StepBlock implements Block, HasOutline {
  constructor(
    readonly parsed: { readonly stanzas: XmlElement[]; readonly outline?: BlockOutline; readonly glance?: BlockGlance },
    readonly firstLine: number,
    readonly lastLine: number,
    readonly endCharacter: number,
  ) {}

  get stanzas(): XmlElement[] {
    return this.parsed.stanzas;
  }

  get outline(): BlockOutline {
    return this.parsed.outline ?? outlineOf(this.parsed.stanzas);
  }

  /** The glance at a block the scan read (glance.ts); undefined for one parsed at once. */
  get glance(): BlockGlance | undefined {
    return this.parsed.glance;
  }

  get range(): Range {
    return { start: { line: this.firstLine, character: 0 }, end: { line: this.lastLine, character: this.endCharacter } };
  }

  toJSON(): Block {
    return { range: this.range, stanzas: this.stanzas };
  }
}
