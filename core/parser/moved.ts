// Steps and blocks moved by whole lines, shifted when read. A line added or removed above a step
// moves every range in it; copying them (and the block's XML tree, shift.ts) for every step below
// an Enter costs tens of objects per step, which on a 20,000-line file made the garbage collector
// the slowest part of a keystroke. Instead the steps below an edit become MovedStep views: one small
// object each, holding the step as parsed and how many lines down it now stands, whose ranges are
// made when read. A moved block's stanzas are copied, moved, on first read and the copy is kept;
// code that needs no ranges (the variable checks, the stanza count) reads the block's outline
// (outline.ts) with outlineAsParsed() and adds the line offset itself. Views read like the plain
// objects a fresh parse gives (the same properties and values; JSON.stringify gives the same), but
// are no plain objects: to copy one, read its properties (stepWith), never spread it.

import type { Block, Range, Spanned, Step, Verb, XmlElement } from '../model.js';
import { hasOutline, outlineOf, type BlockOutline } from './outline.js';
import { shiftNode, shiftRange } from './shift.js';
import { ParsedStep } from './steps.js';
import type { BlockGlance } from './xmlGlance.js';

/** Stanzas as the parser built them, and how many lines down they now stand. */
export interface ParsedStanzas {
  stanzas: XmlElement[];
  lines: number;
}

/** The outline of a block as parsed, and how many lines down the block now stands. */
export interface ParsedOutline {
  outline: BlockOutline;
  lines: number;
}

/** Anything with stanzas: a Block of the model, a cached ParsedBlock (blockCache.ts). */
interface HasStanzas {
  readonly stanzas: XmlElement[];
}

/** The stanzas of `source`, parsed `lines` lines above where they now stand; the moved copy is made
 *  once, when first read (and `source`'s stanzas are not read before). Shared by every holder of
 *  the same stanzas at the same place (a cached block, its step's). */
export class MovedStanzas {
  private copy: XmlElement[] | undefined;

  /** `source` holds no moved stanzas of its own (movedStanzas() sees to it). */
  constructor(
    private readonly source: HasStanzas,
    private readonly lines: number,
  ) {}

  read(): XmlElement[] {
    return (this.copy ??= this.source.stanzas.map((stanza) => shiftNode(stanza, this.lines)));
  }

  asParsed(): ParsedStanzas {
    return this.copy ? { stanzas: this.copy, lines: 0 } : { stanzas: this.source.stanzas, lines: this.lines };
  }

  outline(): ParsedOutline {
    return { outline: outlineOfHolder(this.source), lines: this.lines };
  }

  /** The glance at `source`'s block (glanceAsParsed). */
  glance(): BlockGlance | undefined {
    return glanceOfHolder(this.source);
  }

  /** These stanzas `lines` lines further down. */
  moved(lines: number): MovedStanzas {
    return new MovedStanzas(this.source, this.lines + lines);
  }
}

/** Holders whose stanzas may have moved since they were parsed (MovedBlock, a moved cached block). */
interface HoldsMovedStanzas {
  readonly movedStanzas: MovedStanzas;
}

export function holdsMovedStanzas(holder: object): holder is HoldsMovedStanzas {
  return (holder as Partial<HoldsMovedStanzas>).movedStanzas instanceof MovedStanzas;
}

/** The stanzas of `holder` as parsed and their line offset, without copying them: `lines` is 0
 *  when the stanzas were read (or never moved). */
export function stanzasAsParsed(holder: HasStanzas): ParsedStanzas {
  return holdsMovedStanzas(holder) ? holder.movedStanzas.asParsed() : { stanzas: holder.stanzas, lines: 0 };
}

/** The outline of `holder`'s block as parsed and its line offset, without reading its stanzas
 *  (which may not be built yet, lazyBlock.ts) when the holder came from the parser. */
export function outlineAsParsed(holder: HasStanzas): ParsedOutline {
  return holdsMovedStanzas(holder) ? holder.movedStanzas.outline() : { outline: outlineOfHolder(holder), lines: 0 };
}

function outlineOfHolder(holder: HasStanzas): BlockOutline {
  return hasOutline(holder) ? holder.outline : outlineOf(holder.stanzas);
}

/** The glance at `holder`'s block when the scan read it (xmlGlance.ts: block-relative, it holds
 *  wherever the block moved), without reading its stanzas; undefined for a block parsed at once. */
export function glanceAsParsed(holder: HasStanzas): BlockGlance | undefined {
  return holdsMovedStanzas(holder) ? holder.movedStanzas.glance() : glanceOfHolder(holder);
}

function glanceOfHolder(holder: HasStanzas): BlockGlance | undefined {
  return (holder as { readonly glance?: BlockGlance }).glance;
}

/** The stanzas of `holder` `lines` lines further down, not copied yet (when `lines` is 0 and they
 *  were moved already, the same MovedStanzas: one copy serves both holders). */
export function movedStanzas(holder: HasStanzas, lines: number): MovedStanzas {
  if (holdsMovedStanzas(holder)) return lines === 0 ? holder.movedStanzas : holder.movedStanzas.moved(lines);
  return new MovedStanzas(holder, lines);
}

