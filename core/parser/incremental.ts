// Parsing successive versions of one document, as an editor does on every keystroke.
// Blocks whose text and first line did not change keep their parsed XML (BlockCache). An edit
// that stays within the lines of an XML block (most typing, and Enter or Backspace there) goes
// further: that block alone is re-parsed and spliced into the previous result, without reading the
// rest of the file again; what lies below moves by the lines added or removed.

import type { Block, Scenario, Step } from '../model.js';
import { BlockCache } from './blockCache.js';
import type { LineIndex } from './lines.js';
import { setMovedStanzas } from './moved.js';
import { blockOf, isSpace, parseBlock, ScenarioParser } from './scenario.js';
import { shiftDiagnostic, shiftRange } from './shift.js';
import { commonPrefix, commonSuffix } from './textDiff.js';
import { commentMarker } from './comments.js';

/** What the previous parse left for the next one. */
interface Previous {
  text: string;
  lines: LineIndex;
  scenario: Scenario;
  /** ScenarioParser.blockDiagnosticsAt for `scenario`. */
  blockDiagnosticsAt: number[];
}

/** How a parse result differs from the one before it, when only one line of one step's block
 *  changed (typing inside a stanza): everything else, the other steps included, is shared. */
export interface BlockEdit {
  /** The result this one was made from. */
  previous: Scenario;
  /** The step whose block changed. */
  stepIndex: number;
  /** The line that changed (0-based), and its new text (without its line break). */
  line: number;
  lineText: string;
}

/**
 * Parses successive versions of one document (an editor buffer). The results equal
 * parseScenario's; parts that did not change are shared with the previous result (stanza objects,
 * and after a one-line edit in a block, everything but that block's step), so treat results as
 * read-only.
 */
export class IncrementalParser {
  private readonly cache = new BlockCache();
  private previous: Previous | undefined;
  /** How the last result differs from the one before it, when only a line of a block changed;
   *  undefined after a whole parse. IncrementalDiagnostics uses it. */
  lastEdit: BlockEdit | undefined;

  parse(text: string): Scenario {
    const spliced = this.previous && this.reparseOneBlock(this.previous, text);
    if (spliced) return spliced;
    this.lastEdit = undefined;
    const parser = new ScenarioParser(text, this.cache);
    const scenario = parser.parse();
    this.cache.finish();
    this.previous = { text, lines: parser.lines, scenario, blockDiagnosticsAt: parser.blockDiagnosticsAt };
    return scenario;
  }

  /** The new result when `text` differs from the previous text within the lines of one XML
   *  block, and the lines it changes, adds or removes stay part of that block; undefined
   *  otherwise. Steps, comments and diagnostics below move by the lines added or removed (O(steps));
   *  the stanzas of the blocks below move when read (moved.ts). */
  private reparseOneBlock(previous: Previous, text: string): Scenario | undefined {
    const old = previous.text;
    if (old === text) return undefined;
    const start = commonPrefix(old, text);
    const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - start);
    const oldEnd = old.length - suffix;
    const newEnd = text.length - suffix;
    // A \r\n split or joined, or \r line breaks: parse afresh.
    if (start > 0 && old.charCodeAt(start - 1) === 13) return undefined;
    if (has(old, start, oldEnd, 13) || has(text, start, newEnd, 13)) return undefined;

    const line = previous.lines.lineAt(start);
    const oldLast = previous.lines.lineAt(oldEnd);
    const newBreaks = count(text, start, newEnd, 10);
    const oldBreaks = count(old, start, oldEnd, 10);
    const newLast = oldLast + newBreaks - oldBreaks;
    const moved = newLast - oldLast;
    const index = stepWithBlockAt(previous.scenario.steps, line);
    if (index === -1) return undefined;
    const step = previous.scenario.steps[index];
    const first = step.block!.range.start.line;
    const oldBlockLast = step.block!.range.end.line;
    if (oldLast > oldBlockLast) return undefined;
    const last = oldBlockLast + moved;
    // Lines below the block that a fresh parse reads differently once moved: definitions and the
    // separator (rare below the steps), diagnostics whose data or text name lines.
    if (moved !== 0 && !this.canMoveBelow(previous, oldBlockLast)) return undefined;
    const lines = newBreaks + oldBreaks === 0 ? previous.lines.edited(text, line, newEnd - oldEnd) : previous.lines.replaced(text, line, oldLast, newLast, newEnd - oldEnd);
    // The lines must stay in the block: indented (or empty), before and after the edit (a comment
    // line inside the block, SCANSION.md section 1, that the edit turns into XML or back), and not
    // blank where the block's range begins or ends.
    if (!allIndented(old, previous.lines, line, oldLast) || !allIndented(text, lines, line, newLast)) return undefined;
    if (isBlank(text, lines.starts[first], lines.ends[first]) || isBlank(text, lines.starts[last], lines.ends[last])) return undefined;

