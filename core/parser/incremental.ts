// Parsing successive versions of one document, as an editor does on every keystroke.
// Blocks whose text and first line did not change keep their parsed XML (BlockCache). An edit
// that stays within the lines of an XML block (most typing, and Enter or Backspace there) goes
// further: that block alone is re-parsed and spliced into the previous result, without reading the
// rest of the file again; what lies below moves by the lines added or removed. Other edits among
// the steps (typing on an action or comment line) re-read the steps around them, and edits of the
// definitions re-read the definitions, and when they change the characters' names, only the action
// lines that the new names read otherwise, if any, with the steps around them (stepWindow.ts,
// names.ts); edits of the separator parse the whole text.

import type { Range, Scenario, Step } from '../model.js';
import { BlockCache } from './blockCache.js';
import type { LineIndex } from './lines.js';
import { actionLine, firstStepBelow, MovedBlock, movedStanzas, movedStep, stepWith } from './moved.js';
import { blockOf, parseBlock, ScenarioParser } from './scenario.js';
import { isSpace } from './chars.js';
import { shiftDiagnostic, shiftRange } from './shift.js';
import { commonPrefix, commonSuffix } from './textDiff.js';
import { commentMarker } from './comments.js';
import { spliceDefinitions, spliceSteps, type StepsWindow } from './stepWindow.js';

/** What the previous parse left for the next one. */
export interface Previous {
  text: string;
  lines: LineIndex;
  scenario: Scenario;
  /** ScenarioParser.blockDiagnosticsAt for `scenario`. */
  blockDiagnosticsAt: number[];
}

/** How a parse result differs from the one before it when the parser spliced it (an edit within
 *  one step's block, or blank lines added or removed between steps): old lines [line, oldLast]
 *  became new lines [line, newLast] (0-based), everything below them moved newLast - oldLast
 *  lines, and everything above them is shared. */
export interface SplicedEdit {
  /** The result this one was made from. */
  previous: Scenario;
  line: number;
  oldLast: number;
  newLast: number;
  /** The old lines [line, oldLast] and the new lines [line, newLast], without their line breaks. */
  oldLines: string[];
  newLines: string[];
  /** The step whose block was parsed again; undefined when only blank lines were added or removed,
   *  or when steps around the edit were read again (`window`). */
  stepIndex?: number;
  /** The lines and steps read again, when the edit was not within one block (stepWindow.ts). */
  window?: StepsWindow;
  /** When the definitions read again (`window` from line 0) changed the characters' names: the
   *  steps read again because their action lines read otherwise under the new names, in the new
   *  text's lines (no line moved then). */
  steps?: StepsWindow;
}

/** Where a new text differs from the previous one: old lines [line, oldLast] became new lines
 *  [line, newLast]. */
export interface Edit {
  text: string;
  lines: LineIndex;
  line: number;
  oldLast: number;
  newLast: number;
}

/**
 * Parses successive versions of one document (an editor buffer). The results equal
 * parseScenario's; parts that did not change are shared with the previous result (stanza objects,
 * and after an edit within one block, everything above it), so treat results as read-only.
 */
export class IncrementalParser {
  private readonly cache = new BlockCache();
  private previous: Previous | undefined;
  /** How the last result differs from the one before it when it was spliced; undefined after a
   *  whole parse. IncrementalDiagnostics uses it. */
  lastEdit: SplicedEdit | undefined;

  parse(text: string): Scenario {
    this.lastEdit = undefined;
    const edit = this.previous && lineEdit(this.previous, text);
    const spliced =
      edit && (this.reparseOneBlock(this.previous!, edit) ?? this.moveBlankLines(this.previous!, edit) ?? this.reparseAround(this.previous!, edit));
    if (spliced) return spliced;
    // The blocks below the edit are found at their new lines (by line, a cheap lookup, rather than
    // by text); the cache checks each block's text either way.
    if (edit) this.cache.moveLines(edit.oldLast, edit.newLast - edit.oldLast);
    const parser = new ScenarioParser(text, this.cache);
    const scenario = parser.parse();
    this.cache.finish();
    this.previous = { text, lines: parser.lines, scenario, blockDiagnosticsAt: parser.blockDiagnosticsAt };
    return scenario;
  }