/** A block of the model whose stanzas are copied, moved, when first read. */
export class MovedBlock implements Block {
  readonly #moved: MovedStanzas;

  constructor(
    readonly range: Range,
    moved: MovedStanzas,
  ) {
    this.#moved = moved;
  }

  /** Not an own property: a MovedBlock reads like a plain { range, stanzas }. */
  get movedStanzas(): MovedStanzas {
    return this.#moved;
  }

  get stanzas(): XmlElement[] {
    return this.movedStanzas.read();
  }

  toJSON(): Block {
    return { range: this.range, stanzas: this.stanzas };
  }
}

/** A step `lines` lines below where it was parsed, maybe with another index (steps added or
 *  removed above it): its ranges are made when read (each read gives new objects, as the XML
 *  nodes' do: do not assign through them), its block once. */
export class MovedStep implements Step {
  readonly index: number;
  readonly nothing: boolean;
  /** What the checks on every step read, held as a ParsedStep holds them: the character's name,
   *  the verb, the action line's line (characterName(), verbName(), actionLine()). */
  readonly characterName: string;
  readonly verbName: Verb;
  readonly line: number;
  declare readonly heading?: string;
  readonly #parsed: Step;
  readonly #lines: number;
  #block: Block | undefined;

  /** `step` `lines` lines further down and `steps` places further on; `step` may itself be moved. */
  constructor(step: Step, lines: number, steps = 0) {
    const parsed = step instanceof MovedStep ? step.#parsed : step;
    this.index = step.index + steps;
    this.nothing = step.nothing;
    if (step.heading !== undefined) (this as { heading?: string }).heading = step.heading;
    this.#parsed = parsed;
    this.#lines = step instanceof MovedStep ? step.#lines + lines : lines;
    this.characterName = characterName(parsed);
    this.verbName = verbName(parsed);
    this.line = actionLine(parsed) + this.#lines;
  }

  /** The step as parsed, and how many lines down it now stands. */
  get parsed(): Step {
    return this.#parsed;
  }

  get offset(): number {
    return this.#lines;
  }

  get character(): Spanned {
    return { value: this.characterName, range: shiftRange(this.#parsed.character.range, this.#lines) };
  }

  get verb(): Spanned<Verb> {
    return { value: this.verbName, range: shiftRange(this.#parsed.verb.range, this.#lines) };
  }

  get actionRange(): Range {
    return shiftRange(this.#parsed.actionRange, this.#lines);
  }

  get range(): Range {
    return shiftRange(this.#parsed.range, this.#lines);
  }

  get block(): Block | undefined {
    const parsed = this.#parsed.block;
    if (parsed === undefined) return undefined;
    return (this.#block ??= new MovedBlock(shiftRange(parsed.range, this.#lines), movedStanzas(parsed, this.#lines)));
  }

  toJSON(): Step {
    return stepWith(this, this.range, this.block);
  }
}

/** `step` `lines` lines further down and `steps` places further on: a view, or the step as parsed
 *  when it is back where and what it was. */
export function movedStep(step: Step, lines: number, steps = 0): Step {
  const moved = new MovedStep(step, lines, steps);
  return moved.offset === 0 && moved.index === moved.parsed.index ? moved.parsed : moved;
}

/** The action line's line number of `step`, without making a range when it is a view. */
export function actionLine(step: Step): number {
  return step instanceof MovedStep || step instanceof ParsedStep ? step.line : step.actionRange.start.line;
}

// What the checks on every step read (core/diagnostics/steps.ts), without making the ranges that
// reading `character` or `verb` makes on a parsed step or a view.

/** The name of the character `step` acts as. */
export function characterName(step: Step): string {
  return step instanceof ParsedStep || step instanceof MovedStep ? step.characterName : step.character.value;
}

/** The verb of `step`. */
export function verbName(step: Step): Verb {
  return step instanceof ParsedStep || step instanceof MovedStep ? step.verbName : step.verb.value;
}

/** Whether `step` has an XML block, without making a view's moved block. */
export function hasBlock(step: Step): boolean {
  return (step instanceof MovedStep ? step.parsed : step).block !== undefined;
}

/** The outline of `step`'s block as parsed (its ranges not moved: read its variables' texts, its
 *  stanza count), without making a view's moved block; undefined when it has no block. */
export function blockOutline(step: Step): BlockOutline | undefined {
  const block = (step instanceof MovedStep ? step.parsed : step).block;
  return block && outlineAsParsed(block).outline;
}

/** The index of the first of `steps` (in document order) whose action line lies below line `line`
 *  (steps.length when none). */
export function firstStepBelow(steps: readonly Step[], line: number): number {
  let low = 0;
  let high = steps.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (actionLine(steps[middle]) <= line) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A plain copy of `step` (maybe a view) with another range and block. */
export function stepWith(step: Step, range: Range, block: Block | undefined): Step {
  const copy: Step = { index: step.index, character: step.character, verb: step.verb, nothing: step.nothing, actionRange: step.actionRange, range };
  if (step.heading !== undefined) copy.heading = step.heading;
  if (block !== undefined) copy.block = block;
  return copy;
}