    // A block that took in lines at column 0 (an open stanza going on there), or that the edit
    // leaves open, may now end elsewhere: that is for a whole parse to find (continuation.ts).
    if (hasContinuationLine(text, lines, first, last)) return undefined;
    const removed = this.cache.at(first)?.diagnostics.length ?? 0;
    const parsed = parseBlock(lines, lines.starts[first], lines.ends[last], first);
    if (parsed.openDepth > 0 || parsed.endsInTag) return undefined;
    this.cache.moveLines(oldBlockLast, moved);
    this.cache.replace(first, parsed);
    const range = { start: { line: first, character: 0 }, end: { line: last, character: lines.ends[last] - lines.starts[last] } };
    const steps = previous.scenario.steps.slice();
    steps[index] = { ...step, range: { start: step.range.start, end: range.end }, block: blockOf(range, parsed) };
    if (moved !== 0) for (let i = index + 1; i < steps.length; i++) steps[i] = shiftStep(steps[i], moved);

    // Swap the block's XML diagnostics, which lie together in the parser's list; those below move.
    let { diagnostics, comments } = previous.scenario;
    let { blockDiagnosticsAt } = previous;
    const at = blockDiagnosticsAt[index];
    if (removed > 0 || parsed.diagnostics.length > 0 || moved !== 0) {
      const below = diagnostics.slice(at + removed);
      diagnostics = [...diagnostics.slice(0, at), ...parsed.diagnostics, ...(moved === 0 ? below : below.map((item) => shiftDiagnostic(item, moved)))];
      const shift = parsed.diagnostics.length - removed;
      if (shift !== 0) blockDiagnosticsAt = blockDiagnosticsAt.map((value, i) => (i > index ? value + shift : value));
    }
    if (moved !== 0) comments = comments.map((comment) => (comment.range.start.line > oldLast ? { ...comment, range: shiftRange(comment.range, moved) } : comment));
    const scenario: Scenario = { ...previous.scenario, text, steps, diagnostics, comments };
    this.previous = { text, lines, scenario, blockDiagnosticsAt };
    // Within one line, nothing but that line of the block changed (IncrementalDiagnostics patches).
    this.lastEdit = newBreaks + oldBreaks === 0 ? { previous: previous.scenario, stepIndex: index, line, lineText: text.slice(lines.starts[line], lines.ends[line]) } : undefined;
    return scenario;
  }

  /** Whether everything below line `line` is steps, comments and diagnostics that only move
   *  when lines are added or removed above them. */
  private canMoveBelow(previous: Previous, line: number): boolean {
    const { scenario } = previous;
    if (scenario.separator && scenario.separator.start.line > line) return false;
    if (scenario.characters.some((character) => character.range.end.line > line)) return false;
    return !scenario.diagnostics.some((item) => item.code === 'unindented-continuation' && item.range.start.line > line);
  }
}

function has(text: string, start: number, end: number, code: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === code) return true;
  return false;
}

function count(text: string, start: number, end: number, code: number): number {
  let found = 0;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === code) found++;
  return found;
}

/** Whether lines [first, last] are each empty or indented. */
function allIndented(text: string, lines: LineIndex, first: number, last: number): boolean {
  for (let line = first; line <= last; line++) {
    const start = lines.starts[line];
    if (start < lines.ends[line] && !isSpace(text.charCodeAt(start))) return false;
  }
  return true;
}

/** A copy of `step` (from a previous result) `lines` lines further down; its stanzas move when read. */
function shiftStep(step: Step, lines: number): Step {
  const moved: Step = {
    index: step.index,
    character: { value: step.character.value, range: shiftRange(step.character.range, lines) },
    verb: { value: step.verb.value, range: shiftRange(step.verb.range, lines) },
    nothing: step.nothing,
    actionRange: shiftRange(step.actionRange, lines),
    range: shiftRange(step.range, lines),
  };
  if (step.block) moved.block = movedBlock(step.block, lines);
  if (step.heading !== undefined) moved.heading = step.heading;
  return moved;
}

function movedBlock(block: Block, lines: number): Block {
  const moved = { range: shiftRange(block.range, lines) } as Block;
  setMovedStanzas(moved, block, lines);
  return moved;
}

/** Whether a line of [first, last] starts at column 0 and is no comment. */
function hasContinuationLine(text: string, lines: LineIndex, first: number, last: number): boolean {
  for (let line = first; line <= last; line++) {
    const start = lines.starts[line];
    const end = lines.ends[line];
    if (start < end && !isSpace(text.charCodeAt(start)) && commentMarker(text, start, end) === undefined) return true;
  }
  return false;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** The index of the step whose XML block spans `line`, or -1. Steps are in document order. */
function stepWithBlockAt(steps: Step[], line: number): number {
  let low = 0;
  let high = steps.length - 1;
  // The last step whose action line is above `line`.
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (steps[middle].actionRange.start.line < line) low = middle;
    else high = middle - 1;
  }
  const block = steps[low]?.block;
  return block && block.range.start.line <= line && line <= block.range.end.line ? low : -1;
}