  /** The new result when the edit lies within the lines of one XML block, and the lines it changes,
   *  adds or removes stay part of that block; undefined otherwise. That block alone is parsed. */
  private reparseOneBlock(previous: Previous, edit: Edit): Scenario | undefined {
    const { text, lines, line, oldLast, newLast } = edit;
    const moved = newLast - oldLast;
    const index = stepWithBlockAt(previous.scenario.steps, line);
    if (index === -1) return undefined;
    const step = previous.scenario.steps[index];
    const first = step.block!.range.start.line;
    const oldBlockLast = step.block!.range.end.line;
    if (oldLast > oldBlockLast) return undefined;
    const last = oldBlockLast + moved;
    if (moved !== 0 && !canMoveBelow(previous.scenario, oldBlockLast)) return undefined;
    // The lines must stay in the block: indented (or empty), before and after the edit (a comment
    // line inside the block, SCANSION.md section 1, that the edit turns into XML or back), and not
    // blank where the block's range begins or ends.
    if (!allIndented(previous.text, previous.lines, line, oldLast) || !allIndented(text, lines, line, newLast)) return undefined;
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
    // What lies below the edit moves first, then the block's step and XML diagnostics (which lie
    // together in the parser's list) are swapped for the new ones.
    const below = moveBelow(previous.scenario, oldLast, moved);
    const steps = below.steps === previous.scenario.steps ? below.steps.slice() : below.steps;
    steps[index] = stepWith(step, { start: step.range.start, end: range.end }, blockOf(range, parsed));
    let { diagnostics } = below;
    let { blockDiagnosticsAt } = previous;
    const at = blockDiagnosticsAt[index];
    if (removed > 0 || parsed.diagnostics.length > 0) {
      diagnostics = [...diagnostics.slice(0, at), ...parsed.diagnostics, ...diagnostics.slice(at + removed)];
      const shift = parsed.diagnostics.length - removed;
      if (shift !== 0) blockDiagnosticsAt = blockDiagnosticsAt.map((value, i) => (i > index ? value + shift : value));
    }
    const scenario: Scenario = { ...below, text, steps, diagnostics };
    this.previous = { text, lines, scenario, blockDiagnosticsAt };
    this.lastEdit = splicedEdit(previous, edit, line, oldLast, newLast, index);
    return scenario;
  }

  /** The new result when the edit only adds or removes blank lines between steps (Enter at the end
   *  of a line outside a block, Backspace on an empty line); undefined otherwise. Nothing is parsed. */
  private moveBlankLines(previous: Previous, edit: Edit): Scenario | undefined {
    const { text, lines } = edit;
    const old = previous.lines;
    // Drop the lines that are equal before and after: those left must all be blank.
    let first = edit.line;
    let oldLast = edit.oldLast;
    let newLast = edit.newLast;
    while (first <= Math.min(oldLast, newLast) && old.line(first) === lines.line(first)) first++;
    while (oldLast >= first && newLast >= first && old.line(oldLast) === lines.line(newLast)) {
      oldLast--;
      newLast--;
    }
    for (let line = first; line <= oldLast; line++) if (!isBlank(previous.text, old.starts[line], old.ends[line])) return undefined;
    for (let line = first; line <= newLast; line++) if (!isBlank(text, lines.starts[line], lines.ends[line])) return undefined;
    // Old lines [first, oldLast] (maybe none) gave way to new blank lines [first, newLast]. Nothing
    // may span them (the blank lines of a block or an indented run belong to it), and they must
    // not part or join comment lines (a step's heading is the first of a group of comment lines).
    const { scenario } = previous;
    const spans = (range: Range) => range.start.line < first && range.end.line >= first;
    // Blank lines between an action line and its block are read past (the block moves).
    const blockBelow = (step: Step) => step.block !== undefined && step.block.range.start.line > oldLast;
    // Steps do not overlap: only the last one starting above `first` can span it.
    const above = scenario.steps[firstStepBelow(scenario.steps, first - 1) - 1];
    if (above && spans(above.range) && !blockBelow(above)) return undefined;
    if (scenario.diagnostics.some((item) => spans(item.range))) return undefined;
    if (!canMoveBelow(scenario, first - 1)) return undefined;
    const metadata = [scenario.metadata.title, ...scenario.metadata.description, ...scenario.metadata.tags];
    if (metadata.some((item) => item !== undefined && item.range.start.line >= first)) return undefined;
    if (isCommentLine(text, lines, previousNonBlank(text, lines, first - 1)) && isCommentLine(text, lines, nextNonBlank(text, lines, newLast + 1)))
      return undefined;
    const moved = newLast - oldLast;
    this.cache.moveLines(first - 1, moved);
    const result = moveBelow({ ...scenario, text }, first - 1, moved);
    this.previous = { text, lines, scenario: result, blockDiagnosticsAt: previous.blockDiagnosticsAt };
    this.lastEdit = splicedEdit(previous, edit, first, oldLast, newLast);
    return result;
  }

  /** The new result when the steps around the edit, or the definitions, can be read again alone
   *  (spliceSteps, spliceDefinitions); undefined otherwise. */
  private reparseAround(previous: Previous, edit: Edit): Scenario | undefined {
    const splice = spliceSteps(previous, edit, this.cache) ?? spliceDefinitions(previous, edit, this.cache);
    if (!splice) return undefined;
    const { line, oldLast, newLast } = edit;
    this.cache.moveLines(Math.min(oldLast, newLast), newLast - oldLast);
    const { scenario, blockDiagnosticsAt, window, steps } = splice;
    this.previous = { text: edit.text, lines: edit.lines, scenario, blockDiagnosticsAt };
    this.lastEdit = { ...splicedEdit(previous, edit, line, oldLast, newLast), window };
    if (steps) this.lastEdit.steps = steps;
    return scenario;
  }
}

/** The edit from the previous text to `text`, as lines; undefined when the texts are equal or the
 *  edit involves a \r (a \r\n split or joined, or \r line breaks: parse afresh). */
function lineEdit(previous: Previous, text: string): Edit | undefined {
  const old = previous.text;
  if (old === text) return undefined;
  const start = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - start);
  const oldEnd = old.length - suffix;
  const newEnd = text.length - suffix;
  if (start > 0 && old.charCodeAt(start - 1) === 13) return undefined;
  if (has(old, start, oldEnd, 13) || has(text, start, newEnd, 13)) return undefined;
  const line = previous.lines.lineAt(start);
  const oldLast = previous.lines.lineAt(oldEnd);
  const newBreaks = count(text, start, newEnd, 10);
  const oldBreaks = count(old, start, oldEnd, 10);
  const newLast = oldLast + newBreaks - oldBreaks;
  const lines =
    newBreaks + oldBreaks === 0 ? previous.lines.edited(text, line, newEnd - oldEnd) : previous.lines.replaced(text, line, oldLast, newLast, newEnd - oldEnd);
  return { text, lines, line, oldLast, newLast };
}

function splicedEdit(previous: Previous, edit: Edit, line: number, oldLast: number, newLast: number, stepIndex?: number): SplicedEdit {
  const spliced: SplicedEdit = {
    previous: previous.scenario,
    line,
    oldLast,
    newLast,
    oldLines: linesOf(previous.text, previous.lines, line, oldLast),
    newLines: linesOf(edit.text, edit.lines, line, newLast),
  };
  if (stepIndex !== undefined) spliced.stepIndex = stepIndex;
  return spliced;
}

/** The texts of lines [first, last], without their line breaks. */
function linesOf(text: string, lines: LineIndex, first: number, last: number): string[] {
  const found: string[] = [];
  for (let line = first; line <= last; line++) found.push(text.slice(lines.starts[line], lines.ends[line]));
  return found;
}

/** Whether everything below line `line` is steps, comments and diagnostics that only move when
 *  lines are added or removed above them: no definition or separator (rare below the steps), no
 *  diagnostic whose data or text names lines. */
function canMoveBelow(scenario: Scenario, line: number): boolean {
  if (scenario.separator && scenario.separator.start.line > line) return false;
  if (scenario.characters.some((character) => character.range.end.line > line)) return false;
  return !scenario.diagnostics.some((item) => item.code === 'unindented-continuation' && item.range.start.line > line);
}

/** `scenario` with its steps, blocks, comments and parser diagnostics below line `after` moved
 *  `lines` lines down. The steps below become views (moved.ts): one object each, nothing copied. */
function moveBelow(scenario: Scenario, after: number, lines: number): Scenario {
  if (lines === 0) return scenario;
  const below = (range: Range) => range.start.line > after;
  const steps = scenario.steps.slice();
  const first = firstStepBelow(steps, after);
  for (let i = first; i < steps.length; i++) steps[i] = movedStep(steps[i], lines);
  // Only the step right above can have its block below (the lines moved were between its action
  // line and its block): steps do not overlap.
  const above = steps[first - 1];
  if (above?.block && below(above.block.range)) {
    const block = new MovedBlock(shiftRange(above.block.range, lines), movedStanzas(above.block, lines));
    steps[first - 1] = stepWith(above, { start: above.range.start, end: shiftRange(above.range, lines).end }, block);
  }
  return {
    ...scenario,
    steps,
    comments: scenario.comments.map((comment) =>
      below(comment.range) ? { text: comment.text, marker: comment.marker, range: shiftRange(comment.range, lines) } : comment,
    ),
    diagnostics: scenario.diagnostics.map((item) => (below(item.range) ? shiftDiagnostic(item, lines) : item)),
  };
}

function previousNonBlank(text: string, lines: LineIndex, from: number): number {
  let line = from;
  while (line >= 0 && isBlank(text, lines.starts[line], lines.ends[line])) line--;
  return line;
}

function nextNonBlank(text: string, lines: LineIndex, from: number): number {
  let line = from;
  while (line < lines.count && isBlank(text, lines.starts[line], lines.ends[line])) line++;
  return line;
}

/** Whether `line` (maybe out of range) is a comment line at column 0. */
function isCommentLine(text: string, lines: LineIndex, line: number): boolean {
  return line >= 0 && line < lines.count && commentMarker(text, lines.starts[line], lines.ends[line]) !== undefined;
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
    if (actionLine(steps[middle]) < line) low = middle;
    else high = middle - 1;
  }
  const block = steps[low]?.block;
  return block && block.range.start.line <= line && line <= block.range.end.line ? low : -1;
}
